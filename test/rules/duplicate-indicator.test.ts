/** duplicate-indicator: the same 三级指标 twice under one 一级指标 (docs/rules/duplicate-indicator.md). */
import { duplicateIndicator as rule } from '../../src/core/rules/duplicate-indicator';
import { type RuleTests, TABLE_A, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '三级指标各不相同', grid: TABLE_A },
    {
      name: '中期和年度两组指标各有自己的一级指标，同名不算重复（六安 2024 中期申报表）',
      corpus: 'central-midterm-anhui-luan-2024-zhijian',
    },
    { name: '同名指标在不同的一级指标下', grid: TABLE_A, set: { D14: '指标1:培训合格率', E14: '≥95%' } },
  ],
  invalid: [
    {
      name: '产出指标下同一个三级指标写了两次（宁夏 2019 自治区本级项目表，原样）',
      corpus: 'ningxia-zizhiqu-2019-project-ershiyixiao',
      errors: [{ cell: 'D14', messageId: 'dup', message: '三级指标「按要求合理支付」在「产出指标」中重复出现（首次出现在 D10）' }],
    },
    {
      name: '数量指标下重复（湘潭 2023 申报表，第二行改成与第一行同名）',
      corpus: 'hunan-xiangtan-2023-shenbao-wupaoche',
      set: { D10: '雾炮车降尘抑尘服务配备车辆数' },
      errors: [
        { cell: 'D10', messageId: 'dup', message: '三级指标「雾炮车降尘抑尘服务配备车辆数」在「产出指标」中重复出现（首次出现在 D9）' },
      ],
    },
    {
      name: '名称末尾多了句号也算同一个指标',
      grid: TABLE_A,
      set: { D11: '指标1:培训班次。' },
      errors: [{ cell: 'D11', messageId: 'dup', message: '三级指标「培训班次。」在「产出指标」中重复出现（首次出现在 D10）' }],
    },
  ],
};

ruleTester(rule, tests);
