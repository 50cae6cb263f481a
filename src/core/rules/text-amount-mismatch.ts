import { type TextCalc, analyseText } from '../calc';
import { agree, dec, fmt, toWan } from '../money';
import { costAmount, isCostIndicator } from './sum-mismatch';
import type { CellRef, Table } from '../model';
import { type RawFinding, defineRule } from './types';
import { short } from './types';

/** One total amount at the end of a 成本 name ("会议经费30万", "培训费(5万元)"), never a rate (元/人) or a range. */
const COST_IN_NAME = /(?<![\d./×*])(\d[\d,]*(?:\.\d+)?)(万元|万|元|千元|亿元)\)?$/;

const messages = {
  calc: '算式「{expr}={result}{unit}」计算结果应为{computed}{unit}，与写明的{result}{unit}不一致',
  goalOver: '绩效目标中列出的各项金额合计{total}万元，超过{budgetLabel}{budget}万元',
  task: '「{name}」的实施内容中测算金额为{total}万元，与拟投入资金{amount}万元不一致',
  costName: '成本指标「{name}」名称中写的金额{inName}万元与指标值{value}万元不一致',
} as const;
type Found = RawFinding<typeof messages>;

/** Amounts and calculations written in text that disagree with themselves or with the money beside them. */
export const textAmountMismatch = defineRule({
  code: 'text-amount-mismatch',
  /** Short Chinese name (reports' 规则 column). */
  title: '文字中的金额不符',
  defaultSeverity: 'warning',
  description:
    '文字中的算式算错（如「A×B×C=X万元」）；测算金额与拟投入资金不符；绩效目标中列出的支出超过预算；成本指标名称中的金额与指标值不符（「会议经费30万｜15万元」）',
  messages,
  check(table: Table) {
    const out: Found[] = [];
    const calcCheck = (calcs: TextCalc[], cell: CellRef) => {
      for (const c of calcs) {
        if (c.ok) continue;
        out.push({
          cell,
          messageId: 'calc',
          data: {
            expr: c.expr.replace(/\s+/g, ''),
            result: c.resultWritten,
            unit: c.resultUnit,
            computed: fmt(c.computed.toDecimalPlaces(6)),
          },
        });
      }
    };
    for (const g of table.goals) {
      if (!g.text) continue;
      const { calcs, total: st } = analyseText(g.text, true);
      calcCheck(calcs, g.cell);
      if (!st) continue;
      const group = table.funds.find((f) => f.scope === g.scope && f.total?.amount) ?? null;
      // a multi-year (中期/实施期) goal is only compared with a multi-year total
      if (g.scope === '中期' && !group) continue;
      const budgetField = group?.total ?? table.budget;
      const budget = budgetField ? dec(budgetField.amount) : null;
      if (!budget || !budgetField) continue;
      if (st.total.gt(budget) && !agree(st.total, budget, st.written, budgetField.amount!)) {
        out.push({
          cell: g.cell,
          messageId: 'goalOver',
          data: { total: fmt(st.total), budget: fmt(budget), budgetLabel: budgetField.label },
        });
      }
    }
    // an amount written in a 成本 indicator's name against its value ("会议经费30万" | "15万元")
    for (const i of table.indicators) {
      if (i.placeholder || !isCostIndicator(i) || !/\d/.test(i.name)) continue;
      const m = COST_IN_NAME.exec(i.name.replace(/\s+/g, ''));
      const value = m ? costAmount(i) : null;
      if (!m || !value) continue;
      const inName = toWan(dec(m[1].replace(/,/g, ''))!, m[2]);
      if (inName && !agree(inName, value, inName.toFixed(), value.toFixed())) {
        out.push({ cell: i.valueCell, messageId: 'costName', data: { name: short(i.name), inName: fmt(inName), value: fmt(value) } });
      }
    }
    for (const t of table.tasks) {
      if (!t.content || !t.contentCell) continue;
      const { calcs, total: st } = analyseText(t.content, true);
      calcCheck(calcs, t.contentCell);
      const amount = dec(t.amount);
      if (!st || !amount) continue;
      if (!agree(st.total, amount, st.written, t.amount!)) {
        out.push({ cell: t.contentCell, messageId: 'task', data: { name: short(t.name, 30), total: fmt(st.total), amount: fmt(amount) } });
      }
    }
    return out;
  },
});
