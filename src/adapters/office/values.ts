/**
 * Office.js cell values -> the core's CellValue, matching what the command line reads with exceljs
 * (src/adapters/exceljs/read.ts): "" is empty, numbers are rounded to 15 significant digits,
 * numbers in a percent format read as their displayed percent ("95%"), numbers in a date format
 * read as "YYYY-MM-DD".
 */
import { numberCellValue } from '../../core/cellvalue';
import type { CellValue } from '../../core/grid';

export { isDateFormat } from '../../core/cellvalue';

export function officeCellValue(v: unknown, numberFormat?: unknown): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return numberCellValue(v, typeof numberFormat === 'string' ? numberFormat : '');
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
