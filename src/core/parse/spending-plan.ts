/**
 * The 资金支出计划 (spending plan): its points (月底, 季度, 上半年 … with a percent each), read right of the label or
 * below it; fractions of percent-formatted cells and cumulative amounts are turned into percents.
 */
import type { Segment } from '../detect';
import type { CellRef, MoneyField, SpendingPlan } from '../model';
import { type MoneyUnit, agree, dec, parseMoneyWritten } from '../money';
import { SheetView } from '../sheet';
import { labelKey } from '../text';
import { bracketUnit } from './funds';
import { restAfter } from './labels';

const MONTH_POINT = /^(\d{1,2})月(底|末|份)?$|^第?[一二三四1-4]季度(末)?$|^(上半年|全年|年底|年末)$/;

function parsePercent(raw: string): string | null {
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*%?\s*$/.exec(raw);
  return m ? m[1] : null;
}

export function readSpendingPlan(view: SheetView, seg: Segment, row: number, col: number): SpendingPlan {
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

/**
 * A 资金支出计划 written as cumulative amounts (its label says 万元/元, or no % anywhere and the last point is the
 * budget, not 100): read as percent of the budget, or, without one, of the last point.
 */
export function planAmountsToPercent(view: SheetView, plan: SpendingPlan, budget: MoneyField | null, unit: MoneyUnit): void {
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
