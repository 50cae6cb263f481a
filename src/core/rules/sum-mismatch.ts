import { Decimal, agree, dec, fmt, sum, toWan } from '../money';
import type { CellRef, Indicator, MoneyField, Table } from '../model';
import { L1, L2 } from '../vocab';
import { isErrorValue } from '../errors';
import { type RawFinding, defineRule } from './types';
import { short } from './types';

function amountOf(f: MoneyField): Decimal | null {
  return dec(f.amount);
}

/** Largest number of decimals among written amounts, for the precision of their sum. */
function dp(fields: MoneyField[]): number {
  // (f.amount?.split('.')[1] ?? '').length for each field, without the arrays of split
  let n = 0;
  for (const f of fields) {
    const a = f.amount;
    if (!a) continue;
    const dot = a.indexOf('.');
    if (dot < 0) continue;
    const next = a.indexOf('.', dot + 1);
    n = Math.max(n, (next < 0 ? a.length : next) - dot - 1);
  }
  return n;
}

/** A 成本 indicator counted in money: 成本指标 or 经济成本指标 (社会成本/生态环境成本 of C2021 are not amounts). */
export function isCostIndicator(i: Indicator): boolean {
  return i.level2 === L2.cost || i.level2 === L2.economicCost || (i.level1 === L1.cost && (i.level2 === null || i.level2 === L2.cost));
}

/** A 成本 value that is a total amount in money (not a rate such as 元/人 or 人均…). */
export function costAmount(i: Indicator): Decimal | null {
  if (i.placeholder || i.value.kind !== 'quantitative' || !i.value.number) return null;
  const unit = i.value.unit || i.nameUnit || '';
  if (!unit || unit.includes('/') || /人均|单价|平均|每|单位(成本|造价|购置|价格|面积|产值)/.test(i.name)) return null;
  const n = dec(i.value.number);
  return n ? toWan(n, unit) : null;
}

/** 成本 items adding up to the budget (two or more), or one 成本 amount not above it; unit cost × quantity. */
function costCheck(costs: Indicator[], quantities: Indicator[], budgetField: MoneyField | null, out: Found[]): void {
  const budget = budgetField && budgetField.amount !== null ? dec(budgetField.amount) : null;
  if (!budget || !budgetField) return;
  const named = costs.filter((i) => !i.placeholder && i.value.kind !== 'empty');
  const items = named.map((i) => ({ i, v: costAmount(i) })).filter((x) => x.v !== null) as { i: Indicator; v: Decimal }[];
  // the items add up to the budget only when every 成本 indicator is a total amount: beside unit prices or lower
  // bounds (490元/平米, ≥1050元: 武川 2021 衔接资金申报表) they are only a part of it
  const complete = items.length === named.length && items.every((x) => x.i.value.comparator !== '≥' && x.i.value.comparator !== '>');
  if (items.length >= 2 && complete) {
    const s = sum(items.map((x) => x.v));
    const places = Math.max(...items.map((x) => x.v.decimalPlaces()));
    if (!agree(s, budget, s.toFixed(places), budgetField.amount!)) {
      out.push({ cell: budgetField.cell, messageId: 'costItems', data: { sum: fmt(s), budget: fmt(budget) } });
    }
  } else if (items.length === 1 && named.length === 1) {
    const { i, v } = items[0];
    if (v.gt(budget) && !agree(v, budget, v.toFixed(), budgetField.amount!)) {
      out.push({ cell: i.valueCell, messageId: 'costOver', data: { name: short(i.name), value: fmt(v), budget: fmt(budget) } });
    }
  }
  for (const i of named) unitCostCheck(i, quantities, budget, budgetField, out);
}

/**
 * A unit cost (23万元/个) times the quantity the table counts in that unit (入股合作社个数 10个) above the budget
 * (南岳 2018 资产收益扶贫项目 绩效目标申报表: 230万元 > 214.06万元). Only when the quantities in that unit agree.
 */
function unitCostCheck(i: Indicator, quantities: Indicator[], budget: Decimal, budgetField: MoneyField, out: Found[]): void {
  const v = i.value;
  if (v.kind !== 'quantitative' || !v.number || !v.unit || v.comparator === '≥' || v.comparator === '>') return;
  const m = /^(万元|元|千元|亿元)\/([\u4e00-\u9fa5A-Za-z²]+)$/.exec(v.unit);
  if (!m) return;
  const per = m[2];
  const qs = quantities.filter(
    (q) =>
      !q.placeholder &&
      q.value.kind === 'quantitative' &&
      q.value.number &&
      q.value.unit === per &&
      q.value.comparator !== '≤' &&
      q.value.comparator !== '<',
  );
  if (qs.length === 0 || qs.some((q) => q.value.number !== qs[0].value.number)) return;
  const price = toWan(dec(v.number)!, m[1]);
  const qty = dec(qs[0].value.number);
  if (!price || !qty) return;
  const product = price.times(qty);
  if (product.gt(budget) && !agree(product, budget, product.toFixed(), budgetField.amount!)) {
    out.push({
      cell: i.valueCell,
      messageId: 'unitCost',
      data: {
        name: short(i.name),
        value: `${v.number}${v.unit}`,
        qtyName: short(qs[0].name),
        qty: `${qs[0].value.number}${per}`,
        product: fmt(product),
        budget: fmt(budget),
      },
    });
  }
}

/**
 * Funds by level of government (中央补助, 上级补助, 县级配套: key grant) are either the whole breakdown or a split of
 * 财政拨款 written under it: the total agrees with the sources without them, or with them in place of 财政拨款.
 */
function levelSplitAgrees(total: Decimal, written: string, parts: MoneyField[]): boolean {
  if (!parts.some((p) => p.key === 'grant')) return false;
  const ways = [parts.filter((p) => p.key !== 'grant'), parts.filter((p) => p.key !== 'fiscal')];
  return ways.some((w) => w.length > 0 && sumAgrees(total, written, w));
}

/** The sum of the parts (all with an amount) and whether the total agrees with it to the precision written. */
function sumOf(parts: MoneyField[]): Decimal {
  return sum(parts.map((p) => amountOf(p)!));
}
function sumAgrees(total: Decimal, written: string, parts: MoneyField[]): boolean {
  const s = sumOf(parts);
  return agree(total, s, written, s.toFixed(dp(parts)));
}

const messages = {
  funds: '「{label}」{total}万元不等于{parts}之和{sum}万元',
  department: '部门预算支出合计{expenses}万元（{expenseLabels}）不等于收入合计{incomes}万元（{incomeLabels}）',
  costItems: '成本指标分项合计{sum}万元，与预算金额{budget}万元不一致',
  taskExpense: '「{name}」的预算金额{amount}万元与表中的{name}{expense}万元不一致',
  costOver: '成本指标「{name}」{value}万元超过预算金额{budget}万元',
  unitCost: '成本指标「{name}」{value}乘以「{qtyName}」{qty}为{product}万元，超过预算金额{budget}万元',
  errorValue: '「{label}」是错误值 {value}，无法核对金额；请检查该单元格的公式或直接填写金额',
  taskErrorValue: '「{name}的预算金额」是错误值 {value}，无法核对金额；请检查该单元格的公式或直接填写金额',
} as const;
type Found = RawFinding<typeof messages>;

/** An error value (#REF!) where an amount belongs: never read as 0, reported once per cell. */
function errorValues(table: Table, out: Found[]): void {
  const seen = new Set<string>();
  const newError = (raw: string, cell: CellRef | null): cell is CellRef => {
    if (!cell || !isErrorValue(raw) || seen.has(`${cell.row},${cell.col}`)) return false;
    seen.add(`${cell.row},${cell.col}`);
    return true;
  };
  for (const g of table.funds)
    for (const f of g.total ? [g.total, ...g.parts] : g.parts)
      if (newError(f.raw, f.cell)) out.push({ cell: f.cell, messageId: 'errorValue', data: { label: f.label, value: f.raw.trim() } });
  for (const f of [...(table.budget ? [table.budget] : []), ...table.incomes, ...table.expenses])
    if (newError(f.raw, f.cell)) out.push({ cell: f.cell, messageId: 'errorValue', data: { label: f.label, value: f.raw.trim() } });
  for (const t of table.tasks)
    if (newError(t.amountRaw, t.amountCell))
      out.push({ cell: t.amountCell, messageId: 'taskErrorValue', data: { name: t.name, value: t.amountRaw.trim() } });
}

/** A total against the sum of its sources. */
function fundsCheck(g: Table['funds'][number], out: Found[]): void {
  const total = g.total ? amountOf(g.total) : null;
  const parts = g.parts.filter((p) => p.amount !== null);
  if (!g.total || total === null || parts.length === 0) return;
  // a source whose amount cannot be read: the sum of the others says nothing (missing-field reports unreadable totals)
  if (g.parts.some((p) => p.raw.trim() && p.amount === null)) return;
  if (!sumAgrees(total, g.total.amount!, parts) && !levelSplitAgrees(total, g.total.amount!, parts)) {
    const s = sumOf(parts);
    out.push({
      cell: g.total.cell,
      messageId: 'funds',
      data: { label: g.total.label, total: fmt(total), parts: parts.map((p) => p.label).join('、'), sum: fmt(s) },
    });
  }
}

/** A department table: task lines against their expenses, the total against the incomes, expenses against incomes. */
function departmentCheck(table: Table, out: Found[]): void {
  const ex = table.expenses.filter((e) => e.amount !== null);
  const inc = table.incomes.filter((e) => e.amount !== null);
  // a task line named after an expense (支出项目名称 基本支出 | 171.41) against that expense (基本支出 110.61)
  for (const t of table.tasks) {
    const e = table.expenses.find((x) => x.amount !== null && x.label === t.name.replace(/\s+/g, ''));
    const a = dec(t.amount);
    if (!e || !a || !t.amountCell) continue;
    if (!agree(a, dec(e.amount)!, t.amount!, e.amount!)) {
      out.push({ cell: t.amountCell, messageId: 'taskExpense', data: { name: e.label, amount: fmt(a), expense: fmt(dec(e.amount)!) } });
    }
  }
  // the department's total (年初预算资金, 资金总额) against its incomes (炎陵 2017 部门整体支出绩效目标申报表)
  const totalField = table.funds.find((g) => !g.breakdown && g.parts.length === 0 && g.total && g.total.amount !== null)?.total;
  if (totalField && inc.length > 0) {
    const total = amountOf(totalField)!;
    if (!sumAgrees(total, totalField.amount!, inc)) {
      out.push({
        cell: totalField.cell,
        messageId: 'funds',
        data: { label: totalField.label, total: fmt(total), parts: inc.map((p) => p.label).join('、'), sum: fmt(sumOf(inc)) },
      });
    }
  }
  if (ex.length === 0 || inc.length === 0) return;
  const se = sumOf(ex);
  const si = sumOf(inc);
  if (!agree(se, si, se.toFixed(dp(ex)), si.toFixed(dp(inc)))) {
    const target = table.incomes.find((i) => i.key === 'fiscal') ?? inc[0];
    out.push({
      cell: target.cell,
      messageId: 'department',
      data: {
        expenses: fmt(se),
        incomes: fmt(si),
        expenseLabels: ex.map((e) => e.label).join('+'),
        incomeLabels: inc.map((e) => e.label).join('+'),
      },
    });
  }
}

/** Money that must add up does not. */
export const sumMismatch = defineRule({
  code: 'sum-mismatch',
  /** Short Chinese name (reports' 规则 column). */
  title: '金额不符',
  defaultSeverity: 'error',
  description:
    '资金总额≠各来源之和（财政拨款、其他资金、中央/省/市/县级资金、小计）；成本构成表合计≠分项之和；部门支出与收入不符；成本分项或单价×数量超过预算；金额单元格是错误值（#REF!、#DIV/0! 等，从不当作 0）',
  messages,
  check(table: Table) {
    const out: Found[] = [];
    errorValues(table, out);
    for (const g of table.funds) fundsCheck(g, out);
    if (table.kind === 'department') departmentCheck(table, out);
    // the itemised 成本 against the budget; with two indicator areas (central template: 中期 | 年度), the 中期
    // area against the 中期 total and the 年度 area against the annual budget
    const costs = table.indicators.filter(isCostIndicator);
    const quantities = table.indicators.filter((i) => i.level2 === L2.quantity);
    if (table.indicators.some((i) => i.area === 1)) {
      const mid = table.funds.find((g) => g.scope === '中期' && g.total && g.total.amount !== null)?.total ?? null;
      costCheck(
        costs.filter((i) => !i.area),
        quantities.filter((i) => !i.area),
        mid,
        out,
      );
      costCheck(
        costs.filter((i) => i.area === 1),
        quantities.filter((i) => i.area === 1),
        table.budget,
        out,
      );
    } else costCheck(costs, quantities, table.budget, out);
    return out;
  },
});
