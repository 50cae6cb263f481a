/**
 * Findings the user chose to ignore (忽略此条), kept in the workbook so that a colleague who opens it later sees the
 * same list: one custom XML part in REVIEW_NS (ExcelApi 1.5; saved with the file, "Work with workbooks": custom XML
 * data persists with the workbook), one element per ignored finding.
 *
 * A finding is ignored while its sheet, cell, rule and message are the same: once the value in the cell changes
 * (and with it the message), the finding is shown again.
 */
import type { Finding } from '../../core/findings';
import { esc, unesc } from './marks';

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
