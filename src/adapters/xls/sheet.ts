/**
 * One worksheet substream of a BIFF8 stream: its cell records (NUMBER, RK, MULRK, LABELSST, LABEL, BOOLERR, FORMULA
 * with its cached result), merged areas, hidden rows and columns, protection; embedded chart substreams are skipped.
 */
import type { CellValue } from '../../core/grid';
import { SheetGridBuilder } from '../file/grid-builder';
// built-in format ids are numbered as in .xlsx (ECMA-376 Part 1 §18.8.30): one table for both readers
import { type NumberReader, builtinFormat, numberReader } from '../xlsx/formats';
import { DT_WORKSHEET, type Globals } from './globals';
import * as records from './records';
import { Records } from './records';

// module-local bindings of the record layer: in a CommonJS build (tsx, ts-jest) every use of an import is a property
// read through a getter, too slow for the per-record loop below
const { ERROR_TEXT, RT, corrupt, decodeRk, recordString } = records;

/** A worksheet as read: its grid builder, protection, and whether it is a dialog sheet. */
export class Sheet {
  readonly b = new SheetGridBuilder();
  protected = false;
  dialog = false;
  private readonly hiddenRows = new Set<number>();
  private readonly hiddenCols = new Set<number>();
  private readonly readers = new Map<number, NumberReader>();
  constructor(private readonly g: Globals) {}

  /** How numbers in cell format `ixfe` are read: the same readers as the .xlsx reader's, 1904 dates included. */
  private reader(ixfe: number): NumberReader {
    let r = this.readers.get(ixfe);
    if (r === undefined) {
      const id = this.g.xfFormat[ixfe] ?? 0;
      r = numberReader(this.g.formats.get(id) ?? builtinFormat(id), this.g.date1904);
      this.readers.set(ixfe, r);
    }
    return r;
  }

  /** BIFF8 has 256 columns ([MS-XLS] 2.5.18 Col: at most 0x00FF); anything beyond is not a cell. */
  put(row: number, col: number, v: CellValue): void {
    if (col <= 0xff) this.b.cell(row, col, v);
  }

  number(row: number, col: number, ixfe: number, n: number): void {
    if (!Number.isFinite(n)) return;
    this.put(row, col, this.reader(ixfe)(n));
  }

  hideRow(r: number): void {
    if (!this.hiddenRows.has(r)) {
      this.hiddenRows.add(r);
      this.b.hiddenRows.push(r);
    }
  }

  hideCol(c: number): void {
    if (!this.hiddenCols.has(c)) {
      this.hiddenCols.add(c);
      this.b.hiddenCols.push(c);
    }
  }
}

/** One worksheet substream from its BOF at `start`; null for a substream that is not a worksheet (chart, macro sheet, VB module). */
export function readSheet(data: Uint8Array, start: number, limit: number, g: Globals): Sheet | null {
  const r = new Records(data, start, limit);
  if (!r.next()) corrupt('工作表位置超出数据流');
  if (r.type !== RT.BOF) corrupt('工作表不以 BOF 记录开头');
  r.need(4, 'BOF');
  if (r.u16(2) !== DT_WORKSHEET) return null;
  const s = new Sheet(g);
  let depth = 0;
  /** A FORMULA whose cached string result is in the STRING record that follows. */
  let pending: [number, number] | null = null;
  while (r.next()) {
    const t = r.type;
    if (t === RT.BOF) {
      depth++; // an embedded chart's substream
      continue;
    }
    if (t === RT.EOF) {
      if (depth === 0) return s;
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (t === RT.FORMULA) {
      pending = readFormula(r, s);
      continue;
    }
    if (t === RT.STRING) {
      if (pending) s.put(pending[0], pending[1], r.withContinues().xlString());
      pending = null;
      continue;
    }
    readRecord(r, s, g);
    // a STRING belongs to the FORMULA right before it (ARRAY, SHRFMLA or TABLE may stand between)
    if (t !== 0x0221 && t !== 0x04bc && t !== 0x0236) pending = null;
  }
  return corrupt('工作表数据不完整（没有 EOF）');
}

/** A FORMULA record: its cached result; the cell whose string result is in the STRING record that follows, else null. */
function readFormula(r: Records, s: Sheet): [number, number] | null {
  r.need(20, 'FORMULA');
  const row = r.u16(0);
  const col = r.u16(2);
  // FormulaValue ([MS-XLS] 2.5.133): a double, or fExprO = 0xFFFF and a type in the first byte
  if (r.u16(12) !== 0xffff) s.number(row, col, r.u16(4), r.f64(6));
  else if (r.u8(6) === 0) return [row, col];
  else if (r.u8(6) === 1) s.put(row, col, r.u8(8) !== 0);
  else if (r.u8(6) === 2) {
    const e = ERROR_TEXT[r.u8(8)];
    if (e) s.put(row, col, e);
  }
  // type 3: an empty string
  return null;
}

/** A cell record with a value (but FORMULA and STRING); any other record is read by readLayoutRecord. */
function readRecord(r: Records, s: Sheet, g: Globals): void {
  switch (r.type) {
    case RT.NUMBER:
      r.need(14, 'NUMBER');
      s.number(r.u16(0), r.u16(2), r.u16(4), r.f64(6));
      break;
    case RT.RK:
      r.need(10, 'RK');
      s.number(r.u16(0), r.u16(2), r.u16(4), decodeRk(r.u32(6)));
      break;
    case RT.MULRK: {
      r.need(6, 'MULRK');
      const row = r.u16(0);
      const first = r.u16(2);
      const n = Math.floor((r.len - 6) / 6); // rgrkrec (ixfe, RK) per column, then colLast
      for (let i = 0; i < n; i++) s.number(row, first + i, r.u16(4 + 6 * i), decodeRk(r.u32(6 + 6 * i)));
      break;
    }
    case RT.LABELSST: {
      r.need(10, 'LABELSST');
      const i = r.u32(6);
      if (i >= g.sst.length) corrupt('单元格引用的共享字符串不存在');
      s.put(r.u16(0), r.u16(2), g.sst[i]);
      break;
    }
    case RT.LABEL:
    case RT.RSTRING:
      r.need(6, 'LABEL');
      s.put(r.u16(0), r.u16(2), recordString(r, 6, 2, 'LABEL'));
      break;
    case RT.BOOLERR:
      r.need(8, 'BOOLERR');
      if (r.u8(7)) {
        const e = ERROR_TEXT[r.u8(6)];
        if (e) s.put(r.u16(0), r.u16(2), e);
      } else s.put(r.u16(0), r.u16(2), r.u8(6) !== 0);
      break;
    default:
      readLayoutRecord(r, s);
  }
}

/** A record of the sheet's layout: merged areas, hidden rows and columns, protection, the dialog-sheet flag. */
function readLayoutRecord(r: Records, s: Sheet): void {
  switch (r.type) {
    case RT.MERGECELLS: {
      r.need(2, 'MERGECELLS');
      const n = r.u16(0);
      r.need(2 + 8 * n, 'MERGECELLS');
      for (let i = 0; i < n; i++) {
        const o = 2 + 8 * i;
        const [r1, r2, c1, c2] = [r.u16(o), r.u16(o + 2), r.u16(o + 4), r.u16(o + 6)];
        s.b.merge({ top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) });
      }
      break;
    }
    case RT.ROW:
      r.need(16, 'ROW');
      if (r.u16(12) & 0x20) s.hideRow(r.u16(0)); // fDyZero
      break;
    case RT.COLINFO: {
      r.need(10, 'COLINFO');
      if (r.u16(8) & 1) {
        const last = Math.min(r.u16(2), 0xff); // Excel writes 256 for "to the last column"
        for (let c = r.u16(0); c <= last; c++) s.hideCol(c);
      }
      break;
    }
    case RT.PROTECT:
      r.need(2, 'PROTECT');
      s.protected = r.u16(0) !== 0;
      break;
    case RT.WSBOOL:
      r.need(2, 'WSBOOL');
      s.dialog = (r.u16(0) & 0x10) !== 0; // fDialog
      break;
  }
}
