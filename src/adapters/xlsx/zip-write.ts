/**
 * Rewrites a zip package with some entries replaced or added, copying every other entry's compressed data as
 * it is (no inflate, no deflate): the same method, CRC, sizes, name, times, flags and extra fields. Replaced and
 * added entries are deflated with fflate. Entry order is kept; added entries come last.
 *
 * An entry written with a data descriptor (general-purpose flag bit 3: CRC and sizes after the data, zero in the
 * local header) is copied with its CRC and sizes from the central directory moved into the local header and
 * without the descriptor (bit 3 cleared), which every reader accepts. Zip64 is read (sizes in extra field
 * 0x0001) but never written: an output that needs it (> 4 GB, > 65,535 entries) is refused.
 */
import { deflateSync } from 'fflate';
import { type ZipEntry, readZipEntries } from './zip';

export { type ZipEntry, readZipEntries };

export class ZipWriteError extends Error {}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO 3309, the zip one). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The fields a local header and a central directory entry share, in the same order (APPNOTE 4.3.7 and 4.3.12):
 * version needed, flags, method, time, date, CRC-32, compressed and uncompressed size, name length.
 */
function sharedFields(v: DataView, at: number, e: ZipEntry): void {
  v.setUint16(at, e.versionNeeded, true);
  v.setUint16(at + 2, e.flags, true);
  v.setUint16(at + 4, e.method, true);
  v.setUint16(at + 6, e.time, true);
  v.setUint16(at + 8, e.date, true);
  v.setUint32(at + 10, e.crc, true);
  v.setUint32(at + 14, e.compressedSize, true);
  v.setUint32(at + 18, e.size, true);
  v.setUint16(at + 22, e.nameBytes.length, true);
}

interface Out {
  e: ZipEntry;
  data: Uint8Array;
  offset: number;
}

const encoder = new TextEncoder();

/** A new entry for `raw` (deflated), with the attributes of `like` (the entry it replaces) or of the first one. */
function freshEntry(name: string, raw: Uint8Array, like: ZipEntry | null, stamp: ZipEntry | null): ZipEntry & { data: Uint8Array } {
  const data = deflateSync(raw, { level: 6 });
  const nameBytes = encoder.encode(name);
  // bit 11: UTF-8 names (ours may be Chinese-free, the original's flag is kept for replaced entries)
  const utf8 = nameBytes.some((b) => b >= 0x80) ? 0x800 : 0;
  return {
    nameBytes: like ? like.nameBytes : nameBytes,
    name,
    versionMadeBy: like ? like.versionMadeBy : 20,
    versionNeeded: 20,
    flags: like ? like.flags & 0x800 : utf8,
    method: 8,
    time: like ? like.time : stamp ? stamp.time : 0,
    date: like ? like.date : stamp ? stamp.date : 0x21, // 1980-01-01
    crc: crc32(raw),
    compressedSize: data.length,
    size: raw.length,
    centralExtra: like ? like.centralExtra : new Uint8Array(0),
    localExtra: like ? like.localExtra : new Uint8Array(0),
    comment: like ? like.comment : new Uint8Array(0),
    internalAttrs: like ? like.internalAttrs : 0,
    externalAttrs: like ? like.externalAttrs : 0,
    dataOffset: -1,
    data,
  };
}

/** The entries to write, in order: the original ones copied or replaced, then the added ones. */
function entriesToWrite(bytes: Uint8Array, original: ZipEntry[], replace: Map<string, Uint8Array>, add: [string, Uint8Array][]): Out[] {
  const outs: Out[] = [];
  const stamp = original[0] ?? null;
  for (const e of original) {
    const r = replace.get(e.name);
    if (r) {
      const f = freshEntry(e.name, r, e, stamp);
      outs.push({ e: f, data: f.data, offset: 0 });
    } else {
      if (e.dataOffset < 0) throw new ZipWriteError(`entry ${e.name} has no valid local header`);
      outs.push({ e: { ...e, flags: e.flags & ~0x8 }, data: bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize), offset: 0 });
    }
  }
  for (const [name, raw] of add) {
    const f = freshEntry(name, raw, null, stamp);
    outs.push({ e: f, data: f.data, offset: 0 });
  }
  if (outs.length > 0xffff) throw new ZipWriteError('more than 65,535 entries (zip64 is not written)');
  return outs;
}

function packageSize(outs: Out[]): number {
  let total = 22;
  for (const o of outs) {
    const e = o.e;
    total +=
      30 + e.nameBytes.length + e.localExtra.length + o.data.length + 46 + e.nameBytes.length + e.centralExtra.length + e.comment.length;
  }
  if (total > 0xffffffff) throw new ZipWriteError('the package would exceed 4 GB (zip64 is not written)');
  return total;
}

/** Local headers and data from `at`; records each entry's offset. Returns the end. */
function writeLocal(out: Uint8Array, v: DataView, outs: Out[], at: number): number {
  for (const o of outs) {
    const e = o.e;
    o.offset = at;
    v.setUint32(at, 0x04034b50, true);
    sharedFields(v, at + 4, e);
    v.setUint16(at + 28, e.localExtra.length, true);
    out.set(e.nameBytes, at + 30);
    out.set(e.localExtra, at + 30 + e.nameBytes.length);
    at += 30 + e.nameBytes.length + e.localExtra.length;
    out.set(o.data, at);
    at += o.data.length;
  }
  return at;
}

/** The central directory from `at`, then the end record. */
function writeCentral(out: Uint8Array, v: DataView, outs: Out[], at: number): void {
  const cdStart = at;
  for (const o of outs) {
    const e = o.e;
    v.setUint32(at, 0x02014b50, true);
    v.setUint16(at + 4, e.versionMadeBy, true);
    sharedFields(v, at + 6, e);
    v.setUint16(at + 30, e.centralExtra.length, true);
    v.setUint16(at + 32, e.comment.length, true);
    v.setUint16(at + 34, 0, true);
    v.setUint16(at + 36, e.internalAttrs, true);
    v.setUint32(at + 38, e.externalAttrs, true);
    v.setUint32(at + 42, o.offset, true);
    out.set(e.nameBytes, at + 46);
    out.set(e.centralExtra, at + 46 + e.nameBytes.length);
    out.set(e.comment, at + 46 + e.nameBytes.length + e.centralExtra.length);
    at += 46 + e.nameBytes.length + e.centralExtra.length + e.comment.length;
  }
  v.setUint32(at, 0x06054b50, true);
  v.setUint16(at + 8, outs.length, true);
  v.setUint16(at + 10, outs.length, true);
  v.setUint32(at + 12, at - cdStart, true);
  v.setUint32(at + 16, cdStart, true);
}

/**
 * Writes the package: the entries of `original` in order, each either copied (compressed data as is) or, when
 * `replace` has its name, written anew from the given bytes; then the `add` entries. Names are compared exactly
 * as stored.
 */
export function writeZip(
  bytes: Uint8Array,
  original: ZipEntry[],
  replace: Map<string, Uint8Array>,
  add: [name: string, data: Uint8Array][],
): Uint8Array {
  const outs = entriesToWrite(bytes, original, replace, add);
  const out = new Uint8Array(packageSize(outs));
  const v = new DataView(out.buffer);
  writeCentral(out, v, outs, writeLocal(out, v, outs, 0));
  return out;
}
