/** unreadable-value: a number followed by text the checker cannot read (docs/rules/unreadable-value.md). */
import { unreadableValue as rule } from '../../src/core/rules/unreadable-value';
import { type RuleTests, TABLE_A, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '数值和单位之后没有别的内容', grid: TABLE_A },
    { name: '单位后写了所计的东西（「1个平台」「≥95%合格」），照常读', grid: TABLE_A, set: { E10: '1个平台', E11: '≥95%合格' } },
    { name: '数字后面直接跟文字、没有单位：缺计量单位是确定的事实，由 value-format 报警告', grid: TABLE_A, set: { E10: '≥100按计划完成' } },
  ],
  invalid: [
    {
      name: '「17元/人.每天」（湘西 2023 项目表，原样）',
      corpus: 'hunan-xiangxi-2023-project-texiao-huoshi',
      errors: [
        { cell: 'H6', messageId: 'unreadable', message: '无法识别三级指标「学生补助标准」的指标值「17元/人.每天」，请核对是否填写正确' },
      ],
    },
    {
      name: '数字后面跟着一句说明（宁夏 2019 自治区本级项目表，原样：完成时限「2021年12月底完成项目规划相关工作。」）',
      corpus: 'ningxia-zizhiqu-2019-project-changqing-tiyu',
      errors: [
        {
          cell: 'E11',
          messageId: 'unreadable',
          message: '无法识别三级指标「完成时限」的指标值「2021年12月底完成项目规划相关工作。」，请核对是否填写正确',
        },
      ],
    },
    {
      name: '「3次10人」：两个数量挤在一起，无法可靠理解',
      grid: TABLE_A,
      set: { E10: '3次10人' },
      errors: [{ cell: 'E10', messageId: 'unreadable', message: '无法识别三级指标「培训班次」的指标值「3次10人」，请核对是否填写正确' }],
    },
  ],
};

ruleTester(rule, tests);
