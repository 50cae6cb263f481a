import { dec } from '../money';
import { type RawFinding, defineRule } from './types';

const messages = {
  empty: '资金支出计划「{label}」未填写',
  unreadable: '资金支出计划「{label}」的「{raw}」不是有效的百分比',
  range: '资金支出计划「{label}」为{value}%，超出0–100%的范围',
  falling: '资金支出计划「{label}」累计进度{value}%低于「{prev}」的{prevValue}%，累计进度不能下降',
  notFull: '资金支出计划「{label}」的累计进度应为100%，现为{value}%',
} as const;
type Found = RawFinding<typeof messages>;

/** 资金支出计划: cumulative % in 0–100, never falling, 100 at 12月底. */
export const spendingPlan = defineRule({
  code: 'spending-plan',
  /** Short Chinese name (reports' 规则 column). */
  title: '资金支出计划不合理',
  defaultSeverity: 'error',
  description: '资金支出计划累计比例超出 0–100%、逐期下降，或 12 月底不是 100%',
  messages,
  check(table) {
    const plan = table.spendingPlan;
    if (!plan) return [];
    const out: Found[] = [];
    let prev: { label: string; value: ReturnType<typeof dec> } | null = null;
    plan.points.forEach((p, idx) => {
      const last = idx === plan.points.length - 1;
      if (p.percent === null) {
        if (p.raw) out.push({ cell: p.cell, messageId: 'unreadable', data: { label: p.label, raw: p.raw } });
        else out.push({ cell: p.cell, messageId: 'empty', data: { label: p.label } });
        return;
      }
      const v = dec(p.percent)!;
      if (v.lt(0) || v.gt(100)) {
        out.push({ cell: p.cell, messageId: 'range', data: { label: p.label, value: v.toFixed() } });
        return;
      } else if (prev && prev.value && v.lt(prev.value)) {
        out.push({
          cell: p.cell,
          messageId: 'falling',
          data: { label: p.label, value: v.toFixed(), prev: prev.label, prevValue: prev.value.toFixed() },
        });
      } else if (last && /12月|年底|年末|全年|四季度/.test(p.label) && !v.equals(100)) {
        out.push({ cell: p.cell, messageId: 'notFull', data: { label: p.label, value: v.toFixed() } });
      }
      prev = { label: p.label, value: v };
    });
    return out;
  },
});
