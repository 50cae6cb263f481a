import { anchoredUnion, checkMemo } from './text';

/**
 * Column roles of the indicator area, as data: the header texts real templates print over their indicator
 * columns, and what each column holds. The parser reads the area by these roles, whatever set of columns a
 * template has; a column whose header has no role here is ignored (never taken for a value).
 *
 * Each entry names a template it was seen in (see test/corpus/ and ../shared/seeds/). A new template's column
 * is one more entry here plus a corpus table that shows it.
 */

export type ColumnRole =
  /** 一级指标 */
  | 'level1'
  /** 二级指标 */
  | 'level2'
  /** 三级指标: the indicator's name */
  | 'level3'
  /** 指标值: the target */
  | 'value'
  /** a separate 计量单位 column: the unit of the target */
  | 'unit'
  /** 序号: never a name */
  | 'serial'
  /** anything else printed beside the indicators (描述, 依据, 评分标准, 分值, 备注, 上年完成值 …): never a value */
  | 'other';

export interface ColumnEntry {
  role: ColumnRole;
  /** Tested on the header cell's label key (NFKC, no spaces, full-width brackets as half-width). */
  re: RegExp;
  /** Where the header text was seen. */
  from: string;
}

/** First match wins: the exact value and name headers before the broad "other" words. */
export const INDICATOR_COLUMNS: readonly ColumnEntry[] = [
  { role: 'level1', re: /^一级指标/, from: 'all templates' },
  { role: 'level1', re: /^一级$/, from: '临邑 2025 项目支出目标申报表 (一级 | 二级 | 三级 | 年度数值)' },
  { role: 'level2', re: /^二级$/, from: '临邑 2025 项目支出目标申报表' },
  { role: 'level3', re: /^三级$/, from: '临邑 2025 项目支出目标申报表' },
  { role: 'level1', re: /^(评价指标)$/, from: '福建 2017 财政支出项目绩效目标表 (评价指标 | 绩效内容 | 绩效标准 | 全年绩效目标)' },
  { role: 'level3', re: /^(绩效内容)$/, from: '福建 2017 财政支出项目绩效目标表' },
  {
    role: 'level1',
    re: /^(指标|指标类型|指标类别|绩效指标类别)$/,
    from: '财政部 申报表 sample (指标 | 指标内容 | 指标值), 潼南 项目库 (指标 | 指标权重 | 计量单位 | 指标性质 | 指标值), 临海 (指标类型)',
  },
  { role: 'level2', re: /^二级指标/, from: 'all templates' },
  { role: 'level3', re: /^三级指标/, from: 'all templates' },
  {
    role: 'level3',
    re: /^(指标内容|指标名称|绩效指标名称|具体指标|三级指标名称)$/,
    from: '湖北 青山区 绩效目标表 (指标内容); 湖南 项目绩效目标表',
  },
  {
    role: 'value',
    re: /^(指标值(及单位|\(.*\))?|目标值|年度指标值|指标值\(含单位\))$/,
    from: '宁夏, 北戴河, 衡东, 遂溪 seeds; central 申报表',
  },
  {
    role: 'value',
    re: /^(全年绩效目标|全年目标值|年度数值|目标数值|当年预期实现值|预期实现值|年度预期实现值|预期目标值|年度目标值|绩效目标值|指标目标值|目标值\(含单位\)|绩效指标值|(长期|中期|年度|本年度?)?指标值)$/,
    from: '鄂州市 2022 市直部门项目支出绩效目标表 (当年预期实现值); 长期/年度 tables',
  },
  { role: 'unit', re: /^(绩效)?(度量单位|计量单位|指标单位|单位)$/, from: 'budget-system exports (度量单位), 整体表 (计量单位)' },
  { role: 'serial', re: /^(序号|编号|行次)$/, from: 'budget-system exports' },
  {
    role: 'other',
    re: /(描述|确定依据|绩效标准|评分标准|评\(扣\)分标准|扣分标准|计分|备注|说明|权重|分值|得分|分数|满分|指标解释|指标性质|指标方向|指标值类型|指标类型|指标属性|度量单位|计量单位|完成情况|完成值|实际值|实现情况|上年|历史|考核方式|评价方式|评价标准|计算方法|计算公式|取值依据|数据来源|佐证|措施)/,
    from: '北戴河 (绩效指标描述, 指标值确定依据), 衡东 (绩效标准), 鄂州 (绩效标准, 保障措施), central 申报表 (指标值类型, 评(扣)分标准), 批复表 (上年实际完成值)',
  },
];

/**
 * Whether a row is the header of an indicator area: "一级指标" (and not a line of instructions), or a 指标值
 * column together with a name or category column (templates without 一级/二级/三级: 指标 | 指标内容 | 指标值,
 * 指标名称 | 指标权重 | 计量单位 | 指标性质 | 指标值).
 */
export function isIndicatorHeaderRow(cells: readonly { key: string }[]): boolean {
  // (first a cheap look for a 指标值 column: its headers all hold 值 or end in 目标; most rows have none)
  let candidate = false;
  for (let i = 0; i < cells.length && !candidate; i++) {
    const k = cells[i].key;
    candidate = k.length <= 12 && (k.includes('值') || k.endsWith('目标') || k.startsWith('一级指标'));
  }
  if (!candidate) return false;
  let value = false;
  let name = false;
  for (let i = 0; i < cells.length; i++) {
    const k = cells[i].key;
    if (isFirstLevelHeaderKey(k)) return true;
    if (k.length > 12 || !(k.includes('指标') || k.includes('值') || k.includes('内容') || k.includes('目标') || /^[一二三]级$/.test(k)))
      continue;
    const role = columnRole(k);
    if (role === 'value') value = true;
    else if (role === 'level1' || role === 'level2' || role === 'level3') name = true;
  }
  return value && name;
}

/**
 * An indicator header cell ("一级指标", "一级指标(必填)"), not a line of instructions starting with the word
 * ("一级指标:产出、效益…", "一级指标、二级指标按…填写，…").
 */
export function isFirstLevelHeaderKey(key: string): boolean {
  return key.charCodeAt(0) === 0x4e00 /* 一 */ && /^一级指标/.test(key) && key.length <= 24 && !/[:,;。，；：]/.test(key);
}

/** The role of an indicator-area header cell, null when its text is no known header. */
export function columnRole(key: string): ColumnRole | null {
  if (!key || key.length > 30) return null;
  // header texts recur in every table: remembered for the check (a pure function of the key)
  const memo = checkMemo<ColumnRole | null>('indicator-area.columnRole');
  let role = memo?.get(key);
  if (role === undefined) {
    role = null;
    for (const e of INDICATOR_COLUMNS) {
      if (e.re.test(key)) {
        role = e.role;
        break;
      }
    }
    memo?.set(key, role);
  }
  return role;
}

/**
 * Rows under (or between) the indicators that are not indicators: notes, approval and signature lines. The
 * indicator area ends at the first row whose first cell matches; each entry is tested on the label key.
 * Words that also begin indicator names (联系电话畅通率, 审核通过率) only count alone or before a colon.
 */
const NOTES = { re: /^(备注|注[:：]|说明[:：]|填报说明|填表说明)/, from: '衡东 seed, 遂溪 seed (备注), central 申报表 (填表说明)' };

export const END_OF_AREA_ROWS: readonly { re: RegExp; from: string; /** begins with any name: X局审核意见 */ anyName?: boolean }[] = [
  NOTES,
  { re: /^(审核意见|联系人|填报人)/, from: '北戴河 seed' },
  {
    re: /^(附表|附件|表)[一二三四五六七八九十\d]+([-—.]\d+)?$/,
    from: '潼南 2023 一般性项目绩效目标表 (表十二 before the next table), 福建 (附件2)',
  },
  {
    re: /^(经办人|联系人|填表人|填报人|负责人)(及|和|、)?(联系)?(电话|方式)|^(上报|报送|填报|编制)(时间|日期)([:：]|$)/,
    from: '巴南 2022 项目支出绩效目标表 (经办人及联系电话, 上报时间)',
  },
  {
    re: /^((单位|财务|部门|项目)?负责人|审核人|联系电话|填表人|制表人|经办人|填报日期|填表日期|日期|盖章|(单位)?公章|签字|签章|审核|审批)([:：(]|$)/,
    from: 'signature lines of 宁夏, 衡东 and central 申报表',
  },
  {
    re: /^(财政部门|主管部门|财政局|财政|主管|预算单位|单位|部门|业务(主管)?处室|预算处室|绩效(管理)?(处室|科)|[\u4e00-\u9fa5]{1,8}(局|处|科|室|委|办))(审核|审批|审查|复核|初审)?意见/,
    from: '鄂州 2022 市直部门项目支出绩效目标表 (主管部门审核意见), 批复表 (财政部门审核意见)',
    anyName: true,
  },
];

/** All entries as one pattern (tested on the first cell of every indicator row). */
const END_OF_AREA_RE = anchoredUnion(END_OF_AREA_ROWS.map((e) => e.re));

/** Every entry but those that begin with any name (…意见): these are tested only on keys holding 意见. */
const END_NAMED_RE = anchoredUnion(END_OF_AREA_ROWS.filter((e) => !e.anyName).map((e) => e.re));

export function endsIndicatorArea(key: string): boolean {
  // (notes may be long, "注:1.各单位可根据…"; the other end rows are short labels)
  if (key.length > 30) return NOTES.re.test(key);
  return key.includes('意见') ? END_OF_AREA_RE.test(key) : END_NAMED_RE.test(key);
}
