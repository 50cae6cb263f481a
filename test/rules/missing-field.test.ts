/** missing-field: a required header field is empty or unreadable (docs/rules/missing-field.md). */
import { missingField as rule } from '../../src/core/rules/missing-field';
import { type RuleTests, TABLE_A, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '表头必填项都已填写（宁夏 2019 自治区本级项目表）', corpus: 'ningxia-zizhiqu-2019-project-changqing-tiyu' },
    {
      name: '两个口径（含本级和市县 / 含本级）只填了一个，另一个空着不算漏填',
      grid: TABLE_A,
      set: { D5: '年度资金总额(含本级)', D6: '其中:财政拨款', D8: '年度绩效目标(含本级)' },
    },
    { name: '模板没有名称栏、只有主管部门，用主管部门称呼，不报未找到项目名称（海南 2022）', corpus: 'hainan-2022-project-huizhan' },
  ],
  invalid: [
    {
      name: '项目名称为空（东莞 2019 审批表，项目名称清空）',
      corpus: 'guangdong-dongguan-2019-approval-zhenji',
      set: { B4: '' },
      errors: [{ cell: 'B4', messageId: 'empty', message: '「项目名称」未填写' }],
    },
    {
      name: '资金总额为空（巴南 2022 部门整体表，资金总额清空）',
      corpus: 'chongqing-banan-2022-department-yipin',
      set: { E3: '' },
      errors: [{ cell: 'E3', messageId: 'empty', message: '「资金总额」未填写' }],
    },
    {
      name: '部门名称为空（炎陵 2017 部门整体支出绩效目标申报表，只留标签）',
      corpus: 'hunan-yanling-2017-dept-jiaotong',
      set: { A4: '部门(单位)名称:' },
      errors: [{ cell: 'A4', messageId: 'empty', message: '「部门名称」未填写' }],
    },
    {
      name: '金额读不出来（昭化 2021 申报表，原样：金额栏写的是「金额(万元)」）',
      corpus: 'sichuan-guangyuan-zhaohua-2021-project-shenbao-tekun',
      errors: [{ cell: 'D5', messageId: 'notMoney', message: '「年度资金总额」的内容「金额(万元)」无法识别为金额' }],
    },
    {
      name: '模板没有名称栏，主管部门也空着：说不出这张表是谁的（海南 2022，主管部门清空）',
      corpus: 'hainan-2022-project-huizhan',
      set: { B3: '' },
      errors: [
        { cell: 'A2', messageId: 'noProjectName', message: '未找到「项目名称」，无法确认这张表属于哪个项目' },
        { cell: 'A3', messageId: 'empty', message: '「主管部门」未填写' },
      ],
    },
    {
      name: '部门整体表没有部门名称一行，也没有单位名称（宁德 2019 部门整体支出绩效目标表，删去部门名称）',
      corpus: 'fujian-ningde-2019-dept-fangzhi',
      set: { A3: '部门预算编码', B3: 901001033, D3: '', E3: '' },
      errors: [{ cell: 'A1', messageId: 'noDepartmentName', message: '未找到「部门名称」，无法确认这张表属于哪个部门' }],
    },
  ],
};

ruleTester(rule, tests);
