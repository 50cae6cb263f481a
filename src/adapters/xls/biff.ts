/**
 * BIFF8 ([MS-XLS]) Workbook stream -> the core's grid. Browser-safe.
 *
 * Reads the workbook globals (BOUNDSHEET8, SST, FORMAT, XF, DATEMODE; FILEPASS refuses) and then each
 * worksheet's substream (cells, merged areas, hidden rows and columns, sheet protection). Every record is
 * bounds-checked: a record that runs past its stream or is too short for its fields throws BiffError, and
 * the work is bounded by the stream's size (each record consumes at least its 4-byte header; sheet
 * substreams may not overlap).
 *
 * The layers: ./records.ts (records, CONTINUE, strings), ./globals.ts (the globals substream), ./sheet.ts (a
 * worksheet substream); this module reads the sheets in stream order.
 */
import type { SheetGrid, WorkbookGrid } from '../../core/grid';
import { readGlobals } from './globals';
import { corrupt } from './records';
import { type Sheet, readSheet } from './sheet';

export { BiffError, ERROR_TEXT, RT, Segments, decodeRk, readSst } from './records';

/** Reads a BIFF8 Workbook stream. Throws BiffError. */
export function readBiff8(data: Uint8Array): WorkbookGrid {
  const g = readGlobals(data);
  const work = g.sheets.filter((s) => s.dt === 0);
  // substreams in stream order; each must end before the next begins, so the whole is read at most once
  const order = work.map((s, i) => ({ pos: s.pos, i })).sort((a, b) => a.pos - b.pos);
  const read: (Sheet | null)[] = [];
  for (let k = 0; k < order.length; k++) {
    const { pos, i } = order[k];
    if (pos < g.end || pos >= data.length) corrupt('工作表位置不对');
    if (k > 0 && pos === order[k - 1].pos) corrupt('两张工作表的位置相同');
    read[i] = readSheet(data, pos, k + 1 < order.length ? order[k + 1].pos : data.length, g);
  }
  const sheets: SheetGrid[] = [];
  work.forEach((e, i) => {
    const s = read[i];
    if (!s || s.dialog) return;
    sheets.push(s.b.build({ name: e.name, hidden: e.hidden, protected: s.protected }));
  });
  return { sheets };
}
