/**
 * With ExcelApi 1.9, 一键校验 loads cell values plus the number formats of the numeric cells only
 * (Range.getSpecialCellsOrNullObject: numeric constants and numeric formula results); without it,
 * the number format of every cell. Both must read exactly what the command line reads: the same
 * grid and the same findings on every fixture, on the example workbook and on a table with
 * percent- and date-formatted numbers and numeric formula results. Also when Excel rejects batches
 * for their size, when the special-cells queries miss a numeric cell, or when a read sync fails.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { LIMITS } from '../../src/adapters/office/plan';
import { type CheckOutcome, type OfficeEnv, runCheck } from '../../src/adapters/office/workbook';
import { cleanB } from '../fixtures/data';
import { writeLayoutB } from '../fixtures/layouts';
import type { HostOptions, HostStats } from '../office-host';
import { Range } from '../office-host/excel';
import { loadXlsx } from '../office-host/xlsx';
import { FIXTURES, FIXTURE_FILES, cliResult, hostFor } from './helpers';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', '示例-绩效目标表.xlsx');

/**
 * A clean layout-B table with numbers in percent and date formats, as constants and as formula
 * results (the fixtures have neither): the 资金支出计划 as fractions in percent formats (10月底
 * 45% < 6月底 50%: a spending-plan error; 12月底 a formula), 预算数 a formula, a rate in a percent
 * format, a date constant and a date formula in a Chinese date format.
 */
async function formatsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('格式');
  writeLayoutB(ws, 1, 1, cleanB);
  const set = (a: string, value: ExcelJS.CellValue, numFmt: string): void => {
    ws.getCell(a).value = value;
    ws.getCell(a).numFmt = numFmt;
  };
  const formula = (f: string, result: number) => ({ formula: f, result }) as ExcelJS.CellFormulaValue;
  set('B7', 0.25, '0%');
  set('C7', 0.5, '0.0%');
  set('D7', 0.45, '0%');
  set('F7', formula('D7+0.55', 1), '0%');
  set('C4', formula('E4+G4', 10), '0.00');
  set('F11', 0.95, '0%');
  set('F12', 45596, 'yyyy-mm-dd');
  set('G12', formula('DATE(2024,10,31)', 45596), 'yyyy"年"m"月"d"日"');
  set('F15', formula('F11+0.05', 1), '0%');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The cells of formatsWorkbook as the command line reads them (checked against it below). */
const FORMATTED: [string, number, number, string | number][] = [
  ['B7', 6, 1, '25%'],
  ['C7', 6, 2, '50%'],
  ['D7', 6, 3, '45%'],
  ['F7', 6, 5, '100%'],
  ['C4', 3, 2, 10],
  ['F11', 10, 5, '95%'],
  ['F12', 11, 5, '2024-10-31'],
  ['G12', 11, 6, '2024-10-31'],
  ['F15', 14, 5, '100%'],
];

const CASES: [string, () => Promise<Buffer>][] = [
  ...FIXTURE_FILES.map((f): [string, () => Promise<Buffer>] => [f, () => fs.readFile(path.join(FIXTURES, f))]),
  ['examples/示例-绩效目标表.xlsx', () => fs.readFile(EXAMPLE)],
  ['percent, date and formula numbers', formatsWorkbook],
];

interface Read {
  out: CheckOutcome;
  stats: HostStats;
  /** getSpecialCellsOrNullObject calls. */
  queries: number;
  /** Ranges loaded for their number formats alone: cells the special-cells queries left out. */
  directFormatLoads: number;
}

/** 一键校验 on a fresh host; `special: false` = capabilities without the special-cells path. */
async function read(
  buf: Buffer,
  opts: { special?: boolean; host?: HostOptions; highlight?: boolean; env?: (env: OfficeEnv) => void } = {},
): Promise<Read> {
  const { host, env } = await hostFor(await loadXlsx(buf), opts.host ?? {});
  if (opts.special === false) env.capabilities = { ...env.capabilities, specialCells: false };
  opts.env?.(env);
  // the add-in's calls, on Microsoft's client library (the engine's Range may be spied on by a test)
  const ClientRange = (
    host.Excel as unknown as { Range: { prototype: { getSpecialCellsOrNullObject: () => unknown; load: (what?: unknown) => unknown } } }
  ).Range;
  const spy = jest.spyOn(ClientRange.prototype, 'getSpecialCellsOrNullObject');
  const loads = jest.spyOn(ClientRange.prototype, 'load');
  try {
    const out = await runCheck(env, { highlight: opts.highlight });
    const directFormatLoads = loads.mock.calls.filter(([what]) => what === 'numberFormat').length;
    return { out, stats: { ...host.stats }, queries: spy.mock.calls.length, directFormatLoads };
  } finally {
    spy.mockRestore();
    loads.mockRestore();
  }
}

const cellAt = (out: CheckOutcome, sheet: string, row: number, col: number) => {
  const s = out.grid.sheets.find((x) => x.name === sheet)!;
  return s.cells[row - s.rowOffset]?.[col - s.colOffset];
};

describe('number formats of numeric cells only (ExcelApi 1.9) vs of every cell', () => {
  test.each(CASES)('%s: same grid and findings with special cells, without them, and in the command line', async (_name, load) => {
    const buf = await load();
    const cli = await cliResult(buf);
    const special = await read(buf);
    const plain = await read(buf, { special: false });
    expect(special.queries).toBeGreaterThan(0);
    expect(special.directFormatLoads).toBe(0);
    expect(plain.queries).toBe(0);
    expect(special.out.result).toEqual(cli);
    expect(plain.out.result).toEqual(cli);
    expect(special.out.grid).toEqual(plain.out.grid);
    expect(special.out.notes).toEqual([]);
    // sheets, used ranges, values; then fills and highlights when there is something to mark
    const syncs = cli.findings.length ? 5 : 3;
    expect(special.stats.syncs).toBe(syncs);
    expect(plain.stats.syncs).toBe(syncs);
  });

  test('percent and date formats of constants and formula results are read as the command line reads them', async () => {
    const buf = await formatsWorkbook();
    const special = await read(buf);
    const plain = await read(buf, { special: false });
    for (const [a1, row, col, want] of FORMATTED) {
      expect([a1, cellAt(special.out, '格式', row, col)]).toEqual([a1, want]);
      expect([a1, cellAt(plain.out, '格式', row, col)]).toEqual([a1, want]);
    }
    // the descending plan is found with the percentages as written
    const plan = special.out.result.findings.filter((f) => f.code === 'spending-plan');
    expect(plan.map((f) => f.cell)).toEqual(['D7']);
    expect(plan[0].message).toContain('45%');
    // only numeric cells' formats travel: far fewer bytes than every cell's format
    expect(special.stats.maxResponseBytes).toBeLessThan(plain.stats.maxResponseBytes);
  });

  test.each([
    // 2,000 bytes (Microsoft's client sends about 1 KB for the sheet list alone): the sheet's
    // block is halved down to blocks of a few rows
    ['percent, date and formula numbers', formatsWorkbook, 2_000, undefined],
    // one row per block: every numeric cell sits in the first and last row of its block
    ['percent, date and formula numbers, one row per block', formatsWorkbook, 3_000, 1],
    ['layoutB-beidaihe.xlsx', () => fs.readFile(path.join(FIXTURES, 'layoutB-beidaihe.xlsx')), 16 * 1024, undefined],
    ['examples/示例-绩效目标表.xlsx', () => fs.readFile(EXAMPLE), 16 * 1024, undefined],
  ])(
    '%s under a tiny payload limit: batches and blocks are halved with their special-cells queries; same grid and findings',
    async (_name, load, limit, blockCells) => {
      const buf = await load();
      const limits = blockCells ? (env: OfficeEnv) => void (env.limits = { ...LIMITS, blockCells }) : undefined;
      const full = await read(buf, { highlight: false, env: limits });
      const tiny = await read(buf, { highlight: false, env: limits, host: { payloadLimit: limit } });
      expect(tiny.out.result).toEqual(await cliResult(buf));
      expect(tiny.out.grid).toEqual(full.out.grid);
      // rejected batches were retried in halves, each half with its own special-cells queries
      expect(tiny.stats.syncs).toBeGreaterThan(full.stats.syncs + 2);
      expect(tiny.queries).toBeGreaterThan(full.queries);
      expect(tiny.directFormatLoads).toBe(0);
    },
  );

  test('numeric cells the special-cells queries do not report are read directly (one more sync), same findings', async () => {
    const buf = await formatsWorkbook();
    const cli = await cliResult(buf);
    // an Excel whose special cells miss every numeric formula result
    const real = Range.prototype.getSpecialCellsOrNullObject;
    const spy = jest.spyOn(Range.prototype, 'getSpecialCellsOrNullObject').mockImplementation(function (
      this: Range,
      type: string,
      valueType?: string,
    ) {
      return real.call(this, type === 'Formulas' ? 'Constants' : type, valueType);
    });
    try {
      const r = await read(buf);
      expect(r.out.result).toEqual(cli);
      expect(cellAt(r.out, '格式', 6, 5)).toBe('100%');
      expect(cellAt(r.out, '格式', 11, 6)).toBe('2024-10-31');
      expect(r.directFormatLoads).toBe(4); // C4, F7, G12, F15: one row run each
      expect(r.stats.syncs).toBe(6);
    } finally {
      spy.mockRestore();
    }
  });

  test('a read sync that fails for another reason is retried without the special cells first: merged areas kept, no note', async () => {
    const buf = await fs.readFile(path.join(FIXTURES, 'layoutD-suixi.xlsx'));
    const r = await read(buf, { host: { failSync: { at: 3, mode: 'partial', code: 'GeneralException' } } });
    expect(r.out.result).toEqual(await cliResult(buf));
    expect(r.out.notes).toEqual([]);
    expect(r.stats.syncs).toBe(6);
    expect(r.out.grid.sheets.some((s) => s.merges.length > 0)).toBe(true);
  });

  test('without ExcelApi 1.9 in the host nothing asks for special cells', async () => {
    const buf = await fs.readFile(path.join(FIXTURES, 'layoutB-beidaihe.xlsx'));
    const r = await read(buf, { host: { apiVersion: '1.8' } });
    expect(r.queries).toBe(0);
    expect(r.stats.syncs).toBe(5);
  });
});
