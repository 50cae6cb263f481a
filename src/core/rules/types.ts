/**
 * The rule contract, after typescript-eslint's RuleCreator: `defineRule` takes a rule's metadata, its Chinese
 * message templates and its `check`, and types every finding the check returns against those templates:
 *
 *   - `messageId` is the union of the keys of `messages`: a misspelt id does not compile;
 *   - `data` must give every `{placeholder}` of that message (a string or number, or a list of sub-messages of the
 *     same rule, see MessageList): a forgotten placeholder does not compile.
 *
 * At run time `rule.format` throws a RuleMessageError on an unknown id or a placeholder without a value. It throws in
 * production too (as ESLint does): both are programming errors the types already rule out and the per-rule tests
 * render every message once (test/rules/contract.test.ts), so a throw means a rule bypassed its types; a user is
 * better served by a clear "内部错误" naming the rule than by a message with "{name}" or "undefined" in it.
 */
import type { Severity } from '../findings';
import type { CellRef, Table } from '../model';
import type { Profile } from '../config';

/** Chinese message templates keyed by message id; `{name}` placeholders are filled from a finding's data. */
export type Messages = Readonly<Record<string, string>>;

/** The placeholder names of a template literal type: "a{x}b{y}" -> "x" | "y". */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/**
 * Several sub-messages of the same rule in one placeholder, joined by `separator` ("数字重复；缺少计量单位").
 * Their ids are message ids of the rule like any other (value-format's problems of one 指标值).
 */
export interface MessageList {
  readonly separator: string;
  readonly items: readonly AnyMessage[];
}

export type PlaceholderValue = string | number | MessageList;

/** A message id with its data, untyped (what the registry and the formatter see). */
export interface AnyMessage {
  messageId: string;
  data?: Readonly<Record<string, PlaceholderValue>>;
}

/** `data` for a template: every placeholder required; none when the template has none. */
type DataFor<S extends string> = [Placeholders<S>] extends [never]
  ? { data?: undefined }
  : { data: { readonly [P in Placeholders<S>]: PlaceholderValue } };

/** One message of `M` (optionally only the ids `K`): the id and the data its template needs. */
export type MessageOf<M extends Messages, K extends keyof M & string = keyof M & string> = {
  [I in K]: { messageId: I } & DataFor<M[I]>;
}[K];

/**
 * A rule's one safe correction of a finding: the text to write into the finding's cell. `read` is the text of the
 * cell the rule read (normalised, as the model holds it): checkTable keeps the fix only when the cell itself holds
 * that text, so a value taken from a merged or shared cell, or written after its label in one cell, is never
 * rewritten; it then fills in the sheet, the address and the value `before` from the grid (core/findings Fix).
 */
export interface RawFix {
  after: string;
  read: string;
}

/** A finding as a rule returns it: the one cell to fix, a message of the rule, and maybe its one safe correction. */
export type RawFinding<M extends Messages = Messages> = { cell: CellRef; fix?: RawFix } & (string extends keyof M
  ? AnyMessage
  : MessageOf<M>);

export interface RuleMeta<M extends Messages = Messages> {
  /** Stable code, e.g. "missing-value". */
  code: string;
  /** Short Chinese name (a few words), where a report names the rule in a column: 「指标值未填写」. */
  title: string;
  defaultSeverity: Severity;
  /** Chinese description shown in reports, settings, the README's rule table and the CLI help. */
  description: string;
  /** Chinese message templates keyed by message id; {placeholders} are filled from data. */
  messages: M;
}

export interface RuleContext {
  profile: Profile;
}

/** A rule as the registry holds it (ids and data untyped). */
export interface Rule extends RuleMeta {
  check(table: Table, ctx: RuleContext): RawFinding[];
  /** The Chinese text of one message of this rule; throws a RuleMessageError on an unknown id or a missing value. */
  format(messageId: string, data?: AnyMessage['data']): string;
}

/** A rule made by defineRule: the same, with its message ids and data typed. */
export interface TypedRule<M extends Messages> extends Rule {
  messages: M;
  check(table: Table, ctx: RuleContext): RawFinding<M>[];
}

/** An unknown message id or a placeholder without a value: a bug in the rule, never in the workbook. */
export class RuleMessageError extends Error {
  constructor(
    readonly rule: string,
    readonly messageId: string,
    readonly placeholder: string | null,
  ) {
    super(
      placeholder === null
        ? `rule "${rule}": unknown messageId "${messageId}"`
        : `rule "${rule}", message "${messageId}": no value for placeholder {${placeholder}}`,
    );
    this.name = 'RuleMessageError';
  }
}

/**
 * Defines a rule. `const M` keeps the templates as literal types, so that ids and placeholders are checked; the
 * templates are split into literal text and placeholder names once, here (they are fixed data of the rule).
 */
export function defineRule<const M extends Messages>(
  rule: RuleMeta<M> & { check(table: Table, ctx: RuleContext): RawFinding<M>[] },
): TypedRule<M> {
  const compiled = new Map<string, readonly string[]>();
  for (const [id, template] of Object.entries(rule.messages)) compiled.set(id, templateParts(template));
  const format = (messageId: string, data?: AnyMessage['data']): string => {
    const parts = compiled.get(messageId);
    if (!parts) throw new RuleMessageError(rule.code, messageId, null);
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const k = parts[i];
      const v = data?.[k];
      if (v === undefined || v === null) throw new RuleMessageError(rule.code, messageId, k);
      out += (typeof v === 'object' ? formatList(v) : String(v)) + parts[i + 1];
    }
    return out;
  };
  const formatList = (list: MessageList): string => {
    let out = '';
    for (let i = 0; i < list.items.length; i++) out += (i > 0 ? list.separator : '') + format(list.items[i].messageId, list.items[i].data);
    return out;
  };
  return { ...rule, format };
}

/** "a{x}b{y}" -> ["a", "x", "b", "y", ""]: literal text and placeholder names alternating. */
function templateParts(template: string): readonly string[] {
  const list: string[] = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    list.push(template.slice(last, m.index), m[1]);
    last = m.index + m[0].length;
  }
  list.push(template.slice(last));
  return Object.freeze(list);
}

/** Short form of an indicator name for messages. */
export function short(s: string, max = 24): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) + '…' : t;
}
