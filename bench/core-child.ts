/**
 * One measurement in a fresh process (no JIT or cache from other measurements):
 * exceljs load vs our reader vs the core check on one workbook file. Prints one JSON line.
 * Usage: node --expose-gc --import tsx bench/core-child.ts FILE [loads=3] [checks=15]
 * (`npm run bench` runs it bundled like the command line: see buildCoreChild in bench/run.ts)
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { workbookToGrid } from '../src/adapters/exceljs/read';
import { readWorkbookGrid } from '../src/adapters/file/node';
import { checkWorkbook, parseWorkbook } from '../src/core/check';
import type { WorkbookGrid } from '../src/core/grid';

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => performance.now();

(async () => {
  const file = process.argv[2];
  const loads = parseInt(process.argv[3] ?? '3', 10);
  const checks = parseInt(process.argv[4] ?? '6', 10);
  const buf = await fs.readFile(file);

  // the core, first run: the first thing this process does with the core (cold JIT), on a grid
  // read once beforehand
  const wb0 = new ExcelJS.Workbook();
  const tl0 = now();
  await wb0.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const firstLoadMs = now() - tl0;
  const tg0 = now();
  const grid: WorkbookGrid = workbookToGrid(wb0);
  const firstGridMs = now() - tg0;
  const tc0 = now();
  const first = checkWorkbook(grid);
  const firstCheckMs = now() - tc0;

  // Rounds of (load, read, checks, parses), so that loads and checks share whatever the machine is doing at the
  // time (on a shared VM a slow minute would otherwise land on one side of the ratio only). Before the timed checks
  // of a round: the load's garbage collected (with --expose-gc, as `npm run bench` runs this) and two untimed checks
  // (so the young generation has grown back to its working size): the checks are timed in their steady state,
  // without paying for the load's garbage.
  const loadMs: number[] = [];
  const readMs: number[] = [];
  const checkMs: number[] = [];
  const parseMs: number[] = [];
  const perRound = Math.max(1, Math.round(checks / loads));
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < loads; i++) {
    const t0 = now();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    loadMs.push(now() - t0);
    const t1 = now();
    await readWorkbookGrid(buf);
    readMs.push(now() - t1);
    gc?.();
    checkWorkbook(grid);
    checkWorkbook(grid);
    for (let k = 0; k < perRound; k++) {
      const t2 = now();
      checkWorkbook(grid);
      checkMs.push(now() - t2);
    }
    // (parse runs after the check runs: interleaving them would leave their garbage to the check runs)
    for (let k = 0; k < perRound; k++) {
      const t3 = now();
      parseWorkbook(grid);
      parseMs.push(now() - t3);
    }
  }
  const load = median(loadMs);
  const steady = median(checkMs);
  process.stdout.write(
    JSON.stringify({
      tables: first.tables.length,
      sheets: grid.sheets.length,
      merges: grid.sheets.reduce((n, s) => n + s.merges.length, 0),
      findings: first.findings.length,
      bytes: buf.length,
      firstLoadMs,
      firstGridMs,
      firstCheckMs,
      loadMs: load,
      readMs: median(readMs),
      steadyCheckMs: steady,
      steadyParseMs: median(parseMs),
      firstRatio: firstCheckMs / firstLoadMs,
      steadyRatio: steady / load,
      steadyRatioVsReader: steady / median(readMs),
      parseShare: median(parseMs) / steady,
    }) + '\n',
  );
})();
