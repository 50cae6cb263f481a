/** missing-value: a named 三级指标 without a 指标值 (docs/rules/missing-value.md). */
import { missingValue as rule } from '../../src/core/rules/missing-value';
import { type RuleTests, TABLE_A, insertRows, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '每个三级指标都填了指标值（宁夏 2019 自治区本级项目表）', corpus: 'ningxia-zizhiqu-2019-project-changqing-tiyu' },
    { name: '名称里留着模板提示「(≥**%)」，指标值已填写（南岳 2018 衔接资金申报表）', corpus: 'fupin-hunan-nanyue-2018-rendajidi' },
    { name: '未命名的“指标N:”空白行由 placeholder-row 提示，不报指标值未填写', grid: insertRows(TABLE_A, 10, ' |  |  | 指标2: |') },
  ],
  invalid: [
    {
      name: '指标值为空（宁夏 2019 自治区本级项目表，满意率一栏清空）',
      corpus: 'ningxia-zizhiqu-2019-project-changqing-tiyu',
      set: { E14: '' },
      errors: [{ cell: 'E14', messageId: 'empty', message: '三级指标「学生及群众的满意率」的指标值未填写' }],
    },
    {
      name: '指标值只填了「-」（南岳 2018 资产收益扶贫项目）',
      corpus: 'fupin-hunan-nanyue-2018-zichanshouyi',
      set: { E14: '-' },
      errors: [{ cell: 'E14', messageId: 'placeholder', message: '三级指标「每年返本分红时间」的指标值「-」是占位符，请填写实际目标值' }],
    },
    {
      name: '指标值是模板占位符「XX%」（武汉青山 2020 转移支付表）',
      corpus: 'hubei-wuhan-qingshan-2020-transfer-bxgz',
      set: { E13: 'XX%' },
      errors: [
        { cell: 'E13', messageId: 'placeholder', message: '三级指标「预算资金当年下达率」的指标值「XX%」是占位符，请填写实际目标值' },
      ],
    },
    {
      name: '只有计量单位没有数值：「公里」「万亩」「≥ %」（陈仓 2020 区域绩效目标表，原样）',
      corpus: 'quyu-shaanxi-chencang-2020-nongcunyinshui',
      errors: [
        { cell: 'E12', messageId: 'unitOnly', message: '三级指标「新建堤防、护岸长度」的指标值「公里」只有计量单位，没有填写数值' },
        { cell: 'E13', messageId: 'unitOnly', message: '三级指标「灌区节水改造面积」的指标值「万亩」只有计量单位，没有填写数值' },
        { cell: 'E14', messageId: 'unitOnly', message: '三级指标「农村饮水工程覆盖服务人口数」的指标值「万人」只有计量单位，没有填写数值' },
        { cell: 'E15', messageId: 'unitOnly', message: '三级指标「中小河流治理问道长度」的指标值「公里」只有计量单位，没有填写数值' },
        { cell: 'E16', messageId: 'unitOnly', message: '三级指标「工程验收合格率」的指标值「≥ %」只有计量单位，没有填写数值' },
      ],
    },
    {
      name: '系统默认的「0」「0.00%」没改（奉节 2023 审批表，原样）',
      corpus: 'chongqing-fengjie-2023-approval-anquanjubao',
      errors: [
        { cell: 'E17', messageId: 'systemDefault', message: '「经济成本指标」下只有系统默认的「0」「0.00%」，未填写具体指标和指标值' },
        { cell: 'E18', messageId: 'systemDefault', message: '「社会成本指标」下只有系统默认的「0」「0.00%」，未填写具体指标和指标值' },
        { cell: 'E19', messageId: 'systemDefault', message: '「生态环境成本指标」下只有系统默认的「0」「0.00%」，未填写具体指标和指标值' },
      ],
    },
    {
      name: '目标值写进了三级指标名称，指标值栏空着',
      grid: TABLE_A,
      set: { D10: '指标1:培训班次≥10次', E10: '' },
      errors: [
        {
          cell: 'E10',
          messageId: 'inName',
          message: '三级指标「培训班次」的指标值未填写（「≥10次」写在了三级指标名称中，请移到指标值栏）',
        },
      ],
    },
    {
      name: '指标值是公式错误值',
      grid: TABLE_A,
      set: { E10: '#REF!' },
      errors: [
        { cell: 'E10', messageId: 'formulaError', message: '三级指标「培训班次」的指标值是公式错误「#REF!」，请检查公式或直接填写目标值' },
      ],
    },
  ],
};

ruleTester(rule, tests);
