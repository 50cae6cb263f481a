/**
 * The checker on realistic tables it was not developed on (built in ./unseen-tables.ts with exceljs, merged the
 * way the official templates are, read back with the CLI's reader). Clean tables: found with their name, layout
 * and exact range, and no error or warning (hints only where the table earns them). Tables with one deliberate
 * problem: exactly that finding, on the right cell, and nothing else.
 */
import * as ExcelJS from 'exceljs';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import type { Profile } from '../../src/core/config';
import type { CheckResult } from '../../src/core/findings';
import type { Indicator } from '../../src/core/model';
import { formatSuffix, isPercentFormat, numberCellValue } from '../../src/core/cellvalue';
import { valueInName } from '../../src/core/rules/missing-value';
import { valueProblems } from '../../src/core/rules/value-format';
import { parseValue, unitFromName } from '../../src/core/value';
import { rectToA1 } from '../fixtures/layouts';
import * as U from './unseen-tables';

type Rect = ReturnType<typeof U.put>;
/** Lays tables out on a new workbook; returns the sheets' expected tables as "sheet!range layout name". */
type Build = (wb: ExcelJS.Workbook) => string[];

async function run(
  build: Build,
  profile: Profile = 'LOCAL',
): Promise<{ r: CheckResult; want: string[]; tables: ReturnType<typeof parseWorkbook> }> {
  const wb = new ExcelJS.Workbook();
  const want = build(wb);
  const grid = await readWorkbookGrid(await U.bufferOf(wb));
  return { r: checkWorkbook(grid, { profile }), want, tables: parseWorkbook(grid, { profile }) };
}

const at = (ws: ExcelJS.Worksheet, rect: Rect, layout: string, name: string) => `${ws.name}!${rectToA1(rect)} ${layout} ${name}`;

/** One table on its own sheet at (top, left). */
const one =
  (block: U.Block | (() => U.Block), layout: string, name: string, top = 1, left = 1): Build =>
  (wb) => {
    const ws = wb.addWorksheet('绩效目标表');
    return [at(ws, U.put(ws, top, left, typeof block === 'function' ? block() : block), layout, name)];
  };

const tablesOf = (r: CheckResult) => r.tables.map((t) => `${t.sheet}!${t.range} ${t.layout} ${t.name}`);
const findingsOf = (r: CheckResult) => r.findings.map((f) => `${f.severity} ${f.code} ${f.sheet}!${f.cell}`);

interface CleanCase {
  title: string;
  build: Build;
  profile?: Profile;
  /** Named 三级 indicators per table. */
  indicators: number[];
  /** The hints (info) this table earns; no error or warning ever. */
  infos?: string[];
}

const CLEAN: CleanCase[] = [
  {
    title: 'U01 C2021: 成本指标 as a 一级 with 经济成本指标, checked as C2021',
    build: one(U.u01C2021, 'A', '政务信息系统运维经费'),
    profile: 'C2021',
    indicators: [7],
  },
  { title: 'U01 the same table checked as LOCAL', build: one(U.u01C2021, 'A', '政务信息系统运维经费'), indicators: [7] },
  {
    title: 'U01b C2021: 社会成本/生态环境成本 written as text are not amounts ("无明显影响" is no vague value)',
    build: one(U.u01bCosts, 'A', '乡镇污水处理设施运维经费'),
    profile: 'C2021',
    indicators: [8],
  },
  { title: 'U01b the same table checked as LOCAL', build: one(U.u01bCosts, 'A', '乡镇污水处理设施运维经费'), indicators: [8] },
  {
    title: 'U02 at C3 below a title and a 单位：万元 line, full-width colons and brackets, >= and <=',
    build: one(U.u02Offset, 'A', '农村人居环境整治经费', 3, 3),
    indicators: [6],
  },
  {
    title: 'U03 amounts 35万 / 200000元 / 15 / 11.50, 万亩 and 公斤, 9月底前',
    build: one(U.u03Amounts, 'A', '高标准农田建设管护经费'),
    indicators: [6],
  },
  {
    title: 'U04 三级 merged over two columns, 指标值 merged over two columns, 一级/二级 merged vertically, 20万头(只)',
    build: one(U.u04WideMerges, 'A', '动物疫病防控经费'),
    indicators: [8],
  },
  {
    title: 'U05 效果指标, 满意度指 cut short, 成本指标 under 产出 (LOCAL)',
    build: one(U.u05OldNames, 'A', '农村饮水安全维修养护经费'),
    indicators: [7],
  },
  {
    title: 'U06 部门整体: incomes beside expenses, 事业发展性支出 with its amount, tasks with a calculation, numbers as numbers',
    build: one(U.u06Department, 'D', '某县农业农村局'),
    indicators: [8],
  },
  {
    title: 'U07 layout B with 资金支出计划 3月底/6月底/9月底/12月底 and 11月底前',
    build: one(() => U.u07Plan(), 'B', '基层农技推广体系改革与建设补助项目'),
    indicators: [6],
  },
  {
    title: 'U07b 资金支出计划 3月底/6月底/10月底/12月底 in percent-formatted cells',
    build: one(
      () =>
        U.u07Plan(
          [0.2, 0.45, 0.7, 1].map((v) => ({ v, numFmt: '0%' })),
          ['3月底', '6月底', '10月底', '12月底'],
        ),
      'B',
      '基层农技推广体系改革与建设补助项目',
    ),
    indicators: [6],
  },
  {
    title: 'U07c 资金支出计划 by quarter, written as text with %',
    build: one(
      () => U.u07Plan(['25%', '50%', '80%', '100%'], ['一季度', '二季度', '三季度', '四季度']),
      'B',
      '基层农技推广体系改革与建设补助项目',
    ),
    indicators: [6],
  },
  {
    title: 'U08 two tables stacked with a single blank row between them',
    build: (wb) => {
      const ws = wb.addWorksheet('多表');
      const a = U.put(ws, 1, 1, U.small('党员教育经费', 6));
      const b = U.put(ws, a.bottom + 2, 1, U.small('党建宣传经费', 4));
      return [at(ws, a, 'A', '党员教育经费'), at(ws, b, 'A', '党建宣传经费')];
    },
    indicators: [6, 6],
  },
  {
    title: 'U08b two tables side by side, one empty column between them',
    build: (wb) => {
      const ws = wb.addWorksheet('并排');
      const a = U.put(ws, 1, 1, U.small('党员教育经费', 6));
      const b = U.put(ws, 1, a.right + 2, U.small('党建宣传经费', 4));
      return [at(ws, a, 'A', '党员教育经费'), at(ws, b, 'A', '党建宣传经费')];
    },
    indicators: [6, 6],
  },
  {
    title: 'U08c side by side and stacked: two columns of two tables each',
    build: (wb) => {
      const ws = wb.addWorksheet('四表');
      const a = U.put(ws, 2, 2, U.small('党员教育经费', 6));
      const b = U.put(ws, 2, a.right + 3, U.small('党建宣传经费', 4));
      const c = U.put(ws, a.bottom + 2, 2, U.small('老干部活动经费', 5));
      const d = U.put(ws, b.bottom + 3, b.left, U.small('机关工委工作经费', 3));
      return [
        at(ws, a, 'A', '党员教育经费'),
        at(ws, c, 'A', '老干部活动经费'),
        at(ws, b, 'A', '党建宣传经费'),
        at(ws, d, 'A', '机关工委工作经费'),
      ];
    },
    indicators: [6, 6, 6, 6],
  },
  {
    title: 'U08d a table with 备注 and a signature line, one blank row, then the next table',
    build: (wb) => {
      const ws = wb.addWorksheet('多表');
      const a = U.put(ws, 1, 1, U.u09Notes());
      const b = U.put(ws, a.bottom + 2, 1, U.u09Signature());
      return [at(ws, a, 'A', '农业执法装备购置经费'), at(ws, b, 'A', '农机购置补贴工作经费')];
    },
    indicators: [6, 6],
  },
  {
    title: 'U09 备注 and 填报说明 rows and a signature line under the table',
    build: one(U.u09Notes, 'A', '农业执法装备购置经费'),
    indicators: [6],
  },
  {
    title: 'U09b only a signature line (单位负责人/填表人/联系电话) under the table',
    build: one(U.u09Signature, 'A', '农机购置补贴工作经费'),
    indicators: [6],
  },
  {
    title: 'U09c indicators named 联系电话畅通率 / 负责人到岗率 are no signature line',
    build: one(U.u09cNames, 'A', '12345政务服务热线运行经费'),
    indicators: [8],
  },
  {
    title: 'U10 numbers as numbers with the unit in the name, 95%-formatted 0.95, ≥95% ≤5万元 100% 按期完成 12月底前 ≥3次 优良 =100%',
    build: one(U.u10Values, 'A', '新型职业农民培训经费'),
    indicators: [12],
  },
  {
    title: 'U11 layout C at B2 (年度本级预算金额 85万元, 指标值及单位, 绩效标准)',
    build: one(U.u11LayoutC, 'C', '农村公路养护经费', 2, 2),
    indicators: [7],
  },
  {
    title: 'U12 budget-system export: 指标性质 | 指标值 | 度量单位, the unit in its own column',
    build: one(U.u12UnitColumn, '?', '耕地地力保护补贴'),
    indicators: [6],
    infos: ['info vague-value 绩效目标表!E10'],
  },
  {
    title: 'U12b the same with a 指标方向 column (≥ / = / 定性) before 指标值 and the unit in 计量单位',
    build: one(U.u12Direction, '?', '耕地地力保护补贴'),
    indicators: [6],
    infos: ['info vague-value 绩效目标表!E10'],
  },
  {
    title: 'U13 a two-row indicator header (绩效指标 merged above 一级指标…), amounts as numbers',
    build: one(U.u13TwoRowHeader, 'A', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  {
    title: 'U14 部门整体 with 财政拨款收入 / 其他收入 labels',
    build: one(() => U.u14DeptIncome(), 'D', '某县林业和草原局'),
    indicators: [5],
  },
  {
    title: 'U15 amounts in 元 (金额单位：元, 项目资金（元）), a formula total, 成本 in 元 adding up',
    build: one(U.u15Yuan, 'A', '村级公益事业一事一议奖补资金'),
    indicators: [7],
  },
  {
    title: 'U16 a 填表说明 sheet of instructions before the table sheet',
    build: (wb) => {
      U.put(wb.addWorksheet('填表说明'), 1, 1, U.u16Instructions);
      const ws = wb.addWorksheet('项目1');
      return [at(ws, U.put(ws, 1, 1, U.small('老干部活动经费', 5)), 'A', '老干部活动经费')];
    },
    indicators: [6],
  },
  {
    title: 'U17 one 指标值 merged down over two 满意度 indicators, a number in the custom format 0"%"',
    build: one(U.u17SharedValue, 'A', '老年大学办学经费'),
    indicators: [7],
  },
  {
    title:
      'U18 the central 部门（单位）整体支出绩效目标申报表: 预算金额 split into 总额 | 财政拨款 | 其他资金, 金额合计, 年度总体目标 below the tasks',
    build: one(U.u18CentralDept, 'D', '某市生态环境局'),
    profile: 'C2021',
    indicators: [6],
  },
  {
    title: 'U19 the central 项目支出绩效目标申报表: 中期 | 年度 funds, goals and indicator areas side by side (一级 shared)',
    build: one(() => U.u19CentralProject(), 'A', '森林防火能力提升项目'),
    indicators: [12],
  },
  {
    title: 'U19b the same with a 一级指标 column in each area',
    build: one(() => U.u19CentralProject(true), 'A', '森林防火能力提升项目'),
    indicators: [12],
  },
  {
    title: 'U21 units in the labels (基本支出（万元）, 其他资金（万元）), incomes 一般公共预算财政拨款 + 政府性基金预算财政拨款',
    build: one(U.u21UnitLabels, 'D', '某县林业和草原局'),
    indicators: [5],
  },
  {
    title: 'U20 财政拨款 + 自筹资金 / 单位自筹, goal texts stating a total and its breakdown (其中…)',
    build: one(U.u20SelfRaised, 'A', '乡村道路硬化工程'),
    indicators: [6],
  },
  {
    title: 'U22 labels broken inside the cell (年度资金\\n总额, 三级\\n指标, 指标值\\n（含单位）), two-row indicator header',
    build: one(U.u22LineBreaks, 'A', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  {
    title: 'U22b layout A with line breaks in header labels and label+value money cells',
    build: one(U.u22bLineBreaksA, 'A', '村级组织运转经费'),
    indicators: [6],
  },
  {
    title: 'U22c line breaks inside 一级/二级 labels, names and values (产出\\n指标, ≥95%\\n（含）)',
    build: one(U.u22cBrokenCategories, 'A', '农村文化活动经费'),
    indicators: [6],
  },
  {
    title: 'U25c separate amount cells: 1,200.00 as text, 1,000.00 as a #,##0.00 number, 200.00',
    build: one(U.u25cSeparateCells, 'A', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  {
    title: 'U23 numbered categories: 一、产出指标 （一）数量指标 1、质量指标 (1)时效指标 1.成本指标',
    build: one(U.u23Numbered, 'A', '基层公共文化服务经费'),
    indicators: [6],
  },
  {
    title: 'U23b numbered categories with digits: 1.产出指标 / 1.数量指标',
    build: one(U.u23bDigits, 'A', '全民健身活动经费'),
    indicators: [5],
  },
  {
    title: 'U24 full-width digits and signs: ≥９５％ １００％ ＞＝90% ≥ 95 % ≥95 ％, amounts １５',
    build: one(U.u24FullWidth, 'A', '学生资助管理经费'),
    indicators: [8],
  },
  {
    title: 'U25 thousands separators: 1,200.00万元 = 1,000.00 + 200, ≤1,200.00万元, ≥1,500人',
    build: one(() => U.u25Thousands(), 'A', '农村供水工程建设补助资金'),
    indicators: [7],
  },
  {
    title: 'U25b amounts in 元 typed as text with separators: 350,000 = 300,000 + 50,000.00',
    build: one(U.u25bYuanText, 'A', '村级公益事业一事一议奖补资金'),
    indicators: [7],
  },
  {
    title: 'U26 hidden rows and a hidden column holding normal content are read like any other',
    build: (wb) => {
      const ws = wb.addWorksheet('绩效目标表');
      const a = U.put(ws, 1, 1, U.small('党员教育经费', 6));
      ws.getRow(6).hidden = true;
      ws.getRow(11).hidden = true;
      ws.getColumn(3).hidden = true;
      return [at(ws, a, 'A', '党员教育经费')];
    },
    indicators: [6],
  },
  {
    title: 'U27 leading/trailing spaces, U+00A0 and U+3000 in labels and values',
    build: one(U.u27Spaces, 'A', '社区卫生服务补助经费'),
    indicators: [6],
  },
  {
    title: 'U28 指标值（%） in the header, rates typed as numbers',
    build: one(() => U.u28HeaderUnit(), 'A', '义务教育营养改善计划经费'),
    indicators: [6],
  },
  {
    title: 'U29 comparators in words: 90%以上 不低于90% 不少于3次 不超过5万元 ≤5个工作日内',
    build: one(U.u29Words, 'A', '法律援助工作经费'),
    indicators: [8],
  },
  // Round 3: templates from other provinces and budget systems
  {
    title: 'U30 a 分值 column right of 指标值 holding scores (20, 10, 30)',
    build: one(() => U.u30Score(), 'A', '农村环境综合整治经费'),
    indicators: [6],
  },
  {
    title: 'U30b a 权重(分) column right of 指标值',
    build: one(() => U.u30Score('权重(分)'), 'A', '农村环境综合整治经费'),
    indicators: [6],
  },
  { title: 'U30c a 权重 column right of 指标值', build: one(() => U.u30Score('权重'), 'A', '农村环境综合整治经费'), indicators: [6] },
  {
    title: 'U31 the unit in a column headed 单位 right of 指标值',
    build: one(() => U.u31UnitColumn(), 'A', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  { title: 'U31b 指标值 + 计量单位', build: one(() => U.u31UnitColumn('计量单位'), 'A', '乡村振兴衔接资金项目管理费'), indicators: [6] },
  {
    title: 'U32 年度资金总额 30 = 财政拨款 20 + 上级补助 5 + 其他资金 5',
    build: one(() => U.u32ThreeParts(), 'A', '农村危房改造补助经费'),
    indicators: [6],
  },
  {
    title: 'U32b 年度资金总额 100 = 中央补助 60 + 省级补助 30 + 县级配套 10 in separate cells',
    build: one(() => U.u32bLevels(), 'A', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  {
    title: 'U33 部门整体 with 部门（单位）名称 and the title 2025年度部门整体支出绩效目标表',
    build: one(U.u33DeptUnitName, 'D', '某县林业和草原局'),
    indicators: [5],
  },
  {
    title: 'U34 资金支出计划 as cumulative amounts in 万元 (5/10/15/20 of 20)',
    build: one(() => U.u34PlanAmounts(), 'B', '基层农技推广体系改革与建设补助项目'),
    indicators: [6],
  },
  {
    title: 'U34b 资金支出计划 as cumulative % with decimals (10.0% 33.3% 66.7% 100.0%)',
    build: one(() => U.u07Plan(['10.0%', '33.3%', '66.7%', '100.0%']), 'B', '基层农技推广体系改革与建设补助项目'),
    indicators: [6],
  },
  {
    title: 'U34c 资金支出计划 as numbers with decimals (33.3 66.7 100.0 100)',
    build: one(() => U.u07Plan([10.5, 33.3, 66.7, 100]), 'B', '基层农技推广体系改革与建设补助项目'),
    indicators: [6],
  },
  {
    title: 'U35 指标值 formulas with a text or a number as cached result',
    build: one(U.u35Formulas, 'A', '村级组织运转经费'),
    indicators: [6],
  },
  {
    title: 'U36 a hidden table sheet next to a visible empty one',
    build: (wb) => {
      wb.addWorksheet('Sheet1');
      const ws = wb.addWorksheet('绩效目标表', { state: 'hidden' });
      return [at(ws, U.put(ws, 1, 1, U.small('党员教育经费', 6)), 'A', '党员教育经费')];
    },
    indicators: [6],
  },
  {
    title: 'U36b a 封面 (cover) sheet with a title and a date before the table sheet',
    build: (wb) => {
      U.put(wb.addWorksheet('封面'), 1, 1, U.u36Cover);
      const ws = wb.addWorksheet('绩效目标表');
      return [at(ws, U.put(ws, 1, 1, U.small('党员教育经费', 6)), 'A', '党员教育经费')];
    },
    indicators: [6],
  },
  {
    title: 'U37 a 序号 column (1, 2, 3 …) before 一级指标',
    build: one(() => U.u37SerialColumn(), 'A', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  {
    title: 'U37b a 序号 column without a header',
    build: one(() => U.u37SerialColumn(null), 'A', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  {
    title: 'U36c a cover sheet with 项目名称：… 申报单位：… 填报日期：… lines before the table sheet',
    build: (wb) => {
      U.put(wb.addWorksheet('封面'), 1, 1, U.u36cCoverFields);
      const ws = wb.addWorksheet('绩效目标表');
      return [at(ws, U.put(ws, 1, 1, U.small('农村环境整治经费', 6)), 'A', '农村环境整治经费')];
    },
    indicators: [6],
  },
  {
    title: 'U30d a 分值（分） column right of 指标值',
    build: one(() => U.u30Score('分值（分）'), 'A', '农村环境综合整治经费'),
    indicators: [6],
  },
  // Round 4: goal texts and values reviewers see every day
  {
    title: 'U40 goal text with numbered items and amounts (10 + 8 万元) within the budget of 20',
    build: one(() => U.u40NumberedGoal(), 'A', '基层农技人员能力提升经费'),
    indicators: [6],
  },
  {
    title: 'U41 rates and years that are no totals: 人均补助1200元/年 每人每月640元 2025年底前 提高10% 覆盖率达95%以上 较2024年增长5%',
    build: one(U.u41Rates, 'A', '困难群众基本生活救助资金'),
    indicators: [8],
  },
  {
    title: 'U42 ranges and compound values: 90%-95% 3-5次 ≥90%且≤100% 95%～100% 不低于上年 持续提升（≥5%）',
    build: one(U.u42Ranges, 'A', '中小学校园安全管理经费'),
    indicators: [8],
  },
  {
    title: 'U43 accepted qualitative values: 达到国家标准 合格 是 无 0起 良好 符合要求 按合同约定',
    build: one(() => U.u43Qualitative(), 'A', '乡镇污水处理厂运营经费'),
    indicators: [11],
  },
  {
    title: 'U43b 进一步提升 / 有所提高 earn a vague-value hint each, nothing else',
    build: one(() => U.u43Qualitative(true), 'A', '乡镇污水处理厂运营经费'),
    indicators: [11],
    infos: ['info vague-value 绩效目标表!E18', 'info vague-value 绩效目标表!E19'],
  },
  {
    title: 'U44 时效 as an Excel date (yyyy-mm-dd), 2025年6月30日前, 2025.06.30, 6月底前完成',
    build: one(() => U.u44Dates(), 'A', '农村公路安全生命防护工程'),
    indicators: [9],
  },
  {
    title: 'U44b 时效 as an Excel date in the format yyyy"年"m"月"d"日"',
    build: one(() => U.u44Dates('yyyy"年"m"月"d"日"'), 'A', '农村公路安全生命防护工程'),
    indicators: [9],
  },
  {
    title: 'U45 a vertical funds list 资金来源 | 金额（万元）: 财政拨款 20, 其他资金 5, 合计 25',
    build: one(() => U.u45FundsList(), '?', '乡村振兴衔接资金项目管理费'),
    indicators: [6],
  },
  {
    title: 'U46 部门整体 with 年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元）',
    build: one(U.u46DeptTasks, 'D', '某县农业农村局'),
    indicators: [8],
  },
  {
    title: 'U47 header fields 项目负责人 联系电话 项目类型 资金性质 项目起止时间 between the usual ones',
    build: one(U.u47HeaderFields, 'A', '农村集体产权制度改革工作经费'),
    indicators: [6],
  },
  // Round 5: 部门整体 (department) tables and task calculations
  {
    title:
      'U50 部门整体 in the 遂溪 layout: 基本支出 600.02 + 项目支出 105.5 = 财政拨款 685.52 + 其他资金 20; task calculations 2人×12月×3000元=7.2万元 10场×0.5万元/场=5万元 50人*200元/人=1万元; values ≥98% 100% ≤12月 按时完成 零事故 ≥上年水平',
    build: one(() => U.u50Suixi(), 'D', '某县司法局'),
    indicators: [11],
    infos: ['info vague-value 绩效目标表!E27'],
  },
  {
    title: 'U50b the 遂溪 layout with 其他事业发展性支出 filled (500.02 + 105.5 + 100)',
    build: one(() => U.u50Suixi({ basic: 500.02, dev: 100 }), 'D', '某县司法局'),
    indicators: [11],
    infos: ['info vague-value 绩效目标表!E27'],
  },
  {
    title: 'U50c 部门整体 with 成本指标 as a 一级 (C2021), checked as C2021',
    build: one(() => U.u50Suixi({ indicators: U.DEPT_C2021 }), 'D', '某县司法局'),
    profile: 'C2021',
    indicators: [11],
    infos: ['info vague-value 绩效目标表!E27'],
  },
  {
    title: 'U50d 部门整体 with 成本指标 under 产出 (LOCAL), checked as LOCAL',
    build: one(() => U.u50Suixi({ name: '某县市场监督管理局' }), 'D', '某县市场监督管理局'),
    profile: 'LOCAL',
    indicators: [11],
    infos: ['info vague-value 绩效目标表!E27'],
  },
  {
    title: 'U51 拟投入 7.20 / 5万元 / 10000元 / 5.00 / 50000元 / empty, 14996元 vs 1.5 (agrees as written), a 合计 row 24.7',
    build: one(U.u51TaskAmounts, 'D', '某县司法局'),
    indicators: [11],
    infos: ['info vague-value 绩效目标表!E31'],
  },
  {
    title: 'U52 incomes 财政拨款 (其中：上年结转) + 事业收入 + 其他资金 equal the expenses',
    build: one(() => U.u52CarryOver(), 'D', '某县司法局'),
    indicators: [11],
    infos: ['info vague-value 绩效目标表!E27'],
  },
];

describe('clean tables the checker has never seen', () => {
  test.each(CLEAN.map((c) => [c.title, c] as const))('%s', async (_, c) => {
    const { r, want } = await run(c.build, c.profile);
    expect(tablesOf(r)).toEqual(want);
    expect(r.tables.map((t) => t.indicators)).toEqual(c.indicators);
    expect(findingsOf(r)).toEqual(c.infos ?? []);
  });

  test('U06 部门整体: incomes, expenses and tasks are read (the sums are checked, not skipped)', async () => {
    const { tables } = await run(one(U.u06Department, 'D', '某县农业农村局'));
    const t = tables[0];
    expect(t.incomes.map((i) => `${i.label} ${i.amount}`)).toEqual(['财政拨款 450.5', '其他资金 49.5']);
    expect(t.expenses.map((i) => `${i.label} ${i.amount}`)).toEqual(['基本支出 300', '项目支出 150', '事业发展性支出 50']);
    expect(t.tasks.map((x) => `${x.name} ${x.amount}`)).toEqual([
      '任务1:农技人员培训 10',
      '任务2:农产品质量安全抽检 40',
      '任务3:乡村振兴示范村建设 100',
    ]);
  });

  test('U51/U52 部门整体: 拟投入 in any writing is read in 万元, 合计 is no task, 其中：上年结转 is no extra income', async () => {
    const t = (await run(one(U.u51TaskAmounts, 'D', '某县司法局'))).tables[0];
    expect(t.tasks.map((x) => x.amount)).toEqual(['7.20', '5', '1', '1.5', '5.00', null, '5']);
    const c = (await run(one(() => U.u52CarryOver(), 'D', '某县司法局'))).tables[0];
    expect(c.incomes.map((i) => `${i.label} ${i.amount}`)).toEqual(['财政拨款 620.52', '事业收入 65', '其他资金 20']);
  });

  test('U15 amounts in 元 are read in 万元', async () => {
    const { tables } = await run(one(U.u15Yuan, 'A', '村级公益事业一事一议奖补资金'));
    expect(tables[0].funds.map((g) => [g.total?.amount, ...g.parts.map((p) => p.amount)])).toEqual([['35', '30', '5']]);
  });

  test('U18 the tasks of the central department table are read from the 总额 column, 金额合计 is no task', async () => {
    const { tables } = await run(one(U.u18CentralDept, 'D', '某市生态环境局'), 'C2021');
    expect(tables[0].tasks.map((x) => `${x.name} ${x.amount}`)).toEqual(['大气污染防治 300', '水环境监测 150', '机关运行保障 550']);
    expect(tables[0].goals.map((g) => g.text)).toEqual(['空气质量优良天数比率、地表水优良水体比例完成省定目标,保障机关正常运转。']);
  });

  test('U19 both indicator areas are read, each under its own 一级 (the shared column) and money', async () => {
    const { tables } = await run(one(() => U.u19CentralProject(), 'A', '森林防火能力提升项目'));
    const t = tables[0];
    expect(t.funds.map((g) => `${g.total?.label} ${g.total?.amount} = ${g.parts.map((p) => p.amount).join('+')}`)).toEqual([
      '中期资金总额 300 = 300+0',
      '年度资金总额 100 = 100+0',
    ]);
    expect(t.indicators.filter((i) => i.area === 1).map((i) => `${i.level1}/${i.level2}/${i.name}=${i.rawValue}`)).toEqual([
      '产出指标/数量指标/防火通道建设里程=≥30公里',
      '产出指标/质量指标/工程验收合格率=100%',
      '产出指标/时效指标/年度工程完工时间=12月底前',
      '产出指标/成本指标/通道建设成本=≤100万元',
      '效益指标/生态效益指标/森林火灾受害率=≤0.9‰',
      '满意度指标/服务对象满意度指标/林区群众满意度=≥90%',
    ]);
  });

  test('U17 the shared value is the value of both indicators, the 0"%" number reads 95%', async () => {
    const { tables } = await run(one(U.u17SharedValue, 'A', '老年大学办学经费'));
    const byName = new Map(tables[0].indicators.map((i) => [i.name, i]));
    expect(byName.get('任课教师满意度')?.rawValue).toBe('≥90%');
    expect(byName.get('任课教师满意度')?.valueCell).toEqual(byName.get('学员满意度')?.valueCell);
    expect(byName.get('活动覆盖率')?.rawValue).toBe('95%');
  });

  test.each([
    [
      'U24 full-width digits',
      U.u24FullWidth,
      [
        ['15', '15'],
        ['15', '15'],
      ],
    ],
    [
      'U25 thousands separators',
      () => U.u25Thousands(),
      [
        ['1200.00', '1000.00', '200'],
        ['1200.00', '1000.00', '200'],
      ],
    ],
    ['U25b 元 with separators', U.u25bYuanText, [['35', '30', '5']]],
    ['U25c separate cells', U.u25cSeparateCells, [['1200.00', '1000', '200.00']]],
    [
      'U22c line breaks',
      U.u22cBrokenCategories,
      [
        ['6', '6'],
        ['6', '6'],
      ],
    ],
    [
      'U27 NBSP and ideographic spaces',
      U.u27Spaces,
      [
        ['40', '40'],
        ['40', '40'],
      ],
    ],
  ] as [string, U.Block | (() => U.Block), string[][]][])('%s: the money is read, not skipped', async (_, block, want) => {
    const { tables } = await run(one(block, 'A', ''));
    const got = tables[0].funds.map((g) =>
      [g.total?.amount, ...g.parts.map((p) => p.amount)].filter((x) => x !== null && x !== undefined).map(String),
    );
    expect(got.map((g) => g.map((x) => String(Number(x))))).toEqual(want.map((g) => g.map((x) => String(Number(x)))));
  });

  test('U28 the unit of the 指标值（%） header is the unit of the numbers below it', async () => {
    const { tables } = await run(one(() => U.u28HeaderUnit(), 'A', ''));
    expect(tables[0].indicators.map((i) => `${i.name} ${i.rawValue}${i.value.unit || i.nameUnit}`)).toEqual([
      '受益学生人数 ≥3000人人',
      '供餐率 100%',
      '食品安全抽检合格率 95%',
      '补助资金拨付及时率 100%',
      '学生营养状况改善率 90%',
      '学生家长满意度 90%',
    ]);
  });

  test('U23 numbered category labels are read as their categories', async () => {
    const { tables } = await run(one(U.u23Numbered, 'A', ''));
    expect([...new Set(tables[0].indicators.map((i) => `${i.level1}/${i.level2}`))]).toEqual([
      '产出指标/数量指标',
      '产出指标/质量指标',
      '产出指标/时效指标',
      '产出指标/成本指标',
      '效益指标/社会效益指标',
      '满意度指标/服务对象满意度指标',
    ]);
  });

  test('U16 the instructions sheet holds no table', async () => {
    const { r } = await run(CLEAN.find((c) => c.title.startsWith('U16'))!.build);
    expect(r.sheetsWithoutTables).toEqual(['填表说明']);
  });

  test.each([
    ['U30 分值', () => U.u30Score()],
    ['U30b 权重(分)', () => U.u30Score('权重(分)')],
  ] as [string, () => U.Block][])('%s: the scores right of 指标值 are never taken as values', async (_, block) => {
    const { tables } = await run(one(block, 'A', ''));
    expect(tables[0].indicators.map((i) => `${i.name}=${i.rawValue}@${i.valueCell.col}`)).toEqual([
      '开展活动次数=≥3次@4',
      '活动完成率=100%@4',
      '活动完成时间=12月底前@4',
      '农村环境综合整治经费=≤20万元@4',
      '活动覆盖率=≥95%@4',
      '参与人员满意度=≥90%@4',
    ]);
  });

  test.each(['单位', '计量单位'])('U31 the unit in a column headed %s reaches the value', async (head) => {
    const { tables } = await run(one(() => U.u31UnitColumn(head), 'A', ''));
    expect(tables[0].indicators.map((i) => `${i.rawValue}${i.value.unit || i.nameUnit || ''}`)).toEqual([
      '≥4次',
      '100%',
      '2024年12月31日前',
      '≤10万元',
      '500元/人',
      '≥90%',
    ]);
  });

  test.each([
    [
      'U32 财政拨款 + 上级补助 + 其他资金',
      () => U.u32ThreeParts(),
      '年度资金总额(含本级和市县) 30 = 财政拨款 20 + 上级补助 5 + 其他资金 5',
    ],
    ['U32b 中央补助 + 省级补助 + 县级配套', () => U.u32bLevels(), '年度资金总额 100 = 中央补助 60 + 省级补助 30 + 县级配套 10'],
  ] as [string, () => U.Block, string][])('%s: every part is read (and the sum checked)', async (_, block, want) => {
    const { tables } = await run(one(block, 'A', ''));
    const g = tables[0].funds[0];
    expect(`${g.total?.label} ${g.total?.amount} = ${g.parts.map((p) => `${p.label} ${p.amount}`).join(' + ')}`).toBe(want);
  });

  test('U32c 上级补助 written under 财政拨款 as a split of it is no false alarm', async () => {
    const { r } = await run(one(() => U.u32ThreeParts(['其中:财政拨款25', '上级补助 20', '其他资金5']), 'A', '农村危房改造补助经费'));
    expect(findingsOf(r)).toEqual([]);
  });

  test.each([
    ['U34 amounts in 万元 (label 资金支出计划（万元）)', () => U.u34PlanAmounts(), ['25', '50', '75', '100']],
    [
      'U34d amounts without a unit in the label, ending at the budget',
      () => {
        const b = U.u34PlanAmounts([4, 10, 16, 20]);
        b.rows[5][0] = '资金支出计划';
        return b;
      },
      ['20', '50', '80', '100'],
    ],
    ['U34b decimals with %', () => U.u07Plan(['10.0%', '33.3%', '66.7%', '100.0%']), ['10.0', '33.3', '66.7', '100.0']],
  ] as [string, () => U.Block, string[]][])('%s: the plan is read as cumulative percent', async (_, block, want) => {
    const { r, tables } = await run(one(block, 'B', ''));
    expect(tables[0].spendingPlan?.points.map((p) => p.percent)).toEqual(want);
    expect(findingsOf(r)).toEqual([]);
  });

  test('U35 formulas in 指标值 are read as their cached results', async () => {
    const { tables } = await run(one(U.u35Formulas, 'A', ''));
    expect(tables[0].indicators.slice(0, 4).map((i) => i.rawValue)).toEqual(['3', '≥95%', '12月底前', '≤30万元']);
  });

  test('U36b/U36c the cover sheet holds no table; U36 the hidden sheet is read', async () => {
    for (const id of ['U36b', 'U36c']) {
      const cover = await run(CLEAN.find((c) => c.title.startsWith(id))!.build);
      expect(cover.r.sheetsWithoutTables).toEqual(['封面']);
    }
    const hidden = await run(CLEAN.find((c) => c.title.startsWith('U36 '))!.build);
    expect(hidden.r.tables.map((t) => t.sheet)).toEqual(['绩效目标表']);
  });

  test.each(['序号', null])('U37 with a 序号 column (header %s) the names and values are read from their own columns', async (head) => {
    const { tables } = await run(one(() => U.u37SerialColumn(head), 'A', ''));
    expect(tables[0].indicators.map((i) => `${i.level1}/${i.level2}/${i.name}=${i.rawValue}@${i.nameCell.col}:${i.valueCell.col}`)).toEqual(
      [
        '产出指标/数量指标/项目检查次数=≥4次@3:4',
        '产出指标/质量指标/项目按期完工率=100%@3:4',
        '产出指标/时效指标/项目验收完成时间=2024年12月31日前@3:4',
        '产出指标/成本指标/项目管理费=≤10万元@3:4',
        '效益指标/经济效益指标/带动脱贫人口增收=≥500元/人@3:4',
        '满意度指标/服务对象满意度指标/受益群众满意度=≥90%@3:4',
      ],
    );
  });

  test('U40 the goal amounts are read and checked (10 + 8 ≤ 20), not skipped', async () => {
    const { r } = await run(one(() => U.u40NumberedGoal(17), 'A', ''));
    expect(findingsOf(r)).toEqual(['warning text-amount-mismatch 绩效目标表!C8', 'warning text-amount-mismatch 绩效目标表!D8']);
  });

  test('U43b the vague-value hints say what is missing', async () => {
    const { r } = await run(one(() => U.u43Qualitative(true), 'A', ''));
    expect(r.findings.map((f) => f.message)).toEqual([
      '三级指标「区域水环境质量」的指标值「进一步提升」没有可衡量的标准，建议写明具体数值或达到的程度',
      '三级指标「运维管理制度」的指标值「有所提高」没有可衡量的标准，建议写明具体数值或达到的程度',
    ]);
  });

  test('U44 the Excel date reads as a date', async () => {
    const { tables } = await run(one(() => U.u44Dates(), 'A', ''));
    expect(tables[0].indicators.filter((i) => i.level2 === '时效指标').map((i) => i.rawValue)).toEqual([
      '2025-06-30',
      '2025年6月30日前',
      '2025.06.30',
      '6月底前完成',
    ]);
  });

  test('U45 the vertical funds list is read: 合计 is the total of the parts above it', async () => {
    const { tables } = await run(one(() => U.u45FundsList(), '?', ''));
    expect(
      tables[0].funds.map((g) => `${g.total?.label} ${g.total?.amount} = ${g.parts.map((p) => `${p.label} ${p.amount}`).join(' + ')}`),
    ).toEqual(['合计 25 = 财政拨款 20 + 其他资金 5']);
  });

  test('U46 the 年度主要任务 block is read with its amounts', async () => {
    const { tables } = await run(one(U.u46DeptTasks, 'D', ''));
    expect(tables[0].tasks.map((x) => `${x.name} ${x.amount}`)).toEqual([
      '农技人员培训 10',
      '农产品质量安全抽检 40',
      '乡村振兴示范村建设 100',
    ]);
  });

  test('U47 the extra header fields are neither money nor indicators', async () => {
    const { tables } = await run(one(U.u47HeaderFields, 'A', ''));
    const t = tables[0];
    expect(t.funds.map((g) => [g.total?.amount, ...g.parts.map((p) => p.amount)])).toEqual([
      ['15', '15', null],
      ['15', '15', null],
    ]);
    expect(t.indicators[0].name).toBe('开展活动次数');
  });

  test('C2021 on a LOCAL-shaped table: 成本指标 under 产出 and no 成本 block are reported, in Chinese', async () => {
    const { r } = await run(
      one(() => U.small('党员教育经费', 6), 'A', '党员教育经费'),
      'C2021',
    );
    expect(r.findings.map((f) => `${f.severity} ${f.code} ${f.cell} ${f.message}`)).toEqual([
      'warning structure B9 表中没有一级指标「成本指标」（财预〔2021〕101号口径要求），请补充该类指标',
      'warning structure C13 二级指标「成本指标」不应放在一级指标「产出指标」之下（财预〔2021〕101号口径）',
    ]);
  });
});

interface ProblemCase {
  title: string;
  build: Build;
  /** "code cell" of the one finding. */
  finding: string;
  message: RegExp;
}

const PROBLEMS: ProblemCase[] = [
  {
    title: 'P1 an empty 指标值',
    build: one(U.p1EmptyValue, 'A', '高标准农田建设管护经费'),
    finding: 'error missing-value 绩效目标表!E11',
    message: /^三级指标「设施完好率」的指标值未填写$/,
  },
  {
    title: 'P2 财政拨款 18 + 其他资金 5 ≠ 年度资金总额 20',
    build: one(U.p2Funds, 'A', '动物防疫补助经费'),
    finding: 'error sum-mismatch 绩效目标表!C5',
    message: /^「年度资金总额\(含本级和市县\)」20万元不等于财政拨款、其他资金之和23万元$/,
  },
  {
    title: 'P3 a falling 资金支出计划 (25, 60, 50, 100)',
    build: one(() => U.u07Plan([25, 60, 50, 100]), 'B', '基层农技推广体系改革与建设补助项目'),
    finding: 'error spending-plan 绩效目标表!D7',
    message: /^资金支出计划「9月底」累计进度50%低于「6月底」的60%，累计进度不能下降$/,
  },
  {
    title: 'P3b a 资金支出计划 that ends below 100 at 12月底 (percent-formatted cells)',
    build: one(() => U.u07Plan([0.25, 0.5, 0.75, 0.9].map((v) => ({ v, numFmt: '0%' }))), 'B', '基层农技推广体系改革与建设补助项目'),
    finding: 'error spending-plan 绩效目标表!F7',
    message: /^资金支出计划「12月底」的累计进度应为100%，现为90%$/,
  },
  {
    title: 'P4 ≥9090% (a number typed twice)',
    build: one(U.p4Garbled, 'A', '新型职业农民培训经费'),
    finding: 'warning value-format 绩效目标表!E21',
    message: /^三级指标「学员满意度」的指标值「≥9090%」：数字「90」重复录入了两遍$/,
  },
  {
    title: 'P5 部门整体: 财政拨款 + 其他资金 ≠ 基本支出 + 项目支出 + 事业发展性支出',
    build: one(
      () => {
        const b = U.u06Department();
        b.rows[4][2] = 40;
        return b;
      },
      'D',
      '某县农业农村局',
    ),
    finding: 'error sum-mismatch 绩效目标表!C4',
    message: /^部门预算支出合计500万元（基本支出\+项目支出\+事业发展性支出）不等于收入合计490\.5万元（财政拨款\+其他资金）$/,
  },
  {
    title: 'P6 部门整体 with 财政拨款收入 / 其他收入: the incomes do not add up to the expenses',
    build: one(() => U.u14DeptIncome(370), 'D', '某县林业和草原局'),
    finding: 'error sum-mismatch 绩效目标表!D4',
    message: /^部门预算支出合计400万元（基本支出\+项目支出）不等于收入合计390万元（财政拨款收入\+其他收入）$/,
  },
  {
    title: 'P7 amounts in 元: 财政拨款 300000 + 其他资金 40000 ≠ 年度资金总额 350000',
    build: one(
      () => {
        const b = U.u15Yuan();
        b.rows[6][3] = 40000;
        return b;
      },
      'A',
      '村级公益事业一事一议奖补资金',
    ),
    finding: 'error sum-mismatch 绩效目标表!D5',
    message: /^「年度资金总额」35万元不等于财政拨款、其他资金之和34万元$/,
  },
  {
    title: 'P8 side by side: an empty 指标值 in the right-hand table is reported there, the left table stays clean',
    build: (wb) => {
      const ws = wb.addWorksheet('并排');
      const a = U.put(ws, 1, 1, U.small('党员教育经费', 6));
      const right = U.small('党建宣传经费', 4);
      right.rows[10][4] = null;
      const b = U.put(ws, 1, a.right + 2, right);
      return [at(ws, a, 'A', '党员教育经费'), at(ws, b, 'A', '党建宣传经费')];
    },
    finding: 'error missing-value 并排!K11',
    message: /^三级指标「活动完成率」的指标值未填写$/,
  },
  {
    title: 'P9 central project template: an empty 年度 指标值 is reported in the 年度 area',
    build: one(
      () => {
        const b = U.u19CentralProject();
        b.rows[12][7] = null;
        return b;
      },
      'A',
      '森林防火能力提升项目',
    ),
    finding: 'error missing-value 绩效目标表!H13',
    message: /^三级指标「工程验收合格率」的指标值未填写$/,
  },
  {
    title: 'P10 central project template: 年度 成本 above the 年度资金总额 (the 中期 成本 is measured against the 中期 total)',
    build: one(
      () => {
        const b = U.u19CentralProject();
        b.rows[14][7] = '≤150万元';
        return b;
      },
      'A',
      '森林防火能力提升项目',
    ),
    finding: 'error sum-mismatch 绩效目标表!H15',
    message: /^成本指标「通道建设成本」150万元超过预算金额100万元$/,
  },
  {
    title: 'P11 财政拨款 40 + 自筹资金 5 ≠ 年度资金总额 50 (含本级 column)',
    build: one(
      () => {
        const b = U.u20SelfRaised();
        b.rows[6][3] = '单位自筹 5';
        return b;
      },
      'A',
      '乡村道路硬化工程',
    ),
    finding: 'error sum-mismatch 绩效目标表!D5',
    message: /^「年度资金总额\(含本级\)」50万元不等于财政拨款、自筹资金之和45万元$/,
  },
  {
    title: 'P12 goal text: itemised amounts (30 + 20 + 10 万元) above the budget',
    build: one(
      () => {
        const b = U.u20SelfRaised();
        b.rows[7][3] = '年度绩效目标(含本级) 路基工程30万元，路面工程20万元，排水工程10万元。';
        return b;
      },
      'A',
      '乡村道路硬化工程',
    ),
    finding: 'warning text-amount-mismatch 绩效目标表!D8',
    message: /^绩效目标中列出的各项金额合计60万元，超过年度资金总额\(含本级\)50万元$/,
  },
  {
    title: 'P13 budget-system export: an empty 指标值 beside its 指标方向 is reported in the 指标值 column',
    build: one(
      () => {
        const b = U.u12Direction();
        b.rows[5][4] = null;
        b.rows[9][4] = '耕地质量等级不下降';
        return b;
      },
      '?',
      '耕地地力保护补贴',
    ),
    finding: 'error missing-value 绩效目标表!E6',
    message: /^三级指标「补贴发放面积」的指标值未填写$/,
  },
  {
    title: 'P14 部门整体 incomes 一般公共预算 + 政府性基金 + 其他 below the expenses, named as written',
    build: one(
      () => {
        const b = U.u21UnitLabels();
        b.rows[5][3] = 10;
        return b;
      },
      'D',
      '某县林业和草原局',
    ),
    finding: 'error sum-mismatch 绩效目标表!D4',
    message:
      /^部门预算支出合计400万元（基本支出\+项目支出）不等于收入合计390万元（一般公共预算财政拨款\+政府性基金预算财政拨款\+其他资金）$/,
  },
  {
    title: 'P15 labels broken inside the cell: an empty 指标值 is still found',
    build: one(
      () => {
        const b = U.u22LineBreaks();
        b.rows[8][3] = null;
        return b;
      },
      'A',
      '乡村振兴衔接资金项目管理费',
    ),
    finding: 'error missing-value 绩效目标表!D9',
    message: /^三级指标「项目检查次数」的指标值未填写$/,
  },
  {
    title: 'P16 thousands separators: 1,000.00 + 100 ≠ 1,200.00',
    build: one(
      () => {
        const b = U.u25Thousands();
        b.rows[6][2] = '其他资金100';
        return b;
      },
      'A',
      '农村供水工程建设补助资金',
    ),
    finding: 'error sum-mismatch 绩效目标表!C5',
    message: /^「年度资金总额\(含本级和市县\)」1200(\.00)?万元不等于财政拨款、其他资金之和1100(\.00)?万元$/,
  },
  {
    title: 'P17 an empty 指标值 in a hidden row is reported',
    build: (wb) => {
      const ws = wb.addWorksheet('绩效目标表');
      const b = U.small('党员教育经费', 6);
      b.rows[10][4] = null;
      const a = U.put(ws, 1, 1, b);
      ws.getRow(11).hidden = true;
      return [at(ws, a, 'A', '党员教育经费')];
    },
    finding: 'error missing-value 绩效目标表!E11',
    message: /^三级指标「活动完成率」的指标值未填写$/,
  },
  {
    title: 'P18 full-width ≥９０９０％ (a number typed twice)',
    build: one(
      () => {
        const b = JSON.parse(JSON.stringify(U.u24FullWidth)) as U.Block;
        b.rows[b.rows.length - 1][4] = '≥９０９０％';
        return b;
      },
      'A',
      '学生资助管理经费',
    ),
    finding: 'warning value-format 绩效目标表!E17',
    message: /^三级指标「受助学生满意度」的指标值「≥9090%」：数字「90」重复录入了两遍$/,
  },
  {
    title: 'P19 指标值（%） in the header: a rate of 120 is above 100%',
    build: one(() => U.u28HeaderUnit(120), 'A', '义务教育营养改善计划经费'),
    finding: 'warning value-format 绩效目标表!E12',
    message: /食品安全抽检合格率.*100%/,
  },
  {
    title: 'P20 a 指标值 of only non-breaking/ideographic spaces is empty',
    build: one(
      () => {
        const b = JSON.parse(JSON.stringify(U.u27Spaces)) as U.Block;
        b.rows[10][4] = '\u00a0\u3000';
        return b;
      },
      'A',
      '社区卫生服务补助经费',
    ),
    finding: 'error missing-value 绩效目标表!E11',
    message: /^三级指标「健康档案规范率」的指标值未填写$/,
  },
  // Round 3
  {
    title: 'P21 an empty 指标值 beside a filled 分值 is reported at the 指标值 cell',
    build: one(
      () => {
        const b = U.u30Score();
        b.rows[10][4] = null;
        return b;
      },
      'A',
      '农村环境综合整治经费',
    ),
    finding: 'error missing-value 绩效目标表!E11',
    message: /^三级指标「活动完成率」的指标值未填写$/,
  },
  {
    title: 'P22 财政拨款 20 + 上级补助 5 + 其他资金 6 ≠ 年度资金总额 30',
    build: one(
      () => {
        const b = U.u32ThreeParts();
        b.rows[7][2] = '其他资金6';
        return b;
      },
      'A',
      '农村危房改造补助经费',
    ),
    finding: 'error sum-mismatch 绩效目标表!C5',
    message: /^「年度资金总额\(含本级和市县\)」30万元不等于财政拨款、上级补助、其他资金之和31万元$/,
  },
  {
    title: 'P23 中央补助 60 + 省级补助 30 + 县级配套 20 ≠ 年度资金总额 100',
    build: one(() => U.u32bLevels(20), 'A', '乡村振兴衔接资金项目管理费'),
    finding: 'error sum-mismatch 绩效目标表!B4',
    message: /^「年度资金总额」100万元不等于中央补助、省级补助、县级配套之和110万元$/,
  },
  {
    title: 'P24 资金支出计划 in 万元 falling (5, 12, 10, 20 of 20)',
    build: one(() => U.u34PlanAmounts([5, 12, 10, 20]), 'B', '基层农技推广体系改革与建设补助项目'),
    finding: 'error spending-plan 绩效目标表!D7',
    message: /^资金支出计划「9月底」累计进度50%低于「6月底」的60%，累计进度不能下降$/,
  },
  {
    title: 'P25 an empty 指标值 on a hidden table sheet is reported',
    build: (wb) => {
      wb.addWorksheet('Sheet1');
      const ws = wb.addWorksheet('绩效目标表', { state: 'hidden' });
      const b = U.small('党员教育经费', 6);
      b.rows[10][4] = null;
      return [at(ws, U.put(ws, 1, 1, b), 'A', '党员教育经费')];
    },
    finding: 'error missing-value 绩效目标表!E11',
    message: /^三级指标「活动完成率」的指标值未填写$/,
  },
  {
    title: 'P26 with a 序号 column (no header) an empty 指标值 is reported in the 指标值 column',
    build: one(
      () => {
        const b = U.u37SerialColumn(null);
        b.rows[9][4] = null;
        return b;
      },
      'A',
      '乡村振兴衔接资金项目管理费',
    ),
    finding: 'error missing-value 绩效目标表!E10',
    message: /^三级指标「项目按期完工率」的指标值未填写$/,
  },
  {
    title: 'P29 an empty 指标值 beside a filled 得分 column: not the score, the 指标值 cell is reported',
    build: one(
      () => {
        const b = U.u30Score('得分');
        b.rows[10][4] = null;
        return b;
      },
      'A',
      '农村环境综合整治经费',
    ),
    finding: 'error missing-value 绩效目标表!E11',
    message: /^三级指标「活动完成率」的指标值未填写$/,
  },
  {
    title: 'P30 资金支出计划 in 万元 ending below the budget (18 of 20 at 12月底)',
    build: one(() => U.u34PlanAmounts([5, 10, 15, 18]), 'B', '基层农技推广体系改革与建设补助项目'),
    finding: 'error spending-plan 绩效目标表!F7',
    message: /^资金支出计划「12月底」的累计进度应为100%，现为90%$/,
  },
  {
    title: 'P27 the value typed into the 三级 cell (培训人次：≥300人次), the 指标值 cell empty',
    build: one(() => U.u38NameWithValue(), 'A', '新型职业农民培训经费'),
    finding: 'error missing-value 绩效目标表!E10',
    message: /^三级指标「培训人次」的指标值未填写（「≥300人次」写在了三级指标名称中，请移到指标值栏）$/,
  },
  {
    title: 'P28 the value typed into the 三级 cell without a colon (合格率≥95%), the 指标值 cell empty',
    build: one(() => U.u38NameWithValue('合格率≥95%'), 'A', '新型职业农民培训经费'),
    finding: 'error missing-value 绩效目标表!E10',
    message: /^三级指标「合格率」的指标值未填写（「≥95%」写在了三级指标名称中，请移到指标值栏）$/,
  },
  // Round 4
  {
    title: 'P31 goal text: numbered items (经费10万元；经费8万元) above the budget of 15',
    build: one(
      () => {
        const b = U.u40NumberedGoal(15);
        b.rows[7][2] = '年度总体绩效目标(含本级和市县) 完成培训300人次，购置设备5台。';
        return b;
      },
      'A',
      '基层农技人员能力提升经费',
    ),
    finding: 'warning text-amount-mismatch 绩效目标表!D8',
    message: /^绩效目标中列出的各项金额合计18万元，超过年度资金总额\(含本级\)15万元$/,
  },
  {
    title: 'P32 a vertical funds list whose 合计 26 is not 财政拨款 20 + 其他资金 5',
    build: one(() => U.u45FundsList(26), '?', '乡村振兴衔接资金项目管理费'),
    finding: 'error sum-mismatch 绩效目标表!B7',
    message: /^「合计」26万元不等于财政拨款、其他资金之和25万元$/,
  },
  {
    title: 'P33 a range written upside down (95%-90%) is still reported',
    build: one(
      () => {
        const b = U.u42Ranges as U.Block;
        const c = JSON.parse(JSON.stringify(b)) as U.Block;
        c.rows[10][4] = '95%-90%';
        return c;
      },
      'A',
      '中小学校园安全管理经费',
    ),
    finding: 'warning value-format 绩效目标表!E11',
    message: /^三级指标「隐患整改率」的指标值「95%-90%」：范围上限90%低于下限95%$/,
  },
  {
    title: 'P34 a 成本 value of text without any amount (按实际发生) is still reported',
    build: one(
      () => {
        const c = JSON.parse(JSON.stringify(U.u41Rates)) as U.Block;
        c.rows[14][4] = '按实际发生';
        return c;
      },
      'A',
      '困难群众基本生活救助资金',
    ),
    finding: 'warning value-format 绩效目标表!E15',
    message: /^三级指标「特困人员供养标准」的指标值「按实际发生」：成本指标应填写金额（元或万元）$/,
  },
  // Round 5
  {
    title: 'P35 部门整体 (遂溪 layout): expenses 705.53 vs incomes 705.52, 0.01 apart written to two decimals',
    build: one(() => U.u50Suixi({ basic: 600.03, indicators: U.DEPT_FIRM }), 'D', '某县司法局'),
    finding: 'error sum-mismatch 绩效目标表!E5',
    message: /^部门预算支出合计705\.53万元（基本支出\+项目支出）不等于收入合计705\.52万元（财政拨款\+其他资金）$/,
  },
  {
    title: 'P36 a task calculation 3×4=13万元 that is wrong: reported at the 主要实施内容 cell',
    build: one(
      () =>
        U.u50Suixi({
          tasks: [...U.DEPT_TASKS, ['任务5: 人民调解补贴', '调解员补贴3×4=13万元', 13, '保障调解工作开展']],
          indicators: U.DEPT_FIRM,
        }),
      'D',
      '某县司法局',
    ),
    finding: 'warning text-amount-mismatch 绩效目标表!C16',
    message: /^算式「3×4=13万元」计算结果应为12万元，与写明的13万元不一致$/,
  },
  {
    title: 'P37 a task whose itemised content (以上预算共计8.05万元) exceeds its 拟投入 7',
    build: one(
      () =>
        U.u50Suixi({
          tasks: [
            ...U.DEPT_TASKS,
            ['任务5: 调解员培训', '每人每天290元，125人共需72500元；师资费8000元，以上预算共计8.05万元。', 7, '完成调解员培训'],
          ],
          indicators: U.DEPT_FIRM,
        }),
      'D',
      '某县司法局',
    ),
    finding: 'warning text-amount-mismatch 绩效目标表!C16',
    message: /^「任务5: 调解员培训」的实施内容中测算金额为8\.05万元，与拟投入资金7万元不一致$/,
  },
  {
    title: 'P38 incomes with 其中：上年结转 and 事业收入 that do not add up (事业收入 counted, 上年结转 not twice)',
    build: one(() => U.u52CarryOver(610.52, U.DEPT_FIRM), 'D', '某县司法局'),
    finding: 'error sum-mismatch 绩效目标表!E5',
    message: /^部门预算支出合计705\.52万元（基本支出\+项目支出）不等于收入合计695\.52万元（财政拨款\+事业收入\+其他资金）$/,
  },
];

describe('one deliberate problem each: exactly that finding', () => {
  test.each(PROBLEMS.map((c) => [c.title, c] as const))('%s', async (_, c) => {
    const { r, want } = await run(c.build);
    expect(tablesOf(r)).toEqual(want);
    expect(findingsOf(r)).toEqual([c.finding]);
    expect(r.findings[0].message).toMatch(c.message);
  });
});

describe('指标值 written as real tables write them', () => {
  const ind = (name: string, l2: string, raw: string): Indicator => ({
    level1: '产出指标',
    level1Raw: '产出指标',
    level1Cell: null,
    level2: l2,
    level2Raw: l2,
    level2Cell: null,
    index: 1,
    name,
    nameCell: { row: 0, col: 0 },
    placeholder: false,
    rawValue: raw,
    valueCell: { row: 0, col: 1 },
    value: parseValue(raw),
    nameUnit: unitFromName(name),
    row: 0,
  });
  test.each([
    ['业务办结时限', '时效指标', '≤5个工作日'],
    ['投诉处理时限', '时效指标', '≤3个工作日内'],
    ['培训完成时间', '时效指标', '12月底前'],
    ['项目完工时间', '时效指标', '12月底前完成'],
    ['开展宣讲场次', '数量指标', '≥20场次'],
    ['培训期次', '数量指标', '≥5期次'],
    ['覆盖村数', '数量指标', '≥3个村'],
    ['完成造林面积', '数量指标', '≥1.5万亩'],
    ['免疫畜禽数量', '数量指标', '≥20万头(只)'],
    ['增殖放流鱼苗', '数量指标', '≥20万尾'],
    ['粮食产量', '数量指标', '≥500公斤'],
    ['安全事故发生次数', '质量指标', '0起'],
    ['设备完好率', '质量指标', '≥95%。'],
    ['验收合格率', '质量指标', '≥90%（含）'],
    ['资金拨付率', '时效指标', '100%（按期）'],
    ['群众满意度', '服务对象满意度指标', '90%以上'],
    ['群众满意度', '服务对象满意度指标', '不低于90%'],
    ['群众满意度', '服务对象满意度指标', '90%及以上'],
    ['宣传次数', '数量指标', '不少于3次'],
    ['培训经费', '成本指标', '不超过5万元'],
    ['受理时限', '时效指标', '≤5个工作日内'],
    ['受理时限', '时效指标', '5个工作日内'],
    ['验收合格率', '质量指标', '≥９５％'],
    ['验收合格率', '质量指标', '１００％'],
    ['验收合格率', '质量指标', '＞＝90%'],
    ['验收合格率', '质量指标', '≥ 95 %'],
    ['验收合格率', '质量指标', '≥95 ％'],
    ['验收合格率', '质量指标', '\u3000≥95%\u00a0'],
    ['验收合格率', '质量指标', '≥95%\n'],
    ['工程建设费用', '成本指标', '≤1,200.00万元'],
    ['受益人口', '数量指标', '≥1,500人'],
    ['补助标准', '成本指标', '＜＝３００元/人'],
    ['整改率', '质量指标', '90%-95%'],
    ['整改率', '质量指标', '90-95%'],
    ['排查次数', '数量指标', '3-5次'],
    ['完好率', '质量指标', '≥90%且≤100%'],
    ['参与率', '质量指标', '95%～100%'],
    ['参与率', '质量指标', '95%至100%'],
    ['补助标准', '成本指标', '人均补助1200元/年'],
    ['补助标准', '成本指标', '每人每月640元'],
    ['培训合格率(%)', '质量指标', '≥98%'],
    ['资金使用合规率', '质量指标', '100%'],
    ['年度重点任务完成时限', '时效指标', '≤12月'],
    ['资金拨付', '时效指标', '按时完成'],
    ['安全生产事故', '质量指标', '零事故'],
    ['群众办事便利度', '质量指标', '≥上年水平'],
    // the counted thing or a word after a measure word reads fine (a reviewer reads 合格率 ≥95%)
    ['合格率', '质量指标', '≥95%合格'],
    ['建设平台', '数量指标', '1个平台'],
    // approximations and several quantities in one value (real tables: 200余次, 313批/374人次, 6期,每期500本)
    ['开展活动', '数量指标', '200余次'],
    ['参加人员', '数量指标', '30多人'],
    ['检测数量', '数量指标', '313批/374人次'],
    ['印刷资料', '数量指标', '6期,每期500本'],
    ['网站建设', '数量指标', '5个页面+60多栏目'],
    // dates and periods as 时效 values
    ['完成时间', '时效指标', '2024.03-2024.12'],
    ['实施周期', '时效指标', '2024年1月-12月'],
    ['资金到位', '时效指标', '11月底到位'],
    ['完成时限', '时效指标', '2024年6月30日前'],
  ])('%s (%s) %s reads fine', (name, l2, raw) => {
    expect(valueProblems(ind(name, l2, raw))).toEqual([]);
  });
  test.each([
    ['参训人数', '数量指标', '≥100按计划完成', /混有文字「按计划完成」/],
    ['满意度', '质量指标', '>100大于90%', /矛盾/],
    ['完好率', '质量指标', '≥9595%以上', /重复录入/],
    ['合格率', '质量指标', '≥９５９５％', /重复录入/],
    ['合格率', '质量指标', '不低于120%', /超过100%/],
    ['培训经费', '成本指标', '不超过5次', /金额/],
    ['整改率', '质量指标', '95%-90%', /上限90%低于下限95%/],
    ['整改率', '质量指标', '90%-120%', /超过100%/],
    ['排查次数', '数量指标', '3次-5人', /单位「次」和「人」不一致/],
    ['培训经费', '成本指标', '按实际发生', /金额/],
  ])('%s (%s) %s is still reported', (name, l2, raw, re) => {
    expect(valueProblems(ind(name, l2, raw)).join('；')).toMatch(re);
  });
});

describe('a target typed into the 三级 name', () => {
  test.each([
    ['培训人次:≥300人次', '培训人次', '≥300人次'],
    ['合格率≥95%', '合格率', '≥95%'],
    ['培训人数: 300人', '培训人数', '300人'],
    ['完成时间:12月底前', '完成时间', '12月底前'],
    ['满意度不低于90%', '满意度', '不低于90%'],
  ])('%s is %s + %s', (name, n, v) => {
    expect(valueInName(name)).toEqual({ name: n, value: v });
  });
  test.each(['PM2.5平均浓度', '60岁以上老人健康管理率', '培训人次', '12345热线接通率', '道路硬化里程(公里)'])(
    '%s holds no target',
    (name) => {
      expect(valueInName(name)).toBeNull();
    },
  );
});

describe('numbers as Excel shows them', () => {
  test.each([
    ['0%', 0.95, '95%'],
    ['0.00%', 0.955, '95.5%'],
    ['0"%"', 95, '95%'],
    ['0\\%', 95, '95%'],
    ['0.00"万元"', 11.5, '11.5万元'],
    ['[Red]0"元";-0"元"', 350000, '350000元'],
    ['#,##0.00_);(#,##0.00)', 11.5, 11.5],
    ['General', 95, 95],
  ])('%s: %s reads %s', (fmt, n, want) => {
    expect(numberCellValue(n, fmt, false)).toBe(want);
  });
  test('a quoted or escaped percent sign does not scale the number', () => {
    expect(isPercentFormat('0"%"')).toBe(false);
    expect(isPercentFormat('0.0%')).toBe(true);
    expect(formatSuffix('"约"0')).toBe('');
  });
});
