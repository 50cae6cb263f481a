/** ESLint-style rule contract. */
import type { Severity } from '../findings';
import type { CellRef, Table } from '../model';
import type { Profile } from '../config';

export interface RuleMeta {
  /** Stable code, e.g. "missing-value". */
  code: string;
  defaultSeverity: Severity;
  /** Chinese description shown in reports and settings. */
  description: string;
  /** Chinese message templates keyed by message id; {placeholders} are filled from data. */
  messages: Record<string, string>;
}

export interface RawFinding {
  cell: CellRef;
  messageId: string;
  data?: Record<string, string | number>;
}

export interface RuleContext {
  profile: Profile;
}

export interface Rule extends RuleMeta {
  check(table: Table, ctx: RuleContext): RawFinding[];
}

/** Fills "{name}" placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  // same result as template.replace(/\{(\w+)\}/g, (_, k) => (k in data ? String(data[k]) : `{${k}}`)), but the
  // template is split once (it runs for every finding): parts alternate literal text and placeholder names
  const parts = templateParts(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    out += (k in data ? String(data[k]) : `{${k}}`) + parts[i + 1];
  }
  return out;
}

const PARTS_CACHE = new Map<string, readonly string[]>();

/** "a{x}b{y}" -> ["a", "x", "b", "y", ""] (cached; templates are a small fixed set). */
function templateParts(template: string): readonly string[] {
  let parts = PARTS_CACHE.get(template);
  if (!parts) {
    const list: string[] = [];
    const re = /\{(\w+)\}/g;
    let last = 0;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      list.push(template.slice(last, m.index), m[1]);
      last = m.index + m[0].length;
    }
    list.push(template.slice(last));
    parts = Object.freeze(list);
    // messages are fixed templates; the bound only guards against callers passing arbitrary text
    if (PARTS_CACHE.size > 1000) PARTS_CACHE.clear();
    PARTS_CACHE.set(template, parts);
  }
  return parts;
}

/** Short form of an indicator name for messages. */
export function short(s: string, max = 24): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) + '…' : t;
}
