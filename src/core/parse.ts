/**
 * Parsing of a detected table segment into the typed model (fields, funds, goals, plan, tasks, indicators): the
 * public entry of the parse stage, each part read by a module of parse/:
 *   labels        which field a header label names, and where its value stands
 *   header-area   the fields, funds, goals, expenses and incomes above the indicators
 *   funds         amounts, the table's unit, itemised breakdowns
 *   spending-plan the 资金支出计划 and its points
 *   tasks         a department's 年度重点工作任务 block
 *   indicator-header, categories, indicators   the indicator area
 *   memo          what one check remembers while parsing
 */
import type { Segment } from './detect';
import type { FundsGroup, SpendingPlan, Table } from './model';
import { SheetView } from './sheet';
import { labelKey } from './text';
import { UNIT_FIELD_KEYS } from './header-labels';
import type { Profile } from './vocab';
import { moneyUnitOf, readBreakdowns } from './parse/funds';
import { readHeaderArea } from './parse/header-area';
import { readIndicatorHeader } from './parse/indicator-header';
import { readIndicatorAreas } from './parse/indicators';
import { planAmountsToPercent } from './parse/spending-plan';
import { findTaskHeader, readTasks } from './parse/tasks';

export { type ParseMemo, newParseMemo, withParseMemo } from './parse/memo';

export function parseSegment(view: SheetView, seg: Segment, profile: Profile, id: string): Table {
  const taskHeader = seg.listed ? null : findTaskHeader(view, seg);
  const unit = moneyUnitOf(view, seg, taskHeader ? taskHeader.row : seg.headerRow);
  const { fields, funds, goals, expenses, incomes, spendingPlan } = readHeaderArea(view, seg, unit, taskHeader);
  const tasks = taskHeader ? readTasks(view, seg, taskHeader, unit) : [];

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

function layoutOf(view: SheetView, seg: Segment, funds: FundsGroup[], plan: SpendingPlan | null): Table['layout'] {
  if (seg.kind === 'department') return 'D';
  const labels = funds.map((g) => g.total?.label ?? '').join('|');
  if (plan || /预算数/.test(labels)) return 'B';
  if (/本级预算金额/.test(labels)) return 'C';
  if (/年度资金总额/.test(labels)) return 'A';
  if (seg.anchor && /项目支出名称/.test(labelKey(view.text(seg.anchor.row, seg.anchor.col)))) return 'C';
  return '?';
}
