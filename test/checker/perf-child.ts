/** Measures exceljs load vs core check on a generated workbook; prints one JSON line. Run by perf.test.ts. */
import ExcelJS from 'exceljs';
import { workbookToGrid } from '../../src/adapters/exceljs/read';
import { checkWorkbook } from '../../src/core/check';
import { buildBigWorkbook } from '../fixtures/big';
import { useCompiledValidation } from '../../src/cli/validation';

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Wall-clock milliseconds (CPU time would also count V8's parallel GC threads). */
const cpu = () => performance.now();

(async () => {
  const n = parseInt(process.argv[2] ?? '200', 10);
  useCompiledValidation(); // as the command line does
  const buf = await buildBigWorkbook(n);
  const loads: number[] = [];
  let grid: ReturnType<typeof workbookToGrid> | null = null;
  for (let i = 0; i < 3; i++) {
    const t0 = cpu();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    loads.push(cpu() - t0);
    grid ??= workbookToGrid(wb);
  }
  const checks: number[] = [];
  let tables = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = cpu();
    tables = checkWorkbook(grid!).tables.length;
    checks.push(cpu() - t0);
  }
  const load = median(loads);
  process.stdout.write(JSON.stringify({ tables, loadMs: load, firstCheckMs: checks[0], steadyCheckMs: median(checks.slice(1)), firstRatio: checks[0] / load, steadyRatio: median(checks.slice(1)) / load }) + '\n');
})();
