/**
 * Helpers of the reader tests: where the odd files live, the expected sheet with the grid's defaults,
 * refusals, a console/stdio recorder, and a raw zip writer for packages fflate cannot make (the zip bomb:
 * a deflate stream assembled from one compressed chunk repeated, and headers that may lie about sizes).
 */
import path from 'path';
import zlib from 'zlib';
import type { CellValue, Merge, SheetGrid } from '../../src/core/grid';
import { readWorkbookGrid, WorkbookReadError } from '../../src/adapters/file/node';

export const ODD = path.join(__dirname, '..', 'fixtures', 'odd');

export const oddPath = (name: string) => path.join(ODD, name);

/** Reads one file of test/fixtures/odd through the reader's entry point. */
export const readOdd = (name: string) => readWorkbookGrid(oddPath(name));

/**
 * The expected sheet: visible, unprotected, no merges, block at A1 unless `extra` says otherwise.
 * hiddenRows/hiddenCols appear only when given (the reader sets them only when there are some),
 * so compare with toStrictEqual.
 */
export function sheet(name: string, cells: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, rowOffset: 0, colOffset: 0, cells, merges: [], hidden: false, protected: false, ...extra };
}

/** A 0-based merged area from an A1 range such as "B2:C3". */
export function area(range: string): Merge {
  const [a, b] = range.split(':').map((s) => {
    const m = /^([A-Z]+)(\d+)$/.exec(s)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(m[2]) - 1, col: col - 1 };
  });
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

/** The reader refuses `input` with a WorkbookReadError whose message matches `re`. */
export async function expectRefusal(input: string | Uint8Array, re: RegExp): Promise<WorkbookReadError> {
  const err = await readWorkbookGrid(input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkbookReadError);
  expect((err as Error).message).toMatch(re);
  return err as WorkbookReadError;
}

/** Runs `fn` while recording (and swallowing) console.* calls and writes to process.stdout/stderr. */
export async function recordingOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: string[] }> {
  const output: string[] = [];
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void output.push(`console.${m}: ${args.map(String).join(' ')}`)),
    ),
    jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => (output.push(`stderr: ${String(chunk)}`), true)) as never),
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => (output.push(`stdout: ${String(chunk)}`), true)) as never),
  ];
  try {
    return { result: await fn(), output };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

export interface RawEntry {
  name: string;
  /** Stored (method 0) when `deflated` is absent. */
  data?: Uint8Array;
  /** Already deflated bytes with the CRC-32 and length of what they inflate to (method 8). */
  deflated?: { bytes: Uint8Array; crc: number; size: number };
  /** Sizes written in the headers, when they should lie. */
  declaredSize?: number;
}

/** A zip archive (APPNOTE 4.3: local headers, central directory, end record) written field by field. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = Buffer.from(e.deflated ? e.deflated.bytes : e.data!);
    const crc = e.deflated ? e.deflated.crc : zlib.crc32(body);
    const size = e.declaredSize ?? (e.deflated ? e.deflated.size : body.length);
    const method = e.deflated ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * The deflate stream of head + chunk×times + tail without deflating all of it: each piece is deflated on
 * its own with a full flush (byte-aligned, no final block, no back references across pieces, RFC 1951 §3.2.3),
 * so the compressed chunk can be repeated; the tail ends the stream.
 */
export function repeatedDeflate(
  head: string,
  chunk: string,
  times: number,
  tail: string,
): { bytes: Uint8Array; crc: number; size: number } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const h = Buffer.from(head, 'utf8');
  const c = Buffer.from(chunk, 'utf8');
  const t = Buffer.from(tail, 'utf8');
  const hz = zlib.deflateRawSync(h, flush);
  const cz = zlib.deflateRawSync(c, flush);
  const tz = zlib.deflateRawSync(t, { level: 9 });
  let crc = zlib.crc32(h);
  for (let i = 0; i < times; i++) crc = zlib.crc32(c, crc);
  crc = zlib.crc32(t, crc);
  const parts: Buffer[] = [hz];
  for (let i = 0; i < times; i++) parts.push(cz);
  parts.push(tz);
  return { bytes: Buffer.concat(parts), crc, size: h.length + c.length * times + t.length };
}
