/**
 * Labels of the header area: which field a cell's label names (项目名称, 年度资金总额, 年度绩效目标 …, list numbering
 * allowed), the text after it, and where its value stands (same cell, right of it, or below it).
 */
import type { Segment } from '../detect';
import type { CellRef } from '../model';
import { type RowCell, SheetView } from '../sheet';
import { anchoredUnion, isSpaceCode, labelKey, normalizeText } from '../text';
import { type FieldDef, FIELD_DEFS, SCOPES } from '../header-labels';
import { matchCategoryKey } from '../vocab';
import type { FieldHit } from './memo';
import * as memo from './memo';

// module-local bindings of the imports used cell by cell: in a CommonJS build (tsx, ts-jest) every use of an import
// is a read through a getter
const { FIELD_MEMO_MAX, LABEL_LIKE_MAX, parseMemo } = memo;

/** What a label matched: its field, the text after the label, and the label key (without list numbering). */
export interface FieldMatch {
  def: FieldDef;
  rest: string;
  key: string;
}

/**
 * One automaton for all labels: most cells (names, values, prose) are rejected in a single test. Every label
 * pattern starts with ^, so the whole is anchored too: without it the engine retried every position of long texts.
 */
const ANY_FIELD = anchoredUnion(FIELD_DEFS.map((d) => d.re));

/** "其中:1.中央资金" -> "其中:中央资金", "一、预算资金" -> "预算资金", "2.市级资金" -> "市级资金" (荣昌 2022, 湘潭 2024). */
const CN_NUMERALS = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));
const LIST_NUMBER = /^(其中:?)?(\d{1,2}[.、]|[一二三四五六七八九十][、.]|\(\d{1,2}\)|\([一二三四五六七八九十]\))(?=[\u4e00-\u9fa5])/;

/** The field a label names, the text after the label, and the label key as matched (without list numbering). */
export function matchField(text: string, kind: 'project' | 'department', knownKey?: string): FieldMatch | null {
  const key = knownKey ?? labelKey(text);
  if (!key) return null;
  // (list numbering starts with a digit, a Chinese numeral, "(" or 其中: one comparison for most keys)
  const c0 = key.charCodeAt(0);
  if (((c0 >= 0x30 && c0 <= 0x39) || c0 === 0x28 || c0 === 0x5176 /* 其 */ || CN_NUMERALS.has(c0)) && mayBeNumbered(key))
    return matchNumberedField(text, kind, key);
  const hit = fieldOfKey(key, kind);
  return hit ? { def: hit.def, rest: restAfter(normalizeText(text), hit.length), key } : null;
}

/** A cheap look for list numbering at the start: "1.", "12、", "(1)", "一、", "其中:…" (never "100%", "2024年"). */
function mayBeNumbered(key: string): boolean {
  if (key.startsWith('其中')) return true;
  const c1 = key.charCodeAt(1);
  const c2 = key.charCodeAt(2);
  // "1." "1、" "一、" "一." | "12." "12、" | "(1)" "(一)" "(12)"
  return c1 === 0x2e || c1 === 0x3001 || c2 === 0x2e || c2 === 0x3001 || c2 === 0x29 || key.charCodeAt(3) === 0x29;
}

/** matchField for a key that may start with list numbering ("其中:1.中央资金", "一、预算资金"). */
function matchNumberedField(text: string, kind: 'project' | 'department', key: string): FieldMatch | null {
  const numbered = LIST_NUMBER.exec(key);
  // (the numbering's characters, dropped from the key, are skipped in the text with the label's)
  const skipped = numbered ? numbered[0].length - (numbered[1] ?? '').length : 0;
  const k = numbered ? (numbered[1] ?? '') + key.slice(numbered[0].length) : key;
  const hit = fieldOfKey(k, kind);
  return hit ? { def: hit.def, rest: restAfter(normalizeText(text), hit.length + skipped), key: k } : null;
}

function isLabelLike(key: string): boolean {
  const memo = parseMemo().labelLike;
  let v = memo.get(key);
  if (v === undefined) {
    v = ANY_FIELD.test(key) && !key.includes('绩效目标表');
    if (memo.size >= LABEL_LIKE_MAX) memo.clear();
    memo.set(key, v);
  }
  return v;
}

function fieldOfKey(key: string, kind: 'project' | 'department'): FieldHit | null {
  // the one automaton rejects most keys at once; only label-like keys are remembered (remembering every value and
  // name would fill the memo and clear it over and over)
  if (!isLabelLike(key)) return null;
  const memo = parseMemo().field[kind];
  const known = memo.get(key);
  if (known !== undefined) return known;
  let hit: FieldHit | null = null;
  for (const def of FIELD_DEFS) {
    if (def.projectOnly && kind !== 'project') continue;
    if (def.departmentOnly && kind !== 'department') continue;
    const m = def.re.exec(key);
    if (!m) continue;
    if (def.kind !== 'goal' && def.kind !== 'frame' && key.length - m[0].length > 60) continue;
    hit = { def, length: m[0].length };
    break;
  }
  if (memo.size >= FIELD_MEMO_MAX) memo.clear();
  memo.set(key, hit);
  return hit;
}

/** Text left after consuming `n` non-space characters of a label. */
export function restAfter(text: string, n: number): string {
  let i = 0;
  let seen = 0;
  // (a required-field mark before the label is not part of the key: "*年度总体绩效目标")
  while (i < text.length && (text[i] === '*' || text[i] === '★' || isSpaceCode(text.charCodeAt(i)))) i++;
  while (i < text.length && seen < n) {
    if (!isSpaceCode(text.charCodeAt(i))) seen++; // same as !/\s/.test(text[i])
    i++;
  }
  return text
    .slice(i)
    .replace(/^[\s:：]+/, '')
    .trim();
}

function isAnyLabel(text: string, kind: 'project' | 'department', key?: string): boolean {
  const k = key ?? labelKey(text);
  // another label with its value ("单位负责人:林友": 炎陵 2017 部门整体支出绩效目标申报表) is never a value
  if (k.includes(':') && /^[\u4e00-\u9fa5()]{0,10}(负责人|联系人|电话|单位|部门|名称|日期|时间|编码|代码|填报人|填表人):/.test(k))
    return true;
  return matchField(text, kind, k) !== null || matchCategoryKey(k) !== null;
}

/** A plain amount as typed in a money cell: "80", "3,309,840.00". */
export const PLAIN_AMOUNT = /^[+-]?\d[\d,]*(\.\d+)?$/;

export interface ReadValue {
  value: string;
  cell: CellRef;
}

/** Value of a label at (row, col): remainder of the same cell, else the next non-label cell to the right, else below. */
export function readLabelValue(
  view: SheetView,
  seg: Segment,
  row: number,
  col: number,
  rest: string,
  allowBelow: boolean | 'number',
): ReadValue {
  // (the usual case first: the value after the label in its own cell)
  if (rest.length > 1) return { value: rest, cell: { row, col } };
  const kind = seg.kind;
  const after = view.spanRight(row, col) + 1;
  let next = view.firstCell(row, after, seg.right);
  // a stray character left after the label ("专项名称金 | 林业草原生态保护恢复资金": 陈仓 2021): the value is right of it
  if (rest && !(/[\u4e00-\u9fa5]/.test(rest) && next && !isAnyLabel(next.text, kind, next.key))) return { value: rest, cell: { row, col } };
  // "财政拨款 | 小计 | 80" (镇江 2024): the amount is right of the 小计
  if (next && /^(小计|合计)$/.test(next.key)) next = view.firstCell(row, view.spanRight(row, next.col) + 1, seg.right) ?? next;
  if (next && !isAnyLabel(next.text, kind, next.key)) return { value: next.text, cell: { row, col: next.col } };
  if (allowBelow) {
    const m = view.mergeAt(row, col);
    const below = (m ? m.bottom : row) + 1;
    const t = view.text(below, col);
    // (an amount only as a number: a money header row over its values, 本年度预计投入 | 中央 | 省级 … / 7 | 0 | 7 …,
    // 南岳 2023 雨露计划绩效目标申报表; a label over several columns is a group of the labels under it)
    const ok = allowBelow === 'number' ? !!t && PLAIN_AMOUNT.test(t) && !(m && m.right > m.left) : !!t && !isAnyLabel(t, kind);
    if (ok) return { value: t, cell: { row: below, col } };
  }
  // "部门(单位)名称:" with another label right of it: the value belongs after the colon, in the label's own cell
  const ownCell = /[:：]\s*$/.test(view.raw(row, col)) && !!next && isAnyLabel(next.text, kind, next.key);
  const target = after <= seg.right && !ownCell ? anchorIn(view, seg, row, after) : { row, col };
  return { value: '', cell: target };
}

/** Top-left of the merge holding (row, col), unless that merge starts outside the table: then the cell itself. */
export function anchorIn(view: SheetView, seg: Segment, row: number, col: number): CellRef {
  const a = view.anchor(row, col);
  return a.row < seg.top || a.row > seg.bottom || a.col < seg.left || a.col > seg.right ? { row, col } : a;
}

/** A goal label as written, for messages ("实施期绩效目标", "年度绩效目标(含本级)"); the label itself when it has a value after it. */
export function goalLabel(cellKey: string, matchedKey: string): string {
  const m = FIELD_DEFS[0].re.exec(matchedKey);
  return m ? m[0] : cellKey;
}

/** The scope a label names (中期, 年度 … as in SCOPES), '' when it names none. */
export function scopeOf(labelText: string): string {
  const k = labelKey(labelText);
  // (most labels name no scope: one cheap look before the patterns)
  if (!(k.includes('期') || k.includes('含本级'))) return '';
  for (const sc of SCOPES) if (sc.re.test(k)) return sc.scope;
  return '';
}

/** A cell of the header area; `line` marks one line of a cell of several labels (see linesAsLabels). */
export type LabelCell = RowCell & { line?: boolean };

/**
 * A cell holding several labels with their amounts, one per line ("资金总额: 250\n一、预算资金:250\n二、自有资金:0":
 * 湘潭 2024 项目绩效目标表): each line is read as a label of its own in that cell.
 */
export function linesAsLabels(cells: RowCell[], kind: 'project' | 'department'): LabelCell[] {
  // (money labels are short: long texts with line breaks are goals and descriptions)
  let lines = false;
  for (let i = 0; i < cells.length && !lines; i++) lines = cells[i].text.length <= 200 && cells[i].text.includes('\n');
  if (!lines) return cells;
  const out: LabelCell[] = [];
  for (const c of cells) {
    const nl = c.text.length <= 200 ? c.text.indexOf('\n') : -1;
    // (only a cell whose first line is itself an amount label)
    const firstKind = nl > 0 ? matchField(c.text.slice(0, nl), kind)?.def.kind : undefined;
    const lines =
      firstKind === 'total' || firstKind === 'part'
        ? c.text
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
        : [];
    // (lines of money labels, at least two with an amount: "公共财政拨款:683\n政府性基金拨款:\n…非税收入拨款:21")
    const asLabels =
      lines.length >= 2 &&
      lines.filter((l) => /\d/.test(l)).length >= 2 &&
      lines.every((l) => ['total', 'part'].includes(matchField(l, kind)?.def.kind ?? ''));
    if (!asLabels) {
      out.push(c);
      continue;
    }
    for (const l of lines) out.push({ col: c.col, text: l, key: labelKey(l), line: true });
  }
  return out;
}
