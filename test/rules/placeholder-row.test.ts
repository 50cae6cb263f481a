/** placeholder-row: an unnamed "指标N:" row left in the table (docs/rules/placeholder-row.md). */
import { placeholderRow as rule } from '../../src/core/rules/placeholder-row';
import { type RuleTests, TABLE_A, insertRows, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '每个“指标N:”都写了名称', grid: TABLE_A },
    { name: '没有“指标N:”前缀的模板（宁夏 2019 自治区本级项目表）', corpus: 'ningxia-zizhiqu-2019-project-changqing-tiyu' },
  ],
  invalid: [
    {
      name: '数量指标下留着一行没命名的“指标2:”（宁夏 2024 项目支出绩效目标表的写法）',
      grid: insertRows(TABLE_A, 10, ' |  |  | 指标2: |'),
      errors: [{ cell: 'D11', messageId: 'row', message: '「指标2:」是未填写名称的空白占位行，不需要时请删除' }],
    },
    {
      name: '同一格里分行留着几个“指标N:”（宁夏 2024 项目支出绩效目标表的写法）',
      grid: insertRows(TABLE_A, 10, ' |  |  | 指标2:\\n指标3: |'),
      errors: [{ cell: 'D11', messageId: 'row', message: '「指标2:、指标3:」是未填写名称的空白占位行，不需要时请删除' }],
    },
  ],
};

ruleTester(rule, tests);
