/**
 * The parse memo: what one check remembers while parsing (field matches per label key, the label automaton's verdicts,
 * parsed indicator values), reached by the parsing helpers through a scope set for the duration of one check.
 */
import type { ParsedValue } from '../model';
import { scoped } from '../text';
import { parseValue } from '../value';
import type { FieldDef } from '../header-labels';

export interface FieldHit {
  def: FieldDef;
  /** Length of the label matched at the start of the key. */
  length: number;
}

/**
 * What one check remembers while parsing (the same labels, values and names recur in every table of a workbook); every
 * entry is a pure function of its key. Part of a check's context (check.ts), created with it and dropped with it.
 */
export interface ParseMemo {
  /** The first matching FIELD_DEFS entry of a key, per table kind. */
  readonly field: { readonly project: Map<string, FieldHit | null>; readonly department: Map<string, FieldHit | null> };
  /** ANY_FIELD's verdict per key (a map of its own: the automaton is long). */
  readonly labelLike: Map<string, boolean>;
  /** parseValue per raw text (frozen, shared results). */
  readonly value: Map<string, ParsedValue>;
}

export function newParseMemo(): ParseMemo {
  return { field: { project: new Map(), department: new Map() }, labelLike: new Map(), value: new Map() };
}

/**
 * The memo of the check running now, null outside a check. Set only by withParseMemo, for the duration of one check:
 * parseSegment reaches the memos through helpers that do not take the check's context.
 */
const parseScope = scoped<ParseMemo>();

/** Runs `fn` with `m` as the parse memo (the check's context); the previous memo is back afterwards, also on a throw. */
export function withParseMemo<T>(m: ParseMemo, fn: () => T): T {
  return parseScope.run(m, fn);
}

/** The running check's memo; outside a check, a throwaway one (nothing is kept between calls). */
export function parseMemo(): ParseMemo {
  return parseScope.get() ?? newParseMemo();
}

export const FIELD_MEMO_MAX = 4096;
export const LABEL_LIKE_MAX = 20000;

/**
 * parseValue, remembered per raw text: the same values ("≥95%", "100%") recur in every table. The results are
 * frozen and shared, like EMPTY_VALUE (indicators.ts): the rules only read the model.
 */
export function parsedValueOf(raw: string): ParsedValue {
  if (raw.length > 200) return parseValue(raw);
  const memo = parseMemo().value;
  let v = memo.get(raw);
  if (v === undefined) {
    v = Object.freeze(parseValue(raw)) as ParsedValue;
    if (memo.size >= FIELD_MEMO_MAX) memo.clear();
    memo.set(raw, v);
  }
  return v;
}
