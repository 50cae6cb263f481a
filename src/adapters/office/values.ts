/**
 * Office.js cell values -> the core's CellValue, matching what the command line reads with exceljs
 * (src/adapters/exceljs/read.ts): "" is empty, numbers are rounded to 15 significant digits,
 * numbers in a percent format read as their displayed percent ("95%"), numbers in a date format
 * read as "YYYY-MM-DD".
 */
import type { CellValue } from '../../core/grid';

/** Same test exceljs applies when it decides a number is a date. */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

function plain(n: number): number {
  return Number.isFinite(n) ? parseFloat(n.toPrecision(15)) : n;
}

function serialToDate(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 24 * 3600 * 1000));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}

export function officeCellValue(v: unknown, numberFormat?: unknown): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') {
    const fmt = typeof numberFormat === 'string' ? numberFormat : '';
    if (isDateFormat(fmt)) return serialToDate(v);
    if (fmt.includes('%')) return `${plain(v * 100)}%`;
    return plain(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
