/**
 * The header area of a table (above its indicators): the fields (项目名称, 主管部门 …), the funds groups (a total and its
 * parts), the goals, a department's expenses and incomes, and the 资金支出计划; read label by label, each kind of label
 * by a reader of its own.
 */
import type { Segment } from '../detect';
import type { FundsGroup, GoalText, HeaderField, MoneyField, SpendingPlan } from '../model';
import type { MoneyUnit } from '../money';
import { SheetView } from '../sheet';
import { labelKey } from '../text';
import type { FieldKind } from '../header-labels';
import { isHeaderKey } from '../detect';
import { moneyField, nearestAbove, shownLabel } from './funds';
import * as labels from './labels';
import type { FieldMatch, LabelCell, ReadValue } from './labels';
import { readSpendingPlan } from './spending-plan';
import type { TaskHeader } from './tasks';

// module-local bindings of the imports used cell by cell: in a CommonJS build (tsx, ts-jest) every use of an import
// is a read through a getter
const { goalLabel, linesAsLabels, matchField, readLabelValue, restAfter, scopeOf } = labels;

/** What the header area holds. */
export interface HeaderArea {
  fields: HeaderField[];
  funds: FundsGroup[];
  goals: GoalText[];
  expenses: MoneyField[];
  incomes: MoneyField[];
  spendingPlan: SpendingPlan | null;
}

/** The reading of a header area: the table, its unit, and the parts of a department's 项目支出 kept apart until the end. */
interface HeaderReader extends HeaderArea {
  readonly view: SheetView;
  readonly seg: Segment;
  readonly unit: MoneyUnit;
  devParts: MoneyField[];
  devGroup: MoneyField | null;
  /** Column of the label of each funds group (its total's label: "中期资金总额：" | 300 | "年度资金总额：" | 100). */
  readonly fundLabelCols: number[];
}

/** The reader of one kind of label with a value: the label cell `c` in row `r`, what it matched, its value. */
type LabelReader = (st: HeaderReader, r: number, c: LabelCell, hit: FieldMatch, rv: ReadValue) => void;

/** Reads the header area of `seg` (rows above its indicator header, the task block skipped). */
export function readHeaderArea(view: SheetView, seg: Segment, unit: MoneyUnit, taskHeader: TaskHeader | null): HeaderArea {
  const st: HeaderReader = {
    view,
    seg,
    unit,
    fields: [],
    funds: [],
    goals: [],
    expenses: [],
    incomes: [],
    spendingPlan: null,
    devParts: [],
    devGroup: null,
    fundLabelCols: [],
  };
  if (seg.listed) readListedFields(view, seg, unit, st);
  for (let r = seg.top; r < seg.headerRow; r++) {
    // (the task block has its own reading: tasks.ts)
    if (taskHeader && r >= taskHeader.row && r < taskHeader.end) continue;
    const rowCs = linesAsLabels(view.rowCells(r, seg.left, seg.right), seg.kind);
    for (let ci = 0; ci < rowCs.length; ci++) {
      const c = rowCs[ci];
      const hit = matchField(c.text, seg.kind, c.key);
      if (hit) readLabel(st, r, c, hit);
    }
  }
  if (seg.kind === 'department') {
    const grp = st.devGroup;
    if (grp && grp.amount !== null) st.expenses.push(grp);
    else st.expenses.push(...st.devParts);
  }
  const { fields, funds, goals, expenses, incomes, spendingPlan } = st;
  return { fields, funds, goals, expenses, incomes, spendingPlan };
}

/** One label of the header area with its value. */
function readLabel(st: HeaderReader, r: number, c: LabelCell, hit: FieldMatch): void {
  const { view, seg } = st;
  const { def, rest } = hit;
  if (def.kind === 'frame') return;
  if (def.kind === 'plan') {
    st.spendingPlan = readSpendingPlan(view, seg, r, c.col);
    return;
  }
  if (def.kind === 'goal') {
    readGoal(st, r, c, hit);
    return;
  }
  // (a label on a line of its own in a cell of several: its amount is on the line or nowhere)
  const rv =
    c.line && !rest
      ? { value: '', cell: { row: r, col: c.col } }
      : readLabelValue(view, seg, r, c.col, rest, def.kind === 'total' || def.kind === 'part' ? 'number' : false);
  LABEL_READERS[def.kind]?.(st, r, c, hit, rv);
}

/** A goal label and its text (a frame label such as 绩效目标 over goal labels is none). */
function readGoal(st: HeaderReader, r: number, c: LabelCell, hit: FieldMatch): void {
  const { view, seg } = st;
  const rest = hit.rest;
  const rv = readLabelValue(view, seg, r, c.col, rest, true);
  const nextIsGoal =
    !rest &&
    !rv.value &&
    view.rowCells(r, view.spanRight(r, c.col) + 1, seg.right).some((x) => matchField(x.text, seg.kind, x.key)?.def.kind === 'goal');
  if (nextIsGoal) return; // a frame label such as 绩效目标 followed by 年度绩效目标(含本级)...
  st.goals.push({ label: goalLabel(c.key, hit.key), scope: scopeOf(c.text), text: rv.value, cell: rv.cell });
}

/** The readers of the labels with a value, by kind (frame, plan and goal labels are read apart). */
const LABEL_READERS: Partial<Record<FieldKind, LabelReader>> = {
  text: readText,
  total: readTotal,
  sum: readSum,
  part: readPart,
  expense: (st, _r, c, hit, rv) => st.expenses.push(moneyField(hit.def.key, shownLabel(c.key, hit.rest, hit.def.label), rv, st.unit)),
  expenseGroup: (st, _r, _c, hit, rv) => {
    st.devGroup = moneyField(hit.def.key, hit.def.label, rv, st.unit);
  },
  expensePart: (st, _r, c, hit, rv) => st.devParts.push(moneyField(hit.def.key, labelKey(c.text), rv, st.unit)),
  income: (st, _r, _c, hit, rv) => st.incomes.push(moneyField(hit.def.key, hit.def.label, rv, st.unit)),
};

/** A text field (项目名称, 主管部门 …), its value as written. */
function readText(st: HeaderReader, r: number, c: LabelCell, hit: FieldMatch, rv: ReadValue): void {
  const def = hit.def;
  // names are reported as written (full-width brackets kept)
  const rawCell = st.view.raw(rv.cell.row, rv.cell.col);
  const shown = !rv.value
    ? ''
    : rv.cell.row === r && rv.cell.col === c.col
      ? restAfter(rawCell, labelKey(c.text).length - labelKey(rv.value).length)
      : rawCell;
  st.fields.push({
    key: def.key,
    label: def.label,
    value: shown || rv.value,
    cell: rv.cell,
    labelCell: { row: r, col: c.col },
    required: !!def.required,
  });
}

/** A total (年度资金总额, 中期资金总额 …): a funds group of its own, and a field. */
function readTotal(st: HeaderReader, r: number, c: LabelCell, hit: FieldMatch, rv: ReadValue): void {
  const def = hit.def;
  const scope = scopeOf(c.text);
  // (中期资金总额, not 中期资金总额(中期))
  const label = def.label + (scope && !def.label.startsWith(scope) ? `(${scope})` : '');
  st.funds.push({ scope, total: moneyField('total', label, rv, st.unit), parts: [] });
  st.fundLabelCols.push(c.col);
  st.fields.push({ key: 'total', label, value: rv.value, cell: rv.cell, labelCell: { row: r, col: c.col }, required: true });
}

/** A 合计 right under a list of parts without a total: that list's total. */
function readSum(st: HeaderReader, r: number, c: LabelCell, hit: FieldMatch, rv: ReadValue): void {
  const { funds, fundLabelCols } = st;
  // only right under a list of parts that has no total, in the parts' label column
  const gi = funds.findIndex(
    (g, i) => !g.total && g.parts.length >= 2 && fundLabelCols[i] === c.col && r - Math.max(...g.parts.map((p) => p.cell.row)) === 1,
  );
  const f = moneyField('total', hit.def.label, rv, st.unit);
  if (gi >= 0 && f.amount !== null) funds[gi].total = f;
}

/** A source of funds, in the funds group above it or beside it; a department's is an income. */
function readPart(st: HeaderReader, r: number, c: LabelCell, hit: FieldMatch, rv: ReadValue): void {
  const { def, rest } = hit;
  const { funds, fundLabelCols } = st;
  if (st.seg.kind === 'department') {
    // "其中：上年结转" under an income is a breakdown of it, not one more source
    if (st.incomes.length > 0 && c.key.startsWith('其中')) return;
    st.incomes.push(moneyField(def.key, shownLabel(c.key, rest, def.label), rv, st.unit));
    return;
  }
  // (上级补助, 中央补助, 县级配套: named as written)
  const label = def.key === 'grant' ? (def.re.exec(hit.key)?.[2] ?? def.label) : def.label;
  const f = moneyField(def.key, label, rv, st.unit);
  const group =
    nearestAbove(funds, fundLabelCols, r, c.col) ?? funds.find((g) => g.total && g.total.cell.row === r) ?? funds[funds.length - 1];
  if (group) group.parts.push(f);
  else {
    funds.push({ scope: '', total: null, parts: [f] });
    fundLabelCols.push(c.col);
  }
}

/**
 * The fields of a project of a list (see Segment.listed): each header cell left of 一级指标 that is a known label
 * (项目名称, 预算数, 年度目标 …) has its value in the project's first row.
 */
function readListedFields(view: SheetView, seg: Segment, unit: MoneyUnit, area: HeaderArea): void {
  const { fields, funds, goals } = area;
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
