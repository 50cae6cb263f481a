/** text-amount-mismatch: amounts and calculations written in text (docs/rules/text-amount-mismatch.md). */
import { textAmountMismatch as rule } from '../../src/core/rules/text-amount-mismatch';
import { type RuleTests, TABLE_A, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    {
      name: '绩效目标里的算式算对了，列出的金额不超过预算',
      grid: TABLE_A,
      set: { C8: '年度总体绩效目标(含本级和市县) 培训100人×2天×300元=6万元' },
    },
    { name: '部门任务的测算金额与拟投入资金一致（宁德 2019 部门整体支出绩效目标表）', corpus: 'fujian-ningde-2019-dept-fangzhi' },
    { name: '成本指标名称里写的是单价，不与指标值比较', grid: TABLE_A, set: { D13: '指标1:补助标准1000元', E13: '1000元/人' } },
  ],
  invalid: [
    {
      name: '绩效目标中的算式算错，列出的金额合计超过预算',
      grid: TABLE_A,
      set: { C8: '年度总体绩效目标(含本级和市县) 1.培训100人×2天×300元=7万元 2.教材预计15万元' },
      errors: [
        { cell: 'C8', messageId: 'calc', message: '算式「100人×2天×300元=7万元」计算结果应为6万元，与写明的7万元不一致' },
        { cell: 'C8', messageId: 'goalOver', message: '绩效目标中列出的各项金额合计22万元，超过年度资金总额(含本级和市县)20万元' },
      ],
    },
    {
      name: '成本指标名称中的金额与指标值不符（「会议经费30万｜15万元」）',
      grid: TABLE_A,
      set: { D13: '指标1:会议经费30万', E13: '15万元' },
      errors: [{ cell: 'E13', messageId: 'costName', message: '成本指标「会议经费30万」名称中写的金额30万元与指标值15万元不一致' }],
    },
    {
      name: '部门任务的测算金额与拟投入资金不一致（宁德 2019 部门整体支出绩效目标表，任务栏改为实施内容并写明测算）',
      corpus: 'fujian-ningde-2019-dept-fangzhi',
      set: { C8: '实施内容', C9: '编纂费40万元,印刷费5万元' },
      errors: [
        {
          cell: 'C9',
          messageId: 'task',
          message: '「地情、市志编纂与年鉴出版经费」的实施内容中测算金额为45万元，与拟投入资金49.8万元不一致',
        },
      ],
    },
  ],
};

ruleTester(rule, tests);
