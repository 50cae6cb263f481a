/**
 * Reading a workbook file into the core's grid, whatever its format: the format is told by the file's
 * first bytes, never by its name (a .xls renamed .et or .xlsx is still read).
 *
 * Browser-safe: no Node imports here (the Node entry that reads from a path is ./node.ts).
 */
import type { WorkbookGrid } from '../../core/grid';
import { WorkbookReadError } from './errors';

export { WorkbookReadError };

/** A zip package (.xlsx, .xlsm): the bytes start with a local file header. */
export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b;
const isOle = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Reads .xlsx/.xlsm (zip) or .xls/.et (OLE compound file) bytes; throws WorkbookReadError with a Chinese reason. */
export async function readWorkbookBytes(bytes: Uint8Array): Promise<WorkbookGrid> {
  if (isZip(bytes)) return (await import('../xlsx/read')).readXlsx(bytes);
  if (isOle(bytes)) return (await import('../xls/read')).readXls(bytes);
  throw new WorkbookReadError('不是有效的 .xlsx 文件，也不是 .xls 文件');
}
