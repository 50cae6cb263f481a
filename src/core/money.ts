/** Exact money arithmetic with decimal.js. Amounts are kept in 万元 unless stated. */
import Decimal from 'decimal.js';
import { decimalsWritten } from './text';
import { FORMULA_ERROR_RE } from './errors';

export { Decimal };

/** Parses a plain decimal string; null when it is not one. */
export function dec(s: string | null | undefined): Decimal | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/,/g, '').trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  try {
    return new Decimal(t);
  } catch {
    return null;
  }
}

/** Decimal places of a Decimal as written (no trailing-zero trimming of the source string). */
function places(d: Decimal, written?: string): number {
  if (written !== undefined) return decimalsWritten(written);
  return Math.max(0, d.decimalPlaces());
}

/**
 * Two amounts agree when they are equal at the precision actually written: the value with
 * fewer decimals sets the precision the other is rounded to ("15" vs 14.996 agree; "7" vs 8.05 do not).
 */
export function agree(a: Decimal, b: Decimal, aWritten?: string, bWritten?: string): boolean {
  if (a.equals(b)) return true;
  const pa = places(a, aWritten);
  const pb = places(b, bWritten);
  const p = Math.min(pa, pb);
  return a.toDecimalPlaces(p, Decimal.ROUND_HALF_UP).equals(b.toDecimalPlaces(p, Decimal.ROUND_HALF_UP));
}

export function sum(values: Decimal[]): Decimal {
  return values.reduce((acc, v) => acc.plus(v), new Decimal(0));
}

/**
 * Formats a Decimal for messages as Excel's formula bar shows a number: plain digits without useless zeros,
 * and beyond 15 integer digits (or below 1E-9) 15 significant digits with an exponent, "1.23456789012346E+29".
 */
export function fmt(d: Decimal): string {
  const a = d.abs();
  if (a.isZero() || (a.lt('1e15') && a.gte('1e-9'))) return d.toFixed();
  const [m, e] = d.toSignificantDigits(15).toExponential().split('e');
  const exp = parseInt(e, 10);
  return `${m.toUpperCase()}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Converts an amount with a money unit to 万元; null when the unit is not money. */
export function toWan(amount: Decimal, unit: string): Decimal | null {
  const u = unit.replace(/\s+/g, '');
  // (万 alone or 万元; not a magnitude of another unit: 万亩, 万人)
  if (/^万(元|(?![\u4e00-\u9fff]))/.test(u)) return amount;
  if (/^亿元/.test(u)) return amount.times(10000);
  if (/^千元/.test(u)) return amount.dividedBy(10);
  if (/^元/.test(u)) return amount.dividedBy(10000);
  return null;
}

/** The number and unit of a money amount in free text; null when there is none (or it is a date or an error value). */
function moneyMatch(text: string): RegExpExecArray | null {
  // an error value (#DIV/0!) holds no amount, whatever digits its name has
  if (text.charCodeAt(0) === 0x23 /* # */ && FORMULA_ERROR_RE.test(text.trim())) return null;
  const m = /([+-]?\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|万|元)?/.exec(text);
  if (!m) return null;
  // a date (2024-01-10, 2024年1月) is not an amount
  if (/^\s*([-/.]\d|年|月|日)/.test(text.slice(m.index + m[0].length)) && !m[2]) return null;
  return m;
}

/**
 * parseMoneyText(text)?.written ?? null, without building Decimals for amounts already in 万元 (the parser only
 * keeps the written form; the digits matched always form a valid decimal).
 */
export function parseMoneyWritten(text: string, defaultUnit: MoneyUnit = '万元'): string | null {
  const m = moneyMatch(text);
  if (!m) return null;
  const unit = m[2] ?? defaultUnit;
  if (unit === '万元' || unit === '万') return m[1].replace(/,/g, '');
  const parsed = parseMoneyText(text, defaultUnit);
  return parsed ? parsed.written : null;
}

/** The unit of an amount written without one: 万元, or 元 in tables that say so ("单位：元"). */
export type MoneyUnit = '万元' | '元';

/** Reads a money amount from free text such as "11.5", "233万元", "其中:财政拨款11.5", "14996元". */
export function parseMoneyText(text: string, defaultUnit: MoneyUnit = '万元'): { amount: Decimal; written: string } | null {
  const m = moneyMatch(text);
  if (!m) return null;
  const raw = m[1].replace(/,/g, '');
  const d = dec(raw);
  if (!d) return null;
  const unit = m[2] ?? defaultUnit;
  const wan = toWan(d, unit);
  if (!wan) return null;
  return { amount: wan, written: /^(万元|万)$/.test(unit) ? raw : wan.toFixed() };
}
