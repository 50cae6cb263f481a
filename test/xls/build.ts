/**
 * Builders for hand-made .xls test files, written from the specifications and not from the reader:
 * BIFF8 records ([MS-XLS] 2.1.4 record layout, 2.4 records) and the compound file container ([MS-CFB] 2.2
 * header, 2.3 FAT, 2.5 DIFAT, 2.4 mini FAT, 2.6 directory entries).
 */

export type Bytes = number[] | Uint8Array;

export const u8 = (n: number): number[] => [n & 0xff];
export const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
export const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
export function f64(x: number): number[] {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x, true);
  return Array.from(new Uint8Array(v.buffer));
}
export const utf16 = (s: string): number[] => Array.from(s).flatMap((ch) => u16(ch.charCodeAt(0)));
export const latin1 = (s: string): number[] => Array.from(s).map((ch) => ch.charCodeAt(0) & 0xff);

export function concat(parts: Bytes[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A record: type (2 bytes), size (2 bytes), payload ([MS-XLS] 2.1.4). */
export function rec(type: number, ...payload: Bytes[]): Uint8Array {
  const body = concat(payload);
  return concat([u16(type), u16(body.length), body]);
}

export const T = {
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
  SHRFMLA: 0x04bc,
  RK: 0x027e,
  FORMAT: 0x041e,
  BOF: 0x0809,
};

/** BOF ([MS-XLS] 2.4.21): vers, dt, rupBuild, rupYear, then 8 bytes of flags. */
export const bof = (dt: number, vers = 0x0600) => rec(T.BOF, u16(vers), u16(dt), u16(0x0dbb), u16(0x07cc), u32(0), u32(0x0006));
export const eof = () => rec(T.EOF);
/** XLUnicodeString ([MS-XLS] 2.5.294): cch (2 bytes), fHighByte flag, characters. */
const needsUtf16 = (s: string) => Array.from(s).some((ch) => ch.charCodeAt(0) > 0xff);
export const xlString = (s: string, high = needsUtf16(s)) => [...u16(s.length), high ? 1 : 0, ...(high ? utf16(s) : latin1(s))];
/** ShortXLUnicodeString ([MS-XLS]): cch (1 byte), fHighByte flag, characters. */
export const shortString = (s: string, high = needsUtf16(s)) => [s.length, high ? 1 : 0, ...(high ? utf16(s) : latin1(s))];

/** XF ([MS-XLS] 2.4.353), 20 bytes: ifnt, ifmt, then flags we leave 0 (a cell XF). */
export const xf = (ifmt: number) => rec(T.XF, u16(0), u16(ifmt), new Array(16).fill(0));
export const format = (ifmt: number, code: string) => rec(T.FORMAT, u16(ifmt), xlString(code));

/** Cell records: rw, col, ixfe first ([MS-XLS] Cell structure). */
export const number = (r: number, c: number, x: number, ixfe = 0) => rec(T.NUMBER, u16(r), u16(c), u16(ixfe), f64(x));
export const rk = (r: number, c: number, value: number, ixfe = 0) => rec(T.RK, u16(r), u16(c), u16(ixfe), u32(value));
export const labelSst = (r: number, c: number, isst: number, ixfe = 0) => rec(T.LABELSST, u16(r), u16(c), u16(ixfe), u32(isst));
export const label = (r: number, c: number, s: string) => rec(T.LABEL, u16(r), u16(c), u16(0), xlString(s));
export const boolerr = (r: number, c: number, value: number, isError: boolean) =>
  rec(T.BOOLERR, u16(r), u16(c), u16(0), u8(value), u8(isError ? 1 : 0));
/** FORMULA ([MS-XLS] 2.4.127) with an 8-byte FormulaValue, grbit, chn and a one-token formula (ptgInt 1). */
export const formula = (r: number, c: number, value: Bytes, ixfe = 0) =>
  rec(T.FORMULA, u16(r), u16(c), u16(ixfe), value, u16(0), u32(0), u16(3), [0x1e, 0x01, 0x00]);
/** FormulaValue ([MS-XLS] 2.5.133) for a non-numeric result: byte 0 the type, byte 2 the value, fExprO = 0xFFFF. */
export const formulaValue = (type: number, value = 0) => [type, 0, value, 0, 0, 0, 0xff, 0xff];

export const dimensions = () => rec(0x0200, u32(0), u32(0), u16(0), u16(0), u16(0));

export interface SheetSpec {
  name: string;
  /** BOUNDSHEET8 hsState: 0 visible, 1 hidden, 2 very hidden. */
  state?: number;
  /** BOUNDSHEET8 dt: 0 worksheet, 1 macro sheet, 2 chart sheet, 6 VB module. */
  dt?: number;
  /** BOF dt of the substream (0x0010 worksheet, 0x0020 chart, 0x0040 macro sheet). */
  bofDt?: number;
  records: Uint8Array[];
}

/**
 * A Workbook stream: globals (BOF dt=5, `globals`, one BOUNDSHEET8 per sheet, EOF), then each sheet's
 * substream (BOF, records, EOF). lbPlyPos is the stream offset of the sheet's BOF ([MS-XLS] 2.4.28).
 */
export function workbookStream(globals: Uint8Array[], sheets: SheetSpec[], opts: { vers?: number } = {}): Uint8Array {
  const sheetRecs = (pos: number, s: SheetSpec) => rec(T.BOUNDSHEET8, u32(pos), u8(s.state ?? 0), u8(s.dt ?? 0), shortString(s.name));
  const head = concat([bof(0x0005, opts.vers), ...globals]);
  const sheetsLen = sheets.reduce((a, s) => a + sheetRecs(0, s).length, 0);
  let pos = head.length + sheetsLen + 4;
  const bodies: Uint8Array[] = [];
  const bs: Uint8Array[] = [];
  for (const s of sheets) {
    const body = concat([bof(s.bofDt ?? (s.dt === 2 ? 0x0020 : s.dt === 1 ? 0x0040 : 0x0010), opts.vers), ...s.records, eof()]);
    bs.push(sheetRecs(pos, s));
    bodies.push(body);
    pos += body.length;
  }
  return concat([head, ...bs, eof(), ...bodies]);
}

export interface CfbEntry {
  name: string;
  /** A stream's bytes; absent for a storage. */
  data?: Uint8Array;
  children?: CfbEntry[];
}

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const DIFSECT = 0xfffffffc;
const NOSTREAM = 0xffffffff;

/**
 * A compound file ([MS-CFB]) holding `entries` under the root storage. Streams under 4,096 bytes go to the
 * mini stream (2.4), the others to sectors of their own. `minFatSectors` forces a FAT larger than needed, so
 * that more than 109 FAT sectors need DIFAT sectors (2.5).
 */
export function compoundFile(entries: CfbEntry[], opts: { version?: 3 | 4; minFatSectors?: number } = {}): Uint8Array {
  const version = opts.version ?? 3;
  const ss = version === 4 ? 4096 : 512;
  const per = ss / 4;
  // flatten the directory: root first, each sibling list chained through right siblings
  interface Flat {
    e: CfbEntry;
    type: number;
    left: number;
    right: number;
    child: number;
    start: number;
    size: number;
  }
  const flat: Flat[] = [
    { e: { name: 'Root Entry' }, type: 5, left: NOSTREAM, right: NOSTREAM, child: NOSTREAM, start: ENDOFCHAIN, size: 0 },
  ];
  const add = (list: CfbEntry[], parent: number) => {
    let prev = -1;
    for (const e of list) {
      const i = flat.length;
      flat.push({
        e,
        type: e.data ? 2 : 1,
        left: NOSTREAM,
        right: NOSTREAM,
        child: NOSTREAM,
        start: ENDOFCHAIN,
        size: e.data ? e.data.length : 0,
      });
      if (prev < 0) flat[parent].child = i;
      else flat[prev].right = i;
      prev = i;
      if (e.children) add(e.children, i);
    }
  };
  add(entries, 0);
  // mini stream: small streams in 64-byte mini sectors
  const mini: number[] = [];
  const miniFat: number[] = [];
  for (const f of flat) {
    if (f.type !== 2 || f.size >= 4096 || f.size === 0) continue;
    const n = Math.ceil(f.size / 64);
    f.start = mini.length / 64;
    for (let k = 0; k < n; k++) miniFat.push(k === n - 1 ? ENDOFCHAIN : f.start + k + 1);
    mini.push(...f.e.data!, ...new Array(n * 64 - f.size).fill(0));
  }
  // regular sectors after the FAT and DIFAT: directory, mini FAT, mini stream, big streams
  const chains: { data: Bytes; assign: (sid: number) => void }[] = [];
  const dirSectors = Math.ceil((flat.length * 128) / ss);
  let dirStart = 0;
  chains.push({ data: new Array(dirSectors * ss).fill(0), assign: (sid) => (dirStart = sid) });
  let miniFatStart = ENDOFCHAIN;
  const miniFatBytes = miniFat.flatMap(u32);
  if (miniFat.length) chains.push({ data: miniFatBytes, assign: (sid) => (miniFatStart = sid) });
  if (mini.length) {
    flat[0].size = mini.length;
    chains.push({ data: mini, assign: (sid) => (flat[0].start = sid) });
  }
  for (const f of flat) if (f.type === 2 && f.size >= 4096) chains.push({ data: f.e.data!, assign: (sid) => (f.start = sid) });
  const dataSectors = chains.reduce((a, c) => a + Math.ceil(c.data.length / ss), 0);
  let nFat = Math.max(1, opts.minFatSectors ?? 1);
  const difatFor = (n: number) => (n > 109 ? Math.ceil((n - 109) / (per - 1)) : 0);
  while (nFat * per < nFat + difatFor(nFat) + dataSectors) nFat++;
  const nDifat = difatFor(nFat);
  const total = nFat + nDifat + dataSectors;
  const fat = new Array(nFat * per).fill(FREESECT);
  for (let i = 0; i < nFat; i++) fat[i] = FATSECT;
  for (let i = 0; i < nDifat; i++) fat[nFat + i] = DIFSECT;
  let sid = nFat + nDifat;
  const body: number[] = [];
  for (const c of chains) {
    const n = Math.ceil(c.data.length / ss);
    c.assign(sid);
    for (let k = 0; k < n; k++) fat[sid + k] = k === n - 1 ? ENDOFCHAIN : sid + k + 1;
    sid += n;
  }
  // directory entries ([MS-CFB] 2.6.1), now that start sectors are known
  const dir = new Array(dirSectors * ss).fill(0);
  flat.forEach((f, i) => {
    const o = i * 128;
    const name = utf16(f.e.name);
    dir.splice(o, name.length, ...name);
    dir.splice(o + 64, 2, ...u16(name.length + 2));
    dir[o + 66] = f.type;
    dir[o + 67] = 1; // black
    dir.splice(o + 68, 4, ...u32(f.left));
    dir.splice(o + 72, 4, ...u32(f.right));
    dir.splice(o + 76, 4, ...u32(f.child));
    dir.splice(o + 116, 4, ...u32(f.start));
    dir.splice(o + 120, 4, ...u32(f.size));
  });
  for (let i = flat.length; i < (dirSectors * ss) / 128; i++) {
    dir.splice(i * 128 + 68, 12, ...u32(NOSTREAM), ...u32(NOSTREAM), ...u32(NOSTREAM));
  }
  chains[0].data = dir;
  for (const c of chains) body.push(...c.data, ...new Array(Math.ceil(c.data.length / ss) * ss - c.data.length).fill(0));
  // DIFAT sectors: FAT sector numbers past the first 109, the last entry the next DIFAT sector
  const difat: number[] = [];
  for (let d = 0; d < nDifat; d++) {
    const ids: number[] = [];
    for (let k = 0; k < per - 1; k++) {
      const n = 109 + d * (per - 1) + k;
      ids.push(n < nFat ? n : FREESECT);
    }
    ids.push(d === nDifat - 1 ? ENDOFCHAIN : nFat + d + 1);
    difat.push(...ids.flatMap(u32));
  }
  const header = new Array(version === 4 ? 4096 : 512).fill(0);
  const put = (at: number, bytes: number[]) => header.splice(at, bytes.length, ...bytes);
  put(0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  put(24, u16(0x003e));
  put(26, u16(version));
  put(28, u16(0xfffe));
  put(30, u16(version === 4 ? 12 : 9));
  put(32, u16(6));
  put(40, u32(version === 4 ? dirSectors : 0));
  put(44, u32(nFat));
  put(48, u32(dirStart));
  put(56, u32(4096));
  put(60, u32(miniFatStart));
  put(64, u32(Math.ceil(miniFatBytes.length / ss)));
  put(68, u32(nDifat ? nFat : ENDOFCHAIN));
  put(72, u32(nDifat));
  for (let i = 0; i < 109; i++) put(76 + i * 4, u32(i < nFat ? i : FREESECT));
  const out = concat([header, fat.flatMap(u32), difat, body]);
  if (out.length !== ss * (total + 1)) throw new Error('compoundFile: size mismatch');
  return out;
}

/** A one-stream .xls: the Workbook stream in a compound file. */
export const xlsFile = (workbook: Uint8Array, more: CfbEntry[] = []) => compoundFile([{ name: 'Workbook', data: workbook }, ...more]);
