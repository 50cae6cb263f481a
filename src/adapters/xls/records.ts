/**
 * The record layer of a BIFF8 ([MS-XLS]) stream: records read one after the other, each bounds-checked (a record that
 * runs past its stream or is too short for its fields throws BiffError), records continued in CONTINUE records, and
 * the strings inside them (SST, XLUnicodeString, in-record strings).
 */

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

export const corrupt = (reason: string): never => {
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
export class Records {
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
export function recordString(r: Records, at: number, countBytes: 1 | 2, what: string): string {
  r.need(at + countBytes + 1, what);
  const cch = countBytes === 1 ? r.u8(at) : r.u16(at);
  const high = (r.u8(at + countBytes) & 1) === 1;
  const off = at + countBytes + 1;
  r.need(off + (high ? 2 * cch : cch), what);
  return decodeChars(r.data, r.start + off, cch, high);
}
