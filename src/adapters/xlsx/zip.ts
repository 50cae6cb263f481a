/**
 * The parts of a zip package, decompressed only when asked for and never beyond a bound.
 *
 * The central directory is read here, for every user of it (the reader, the annotated-copy writer zip-write.ts
 * and the command line's part-size check): once, so a workbook of 100,000 sheets costs one pass, not one per
 * sheet; fflate inflates each part. fflate's own unzip walks the whole directory on every call and offers
 * no per-part extraction, hence these few lines. Each part is inflated into a buffer of the size the
 * directory declares, which is checked against the bounds first and never grows (fflate writes no further
 * than the buffer given), so a zip bomb that lies about its size yields a truncated part, then an XML error.
 */
import { inflateSync } from 'fflate';
import { WorkbookReadError } from '../file/errors';

/**
 * Inflates raw DEFLATE data into at most `size` bytes: the first `size` bytes of the output when the data holds
 * more, all of it when less. Throws when the data cannot be inflated.
 */
export type Inflate = (data: Uint8Array, size: number) => Uint8Array;

/** fflate, in every environment: it writes no further than the buffer it is given. */
export const fflateInflate: Inflate = (data, size) => inflateSync(data, { out: new Uint8Array(size) });

let inflate: Inflate = fflateInflate;

/**
 * Sets the inflater of every package read from now on (the Node entry, src/adapters/file/node.ts, sets zlib's,
 * several times faster than fflate's on a cold start); it must give exactly what fflateInflate gives.
 */
export function useInflate(f: Inflate): void {
  inflate = f;
}

/**
 * The largest part we inflate: 128 MB of XML is about a million rows of a dozen short cells, far beyond any
 * 绩效目标表 (a sheet of 50 tables is 0.3 MB); a bigger part is refused with its name, before it is inflated.
 */
export const PART_LIMIT = 128 * 1024 * 1024;
/** The most we inflate from one file, all parts together. */
export const TOTAL_LIMIT = 512 * 1024 * 1024;

const MB = 1024 * 1024;

/** The directory could not be read: not a zip file, or a broken end record. */
export class ZipFormatError extends Error {}

export interface ZipEntry {
  /** The name as stored (bytes) and decoded. */
  nameBytes: Uint8Array;
  name: string;
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  centralExtra: Uint8Array;
  localExtra: Uint8Array;
  comment: Uint8Array;
  internalAttrs: number;
  externalAttrs: number;
  /** Where the compressed data starts in the original bytes. */
  dataOffset: number;
}

/** Extra fields without the zip64 one (0x0001), which we never write. */
function withoutZip64(extra: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const v = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  let found = false;
  for (let x = 0; x + 4 <= extra.length;) {
    const id = v.getUint16(x, true);
    const len = v.getUint16(x + 2, true);
    if (id === 0x0001) found = true;
    else parts.push(extra.subarray(x, Math.min(extra.length, x + 4 + len)));
    x += 4 + len;
  }
  if (!found) return extra;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The entries of a zip file, in central directory order. Throws ZipFormatError when the file is not a zip; an entry whose local header is missing or whose data is cut off gets dataOffset -1 (only reading or copying that entry fails). */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 0x1_0000_0000;
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && u32(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end of central directory record');
  let offset = u32(eocd + 16);
  if (offset === 0xffffffff && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = u64(eocd - 12);
    if (u32(z) !== 0x06064b50) throw new ZipFormatError('bad zip64 end record');
    offset = u64(z + 48);
  }
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  while (offset + 46 <= eocd && u32(offset) === 0x02014b50) {
    const nameLen = u16(offset + 28);
    const extraLen = u16(offset + 30);
    const commentLen = u16(offset + 32);
    const nameBytes = bytes.slice(offset + 46, offset + 46 + nameLen);
    const centralExtra = bytes.slice(offset + 46 + nameLen, offset + 46 + nameLen + extraLen);
    let compressedSize = u32(offset + 20);
    let size = u32(offset + 24);
    let localOffset = u32(offset + 42);
    for (let x = 0; x + 4 <= centralExtra.length;) {
      const id = centralExtra[x] | (centralExtra[x + 1] << 8);
      const len = centralExtra[x + 2] | (centralExtra[x + 3] << 8);
      if (id === 0x0001) {
        let p = offset + 46 + nameLen + x + 4;
        if (size === 0xffffffff) {
          size = u64(p);
          p += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(p);
          p += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(p);
      }
      x += 4 + len;
    }
    const hasLocal = localOffset + 30 <= bytes.length && u32(localOffset) === 0x04034b50;
    const localNameLen = hasLocal ? u16(localOffset + 26) : 0;
    const localExtraLen = hasLocal ? u16(localOffset + 28) : 0;
    let dataOffset = localOffset + 30 + localNameLen + localExtraLen;
    if (!hasLocal || dataOffset + compressedSize > bytes.length) dataOffset = -1;
    out.push({
      nameBytes,
      name: decoder.decode(nameBytes),
      versionMadeBy: u16(offset + 4),
      versionNeeded: u16(offset + 6),
      flags: u16(offset + 8),
      method: u16(offset + 10),
      time: u16(offset + 12),
      date: u16(offset + 14),
      crc: u32(offset + 16),
      compressedSize,
      size,
      centralExtra: withoutZip64(centralExtra),
      localExtra: dataOffset < 0 ? new Uint8Array(0) : withoutZip64(bytes.slice(localOffset + 30 + localNameLen, dataOffset)),
      comment: bytes.slice(offset + 46 + nameLen + extraLen, offset + 46 + nameLen + extraLen + commentLen),
      internalAttrs: u16(offset + 36),
      externalAttrs: u32(offset + 38),
      dataOffset,
    });
    offset += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const CORRUPT = '文件已损坏或不是有效的 .xlsx 文件（压缩包无法解开）';

/** The largest size the directory declares for one entry, or null when the bytes are no zip this reader reads. */
export function largestPartSize(bytes: Uint8Array): number | null {
  try {
    let largest = 0;
    for (const e of readZipEntries(bytes)) if (e.size > largest) largest = e.size;
    return largest;
  } catch {
    return null;
  }
}

export class ZipPackage {
  /** Entries by normalised part name (OPC part names are case-insensitive; no leading '/'). */
  private readonly entries = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(private readonly bytes: Uint8Array) {
    let list: ZipEntry[];
    try {
      list = readZipEntries(bytes);
    } catch {
      throw new WorkbookReadError(CORRUPT);
    }
    for (const e of list) {
      const key = partKey(e.name);
      if (!this.entries.has(key)) this.entries.set(key, e);
    }
  }

  has(part: string): boolean {
    return this.entries.has(partKey(part));
  }

  /** The part's bytes, or null when the package has no such part. */
  read(part: string): Uint8Array | null {
    const e = this.entries.get(partKey(part));
    if (!e) return null;
    if (e.size > PART_LIMIT || this.inflated + e.size > TOTAL_LIMIT) {
      const limit = e.size > PART_LIMIT ? PART_LIMIT : TOTAL_LIMIT;
      throw new WorkbookReadError(`文件中的「${e.name}」解压后超过 ${limit / MB} MB，已停止读取（可能是损坏或恶意构造的文件）`);
    }
    this.inflated += e.size;
    try {
      if (e.dataOffset < 0) throw new Error('no local header');
      const data = this.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
      if (e.method === 0) return data.slice(0, e.size);
      if (e.method !== 8) throw new Error(`method ${e.method}`);
      return inflate(data, e.size);
    } catch {
      throw new WorkbookReadError(`文件已损坏：「${e.name}」无法解压`);
    }
  }
}

/** A part name as a lookup key: '/xl/Workbook.xml' and 'xl/workbook.xml' are the same part. */
export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** Resolves a relationship target against the folder of its source part ('xl/workbook.xml' + 'worksheets/a.xml'). */
export function resolveTarget(sourcePart: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/')) return t.slice(1);
  const base = sourcePart.includes('/') ? sourcePart.slice(0, sourcePart.lastIndexOf('/') + 1) : '';
  const out: string[] = [];
  for (const seg of (base + t).split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

/** The relationships part of a part: 'xl/workbook.xml' → 'xl/_rels/workbook.xml.rels'. */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}
