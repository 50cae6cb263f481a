/**
 * The labels of a table's header area, as data: what real templates print left of (or above) the project's name,
 * units, amounts, goals and spending plan, and what each one is. The parser (parse.ts) reads the header area with
 * these entries only; detection (detect.ts) takes its name labels from here.
 *
 * Each entry names the templates it was seen in (test/corpus/tables/, ../shared/seeds/). A new template's label is
 * one more entry (or one more alternative in an entry) plus a corpus table that shows it. Patterns are tested on the
 * label key (NFKC, no spaces, full-width brackets and colons as half-width, required-field marks * removed) and must
 * start with ^. The first matching entry wins: keep the specific before the general.
 */

export type FieldKind =
  /** a text field: name, unit, attribute */
  | 'text'
  /** a performance goal text */
  | 'goal'
  /** an amount that is the sum of the parts below it (年度资金总额, 预算数) */
  | 'total'
  /** 合计 written under a list of parts without a total */
  | 'sum'
  /** a source of funds (财政拨款, 其他资金, 中央补助 …); a department's income */
  | 'part'
  /** a department's expense (基本支出, 项目支出) */
  | 'expense'
  | 'expenseGroup'
  | 'expensePart'
  | 'income'
  /** 资金支出计划 */
  | 'plan'
  /** a frame label: structure only, no value of its own */
  | 'frame';

export interface FieldDef {
  key: string;
  re: RegExp;
  kind: FieldKind;
  /** The label shown in messages. */
  label: string;
  required?: boolean;
  projectOnly?: boolean;
  departmentOnly?: boolean;
  /** Where the label was seen. */
  from: string;
}

const UNIT = '(\\((万元|元)\\))?';

export const FIELD_DEFS: readonly FieldDef[] = [
  {
    key: 'goal',
    re: /^(年度总体绩效目标|年度总体目标|年度绩效目标|实施期绩效目标|本年度绩效目标|总体绩效目标|实施期总体目标|实施期目标|中期目标|年度目标|总体目标|绩效目标)(\([^)]*\))?/,
    kind: 'goal',
    label: '绩效目标',
    required: true,
    from: '宁夏 seed (年度总体绩效目标(含本级和市县)), 衡东 seed (实施期目标), central 申报表 (中期目标 | 年度目标), 青山区 2020 (总体目标)',
  },
  {
    key: 'projectName',
    re: /^(二级项目名称|项目名称|项目支出名称|单位\(专项\)名称|项目\((支出|专项|资金)\)名称|专项\((项目|资金)\)名称|资金名称|专项(资金)?名称|转移支付(资金)?名称)/,
    kind: 'text',
    label: '项目名称',
    required: true,
    projectOnly: true,
    from: '宁夏/北戴河 seeds; 项目支出名称 (衡东 seed); 项目(专项)名称 (荣昌 2022); 专项(项目)名称 (陈仓 2020); 资金名称 (区域绩效目标表); 专项名称 (桃源 2021, 南岳 2023 雨露计划); 二级项目名称 (嘉峪关 2023 省级部门预算项目支出绩效目标表); 单位(专项)名称 (湘西 2023 list)',
  },
  {
    key: 'departmentName',
    re: /^(部门名称|单位名称|部门\(单位\)名称|预算单位名称)/,
    kind: 'text',
    label: '部门名称',
    required: true,
    departmentOnly: true,
    from: '遂溪 seed; 部门(单位)名称 (岳阳楼区 2023, 宁德 2019, 炎陵 2017)',
  },
  { key: 'projectCode', re: /^项目编码/, kind: 'text', label: '项目编码', projectOnly: true, from: '北戴河 seed' },
  {
    key: 'supervisor',
    re: /^主管部门(及代码)?(?!审核|意见|审批)/,
    kind: 'text',
    label: '主管部门',
    required: true,
    from: '宁夏 seed; 主管部门及代码 (central 申报表); never 主管部门审核意见 (鄂州 2022 footer)',
  },
  {
    key: 'implementer',
    re: /^((具体|项目)?实施单位|项目执行单位|执行单位)/,
    kind: 'text',
    label: '实施单位',
    required: true,
    from: '宁夏 seed; 具体实施单位 (荣昌 2022); 项目执行单位 (青山区 2020)',
  },
  {
    key: 'applicant',
    re: /^(申报单位|申请单位|项目单位)(?!负责人)/,
    kind: 'text',
    label: '申报单位',
    from: '申报单位 (荣昌 2022), 项目单位 (宁乡 2021)',
  },
  { key: 'budgetDepartment', re: /^预算部门/, kind: 'text', label: '预算部门', required: true, from: '衡东 seed' },
  { key: 'attribute', re: /^项目属性/, kind: 'text', label: '项目属性', from: '宁夏 seed' },
  { key: 'period', re: /^(项目期|项目日期|项目支出实施期|项目实施期)/, kind: 'text', label: '项目期', from: '宁夏 seed, 衡东 seed' },
  { key: 'staff', re: /^财政供养人员数/, kind: 'text', label: '财政供养人员数', from: '遂溪 seed' },
  { key: 'subunits', re: /^下属二级单位数/, kind: 'text', label: '下属二级单位数', from: '遂溪 seed' },

  // ---- totals
  {
    key: 'total',
    re: /^年度资金(申请)?总额(\([^)]*\))?/,
    kind: 'total',
    label: '年度资金总额',
    required: true,
    from: '宁夏 seed (含本级和市县 / 含本级), central 申报表; 年度资金申请总额 (兵团 2021)',
  },
  {
    key: 'total',
    re: /^(中期资金总额|实施期资金总额)(\([^)]*\))?/,
    kind: 'total',
    label: '中期资金总额',
    from: 'central 申报表 (中期 | 年度 side by side)',
  },
  {
    key: 'total',
    re: /^(项目资金(申请)?总额|资金(申请)?总额|项目总金额|项目总预算|本年预算数|年度预算金额)(\([^)]*\))?(?!及构成)/,
    kind: 'total',
    label: '资金总额',
    required: true,
    from: '青山区 2020, 湘潭 2024 (资金总额:), 兵团 2021 (项目资金总额), 秀屿/安溪 水利专项; never 资金总额及构成 (宁乡 2021 frame)',
  },
  {
    key: 'total',
    re: /^(年度金额|当年资金总额|当年预算金额|当年预算(?![执编])|下达资金总额|下达资金|本年度预计投入|本年度申请金额|年初预算资金|(区级|县级|市级|部门)?支出预算总量|本年度申请(市|县|区|省)?(级)?(财政)?(预算)?资金)(\([^)]*\))?/,
    kind: 'total',
    label: '资金总额',
    required: true,
    from: '年度金额 (汉阴 2022 区域绩效目标表), 当年资金总额 (青山区 2020), 当年预算 (潼南 2023), 下达资金总额 (巫溪 2025), 本年度预计投入 (南岳 2023), 年初预算资金 (炎陵 2017), 区级支出预算总量 (巴南 2022), 本年度申请市财政预算资金 (东莞 2019)',
  },
  {
    key: 'total',
    re: /^总额(?=[:\d(]|$)/,
    kind: 'total',
    label: '总额',
    required: true,
    from: '资金总额及构成 | 总额10606.7522万元 (宁乡 2021)',
  },
  {
    key: 'total',
    re: /^中期(市|县|区|省)?(级)?(财政)?预算(资金)?(\([^)]*\))?/,
    kind: 'total',
    label: '中期资金总额',
    from: '中期市财政预算(万元) (东莞 2019 批复表)',
  },
  {
    key: 'total',
    re: /^(预算数|年度预算数|项目预算数)/,
    kind: 'total',
    label: '预算数',
    required: true,
    from: '北戴河 seed; 井研 2023 list (预算数)',
  },
  { key: 'total', re: /^(年度)?本级预算金额/, kind: 'total', label: '年度本级预算金额', required: true, from: '衡东 seed' },

  // ---- sources of funds (a unit in brackets belongs to the label: "其中：财政拨款（万元）| 11.5")
  {
    key: 'fiscal',
    re: new RegExp(`^(其中)?:?(当年)?(一般公共预算|政府性基金(预算)?|国有资本经营预算|公共)?财政(拨|投)款(收入|资金)?${UNIT}`),
    kind: 'part',
    label: '财政拨款',
    from: 'all templates; 公共财政拨款 (炎陵 2017); 当年财政拨款 (青山区 2020); 财政投款, a typo as published (蒙城 2024)',
  },
  {
    key: 'fiscal',
    re: new RegExp(`^(其中)?:?(财政)?预算资金(?![总合])${UNIT}`),
    kind: 'part',
    label: '预算资金',
    from: '一、预算资金 (湘潭 2024 项目绩效目标表)',
  },
  {
    key: 'fiscal',
    re: new RegExp(`^(其中)?:?财政资金${UNIT}`),
    kind: 'part',
    label: '财政资金',
    from: '北戴河 seed (其中：财政资金), 兵团 2021',
  },
  {
    key: 'other',
    re: new RegExp(`^(当年)?其他(资金|收入)${UNIT}|^其他(?=[:\\d(]|$)`),
    kind: 'part',
    label: '其他资金',
    from: 'all templates; 其他: (湘潭 2024, 宁乡 2021)',
  },
  {
    key: 'other',
    re: new RegExp(`^(其中)?:?(纳入(预算|专户)管理的)?非税收入(拨款)?${UNIT}`),
    kind: 'part',
    label: '非税收入',
    from: '纳入预算管理的非税收入拨款 (炎陵 2017), 纳入专户管理的非税收入拨款 (南岳 2017)',
  },
  {
    key: 'fiscal',
    re: new RegExp(`^(其中)?:?政府性基金(预算)?拨款${UNIT}`),
    kind: 'part',
    label: '政府性基金拨款',
    from: '炎陵 2017, 南岳 2017 部门整体支出绩效目标申报表',
  },
  {
    key: 'other',
    re: new RegExp(`^(其中)?:?((单位)?自筹(资金)?|自有资金|社会资金)${UNIT}`),
    kind: 'part',
    label: '自筹资金',
    from: '二、自有资金 (湘潭 2024, 宁乡 2021); 自筹资金 (central 申报表)',
  },
  {
    key: 'otherIncome',
    re: new RegExp(`^(事业收入|(事业单位)?经营收入|上级补助收入|附属单位上缴收入|用事业基金弥补收支差额)${UNIT}`),
    kind: 'part',
    label: '事业收入',
    departmentOnly: true,
    from: 'department incomes besides 财政拨款 and 其他资金 (遂溪-like 收入来源)',
  },
  {
    key: 'carryover',
    re: new RegExp(`^(其中)?:?(上年结转(资金)?|结转资金)${UNIT}`),
    kind: 'part',
    label: '上年结转资金',
    from: '兵团 2021 (上年结转资金), department tables',
  },
  {
    // either the whole breakdown or a split of 财政拨款 written under it (sum-mismatch tries both)
    key: 'grant',
    re: new RegExp(
      `^(其中)?:?((中央|省级?|市级?|州级?|县级?|区级?|本级|上级)(财政)?(补助|专项|转移支付|配套|安排)(资金)?|(中央|省级|市级|县级|区级|本级|上级|地方)(财政)?资金|(中央|省级?|市级?|县级?|区级?|本级)$)${UNIT}`,
    ),
    kind: 'part',
    label: '上级补助',
    projectOnly: true,
    from: '中央补助 + 地方资金 (汉阴 2022), 1.中央资金 2.市级资金 (荣昌 2022), 上级资金 (青山区 2020), 中央 | 省级 | 市级资金 | 本级 (南岳 2023)',
  },
  {
    key: 'total',
    re: /^(资金合计|合计|总计)(?![\u4e00-\u9fa5])/,
    kind: 'sum',
    label: '合计',
    projectOnly: true,
    from: 'the total under a vertical list of parts (资金来源 | 金额: 财政拨款 20, 其他资金 5, 合计 25)',
  },

  // ---- department expenses
  {
    key: 'basic',
    re: new RegExp(`^基本支出${UNIT}$`),
    kind: 'expense',
    label: '基本支出',
    departmentOnly: true,
    from: '遂溪 seed, 宁德 2019',
  },
  {
    key: 'projectSpending',
    re: new RegExp(`^项目支出${UNIT}$`),
    kind: 'expense',
    label: '项目支出',
    departmentOnly: true,
    from: '遂溪 seed, 宁德 2019',
  },
  { key: 'development', re: /^事业发展性支出/, kind: 'expenseGroup', label: '事业发展性支出', departmentOnly: true, from: '遂溪 seed' },
  {
    key: 'developmentPart',
    re: /^(财政专项资金|其他事业发展性支出)$/,
    kind: 'expensePart',
    label: '事业发展性支出',
    departmentOnly: true,
    from: '遂溪 seed',
  },

  { key: 'plan', re: /^资金支出计划/, kind: 'plan', label: '资金支出计划', from: '北戴河 seed' },
  {
    key: 'frame',
    re: /^(项目资金|预算规模及资金用途|预算规模|资金用途|预算整体情况|基本信息|部门预算支出|收入来源|预算金额|该项目支出上级资金|上级资金|填报单位|单位:|年度重点工作任务|名称$|主要实施内容|拟投入|期望达到|其他需完成的任务|一级指标|二级指标|三级指标|指标值|绩效指标$|本年度绩效指标)/,
    kind: 'frame',
    label: '',
    from: 'frame labels of the seeds and the central 申报表 (项目资金, 预算规模及资金用途, 年度重点工作任务 …)',
  },
];

/** Fields naming the unit a table belongs to: what a table is known by when its template has no name field. */
export const UNIT_FIELD_KEYS: readonly string[] = ['supervisor', 'applicant', 'implementer', 'budgetDepartment'];

/** The name labels that anchor a table (project and department), for detection. */
export const PROJECT_NAME_RE = FIELD_DEFS.find((d) => d.key === 'projectName')!.re;
export const DEPARTMENT_NAME_RE = FIELD_DEFS.find((d) => d.key === 'departmentName')!.re;

/**
 * Scopes of amounts and goals in one template (docs/rules.md, "scope pairs"): a county unit fills the one that
 * applies to it.
 */
export const SCOPES: readonly { scope: string; re: RegExp; from: string }[] = [
  { scope: '中期', re: /^(中期|实施期)/, from: 'central 申报表 (中期资金总额, 中期目标), 东莞 2019 批复表' },
  { scope: '含本级和市县', re: /含本级和市县/, from: '宁夏 seed' },
  { scope: '含本级', re: /含本级/, from: '宁夏 seed' },
];
