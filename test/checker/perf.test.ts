/** Checking is a small fraction of the time exceljs needs just to load the same workbook. */
import ExcelJS from 'exceljs';
import { workbookToGrid } from '../../src/adapters/exceljs/read';
import { checkWorkbook } from '../../src/core/check';
import { buildBigWorkbook } from '../fixtures/big';

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('200 tables: core check time / exceljs load time', async () => {
  const buf = await buildBigWorkbook(200);
  const loads: number[] = [];
  let grid = null as ReturnType<typeof workbookToGrid> | null;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    loads.push(performance.now() - t0);
    grid ??= workbookToGrid(wb);
  }
  const checks: number[] = [];
  let tables = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    tables = checkWorkbook(grid!).tables.length;
    checks.push(performance.now() - t0);
  }
  const first = checks[0] / median(loads);
  const steady = median(checks.slice(1)) / median(loads);
  // eslint-disable-next-line no-console
  console.log(`200-table workbook: check/load = ${(steady * 100).toFixed(1)}% steady, ${(first * 100).toFixed(1)}% first run`);
  expect(tables).toBe(200);
  expect(steady).toBeLessThan(0.5);
  expect(first).toBeLessThan(2.5);
});
