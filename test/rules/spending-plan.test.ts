/** spending-plan: the cumulative 资金支出计划 (docs/rules/spending-plan.md). */
import { spendingPlan as rule } from '../../src/core/rules/spending-plan';
import { type RuleTests, TABLE_B, ruleTester } from './tester';

export { rule };

// (no table of the corpus has a 资金支出计划: the cases are the 北戴河 2020 layout of ../shared/seeds, TABLE_B)
export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '累计比例逐期上升，12 月底为 100%', grid: TABLE_B },
    { name: '写成百分数文字', grid: TABLE_B, set: { B5: '25%', C5: '50%', D5: '75%', E5: '100%' } },
    { name: '百分比格式单元格里的小数（0.25 即 25%）', grid: TABLE_B, set: { B5: 0.25, C5: 0.5, D5: 0.75, E5: 1 } },
  ],
  invalid: [
    {
      name: '某个时点没有填写',
      grid: TABLE_B,
      set: { E5: '' },
      errors: [{ cell: 'E5', messageId: 'empty', message: '资金支出计划「12月底」未填写' }],
    },
    {
      name: '填的不是百分比',
      grid: TABLE_B,
      set: { C5: '过半' },
      errors: [{ cell: 'C5', messageId: 'unreadable', message: '资金支出计划「6月底」的「过半」不是有效的百分比' }],
    },
    {
      name: '累计比例超过 100%',
      grid: TABLE_B,
      set: { D5: 120 },
      errors: [{ cell: 'D5', messageId: 'range', message: '资金支出计划「10月底」为120%，超出0–100%的范围' }],
    },
    {
      name: '累计比例逐期下降（示例工作簿「党代表活动经费」：6 月底 20% 低于 3 月底 30%）',
      grid: TABLE_B,
      set: { B5: 30, C5: 20 },
      errors: [{ cell: 'C5', messageId: 'falling', message: '资金支出计划「6月底」累计进度20%低于「3月底」的30%，累计进度不能下降' }],
    },
    {
      name: '12 月底不是 100%',
      grid: TABLE_B,
      set: { E5: 90 },
      errors: [{ cell: 'E5', messageId: 'notFull', message: '资金支出计划「12月底」的累计进度应为100%，现为90%' }],
    },
  ],
};

ruleTester(rule, tests);
