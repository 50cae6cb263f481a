/**
 * The manifest passes the offline validation, and the validation does catch broken manifests;
 * the deployment manifest (npm run build -- --env url=…, dist/manifest.xml) built from it.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'validate-manifest.cjs');
const MANIFEST = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

type Result = { errors: string[]; warnings: string[]; base?: string };
type Options = { baseUrl?: string; siteDir?: string; pages?: boolean; reference?: string };
// plain CommonJS modules shared with webpack.config.js and npm run validate
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { normaliseBaseUrl, baseUrlFromEnv, rewriteManifest } = require('../../scripts/manifest-url.cjs') as {
  normaliseBaseUrl: (url: string) => string;
  baseUrlFromEnv: (env: Record<string, unknown>, environ: Record<string, string | undefined>) => { url: string; from: string } | null;
  rewriteManifest: (xml: string, url: string) => string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validateManifest } = require('../../scripts/validate-manifest.cjs') as {
  validateManifest: (xml: string, opts?: Options) => Result;
};

/** The command line, on a copy in a temporary folder (icons from the repository's assets/). */
function validate(xml: string, ...args: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
  const file = path.join(dir, 'manifest.xml');
  writeFileSync(file, xml);
  const env = { ...process.env };
  delete env.JXMB_ADDIN_URL;
  const r = spawnSync(process.execPath, [SCRIPT, file, ...args], { encoding: 'utf8', env });
  rmSync(dir, { recursive: true, force: true });
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
  [
    'unknown element',
    (x) => x.replace('<Hosts>\n    <Host Name="Workbook"/>', '<Hosts>\n    <Hostt Name="Workbook"/>'),
    /not a valid child/,
  ],
];

test.each(BROKEN)('a manifest with %s fails validation', (_name, mutate, message) => {
  const broken = mutate(MANIFEST);
  expect(broken).not.toBe(MANIFEST);
  const r = validate(broken);
  expect(r.status).not.toBe(0);
  expect(r.out).toMatch(message);
});

// ---------------------------------------------------------------------------------------------
// deployment manifest

const URL_ = 'https://addin.example.gov.cn/jxmb/';
const ID = /<Id>([^<]*)<\/Id>/.exec(MANIFEST)![1];
/** Every URL-like value of the manifest (attributes and element text), comments and namespaces left out. */
const urlsOf = (xml: string) =>
  [
    ...xml
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/\sxmlns(:\w+)?="[^"]*"/g, '')
      .matchAll(/https?:\/\/[^"'<\s]+/g),
  ].map((m) => m[0]);

test('the development manifest uses https://localhost:3000 (what the build replaces)', () => {
  const urls = urlsOf(MANIFEST);
  expect(urls.length).toBeGreaterThanOrEqual(10);
  expect(urls.every((u) => u.startsWith('https://localhost:3000/'))).toBe(true);
});

test('the base address is normalised to https://host/path/ with one trailing slash', () => {
  expect(normaliseBaseUrl('https://addin.example.gov.cn/jxmb')).toBe(URL_);
  expect(normaliseBaseUrl(' https://addin.example.gov.cn/jxmb/ ')).toBe(URL_);
  expect(normaliseBaseUrl('https://addin.example.gov.cn/jxmb///')).toBe(URL_);
  expect(normaliseBaseUrl('HTTPS://Addin.Example.GOV.cn:443/jxmb')).toBe(URL_);
  expect(normaliseBaseUrl('https://addin.example.gov.cn')).toBe('https://addin.example.gov.cn/');
  expect(normaliseBaseUrl('https://10.1.2.3:8443/')).toBe('https://10.1.2.3:8443/');
});

test.each([
  ['http://addin.example.gov.cn/jxmb/', /must start with https:\/\//],
  ['addin.example.gov.cn/jxmb/', /must start with https:\/\//],
  ['file:///srv/jxmb/', /must start with https:\/\//],
  ['//addin.example.gov.cn/', /must start with https:\/\//],
  ['', /is empty/],
  ['https://', /not a valid URL/],
  ['https://addin.example.gov.cn/jxmb/?v=1', /query/],
  ['https://addin.example.gov.cn/jxmb/#x', /fragment/],
  ['https://user:pw@addin.example.gov.cn/', /user name or password/],
  ['https://addin.example.gov.cn/jxmb/taskpane.html', /looks like a file/],
])('the address %j is rejected', (url, message) => {
  expect(() => normaliseBaseUrl(url)).toThrow(message);
  expect(() => rewriteManifest(MANIFEST, url)).toThrow(message);
});

test('--env url comes before JXMB_ADDIN_URL; neither: no address', () => {
  expect(baseUrlFromEnv({ url: 'https://a.example/x' }, { JXMB_ADDIN_URL: 'https://b.example/' })).toEqual({
    url: 'https://a.example/x/',
    from: '--env url',
  });
  expect(baseUrlFromEnv({}, { JXMB_ADDIN_URL: 'https://b.example' })).toEqual({ url: 'https://b.example/', from: 'JXMB_ADDIN_URL' });
  expect(baseUrlFromEnv({ WEBPACK_BUNDLE: true }, { JXMB_ADDIN_URL: '  ' })).toBeNull();
  expect(() => baseUrlFromEnv({ url: true }, {})).toThrow(/needs a value/); // --env url
  expect(() => baseUrlFromEnv({ url: undefined }, {})).toThrow(/needs a value/); // --env url=
  expect(() => baseUrlFromEnv({}, { JXMB_ADDIN_URL: 'http://b.example/' })).toThrow(
    /JXMB_ADDIN_URL "http:\/\/b.example\/" must start with https/,
  );
});

describe('the deployment manifest for https://addin.example.gov.cn/jxmb/', () => {
  const built = rewriteManifest(MANIFEST, 'https://addin.example.gov.cn/jxmb'); // no trailing slash: normalised

  test('every URL is moved, nothing else changes', () => {
    const urls = urlsOf(built);
    expect(urls).toHaveLength(urlsOf(MANIFEST).length);
    for (const u of urls) expect(u.startsWith(URL_)).toBe(true);
    expect(built).not.toContain('localhost');
    expect(built).not.toContain('jxmb//');
    expect(built).toContain(`<SourceLocation DefaultValue="${URL_}taskpane.html"/>`);
    expect(built).toContain(`<bt:Url id="Commands.Url" DefaultValue="${URL_}commands.html"/>`);
    expect(built).toContain(`<bt:Image id="Icon.80x80" DefaultValue="${URL_}assets/icon-80.png"/>`);
    expect(built).toContain(`<HighResolutionIconUrl DefaultValue="${URL_}assets/icon-64.png"/>`);
    expect(built).toContain(`<Id>${ID}</Id>`);
    // apart from the URLs and the leading comment, byte for byte the development manifest
    const body = (x: string) => x.replace(/<!--[\s\S]*?-->/, '').replace(/https:\/\/[^"'<\s]*?(?=assets\/|[\w-]+\.html)/g, 'BASE/');
    expect(body(built)).toBe(body(MANIFEST));
    expect(built).toMatch(/generated by `npm run build`/);
  });

  test('it passes the offline validation, with the address given', () => {
    const r = validateManifest(built, { baseUrl: URL_, reference: MANIFEST });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.base).toBe(URL_);
  });

  test('the command line validates it too', () => {
    const r = validate(built, '--url', URL_);
    expect(r.out).toContain(`URLs under ${URL_} (given)`);
    expect(r.status).toBe(0);
  });

  test('an address with XML special characters is escaped', () => {
    const x = rewriteManifest(MANIFEST, "https://addin.example.gov.cn/a&b'c/");
    expect(x).toContain('DefaultValue="https://addin.example.gov.cn/a&amp;b&apos;c/taskpane.html"');
    expect(validateManifest(x, { baseUrl: "https://addin.example.gov.cn/a&b'c/", reference: MANIFEST }).errors).toEqual([]);
  });

  test('an internationalised host name (punycode) and a port', () => {
    const x = rewriteManifest(MANIFEST, 'https://绩效.example.cn:8443/');
    expect(x).toContain('DefaultValue="https://xn--');
    expect(x).toContain('.example.cn:8443/taskpane.html"');
    expect(validateManifest(x, { reference: MANIFEST }).errors).toEqual([]);
  });

  test('a bare origin (AppDomain) becomes the new origin', () => {
    const dev = MANIFEST.replace('<Hosts>', '<AppDomains>\n    <AppDomain>https://localhost:3000</AppDomain>\n  </AppDomains>\n  <Hosts>');
    expect(validateManifest(dev).errors).toEqual([]);
    const x = rewriteManifest(dev, URL_);
    expect(x).toContain('<AppDomain>https://addin.example.gov.cn</AppDomain>');
    expect(x).not.toContain('localhost');
  });

  test('a development URL that cannot be replaced stops the build', () => {
    const dev = MANIFEST.replace('https://localhost:3000/commands.html', 'https://localhost:3000?commands');
    expect(() => rewriteManifest(dev, URL_)).toThrow(/could not be replaced/);
  });

  test('the validator checks one origin, the address given, the Id and Hosts of manifest.xml', () => {
    const check = (x: string, opts: Options = {}) => validateManifest(x, { reference: MANIFEST, ...opts }).errors.join('\n');
    expect(check(built.replace(`${URL_}commands.html`, 'https://other.example.gov.cn/jxmb/commands.html'))).toMatch(
      /is not on https:\/\/addin\.example\.gov\.cn: every URL must share one origin/,
    );
    expect(check(built.replace(`${URL_}assets/icon-16.png`, 'https://addin.example.gov.cn/elsewhere/icon-16.png'))).toMatch(
      /is not under https:\/\/addin\.example\.gov\.cn\/jxmb\//,
    );
    expect(check(built.replace(/https:\/\/addin/g, 'http://addin'))).toMatch(/must use https/);
    expect(check(built, { baseUrl: 'https://addin.example.gov.cn/other/' })).toMatch(
      /SourceLocation .* is not in https:\/\/addin\.example\.gov\.cn\/other\//,
    );
    expect(check(built, { baseUrl: 'https://intranet.example.gov.cn/jxmb/' })).toMatch(/is not on https:\/\/intranet\.example\.gov\.cn/);
    expect(check(built.replace(ID, '00000000-0000-4000-8000-000000000000'))).toMatch(
      /<Id> is "00000000-0000-4000-8000-000000000000" but the development manifest \(manifest\.xml\) has/,
    );
    expect(check(built.replace('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.9"/>'))).toMatch(
      /<Requirements> is .*1\.9.* but the development manifest/,
    );
    expect(check(built.replace('<Host Name="Workbook"/>', '<Host Name="Workbook"/>\n    <Host Name="Document"/>'))).toMatch(
      /<Hosts> is "Workbook, Document"/,
    );
  });

  test('a built manifest that still points to localhost passes with a warning', () => {
    const r = validateManifest(MANIFEST, { reference: MANIFEST });
    expect(r.errors).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/still points to https:\/\/localhost:3000 \(the development server\).*--env url=/);
  });

  test('next to a site folder (dist/manifest.xml + dist/addin/), the pages and icons must be there', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'manifest-dist-'));
    try {
      const site = path.join(dist, 'addin');
      mkdirSync(path.join(site, 'assets'), { recursive: true });
      for (const size of [16, 32, 64, 80])
        copyFileSync(path.join(ROOT, 'assets', `icon-${size}.png`), path.join(site, 'assets', `icon-${size}.png`));
      writeFileSync(path.join(site, 'taskpane.html'), '<!doctype html>');
      writeFileSync(path.join(dist, 'manifest.xml'), built);
      const env = { ...process.env };
      delete env.JXMB_ADDIN_URL;
      const run = () => spawnSync(process.execPath, [SCRIPT, path.join(dist, 'manifest.xml')], { encoding: 'utf8', env });
      let r = run();
      expect(r.stderr).toMatch(/commands\.html: commands\.html does not exist in .*addin\//);
      expect(r.status).toBe(1);
      writeFileSync(path.join(site, 'commands.html'), '<!doctype html>');
      r = run();
      expect(r.stdout).toMatch(
        /valid .*URLs under https:\/\/addin\.example\.gov\.cn\/jxmb\/; files in .*addin\/; Id, Hosts and requirement sets as in manifest\.xml/,
      );
      expect(r.status).toBe(0);
      rmSync(path.join(site, 'assets', 'icon-80.png'));
      expect(validateManifest(built, { siteDir: site, reference: MANIFEST }).errors.join('\n')).toMatch(
        /assets\/icon-80\.png does not exist/,
      );
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
