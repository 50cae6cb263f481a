/**
 * How both adapters turn a stored number into the core's CellValue, so the add-in (Office.js)
 * and the command line (exceljs) see the same grid: 15 significant digits, numbers in a percent
 * format read as their displayed percent ("95%"), numbers in a date format as "YYYY-MM-DD".
 */
import type { CellValue } from './grid';

/** Same test exceljs applies when it decides a number format is a date. */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** Rounds away binary noise (0.1 + 0.2) the way Excel displays numbers. */
export function plainNumber(n: number): number {
  return Number.isFinite(n) ? parseFloat(n.toPrecision(15)) : n;
}

export function dateText(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}

/** Excel serial day number (1900 system) to "YYYY-MM-DD". */
export function serialToDateText(serial: number): string {
  return dateText(new Date(Math.round((serial - 25569) * 24 * 3600 * 1000)));
}

/** A stored number with its number format, as the core should read it. */
export function numberCellValue(n: number, numFmt: string | null | undefined, dateFormats = true): CellValue {
  const fmt = numFmt ?? '';
  if (dateFormats && isDateFormat(fmt)) return serialToDateText(n);
  if (fmt.includes('%')) return `${plainNumber(n * 100)}%`;
  return plainNumber(n);
}
