import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { parseWorkbook } from '../src/core/check';
import { RULES } from '../src/core/rules';
(async () => {
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  const tables = parseWorkbook(grid);
  const out: string[] = [];
  for (const rule of RULES) {
    const f = () => { for (const t of tables) rule.check(t, { profile: 'LOCAL' }); };
    for (let i = 0; i < 5; i++) f();
    const ts: number[] = []; for (let i = 0; i < 20; i++) { const t = process.hrtime.bigint(); f(); ts.push(Number(process.hrtime.bigint() - t) / 1e6); } ts.sort((a, b) => a - b);
    out.push(`${rule.code} ${ts[0].toFixed(2)}`);
  }
  console.log(out.join(' | '));
})();
