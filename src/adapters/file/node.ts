/** Node entry of the readers: a path (or bytes) to the core's grid, with Chinese reasons for files that cannot be read. */
import { promises as fs } from 'fs';
import { inflateRawSync } from 'zlib';
import type { WorkbookGrid } from '../../core/grid';
import { fflateInflate, useInflate } from '../xlsx/zip';
import { WorkbookReadError } from './errors';
import { readWorkbookBytes } from './read';

export { WorkbookReadError };

/**
 * zlib's inflate (native code, several times faster than fflate's on a cold start), with fflate's results: a part
 * whose data holds more than its declared size (zlib stops at maxOutputLength with an error), data zlib refuses and
 * empty parts are left to fflate, which truncates, refuses or yields them as the browser's reader does.
 */
export function zlibInflate(data: Uint8Array, size: number): Uint8Array {
  if (size > 0 && data.length > 0) {
    try {
      // one output buffer (a byte more than declared, so that a part of exactly that size needs no second one)
      const out = inflateRawSync(data, { maxOutputLength: size, chunkSize: Math.max(64, size + 1) });
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch {
      // below: fflate decides
    }
  }
  return fflateInflate(data, size);
}

useInflate(zlibInflate);

export async function readFileBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookReadError('文件不存在');
    if (code === 'EISDIR') throw new WorkbookReadError('这是一个文件夹，不是文件');
    if (code === 'EACCES' || code === 'EPERM') throw new WorkbookReadError('没有读取权限');
    throw new WorkbookReadError(`无法读取（${code ?? (e as Error).message}）`);
  }
}

/** Reads an .xlsx or .xls file (path or bytes) into a WorkbookGrid; throws WorkbookReadError with a Chinese reason. */
export async function readWorkbookGrid(input: string | Uint8Array): Promise<WorkbookGrid> {
  return readWorkbookBytes(typeof input === 'string' ? await readFileBytes(input) : input);
}
