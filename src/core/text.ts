/** Text normalisation shared by detection, parsing and rules. */
import type { CellValue } from './grid';

/** Cell value to a trimmed, NFKC-normalised string ('' for empty). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? numberToPlain(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return normalizeText(String(v));
}

/** Shortest plain decimal representation of a JS number (no exponent). */
export function numberToPlain(n: number): string {
  let s = String(n);
  if (/e/i.test(s)) {
    s = n.toFixed(20).replace(/\.?0+$/, '');
  }
  return s;
}

/**
 * NFKC (full-width punctuation and digits to half-width), unify comparators,
 * strip HTML tags and LaTeX math markers that come from copies of published tables.
 */
export function normalizeText(s: string): string {
  // fast path: printable ASCII and CJK ideographs without markup need nothing (most cells)
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0020-\u0023\u0025-\u003b\u003f-\u005b\u005d-\u007e\u4e00-\u9fff]|^\s|\s$/.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  let t = /[^\u0000-\u007f\u4e00-\u9fff]/.test(s) ? s.normalize('NFKC') : s;
  if (/[<>=\\$≧≦\u00a0\u3000\r]/.test(t)) {
    t = t.replace(/<\/?(p|math|span|div|br)\b[^>]*>/gi, ' ');
    t = t.replace(/\\times/g, '×').replace(/\\div/g, '÷').replace(/\\cdot/g, '×');
    t = t.replace(/\$/g, '');
    t = t.replace(/>=/g, '≥').replace(/<=/g, '≤').replace(/≧/g, '≥').replace(/≦/g, '≤');
    t = t.replace(/[\u00a0\u3000]/g, ' ');
    t = t.replace(/\r\n?/g, '\n');
  }
  return t.trim();
}

/** Key used to match labels: no whitespace at all, no trailing colon. */
export function labelKey(s: string): string {
  return keyOfNormalized(normalizeText(s));
}

/** labelKey for text that is already normalised (cell texts of a SheetView). */
export function keyOfNormalized(t: string): string {
  return /\s|:$/.test(t) ? t.replace(/\s+/g, '').replace(/:+$/, '') : t;
}

/** Number of decimal places written in a decimal string ("11.50" -> 2, "15" -> 0). */
export function decimalsWritten(numStr: string): number {
  const m = /\.(\d+)$/.exec(numStr);
  return m ? m[1].length : 0;
}
