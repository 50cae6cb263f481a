/** TEMPORARY during this session: the exceljs path, until the own reader lands. */
import type { WorkbookGrid } from '../../core/grid';
import { loadExcelWorkbook, workbookToGrid } from '../exceljs/read';

export async function readXlsx(bytes: Uint8Array): Promise<WorkbookGrid> {
  return workbookToGrid(await loadExcelWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { readOnly: true }));
}
