/**
 * The parts of a zip package, decompressed only when asked for and never beyond a bound.
 *
 * The central directory is read here (once, so a workbook of 100,000 sheets costs one pass, not one per
 * sheet); fflate inflates each part. fflate's own unzip walks the whole directory on every call and offers
 * no per-part extraction, hence these few lines. Each part is inflated into a buffer of the size the
 * directory declares, which is checked against the bounds first and never grows (fflate writes no further
 * than the buffer given), so a zip bomb that lies about its size yields a truncated part, then an XML error.
 */
import { inflateSync } from 'fflate';
import { WorkbookReadError } from '../file/errors';

/**
 * The largest part we inflate: 128 MB of XML is about a million rows of a dozen short cells, far beyond any
 * 绩效目标表 (a sheet of 50 tables is 0.3 MB); a bigger part is refused with its name, before it is inflated.
 */
export const PART_LIMIT = 128 * 1024 * 1024;
/** The most we inflate from one file, all parts together. */
export const TOTAL_LIMIT = 512 * 1024 * 1024;

const MB = 1024 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const CORRUPT = '文件已损坏或不是有效的 .xlsx 文件（压缩包无法解开）';

export class ZipPackage {
  /** Entries by normalised part name (OPC part names are case-insensitive; no leading '/'). */
  private readonly entries = new Map<string, Entry>();
  private readonly view: DataView;
  private inflated = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    try {
      this.readDirectory();
    } catch (e) {
      if (e instanceof WorkbookReadError) throw e;
      throw new WorkbookReadError(CORRUPT);
    }
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  private u64(at: number): number {
    return this.u32(at) + this.u32(at + 4) * 0x1_0000_0000;
  }

  private readDirectory(): void {
    const b = this.bytes;
    let eocd = -1;
    for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && this.u32(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new WorkbookReadError(CORRUPT);
    let count = this.u16(eocd + 10);
    let offset = this.u32(eocd + 16);
    if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && this.u32(eocd - 20) === 0x07064b50) {
      const z = this.u64(eocd - 12);
      if (this.u32(z) !== 0x06064b50) throw new WorkbookReadError(CORRUPT);
      count = this.u64(z + 32);
      offset = this.u64(z + 48);
    }
    const decoder = new TextDecoder();
    // the entries run up to the end record; the count is only a check, since writers that do not write zip64
    // let it wrap past 65,535 entries
    if (count > 0 && this.u32(offset) !== 0x02014b50) throw new WorkbookReadError(CORRUPT);
    for (let i = 0; offset + 46 <= eocd && this.u32(offset) === 0x02014b50; i++) {
      const nameLen = this.u16(offset + 28);
      const extraLen = this.u16(offset + 30);
      const commentLen = this.u16(offset + 32);
      const e: Entry = {
        name: decoder.decode(b.subarray(offset + 46, offset + 46 + nameLen)),
        method: this.u16(offset + 10),
        compressedSize: this.u32(offset + 20),
        size: this.u32(offset + 24),
        localOffset: this.u32(offset + 42),
      };
      // zip64: the sizes and offset that do not fit 32 bits follow in extra field 0x0001, in this order
      for (let x = offset + 46 + nameLen, end = x + extraLen; x + 4 <= end; ) {
        const id = this.u16(x);
        const len = this.u16(x + 2);
        if (id === 0x0001) {
          let p = x + 4;
          if (e.size === 0xffffffff) (e.size = this.u64(p)), (p += 8);
          if (e.compressedSize === 0xffffffff) (e.compressedSize = this.u64(p)), (p += 8);
          if (e.localOffset === 0xffffffff) e.localOffset = this.u64(p);
        }
        x += 4 + len;
      }
      const key = partKey(e.name);
      if (!this.entries.has(key)) this.entries.set(key, e);
      offset += 46 + nameLen + extraLen + commentLen;
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
      const at = e.localOffset;
      if (this.u32(at) !== 0x04034b50) throw new Error('no local header');
      const start = at + 30 + this.u16(at + 26) + this.u16(at + 28);
      const data = this.bytes.subarray(start, start + e.compressedSize);
      if (data.length < e.compressedSize) throw new Error('truncated');
      if (e.method === 0) return data.slice(0, e.size);
      if (e.method !== 8) throw new Error(`method ${e.method}`);
      return inflateSync(data, { out: new Uint8Array(e.size) });
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
