import * as fs from 'fs';
import { buildBigWorkbook } from '../test/fixtures/big';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { checkWorkbook } from '../src/core/check';
(async () => {
  const buf = fs.existsSync('/tmp/big1000.xlsx') ? fs.readFileSync('/tmp/big1000.xlsx') : await buildBigWorkbook(1000);
  fs.writeFileSync('/tmp/big1000.xlsx', buf);
  const grid = await readWorkbookGrid(buf);
  for (let i = 0; i < 3; i++) checkWorkbook(grid);
  const t = process.hrtime.bigint();
  for (let i = 0; i < 10; i++) checkWorkbook(grid);
  console.log('check ms', Number(process.hrtime.bigint() - t) / 1e7);
})();
