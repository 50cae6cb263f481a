import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { parseWorkbook } from '../src/core/check';
(async () => {
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  parseWorkbook(grid);
  const m = (globalThis as any).__keys as Map<string, number>;
  console.log([...m].sort((a, b) => b[1] - a[1]).slice(0, 15), [...m.values()].reduce((a, b) => a + b, 0));
})();
