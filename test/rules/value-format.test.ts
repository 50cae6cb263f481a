/** value-format: 指标值 and amounts that cannot be read as written (docs/rules/value-format.md). */
import { valueFormat as rule } from '../../src/core/rules/value-format';
import { type RuleTests, TABLE_A, TABLE_B, ruleTester } from './tester';

export { rule };

export const tests: RuleTests<typeof rule.messages> = {
  valid: [
    { name: '数值、比较符和计量单位都清楚', grid: TABLE_A },
    {
      name: '计数的整数不要求写单位：名称已说明数的是什么（龙岩 2023 专项转移支付绩效目标表）',
      corpus: 'fujian-longyan-2023-transfer-zongjiao',
    },
    { name: '时效指标的值可以是日期或期间，年份不当作数字录了两遍', grid: TABLE_A, set: { E12: '2024年1月-12月' } },
    { name: '约数（「200余次」）只由 vague-value 提示', grid: TABLE_A, set: { E10: '200余次' } },
    { name: '一个值里写了几个数量，不算矛盾（「313批/374人次」）', grid: TABLE_A, set: { E10: '313批/374人次' } },
    { name: '范围「90%-95%」按上限读', grid: TABLE_A, set: { E11: '90%-95%' } },
  ],
  invalid: [
    {
      name: '数字重复录入（金寨 2021 申报表，满意度录成「≥9090%」）',
      corpus: 'anhui-jinzhai-2021-shenbao-wuye',
      set: { E18: '≥9090%' },
      errors: [
        {
          cell: 'E18',
          messageId: 'bad',
          parts: ['digitsTwice'],
          message: '三级指标「小区居民满意度(≥**%)」的指标值「≥9090%」：数字「90」重复录入了两遍',
        },
      ],
      fixes: { E18: { before: '≥9090%', after: '≥90%' } },
    },
    {
      name: '比较符与文字矛盾（清涧 2021 衔接资金申报表，合格率录成「≥100大于95%」）',
      corpus: 'fupin-shaanxi-qingjian-2021-guoyuanlu',
      set: { E14: '≥100大于95%' },
      errors: [
        {
          cell: 'E14',
          messageId: 'bad',
          parts: ['contradiction'],
          message: '三级指标「项目(工程)验收合格率」的指标值「≥100大于95%」：比较符和数值「≥100」与文字说明「大于95%」矛盾',
        },
      ],
    },
    {
      name: '比率超过 100%（六安 2024 中期申报表，合格率录成「≥108%」）',
      corpus: 'central-midterm-anhui-luan-2024-zhijian',
      set: { E17: '≥108%' },
      errors: [
        {
          cell: 'E17',
          messageId: 'bad',
          parts: ['rateOver100'],
          message: '三级指标「农产品监督抽样合格率」的指标值「≥108%」：比率108%超过100%',
        },
        {
          cell: 'E19',
          messageId: 'bad',
          parts: ['rateUnit'],
          message: '三级指标「检测及时率」的指标值「≤7工作日」：比率类指标的指标值应为百分比，现单位为「工作日」',
        },
        {
          cell: 'H19',
          messageId: 'bad',
          parts: ['rateUnit'],
          message: '三级指标「检测及时率」的指标值「≤7工作日」：比率类指标的指标值应为百分比，现单位为「工作日」',
        },
      ],
    },
    {
      name: '比率类指标的单位不是百分比（六安 2024 中期申报表，原样：检测及时率「≤7工作日」）',
      corpus: 'central-midterm-anhui-luan-2024-zhijian',
      errors: [
        {
          cell: 'E19',
          messageId: 'bad',
          parts: ['rateUnit'],
          message: '三级指标「检测及时率」的指标值「≤7工作日」：比率类指标的指标值应为百分比，现单位为「工作日」',
        },
        {
          cell: 'H19',
          messageId: 'bad',
          parts: ['rateUnit'],
          message: '三级指标「检测及时率」的指标值「≤7工作日」：比率类指标的指标值应为百分比，现单位为「工作日」',
        },
      ],
    },
    {
      name: '越低越好的比率要求“不低于”（南岳 2023 雨露计划绩效目标申报表，原样：逾期发放率「≥100%」）',
      corpus: 'fupin-hunan-nanyue-2023-yulujihua',
      errors: [
        {
          cell: 'E20',
          messageId: 'bad',
          parts: ['lowIsGoodAtLeast'],
          message: '三级指标「逾期发放率」的指标值「≥100%」：「逾期发放率」越低越好，指标值却要求不低于100%',
        },
      ],
    },
    {
      name: '越低越好的比率要求“高于”',
      grid: TABLE_A,
      set: { D11: '指标1:培训差错率', E11: '>60%' },
      errors: [
        {
          cell: 'E11',
          messageId: 'bad',
          parts: ['lowIsGoodAbove'],
          message: '三级指标「培训差错率」的指标值「>60%」：「培训差错率」越低越好，指标值却要求高于60%',
        },
      ],
    },
    {
      name: '定量指标缺少计量单位，成本指标缺少金额单位（原州 2022 中央年度申报表，原样）',
      corpus: 'central-annual-ningxia-yuanzhou-2022-hanyanglin',
      errors: [
        { cell: 'E15', messageId: 'bad', parts: ['noUnit'], message: '三级指标「苗木成活率(≥**%)」的指标值「85」：定量指标缺少计量单位' },
        {
          cell: 'E17',
          messageId: 'bad',
          parts: ['costNoUnit'],
          message: '三级指标「项目总投入(≥**万元)」的指标值「6070」：成本指标缺少金额单位（元或万元）',
        },
      ],
    },
    {
      name: '成本指标不是金额（秀屿 2025 专项资金表，原样：成本控制率「100%」）',
      corpus: 'fujian-xiuyu-2025-zhuanxiang-shuili',
      errors: [
        {
          cell: 'G7',
          messageId: 'bad',
          parts: ['costNotMoney'],
          message: '三级指标「省级财政专项资金投入成本控制率(%)」的指标值「100%」：成本指标应以金额（元或万元）表示',
        },
      ],
    },
    {
      name: '成本指标写的是文字，没有金额（湘潭 2024 项目表，原样：「控制在预算内」）',
      corpus: 'hunan-xiangtan-2024-project-wupaoche',
      errors: [
        { cell: 'E16', messageId: 'bad', parts: ['noUnit'], message: '三级指标「服务周期」的指标值「180」：定量指标缺少计量单位' },
        {
          cell: 'E17',
          messageId: 'bad',
          parts: ['costNotMoneyText'],
          message: '三级指标「控制在预算成本内」的指标值「控制在预算内」：成本指标应填写金额（元或万元）',
        },
      ],
    },
    {
      name: '计量单位栏与指标值矛盾（岳阳楼区 2023 部门整体表，原样：「28.8万元」在「%」栏下，「应保尽保」在「%」栏下）',
      corpus: 'hunan-yueyanglou-2023-dept-jiage',
      errors: [
        {
          cell: 'E7',
          messageId: 'bad',
          parts: ['columnUnitValue'],
          message: '三级指标「业务工作支出安排金额」的指标值「28.8万元」：计量单位栏写的是「%」，与指标值的单位「万元」不一致',
        },
        {
          cell: 'E10',
          messageId: 'bad',
          parts: ['costNotMoney'],
          message: '三级指标「社会成本指标」的指标值「100」：成本指标应以金额（元或万元）表示',
        },
        {
          cell: 'E12',
          messageId: 'bad',
          parts: ['columnUnitNoNumber'],
          message: '三级指标「保证单位正常运转」的指标值「应保尽保」：计量单位栏写的是「%」，指标值却没有数值',
        },
      ],
    },
    {
      name: '计量单位栏与名称中的单位矛盾（浮梁县部门整体表，「防火面积(万亩) | 320」的单位栏改为「%」）',
      corpus: 'jiangxi-fuliang-dept-linye',
      set: { F13: '%' },
      errors: [
        {
          cell: 'E13',
          messageId: 'bad',
          parts: ['columnUnitName'],
          message: '三级指标「野生动植物保护、防火面积(万亩)」的指标值「320」：计量单位栏写的是「%」，与指标名称中的单位「万亩」不一致',
        },
      ],
    },
    {
      name: '金额录了两遍（岳阳县 2022 衔接资金申报表，原样：「854万854万(…)」）',
      corpus: 'fupin-hunan-yueyang-2022-gaobiaozhunnongtian',
      errors: [
        {
          cell: 'C6',
          messageId: 'moneyTwice',
          message: '「财政拨款」的金额「854万854万(高标准农田建设400万元,示范建设295万…」重复录入了两遍，应为854万元',
        },
      ],
    },
    {
      name: '比率疑为小数形式（遂溪 2024 部门整体表的写法：覆盖率(%) | 0.95）',
      grid: TABLE_A,
      set: { D11: '指标1:培训合格率(%)', E11: '0.95' },
      errors: [
        {
          cell: 'E11',
          messageId: 'bad',
          parts: ['decimalRate'],
          message: '三级指标「培训合格率(%)」的指标值「0.95」：疑为小数形式，应写作95%',
        },
      ],
      fixes: { E11: { before: '0.95', after: '95%' } },
    },
    {
      name: '修正：数字形式的小数比率（0.95）改写为「95%」',
      grid: TABLE_A,
      set: { D15: '指标1:参训人员满意度(%)', E15: 0.95 },
      errors: [
        {
          cell: 'E15',
          messageId: 'bad',
          parts: ['decimalRate'],
          message: '三级指标「参训人员满意度(%)」的指标值「0.95」：疑为小数形式，应写作95%',
        },
      ],
      fixes: { E15: { before: 0.95, after: '95%' } },
    },
    {
      name: '不修正：越低越好的比率（差错率(%) 0.3 可能就是 0.3%）',
      grid: TABLE_A,
      set: { D11: '指标1:培训差错率(%)', E11: 0.3 },
      errors: [
        {
          cell: 'E11',
          messageId: 'bad',
          parts: ['decimalRate'],
          message: '三级指标「培训差错率(%)」的指标值「0.3」：疑为小数形式，应写作30%',
        },
      ],
    },
    {
      name: '不修正：小于 0.5 的小数比率，也不修正「≤」后的小数',
      grid: TABLE_A,
      set: { D11: '指标1:培训合格率(%)', E11: '0.3', D15: '指标1:参训人员满意度(%)', E15: '≤0.95' },
      errors: [
        {
          cell: 'E11',
          messageId: 'bad',
          parts: ['decimalRate'],
          message: '三级指标「培训合格率(%)」的指标值「0.3」：疑为小数形式，应写作30%',
        },
        {
          cell: 'E15',
          messageId: 'bad',
          parts: ['decimalRate'],
          message: '三级指标「参训人员满意度(%)」的指标值「≤0.95」：疑为小数形式，应写作95%',
        },
      ],
    },
    {
      name: '修正：全角数字和文字比较符一并改为「≥90%」',
      grid: TABLE_A,
      set: { E15: '大于等于９０９０％' },
      errors: [
        {
          cell: 'E15',
          messageId: 'bad',
          parts: ['digitsTwice'],
          message: '三级指标「参训人员满意度」的指标值「大于等于9090%」：数字「90」重复录入了两遍',
        },
      ],
      fixes: { E15: { before: '大于等于９０９０％', after: '≥90%' } },
    },
    {
      name: '修正：数字重复后的「以上」保留',
      grid: TABLE_A,
      set: { E15: '≥9090%以上' },
      errors: [
        {
          cell: 'E15',
          messageId: 'bad',
          parts: ['digitsTwice'],
          message: '三级指标「参训人员满意度」的指标值「≥9090%以上」：数字「90」重复录入了两遍',
        },
      ],
      fixes: { E15: { before: '≥9090%以上', after: '≥90%以上' } },
    },
    {
      name: '不修正：计数的数字重复（「≥1010次」可能确是 1010 次），或数字后还有文字',
      grid: TABLE_A,
      set: { E10: '≥1010次', E15: '≥9090%按计划' },
      errors: [
        {
          cell: 'E10',
          messageId: 'bad',
          parts: ['digitsTwice'],
          message: '三级指标「培训班次」的指标值「≥1010次」：数字「10」重复录入了两遍',
        },
        {
          cell: 'E15',
          messageId: 'bad',
          parts: ['digitsTwice'],
          message: '三级指标「参训人员满意度」的指标值「≥9090%按计划」：数字「90」重复录入了两遍',
        },
      ],
    },
    {
      name: '不修正：修正后仍有问题（越低越好的比率「≥5050%」）',
      grid: TABLE_A,
      set: { D11: '指标1:培训差错率', E11: '≥5050%' },
      errors: [
        {
          cell: 'E11',
          messageId: 'bad',
          parts: ['digitsTwice'],
          message: '三级指标「培训差错率」的指标值「≥5050%」：数字「50」重复录入了两遍',
        },
      ],
    },
    {
      name: '修正：单独一格里录了两遍的金额',
      grid: TABLE_B,
      set: { C3: '10万10万' },
      errors: [
        {
          cell: 'C3',
          messageId: 'moneyTwice',
          message: '「预算数」的金额「10万10万」重复录入了两遍，应为10万元',
        },
      ],
      fixes: { C3: { before: '10万10万', after: '10万' } },
    },
    {
      name: '不修正：金额和标签写在同一格里',
      grid: TABLE_A,
      set: { C6: '其中:财政拨款20万20万' },
      errors: [
        {
          cell: 'C6',
          messageId: 'moneyTwice',
          message: '「财政拨款」的金额「20万20万」重复录入了两遍，应为20万元',
        },
      ],
    },
    {
      name: '不是时效类指标，指标值却是日期',
      grid: TABLE_A,
      set: { E10: '2024年6月30日' },
      errors: [
        {
          cell: 'E10',
          messageId: 'bad',
          parts: ['dateNotTimeliness'],
          message: '三级指标「培训班次」的指标值「2024年6月30日」：指标值是日期，但这不是时效类指标，应填写数值',
        },
      ],
    },
    {
      name: '数值与文字说明重复录入（「100等于100%」）',
      grid: TABLE_A,
      set: { E12: '100等于100%' },
      errors: [
        {
          cell: 'E12',
          messageId: 'bad',
          parts: ['repeatInWords'],
          message: '三级指标「培训计划按期完成率」的指标值「100等于100%」：数值与文字说明「等于100%」重复录入',
        },
      ],
    },
    {
      name: '数值后面直接跟文字，没有计量单位（北戴河 seed：「≥100按计划完成」）',
      grid: TABLE_A,
      set: { E10: '≥100按计划完成' },
      errors: [
        {
          cell: 'E10',
          messageId: 'bad',
          parts: ['wordsAfterNumber'],
          message: '三级指标「培训班次」的指标值「≥100按计划完成」：数值后混有文字「按计划完成」，无法识别计量单位',
        },
      ],
    },
    {
      name: '范围两端的单位不一致',
      grid: TABLE_A,
      set: { E10: '10次-12个' },
      errors: [
        {
          cell: 'E10',
          messageId: 'bad',
          parts: ['rangeUnits'],
          message: '三级指标「培训班次」的指标值「10次-12个」：范围两端的单位「次」和「个」不一致',
        },
      ],
    },
    {
      name: '范围上限低于下限',
      grid: TABLE_A,
      set: { E11: '95%-90%' },
      errors: [
        {
          cell: 'E11',
          messageId: 'bad',
          parts: ['rangeInverted'],
          message: '三级指标「培训合格率」的指标值「95%-90%」：范围上限90%低于下限95%',
        },
      ],
    },
    {
      name: '一个指标值有两处问题，写在同一句里',
      grid: TABLE_A,
      set: { E13: '≤2020次' },
      errors: [
        {
          cell: 'E13',
          messageId: 'bad',
          parts: ['digitsTwice', 'costNotMoney'],
          message: '三级指标「培训经费」的指标值「≤2020次」：数字「20」重复录入了两遍；成本指标应以金额（元或万元）表示',
        },
      ],
    },
  ],
};

ruleTester(rule, tests);
