/**
 * The .xls reader on files LibreOffice wrote (test/fixtures/xls/, made by make.sh): the example and every .xlsx
 * fixture converted to .xls read to the same grid as their .xlsx (read by the .xlsx reader through the file
 * entry), and give the same findings. Where the .xls differs because of what LibreOffice wrote, the difference
 * is listed below with its reason; nothing else may differ.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { WorkbookReadError } from '../../src/adapters/file/errors';
import { CompoundFile } from '../../src/adapters/xls/cfb';
import { readXls, XLS_MESSAGES } from '../../src/adapters/xls/read';
import { checkWorkbook } from '../../src/core/check';
import { resolveConfig } from '../../src/core/config';
import { parseA1, type CellValue, type SheetGrid, type WorkbookGrid } from '../../src/core/grid';

const ROOT = path.resolve(__dirname, '..', '..');
const XLS = path.join(ROOT, 'test', 'fixtures', 'xls');
const bytes = (file: string) => new Uint8Array(fs.readFileSync(file));

/** .xls fixture -> the .xlsx it was converted from. */
const CONVERTED: [string, string][] = [
  ['示例-绩效目标表.xls', 'examples/示例-绩效目标表.xlsx'],
  ['clean.xls', 'test/fixtures/clean.xlsx'],
  ['layoutA-ningxia.xls', 'test/fixtures/layoutA-ningxia.xlsx'],
  ['layoutB-beidaihe.xls', 'test/fixtures/layoutB-beidaihe.xlsx'],
  ['layoutC-hengdong.xls', 'test/fixtures/layoutC-hengdong.xlsx'],
  ['layoutD-suixi.xls', 'test/fixtures/layoutD-suixi.xlsx'],
  ['variants.xls', 'test/fixtures/variants.xlsx'],
  ['features.xls', 'test/fixtures/xls/features.xlsx'],
  ['date1904.xls', 'test/fixtures/xls/date1904.xlsx'],
  ['sst.xls', 'test/fixtures/xls/sst.xlsx'],
];

interface Difference {
  sheet: string;
  cell: string;
  xlsx: CellValue;
  xls: CellValue;
  why: string;
}

/** Every cell where an .xls legitimately differs from its .xlsx. */
const DIFFERENCES: Record<string, Difference[]> = {
  'features.xls': [
    {
      sheet: '数值与格式',
      cell: 'D7',
      xlsx: '#NUM!',
      xls: '#VALUE!',
      why: "convert.py recalculates before saving; LibreOffice computes SQRT(-1) as its Err:502 and writes that as BErr 0x0F (#VALUE!), where the .xlsx caches Excel's #NUM!",
    },
  ],
};

const sortedMerges = (s: SheetGrid) =>
  [...s.merges].sort((a, b) => a.top - b.top || a.left - b.left || a.bottom - b.bottom || a.right - b.right);
/** Everything a grid sheet says; merged areas in a fixed order (the two formats may list them in another). */
const comparable = (s: SheetGrid) => ({
  name: s.name,
  rowOffset: s.rowOffset,
  colOffset: s.colOffset,
  cells: s.cells,
  merges: sortedMerges(s),
  hidden: !!s.hidden,
  protected: !!s.protected,
  hiddenRows: s.hiddenRows ?? [],
  hiddenCols: s.hiddenCols ?? [],
});

/** The .xlsx grid with the listed differences applied (each checked to be there first). */
function expected(xlsx: WorkbookGrid, diffs: Difference[]): ReturnType<typeof comparable>[] {
  const sheets = xlsx.sheets.map((s) => ({ ...comparable(s), cells: s.cells.map((r) => r.slice()) }));
  for (const d of diffs) {
    const s = sheets.find((x) => x.name === d.sheet)!;
    const at = parseA1(d.cell)!;
    const row = s.cells[at.row - s.rowOffset];
    expect(row[at.col - s.colOffset]).toEqual(d.xlsx);
    row[at.col - s.colOffset] = d.xls;
  }
  return sheets;
}

const findings = (g: WorkbookGrid) =>
  checkWorkbook(g, resolveConfig({})).findings.map((f) => ({
    code: f.code,
    sheet: f.sheet,
    cell: f.cell,
    message: f.message,
    severity: f.severity,
  }));

describe.each(CONVERTED)('%s', (xlsName, xlsxPath) => {
  let xls: WorkbookGrid;
  let xlsx: WorkbookGrid;
  beforeAll(async () => {
    xls = readXls(bytes(path.join(XLS, xlsName)));
    xlsx = await readWorkbookGrid(path.join(ROOT, xlsxPath));
  });

  test('the same grid as its .xlsx, sheet by sheet', () => {
    const want = expected(xlsx, DIFFERENCES[xlsName] ?? []);
    expect(xls.sheets.map((s) => s.name)).toEqual(want.map((s) => s.name));
    xls.sheets.forEach((s, i) => expect(comparable(s)).toEqual(want[i]));
  });

  test('the same findings as its .xlsx', () => {
    expect(findings(xls)).toEqual(findings(xlsx));
  });
});

test('the example: tables found and findings reported (not an empty equality)', () => {
  const g = readXls(bytes(path.join(XLS, '示例-绩效目标表.xls')));
  const r = checkWorkbook(g, resolveConfig({}));
  expect(g.sheets.map((s) => s.name)).toEqual(['项目表', '支出计划', '部门整体', '说明']);
  expect(r.tables.length).toBe(7);
  expect(r.findings.length).toBeGreaterThan(40);
});

describe('features.xls (what make-sources.ts wrote, read back)', () => {
  const g = readXls(bytes(path.join(XLS, 'features.xls')));
  const s = g.sheets[0];
  const at = (a1: string) => {
    const p = parseA1(a1)!;
    return s.cells[p.row - s.rowOffset]?.[p.col - s.colOffset] ?? null;
  };

  test('sheets: hidden, very hidden, protected, empty', () => {
    expect(g.sheets.map((x) => [x.name, x.hidden, x.protected])).toEqual([
      ['数值与格式', false, false],
      ['隐藏的表', true, false],
      ['深度隐藏', true, false],
      ['受保护', false, true],
      ['空表', false, false],
    ]);
    expect(g.sheets[4].cells).toEqual([]);
    expect(g.sheets[1]).toMatchObject({ rowOffset: 1, colOffset: 1, cells: [['隐藏工作表']] });
  });

  test('numbers (RK, MULRK, NUMBER) and their formats', () => {
    expect([at('B1'), at('C1'), at('D1'), at('E1')]).toEqual([42, -7, 536870911, 1e12]);
    expect([at('B2'), at('C2'), at('D2'), at('E2')]).toEqual([3.25, 12.34, 0.1, -1234.5678]);
    expect([at('B3'), at('C3'), at('B4'), at('C4'), at('D4')]).toEqual(['95%', '12.5%', '11.5万元', '90%', 1234.5]);
    expect([at('B5'), at('C5'), at('D5')]).toEqual(['2024-03-15', '2023-12-31', '2020-02-29']);
    expect(s.cells[8]).toEqual(['连续数字', 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5, 15, 16.5]);
  });

  test('booleans, errors and formula results (the string one from a STRING record)', () => {
    expect([at('B6'), at('C6')]).toEqual([true, false]);
    expect([at('B7'), at('C7'), at('D7'), at('E7')]).toEqual(['#DIV/0!', '#N/A', '#VALUE!', '#VALUE!']);
    expect([at('B8'), at('C8'), at('D8'), at('E8'), at('F8')]).toEqual(['甲乙', true, 5, null, '190%']);
  });

  test('merged areas, hidden rows and columns, rich and multi-line text', () => {
    expect(sortedMerges(s)).toEqual([
      { top: 9, left: 0, bottom: 10, right: 2 },
      { top: 9, left: 3, bottom: 11, right: 3 },
    ]);
    expect(s.hiddenRows).toEqual([12]);
    expect(s.hiddenCols).toEqual([6, 7]);
    expect([at('A13'), at('G1'), at('A14'), at('A15'), at('A16')]).toEqual([
      '隐藏行中的值',
      '隐藏列中的值',
      '富文本：加粗与普通',
      'Latin-1 only: café',
      '多行\n文本',
    ]);
  });
});

/** The record types and payloads of a fixture's Workbook stream (a plain walk, for what the file holds). */
function records(file: string): { type: number; body: Uint8Array }[] {
  const cf = new CompoundFile(bytes(path.join(XLS, file)));
  const d = cf.read(cf.find('Workbook')!);
  const out: { type: number; body: Uint8Array }[] = [];
  for (let p = 0; p + 4 <= d.length;) {
    const len = d[p + 2] | (d[p + 3] << 8);
    out.push({ type: d[p] | (d[p + 1] << 8), body: d.subarray(p + 4, p + 4 + len) });
    p += 4 + len;
  }
  return out;
}

test('date1904.xls holds DATEMODE 1 and reads the dates as written', () => {
  expect(records('date1904.xls').find((r) => r.type === 0x0022)!.body).toEqual(new Uint8Array([1, 0]));
  const s = readXls(bytes(path.join(XLS, 'date1904.xls'))).sheets[0];
  expect(s.cells).toEqual([
    ['日期', '2024-03-15', '1904-01-02'],
    ['数字', 100, '50%'],
  ]);
});

test('sst.xls: its shared string table continues in CONTINUE records, long strings included', () => {
  const recs = records('sst.xls');
  const i = recs.findIndex((r) => r.type === 0x00fc);
  let n = 0;
  while (recs[i + 1 + n].type === 0x003c) n++;
  expect(n).toBeGreaterThanOrEqual(4);
  const s = readXls(bytes(path.join(XLS, 'sst.xls'))).sheets[0];
  expect(s.cells[0][5]).toBe('长'.repeat(5000));
  expect(s.cells[1][5]).toBe('x'.repeat(9000) + '|end');
  expect(new Set(s.cells.flatMap((r) => r.slice(0, 3))).size).toBe(600);
});

describe('files refused', () => {
  const refusal = (file: string) => {
    try {
      readXls(bytes(path.join(XLS, file)));
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      return (e as Error).message;
    }
    throw new Error('expected a refusal');
  };
  test('password.xls (FILEPASS, RC4), word.doc', () => {
    expect(records('password.xls').some((r) => r.type === 0x002f)).toBe(true);
    expect(refusal('password.xls')).toBe(XLS_MESSAGES.password);
    expect(refusal('word.doc')).toBe(XLS_MESSAGES.notExcel);
  });

  test('through the file entry: an .xls (and the same bytes named .et) read by content', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xls-'));
    const et = path.join(tmp, '示例.et');
    fs.copyFileSync(path.join(XLS, '示例-绩效目标表.xls'), et);
    const a = await readWorkbookGrid(path.join(XLS, '示例-绩效目标表.xls'));
    expect(await readWorkbookGrid(et)).toEqual(a);
    await expect(readWorkbookGrid(path.join(XLS, 'password.xls'))).rejects.toThrow(XLS_MESSAGES.password);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
