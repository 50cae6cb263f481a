/** Parsing of a detected table segment into the typed model (fields, funds, goals, plan, tasks, indicators). */
import type { Segment } from './detect';
import { isHeaderKey } from './detect';
import type {
  ParsedValue,
  CategoryLabel,
  CellRef,
  FundsGroup,
  GoalText,
  HeaderField,
  Indicator,
  IndicatorHeader,
  MoneyField,
  SpendingPlan,
  Table,
  Task,
} from './model';
import { type MoneyUnit, agree, dec, parseMoneyWritten } from './money';
import { type RowCell, SheetView } from './sheet';
import { anchoredUnion, isSpaceCode, labelKey, normalizeText, scoped } from './text';
import { parseValue, unitFromName } from './value';
import { type FieldDef, FIELD_DEFS, SCOPES, UNIT_FIELD_KEYS } from './header-labels';
import { columnRole, endsIndicatorArea } from './indicator-area';
import { type Profile, L1, L2, defaultParent, looksLikeCategoryKey, matchCategoryKey } from './vocab';

/**
 * One automaton for all labels: most cells (names, values, prose) are rejected in a single test. Every label
 * pattern starts with ^, so the whole is anchored too: without it the engine retried every position of long texts.
 */
const ANY_FIELD = anchoredUnion(FIELD_DEFS.map((d) => d.re));

/** "其中:1.中央资金" -> "其中:中央资金", "一、预算资金" -> "预算资金", "2.市级资金" -> "市级资金" (荣昌 2022, 湘潭 2024). */
const CN_NUMERALS = new Set([...'一二三四五六七八九十'].map((c) => c.charCodeAt(0)));
const LIST_NUMBER = /^(其中:?)?(\d{1,2}[.、]|[一二三四五六七八九十][、.]|\(\d{1,2}\)|\([一二三四五六七八九十]\))(?=[\u4e00-\u9fa5])/;

/** The field a label names, the text after the label, and the label key as matched (without list numbering). */
function matchField(text: string, kind: 'project' | 'department', knownKey?: string): { def: FieldDef; rest: string; key: string } | null {
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
function matchNumberedField(
  text: string,
  kind: 'project' | 'department',
  key: string,
): { def: FieldDef; rest: string; key: string } | null {
  const numbered = LIST_NUMBER.exec(key);
  // (the numbering's characters, dropped from the key, are skipped in the text with the label's)
  const skipped = numbered ? numbered[0].length - (numbered[1] ?? '').length : 0;
  const k = numbered ? (numbered[1] ?? '') + key.slice(numbered[0].length) : key;
  const hit = fieldOfKey(k, kind);
  return hit ? { def: hit.def, rest: restAfter(normalizeText(text), hit.length + skipped), key: k } : null;
}

interface FieldHit {
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
function parseMemo(): ParseMemo {
  return parseScope.get() ?? newParseMemo();
}

const FIELD_MEMO_MAX = 4096;
const LABEL_LIKE_MAX = 20000;

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
function restAfter(text: string, n: number): string {
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
const PLAIN_AMOUNT = /^[+-]?\d[\d,]*(\.\d+)?$/;

interface ReadValue {
  value: string;
  cell: CellRef;
}

/** Value of a label at (row, col): remainder of the same cell, else the next non-label cell to the right, else below. */
function readLabelValue(view: SheetView, seg: Segment, row: number, col: number, rest: string, allowBelow: boolean | 'number'): ReadValue {
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
function anchorIn(view: SheetView, seg: Segment, row: number, col: number): CellRef {
  const a = view.anchor(row, col);
  return a.row < seg.top || a.row > seg.bottom || a.col < seg.left || a.col > seg.right ? { row, col } : a;
}

function moneyField(key: string, label: string, rv: ReadValue, unit: MoneyUnit): MoneyField {
  const written = rv.value ? parseMoneyWritten(rv.value, unit) : null;
  return { key, label, raw: rv.value, amount: written, cell: rv.cell };
}

/** A money label as written for messages (一般公共预算财政拨款, 其他收入), without 其中: and a unit in brackets. */
function shownLabel(key: string, rest: string, fallback: string): string {
  if (rest) return fallback;
  const k = key.replace(/^其中:?/, '').replace(/\((万元|元)\)$/, '');
  return k || fallback;
}

/** A goal label as written, for messages ("实施期绩效目标", "年度绩效目标(含本级)"); the label itself when it has a value after it. */
function goalLabel(cellKey: string, matchedKey: string): string {
  const m = FIELD_DEFS[0].re.exec(matchedKey);
  return m ? m[0] : cellKey;
}

function scopeOf(labelText: string): string {
  const k = labelKey(labelText);
  // (most labels name no scope: one cheap look before the patterns)
  if (!(k.includes('期') || k.includes('含本级'))) return '';
  for (const sc of SCOPES) if (sc.re.test(k)) return sc.scope;
  return '';
}

const MONTH_POINT = /^(\d{1,2})月(底|末|份)?$|^第?[一二三四1-4]季度(末)?$|^(上半年|全年|年底|年末)$/;

function parsePercent(raw: string): string | null {
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*%?\s*$/.exec(raw);
  return m ? m[1] : null;
}

export function parseSegment(view: SheetView, seg: Segment, profile: Profile, id: string): Table {
  const fields: HeaderField[] = [];
  const funds: FundsGroup[] = [];
  const goals: GoalText[] = [];
  const expenses: MoneyField[] = [];
  const incomes: MoneyField[] = [];
  const devParts: MoneyField[] = [];
  let devGroup: MoneyField | null = null;
  let spendingPlan: SpendingPlan | null = null;
  const tasks: Task[] = [];
  /** Column of the label of each funds group (its total's label: "中期资金总额：" | 300 | "年度资金总额：" | 100). */
  const fundLabelCols: number[] = [];

  const taskHeader = seg.listed ? null : findTaskHeader(view, seg);
  const unit = moneyUnitOf(view, seg, taskHeader ? taskHeader.row : seg.headerRow);
  if (seg.listed) readListedFields(view, seg, unit, fields, funds, goals);

  for (let r = seg.top; r < seg.headerRow; r++) {
    // (the task block has its own reading below)
    if (taskHeader && r >= taskHeader.row && r < taskHeader.end) continue;
    const rowCs = linesAsLabels(view.rowCells(r, seg.left, seg.right), seg.kind);
    for (let ci = 0; ci < rowCs.length; ci++) {
      const c = rowCs[ci];
      const hit = matchField(c.text, seg.kind, c.key);
      if (!hit) continue;
      const { def, rest } = hit;
      if (def.kind === 'frame') continue;
      if (def.kind === 'plan') {
        spendingPlan = readSpendingPlan(view, seg, r, c.col);
        continue;
      }
      if (def.kind === 'goal') {
        const rv = readLabelValue(view, seg, r, c.col, rest, true);
        const nextIsGoal =
          !rest &&
          !rv.value &&
          view.rowCells(r, view.spanRight(r, c.col) + 1, seg.right).some((x) => matchField(x.text, seg.kind, x.key)?.def.kind === 'goal');
        if (nextIsGoal) continue; // a frame label such as 绩效目标 followed by 年度绩效目标(含本级)...
        goals.push({ label: goalLabel(c.key, hit.key), scope: scopeOf(c.text), text: rv.value, cell: rv.cell });
        continue;
      }
      // (a label on a line of its own in a cell of several: its amount is on the line or nowhere)
      const rv =
        c.line && !rest
          ? { value: '', cell: { row: r, col: c.col } }
          : readLabelValue(view, seg, r, c.col, rest, def.kind === 'total' || def.kind === 'part' ? 'number' : false);
      switch (def.kind) {
        case 'text': {
          // names are reported as written (full-width brackets kept)
          const rawCell = view.raw(rv.cell.row, rv.cell.col);
          const shown = !rv.value
            ? ''
            : rv.cell.row === r && rv.cell.col === c.col
              ? restAfter(rawCell, labelKey(c.text).length - labelKey(rv.value).length)
              : rawCell;
          fields.push({
            key: def.key,
            label: def.label,
            value: shown || rv.value,
            cell: rv.cell,
            labelCell: { row: r, col: c.col },
            required: !!def.required,
          });
          break;
        }
        case 'total': {
          const scope = scopeOf(c.text);
          // (中期资金总额, not 中期资金总额(中期))
          const label = def.label + (scope && !def.label.startsWith(scope) ? `(${scope})` : '');
          funds.push({ scope, total: moneyField('total', label, rv, unit), parts: [] });
          fundLabelCols.push(c.col);
          fields.push({ key: 'total', label, value: rv.value, cell: rv.cell, labelCell: { row: r, col: c.col }, required: true });
          break;
        }
        case 'sum': {
          // only right under a list of parts that has no total, in the parts' label column
          const gi = funds.findIndex(
            (g, i) =>
              !g.total && g.parts.length >= 2 && fundLabelCols[i] === c.col && r - Math.max(...g.parts.map((p) => p.cell.row)) === 1,
          );
          const f = moneyField('total', def.label, rv, unit);
          if (gi >= 0 && f.amount !== null) funds[gi].total = f;
          break;
        }
        case 'part': {
          if (seg.kind === 'department') {
            // "其中：上年结转" under an income is a breakdown of it, not one more source
            if (incomes.length > 0 && c.key.startsWith('其中')) break;
            incomes.push(moneyField(def.key, shownLabel(c.key, rest, def.label), rv, unit));
            break;
          }
          // (上级补助, 中央补助, 县级配套: named as written)
          const label = def.key === 'grant' ? (def.re.exec(hit.key)?.[2] ?? def.label) : def.label;
          const f = moneyField(def.key, label, rv, unit);
          const group =
            nearestAbove(funds, fundLabelCols, r, c.col) ?? funds.find((g) => g.total && g.total.cell.row === r) ?? funds[funds.length - 1];
          if (group) group.parts.push(f);
          else {
            funds.push({ scope: '', total: null, parts: [f] });
            fundLabelCols.push(c.col);
          }
          break;
        }
        case 'expense':
          expenses.push(moneyField(def.key, shownLabel(c.key, rest, def.label), rv, unit));
          break;
        case 'expenseGroup': {
          const f = moneyField(def.key, def.label, rv, unit);
          devGroup = f;
          break;
        }
        case 'expensePart':
          devParts.push(moneyField(def.key, labelKey(c.text), rv, unit));
          break;
        case 'income':
          incomes.push(moneyField(def.key, def.label, rv, unit));
          break;
      }
    }
  }
  if (seg.kind === 'department') {
    const grp = devGroup as MoneyField | null;
    if (grp && grp.amount !== null) expenses.push(grp);
    else expenses.push(...devParts);
  }

  if (taskHeader) {
    // the amount column says its unit ("拟投入的资金(万元)"), else the table's
    const amountKey = taskHeader.amount !== null ? view.key(taskHeader.row, taskHeader.amount) : '';
    const taskUnit = bracketUnit(amountKey) ?? unit;
    for (let r = taskHeader.first; r < taskHeader.end; r++) {
      const nameCol = taskHeader.name ?? seg.left + 1;
      const name = view.text(r, nameCol);
      if (!name || /^(其他需完成的任务|(金额)?(合计|小计|总计))/.test(labelKey(name))) continue;
      if (/^任务\d*[:：]?\s*[.。…]*$/.test(name.replace(/\s+/g, ''))) continue;
      const amountRaw = taskHeader.amount !== null ? view.text(r, taskHeader.amount) : '';
      const written = amountRaw ? parseMoneyWritten(amountRaw, taskUnit) : null;
      tasks.push({
        name,
        nameCell: { row: r, col: nameCol },
        content: taskHeader.content !== null ? view.text(r, taskHeader.content) : '',
        contentCell: taskHeader.content !== null ? { row: r, col: taskHeader.content } : null,
        goal: taskHeader.goal !== null ? view.text(r, taskHeader.goal) : '',
        amountRaw,
        amount: written,
        amountCell: taskHeader.amount !== null ? { row: r, col: taskHeader.amount } : null,
      });
    }
  }

  const header = readIndicatorHeader(view, seg);
  const { indicators, categories } = readIndicatorAreas(view, seg, header, profile);

  // the table is known by its 项目名称/部门名称 (资金名称 …); a template without one by its unit (海南 2022 项目绩效目标表:
  // 主管部门 only)
  const nameField =
    fields.find((f) => f.key === 'projectName' || f.key === 'departmentName') ??
    fields.find((f) => UNIT_FIELD_KEYS.includes(f.key) && f.value.trim());
  funds.push(...readBreakdowns(view, seg, unit, taskHeader ? taskHeader.row : seg.headerRow));
  // the annual amount is the budget; a 中期 (multi-year) total only when there is no other
  const annual = funds.filter((g) => g.scope !== '中期' && !g.breakdown);
  const budget =
    annual.find((g) => g.total && g.total.amount !== null)?.total ??
    annual.find((g) => g.total)?.total ??
    funds.find((g) => g.total && !g.breakdown)?.total ??
    null;
  if (spendingPlan) planAmountsToPercent(view, spendingPlan, budget, unit);
  return {
    id,
    sheet: view.name,
    kind: seg.kind,
    layout: layoutOf(view, seg, funds, spendingPlan),
    name: nameField?.value ?? '',
    top: seg.top,
    left: seg.left,
    bottom: seg.bottom,
    right: seg.right,
    fields,
    funds,
    budget,
    expenses,
    incomes,
    goals,
    spendingPlan,
    tasks,
    header,
    indicators,
    categories,
  };
}

/**
 * A cell holding several labels with their amounts, one per line ("资金总额: 250\n一、预算资金:250\n二、自有资金:0":
 * 湘潭 2024 项目绩效目标表): each line is read as a label of its own in that cell.
 */
/** A cell of the header area; `line` marks one line of a cell of several labels (see linesAsLabels). */
type LabelCell = RowCell & { line?: boolean };

function linesAsLabels(cells: RowCell[], kind: 'project' | 'department'): LabelCell[] {
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

/**
 * The fields of a project of a list (see Segment.listed): each header cell left of 一级指标 that is a known label
 * (项目名称, 预算数, 年度目标 …) has its value in the project's first row.
 */
function readListedFields(
  view: SheetView,
  seg: Segment,
  unit: MoneyUnit,
  fields: HeaderField[],
  funds: FundsGroup[],
  goals: GoalText[],
): void {
  // the labels in the header row, or in the row above it for a header of two rows (their merges reach down)
  const labels = view.rowCells(seg.headerRow, seg.left, seg.right);
  const firstLevel = labels.find((c) => isHeaderKey(c.key))?.col ?? seg.right + 1;
  const above = seg.headerRow > view.top ? view.rowCells(seg.headerRow - 1, seg.left, firstLevel - 1) : [];
  const cols = new Set(labels.map((c) => c.col));
  const cells = labels
    .filter((c) => c.col < firstLevel)
    .concat(above.filter((c) => !cols.has(c.col)))
    .sort((a, b) => a.col - b.col);
  for (const c of cells) {
    if (isHeaderKey(c.key)) break;
    const hit = matchField(c.text, seg.kind, c.key);
    if (!hit || hit.def.kind === 'frame') continue;
    const cell = { row: seg.top, col: c.col };
    const value = view.text(seg.top, c.col);
    const labelCell = { row: seg.headerRow, col: c.col };
    if (hit.def.kind === 'text')
      fields.push({ key: hit.def.key, label: hit.def.label, value, cell, labelCell, required: !!hit.def.required });
    else if (hit.def.kind === 'goal') goals.push({ label: goalLabel(c.key, hit.key), scope: scopeOf(c.text), text: value, cell });
    else if (hit.def.kind === 'total') {
      funds.push({ scope: '', total: moneyField('total', hit.def.label, { value, cell }, unit), parts: [] });
      fields.push({ key: 'total', label: hit.def.label, value, cell, labelCell, required: true });
    }
  }
}

const BREAKDOWN_TOTAL = /^(合计|总计|小计)$/;

/**
 * Itemised breakdowns above the indicators: rows of a label and plain amounts closed by a 合计 row
 * (项目预算成本构成 | 金额 | 测算依据 | 2020年实际执行数 …: 鄂州 2022 市直部门项目支出绩效目标表). Each column whose
 * 合计 and at least two items hold amounts is a group (total = the 合计, parts = the items), checked like the funds.
 * Lists of fund labels (财政拨款, 其他资金 … 合计) are read with the funds instead.
 */
function readBreakdowns(view: SheetView, seg: Segment, unit: MoneyUnit, end: number): FundsGroup[] {
  const out: FundsGroup[] = [];
  for (let r = seg.top + 2; r < end; r++) {
    const cells = view.rowCells(r, seg.left, seg.right);
    if (cells.length < 2 || !BREAKDOWN_TOTAL.test(cells[0].key)) continue;
    const labelCol = cells[0].col;
    const totals = cells.slice(1).filter((c) => PLAIN_AMOUNT.test(c.key));
    if (totals.length === 0) continue;
    // the items: the rows right above with a label in the same column, up to a row without any amount
    const items: { label: string; row: number }[] = [];
    for (let q = r - 1; q >= seg.top && r - q <= 40; q--) {
      const label = view.firstCell(q, labelCol, labelCol);
      const hasAmount = totals.some((t) => PLAIN_AMOUNT.test(view.key(q, t.col)));
      if (!label || !hasAmount || matchField(label.text, seg.kind, label.key)) break;
      items.unshift({ label: label.text, row: q });
    }
    if (items.length < 2) continue;
    const headRow = items[0].row - 1;
    for (const t of totals) {
      const parts: MoneyField[] = [];
      for (const it of items) {
        const raw = view.text(it.row, t.col);
        if (PLAIN_AMOUNT.test(raw.replace(/\s+/g, '')))
          parts.push(moneyField('item', it.label, { value: raw, cell: { row: it.row, col: t.col } }, unit));
      }
      if (parts.length < 2) continue;
      const head = headRow >= seg.top ? view.text(headRow, t.col) : '';
      const label = `合计${head && head.length <= 16 ? `(${head})` : ''}`;
      out.push({
        scope: '',
        total: moneyField('total', label, { value: t.text, cell: { row: r, col: t.col } }, unit),
        parts,
        breakdown: true,
      });
    }
  }
  return out;
}

interface TaskHeader {
  row: number;
  /** First task row (after a second header row 总额 | 财政拨款 | 其他资金, if any) and the row after the last. */
  first: number;
  end: number;
  name: number | null;
  content: number | null;
  amount: number | null;
  goal: number | null;
}

/**
 * The header of the 年度重点工作任务 / 年度主要任务 block of a department table: 拟投入的资金 (local templates), or
 * 任务名称 with 预算金额 (the central template, whose 预算金额 splits into 总额 | 财政拨款 | 其他资金 on a second
 * row). The block ends at the indicator header or at a goal label below the tasks (年度总体目标).
 */
const TASK_BUDGET_RE = /^(预算金额|预算资金|投入资金|资金金额)/;

function findTaskHeader(view: SheetView, seg: Segment): TaskHeader | null {
  for (let r = seg.top; r < seg.headerRow; r++) {
    const cells = view.rowCells(r, seg.left, seg.right);
    // (a cheap look first: a header row has an amount column; most rows of most tables have none)
    let amountLike = false;
    for (let i = 0; i < cells.length && !amountLike; i++)
      amountLike = cells[i].key.startsWith('拟投入') || TASK_BUDGET_RE.test(cells[i].key);
    if (!amountLike) continue;
    const name = cells.find((c) => /名称$/.test(c.key));
    // (支出项目名称 | 预算金额: the 年度履职目标 block of 宁德 2019 部门整体支出绩效目标表)
    const amount =
      cells.find((c) => c.key.startsWith('拟投入')) ??
      (name && (/^(任务)?名称$/.test(name.key) || (seg.kind === 'department' && /^(支出)?项目名称$/.test(name.key)))
        ? cells.find((c) => TASK_BUDGET_RE.test(c.key))
        : undefined);
    if (!amount) continue;
    const h: TaskHeader = {
      row: r,
      first: r + 1,
      end: seg.headerRow,
      amount: amount.col,
      name: name?.col ?? null,
      content: cells.find((c) => /实施内容|主要内容/.test(c.key))?.col ?? null,
      goal: cells.find((c) => /期望达到|目标/.test(c.key))?.col ?? null,
    };
    // a second header row under the amount: 总额 | 财政拨款 | 其他资金
    const span = view.mergeAt(r, amount.col);
    const sub = r + 1 < seg.headerRow ? view.rowCells(r + 1, amount.col, span ? span.right : amount.col) : [];
    if (sub.length > 0 && sub.every((c) => /^(总额|合计|小计|金额|财政拨款|财政资金|其他资金)/.test(c.key))) {
      h.first = r + 2;
      h.amount = sub.find((c) => /^(总额|合计|小计|金额)/.test(c.key))?.col ?? amount.col;
    }
    const nameCol = h.name ?? seg.left + 1;
    for (let t = h.first; t < seg.headerRow; t++) {
      const lead = view.rowCells(t, seg.left, nameCol - 1);
      if (lead.some((c) => matchField(c.text, seg.kind, c.key)?.def.kind === 'goal')) {
        h.end = t;
        break;
      }
    }
    return h;
  }
  return null;
}

/**
 * The unit of the table's amounts written without one: 元 when the header area says so ("单位：元",
 * "金额单位：元", "项目资金(元)") and nowhere says 万元; else 万元.
 */
function moneyUnitOf(view: SheetView, seg: Segment, end: number): MoneyUnit {
  let yuan = false;
  // (a project of a list: the unit line is above the list's header)
  for (let r = seg.listed ? Math.max(view.top, seg.headerRow - 4) : seg.top; r < end; r++) {
    const cells = view.rowCells(r, seg.left, seg.right);
    for (let i = 0; i < cells.length; i++) {
      const k = cells[i].key;
      if (k.length > 40 || !k.includes('元')) continue;
      if (/单位:?\(?万元\)?$|\(万元\)/.test(k)) return '万元';
      if (/单位:?\(?元\)?$|^[^(]{0,12}(资金|金额|预算|支出|拨款|预算数)[^(]{0,6}\(元\)/.test(k)) yuan = true;
    }
  }
  return yuan ? '元' : '万元';
}

/** The funds group whose total stands in the part's column (label or value column), at most 4 rows above. */
function nearestAbove(funds: FundsGroup[], labelCols: number[], row: number, col: number): FundsGroup | undefined {
  let best: FundsGroup | undefined;
  for (let i = 0; i < funds.length; i++) {
    const g = funds[i];
    if (!g.total) continue;
    if ((g.total.cell.col === col || labelCols[i] === col) && g.total.cell.row < row && row - g.total.cell.row <= 4) {
      if (!best || g.total.cell.row > best.total!.cell.row) best = g;
    }
  }
  return best;
}

function layoutOf(view: SheetView, seg: Segment, funds: FundsGroup[], plan: SpendingPlan | null): Table['layout'] {
  if (seg.kind === 'department') return 'D';
  const labels = funds.map((g) => g.total?.label ?? '').join('|');
  if (plan || /预算数/.test(labels)) return 'B';
  if (/本级预算金额/.test(labels)) return 'C';
  if (/年度资金总额/.test(labels)) return 'A';
  if (seg.anchor && /项目支出名称/.test(labelKey(view.text(seg.anchor.row, seg.anchor.col)))) return 'C';
  return '?';
}

function readSpendingPlan(view: SheetView, seg: Segment, row: number, col: number): SpendingPlan {
  const points: SpendingPlan['points'] = [];
  const labelEnd = view.spanRight(row, col);
  const m = view.mergeAt(row, col);
  const valueRow = (m && m.left === col ? row : row) + 1;
  for (const c of view.rowCells(row, labelEnd + 1, seg.right)) {
    const k = c.key;
    const pm = /^(\d{1,2}月(底|末|份)?|第?[一二三四1-4]季度(末)?|上半年|全年|年底|年末)(.*)$/.exec(k);
    if (!pm || !MONTH_POINT.test(pm[1])) continue;
    let raw = pm[4] ? restAfter(c.text, pm[1].length) : '';
    let cell: CellRef = { row, col: c.col };
    if (!raw) {
      raw = view.text(valueRow, c.col);
      cell = { row: valueRow, col: c.col };
    }
    points.push({ label: pm[1], raw, percent: parsePercent(raw), cell });
  }
  // percent-formatted cells read as fractions (0.25 for 25%)
  const nums = points.map((p) => (p.percent !== null ? dec(p.percent) : null));
  const fractions =
    nums.every((n) => n === null || n.lte(1)) &&
    nums.some((n) => n !== null && n.gt(0) && n.lt(1)) &&
    points.every((p) => !p.raw.includes('%'));
  if (fractions) {
    for (const p of points) if (p.percent !== null) p.percent = dec(p.percent)!.times(100).toFixed();
  }
  return { labelCell: { row, col }, points };
}

/** The money unit a label states in brackets ("拟投入的资金(万元)", "资金支出计划(元)"); null when it states none. */
function bracketUnit(key: string): MoneyUnit | null {
  return key.includes('(万元)') ? '万元' : key.includes('(元)') ? '元' : null;
}

/**
 * A 资金支出计划 written as cumulative amounts (its label says 万元/元, or no % anywhere and the last point is the
 * budget, not 100): read as percent of the budget, or, without one, of the last point.
 */
function planAmountsToPercent(view: SheetView, plan: SpendingPlan, budget: MoneyField | null, unit: MoneyUnit): void {
  const label = labelKey(view.text(plan.labelCell.row, plan.labelCell.col));
  if (/%/.test(label) || plan.points.some((p) => p.raw.includes('%'))) return;
  const labelUnit: MoneyUnit | null = label.includes('万元') ? '万元' : bracketUnit(label);
  const amounts = plan.points.map((p) => (p.percent !== null ? dec(parseMoneyWritten(p.raw, labelUnit ?? unit)) : null));
  const last = amounts[amounts.length - 1];
  const total = budget && budget.amount !== null ? dec(budget.amount) : null;
  const isAmounts = labelUnit !== null || (!!last && !!total && !last.equals(100) && agree(last, total, last.toFixed(), budget!.amount!));
  if (!isAmounts) return;
  const base = total && total.gt(0) ? total : last && last.gt(0) ? last : null;
  if (!base) return;
  plan.points.forEach((p, i) => {
    const a = amounts[i];
    if (a === null) return;
    p.percent = agree(a, base, a.toFixed(), base.toFixed()) ? '100' : a.times(100).dividedBy(base).toDecimalPlaces(2).toFixed();
  });
}

/**
 * The indicators of the table. The central 项目支出绩效目标申报表 has two areas under one header row, 中期 then
 * 年度: 一级指标 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值 (the 一级 column shared), or with a second 一级 column.
 * Each area is read on its own (area 0 and 1); the table's header is the first.
 */
function readIndicatorAreas(view: SheetView, seg: Segment, h: IndicatorHeader, profile: Profile): ReturnType<typeof readIndicators> {
  const start = h.valueCol === null ? null : secondAreaStart(view, seg, h.row, h.valueCol);
  if (start === null) return readIndicators(view, seg, h, profile, null);
  const leftSeg = { ...seg, right: start - 1 };
  const rightSeg = { ...seg, left: start };
  const h2 = readIndicatorHeader(view, rightSeg);
  const shared = h2.level1Col === null ? h.level1Col : null;
  if (shared !== null) h2.level1Col = shared;
  const a = readIndicators(view, leftSeg, h, profile, null);
  const b = readIndicators(view, rightSeg, h2, profile, shared);
  for (const i of b.indicators) i.area = 1;
  return { indicators: a.indicators.concat(b.indicators), categories: a.categories.concat(b.categories) };
}

/** Column of a second 一级指标/二级指标 header right of the 指标值 column (a second indicator area), else null. */
function secondAreaStart(view: SheetView, seg: Segment, row: number, valueCol: number): number | null {
  const cells = view.rowCells(row, valueCol + 1, seg.right);
  // (with the area in brackets: 二级指标(年度), 一级指标(长期))
  for (let i = 0; i < cells.length; i++)
    if (/^(一级指标|二级指标)(\((长期|中期|年度|本年度|当年|实施期)\))?$/.test(cells[i].key)) return cells[i].col;
  return null;
}

function readIndicatorHeader(view: SheetView, seg: Segment): IndicatorHeader {
  // (no header row: the area starts at headerRow, read as if its header were the row above)
  if (seg.headerless) return { row: seg.headerRow - 1, level1Col: null, level2Col: null, level3Col: null, valueCol: null, otherCols: [] };
  const h: IndicatorHeader = { row: seg.headerRow, level1Col: null, level2Col: null, level3Col: null, valueCol: null, otherCols: [] };
  // the first 指标值 column counts (a second one is the 年度 area of the central template), unless it was only
  // guessed from a "三级指标 指标值" cell
  let guessed = false;
  /** Header cells whose text has no role (indicator-area.ts): ignored, unless they turn out left of the names. */
  const unknown: number[] = [];
  const scan = (r: number) => {
    const rowCs = view.rowCells(r, seg.left, seg.right);
    for (let ci = 0; ci < rowCs.length; ci++) {
      const c = rowCs[ci];
      const k = c.key;
      const role = columnRole(k);
      if (role === 'level1') h.level1Col ??= c.col;
      else if (role === 'level2') h.level2Col ??= c.col;
      else if (role === 'level3') {
        h.level3Col ??= c.col;
        if (/指标值/.test(k) && h.valueCol === null) {
          h.valueCol = view.spanRight(r, c.col) + 1;
          guessed = true;
        }
      } else if (role === 'value') {
        if (h.valueCol === null || guessed) h.valueCol = c.col;
        guessed = false;
      } else if (role === 'unit' || role === 'serial' || role === 'other') h.otherCols.push(c.col);
      else if (r === seg.headerRow && !FRAME_RE.test(k)) unknown.push(c.col);
    }
  };
  scan(seg.headerRow);
  if (h.valueCol === null && seg.headerRow + 1 <= seg.bottom) scan(seg.headerRow + 1);
  const namesEnd = Math.max(h.level3Col ?? -1, h.level2Col ?? -1);
  if (h.valueCol === null) {
    // no 指标值 header: one target column per place (区域目标值: 西坪镇尧山村 | 桃舟乡吾培村 …, 福建 水利专项资金绩效目标表)
    // headed by names of no known role; the first is read as the value
    const places = unknown.filter((col) => col > namesEnd);
    if (places.length > 0) h.valueCol = Math.min(...places);
    else if (h.level3Col !== null) h.valueCol = view.spanRight(seg.headerRow, h.level3Col) + 1;
  }
  // a column headed by a text of no known role, right of the names and the 指标值, holds neither
  const end = Math.max(namesEnd, h.valueCol ?? -1);
  for (const col of unknown) if (col > end && !h.otherCols.includes(col)) h.otherCols.push(col);
  return h;
}

/** The column of a separate 度量单位/计量单位 header (budget-system exports), null when there is none. */
function unitColumn(view: SheetView, seg: Segment, h: IndicatorHeader): number | null {
  for (const r of [h.row, h.row + 1]) {
    if (r > seg.bottom) break;
    const cells = view.rowCells(r, seg.left, seg.right);
    for (let i = 0; i < cells.length; i++) if (columnRole(cells[i].key) === 'unit') return cells[i].col;
  }
  return null;
}

/** The unit in the 指标值 header ("指标值(%)", "指标值(万元)"), null when there is none ("指标值(含单位)"). */
function valueHeaderUnit(view: SheetView, seg: Segment, h: IndicatorHeader): string | null {
  if (h.valueCol === null) return null;
  for (const r of [h.row, h.row + 1]) {
    if (r > seg.bottom) break;
    const t = view.text(r, h.valueCol);
    if (t.startsWith('指标值')) return unitFromName(t);
  }
  return null;
}

/** A unit written in a 计量单位 column ("%", "万亩", "元/亩"); null for an empty cell or a non-unit. */
function columnUnit(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  if (!t || /\d/.test(t) || t.length > 8 || /^(无|空|定性|定量|[-—/\\*])$/.test(t)) return null;
  return t;
}

const EMPTY_VALUE: ParsedValue = Object.freeze(parseValue('')) as ParsedValue;

/**
 * parseValue, remembered per raw text: the same values ("≥95%", "100%") recur in every table. The results are
 * frozen and shared, like EMPTY_VALUE: the rules only read the model.
 */
function parsedValueOf(raw: string): ParsedValue {
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
function isDots(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c === 0x2e || c === 0x3002 || c === 0x2026 || c === 0xb7) && /^[.。…·]+$/.test(key);
}

const INDEX_SPLIT = /(?=指标\s*\d+\s*[:：.、])/;
const INDEX_RE = /^指标\s*(\d+)\s*[:：.、]\s*/;
// (anchored as a whole: same as /^(本年度|年度|中期|实施期)?绩效指标$|^产出$|^指标$/, without retrying every position)
// (also any short label ending in 绩效指标, tested apart: 部门整体支出年度绩效指标)
const FRAME_RE = /^(?:(本年度|年度|中期|实施期)?绩效指标$|产出$|指标$)/;

/** A 序号 (1, 2, 3 …) left of the 三级指标 column, or a cell of a column headed 序号: never an indicator's name. */
function isSerialCell(c: RowCell, h: IndicatorHeader, nameCol: number | null): boolean {
  if (h.otherCols.includes(c.col)) return true;
  // (also "目标1" in a column of its own before the 绩效内容: 福建 2017)
  return nameCol !== null && c.col < nameCol && /^(目标)?\d{1,3}[.、]?$/.test(c.key);
}

/** "指标N:" (INDEX_RE), with a cheap first test. */
function isIndexKey(key: string): boolean {
  return key.startsWith('指标') && INDEX_RE.test(key);
}

/** A repeated indicator header row (一级指标… or 指标值). */
function hasHeaderCell(cells: RowCell[], valueHeader: string): boolean {
  // (一级指标, 指标值, or the table's own 指标值 header repeated: 年度数值, 当年预期实现值 …)
  for (let i = 0; i < cells.length; i++) {
    const k = cells[i].key;
    if (isHeaderKey(k) || k === '指标值' || (valueHeader && k === valueHeader)) return true;
  }
  return false;
}

interface Ctx {
  l1: string | null;
  l1Raw: string;
  l1Cell: CellRef | null;
  l2: string | null;
  l2Raw: string;
  l2Cell: CellRef | null;
}

function withArea(c: CategoryLabel, area: number): CategoryLabel {
  if (area) c.area = area;
  return c;
}

function readIndicators(
  view: SheetView,
  seg: Segment,
  h: IndicatorHeader,
  profile: Profile,
  /** A column left of the area whose labels (a shared 一级指标 column) belong to it too. */
  sharedCol: number | null,
): { indicators: Indicator[]; categories: CategoryLabel[] } {
  const indicators: Indicator[] = [];
  const categories: CategoryLabel[] = [];
  // a 计量单位 column, else a unit in the 指标值 header ("指标值(%)"), counts as declared for values written without one
  const unitCol = unitColumn(view, seg, h);
  const headUnit = valueHeaderUnit(view, seg, h);
  const ctx: Ctx = { l1: null, l1Raw: '', l1Cell: null, l2: null, l2Raw: '', l2Cell: null };
  const valueCol = h.valueCol ?? (seg.headerless ? seg.right + 1 : seg.right);
  const nameCol = h.level3Col;
  const firstRow = seg.listed ? seg.top : h.row + 1;
  const valueHeader = h.valueCol !== null && !seg.headerless ? view.key(h.row, h.valueCol) : '';
  const setL1 = (canonical: string | null, raw: string, cell: CellRef | null) => {
    ctx.l1 = canonical;
    ctx.l1Raw = raw;
    ctx.l1Cell = cell;
    ctx.l2 = null;
    ctx.l2Raw = '';
    ctx.l2Cell = null;
  };
  // scratch arrays reused row after row (they never leave an iteration): no garbage per row
  const rest: RowCell[] = [];
  const nameCells: RowCell[] = [];
  /** The area of blocks stacked under repeated headers (2, 3 …), 0 before the first repeat. */
  let stacked = 0;
  for (let r = firstRow; r <= seg.bottom; r++) {
    let cells = view.rowCells(r, seg.left, seg.right);
    if (sharedCol !== null) {
      const shared = view.firstCell(r, sharedCol, sharedCol);
      if (shared) cells = [shared, ...cells];
    }
    if (cells.length === 0) continue;
    const firstKey = cells[0].key;
    if (endsIndicatorArea(firstKey)) break;
    if (hasHeaderCell(cells, valueHeader)) {
      // a header repeated after indicators starts a block of its own (长期绩效指标 | 一级指标 … then 年度绩效指标 |
      // 一级指标 …); one right after the first (a two-row header) does not
      if (indicators.length > 0 || categories.length > 0) {
        stacked = stacked === 0 ? 2 : stacked + 1;
        setL1(null, '', null);
      }
      continue;
    }
    rest.length = 0;
    // (indexed loops in this hot path: for-of could leave iterator objects behind)
    for (let ci = 0; ci < cells.length; ci++) {
      const c = cells[ci];
      const key = c.key;
      if ((key.endsWith('指标') || key === '产出') && (FRAME_RE.test(key) || (key.length <= 14 && key.endsWith('绩效指标')))) continue;
      // (a project of a list: its name, budget and goal stand left of the indicator columns)
      if (seg.listed && h.level1Col !== null && c.col < h.level1Col) continue;
      if (isDots(key)) continue;
      if (key.startsWith('指标') && INDEX_RE.test(key)) {
        rest.push(c);
        continue;
      }
      const cat = c.col < valueCol && (nameCol === null || c.col < nameCol) ? matchCategoryKey(key) : null;
      if (cat) {
        const cell = { row: r, col: c.col };
        let level: 1 | 2 = cat.level;
        let canonical = cat.canonical;
        if (cat.ambiguousCost) {
          // 成本指标: 一级 in its own column (C2021 and some local templates), else 二级 under 产出.
          if (h.level1Col !== null && c.col === h.level1Col && (h.level2Col === null || c.col !== h.level2Col)) {
            level = 1;
            canonical = L1.cost;
          } else if (h.level1Col === null && ctx.l1 !== L1.output) {
            level = 1;
            canonical = L1.cost;
          } else level = 2;
        } else if (cat.level === 1 && cat.canonical === L1.satisfaction && /服务对象|社会公众/.test(key)) {
          level = 2;
          canonical = L2.served;
        }
        if (level === 1) {
          setL1(canonical, c.text, cell);
          categories.push(withArea({ text: c.text, cell, level: 1, canonical, parent: null, alias: cat.alias, suggestion: null }, stacked));
        } else {
          const parent = defaultParent(canonical, profile);
          // a 二级 pushed into the 一级 column, or met before any 一级: take its usual parent
          if (
            ctx.l1 === null ||
            (h.level1Col !== null &&
              c.col === h.level1Col &&
              parent &&
              parent !== ctx.l1 &&
              !(ctx.l1 === L1.benefit && canonical === L2.served))
          ) {
            if (parent && parent !== ctx.l1) setL1(parent, '', null);
          }
          ctx.l2 = canonical;
          ctx.l2Raw = c.text;
          ctx.l2Cell = cell;
          categories.push(
            withArea({ text: c.text, cell, level: 2, canonical, parent: ctx.l1, alias: cat.alias, suggestion: null }, stacked),
          );
        }
        continue;
      }
      const looks = c.col < valueCol && (nameCol === null || c.col < nameCol) ? looksLikeCategoryKey(key) : null;
      if (looks) {
        const cell = { row: r, col: c.col };
        const atL1 = h.level1Col !== null && c.col === h.level1Col;
        if (atL1) setL1(null, c.text, cell);
        else {
          ctx.l2 = null;
          ctx.l2Raw = c.text;
          ctx.l2Cell = cell;
        }
        categories.push(
          withArea(
            { text: c.text, cell, level: null, canonical: null, parent: ctx.l1, alias: false, suggestion: looks.suggestion },
            stacked,
          ),
        );
        continue;
      }
      rest.push(c);
    }
    if (rest.length === 0) continue;
    // name: a "指标N:" cell if any, else the first remaining cell left of the value column
    // (plain loops rather than findIndex/slice/filter: this runs for every indicator row)
    let nameIdx = -1;
    for (let i = 0; i < rest.length && nameIdx < 0; i++) if (isIndexKey(rest[i].key)) nameIdx = i;
    for (let i = 0; i < rest.length && nameIdx < 0; i++) if (rest[i].col < valueCol && !isSerialCell(rest[i], h, nameCol)) nameIdx = i;
    if (nameIdx < 0) continue; // only a value without a name: nothing to check
    const nameCell = rest[nameIdx];
    // the value: among the later cells that are neither in another column of the header nor "指标N:", the one in
    // the 指标值 column, else the first; later "指标N:" cells are further names sharing the row's value
    nameCells.length = 0;
    nameCells.push(nameCell);
    let atValueCol: RowCell | null = null;
    let firstCand: RowCell | null = null;
    for (let i = nameIdx + 1; i < rest.length; i++) {
      const c = rest[i];
      if (isIndexKey(c.key)) {
        nameCells.push(c);
        continue;
      }
      if (h.otherCols.includes(c.col)) continue;
      firstCand ??= c;
      if (atValueCol === null && c.col === valueCol) atValueCol = c;
    }
    const valueHit = atValueCol ?? firstCand;
    const nameEnd = view.spanRight(r, nameCell.col);
    // where the value belongs: the 指标值 column; right of a name that spans it; never outside the table
    let defaultValueCol = valueCol > nameEnd ? valueCol : nameEnd + 1;
    if (defaultValueCol > seg.right) defaultValueCol = Math.min(valueCol, seg.right);
    let valueCell: CellRef = valueHit ? { row: r, col: valueHit.col } : anchorIn(view, seg, r, defaultValueCol);
    // the name cell merged over the 指标值 column: point at the 指标值 column, not at the name
    if (!valueHit && valueCell.col === nameCell.col && valueCell.row === r) valueCell = { row: r, col: defaultValueCol };
    let rawValue = valueHit ? valueHit.text : '';
    let name0 = nameCell.text;
    if (seg.headerless && !valueHit) {
      // no header, no 指标值 column: the indicator is described in its one cell ("质量指标:学校的教育教学秩序良好…",
      // "指标1部门重点支出占…15%"): the label before the colon is its name, the text its target
      const m = /^([^:：]{2,16})[:：]\s*([\s\S]+)$/.exec(nameCell.text);
      if (m && matchCategoryKey(labelKey(m[1]))) {
        name0 = m[1].trim();
        rawValue = m[2].trim();
      } else rawValue = nameCell.text;
      valueCell = { row: r, col: nameCell.col };
    }
    if (!valueHit && valueCell.row < r && valueCell.col > nameCell.col) {
      // one 指标值 merged down over the rows of several indicators: it is the value of each of them
      const shared = view.text(valueCell.row, valueCell.col);
      if (shared && !isIndexKey(labelKey(shared))) rawValue = shared;
    }
    // a unit in a 计量单位 column counts as declared beside the value, like "(%)" in the name
    const colUnit = unitCol !== null ? columnUnit(view.text(r, unitCol)) : null;
    const rowUnit = unitCol !== null ? colUnit : headUnit;
    // the value is parsed once per row, whatever the number of names sharing it
    let rowValue: ParsedValue | null = null;
    for (const nc of nameCells) {
      // cell texts are normalised already; only "指标N:" cells can hold several indicators
      // (a text with 指标 at most at its start splits into itself: no split needed)
      const text = nc === nameCell ? name0 : nc.text;
      const parts =
        !seg.headerless && nc.key.includes('指标') && text.indexOf('指标', 1) > 0
          ? text
              .split(INDEX_SPLIT)
              .map((p) => p.trim())
              .filter(Boolean)
          : [text];
      const segsOfCell = parts.length > 0 ? parts : [text];
      for (const part of segsOfCell) {
        // parts are trimmed: only a part starting with 指标 can match INDEX_RE. INDEX_RE allows any whitespace
        // where it allows any, so it is tested on the part as is (no need to collapse whitespace first), and its
        // match is exactly the "指标N:" prefix to drop from the name.
        const im = part.startsWith('指标') ? INDEX_RE.exec(part) : null;
        const index = im ? parseInt(im[1], 10) : null;
        const name = (im ? part.slice(im[0].length) : part).trim();
        const placeholder = name === '';
        const value = placeholder ? EMPTY_VALUE : (rowValue ??= parsedValueOf(rawValue));
        indicators.push({
          level1: ctx.l1,
          level1Raw: ctx.l1Raw,
          level1Cell: ctx.l1Cell,
          level2: ctx.l2,
          level2Raw: ctx.l2Raw,
          level2Cell: ctx.l2Cell,
          index,
          name,
          nameCell: { row: r, col: nc.col },
          placeholder,
          rawValue: placeholder ? '' : rawValue,
          valueCell,
          value,
          nameUnit: unitFromName(name) ?? rowUnit,
          columnUnit: colUnit,
          row: r,
        });
        if (stacked) indicators[indicators.length - 1].area = stacked;
      }
    }
  }
  return { indicators, categories };
}
