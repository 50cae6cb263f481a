/**
 * Hostile workbooks (see hostile.ts) through `checkWorkbook(readWorkbookGrid(...))` and through the
 * command line: tables found or a clear Chinese message, never a crash, never a hang (the jest timeouts guard
 * against hangs; nothing here is timed: the time of the CLI on merges-10000 is a goal of `npm run bench`).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { WorkbookReadError, readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';
import type { CheckResult } from '../../src/core/findings';
import type { WorkbookGrid } from '../../src/core/grid';
import { buildCliBundle, runCli } from './cli-bundle';
import { HOSTILE, MAX_COLS, MAX_ROWS, NOT_WORKBOOKS, writeAll } from './hostile';

jest.setTimeout(60_000);

interface Checked {
  grid: WorkbookGrid;
  result: CheckResult;
}

const checked = new Map<string, Checked>();
let files: Map<string, string>;
let bin: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-hostile-'));
  files = await writeAll(dir);
  for (const h of HOSTILE) {
    const grid = await readWorkbookGrid(files.get(h.name)!);
    checked.set(h.name, { grid, result: checkWorkbook(grid) });
  }
  bin = buildCliBundle('hostile');
}, 120_000);

function get(name: string): Checked {
  const c = checked.get(name);
  if (!c) throw new Error(`case ${name} not checked`);
  return c;
}

const cells = (r: CheckResult, sheet?: string) =>
  r.findings.filter((f) => !sheet || f.sheet === sheet).map((f) => `${f.sheet}!${f.cell} ${f.code}`);

describe('every hostile workbook: no crash, findings inside the sheet', () => {
  test.each(HOSTILE.map((h) => [h.name, h.about]))('%s (%s)', (name) => {
    const { grid, result } = get(name);
    const sheets = new Set(grid.sheets.map((s) => s.name));
    for (const f of result.findings) {
      expect(sheets.has(f.sheet)).toBe(true);
      expect(f.row).toBeGreaterThanOrEqual(0);
      expect(f.col).toBeGreaterThanOrEqual(0);
      expect(f.row).toBeLessThan(MAX_ROWS);
      expect(f.col).toBeLessThan(MAX_COLS);
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const t of result.tables) expect(sheets.has(t.sheet)).toBe(true);
    // every sheet is accounted for: it has tables or is listed as having none
    const withTables = new Set(result.tables.map((t) => t.sheet));
    for (const s of sheets) expect(withTables.has(s) || result.sheetsWithoutTables.includes(s)).toBe(true);
  });
});

test("a cell at XFD1048576, and a table whose corner is Excel's last cell", () => {
  const { result } = get('limits');
  expect(result.tables.map((t) => [t.sheet, t.name])).toEqual([
    ['末尾单元格', '农村干部健康体检经费'],
    ['右下角', '干部教育培训经费'],
  ]);
  expect(result.tables[1].range).toBe('XEZ1048559:XFD1048576');
  expect(cells(result)).toEqual(['右下角!XFD1048576 missing-value']);
});

// "in seconds, not minutes" (exceljs's own merge handling is quadratic: ~15 s) is timed by `npm run bench`
// (section floor, goal < 10 s for the whole CLI on this workbook): no count of the reader's work is exposed
test('10,000 merged areas on a sheet are read: every area kept, the tables found', () => {
  const { grid, result } = get('merges-10000');
  expect(grid.sheets.map((s) => s.merges.length).every((n) => n >= 10_000)).toBe(true);
  expect(result.tables.map((t) => [t.sheet, t.name])).toEqual([
    ['空合并', '农村干部健康体检经费'],
    ['带文字的合并', '农村干部健康体检经费'],
  ]);
  // empty merged areas beside a clean table change nothing
  expect(result.tables[0].range).toBe('A1:G17');
  expect(cells(result, '空合并')).toEqual([]);
});

test('overlapping merged areas (exceljs refuses them) are read', () => {
  const { result } = get('overlapping-merges');
  expect(result.tables.map((t) => t.name)).toEqual(['农村干部健康体检经费']);
  expect(result.summary.errors).toBe(0);
});

test('formula errors in money and spending-plan cells are reported at their cells', () => {
  const { result } = get('formula-errors');
  expect(result.tables).toHaveLength(1);
  const at = (cell: string) => result.findings.find((f) => f.cell === cell);
  expect(at('C4')).toMatchObject({ code: 'sum-mismatch', severity: 'error' });
  expect(at('C4')!.message).toContain('#REF!');
  expect(at('C7')).toMatchObject({ code: 'spending-plan', severity: 'error' });
  expect(at('C7')!.message).toContain('#DIV/0!');
  expect(at('F13')!.message).toContain('#REF!');
  // E4 is a formula with a good cached result (8): no finding
  expect(at('E4')).toBeUndefined();
});

test('numbers stored as text read like numbers; a real mismatch among them is still found', () => {
  const { result } = get('text-numbers');
  expect(cells(result, '文本数字')).toEqual([]);
  expect(cells(result, '文本数字不平')).toEqual(['文本数字不平!C4 sum-mismatch']);
});

test('dates where numbers belong are reported at their cells', () => {
  const { result } = get('dates');
  const at = (cell: string) => result.findings.filter((f) => f.cell === cell);
  expect(at('C4').some((f) => f.severity === 'error')).toBe(true);
  expect(at('C7').map((f) => f.code)).toEqual(['spending-plan']);
  expect(at('F10')).toHaveLength(1);
});

test('32,767-character cells: tables found, the long values reported', () => {
  const { result } = get('long-cells');
  expect(result.tables.map((t) => t.sheet)).toEqual(['超长文本', '超长算式']);
  expect(result.tables[0].name.startsWith('干部教育培训经费干部教育培训经费')).toBe(true);
  expect(result.tables[1].name).toBe('中共遂溪县委组织部');
  const codes = new Set(result.findings.filter((f) => f.sheet === '超长文本').map((f) => `${f.cell} ${f.code}`));
  expect(codes).toContain('E10 value-format');
  expect(codes).toContain('E11 vague-value');
});

test('hidden, veryHidden and protected sheets are checked like the others', () => {
  const { grid, result } = get('hidden-protected');
  expect(grid.sheets.map((s) => [s.name, !!s.hidden, !!s.protected])).toEqual([
    ['可见', false, false],
    ['隐藏', true, false],
    ['深度隐藏', true, false],
    ['受保护', false, true],
  ]);
  expect(result.tables.map((t) => [t.sheet, t.name])).toEqual([
    ['可见', '干部教育培训经费'],
    ['隐藏', '农村干部健康体检经费'],
    ['深度隐藏', '党员教育培训经费'],
    ['受保护', '中共遂溪县委组织部'],
  ]);
  expect(result.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
});

test('no 绩效目标表, an empty sheet, no sheet at all: no tables, every sheet listed', () => {
  expect(get('no-table').result.tables).toEqual([]);
  expect(get('no-table').result.sheetsWithoutTables).toEqual(['收入支出决算表', '说明']);
  expect(get('empty-sheet').result).toEqual({
    tables: [],
    findings: [],
    sheetsWithoutTables: ['Sheet1'],
    summary: { errors: 0, warnings: 0, infos: 0 },
  });
  expect(get('no-sheets').result).toEqual({
    tables: [],
    findings: [],
    sheetsWithoutTables: [],
    summary: { errors: 0, warnings: 0, infos: 0 },
  });
});

test.each(NOT_WORKBOOKS.map((h) => [h.name, h.about]))('not a workbook: %s (%s) -> a Chinese reason', async (name) => {
  const err = await readWorkbookGrid(files.get(name)!).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookReadError);
  expect((err as Error).message).toMatch(/不是有效的 \.xlsx 文件|文件已损坏/);
});

describe('the command line on all of them at once', () => {
  let json: ReturnType<typeof runCli>;
  beforeAll(() => {
    json = runCli(bin, ['--format', 'json', '--jobs', '2', ...files.values()], { timeout: 60_000 });
  });

  test('one JSON document, the same tables and findings as in process; unreadable files named', () => {
    expect(json.err).toBe('');
    expect(json.code).toBe(2); // some inputs are not workbooks
    const doc = JSON.parse(json.out) as {
      files: { file: string; error?: string; tables: unknown[]; findings: { code: string; cell: string; sheet: string }[] }[];
    };
    const names = [...files.keys()];
    expect(doc.files.map((f) => f.file)).toEqual([...files.values()]);
    doc.files.forEach((f, i) => {
      const name = names[i];
      const c = checked.get(name);
      if (!c) {
        expect(f.error).toMatch(/不是有效的 \.xlsx 文件|文件已损坏/);
        return;
      }
      expect(f.error).toBeUndefined();
      expect(f.tables).toEqual(c.result.tables.map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind, name: t.name })));
      expect(f.findings.map((x) => `${x.sheet}!${x.cell} ${x.code}`)).toEqual(cells(c.result));
    });
  });

  test('the table report says why, in Chinese, for every file', () => {
    const r = runCli(bin, ['--jobs', '1', ...files.values()], { timeout: 60_000 });
    expect(r.code).toBe(2);
    for (const name of ['no-table', 'empty-sheet', 'no-sheets']) {
      const block = r.out.split('\n\n').find((b) => b.includes(`${name}.xlsx`))!;
      expect(block).toMatch(/未找到绩效目标表/);
    }
    const errLines = r.err.trim().split('\n');
    expect(errLines).toHaveLength(NOT_WORKBOOKS.length);
    NOT_WORKBOOKS.forEach((h, i) => expect(errLines[i]).toMatch(new RegExp(`${h.name}\\.xlsx：(不是有效的 \\.xlsx 文件|文件已损坏)`)));
    expect(r.out).toMatch(/汇总：\d+ 个文件（3 个无法读取）/);
  });
});
