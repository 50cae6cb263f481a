/**
 * BIFF8 ([MS-XLS]) Workbook stream -> the core's grid. Browser-safe.
 *
 * Reads the workbook globals (BOUNDSHEET8, SST, FORMAT, XF, DATEMODE; FILEPASS refuses) and then each
 * worksheet's substream (cells, merged areas, hidden rows and columns, sheet protection). Every record is
 * bounds-checked: a record that runs past its stream or is too short for its fields throws BiffError, and
 * the work is bounded by the stream's size (each record consumes at least its 4-byte header; sheet
 * substreams may not overlap).
 */
import type { CellValue, SheetGrid, WorkbookGrid } from '../../core/grid';
import { SheetGridBuilder } from '../file/grid-builder';
// built-in format ids are numbered as in .xlsx (ECMA-376 Part 1 §18.8.30): one table for both readers
import { type NumberReader, builtinFormat, numberReader } from '../xlsx/formats';

/** Why the stream cannot be read: corrupt (with a short Chinese reason), encrypted, or an older BIFF. */
export class BiffError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'password' | 'old',
    readonly reason = '',
  ) {
    super(reason || kind);
    this.name = 'BiffError';
  }
}

const corrupt = (reason: string): never => {
  throw new BiffError('corrupt', reason);
};

/** Record types ([MS-XLS] 2.3 record enumeration). */
export const RT = {
  FORMULA: 0x0006,
  EOF: 0x000a,
  PROTECT: 0x0012,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  CONTINUE: 0x003c,
  COLINFO: 0x007d,
  WSBOOL: 0x0081,
  BOUNDSHEET8: 0x0085,
  MULRK: 0x00bd,
  MULBLANK: 0x00be,
  RSTRING: 0x00d6,
  XF: 0x00e0,
  MERGECELLS: 0x00e5,
  SST: 0x00fc,
  LABELSST: 0x00fd,
  BLANK: 0x0201,
  NUMBER: 0x0203,
  LABEL: 0x0204,
  BOOLERR: 0x0205,
  STRING: 0x0207,
  ROW: 0x0208,
  RK: 0x027e,
  FORMAT: 0x041e,
  BOF: 0x0809,
} as const;

/** BOF records of BIFF2, BIFF3 and BIFF4 ([MS-XLS] 2.4.21 names only the BIFF8 one, 0x0809). */
const OLD_BOFS = new Set([0x0009, 0x0209, 0x0409]);
/** BOF dt values ([MS-XLS] 2.4.21). */
const DT_GLOBALS = 0x0005;
const DT_WORKSHEET = 0x0010;

/** BErr values ([MS-XLS] BErr) as Excel shows them. */
export const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

const scratch = new DataView(new ArrayBuffer(8));

/** RkNumber ([MS-XLS], RkRec in 2.4.220 RK): bit 0 fX100 (divide by 100), bit 1 fInt (30-bit signed integer, else the high 30 bits of a double). */
export function decodeRk(rk: number): number {
  let v: number;
  if (rk & 2) v = rk >> 2;
  else {
    scratch.setUint32(0, 0, true);
    scratch.setUint32(4, (rk & 0xfffffffc) >>> 0, true);
    v = scratch.getFloat64(0, true);
  }
  return rk & 1 ? v / 100 : v;
}

/** Characters of a BIFF8 string: UTF-16LE, or "compressed" (one byte per character: the low byte, i.e. Latin-1). */
function decodeChars(data: Uint8Array, off: number, n: number, high: boolean): string {
  let s = '';
  const CHUNK = 4096;
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    codes.push(high ? data[off + 2 * i] | (data[off + 2 * i + 1] << 8) : data[off + i]);
    if (codes.length === CHUNK) {
      s += String.fromCharCode(...codes);
      codes.length = 0;
    }
  }
  return codes.length ? s + String.fromCharCode(...codes) : s;
}

/** The records of a stream between start and end: type, payload offset and length of the current one. */
class Records {
  type = -1;
  start = 0;
  len = 0;
  pos: number;
  constructor(
    readonly data: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  next(): boolean {
    if (this.pos >= this.end) return false;
    if (this.pos + 4 > this.end) corrupt('记录头不完整');
    const d = this.data;
    this.type = d[this.pos] | (d[this.pos + 1] << 8);
    this.len = d[this.pos + 2] | (d[this.pos + 3] << 8);
    this.start = this.pos + 4;
    if (this.start + this.len > this.end) corrupt('记录超出数据流末尾（文件可能不完整）');
    this.pos = this.start + this.len;
    return true;
  }
  /** The current record's payload followed by the payloads of the CONTINUE records right after it. */
  withContinues(): Segments {
    const segs: [number, number][] = [[this.start, this.start + this.len]];
    const d = this.data;
    while (this.pos + 4 <= this.end && (d[this.pos] | (d[this.pos + 1] << 8)) === RT.CONTINUE) {
      const len = d[this.pos + 2] | (d[this.pos + 3] << 8);
      if (this.pos + 4 + len > this.end) corrupt('记录超出数据流末尾（文件可能不完整）');
      segs.push([this.pos + 4, this.pos + 4 + len]);
      this.pos += 4 + len;
    }
    return new Segments(d, segs);
  }
  u8(at: number): number {
    return this.data[this.start + at];
  }
  u16(at: number): number {
    return this.data[this.start + at] | (this.data[this.start + at + 1] << 8);
  }
  u32(at: number): number {
    return (this.u16(at) | (this.u16(at + 2) << 16)) >>> 0;
  }
  f64(at: number): number {
    for (let i = 0; i < 8; i++) scratch.setUint8(i, this.data[this.start + at + i]);
    return scratch.getFloat64(0, true);
  }
  need(n: number, what: string): void {
    if (this.len < n) corrupt(`${what} 记录长度不对`);
  }
}

/**
 * A record split into CONTINUE records ([MS-XLS] 2.4.58): fields are read across the boundaries; when the
 * characters of a string continue in the next record, that record starts with a new flags byte whose
 * bit 0 says whether the rest is UTF-16 or compressed.
 */
export class Segments {
  private i = 0;
  private pos: number;
  private end: number;
  constructor(
    private readonly data: Uint8Array,
    private readonly segs: [number, number][],
  ) {
    [this.pos, this.end] = segs[0];
  }
  private advance(): void {
    if (++this.i >= this.segs.length) corrupt('字符串表不完整');
    [this.pos, this.end] = this.segs[this.i];
  }
  /** At the end of the last segment. */
  done(): boolean {
    while (this.pos >= this.end) {
      if (this.i + 1 >= this.segs.length) return true;
      this.advance();
    }
    return false;
  }
  u8(): number {
    while (this.pos >= this.end) this.advance();
    return this.data[this.pos++];
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    while (n > 0) {
      if (this.pos >= this.end) this.advance();
      const k = Math.min(n, this.end - this.pos);
      this.pos += k;
      n -= k;
    }
  }
  chars(n: number, high: boolean): string {
    let s = '';
    for (;;) {
      const avail = high ? (this.end - this.pos) >> 1 : this.end - this.pos;
      const k = Math.min(n, avail);
      s += decodeChars(this.data, this.pos, k, high);
      this.pos += high ? 2 * k : k;
      n -= k;
      if (n === 0) return s;
      this.advance();
      high = (this.data[this.pos++] & 1) === 1;
    }
  }
  /** XLUnicodeString ([MS-XLS] 2.5.294): cch, flags (bit 0 fHighByte), characters. */
  xlString(): string {
    const cch = this.u16();
    const flags = this.u8();
    return this.chars(cch, (flags & 1) === 1);
  }
  /** XLUnicodeRichExtendedString ([MS-XLS] 2.5.293): rich-text runs and phonetic data are skipped. */
  richExtendedString(): string {
    const cch = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    let ext = 0;
    if (flags & 0x04) {
      ext = this.u32();
      if (ext > 0x7fffffff) corrupt('字符串表中的注音数据长度不对');
    }
    const s = this.chars(cch, (flags & 1) === 1);
    this.skip(4 * runs);
    this.skip(ext);
    return s;
  }
}

/** SST ([MS-XLS] 2.4.265): cstTotal, cstUnique, then the strings. Stops at the end of the data. */
export function readSst(seg: Segments): string[] {
  seg.u32(); // cstTotal
  const unique = seg.u32();
  const out: string[] = [];
  while (out.length < unique && !seg.done()) out.push(seg.richExtendedString());
  return out;
}

/** A string inside one record (FORMAT, LABEL, RSTRING, BOUNDSHEET8), with an 8- or 16-bit count. */
function recordString(r: Records, at: number, countBytes: 1 | 2, what: string): string {
  r.need(at + countBytes + 1, what);
  const cch = countBytes === 1 ? r.u8(at) : r.u16(at);
  const high = (r.u8(at + countBytes) & 1) === 1;
  const off = at + countBytes + 1;
  r.need(off + (high ? 2 * cch : cch), what);
  return decodeChars(r.data, r.start + off, cch, high);
}

interface SheetEntry {
  name: string;
  pos: number;
  hidden: boolean;
  /** BOUNDSHEET8 dt: 0 worksheet or dialog sheet, 1 macro sheet, 2 chart sheet, 6 VB module. */
  dt: number;
}

interface Globals {
  date1904: boolean;
  formats: Map<number, string>;
  xfFormat: number[];
  sheets: SheetEntry[];
  sst: string[];
  end: number;
}

function checkBof(r: Records, dt: number, what: string): void {
  if (OLD_BOFS.has(r.type)) throw new BiffError('old');
  if (r.type !== RT.BOF) corrupt(`${what}不以 BOF 记录开头`);
  r.need(4, 'BOF');
  if (r.u16(0) !== 0x0600) throw new BiffError('old');
  if (r.u16(2) !== dt) corrupt(`${what}的类型不对`);
}

function readGlobals(data: Uint8Array): Globals {
  const r = new Records(data, 0, data.length);
  if (!r.next()) corrupt('工作簿数据流是空的');
  checkBof(r, DT_GLOBALS, '工作簿数据流');
  const g: Globals = { date1904: false, formats: new Map(), xfFormat: [], sheets: [], sst: [], end: 0 };
  while (r.next()) {
    switch (r.type) {
      case RT.EOF:
        g.end = r.pos;
        return g;
      case RT.FILEPASS:
        throw new BiffError('password');
      case RT.DATEMODE:
        r.need(2, 'DATEMODE');
        g.date1904 = r.u16(0) === 1;
        break;
      case RT.FORMAT:
        r.need(2, 'FORMAT');
        g.formats.set(r.u16(0), recordString(r, 2, 2, 'FORMAT'));
        break;
      case RT.XF:
        r.need(4, 'XF');
        g.xfFormat.push(r.u16(2));
        break;
      case RT.BOUNDSHEET8:
        r.need(8, 'BOUNDSHEET');
        g.sheets.push({ pos: r.u32(0), hidden: (r.u8(4) & 3) !== 0, dt: r.u8(5), name: recordString(r, 6, 1, 'BOUNDSHEET') });
        break;
      case RT.SST:
        g.sst = readSst(r.withContinues());
        break;
      case RT.BOF:
        corrupt('工作簿全局记录中出现了嵌套的 BOF');
    }
  }
  return corrupt('工作簿全局记录不完整（没有 EOF）');
}

class Sheet {
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
function readSheet(data: Uint8Array, start: number, limit: number, g: Globals): Sheet | null {
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
    switch (t) {
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
      case RT.FORMULA: {
        r.need(20, 'FORMULA');
        const row = r.u16(0);
        const col = r.u16(2);
        pending = null;
        // FormulaValue ([MS-XLS] 2.5.133): a double, or fExprO = 0xFFFF and a type in the first byte
        if (r.u16(12) !== 0xffff) s.number(row, col, r.u16(4), r.f64(6));
        else if (r.u8(6) === 0) pending = [row, col];
        else if (r.u8(6) === 1) s.put(row, col, r.u8(8) !== 0);
        else if (r.u8(6) === 2) {
          const e = ERROR_TEXT[r.u8(8)];
          if (e) s.put(row, col, e);
        }
        // type 3: an empty string
        continue;
      }
      case RT.STRING:
        if (pending) s.put(pending[0], pending[1], r.withContinues().xlString());
        pending = null;
        continue;
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
    // a STRING belongs to the FORMULA right before it (ARRAY, SHRFMLA or TABLE may stand between)
    if (t !== 0x0221 && t !== 0x04bc && t !== 0x0236) pending = null;
  }
  return corrupt('工作表数据不完整（没有 EOF）');
}

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
