import * as fs from 'fs';
import { readWorkbookGrid } from '../src/adapters/exceljs/read';
import { findSegments } from '../src/core/detect';
import { parseSegment, resetParseMemo } from '../src/core/parse';
import { SheetView } from '../src/core/sheet';
import { clearTextCache } from '../src/core/text';
(async () => {
  const grid = await readWorkbookGrid(fs.readFileSync('/tmp/big1000.xlsx'));
  const views = grid.sheets.map((s) => new SheetView(s));
  const segs = views.map((v) => findSegments(v));
  const f = () => { clearTextCache(); resetParseMemo(); views.forEach((v, i) => segs[i].forEach((s, j) => parseSegment(v, s, 'LOCAL', `${i}-${j}`))); };
  for (let i = 0; i < 5; i++) f();
  const ts: number[] = []; for (let i = 0; i < 30; i++) { const t = process.hrtime.bigint(); f(); ts.push(Number(process.hrtime.bigint() - t) / 1e6); } ts.sort((a, b) => a - b);
  console.log('parseSegment only', ts[0].toFixed(1));
})();
