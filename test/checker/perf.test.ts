/**
 * The core's work grows linearly with the number of tables: counted, never timed (a timed bound fails on a
 * busy CI machine). Two counters over one `checkWorkbook` call:
 * - cell reads: every read of a cell of the input grid (a Proxy over each row): the passes over the data;
 * - regular-expression executions (RegExp.prototype.exec, which test/match/replace/split all go through):
 *   the core's text work (label matching, value parsing, amounts in texts) is regular expressions.
 * All tables on ONE sheet, so that work that grows with the tables of a sheet (a table re-scanning its
 * sheet) shows as well as work that grows with the workbook.
 * The time itself (core check / exceljs load, goal < 10% at 1,000 tables) is measured by `npm run bench`.
 */
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';
import { buildBigWorkbook } from '../fixtures/big';
import { countRegexExecs, countingReads } from './count';

jest.setTimeout(120_000); // a hang guard only: nothing here is timed

interface Work {
  tables: number;
  cells: number;
  reads: number;
  execs: number;
}

async function workAt(tables: number): Promise<Work> {
  const grid = await readWorkbookGrid(await buildBigWorkbook(tables, tables)); // one sheet
  const cells = grid.sheets.reduce((n, s) => n + s.cells.reduce((m, r) => m + (r?.length ?? 0), 0), 0);
  const counted = countingReads(grid);
  let found = 0;
  const execs = countRegexExecs(() => {
    found = checkWorkbook(counted.grid).tables.length;
  });
  return { tables: found, cells, reads: counted.reads(), execs };
}

describe('core work is linear in the number of tables (one sheet of n and of 2n tables)', () => {
  const N = 70; // two rounds of the 35 seed tables of test/fixtures/big.ts; 2N is four
  let small: Work;
  let large: Work;
  beforeAll(async () => {
    small = await workAt(N);
    large = await workAt(2 * N);
    console.log(`core work, ${N} / ${2 * N} tables on one sheet: ${JSON.stringify(small)} / ${JSON.stringify(large)}`);
  });

  test('every table is found', () => {
    expect(small.tables).toBe(N);
    expect(large.tables).toBe(2 * N);
  });

  test('one pass over the data: each cell of the grid is read at most twice', () => {
    expect(small.reads).toBeLessThanOrEqual(2 * small.cells);
    expect(large.reads).toBeLessThanOrEqual(2 * large.cells);
  });

  test('cell reads at 2n tables: at most 2.2 times those at n (quadratic work would be 4 times)', () => {
    expect(large.cells / small.cells).toBeGreaterThan(1.9); // the workbook really doubled
    expect(large.reads).toBeLessThanOrEqual(2.2 * small.reads);
  });

  test('regular-expression executions at 2n tables: at most 2.2 times those at n', () => {
    expect(large.execs).toBeLessThanOrEqual(2.2 * small.execs);
  });
});
