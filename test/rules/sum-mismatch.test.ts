/** sum-mismatch: money that must add up does not, or an amount is an error value (docs/rules/sum-mismatch.md). */
import { sumMismatch as rule } from '../../src/core/rules/sum-mismatch';
import { type RuleTests, TABLE_A, TABLE_B, insertRows, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '资金总额等于各来源之和（金寨 2021 申报表）', corpus: 'anhui-jinzhai-2021-shenbao-wuye' },
    { name: '部门收支相符（澧县 2021 部门整体支出项目绩效目标申报表：220.45+2=222.45）', corpus: 'hunan-lixian-2021-dept-shiyongjun' },
    { name: '按写明的精度比较：写「20」与算出的 19.996 视为相等', grid: TABLE_A, set: { C6: '其中:财政拨款19.996' } },
    {
      name: '成本分项夹着单价或下限时只是预算的一部分，不与预算比较（武川 2021 衔接资金申报表的写法）',
      grid: insertRows(TABLE_A, 13, ' |  |  | 指标2:教材单价 | 490元/本'),
      set: { E13: '≤12万元' },
    },
  ],
  invalid: [
    {
      name: '成本构成表的合计不等于分项之和（鄂州 2022 项目表，原样：662.98 ≠ 662.88）',
      corpus: 'hubei-ezhou-2022-project-dalou',
      errors: [
        {
          cell: 'D10',
          messageId: 'funds',
          message: '「合计(2020年实际执行数)」662.98万元不等于保安服务费、保洁服务费、水电气、维修维护费之和662.88万元',
        },
      ],
    },
    {
      name: '年度资金总额不等于各来源之和（金寨 2021 申报表，总额改为 1152）',
      corpus: 'anhui-jinzhai-2021-shenbao-wuye',
      set: { D5: 1152 },
      errors: [{ cell: 'D5', messageId: 'funds', message: '「年度资金总额」1152万元不等于财政拨款之和1125万元' }],
    },
    {
      name: '部门支出合计不等于收入合计（澧县 2021 部门整体支出项目绩效目标申报表，基本支出录成 220.54）',
      corpus: 'hunan-lixian-2021-dept-shiyongjun',
      set: { F8: 220.54 },
      errors: [
        {
          cell: 'C8',
          messageId: 'department',
          message: '部门预算支出合计222.54万元（基本支出+项目支出）不等于收入合计222.45万元（公共财政拨款）',
        },
      ],
    },
    {
      name: '成本分项合计与预算不一致',
      grid: insertRows(TABLE_A, 13, ' |  |  | 指标2:教材费 | ≤9万元'),
      set: { E13: '≤12万元' },
      errors: [{ cell: 'C5', messageId: 'costItems', message: '成本指标分项合计21万元，与预算金额20万元不一致' }],
    },
    {
      name: '部门任务行的预算金额与表中同名支出不符（宁德 2019 部门整体支出绩效目标表，原样）',
      corpus: 'fujian-ningde-2019-dept-fangzhi',
      errors: [{ cell: 'E11', messageId: 'taskExpense', message: '「基本支出」的预算金额171.41万元与表中的基本支出110.61万元不一致' }],
    },
    {
      name: '唯一的成本指标超过预算（奉节 2023 审批表，成本录成 6565 万元）',
      corpus: 'chongqing-fengjie-2023-approval-jiagongyuan',
      set: { E16: '≤6565万元' },
      errors: [{ cell: 'E16', messageId: 'costOver', message: '成本指标「项目建设成本」6565万元超过预算金额65万元' }],
    },
    {
      name: '单价乘以数量超过预算（南岳 2018 资产收益扶贫项目，原样：23万元/个 × 10个 = 230万元 > 214.06万元）',
      corpus: 'fupin-hunan-nanyue-2018-zichanshouyi',
      errors: [
        {
          cell: 'E16',
          messageId: 'unitCost',
          message: '成本指标「补助合作社平均标准」23万元/个乘以「入股合作社个数」10个为230万元，超过预算金额214.06万元',
        },
      ],
    },
    {
      name: '金额单元格是错误值，不当作 0',
      grid: TABLE_B,
      set: { E3: '#REF!' },
      errors: [
        { cell: 'E3', messageId: 'errorValue', message: '「财政资金」是错误值 #REF!，无法核对金额；请检查该单元格的公式或直接填写金额' },
      ],
    },
    {
      name: '部门任务行的预算金额是错误值（宁德 2019 部门整体支出绩效目标表，任务金额改为 #DIV/0!）',
      corpus: 'fujian-ningde-2019-dept-fangzhi',
      set: { E10: '#DIV/0!' },
      errors: [
        {
          cell: 'E10',
          messageId: 'taskErrorValue',
          message: '「地情、市志编纂与年鉴出版经费的预算金额」是错误值 #DIV/0!，无法核对金额；请检查该单元格的公式或直接填写金额',
        },
        { cell: 'E11', messageId: 'taskExpense', message: '「基本支出」的预算金额171.41万元与表中的基本支出110.61万元不一致' },
      ],
    },
  ],
};

ruleTester(rule, tests);
