import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { SheetView } from '../src/core/sheet';
import { FIELD_DEFS } from '../src/core/header-labels';
(async () => {
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  const keys: string[] = [];
  for (const s of grid.sheets) { const v = new SheetView(s); for (let r = v.top; r <= v.bottom; r++) for (const c of v.rowCells(r)) keys.push(c.key); }
  const variants: [string, RegExp][] = [
    ['nested', new RegExp(`^(?:${FIELD_DEFS.map((d) => `(?:${d.re.source})`).join('|')})`)],
    ['flat', new RegExp(`^(?:${FIELD_DEFS.map((d) => `(?:${d.re.source.replace(/^\^/, '').replace(/\|\^/g, '|')})`).join('|')})`)],
  ];
  for (const [n, re] of variants) {
    let hits = 0; const t = process.hrtime.bigint();
    for (let k = 0; k < 5; k++) for (const key of keys) if (re.test(key)) hits++;
    console.log(n, keys.length, hits / 5, (Number(process.hrtime.bigint() - t) / 5e6).toFixed(1), 'ms');
  }
})();
