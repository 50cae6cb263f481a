import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { checkWorkbook } from '../src/core/check';
(async () => {
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  for (let i = 0; i < 5; i++) checkWorkbook(grid);
  const ts: number[] = [];
  for (let i = 0; i < 25; i++) { const t = process.hrtime.bigint(); checkWorkbook(grid); ts.push(Number(process.hrtime.bigint() - t) / 1e6); }
  ts.sort((a, b) => a - b);
  console.log('min', ts[0].toFixed(1), 'median', ts[12].toFixed(1));
})();
