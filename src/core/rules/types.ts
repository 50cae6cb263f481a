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
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in data ? String(data[k]) : `{${k}}`));
}

/** Short form of an indicator name for messages. */
export function short(s: string, max = 24): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) + '…' : t;
}
