/** Text normalisation shared by detection, parsing and rules. */
import Decimal from 'decimal.js';
import type { CellValue } from './grid';

/** Cell value to a trimmed, NFKC-normalised string ('' for empty). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? numberToPlain(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return normalizeText(String(v));
}

/**
 * Plain decimal digits of a JS number, exactly the digits of its shortest form, never an exponent:
 * 2e21 → "2000000000000000000000", 1.5e-7 → "0.00000015" (toFixed would keep "2e+21" from 1e21 on).
 */
export function numberToPlain(n: number): string {
  const s = String(n);
  return s.indexOf('e') < 0 ? s : new Decimal(s).toFixed();
}

/**
 * NFKC (full-width punctuation and digits to half-width), unify comparators,
 * strip HTML tags and LaTeX math markers that come from copies of published tables.
 */
export function normalizeText(s: string): string {
  // fast path: printable ASCII and CJK ideographs without markup need nothing (most cells)
  if (isPlain(s)) return s;
  // the same labels and values recur across the tables of a workbook: remember the slow path's results
  // (short texts only, and a bounded number of them)
  const m = textScope.get();
  if (s.length > SLOW_CACHE_LEN || !m) return normalizeSlow(s);
  let t = m.slow.get(s);
  if (t === undefined) {
    t = normalizeSlow(s);
    if (m.slow.size >= SLOW_CACHE_MAX) m.slow.clear();
    m.slow.set(s, t);
  }
  return t;
}

const SLOW_CACHE_LEN = 200;

const SLOW_CACHE_MAX = 4096;

/**
 * What one check remembers of text normalisation: the same labels and values recur across the tables of a
 * workbook. Part of a check's context (check.ts), created with it and dropped with it: nothing is remembered from
 * one check to the next (a check's speed and memory never depend on earlier checks).
 */
export interface TextMemo {
  /** normalizeText's slow path, by input. */
  readonly slow: Map<string, string>;
  /** keyOfNormalized's slow path, by input. */
  readonly keys: Map<string, string>;
  /** Other modules' memos of the check, by name (checkMemo). */
  readonly named: Map<string, Map<string, unknown>>;
}

export function newTextMemo(): TextMemo {
  return { slow: new Map(), keys: new Map(), named: new Map() };
}

/**
 * A memo of the check running now, by name (a pure function's results by input: calc.ts's text analyses,
 * indicator-area.ts's header roles); null outside a check, where the caller computes every time.
 */
export function checkMemo<V>(name: string): Map<string, V> | null {
  const m = textScope.get();
  if (!m) return null;
  let named = m.named.get(name);
  if (!named) {
    named = new Map();
    m.named.set(name, named);
  }
  return named as Map<string, V>;
}

/**
 * The memo of the check running now, null outside a check (normalisation is then computed every time). Set only by
 * withTextMemo, for the duration of one check: detection and parsing (sheet.ts, detect.ts, parse.ts, value.ts)
 * reach normalizeText through many calls that do not take the check's context.
 */
const textScope = scoped<TextMemo>();

/** Runs `fn` with `m` as the text memo (the check's context); the previous memo is back afterwards, also on a throw. */
export function withTextMemo<T>(m: TextMemo, fn: () => T): T {
  return textScope.run(m, fn);
}

/**
 * A value in force for the duration of a call, for the helpers of a check that do not take its context as a
 * parameter (text.ts's and parse.ts's memos): `run(v, fn)` sets it, `get()` reads it (null outside), and the
 * previous value is back when `fn` ends, also on a throw.
 */
export function scoped<V>(): { get(): V | null; run<T>(v: V, fn: () => T): T } {
  let current: V | null = null;
  return {
    get: () => current,
    run(v, fn) {
      const prev = current;
      current = v;
      try {
        return fn();
      } finally {
        current = prev;
      }
    },
  };
}

function normalizeSlow(s: string): string {
  // eslint-disable-next-line no-control-regex
  let t = /[^\u0000-\u007f\u4e00-\u9fff]/.test(s) ? s.normalize('NFKC') : s;
  if (/[<>=\\$≧≦\u00a0\u3000\r]/.test(t)) {
    t = t.replace(/<\/?(p|math|span|div|br)\b[^>]*>/gi, ' ');
    t = t
      .replace(/\\times/g, '×')
      .replace(/\\div/g, '÷')
      .replace(/\\cdot/g, '×');
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
  // a charCode loop instead of a regex test: this runs on every cell of every sheet
  const n = t.length;
  if (n === 0) return t;
  const c0 = t.charCodeAt(0);
  const cn = t.charCodeAt(n - 1);
  let clean = cn !== 0x3a /* ':' */ && cn !== 0x2a && c0 !== 0x2a /* '*' */ && c0 !== 0x2605; /* '★' */
  for (let i = 0; clean && i < n; i++) if (isSpaceCode(t.charCodeAt(i))) clean = false;
  if (clean) return t;
  // labels such as "指标1: " recur in every table: remember the short ones (in the check's TextMemo)
  const m = textScope.get();
  if (n > SLOW_CACHE_LEN || !m) return keyOfSlow(t);
  let k = m.keys.get(t);
  if (k === undefined) {
    k = keyOfSlow(t);
    if (m.keys.size >= SLOW_CACHE_MAX) m.keys.clear();
    m.keys.set(t, k);
  }
  return k;
}

/**
 * Without spaces and trailing colons, and without the required-field mark some templates print before a label
 * ("*指标值", "*年度总体绩效目标", "★项目名称": 岳阳楼区 整体绩效目标表, 浮梁县 部门整体表), or after it ("一级指标*":
 * 海南 2022 项目绩效目标表).
 */
function keyOfSlow(t: string): string {
  return t
    .replace(/\s+/g, '')
    .replace(/:+$/, '')
    .replace(/^[*★]+(?=[\u4e00-\u9fa5])/, '')
    .replace(/(?<=[\u4e00-\u9fa5)])\*+$/, '');
}

/**
 * True when normalizeText has nothing to do: only printable ASCII except $ < = > \ and CJK ideographs
 * U+4E00-U+9FFF, and no leading or trailing space. Same as the former regex test
 * /[^\u0020-\u0023\u0025-\u003b\u003f-\u005b\u005d-\u007e\u4e00-\u9fff]|^\s|\s$/ failing, as a charCode loop
 * (much cheaper on the short strings of cells).
 */
export function isPlain(s: string): boolean {
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) === 0x20 || s.charCodeAt(n - 1) === 0x20)) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00) {
      if (c > 0x9fff) return false;
    } else if (c < 0x20 || c > 0x7e || c === 0x24 || c === 0x3c || c === 0x3d || c === 0x3e || c === 0x5c) return false;
  }
  return true;
}

/** The characters matched by the regex class \s (ECMAScript WhiteSpace and LineTerminator). */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  // most characters met are CJK (U+4E00…): one comparison rejects them
  if (c > 0x3000) return c === 0xfeff;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Number of decimal places written in a decimal string ("11.50" -> 2, "15" -> 0). */
export function decimalsWritten(numStr: string): number {
  const m = /\.(\d+)$/.exec(numStr);
  return m ? m[1].length : 0;
}

/**
 * One pattern for a list of patterns that each start with ^ (as one anchored alternation: a single leading ^ lets
 * the engine try position 0 only, where alternatives each anchored made it retry every position of a long key).
 */
export function anchoredUnion(patterns: readonly RegExp[]): RegExp {
  if (patterns.some((re) => !re.source.startsWith('^'))) throw new Error('anchoredUnion: every pattern must start with ^');
  return new RegExp(`^(?:${patterns.map((re) => `(?:${re.source.replace(/^\^/, '').replace(/\|\^/g, '|')})`).join('|')})`);
}
