import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { parseWorkbook } from '../src/core/check';
import { findSegments } from '../src/core/detect';
import { SheetView } from '../src/core/sheet';
(async () => {
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  const m = (f: () => void) => { for (let i = 0; i < 5; i++) f(); const ts: number[] = []; for (let i = 0; i < 25; i++) { const t = process.hrtime.bigint(); f(); ts.push(Number(process.hrtime.bigint() - t) / 1e6); } ts.sort((a, b) => a - b); return ts[0].toFixed(1); };
  console.log('parse', m(() => parseWorkbook(grid)), 'detect', m(() => { for (const s of grid.sheets) findSegments(new SheetView(s)); }), 'views', m(() => { for (const s of grid.sheets) new SheetView(s); }));
})();
