/** The manifest passes the offline validation, and the validation does catch broken manifests. */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'validate-manifest.mjs');
const MANIFEST = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

function validate(xml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
  const file = path.join(dir, 'manifest.xml');
  writeFileSync(file, xml);
  const r = spawnSync(process.execPath, [SCRIPT, file], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('manifest.xml is valid', () => {
  const r = validate(MANIFEST);
  expect(r.out).toContain('valid');
  expect(r.status).toBe(0);
});

test('the manifest declares what the issue asks for', () => {
  expect(MANIFEST).toContain('xsi:type="TaskPaneApp"');
  expect(MANIFEST).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(MANIFEST).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
  expect(MANIFEST).toMatch(/<Override Locale="en-US"/);
  expect(MANIFEST).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
  expect(MANIFEST).toContain('<OfficeTab id="TabHome">');
  expect(MANIFEST).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  for (const size of [16, 32, 64, 80, 128]) {
    const png = readFileSync(path.join(ROOT, 'assets', `icon-${size}.png`));
    expect(png.readUInt32BE(16)).toBe(size);
    expect(png.readUInt32BE(20)).toBe(size);
  }
});

const BROKEN: [string, (xml: string) => string, RegExp][] = [
  ['malformed XML', (x) => x.replace('</Hosts>', '</Host>'), /not well-formed/],
  ['elements out of order', (x) => x.replace(/(<Version>.*<\/Version>)\s*(<ProviderName>.*<\/ProviderName>)/, '$2$1'), /out of order/],
  ['missing Permissions', (x) => x.replace(/<Permissions>.*<\/Permissions>/, ''), /missing required child <Permissions>/],
  ['bad GUID', (x) => x.replace(/<Id>[^<]*<\/Id>/, '<Id>not-a-guid</Id>'), /is not a GUID/],
  ['http URL', (x) => x.replace('<SourceLocation DefaultValue="https://', '<SourceLocation DefaultValue="http://'), /must use https/],
  ['unknown resid', (x) => x.replace('resid="TaskpaneButton.Tooltip"', 'resid="Nope"'), /"Nope" is not defined/],
  ['missing 80px icon', (x) => x.replace(/<bt:Image size="80" resid="Icon.80x80"\/>/g, ''), /needs a 80px image/],
  ['missing icon file', (x) => x.replace(/icon-16\.png/g, 'icon-17.png'), /does not exist/],
  ['too long short string', (x) => x.replace('DefaultValue="绩效目标表"', `DefaultValue="${'长'.repeat(126)}"`), /at most 125/],
  ['wrong root type', (x) => x.replace('xsi:type="TaskPaneApp"', 'xsi:type="ContentApp"'), /TaskPaneApp/],
  ['unknown element', (x) => x.replace('<Hosts>\n    <Host Name="Workbook"/>', '<Hosts>\n    <Hostt Name="Workbook"/>'), /not a valid child/],
];

test.each(BROKEN)('a manifest with %s fails validation', (_name, mutate, message) => {
  const broken = mutate(MANIFEST);
  expect(broken).not.toBe(MANIFEST);
  const r = validate(broken);
  expect(r.status).not.toBe(0);
  expect(r.out).toMatch(message);
});
