/**
 * A reader of the compound file container ([MS-CFB]) that holds .xls workbooks: just enough to list the
 * root storage and read its streams. Browser-safe (Uint8Array/DataView only).
 *
 * Every structure is bounds-checked against the file: a sector number outside the file, a chain that loops
 * or ends early, or a directory that points outside itself throws CfbError; the amount of work and memory
 * is bounded by the file's size. See docs/xls.md for why this is our own code and not the `cfb` package.
 */

/** A structural fault of the container, with a short Chinese reason (the caller prefixes "文件已损坏："). */
export class CfbError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CfbError';
  }
}

/** [MS-CFB] 2.1 special sector numbers. */
const MAXREGSECT = 0xfffffffa;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** [MS-CFB] 2.2: the mini stream cutoff MUST be 4096; streams smaller than it live in the mini stream. */
const MINI_CUTOFF = 4096;
const MINI_SECTOR = 64;
const DIR_ENTRY = 128;

/** Object types of a directory entry ([MS-CFB] 2.6.1). */
export const STORAGE = 1;
export const STREAM = 2;
export const ROOT = 5;

export interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

function fail(reason: string): never {
  throw new CfbError(reason);
}

export class CompoundFile {
  private readonly view: DataView;
  private readonly sectorSize: number;
  /** Sectors present in the file (the last one may be short). */
  private readonly sectorCount: number;
  private readonly fat: Uint32Array;
  private readonly entries: DirEntry[];
  private miniFat: Uint32Array | null = null;
  private miniStream: Uint8Array | null = null;

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < 512) fail('文件太短，不是完整的复合文档');
    for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) fail('复合文档签名不对');
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const v = this.view;
    // [MS-CFB] 2.2 header
    if (v.getUint16(28, true) !== 0xfffe) fail('复合文档字节序标记不对');
    const sectorShift = v.getUint16(30, true);
    if (sectorShift !== 9 && sectorShift !== 12) fail('复合文档扇区大小不对');
    if (v.getUint16(32, true) !== 6) fail('复合文档小扇区大小不对');
    this.sectorSize = 1 << sectorShift;
    this.sectorCount = Math.ceil((bytes.length - this.sectorSize) / this.sectorSize);
    if (this.sectorCount <= 0) fail('文件太短，不是完整的复合文档');
    const fatSectors = v.getUint32(44, true);
    const firstDir = v.getUint32(48, true);
    const firstDifat = v.getUint32(68, true);
    const difatSectors = v.getUint32(72, true);
    if (fatSectors > this.sectorCount) fail('分配表扇区数超出文件大小');
    if (difatSectors > this.sectorCount) fail('分配表索引扇区数超出文件大小');

    // [MS-CFB] 2.5 DIFAT: the first 109 FAT sector numbers in the header, the rest in a chain of DIFAT sectors
    const perSector = this.sectorSize / 4;
    const fatList: number[] = [];
    for (let i = 0; i < 109 && fatList.length < fatSectors; i++) fatList.push(v.getUint32(76 + i * 4, true));
    let difat = firstDifat;
    for (let n = 0; fatList.length < fatSectors; n++) {
      if (n >= difatSectors || difat > MAXREGSECT || difat >= this.sectorCount) fail('分配表索引不完整');
      const off = this.sectorOffset(difat);
      this.need(off, this.sectorSize);
      for (let i = 0; i < perSector - 1 && fatList.length < fatSectors; i++) fatList.push(v.getUint32(off + i * 4, true));
      difat = v.getUint32(off + (perSector - 1) * 4, true);
    }
    // [MS-CFB] 2.3 FAT
    this.fat = new Uint32Array(fatSectors * perSector);
    fatList.forEach((sid, k) => {
      if (sid > MAXREGSECT || sid >= this.sectorCount) fail('分配表扇区号超出文件');
      const off = this.sectorOffset(sid);
      this.need(off, this.sectorSize);
      for (let i = 0; i < perSector; i++) this.fat[k * perSector + i] = v.getUint32(off + i * 4, true);
    });

    // [MS-CFB] 2.6 directory
    const dir = this.readChain(firstDir, this.fat, this.sectorSize, (sid) => this.sectorOffset(sid), -1, bytes);
    const entries: DirEntry[] = [];
    const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
    const major = v.getUint16(26, true);
    for (let off = 0; off + DIR_ENTRY <= dir.length; off += DIR_ENTRY) {
      const nameLen = dv.getUint16(off + 64, true);
      // the length counts the terminating null; at most 31 characters
      const nameBytes = Math.min(Math.max(nameLen - 2, 0), 62);
      let name = '';
      for (let i = 0; i + 1 < nameBytes; i += 2) name += String.fromCharCode(dv.getUint16(off + i, true));
      const sizeLow = dv.getUint32(off + 120, true);
      const sizeHigh = dv.getUint32(off + 124, true);
      // version 3 files may leave garbage in the high half of the size ([MS-CFB] 2.6.1, Stream Size)
      const size = major === 4 ? sizeHigh * 2 ** 32 + sizeLow : sizeLow;
      entries.push({
        name,
        type: dv.getUint8(off + 66),
        left: dv.getUint32(off + 68, true),
        right: dv.getUint32(off + 72, true),
        child: dv.getUint32(off + 76, true),
        start: dv.getUint32(off + 116, true),
        size,
      });
    }
    if (entries.length === 0 || entries[0].type !== ROOT) fail('复合文档没有根目录');
    this.entries = entries;
  }

  /** Names of the entries directly under the root storage, in tree order. */
  rootEntries(): DirEntry[] {
    const out: DirEntry[] = [];
    const seen = new Set<number>();
    const stack = [this.entries[0].child];
    while (stack.length) {
      const i = stack.pop()!;
      if (i === NOSTREAM) continue;
      if (i >= this.entries.length || seen.has(i)) fail('复合文档目录结构不对');
      seen.add(i);
      const e = this.entries[i];
      out.push(e);
      stack.push(e.right, e.left);
    }
    return out;
  }

  /** A root-level entry by name (compared case-insensitively, as [MS-CFB] 2.6.4 compares names). */
  find(name: string): DirEntry | undefined {
    const want = name.toUpperCase();
    return this.rootEntries().find((e) => e.name.toUpperCase() === want);
  }

  /** The bytes of a stream entry. */
  read(e: DirEntry): Uint8Array {
    if (e.type !== STREAM) fail('目录项不是数据流');
    if (e.size > this.bytes.length) fail('数据流大小超出文件大小');
    if (e.size === 0) return new Uint8Array(0);
    if (e.size >= MINI_CUTOFF)
      return this.readChain(e.start, this.fat, this.sectorSize, (sid) => this.sectorOffset(sid), e.size, this.bytes);
    const { miniFat, miniStream } = this.mini();
    return this.readChain(e.start, miniFat, MINI_SECTOR, (sid) => sid * MINI_SECTOR, e.size, miniStream);
  }

  private mini(): { miniFat: Uint32Array; miniStream: Uint8Array } {
    if (!this.miniFat || !this.miniStream) {
      const v = this.view;
      const first = v.getUint32(60, true);
      const count = v.getUint32(64, true);
      if (count > this.sectorCount) fail('小扇区分配表超出文件大小');
      const raw =
        first === ENDOFCHAIN || count === 0
          ? new Uint8Array(0)
          : this.readChain(first, this.fat, this.sectorSize, (sid) => this.sectorOffset(sid), -1, this.bytes);
      const n = Math.floor(raw.length / 4);
      const fat = new Uint32Array(n);
      const rv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      for (let i = 0; i < n; i++) fat[i] = rv.getUint32(i * 4, true);
      const root = this.entries[0];
      if (root.size > this.bytes.length) fail('小扇区数据流大小超出文件大小');
      this.miniStream =
        root.size === 0
          ? new Uint8Array(0)
          : this.readChain(root.start, this.fat, this.sectorSize, (sid) => this.sectorOffset(sid), root.size, this.bytes);
      this.miniFat = fat;
    }
    return { miniFat: this.miniFat, miniStream: this.miniStream };
  }

  private sectorOffset(sid: number): number {
    return (sid + 1) * this.sectorSize;
  }

  private need(off: number, len: number): void {
    if (off + len > this.bytes.length) fail('文件不完整（可能没有下载或复制完整）');
  }

  /**
   * The bytes of a sector chain: `size` bytes (an error when the chain is shorter), or the whole chain
   * when size is -1. A chain longer than its table, or one that loops, is an error.
   */
  private readChain(
    start: number,
    fat: Uint32Array,
    unit: number,
    offsetOf: (sid: number) => number,
    size: number,
    src: Uint8Array,
  ): Uint8Array {
    const sids: number[] = [];
    const want = size < 0 ? Infinity : Math.ceil(size / unit);
    const seen = new Uint8Array(fat.length);
    let sid = start;
    while (sids.length < want) {
      if (sid === ENDOFCHAIN && size < 0) break;
      if (sid === ENDOFCHAIN || sid === FREESECT) fail('数据流比记录的长度短');
      if (sid > MAXREGSECT || sid >= fat.length) fail('扇区号超出文件');
      if (seen[sid]) fail('扇区链循环');
      seen[sid] = 1;
      sids.push(sid);
      sid = fat[sid];
    }
    const total = size < 0 ? sids.length * unit : size;
    const out = new Uint8Array(total);
    for (let i = 0; i < sids.length; i++) {
      const off = offsetOf(sids[i]);
      const len = Math.min(unit, total - i * unit);
      if (off + len > src.length) fail('文件不完整（可能没有下载或复制完整）');
      out.set(src.subarray(off, off + len), i * unit);
    }
    return out;
  }
}
