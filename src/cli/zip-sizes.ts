/**
 * The largest uncompressed size a zip package (.xlsx, .xlsm) declares for one of its parts, read from the
 * central directory without inflating anything. The pool's workers use it to skip, before reading, a file
 * whose one part is too large for the memory bound: a worker thread that makes a single allocation well over
 * its limit takes the whole process down (V8's fatal "heap out of memory") instead of stopping alone.
 *
 * Returns null when the bytes are not a zip package this scan understands (the reader then says why).
 */
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

export function largestPartSize(bytes: Uint8Array): number | null {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => v.getUint16(at, true);
  const u32 = (at: number) => v.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 0x1_0000_0000;
  try {
    let eocd = -1;
    for (let at = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 65535); at >= stop; at--) {
      if (u32(at) === EOCD) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) return null;
    let count = u16(eocd + 10);
    let offset = u32(eocd + 16);
    if ((offset === 0xffffffff || count === 0xffff) && eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
      const z = u64(eocd - 12);
      if (z + 56 > bytes.length || u32(z) !== ZIP64_EOCD) return null;
      count = u64(z + 32);
      offset = u64(z + 48);
    }
    let largest = 0;
    let p = offset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > bytes.length || u32(p) !== CENTRAL) return null;
      let size = u32(p + 24);
      const nameLen = u16(p + 28);
      const extraLen = u16(p + 30);
      const commentLen = u16(p + 32);
      if (size === 0xffffffff) {
        // zip64: the real size is the first field of extra block 0x0001
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = u16(e);
          const len = u16(e + 2);
          if (id === 0x0001 && len >= 8) {
            size = u64(e + 4);
            break;
          }
          e += 4 + len;
        }
      }
      if (size > largest) largest = size;
      p += 46 + nameLen + extraLen + commentLen;
    }
    return largest;
  } catch {
    return null; // read past the end: not a package this scan understands
  }
}
