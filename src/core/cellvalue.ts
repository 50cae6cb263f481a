/**
 * How both adapters turn a stored number into the core's CellValue, so the add-in (Office.js)
 * and the command line (exceljs) see the same grid: 15 significant digits, numbers in a percent
 * format read as their displayed percent ("95%"), numbers in a date format as "YYYY-MM-DD".
 */
import type { CellValue } from './grid';
import { numberToPlain } from './text';

/** Same test exceljs applies when it decides a number format is a date. */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** Rounds away binary noise (0.1 + 0.2) the way Excel displays numbers. */
export function plainNumber(n: number): number {
  // (integers below 1E15 have at most 15 digits already: the common case costs no string)
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return n;
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

/**
 * A format that shows the number times 100 with a percent sign ("0%", "0.00%"); not one that only prints a
 * literal percent sign after the number as stored (0"%", 0\%: 90 shows as 90%).
 */
export function isPercentFormat(fmt: string | null | undefined): boolean {
  if (!fmt || !fmt.includes('%')) return false;
  return fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*]/g, '')
    .includes('%');
}

/**
 * Text a format prints after the number as stored: 0"%" -> "%", 0.00"万元" -> "万元", 0\% -> "%"; '' for none.
 * (The first section of the format; colours and locales in brackets ignored.)
 */
export function formatSuffix(fmt: string | null | undefined): string {
  if (!fmt || !(fmt.includes('"') || fmt.includes('\\'))) return '';
  const first = fmt.split(';')[0].replace(/\[[^\]]*]/g, '');
  const m = /((?:"[^"]*"|\\.)+)\s*$/.exec(first);
  if (!m || !/[0#?]/.test(first.slice(0, m.index))) return '';
  return m[1]
    .replace(/"([^"]*)"/g, '$1')
    .replace(/\\(.)/g, '$1')
    .trim();
}

/** A stored number with its number format, as the core should read it (as shown: "95%", "11.5万元"). */
export function numberCellValue(n: number, numFmt: string | null | undefined, dateFormats = true): CellValue {
  const fmt = numFmt ?? '';
  if (dateFormats && isDateFormat(fmt)) return serialToDateText(n);
  if (isPercentFormat(fmt)) return `${numberToPlain(plainNumber(n * 100))}%`;
  const suffix = formatSuffix(fmt);
  return suffix ? `${numberToPlain(plainNumber(n))}${suffix}` : plainNumber(n);
}
