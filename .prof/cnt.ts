import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { parseWorkbook } from '../src/core/check';
(async () => {
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  parseWorkbook(grid);
  console.log('matchField calls', (globalThis as any).__mf);
})();
