import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { checkWorkbook, parseWorkbook } from '../src/core/check';
import { useCompiledValidation } from '../src/cli/validation';
(async () => {
  useCompiledValidation();
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  const m = (f: () => void) => { for (let i = 0; i < 5; i++) f(); const ts: number[] = []; for (let i = 0; i < 30; i++) { const t = process.hrtime.bigint(); f(); ts.push(Number(process.hrtime.bigint() - t) / 1e6); } ts.sort((a, b) => a - b); return `${ts[0].toFixed(1)}/${ts[15].toFixed(1)}`; };
  console.log('check', m(() => checkWorkbook(grid)), 'parse', m(() => parseWorkbook(grid)));
})();
