/** vague-value: a 定性 value without a measurable standard, or an approximate number (docs/rules/vague-value.md). */
import { vagueValue as rule } from '../../src/core/rules/vague-value';
import { type RuleTests, TABLE_A, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '定量指标值', grid: TABLE_A },
    { name: '否定说法是可衡量的标准（「无明显影响」）', grid: TABLE_A, set: { E14: '无明显影响' } },
    { name: '写了数值的提升（「提高10%」）', grid: TABLE_A, set: { E14: '提高10%' } },
    { name: '写明达到的程度的定性值（「达到省级标准」）', grid: TABLE_A, set: { E14: '达到省级标准' } },
  ],
  invalid: [
    {
      name: '「有效提高全面健康水平」之类没有衡量标准（宁夏 2019 自治区本级项目表，原样）',
      corpus: 'ningxia-zizhiqu-2019-project-changqing-tiyu',
      errors: [
        {
          cell: 'E15',
          messageId: 'vague',
          message: '三级指标「提升全民健康水平」的指标值「促进人民群众健康水平不断提高。」没有可衡量的标准，建议写明具体数值或达到的程度',
        },
        {
          cell: 'E16',
          messageId: 'vague',
          message:
            '三级指标「发展全民健身运动」的指标值「通过本项目实施,有效提高全面健康水平。」没有可衡量的标准，建议写明具体数值或达到的程度',
        },
      ],
    },
    {
      name: '「进一步提升」',
      grid: TABLE_A,
      set: { E14: '进一步提升' },
      errors: [
        {
          cell: 'E14',
          messageId: 'vague',
          message: '三级指标「参训人员履职能力达标率」的指标值「进一步提升」没有可衡量的标准，建议写明具体数值或达到的程度',
        },
      ],
    },
    {
      name: '约数「200余次」建议写成「≥200次」',
      grid: TABLE_A,
      set: { E10: '200余次' },
      errors: [{ cell: 'E10', messageId: 'approx', message: '三级指标「培训班次」的指标值「200余次」是约数，写成「≥200次」更便于考核' }],
    },
  ],
};

ruleTester(rule, tests);
