/** Placeholder until the .xls reader lands in this session: refuses with the old message. */
import type { WorkbookGrid } from '../../core/grid';
import { WorkbookReadError } from '../file/errors';

export function readXls(_bytes: Uint8Array): WorkbookGrid {
  throw new WorkbookReadError('文件设置了打开密码，或是旧版 .xls 格式；请在 Excel 中取消密码或另存为 .xlsx 后再检查');
}
