/**
 * Findings the user chose to ignore (忽略此条), kept in the workbook so that a colleague who opens it later sees the
 * same list: one custom XML part in REVIEW_NS (ExcelApi 1.5; saved with the file, "Work with workbooks": custom XML
 * data persists with the workbook), one element per ignored finding.
 *
 * A finding is ignored while its sheet, cell, rule and message are the same: once the value in the cell changes
 * (and with it the message), the finding is shown again.
 */
import type { Finding } from '../../core/findings';

export const REVIEW_NS = 'urn:jxmb:review:1';

export interface IgnoredEntry {
  sheet: string;
  cell: string;
  code: string;
  message: string;
}

export const ignoreKey = (e: IgnoredEntry | Finding): string => JSON.stringify([e.sheet, e.cell, e.code, e.message]);

export function entryOf(f: Finding): IgnoredEntry {
  return { sheet: f.sheet, cell: f.cell, code: f.code, message: f.message };
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const esc = (s: string) =>
  s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
const unesc = (s: string) =>
  s.replace(/&(#(\d+)|#x([0-9a-fA-F]+)|amp|lt|gt|quot|apos);/g, (_m, _e, dec: string | undefined, hex: string | undefined) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }[_m] ?? _m;
  });

export function encodeReview(entries: readonly IgnoredEntry[]): string {
  const body = entries
    .map((e) => `<ignore sheet="${esc(e.sheet)}" cell="${esc(e.cell)}" code="${esc(e.code)}" message="${esc(e.message)}"/>`)
    .join('');
  return `<review xmlns="${REVIEW_NS}">${body}</review>`;
}

/** The entries of one part; null when it is not ours. */
export function decodeReview(xml: string): IgnoredEntry[] | null {
  const root = /<review\b([^>]*?)\/?>/.exec(xml);
  if (!root || !new RegExp(`\\bxmlns="${REVIEW_NS.replace(/[.:]/g, '\\$&')}"`).test(root[1])) return null;
  const out: IgnoredEntry[] = [];
  for (const m of xml.matchAll(/<ignore\b([^>]*?)\/>/g)) {
    const a = (name: string) => {
      const v = new RegExp(`\\b${name}="([^"]*)"`).exec(m[1]);
      return v ? unesc(v[1]) : '';
    };
    const e = { sheet: a('sheet'), cell: a('cell'), code: a('code'), message: a('message') };
    if (e.sheet && e.cell && e.code) out.push(e);
  }
  return out;
}

/** The findings split into those shown and those the user ignored (in the result's order). */
export function splitIgnored(findings: readonly Finding[], ignored: readonly IgnoredEntry[]): { shown: Finding[]; ignored: Finding[] } {
  const keys = new Set(ignored.map(ignoreKey));
  const shown: Finding[] = [];
  const hidden: Finding[] = [];
  for (const f of findings) (keys.has(ignoreKey(f)) ? hidden : shown).push(f);
  return { shown, ignored: hidden };
}
