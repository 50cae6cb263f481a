/**
 * Realistic 绩效目标表 that differ from the fixtures the way real submissions do (see
 * ../../../shared/docs/domain.md): other profiles, offsets, punctuation, amounts written in words and
 * units, merges, old names, department tables, spending plans, stacked and side-by-side tables, notes and
 * signature lines, numbers typed as numbers, separate unit columns. Written with exceljs, merged the way
 * the official templates are, and read back through the CLI's reader.
 *
 * A table is a list of rows (relative to its top-left cell) and a list of merged areas (relative, 0-based,
 * inclusive). `levels` lays out 一级 | 二级 | 三级 | 指标值 rows with 一级 and 二级 merged over their rows.
 */
import * as ExcelJS from 'exceljs';

/** A cell: text, a number, or a number with a number format (e.g. 0.95 shown as 95%). */
export type V = string | number | null | { v: number; numFmt: string } | { formula: string; result: number | string };
/** [top, left, bottom, right], 0-based, relative to the table's top-left cell. */
export type M = [number, number, number, number];

export interface Block {
  rows: V[][];
  merges: M[];
}

/** An indicator row: 三级 name and 指标值, then any further cells (描述, 单位, 依据 ...). */
export type Ind = [name: string, value: V, ...more: V[]];
export interface L2 {
  l2: string;
  rows: Ind[];
}
export interface L1 {
  l1: string;
  groups: L2[];
}

export interface LevelOptions {
  /** Column of 一级 (relative). */
  col: number;
  /** Columns the 三级 name spans (1 = one cell). */
  nameSpan?: number;
  /** Columns the 指标值 spans. */
  valueSpan?: number;
  /** Leave 一级 and 二级 unmerged (label in the first row only). */
  noMerge?: boolean;
}

/** Appends 一级 | 二级 | 三级 | 指标值 rows to `b`, 一级/二级 merged over their rows; returns b. */
export function levels(b: Block, blocks: L1[], o: LevelOptions): Block {
  const nameSpan = o.nameSpan ?? 1;
  const valueSpan = o.valueSpan ?? 1;
  let r = b.rows.length;
  for (const blk of blocks) {
    const n = blk.groups.reduce((s, g) => s + g.rows.length, 0);
    const r0 = r;
    for (const g of blk.groups) {
      const g0 = r;
      for (const [name, value, ...more] of g.rows) {
        const row: V[] = [];
        row[o.col] = r === r0 ? blk.l1 : null;
        row[o.col + 1] = r === g0 ? g.l2 || null : null;
        row[o.col + 2] = name;
        row[o.col + 2 + nameSpan] = value;
        more.forEach((m, i) => (row[o.col + 2 + nameSpan + valueSpan + i] = m));
        b.rows.push(row);
        if (nameSpan > 1) b.merges.push([r, o.col + 2, r, o.col + 1 + nameSpan]);
        if (valueSpan > 1) b.merges.push([r, o.col + 2 + nameSpan, r, o.col + 1 + nameSpan + valueSpan]);
        r++;
      }
      if (!o.noMerge && r - g0 > 1 && g.l2) b.merges.push([g0, o.col + 1, r - 1, o.col + 1]);
    }
    if (!o.noMerge && n > 1) b.merges.push([r0, o.col, r - 1, o.col]);
  }
  return b;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };

/** Writes a block with its top-left cell at 1-based (top, left); returns the 1-based rectangle used. */
export function put(
  ws: ExcelJS.Worksheet,
  top: number,
  left: number,
  b: Block,
): { top: number; left: number; bottom: number; right: number } {
  let right = 0;
  b.rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const cell = ws.getCell(top + r, left + c);
      cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      cell.alignment = { wrapText: true, vertical: 'middle' };
      right = Math.max(right, c);
      if (v === null || v === undefined) continue;
      if (typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula, result: v.result };
      else if (typeof v === 'object') {
        cell.value = v.v;
        cell.numFmt = v.numFmt;
      } else cell.value = v;
    }
  });
  for (const [r1, c1, r2, c2] of b.merges) {
    ws.mergeCells(top + r1, left + c1, top + r2, left + c2);
    right = Math.max(right, c2);
  }
  return { top, left, bottom: top + b.rows.length - 1, right: left + right };
}

export async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rows of a layout-A-like header: 5 columns, labels merged over A:B as in the 宁夏 template. */
function headerA(title: string, name: string, funds: [string, string][], goal: string, fundsLabel = '项目资金 (万元)'): Block {
  const rows: V[][] = [
    [title],
    ['项目名称', null, name],
    ['主管部门', null, '某县农业农村局', '实施单位', '某县农业技术推广中心'],
    ['项目属性', null, '一年期项目', '项目期', '2024年1-12月'],
    [fundsLabel, null, funds[0][0], funds[0][1]],
    [null, null, funds[1][0], funds[1][1]],
    [null, null, funds[2][0], funds[2][1]],
    ['绩效目标', null, `年度总体绩效目标(含本级和市县) ${goal}`, `年度绩效目标(含本级) ${goal}`],
  ];
  const merges: M[] = [
    [0, 0, 0, 4],
    [1, 0, 1, 1],
    [1, 2, 1, 4],
    [2, 0, 2, 1],
    [3, 0, 3, 1],
    [4, 0, 6, 1],
    [4, 3, 4, 4],
    [5, 3, 5, 4],
    [6, 3, 6, 4],
    [7, 0, 7, 1],
    [7, 3, 7, 4],
  ];
  return { rows, merges };
}

/** Adds the 5-column indicator header (绩效指标 merged down over the indicator rows by `closeA`). */
function indicatorHeaderA(b: Block, head: string[] = ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值']): number {
  b.rows.push(head);
  return b.rows.length - 1;
}

function closeA(b: Block, headRow: number): Block {
  b.merges.push([headRow, 0, b.rows.length - 1, 0]);
  return b;
}

/** A layout-A-like project table: header, then indicators in columns B..E. */
export function projectA(o: {
  title?: string;
  name: string;
  funds: [string, string][];
  goal: string;
  indicators: L1[];
  fundsLabel?: string;
  head?: string[];
}): Block {
  const b = headerA(o.title ?? '2024年部门项目支出预算绩效目标表', o.name, o.funds, o.goal, o.fundsLabel);
  const h = indicatorHeaderA(b, o.head);
  levels(b, o.indicators, { col: 1 });
  return closeA(b, h);
}

// ---------------------------------------------------------------------------------------------------------
// The variants
// ---------------------------------------------------------------------------------------------------------

/** U01: 财预〔2021〕101号 profile: 成本指标 is a 一级 with 经济成本指标 under it; 成本 items add up to the budget. */
export const u01C2021: Block = projectA({
  title: '2024年度项目支出绩效目标表',
  name: '政务信息系统运维经费',
  funds: [
    ['年度资金总额(含本级和市县) 50', '年度资金总额(含本级) 50'],
    ['其中:财政拨款50', '其中:财政拨款50'],
    ['其他资金', '其他资金'],
  ],
  goal: '保障政务信息系统全年稳定运行,系统可用率99%以上。',
  indicators: [
    {
      l1: '成本指标',
      groups: [
        {
          l2: '经济成本指标',
          rows: [
            ['指标1:服务器购置成本', '≤40万元'],
            ['指标2:运维服务费', '≤10万元'],
          ],
        },
      ],
    },
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['指标1:购置服务器数量', '≥4台']] },
        { l2: '质量指标', rows: [['指标1:设备验收合格率', '=100%']] },
        { l2: '时效指标', rows: [['指标1:采购完成时间', '6月30日前']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['指标1:系统可用率', '≥99%']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:使用人员满意度', '≥90%']] }] },
  ],
});

/**
 * U02: starts at C5 below a title row (C3) and a 单位：万元 line (G4); full-width colons and brackets, label
 * and value in one cell, `>=`/`<=` instead of ≥/≤.
 */
export function u02Offset(): Block {
  const rows: V[][] = [
    ['2025年度项目支出绩效目标表'],
    [null, null, null, null, '单位：万元'],
    ['项目名称：', null, '农村人居环境整治经费'],
    ['主管部门：', null, '某县农业农村局', '实施单位：', '某县农业农村局'],
    ['项目属性：', null, '经常性项目', '项目期：', '2025年1月—12月'],
    ['项目资金（万元）', null, '年度资金总额（含本级和市县）：30', '年度资金总额（含本级）：30'],
    [null, null, '其中：财政拨款：30', '其中：财政拨款：30'],
    [null, null, '其他资金：', '其他资金：'],
    [
      '绩效目标',
      null,
      '年度总体绩效目标（含本级和市县）：完成12个村人居环境整治，村庄保洁覆盖率达到95%。',
      '年度绩效目标（含本级）：完成12个村人居环境整治，村庄保洁覆盖率达到95%。',
    ],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
  ];
  const merges: M[] = [
    [0, 0, 0, 4],
    [2, 0, 2, 1],
    [2, 2, 2, 4],
    [3, 0, 3, 1],
    [4, 0, 4, 1],
    [5, 0, 7, 1],
    [5, 3, 5, 4],
    [6, 3, 6, 4],
    [7, 3, 7, 4],
    [8, 0, 8, 1],
    [8, 3, 8, 4],
  ];
  const b: Block = { rows, merges };
  levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['指标1：整治村庄数量', '>=12个']] },
          { l2: '质量指标', rows: [['指标1：村庄保洁覆盖率', '>=95%']] },
          { l2: '时效指标', rows: [['指标1：整治任务完成时间', '2025年11月30日前']] },
          { l2: '成本指标', rows: [['指标1：整治经费（万元）', '<=30']] },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '生态效益指标', rows: [['指标1：村庄垃圾无害化处理率', '>=90%']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1：村民满意度', '>=90%']] }] },
    ],
    { col: 1 },
  );
  return closeA(b, 9);
}

/** U03: amounts written `35万`, `200000元`, `15`, `11.50`, label and value in one cell. */
export const u03Amounts: Block = projectA({
  name: '高标准农田建设管护经费',
  funds: [
    ['年度资金总额(含本级和市县) 35万', '年度资金总额(含本级) 11.50'],
    ['其中:财政拨款200000元', '其中:财政拨款11.5'],
    ['其他资金 15', '其他资金'],
  ],
  goal: '完成高标准农田管护面积2万亩,设施完好率达到95%以上。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['指标1:管护面积', '≥2万亩']] },
        { l2: '质量指标', rows: [['指标1:设施完好率', '≥95%']] },
        { l2: '时效指标', rows: [['指标1:管护资金拨付时间', '9月底前']] },
        { l2: '成本指标', rows: [['指标1:管护经费', '≤35万元']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '经济效益指标', rows: [['指标1:亩均粮食产量', '≥500公斤']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:种植户满意度', '≥90%']] }] },
  ],
});

/** U04: 三级 name merged over D:E, 指标值 merged over F:G (header too); 一级/二级 merged vertically. */
export function u04WideMerges(): Block {
  const b = headerA(
    '2024年部门项目支出预算绩效目标表',
    '动物疫病防控经费',
    [
      ['年度资金总额(含本级和市县) 8', '年度资金总额(含本级) 8'],
      ['其中:财政拨款8', '其中:财政拨款8'],
      ['其他资金', '其他资金'],
    ],
    '完成春秋两季重大动物疫病集中免疫,免疫密度保持在90%以上。',
  );
  // the header area is 7 columns wide here
  b.merges = b.merges.map(([r1, c1, r2, c2]) => [r1, c1, r2, c2 === 4 ? 6 : c2] as M);
  b.rows.push(['绩效指标', '一级指标', '二级指标', '三级指标', null, '指标值', null]);
  b.merges.push([8, 3, 8, 4], [8, 5, 8, 6]);
  levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          {
            l2: '数量指标',
            rows: [
              ['免疫畜禽数量', '≥20万头(只)'],
              ['春秋集中免疫次数', '2次'],
            ],
          },
          {
            l2: '质量指标',
            rows: [
              ['应免畜禽免疫密度', '≥90%'],
              ['免疫抗体合格率', '≥70%'],
            ],
          },
          { l2: '时效指标', rows: [['春季集中免疫完成时间', '5月31日前']] },
          { l2: '成本指标', rows: [['疫苗及耗材费用', '≤8万元']] },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['区域性重大动物疫情发生次数', '0次']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['养殖户满意度', '≥90%']] }] },
    ],
    { col: 1, nameSpan: 2, valueSpan: 2 },
  );
  return closeA(b, 8);
}

/** U05: 效果指标 (old name of 效益指标), 满意度指 cut short, 成本指标 as a 二级 under 产出 (LOCAL). */
export const u05OldNames: Block = projectA({
  name: '农村饮水安全维修养护经费',
  funds: [
    ['年度资金总额(含本级和市县) 60', '年度资金总额(含本级) 60'],
    ['其中:财政拨款45', '其中:财政拨款45'],
    ['其他资金15', '其他资金15'],
  ],
  goal: '维修养护农村供水工程40处,保障农村供水保证率达到95%。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['指标1:维修养护工程数量', '≥40处']] },
        { l2: '质量指标', rows: [['指标1:工程验收合格率', '100%']] },
        { l2: '时效指标', rows: [['指标1:维修养护完成时限', '10月31日前']] },
        { l2: '成本指标', rows: [['指标1:维修养护费用', '≤60万元']] },
      ],
    },
    {
      l1: '效果指标',
      groups: [
        { l2: '社会效益指标', rows: [['指标1:农村供水保证率', '≥95%']] },
        { l2: '可持续影响指标', rows: [['指标1:工程正常运行年限', '≥5年']] },
      ],
    },
    { l1: '满意度指', groups: [{ l2: '服务对象满意度指', rows: [['指标1:受益群众满意度', '≥90%']] }] },
  ],
});

/**
 * U06: a 部门整体 table: incomes on the left, expenses on the right (基本支出 + 项目支出 + 事业发展性支出 =
 * 财政拨款 + 其他资金 = 500), 年度重点工作任务 with a calculation in the content, numbers typed as numbers.
 */
export function u06Department(): Block {
  const rows: V[][] = [
    ['2024年度部门整体支出绩效目标表'],
    ['部门名称', '某县农业农村局'],
    ['年度预算收支（万元）', '收入', null, '支出', null],
    [null, '财政拨款', 450.5, '基本支出', 300],
    [null, '其他资金', 49.5, '项目支出', 150],
    [null, null, null, '事业发展性支出', 50],
    ['总体绩效目标', '保障机关正常运转，完成年度农业农村重点工作任务，推进乡村振兴。'],
    ['年度重点工作任务', '任务名称', '主要实施内容', '拟投入资金（万元）', '期望达到的目标'],
    [null, '任务1：农技人员培训', '培训农技人员200人次，每人次0.05万元，200×0.05=10万元', 10, '提升农技人员业务能力'],
    [null, '任务2：农产品质量安全抽检', '全年抽检农产品样品不少于500批次', 40, '农产品质量安全抽检合格率98%以上'],
    [null, '任务3：乡村振兴示范村建设', '建设示范村5个', 100, '示范村建设任务按期完成'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
  ];
  const merges: M[] = [
    [0, 0, 0, 4],
    [1, 1, 1, 4],
    [2, 0, 5, 0],
    [2, 1, 2, 2],
    [2, 3, 2, 4],
    [6, 1, 6, 4],
    [7, 0, 10, 0],
  ];
  const b: Block = { rows, merges };
  levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          {
            l2: '数量指标',
            rows: [
              ['指标1:培训农技人员数量(人次)', 200],
              ['指标2:农产品抽检批次(批)', 500],
            ],
          },
          { l2: '质量指标', rows: [['指标1:农产品抽检合格率(%)', 98]] },
          { l2: '时效指标', rows: [['指标1:重点任务完成及时率', { v: 1, numFmt: '0%' }]] },
          { l2: '成本指标', rows: [['指标1:人均培训成本(元)', 500]] },
        ],
      },
      {
        l1: '效益指标',
        groups: [
          { l2: '社会效益指标', rows: [['指标1:示范村建设任务完成率', { v: 1, numFmt: '0%' }]] },
          { l2: '可持续影响指标', rows: [['指标1:农技推广服务覆盖率', { v: 0.95, numFmt: '0%' }]] },
        ],
      },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:服务对象满意度(%)', 90]] }] },
    ],
    { col: 1 },
  );
  b.merges.push([11, 0, b.rows.length - 1, 0]);
  return b;
}

/** U07: a layout-B-like table (预算数 / 财政资金 / 其他资金) with a 资金支出计划 3月底/6月底/9月底/12月底. */
export function u07Plan(plan: V[] = [20, 45, 70, 100], labels = ['3月底', '6月底', '9月底', '12月底']): Block {
  const rows: V[][] = [
    ['1、基层农技推广体系改革与建设补助项目绩效目标表'],
    ['某县农业农村局', null, null, null, null, '单位：万元'],
    ['项目编码', '2024-NY-0012', null, '项目名称', '基层农技推广体系改革与建设补助项目'],
    ['预算规模及资金用途', '预算数', 24, '其中：财政资金', 20, '其他资金', 4],
    [null, '用于农技人员培训、示范基地建设和农技推广服务。'],
    ['资金支出计划（%）', labels[0], labels[1], labels[2], null, labels[3], null],
    [null, plan[0], plan[1], plan[2], null, plan[3], null],
    ['绩效目标', '培训农技人员100人次，建设示范基地3个。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
  ];
  const merges: M[] = [
    [0, 0, 0, 6],
    [1, 0, 1, 4],
    [1, 5, 1, 6],
    [2, 1, 2, 2],
    [2, 4, 2, 6],
    [3, 0, 4, 0],
    [4, 1, 4, 6],
    [5, 0, 6, 0],
    [5, 3, 5, 4],
    [5, 5, 5, 6],
    [6, 3, 6, 4],
    [6, 5, 6, 6],
    [7, 1, 7, 6],
  ];
  const b: Block = { rows, merges };
  const r0 = b.rows.length;
  const ind: [string, string, string, string, V, string][] = [
    ['产出指标', '数量指标', '农技人员培训人次', '反映年度培训农技人员数量', '≥100人次', '年度工作计划'],
    ['', '数量指标', '建设示范基地数量', '反映示范基地建设情况', '≥3个', '年度工作计划'],
    ['', '质量指标', '培训考核合格率', '反映培训质量', '≥95%', '历史标准'],
    ['', '时效指标', '培训完成时间', '反映培训进度', '11月底前', '年度工作计划'],
    ['效益指标', '社会效益指标', '主推技术到位率', '反映技术推广效果', '≥95%', '行业标准'],
    ['满意度指标', '服务对象满意度指标', '服务对象满意度', '反映农户对农技服务的满意程度', '≥90%', '历史标准'],
  ];
  for (const [l1, l2, l3, desc, v, basis] of ind) b.rows.push([null, l1 || null, l2, l3, desc, v, basis]);
  b.merges.push([r0, 1, r0 + 3, 1], [8, 0, b.rows.length - 1, 0]);
  return b;
}

/** U08: a small complete project table used for stacking and side-by-side sheets. */
export function small(name: string, total: number, title = '2024年部门项目支出预算绩效目标表'): Block {
  return projectA({
    title,
    name,
    funds: [
      [`年度资金总额(含本级和市县) ${total}`, `年度资金总额(含本级) ${total}`],
      [`其中:财政拨款${total}`, `其中:财政拨款${total}`],
      ['其他资金', '其他资金'],
    ],
    goal: `完成${name}相关工作任务。`,
    indicators: [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['指标1:开展活动次数', '≥3次']] },
          { l2: '质量指标', rows: [['指标1:活动完成率', '100%']] },
          { l2: '时效指标', rows: [['指标1:活动完成时间', '12月底前']] },
          { l2: '成本指标', rows: [[`指标1:${name}`, `≤${total}万元`]] },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['指标1:活动覆盖率', '≥95%']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:参与人员满意度', '≥90%']] }] },
    ],
  });
}

/** U09: a table with a 备注 row, a 填报说明 row and a signature line (填表人/联系电话) under it. */
export function u09Notes(): Block {
  const b = small('农业执法装备购置经费', 12);
  const n = b.rows.length;
  b.rows.push(['备注：1.本表金额单位为万元；2.指标值应量化，无法量化的写明标准。']);
  b.rows.push(['填报说明：成本指标合计不超过年度资金总额。']);
  b.rows.push(['单位负责人：王某', null, '填表人：李某', '联系电话：0951-1234567', '填报日期：2024年1月10日']);
  b.merges.push([n, 0, n, 4], [n + 1, 0, n + 1, 4]);
  return b;
}

/**
 * U10: numbers typed as numbers with the unit in the 三级 name (`培训合格率(%)` 95), a percent-formatted
 * 0.95 shown as 95%, and the values of the brief: ≥95%, ≤5万元, 100%, 按期完成, 12月底前, ≥3次, 优良, =100%.
 */
export const u10Values: Block = projectA({
  name: '新型职业农民培训经费',
  funds: [
    ['年度资金总额(含本级和市县) 5', '年度资金总额(含本级) 5'],
    ['其中:财政拨款5', '其中:财政拨款5'],
    ['其他资金', '其他资金'],
  ],
  goal: '培训新型职业农民300人,培训合格率95%以上。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        {
          l2: '数量指标',
          rows: [
            ['指标1:培训人数(人)', 300],
            ['指标2:培训期数', '≥3次'],
          ],
        },
        {
          l2: '质量指标',
          rows: [
            ['指标1:培训合格率(%)', 95],
            ['指标2:学员出勤率', { v: 0.95, numFmt: '0%' }],
            ['指标3:教材发放率', '=100%'],
            ['指标4:培训教学质量', '优良'],
          ],
        },
        {
          l2: '时效指标',
          rows: [
            ['指标1:培训计划完成情况', '按期完成'],
            ['指标2:培训完成时间', '12月底前'],
            ['指标3:资金拨付及时率', '100%'],
          ],
        },
        { l2: '成本指标', rows: [['指标1:培训经费', '≤5万元']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '经济效益指标', rows: [['指标1:学员就业创业率', '≥95%']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:学员满意度', '≥90%']] }] },
  ],
});

/** U11: a layout-C-like table (项目支出名称, 年度本级预算金额 85万元, 指标值及单位, 绩效标准), written at B2. */
export function u11LayoutC(): Block {
  const rows: V[][] = [
    ['2023年项目支出绩效目标表'],
    ['填报单位：（盖章）', null, null, '单位：万元'],
    ['项目支出名称', '农村公路养护经费', null, '预算部门', '某县交通运输局'],
    ['年度本级预算金额', '85万元', null, '该项目支出上级资金', '（分级填报）'],
    ['项目支出实施期', '2023年全年'],
    ['实施期绩效目标', '完成农村公路日常养护里程320公里，路况优良率达到80%以上。'],
    ['本年度绩效目标', '完成农村公路日常养护320公里。'],
    ['本年度绩效指标', '一级指标', '二级指标', '三级指标', '指标值及单位', '绩效标准'],
  ];
  const merges: M[] = [
    [0, 0, 0, 5],
    [1, 0, 1, 2],
    [1, 3, 1, 5],
    [2, 1, 2, 2],
    [2, 4, 2, 5],
    [3, 1, 3, 2],
    [3, 4, 3, 5],
    [4, 1, 4, 5],
    [5, 1, 5, 5],
    [6, 1, 6, 5],
  ];
  const b: Block = { rows, merges };
  levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['日常养护里程', '≥320公里', '计划标准']] },
          { l2: '质量指标', rows: [['路况优良率', '≥80%', '行业标准']] },
          { l2: '时效指标', rows: [['养护资金拨付时限', '年度内及时完成', '计划标准']] },
          {
            l2: '成本指标',
            rows: [
              ['日常养护费用', '≤65万元', '计划标准'],
              ['桥梁检测费用', '≤20万元', '计划标准'],
            ],
          },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['农村公路列养率', '100%', '行业标准']] }] },
      { l1: '满意度指标', groups: [{ l2: '社会公众或服务对象满意度指标', rows: [['沿线群众满意度', '≥90%', '历史标准']] }] },
    ],
    { col: 1 },
  );
  b.merges.push([7, 0, b.rows.length - 1, 0]);
  return b;
}

/**
 * U12: a budget-system (预算管理一体化) export: 指标性质 | 指标值 | 度量单位 in separate columns (the number
 * in 指标值, its unit beside it), 指标方向 written in 指标值 as ≥/≤/=.
 */
export function u12UnitColumn(): Block {
  const rows: V[][] = [
    ['项目支出绩效目标申报表'],
    ['项目名称', '耕地地力保护补贴', null, '主管部门', '某县农业农村局', null],
    ['资金总额（万元）', 1200, null, '其中：财政拨款', 1200, null],
    ['年度目标', '按时足额发放耕地地力保护补贴，保护耕地地力。'],
    ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'],
  ];
  const merges: M[] = [
    [0, 0, 0, 5],
    [1, 1, 1, 2],
    [3, 1, 3, 5],
  ];
  const b: Block = { rows, merges };
  const ind: V[][] = [
    ['产出指标', '数量指标', '补贴发放面积', '定量', '≥50', '万亩'],
    [null, '质量指标', '补贴资金兑付准确率', '定量', '=100', '%'],
    [null, '时效指标', '补贴资金发放时间', '定性', '6月30日前', null],
    [null, '成本指标', '补贴标准', '定量', '=240', '元/亩'],
    ['效益指标', '社会效益指标', '耕地保护意识', '定性', '明显增强', null],
    ['满意度指标', '服务对象满意度指标', '种粮农户满意度', '定量', '≥90', '%'],
  ];
  for (const r of ind) b.rows.push(r);
  b.merges.push([5, 0, 8, 0]);
  return b;
}

// ---------------------------------------------------------------------------------------------------------
// One deliberate problem each
// ---------------------------------------------------------------------------------------------------------

/** P1: one 指标值 left empty (质量指标 / 设施完好率). */
export const p1EmptyValue: Block = (() => {
  const b = JSON.parse(JSON.stringify(u03Amounts)) as Block;
  const r = b.rows.findIndex((row) => row[3] === '指标1:设施完好率');
  b.rows[r][4] = null;
  return b;
})();

/** P2: 财政拨款 18 + 其他资金 5 ≠ 年度资金总额 20 (含本级和市县 column only). */
export const p2Funds: Block = projectA({
  name: '动物防疫补助经费',
  funds: [
    ['年度资金总额(含本级和市县) 20', '年度资金总额(含本级) 15'],
    ['其中:财政拨款18', '其中:财政拨款15'],
    ['其他资金5', '其他资金'],
  ],
  goal: '完成动物强制免疫,免疫密度达到90%以上。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['指标1:免疫畜禽数量', '≥10万头']] },
        { l2: '质量指标', rows: [['指标1:免疫密度', '≥90%']] },
        { l2: '时效指标', rows: [['指标1:免疫完成时间', '11月30日前']] },
        { l2: '成本指标', rows: [['指标1:疫苗采购费用', '≤20万元']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['指标1:重大动物疫情发生次数', '0次']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:养殖户满意度', '≥90%']] }] },
  ],
});

/** U09b: only a signature line (单位负责人/填表人/联系电话/填报日期) under the table, no 备注 before it. */
export function u09Signature(): Block {
  const b = small('农机购置补贴工作经费', 3);
  b.rows.push(['单位负责人：', null, '填表人：', '联系电话：', '填报日期：']);
  return b;
}

/** U13: a two-row indicator header: 绩效指标 merged across above 一级指标 | 二级指标 | 三级指标 | 指标值. */
export function u13TwoRowHeader(): Block {
  const rows: V[][] = [
    ['项目支出绩效目标表（2024年度）'],
    ['项目名称', '乡村振兴衔接资金项目管理费', null, null],
    ['主管部门', '某县乡村振兴局', '实施单位', '某县乡村振兴局'],
    ['年度资金总额', 10, '其中：财政拨款', 10],
    [null, null, '其他资金', 0],
    ['年度绩效目标', '保障衔接资金项目规范管理，项目按期完工率100%。'],
    ['绩效指标', null, null, null],
    ['一级指标', '二级指标', '三级指标', '指标值'],
  ];
  const merges: M[] = [
    [0, 0, 0, 3],
    [1, 1, 1, 3],
    [3, 0, 4, 0],
    [3, 1, 4, 1],
    [5, 1, 5, 3],
    [6, 0, 6, 3],
  ];
  const b: Block = { rows, merges };
  return levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['项目检查次数', '≥4次']] },
          { l2: '质量指标', rows: [['项目按期完工率', '100%']] },
          { l2: '时效指标', rows: [['项目验收完成时间', '2024年12月31日前']] },
          { l2: '成本指标', rows: [['项目管理费', '≤10万元']] },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '经济效益指标', rows: [['带动脱贫人口增收', '≥500元/人']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['受益群众满意度', '≥90%']] }] },
    ],
    { col: 0 },
  );
}

/** U14: a 部门整体 table whose income labels are 财政拨款收入 / 其他收入 (amounts in the next cell). */
export function u14DeptIncome(fiscal: V = 380): Block {
  const rows: V[][] = [
    ['2024年度部门整体支出绩效目标表'],
    ['部门名称', '某县林业和草原局'],
    ['部门预算支出', '预算金额（万元）', '收入来源', '预算金额（万元）'],
    ['基本支出', 260, '财政拨款收入', fiscal],
    ['项目支出', 140, '其他收入', 20],
    ['总体绩效目标', '完成全年造林绿化任务，森林覆盖率稳步提高。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
  ];
  const merges: M[] = [
    [0, 0, 0, 4],
    [1, 1, 1, 4],
    [5, 1, 5, 4],
  ];
  const b: Block = { rows, merges };
  levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['指标1:完成造林面积', '≥5000亩']] },
          { l2: '质量指标', rows: [['指标1:造林成活率', '≥85%']] },
          { l2: '时效指标', rows: [['指标1:春季造林完成时间', '5月底前']] },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '生态效益指标', rows: [['指标1:森林覆盖率', '≥40%']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:林农满意度', '≥90%']] }] },
    ],
    { col: 1 },
  );
  b.merges.push([6, 0, b.rows.length - 1, 0]);
  return b;
}

/** P4: `≥9090%` (a number typed twice) in an otherwise clean table. */
export const p4Garbled: Block = (() => {
  const b = JSON.parse(JSON.stringify(u10Values)) as Block;
  const r = b.rows.findIndex((row) => row[3] === '指标1:学员满意度');
  b.rows[r][4] = '≥9090%';
  return b;
})();

/**
 * U15: amounts in 元 (the 单位：元 line above the table, 元 in the money labels), as many county templates
 * have them; the itemised 成本 in 元 adds up to the budget.
 */
export function u15Yuan(): Block {
  const rows: V[][] = [
    ['2024年度项目支出绩效目标表'],
    [null, null, null, null, '金额单位：元'],
    ['项目名称', null, '村级公益事业一事一议奖补资金'],
    ['主管部门', null, '某县财政局', '实施单位', '某县财政局'],
    ['项目资金（元）', null, '年度资金总额', { formula: 'F6+F7', result: 350000 }],
    [null, null, '其中：财政拨款', 300000],
    [null, null, '其他资金', 50000],
    ['绩效目标', null, '完成村级公益事业奖补项目5个，项目验收合格率100%。'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
  ];
  const merges: M[] = [
    [0, 0, 0, 4],
    [2, 0, 2, 1],
    [2, 2, 2, 4],
    [3, 0, 3, 1],
    [4, 0, 6, 1],
    [7, 0, 7, 1],
    [7, 2, 7, 4],
  ];
  const b: Block = { rows, merges };
  levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['指标1:奖补项目数量', '≥5个']] },
          { l2: '质量指标', rows: [['指标1:项目验收合格率', '100%']] },
          { l2: '时效指标', rows: [['指标1:项目完工时间', '2024年10月31日前']] },
          {
            l2: '成本指标',
            rows: [
              ['指标1:财政奖补资金', '≤300000元'],
              ['指标2:村集体自筹资金', '≤50000元'],
            ],
          },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['指标1:受益农户数', '≥800户']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:受益群众满意度', '≥90%']] }] },
    ],
    { col: 1 },
  );
  b.merges.push([8, 0, b.rows.length - 1, 0]);
  return b;
}

/**
 * U01b: C2021 with all three 成本 二级: 经济成本 in money, 社会成本 and 生态环境成本 written as text
 * (they are not amounts).
 */
export const u01bCosts: Block = projectA({
  title: '2024年度项目支出绩效目标表',
  name: '乡镇污水处理设施运维经费',
  funds: [
    ['年度资金总额(含本级和市县) 80', '年度资金总额(含本级) 80'],
    ['其中:财政拨款80', '其中:财政拨款80'],
    ['其他资金', '其他资金'],
  ],
  goal: '保障8座乡镇污水处理设施稳定运行,出水达标率100%。',
  indicators: [
    {
      l1: '成本指标',
      groups: [
        { l2: '经济成本指标', rows: [['指标1:设施运维费用', '≤80万元']] },
        { l2: '社会成本指标', rows: [['指标1:对周边居民生活的影响', '无明显影响']] },
        { l2: '生态环境成本指标', rows: [['指标1:污泥处置二次污染', '无']] },
      ],
    },
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['指标1:运维污水处理设施数量', '8座']] },
        { l2: '质量指标', rows: [['指标1:出水水质达标率', '100%']] },
        { l2: '时效指标', rows: [['指标1:故障响应时间', '≤24小时']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '生态效益指标', rows: [['指标1:化学需氧量削减量', '≥300吨']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:周边群众满意度', '≥90%']] }] },
  ],
});

/** U16: a 填表说明 sheet of instructions, as the official workbooks have before the tables. */
export const u16Instructions: Block = {
  rows: [
    ['填表说明'],
    ['一、本表由项目实施单位填写，项目名称应与预算批复一致。'],
    ['项目名称：填写预算批复的项目全称。'],
    ['一级指标、二级指标按财政部统一的指标体系填写，三级指标由单位根据项目实际设定，指标值应尽量量化。'],
    ['一级指标：产出指标、效益指标、满意度指标'],
    ['成本指标：填写项目的成本控制目标，单位为万元或元。'],
    ['绩效目标表中年度资金总额应等于财政拨款与其他资金之和。'],
  ],
  merges: [],
};

/**
 * U17: two 满意度 indicators sharing one 指标值 merged vertically over their rows, and values typed as numbers
 * in a custom format that shows a literal percent sign (0"%": 90 displayed as 90%).
 */
export function u17SharedValue(): Block {
  const b = small('老年大学办学经费', 20);
  const sat = b.rows.length - 1;
  b.rows[sat][3] = '指标1:学员满意度';
  b.rows[sat][4] = '≥90%';
  b.rows.push([null, null, null, '指标2:任课教师满意度', null]);
  b.merges = b.merges.map(([r1, c1, r2, c2]) => [r1, c1, r2 === sat ? sat + 1 : r2, c2] as M);
  b.merges.push([sat, 4, sat + 1, 4], [sat, 2, sat + 1, 2]);
  // 效益: 90 in a custom format 0"%"
  const ben = b.rows.findIndex((r) => r[1] === '效益指标');
  b.rows[ben][4] = { v: 95, numFmt: '0"%"' };
  return b;
}

/**
 * U18: the central 部门（单位）整体支出绩效目标申报表 (财预〔2021〕101号): tasks with 预算金额 split into
 * 总额 | 财政拨款 | 其他资金 under a two-row header and a 金额合计 row; 年度总体目标; 年度绩效指标.
 */
export function u18CentralDept(): Block {
  const rows: V[][] = [
    ['部门（单位）整体支出绩效目标申报表'],
    ['（2024年度）'],
    ['部门（单位）名称', '某市生态环境局'],
    ['年度主要任务', '任务名称', '主要内容', '预算金额（万元）', null, null],
    [null, null, null, '总额', '财政拨款', '其他资金'],
    [null, '大气污染防治', '开展大气污染源监测与执法检查', 300, 280, 20],
    [null, '水环境监测', '完成国控、省控断面水质监测', 150, 150, 0],
    [null, '机关运行保障', '保障机关日常运转', 550, 550, 0],
    [null, '金额合计', null, 1000, 980, 20],
    ['年度总体目标', '空气质量优良天数比率、地表水优良水体比例完成省定目标，保障机关正常运转。'],
    ['年度绩效指标', '一级指标', '二级指标', '三级指标', '指标值', null],
  ];
  const merges: M[] = [
    [0, 0, 0, 5],
    [1, 0, 1, 5],
    [2, 1, 2, 5],
    [3, 0, 8, 0],
    [3, 1, 4, 1],
    [3, 2, 4, 2],
    [3, 3, 3, 5],
    [8, 1, 8, 2],
    [9, 1, 9, 5],
    [10, 4, 10, 5],
  ];
  const b: Block = { rows, merges };
  levels(
    b,
    [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['大气污染源执法检查次数', '≥200次']] },
          { l2: '质量指标', rows: [['水质监测数据有效率', '≥95%']] },
          { l2: '时效指标', rows: [['监测报告报送及时率', '100%']] },
        ],
      },
      { l1: '成本指标', groups: [{ l2: '经济成本指标', rows: [['部门预算支出', '≤1000万元']] }] },
      { l1: '效益指标', groups: [{ l2: '生态效益指标', rows: [['空气质量优良天数比率', '≥85%']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['公众对生态环境满意度', '≥85%']] }] },
    ],
    { col: 1, valueSpan: 2 },
  );
  b.merges.push([10, 0, b.rows.length - 1, 0]);
  return b;
}

/**
 * U19: the central 项目支出绩效目标申报表 (财预〔2021〕101号): 中期 and 年度 funds side by side, 中期目标 |
 * 年度目标, and the indicators of both under one header: 一级指标 shared, then 二级 | 三级 | 指标值 for 中期 and
 * again for 年度 (`repeatL1`: each half with its own 一级 column, as some provinces redrew it).
 */
export function u19CentralProject(repeatL1 = false): Block {
  const w = repeatL1 ? 9 : 8;
  const rows: V[][] = [
    ['项目支出绩效目标申报表'],
    ['（2024年度）'],
    ['项目名称', '森林防火能力提升项目'],
    ['主管部门及代码', '某县林业局 101', null, null, '实施单位', '某县林业局'],
    ['项目属性', '延续项目', null, null, '项目期', '3年'],
    ['项目资金（万元）', null, '中期资金总额：', 300, '年度资金总额：', 100],
    [null, null, '其中：财政拨款', 300, '其中：财政拨款', 100],
    [null, null, '其他资金', 0, '其他资金', 0],
    ['总体目标', '中期目标（2024年—2026年）', null, null, '年度目标'],
    [null, '建成县级森林防火指挥平台，重点林区防火通道全覆盖。', null, null, '完成防火通道建设30公里。'],
    repeatL1
      ? ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '一级指标', '二级指标', '三级指标', '指标值']
      : ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值'],
  ];
  const last = w - 1;
  const merges: M[] = [
    [0, 0, 0, last],
    [1, 0, 1, last],
    [2, 1, 2, last],
    [3, 1, 3, 3],
    [3, 5, 3, last],
    [4, 1, 4, 3],
    [4, 5, 4, last],
    [5, 0, 7, 1],
    [5, 5, 5, last],
    [6, 5, 6, last],
    [7, 5, 7, last],
    [8, 0, 9, 0],
    [8, 1, 8, 3],
    [8, 4, 8, last],
    [9, 1, 9, 3],
    [9, 4, 9, last],
  ];
  const b: Block = { rows, merges };
  // 一级, then 中期 二级 | 三级 | 指标值, then 年度 二级 | 三级 | 指标值
  const ind: [string | null, string, string, string, string, string, string][] = [
    ['产出指标', '数量指标', '防火通道建设里程', '≥100公里', '数量指标', '防火通道建设里程', '≥30公里'],
    [null, '质量指标', '工程验收合格率', '100%', '质量指标', '工程验收合格率', '100%'],
    [null, '时效指标', '项目完成时间', '2026年底前', '时效指标', '年度工程完工时间', '12月底前'],
    [null, '成本指标', '通道建设成本', '≤300万元', '成本指标', '通道建设成本', '≤100万元'],
    ['效益指标', '生态效益指标', '森林火灾受害率', '≤0.9‰', '生态效益指标', '森林火灾受害率', '≤0.9‰'],
    ['满意度指标', '服务对象满意度指标', '林区群众满意度', '≥90%', '服务对象满意度指标', '林区群众满意度', '≥90%'],
  ];
  for (const [l1, ...r] of ind) b.rows.push(repeatL1 ? [null, l1, ...r.slice(0, 3), l1, ...r.slice(3)] : [null, l1, ...r]);
  b.merges.push([11, 1, 14, 1], [10, 0, b.rows.length - 1, 0]);
  if (repeatL1) b.merges.push([11, 5, 14, 5]);
  return b;
}

/**
 * U20: funds from 财政拨款 and 自筹资金 / 单位自筹 (instead of 其他资金), and goal texts that state the total and its
 * breakdown ("项目总投资50万元，其中财政资金40万元，自筹资金10万元"; "年度预算50万元，其中：…").
 */
export function u20SelfRaised(): Block {
  const b = small('乡村道路硬化工程', 50);
  b.rows[5][2] = '其中:财政拨款40';
  b.rows[6][2] = '自筹资金10';
  b.rows[5][3] = '其中:财政拨款40';
  b.rows[6][3] = '单位自筹 10';
  b.rows[7][2] = '年度总体绩效目标(含本级和市县) 项目总投资50万元，其中财政资金40万元，自筹资金10万元，硬化村组道路2公里。';
  b.rows[7][3] = '年度绩效目标(含本级) 年度预算50万元，其中：路基工程30万元，路面工程20万元，硬化村组道路2公里。';
  return b;
}

/** U12b: the budget-system export with a 指标方向 column (≥ / ≤ / =) before 指标值 and the unit in 计量单位. */
export function u12Direction(): Block {
  const b = u12UnitColumn();
  b.rows[4] = ['一级指标', '二级指标', '三级指标', '指标方向', '指标值', '计量单位'];
  const dirs = ['≥', '=', '', '=', '', '≥'];
  for (let i = 0; i < 6; i++) {
    const row = b.rows[5 + i];
    row[3] = dirs[i] || '定性';
    if (typeof row[4] === 'string') row[4] = row[4].replace(/^[≥=]/, '');
  }
  return b;
}

/**
 * U21: labels and values in separate cells with the unit in the label (年度资金总额（万元）| 其中：财政拨款（万元）),
 * 部门整体 incomes as 一般公共预算财政拨款 / 政府性基金预算财政拨款 and 基本支出（万元）.
 */
export function u21UnitLabels(): Block {
  const b = u14DeptIncome();
  b.rows[2] = ['部门预算支出', null, '收入来源', null];
  b.rows[3] = ['基本支出（万元）', 260, '一般公共预算财政拨款', 330];
  b.rows[4] = ['项目支出（万元）', 140, '政府性基金预算财政拨款', 50];
  b.rows.splice(5, 0, [null, null, '其他资金（万元）', 20]);
  b.merges = b.merges.map(([r1, c1, r2, c2]) => (r1 >= 5 ? [r1 + 1, c1, r2 + 1, c2] : [r1, c1, r2, c2]) as M);
  return b;
}

/** U09c: indicators named like signature words (联系电话畅通率, 负责人到岗率) in rows that start with the name. */
export const u09cNames: Block = projectA({
  name: '12345政务服务热线运行经费',
  funds: [
    ['年度资金总额(含本级和市县) 30', '年度资金总额(含本级) 30'],
    ['其中:财政拨款30', '其中:财政拨款30'],
    ['其他资金', '其他资金'],
  ],
  goal: '保障政务服务热线全天候运行,接通率95%以上。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['受理来电数量', '≥10万件']] },
        {
          l2: '质量指标',
          rows: [
            ['热线接通率', '≥95%'],
            ['联系电话畅通率', '≥99%'],
            ['负责人到岗率', '100%'],
          ],
        },
        { l2: '时效指标', rows: [['工单办结时限', '≤5个工作日']] },
        { l2: '成本指标', rows: [['热线运行费用', '≤30万元']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['群众诉求办结率', '≥90%']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['来电群众满意度', '≥90%']] }] },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Round 2: typing habits of accountants
// ---------------------------------------------------------------------------------------------------------

/** U22: labels broken with Alt+Enter inside the cell: 年度资金\n总额, 三级\n指标, 指标值\n（含单位）. */
export function u22LineBreaks(): Block {
  const b = u13TwoRowHeader();
  b.rows[1][0] = '项目\n名称';
  b.rows[2] = ['主管\n部门', '某县乡村振兴局', '实施\n单位', '某县乡村振兴局'];
  b.rows[3] = ['年度资金\n总额', 10, '其中：\n财政拨款', 10];
  b.rows[4] = [null, null, '其他\n资金', 0];
  b.rows[5][0] = '年度绩效\n目标';
  b.rows[7] = ['一级\n指标', '二级\n指标', '三级\n指标', '指标值\n（含单位）'];
  return b;
}

/** U22b: layout A with line breaks in the header labels and in the label+value money cells. */
export function u22bLineBreaksA(): Block {
  const b = small('村级组织运转经费', 30);
  b.rows[4][0] = '项目资金\n(万元)';
  b.rows[4][2] = '年度资金总额\n(含本级和市县) 30';
  b.rows[4][3] = '年度资金总额\n(含本级) 30';
  b.rows[5][2] = '其中:\n财政拨款30';
  b.rows[8] = ['绩效\n指标', '一级\n指标', '二级\n指标', '三级\n指标', '指标值\n（含单位）'];
  return b;
}

/** U23: numbered category labels: 一、产出指标 / （一）数量指标 / 1.数量指标 / 1、质量指标 / (1)时效指标. */
export const u23Numbered: Block = projectA({
  name: '基层公共文化服务经费',
  funds: [
    ['年度资金总额(含本级和市县) 20', '年度资金总额(含本级) 20'],
    ['其中:财政拨款20', '其中:财政拨款20'],
    ['其他资金', '其他资金'],
  ],
  goal: '开展送戏下乡演出60场,公共文化场馆免费开放率100%。',
  indicators: [
    {
      l1: '一、产出指标',
      groups: [
        { l2: '（一）数量指标', rows: [['送戏下乡演出场次', '≥60场']] },
        { l2: '1、质量指标', rows: [['场馆免费开放率', '100%']] },
        { l2: '(1)时效指标', rows: [['演出任务完成时间', '11月底前']] },
        { l2: '1.成本指标', rows: [['演出补助经费', '≤20万元']] },
      ],
    },
    { l1: '二、效益指标', groups: [{ l2: '（一）社会效益指标', rows: [['受惠群众人次', '≥3万人次']] }] },
    { l1: '三、满意度指标', groups: [{ l2: '（一）服务对象满意度指标', rows: [['观众满意度', '≥90%']] }] },
  ],
});

/** U23b: numbering by digits at both levels: 1.产出指标 / 1.1数量指标 style written as 1.数量指标. */
export const u23bDigits: Block = projectA({
  name: '全民健身活动经费',
  funds: [
    ['年度资金总额(含本级和市县) 8', '年度资金总额(含本级) 8'],
    ['其中:财政拨款8', '其中:财政拨款8'],
    ['其他资金', '其他资金'],
  ],
  goal: '举办全民健身赛事10场。',
  indicators: [
    {
      l1: '1.产出指标',
      groups: [
        { l2: '1.数量指标', rows: [['举办赛事场次', '≥10场']] },
        { l2: '2.质量指标', rows: [['赛事安全事故发生次数', '0起']] },
        { l2: '3.时效指标', rows: [['赛事完成时间', '12月底前']] },
      ],
    },
    { l1: '2.效益指标', groups: [{ l2: '1.社会效益指标', rows: [['参与群众人次', '≥5000人次']] }] },
    { l1: '3.满意度指标', groups: [{ l2: '1.服务对象满意度指标', rows: [['参赛群众满意度', '≥90%']] }] },
  ],
});

/** U24: full-width digits and signs, spaces inside values: ≥９５％, １００％, ＞＝90%, ≥ 95 %, ≥95 ％. */
export const u24FullWidth: Block = projectA({
  name: '学生资助管理经费',
  funds: [
    ['年度资金总额(含本级和市县) １５', '年度资金总额(含本级) １５'],
    ['其中:财政拨款１５', '其中:财政拨款１５'],
    ['其他资金', '其他资金'],
  ],
  goal: '资助家庭经济困难学生５００人次,资助对象认定准确率１００％。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['资助学生人次', '≥５００人次']] },
        {
          l2: '质量指标',
          rows: [
            ['资助对象认定准确率', '１００％'],
            ['资助资金发放准确率', '≥９５％'],
            ['档案资料完整率', '≥ 95 %'],
          ],
        },
        { l2: '时效指标', rows: [['资助资金按时发放率', '＞＝90%']] },
        { l2: '成本指标', rows: [['资助管理经费', '≤１５万元']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['困难学生资助覆盖率', '≥95 ％']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['受助学生满意度', '≥ 90%']] }] },
  ],
});

/** U25: amounts with thousands separators and decimals written out: 1,200.00 = 1,000.00 + 200 (万元). */
export function u25Thousands(total = '1,200.00', fiscal = '1,000.00', other = '200'): Block {
  return projectA({
    name: '农村供水工程建设补助资金',
    funds: [
      [`年度资金总额(含本级和市县) ${total}`, `年度资金总额(含本级) ${total}万元`],
      [`其中:财政拨款${fiscal}`, `其中:财政拨款${fiscal}`],
      [`其他资金${other}`, `其他资金 ${other}`],
    ],
    goal: '新建改造农村供水工程12处,受益人口1,500人。',
    indicators: [
      {
        l1: '产出指标',
        groups: [
          {
            l2: '数量指标',
            rows: [
              ['新建改造供水工程', '≥12处'],
              ['受益人口', '≥1,500人'],
            ],
          },
          { l2: '质量指标', rows: [['工程验收合格率', '100%']] },
          { l2: '时效指标', rows: [['工程完工时间', '2024年10月底前']] },
          { l2: '成本指标', rows: [['工程建设费用', '≤1,200.00万元']] },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['农村自来水普及率', '≥95%']] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['受益群众满意度', '≥90%']] }] },
    ],
  });
}

/** U25b: the 元 table with amounts typed as text with separators (350,000 = 300,000 + 50,000). */
export function u25bYuanText(): Block {
  const b = u15Yuan();
  b.rows[4][3] = '350,000';
  b.rows[5][3] = '300,000';
  b.rows[6][3] = '50,000.00';
  const r = b.rows.findIndex((row) => row[3] === '指标1:财政奖补资金');
  b.rows[r][4] = '≤300,000元';
  b.rows[r + 1][4] = '≤50,000元';
  return b;
}

/** U27: leading/trailing spaces, U+00A0 and U+3000 in labels and values. */
export const u27Spaces: Block = (() => {
  const b = projectA({
    name: '\u3000社区卫生服务补助经费 ',
    funds: [
      ['年度资金总额(含本级和市县)\u00a040 ', ' 年度资金总额(含本级)\u300040'],
      ['其中:财政拨款\u00a040', '其中:\u3000财政拨款40 '],
      ['其他资金\u00a0', ' 其他资金'],
    ],
    goal: '完成辖区居民健康档案建档10万份。',
    indicators: [
      {
        l1: ' 产出指标\u3000',
        groups: [
          { l2: '数量指标\u00a0', rows: [[' 指标1:\u00a0建立居民健康档案', '≥10万份 ']] },
          { l2: '\u3000质量指标', rows: [['指标1:健康档案规范率\u3000', '\u3000≥90%']] },
          { l2: ' 时效指标 ', rows: [['指标1:\u3000资金拨付时间', '\u00a012月底前\u00a0']] },
          { l2: '成本指标', rows: [['指标1:补助经费 ', '≤\u00a040万元']] },
        ],
      },
      { l1: '效益指标\u00a0', groups: [{ l2: '社会效益指标 ', rows: [['指标1:居民健康管理率', ' ≥80% ']] }] },
      { l1: '\u3000满意度指标', groups: [{ l2: '服务对象满意度指标\u3000', rows: [['指标1:居民满意度\u00a0', '≥ 90%\u3000']] }] },
    ],
    head: ['绩效指标 ', '\u3000一级指标', '二级指标\u00a0', ' 三级指标', '指标值\u3000'],
  });
  b.rows[1][0] = '项目名称\u3000';
  b.rows[2][0] = ' 主管部门';
  return b;
})();

/** U28: 指标值（%） in the header, rates typed as numbers (95, 100); other values with their own unit. */
export function u28HeaderUnit(rate: V = 95): Block {
  const b = projectA({
    name: '义务教育营养改善计划经费',
    funds: [
      ['年度资金总额(含本级和市县) 90', '年度资金总额(含本级) 90'],
      ['其中:财政拨款90', '其中:财政拨款90'],
      ['其他资金', '其他资金'],
    ],
    goal: '保障3000名学生在校营养餐供应,供餐率100%。',
    indicators: [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['指标1:受益学生人数', '≥3000人']] },
          {
            l2: '质量指标',
            rows: [
              ['指标1:供餐率', 100],
              ['指标2:食品安全抽检合格率', rate],
            ],
          },
          { l2: '时效指标', rows: [['指标1:补助资金拨付及时率', 100]] },
        ],
      },
      { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['指标1:学生营养状况改善率', 90]] }] },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:学生家长满意度', 90]] }] },
    ],
    head: ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值（%）'],
  });
  return b;
}

/** U29: comparators written in words: 90%以上, 不低于90%, 不少于3次, 不超过5万元, ≤5个工作日内. */
export const u29Words: Block = projectA({
  name: '法律援助工作经费',
  funds: [
    ['年度资金总额(含本级和市县) 5', '年度资金总额(含本级) 5'],
    ['其中:财政拨款5', '其中:财政拨款5'],
    ['其他资金', '其他资金'],
  ],
  goal: '办理法律援助案件200件,开展普法宣传不少于3次。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        {
          l2: '数量指标',
          rows: [
            ['普法宣传次数', '不少于3次'],
            ['办理法律援助案件', '200件以上'],
          ],
        },
        { l2: '质量指标', rows: [['案件办结率', '不低于90%']] },
        { l2: '时效指标', rows: [['受理审查时限', '≤5个工作日内']] },
        { l2: '成本指标', rows: [['案件补贴经费', '不超过5万元']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['困难群众法律援助覆盖率', '95%以上']] }] },
    {
      l1: '满意度指标',
      groups: [
        {
          l2: '服务对象满意度指标',
          rows: [
            ['受援人满意度', '90%以上'],
            ['群众满意度', '不低于90%'],
          ],
        },
      ],
    },
  ],
});

/** U22c: line breaks inside 一级/二级 labels (产出\n指标), indicator names and values (≥95%\n（含）). */
export const u22cBrokenCategories: Block = projectA({
  name: '农村文化活动经费',
  funds: [
    ['年度资金总额\n(含本级和市县)\n6', '年度资金总额\n(含本级)\n6'],
    ['其中:财政拨款\n6', '其中:财政拨款\n6'],
    ['其他资金', '其他资金'],
  ],
  goal: '开展农村文化活动30场。',
  indicators: [
    {
      l1: '产出\n指标',
      groups: [
        { l2: '数量\n指标', rows: [['指标1:\n开展文化活动场次', '≥30\n场']] },
        { l2: '质量\n指标', rows: [['指标1:活动\n完成率', '≥95%\n（含）']] },
        { l2: '时效\n指标', rows: [['指标1:活动完成时间', '12月\n底前']] },
        { l2: '成本\n指标', rows: [['指标1:活动经费', '≤6\n万元']] },
      ],
    },
    { l1: '效益\n指标', groups: [{ l2: '社会效益\n指标', rows: [['指标1:群众参与人次', '≥3000\n人次']] }] },
    { l1: '满意度\n指标', groups: [{ l2: '服务对象\n满意度指标', rows: [['指标1:群众满意度', '≥90%']] }] },
  ],
});

/** U25c: separate amount cells: text with separators (1,200.00) and a number in the format #,##0.00. */
export function u25cSeparateCells(): Block {
  const b = u13TwoRowHeader();
  b.rows[3] = ['年度资金总额', '1,200.00', '其中：财政拨款', { v: 1000, numFmt: '#,##0.00' }];
  b.rows[4] = [null, null, '其他资金', '200.00'];
  const r = b.rows.findIndex((row) => row[2] === '项目管理费');
  b.rows[r][3] = '≤1,200万元';
  return b;
}

// ---------------------------------------------------------------------------------------------------------
// Round 3: templates from other provinces and budget systems
// ---------------------------------------------------------------------------------------------------------

/** U30: a 分值 / 权重 column right of 指标值 holding scores (10, 20, 30) that add up to 100. */
export function u30Score(label = '分值'): Block {
  const scores = [20, 10, 10, 20, 30, 10];
  const b = small('农村环境综合整治经费', 20);
  b.rows[8] = ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', label];
  for (let i = 0; i < 6; i++) b.rows[9 + i][5] = scores[i];
  b.merges = b.merges.map(([r1, c1, r2, c2]) => [r1, c1, r2, c2 === 4 ? 5 : c2] as M);
  return b;
}

/** U31: the number in 指标值 and its unit in a column of its own headed 单位 (or 计量单位). */
export function u31UnitColumn(unitHead = '单位'): Block {
  const b = u13TwoRowHeader();
  b.rows[6] = ['绩效指标', null, null, null, null];
  b.rows[7] = ['一级指标', '二级指标', '三级指标', '指标值', unitHead];
  const vals: [V, V][] = [
    ['≥4', '次'],
    ['100', '%'],
    ['2024年12月31日前', null],
    ['≤10', '万元'],
    [500, '元/人'],
    ['≥90', '%'],
  ];
  vals.forEach(([v, u], i) => {
    b.rows[8 + i][3] = v;
    b.rows[8 + i][4] = u;
  });
  b.merges = b.merges.map(([r1, c1, r2, c2]) => [r1, c1, r2, c2 === 3 ? 4 : c2] as M);
  return b;
}

/** U32: 年度资金总额 30 = 财政拨款 20 + 上级补助 5 + 其他资金 5 (label and value in one cell, layout A). */
export function u32ThreeParts(parts: [string, string, string] = ['其中:财政拨款20', '上级补助 5', '其他资金5']): Block {
  const b = small('农村危房改造补助经费', 30);
  b.rows[5][2] = parts[0];
  b.rows[5][3] = parts[0];
  b.rows[6][2] = parts[1];
  b.rows[6][3] = parts[1];
  b.rows.splice(7, 0, [null, null, parts[2], parts[2]]);
  b.merges = b.merges.map(
    ([r1, c1, r2, c2]) => (r1 >= 7 ? [r1 + 1, c1, r2 + 1, c2] : r2 === 6 && r1 < 6 ? [r1, c1, 7, c2] : [r1, c1, r2, c2]) as M,
  );
  b.merges.push([7, 3, 7, 4]);
  return b;
}

/** U32b: separate amount cells: 年度资金总额 100 = 中央补助 60 + 省级补助 30 + 县级配套 10. */
export function u32bLevels(county: V = 10): Block {
  const b = u13TwoRowHeader();
  b.rows[3] = ['年度资金总额', 100, '其中：中央补助', 60];
  b.rows[4] = [null, null, '省级补助', 30];
  b.rows.splice(5, 0, [null, null, '县级配套', county]);
  b.merges = b.merges.map(([r1, c1, r2, c2]) => (r1 >= 5 ? [r1 + 1, c1, r2 + 1, c2] : r2 === 4 ? [r1, c1, 5, c2] : [r1, c1, r2, c2]) as M);
  const r = b.rows.findIndex((row) => row[2] === '项目管理费');
  b.rows[r][3] = '≤100万元';
  return b;
}

/** U33: 部门整体 with 部门（单位）名称 and the title 2025年度部门整体支出绩效目标表. */
export function u33DeptUnitName(): Block {
  const b = u14DeptIncome();
  b.rows[0][0] = '2025年度部门整体支出绩效目标表';
  b.rows[1][0] = '部门（单位）名称';
  return b;
}

/** U34: 资金支出计划 as cumulative amounts in 万元 (5 / 10 / 15 / 20 of a budget of 20). */
export function u34PlanAmounts(plan: V[] = [5, 10, 15, 20]): Block {
  const b = u07Plan(plan);
  b.rows[3] = ['预算规模及资金用途', '预算数', 20, '其中：财政资金', 16, '其他资金', 4];
  b.rows[5][0] = '资金支出计划（万元）';
  return b;
}

/** U35: 指标值 cells holding formulas whose cached result is text or a number. */
export function u35Formulas(): Block {
  const b = small('村级组织运转经费', 30);
  b.rows[9][3] = '指标1:开展活动次数(次)';
  b.rows[9][4] = { formula: '1+2', result: 3 };
  b.rows[10][4] = { formula: '">="&95&"%"', result: '≥95%' };
  b.rows[12][4] = { formula: '"≤"&C5&"万元"', result: '≤30万元' };
  return b;
}

/** U36: a cover sheet: a title, the unit and a date only. */
export const u36Cover: Block = {
  rows: [['2025年度项目支出绩效目标申报表'], [null], ['申报单位（盖章）：某县农业农村局'], ['2025年1月10日']],
  merges: [
    [0, 0, 0, 4],
    [2, 0, 2, 4],
    [3, 0, 3, 4],
  ],
};

/** U37: a 序号 column (1, 2, 3 …) at the far left of the indicator rows, before 一级指标 (`head` null: no header). */
export function u37SerialColumn(head: string | null = '序号'): Block {
  const b = u13TwoRowHeader();
  b.rows[6] = ['绩效指标'];
  b.rows[7] = [head, '一级指标', '二级指标', '三级指标', '指标值'];
  for (let r = 8; r < b.rows.length; r++) b.rows[r] = [r - 7, ...b.rows[r]];
  b.merges = b.merges.map(([r1, c1, r2, c2]) => (r1 >= 8 ? [r1, c1 + 1, r2, c2 + 1] : [r1, c1, r2, c2 === 3 ? 4 : c2]) as M);
  return b;
}

/** U36c: a cover sheet that names the project, the unit and the date in label：value lines. */
export const u36cCoverFields: Block = {
  rows: [
    ['2025年度项目支出绩效目标申报表'],
    [null],
    ['项目名称：农村环境整治经费'],
    ['申报单位（盖章）：某县农业农村局'],
    ['主管部门：某县人民政府'],
    ['填报日期：2025年1月10日'],
  ],
  merges: [],
};

/** P-case helper: the 三级 name and its value typed in one cell, the 指标值 cell empty. */
export function u38NameWithValue(name = '指标1:培训人次：≥300人次'): Block {
  const b = small('新型职业农民培训经费', 5);
  b.rows[9][3] = name;
  b.rows[9][4] = null;
  return b;
}

// ---------------------------------------------------------------------------------------------------------
// Round 4: goal texts and values reviewers see every day
// ---------------------------------------------------------------------------------------------------------

/** Inserts rows into `b` before relative row `at`, shifting the merges at or below it. */
export function insertRows(b: Block, at: number, rows: V[][], merges: M[] = []): Block {
  b.rows.splice(at, 0, ...rows);
  const n = rows.length;
  b.merges = b.merges.map(
    ([r1, c1, r2, c2]) => (r1 >= at ? [r1 + n, c1, r2 + n, c2] : r2 >= at ? [r1, c1, r2 + n, c2] : [r1, c1, r2, c2]) as M,
  );
  b.merges.push(...merges.map(([r1, c1, r2, c2]) => [r1 + at, c1, r2 + at, c2] as M));
  return b;
}

/** U40: a goal text with numbered items and amounts (1.…经费10万元；2.…经费8万元。) in a table of `total`. */
export function u40NumberedGoal(total = 20, goal = '1.完成培训300人次，经费10万元；2.购置设备5台，经费8万元。'): Block {
  const b = small('基层农技人员能力提升经费', total);
  b.rows[7][2] = `年度总体绩效目标(含本级和市县) ${goal}`;
  b.rows[7][3] = `年度绩效目标(含本级) ${goal}`;
  return b;
}

/** U41: rates, years and percentages in the goal text and values that are no totals (人均补助1200元/年, 每人每月640元 …). */
export const u41Rates: Block = projectA({
  name: '困难群众基本生活救助资金',
  funds: [
    ['年度资金总额(含本级和市县) 50', '年度资金总额(含本级) 50'],
    ['其中:财政拨款50', '其中:财政拨款50'],
    ['其他资金', '其他资金'],
  ],
  goal: '为辖区困难群众发放基本生活补助，人均补助1200元/年，特困人员每人每月640元，2025年底前全部发放到位；救助标准较2024年增长5%，低保覆盖率达95%以上，救助对象识别准确率提高10%。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['救助人数', '≥350人']] },
        {
          l2: '质量指标',
          rows: [
            ['救助对象识别准确率', '提高10%'],
            ['低保覆盖率', '覆盖率达95%以上'],
          ],
        },
        { l2: '时效指标', rows: [['补助资金发放时间', '2025年底前']] },
        {
          l2: '成本指标',
          rows: [
            ['人均补助标准', '人均补助1200元/年'],
            ['特困人员供养标准', '每人每月640元'],
          ],
        },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['救助标准增长率', '较2024年增长5%']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['救助对象满意度', '≥90%']] }] },
  ],
});

/** U42: ranges and compound values: 90%-95%, 3-5次, ≥90%且≤100%, 95%～100%, 不低于上年, 持续提升（≥5%）. */
export const u42Ranges: Block = projectA({
  name: '中小学校园安全管理经费',
  funds: [
    ['年度资金总额(含本级和市县) 12', '年度资金总额(含本级) 12'],
    ['其中:财政拨款12', '其中:财政拨款12'],
    ['其他资金', '其他资金'],
  ],
  goal: '开展校园安全隐患排查，隐患整改率95%以上。',
  indicators: [
    {
      l1: '产出指标',
      groups: [
        { l2: '数量指标', rows: [['安全隐患排查次数', '3-5次']] },
        {
          l2: '质量指标',
          rows: [
            ['隐患整改率', '90%-95%'],
            ['安全设施完好率', '≥90%且≤100%'],
            ['安全演练参与率', '95%～100%'],
          ],
        },
        { l2: '时效指标', rows: [['隐患整改及时率', '不低于上年']] },
        { l2: '成本指标', rows: [['安全管理经费', '≤12万元']] },
      ],
    },
    { l1: '效益指标', groups: [{ l2: '社会效益指标', rows: [['师生安全意识提升率', '持续提升（≥5%）']] }] },
    { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['师生家长满意度', '≥90%']] }] },
  ],
});

/** U43: qualitative values reviewers accept (达到国家标准, 合格, 是, 无, 0起, 良好, 符合要求, 按合同约定); `vague` adds two that are not. */
export function u43Qualitative(vague = false): Block {
  return projectA({
    name: '乡镇污水处理厂运营经费',
    funds: [
      ['年度资金总额(含本级和市县) 40', '年度资金总额(含本级) 40'],
      ['其中:财政拨款40', '其中:财政拨款40'],
      ['其他资金', '其他资金'],
    ],
    goal: '保障乡镇污水处理厂正常运营，出水水质达到国家标准。',
    indicators: [
      {
        l1: '产出指标',
        groups: [
          { l2: '数量指标', rows: [['污水处理量', '≥36万吨']] },
          {
            l2: '质量指标',
            rows: [
              ['出水水质', '达到国家标准'],
              ['设备检修质量', '合格'],
              ['是否按规定开展水质检测', '是'],
              ['违规排放情况', '无'],
              ['安全生产事故', '0起'],
            ],
          },
          { l2: '时效指标', rows: [['运营服务费支付', '按合同约定']] },
          { l2: '成本指标', rows: [['运营服务费', '≤40万元']] },
        ],
      },
      {
        l1: '效益指标',
        groups: [
          { l2: '生态效益指标', rows: [['区域水环境质量', vague ? '进一步提升' : '良好']] },
          { l2: '可持续影响指标', rows: [['运维管理制度', vague ? '有所提高' : '符合要求']] },
        ],
      },
      { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['周边群众满意度', '≥90%']] }] },
    ],
  });
}

/** U44: 时效 values as an Excel date (2025-06-30 in a date format) and as text (2025年6月30日前, 2025.06.30, 6月底前完成). */
export function u44Dates(fmt = 'yyyy-mm-dd'): Block {
  const b = small('农村公路安全生命防护工程', 30);
  b.rows[11][4] = { v: 45838, numFmt: fmt };
  b.rows[11][3] = '指标1:工程完工时间';
  insertRows(b, 12, [
    [null, null, null, '指标2:竣工验收时间', '2025年6月30日前'],
    [null, null, null, '指标3:资金拨付时间', '2025.06.30'],
    [null, null, null, '指标4:项目开工', '6月底前完成'],
  ]);
  // the 时效指标 label spans its four rows
  b.merges.push([11, 2, 14, 2]);
  return b;
}

/** U45: a vertical funds list under 资金来源 | 金额（万元）: 财政拨款 20, 其他资金 5, 合计 `total` at the bottom. */
export function u45FundsList(total: V = 25): Block {
  const b = u13TwoRowHeader();
  b.rows.splice(
    3,
    2,
    ['资金来源', '金额（万元）', null, null],
    ['财政拨款', 20, null, null],
    ['其他资金', 5, null, null],
    ['合计', total, null, null],
  );
  b.merges = b.merges.filter(([r1]) => r1 !== 3).map(([r1, c1, r2, c2]) => (r1 >= 5 ? [r1 + 2, c1, r2 + 2, c2] : [r1, c1, r2, c2]) as M);
  const r = b.rows.findIndex((row) => row[2] === '项目管理费');
  b.rows[r][3] = '≤25万元';
  return b;
}

/** U46: 部门整体 with a task block titled 年度主要任务 | 任务名称 | 主要内容 | 预算金额（万元）. */
export function u46DeptTasks(): Block {
  const b = u06Department();
  b.rows[7] = ['年度主要任务', '任务名称', '主要内容', '预算金额（万元）', '期望达到的目标'];
  b.rows[8][1] = '农技人员培训';
  b.rows[9][1] = '农产品质量安全抽检';
  b.rows[10][1] = '乡村振兴示范村建设';
  return b;
}

/** U47: header fields 项目负责人, 联系电话, 项目类型, 项目起止时间, 资金性质 between the usual ones. */
export function u47HeaderFields(): Block {
  const b = small('农村集体产权制度改革工作经费', 15);
  return insertRows(
    b,
    3,
    [
      ['项目负责人', null, '张某', '联系电话', '0951-5012345'],
      ['项目类型', null, '其他运转类项目', '资金性质', '一般公共预算'],
      ['项目起止时间', null, '2025年1月1日至2025年12月31日'],
    ],
    [
      [0, 0, 0, 1],
      [1, 0, 1, 1],
      [2, 0, 2, 1],
      [2, 2, 2, 4],
    ],
  );
}

// ---------------------------------------------------------------------------------------------------------
// Round 5: 部门整体 (department) tables and task calculations
// ---------------------------------------------------------------------------------------------------------

/** A 年度重点工作任务 row: 名称, 主要实施内容, 拟投入的资金(万元), 期望达到的目标. */
export type Task = [name: V, content: V, amount: V, target: V];

/** The LOCAL indicator blocks of a department table. */
export const DEPT_LOCAL: L1[] = [
  {
    l1: '产出指标',
    groups: [
      {
        l2: '数量指标',
        rows: [
          ['指标1:开展业务培训班次(次)', '≥4'],
          ['指标2:培训人次', '≥300人次'],
        ],
      },
      {
        l2: '质量指标',
        rows: [
          ['指标1:培训合格率(%)', '≥98%'],
          ['指标2:资金使用合规率', '100%'],
        ],
      },
      {
        l2: '时效指标',
        rows: [
          ['指标1:年度重点任务完成时限', '≤12月'],
          ['指标2:资金拨付', '按时完成'],
        ],
      },
      { l2: '成本指标', rows: [['指标1:人均培训成本(元)', '≤550元']] },
    ],
  },
  {
    l1: '效益指标',
    groups: [
      {
        l2: '社会效益指标',
        rows: [
          ['指标1:安全生产事故', '零事故'],
          ['指标2:群众办事便利度', '≥上年水平'],
        ],
      },
      { l2: '可持续影响指标', rows: [['指标1:干部队伍综合素质', '逐步提高']] },
    ],
  },
  { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:服务对象满意度(%)', '≥90%']] }] },
];

/** The same department blocks under the C2021 profile (成本指标 as a 一级). */
export const DEPT_C2021: L1[] = [
  { l1: '成本指标', groups: [{ l2: '经济成本指标', rows: [['指标1:人均培训成本(元)', '≤550元']] }] },
  {
    l1: '产出指标',
    groups: [
      {
        l2: '数量指标',
        rows: [
          ['指标1:开展业务培训班次(次)', '≥4'],
          ['指标2:培训人次', '≥300人次'],
        ],
      },
      {
        l2: '质量指标',
        rows: [
          ['指标1:培训合格率(%)', '≥98%'],
          ['指标2:资金使用合规率', '100%'],
        ],
      },
      {
        l2: '时效指标',
        rows: [
          ['指标1:年度重点任务完成时限', '≤12月'],
          ['指标2:资金拨付', '按时完成'],
        ],
      },
    ],
  },
  {
    l1: '效益指标',
    groups: [
      {
        l2: '社会效益指标',
        rows: [
          ['指标1:安全生产事故', '零事故'],
          ['指标2:群众办事便利度', '≥上年水平'],
          ['指标3:干部队伍综合素质', '逐步提高'],
        ],
      },
    ],
  },
  { l1: '满意度指标', groups: [{ l2: '服务对象满意度指标', rows: [['指标1:服务对象满意度(%)', '≥90%']] }] },
];

export const DEPT_TASKS: Task[] = [
  ['任务1: 聘用人员经费', '聘用辅助人员2人×12月×3000元=7.2万元', 7.2, '保障聘用人员工资按时发放'],
  ['任务2: 普法宣传活动', '开展普法宣传活动10场×0.5万元/场=5万元', 5, '普法宣传覆盖全县各镇街'],
  ['任务3: 业务培训', '培训业务骨干50人*200元/人=1万元', 1, '提升业务骨干履职能力'],
  ['任务4: 办公设备购置', '购置计算机、打印机等办公设备', 12.3, '保障机关正常办公'],
];

/**
 * U50: a 部门整体 table in the 遂溪 layout (基本信息 row, 部门预算支出 | 预算金额 | 收入来源 | 预算金额, a
 * 事业发展性支出 sub-header, 年度重点工作任务 with 拟投入的资金, 其他需完成的任务 (可选填), then 绩效指标).
 * `incomes` are [label, amount] rows beside the expenses (more rows than expenses are appended below).
 */
export function u50Suixi(
  o: {
    name?: string;
    basic?: V;
    project?: V;
    dev?: V;
    incomes?: [string, V][];
    tasks?: Task[];
    indicators?: L1[];
  } = {},
): Block {
  const incomes = o.incomes ?? [
    ['财政拨款', 685.52],
    ['其他资金', 20],
  ];
  const inc = (i: number): [V, V] => (incomes[i] ? [incomes[i][0], incomes[i][1]] : [null, null]);
  const rows: V[][] = [
    ['2025年县级部门整体预算绩效目标表'],
    ['部门名称', o.name ?? '某县司法局'],
    ['基本信息', '财政供养人员数', 58, '下属二级单位数', 3],
    ['预算整体情况', '部门预算支出', '预算金额(万元)', '收入来源', '预算金额(万元)'],
    [null, '基本支出', o.basic ?? 600.02, ...inc(0)],
    [null, '项目支出', o.project ?? 105.5, ...inc(1)],
    [null, '事业发展性支出', '预算金额(万元)', ...inc(2)],
    [null, '财政专项资金', null, ...inc(3)],
    [null, '其他事业发展性支出', o.dev ?? null, ...inc(4)],
  ];
  for (let i = 5; i < incomes.length; i++) rows.push([null, null, null, ...inc(i)]);
  const budgetEnd = rows.length - 1;
  rows.push(['总体绩效目标', '保障机关正常运转，完成年度普法宣传、法律援助、人民调解等重点工作任务。']);
  const goalRow = rows.length - 1;
  rows.push(['年度重点工作任务', '名称', '主要实施内容', '拟投入的资金(万元)', '期望达到的目标(概述)']);
  const taskHead = rows.length - 1;
  for (const t of o.tasks ?? DEPT_TASKS) rows.push([null, ...t]);
  rows.push(['其他需完成的任务 (可选填)', '任务1: .....', null, 0, null]);
  const taskEnd = rows.length - 1;
  rows.push(['绩效指标', '一级指标', '二级指标', '三级指标', '指标值']);
  const indHead = rows.length - 1;
  const merges: M[] = [
    [0, 0, 0, 4],
    [1, 1, 1, 4],
    [3, 0, budgetEnd, 0],
    [goalRow, 1, goalRow, 4],
    [taskHead, 0, taskEnd - 1, 0],
  ];
  const b: Block = { rows, merges };
  levels(b, o.indicators ?? DEPT_LOCAL, { col: 1 });
  b.merges.push([indHead, 0, b.rows.length - 1, 0]);
  return b;
}

/** U51: task rows whose 主要实施内容 holds calculations, 拟投入 written 5.00 / 5万元 / 50000元 / empty, a 合计 row under them. */
export function u51TaskAmounts(): Block {
  return u50Suixi({
    tasks: [
      ['任务1: 聘用人员经费', '聘用辅助人员2人×12月×3000元=7.2万元', '7.20', '保障聘用人员工资按时发放'],
      ['任务2: 普法宣传活动', '开展普法宣传活动10场×0.5万元/场=5万元', '5万元', '普法宣传覆盖全县各镇街'],
      ['任务3: 业务培训', '培训业务骨干50人*200元/人=1万元', '10000元', '提升业务骨干履职能力'],
      ['任务4: 宣传资料印刷', '印制普法宣传资料2批×7498元=14996元', 1.5, '宣传资料按时发放'],
      ['任务5: 办公设备购置', '购置计算机、打印机等办公设备', '5.00', '保障机关正常办公'],
      ['任务6: 法律顾问服务', '聘请常年法律顾问', null, '为重大决策提供法律意见'],
      ['任务7: 人民调解', '开展矛盾纠纷排查调解', '50000元', '矛盾纠纷调解成功率95%以上'],
      ['合计', null, 24.7, null],
    ],
  });
}

/** U52: incomes 财政拨款 (其中：上年结转) + 事业收入 + 其他资金 = 基本支出 + 项目支出. */
export function u52CarryOver(fiscal: V = 620.52, indicators?: L1[]): Block {
  return u50Suixi({
    indicators,
    incomes: [
      ['财政拨款', fiscal],
      ['其中：上年结转', 30],
      ['事业收入', 65],
      ['其他资金', 20],
    ],
  });
}

/** DEPT_LOCAL without the one vague value (逐步提高 → 较上年提高5%), for tables with exactly one problem. */
export const DEPT_FIRM: L1[] = JSON.parse(JSON.stringify(DEPT_LOCAL).replace('逐步提高', '较上年提高5%')) as L1[];
