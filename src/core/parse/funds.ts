/**
 * Money fields of the header area: an amount as written (in the table's unit), the table's unit, the funds group a
 * part belongs to, and the itemised breakdowns (rows of items closed by a 合计 row) checked like the funds.
 */
import type { Segment } from '../detect';
import type { FundsGroup, MoneyField } from '../model';
import { type MoneyUnit, parseMoneyWritten } from '../money';
import { SheetView } from '../sheet';
import { PLAIN_AMOUNT, type ReadValue, matchField } from './labels';

export function moneyField(key: string, label: string, rv: ReadValue, unit: MoneyUnit): MoneyField {
  const written = rv.value ? parseMoneyWritten(rv.value, unit) : null;
  return { key, label, raw: rv.value, amount: written, cell: rv.cell };
}

/** A money label as written for messages (一般公共预算财政拨款, 其他收入), without 其中: and a unit in brackets. */
export function shownLabel(key: string, rest: string, fallback: string): string {
  if (rest) return fallback;
  const k = key.replace(/^其中:?/, '').replace(/\((万元|元)\)$/, '');
  return k || fallback;
}

const BREAKDOWN_TOTAL = /^(合计|总计|小计)$/;

/**
 * Itemised breakdowns above the indicators: rows of a label and plain amounts closed by a 合计 row
 * (项目预算成本构成 | 金额 | 测算依据 | 2020年实际执行数 …: 鄂州 2022 市直部门项目支出绩效目标表). Each column whose
 * 合计 and at least two items hold amounts is a group (total = the 合计, parts = the items), checked like the funds.
 * Lists of fund labels (财政拨款, 其他资金 … 合计) are read with the funds instead.
 */
export function readBreakdowns(view: SheetView, seg: Segment, unit: MoneyUnit, end: number): FundsGroup[] {
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

/**
 * The unit of the table's amounts written without one: 元 when the header area says so ("单位：元",
 * "金额单位：元", "项目资金(元)") and nowhere says 万元; else 万元.
 */
export function moneyUnitOf(view: SheetView, seg: Segment, end: number): MoneyUnit {
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
export function nearestAbove(funds: FundsGroup[], labelCols: number[], row: number, col: number): FundsGroup | undefined {
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

/** The money unit a label states in brackets ("拟投入的资金(万元)", "资金支出计划(元)"); null when it states none. */
export function bracketUnit(key: string): MoneyUnit | null {
  return key.includes('(万元)') ? '万元' : key.includes('(元)') ? '元' : null;
}
