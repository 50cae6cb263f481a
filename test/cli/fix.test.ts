/**
 * `--fix DIR` (issue #13): a corrected copy of each .xlsx/.xlsm with at least one one-click fix, only the fixed
 * cells changed, the input never touched; no copy of an .xls (a Chinese note); works beside --annotate.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { readXlsx } from '../../src/adapters/xlsx/read';
import { checkWorkbook } from '../../src/core/check';
import { values } from '../annotate/helpers';
import { CLEAN, EXAMPLE, ROOT, buildCliBundle, run } from './helpers';

jest.setTimeout(120_000);

const BEIDAIHE = path.join(ROOT, 'test/fixtures/layoutB-beidaihe.xlsx');
const XLS = path.join(ROOT, 'test/fixtures/xls/示例-绩效目标表.xls');

let bin: string;
let tmp: string;

beforeAll(() => {
  bin = buildCliBundle('fix');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-fix-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
function caseDir(): string {
  const dir = path.join(tmp, `case${n++}`);
  fs.mkdirSync(dir);
  return dir;
}

const read = (file: string) => readXlsx(new Uint8Array(fs.readFileSync(file)));

test('a corrected copy: exactly the fixed cells changed, the input unchanged, the fixed findings gone', () => {
  const dir = caseDir();
  const input = path.join(dir, '北戴河.xlsx');
  fs.copyFileSync(BEIDAIHE, input);
  const original = fs.readFileSync(input);
  const out = path.join(dir, '修正');
  const r = run(bin, ['--fix', out, '--format', 'json', input]);
  // (warnings only: the exit code is that of the input's check, whatever the copy)
  expect(r.code).toBe(0);
  expect(fs.readFileSync(input).equals(original)).toBe(true);
  expect(fs.readdirSync(out)).toEqual(['北戴河-已修正.xlsx']);
  const doc = JSON.parse(r.out);
  const file = doc.files[0];
  const fixes = file.findings
    .filter((f: { fix?: unknown }) => f.fix)
    .map((f: { sheet: string; fix: { cell: string; after: string } }) => f);
  expect(fixes.length).toBe(56);
  expect(file.fixed).toEqual({ applied: 56, skipped: 0, copy: path.join(out, '北戴河-已修正.xlsx') });
  expect(fixes[0].fix).toEqual({ cell: 'F13', before: '≥9090%及以上', after: '≥90%及以上' });
  // cell by cell: the fixed ones hold the corrected text, every other one is as it was
  const before = values(read(input));
  const after = values(read(path.join(out, '北戴河-已修正.xlsx')));
  const fixed = new Map<string, string>(
    fixes.map((f: { sheet: string; fix: { cell: string; after: string } }) => [`${f.sheet}!${f.fix.cell}`, f.fix.after]),
  );
  expect(after.size).toBe(before.size);
  let changed = 0;
  for (const [k, v] of before) {
    expect([k, after.get(k)]).toEqual([k, fixed.get(k) ?? v]);
    if (after.get(k) !== v) changed++;
  }
  expect(changed).toBe(56);
  // checked again: the findings that had a fix are gone, the others are still there
  const again = checkWorkbook(read(path.join(out, '北戴河-已修正.xlsx')));
  expect(again.findings.filter((f) => fixed.has(`${f.sheet}!${f.cell}`) && f.code === 'value-format')).toEqual([]);
  expect(again.findings.length).toBe(file.findings.length - 56);
  expect(again.findings.some((f) => f.fix)).toBe(false);
});

test('the text report says per file how many cells were fixed and where the copy is; --annotate writes its own copy', () => {
  const dir = caseDir();
  const a = path.join(dir, 'a.xlsx');
  const b = path.join(dir, 'b.xlsx');
  fs.copyFileSync(EXAMPLE, a);
  fs.copyFileSync(CLEAN, b);
  const out = path.join(dir, 'out');
  const r = run(bin, ['--fix', out, '--annotate', out, a, b]);
  expect(r.code).toBe(1);
  expect(r.err).toBe('');
  expect(fs.readdirSync(out).sort()).toEqual(['a-已修正.xlsx', 'a-已标注.xlsx', 'b-已标注.xlsx']);
  expect(r.out).toContain(`  修正副本：已修正 10 处，已写入 ${path.join(out, 'a-已修正.xlsx')}\n`);
  expect(r.out).toContain('  修正副本：没有可自动修正的问题，未生成\n');
  expect(r.out.trimEnd().split('\n').slice(-2)).toEqual([
    expect.stringMatching(/^汇总：2 个文件/),
    '修正：共修正 10 处，生成 1 份修正副本',
  ]);
  // the annotated copy is of the input as it was (its notes still name the values typed twice)
  expect(checkWorkbook(read(path.join(out, 'a-已标注.xlsx'))).findings.filter((f) => f.fix).length).toBe(10);
  expect(checkWorkbook(read(path.join(out, 'a-已修正.xlsx'))).findings.filter((f) => f.fix).length).toBe(0);
});

test('an existing copy is not replaced without --force (exit 2), and is with it', () => {
  const dir = caseDir();
  const a = path.join(dir, 'a.xlsx');
  fs.copyFileSync(EXAMPLE, a);
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'a-已修正.xlsx'), 'mine');
  const r = run(bin, ['--fix', out, a]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(`错误：修正副本已存在：${path.join(out, 'a-已修正.xlsx')}（如需覆盖请加 --force）`);
  expect(fs.readFileSync(path.join(out, 'a-已修正.xlsx'), 'utf8')).toBe('mine');
  const forced = run(bin, ['--fix', out, '--force', a]);
  expect(forced.code).toBe(1);
  expect(read(path.join(out, 'a-已修正.xlsx')).sheets.length).toBeGreaterThan(0);
});

test('an .xls gets no copy but a Chinese note; the folder of copies is never checked again', () => {
  const dir = caseDir();
  fs.copyFileSync(XLS, path.join(dir, 'old.xls'));
  fs.copyFileSync(EXAMPLE, path.join(dir, 'a.xlsx'));
  const out = path.join(dir, 'out');
  const r = run(bin, ['--fix', out, dir]);
  expect(r.err).toContain('未生成修正副本：.xls 等旧格式文件无法直接修正，请在 Excel 或 WPS 中另存为 .xlsx 后再修正');
  expect(fs.readdirSync(out)).toEqual(['a-已修正.xlsx']);
  const again = run(bin, ['--fix', out, '--force', dir]);
  expect(again.out).not.toContain('a-已修正.xlsx」');
  expect(again.out.match(/^文件：/gm)!.length).toBe(2);
});

test('--help names --fix', () => {
  const r = run(bin, ['--help']);
  expect(r.out).toMatch(/--fix 目录 +对有可自动修正问题的文件/);
});

test('in process (no worker threads): the same corrected copy and counts', async () => {
  const { checkFiles } = await import('../../src/cli/pool');
  const { resolveConfig } = await import('../../src/core/config');
  const dir = caseDir();
  const a = path.join(dir, 'a.xlsx');
  fs.copyFileSync(EXAMPLE, a);
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  const [r] = await checkFiles([a], { config: resolveConfig({}), annotate: null, fix: out, jobs: 1, script: null });
  expect(r.fix).toEqual({ offered: 10, applied: 10, skipped: 0, copy: path.join(out, 'a-已修正.xlsx') });
  expect(checkWorkbook(read(path.join(out, 'a-已修正.xlsx'))).findings.filter((f) => f.fix)).toEqual([]);
});

test('without --fix the JSON document is as before: no fix on any finding, no fixed entry', () => {
  const r = run(bin, ['--format', 'json', BEIDAIHE]);
  const doc = JSON.parse(r.out);
  expect(doc.files[0].findings.length).toBe(77);
  expect(doc.files[0].findings.some((f: object) => 'fix' in f)).toBe(false);
  expect('fixed' in doc.files[0]).toBe(false);
});
