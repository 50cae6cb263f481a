/**
 * Findings the user chose to ignore (忽略此条) and the rules the user turned off or graded otherwise (规则设置), kept
 * in the workbook so that a colleague who opens it later sees the same: one custom XML part in REVIEW_NS (ExcelApi
 * 1.5; saved with the file, "Work with workbooks": custom XML data persists with the workbook), one element per
 * ignored finding and per rule setting. The part comes from a file, so what it holds is checked before use: a rule
 * setting with an unknown code or value is left out (zod, RuleSettingSchema).
 *
 * A finding is ignored while its sheet, cell, rule and message are the same: once the value in the cell changes
 * (and with it the message), the finding is shown again.
 */
import type { RuleSetting } from '../../core/config';
import { RuleSettingSchema } from '../../core/config-schema';
import type { Finding } from '../../core/findings';
import { ruleByCode } from '../../core/rules';
import { esc, unesc } from './marks';

/** Per-rule settings chosen in the pane (rule code → off | error | warning | info). */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

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

export function encodeReview(entries: readonly IgnoredEntry[], rules: RuleSettings = {}): string {
  const settings = Object.entries(rules)
    .map(([code, setting]) => `<rule code="${esc(code)}" setting="${esc(setting)}"/>`)
    .join('');
  const body = entries
    .map((e) => `<ignore sheet="${esc(e.sheet)}" cell="${esc(e.cell)}" code="${esc(e.code)}" message="${esc(e.message)}"/>`)
    .join('');
  return `<review xmlns="${REVIEW_NS}">${settings}${body}</review>`;
}

/** Whether the part is ours (its root element <review> in REVIEW_NS). */
function isReview(xml: string): boolean {
  const root = /<review\b([^>]*?)\/?>/.exec(xml);
  return !!root && new RegExp(`\\bxmlns="${REVIEW_NS.replace(/[.:]/g, '\\$&')}"`).test(root[1]);
}

/** The attributes `names` of every element `tag` of the part. */
function elements(xml: string, tag: string, names: readonly string[]): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}\\b([^>]*?)/>`, 'g'))) {
    const e: Record<string, string> = {};
    for (const name of names) {
      const v = new RegExp(`\\b${name}="([^"]*)"`).exec(m[1]);
      e[name] = v ? unesc(v[1]) : '';
    }
    out.push(e);
  }
  return out;
}

/** The entries of one part; null when it is not ours. */
export function decodeReview(xml: string): IgnoredEntry[] | null {
  if (!isReview(xml)) return null;
  return elements(xml, 'ignore', ['sheet', 'cell', 'code', 'message'])
    .map((a) => ({ sheet: a.sheet, cell: a.cell, code: a.code, message: a.message }))
    .filter((e) => e.sheet && e.cell && e.code);
}

/** The rule settings of one part (known rules and settings only); {} when it is not ours. */
export function decodeRuleSettings(xml: string): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  if (!isReview(xml)) return out;
  for (const a of elements(xml, 'rule', ['code', 'setting'])) {
    const setting = RuleSettingSchema.safeParse(a.setting);
    if (setting.success && ruleByCode(a.code)) out[a.code] = setting.data;
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
