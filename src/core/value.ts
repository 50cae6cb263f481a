/** Parsing of 指标值 cells: comparator, number, unit, or 定性 text. */
import { FORMULA_ERROR_RE } from './errors';
import type { Comparator, ParsedValue } from './model';
import { normalizeText } from './text';

const COMPARATOR_WORDS: [RegExp, Comparator][] = [
  [/^(≥|大于等于|大于或等于|不低于|不少于|不小于|至少|达到)/, '≥'],
  [/^(≤|小于等于|小于或等于|不高于|不超过|不多于|最多|控制在)/, '≤'],
  [/^(>|大于|高于|超过|多于)/, '>'],
  [/^(<|小于|低于|少于)/, '<'],
  [/^(=|等于)/, '='],
];

const BASE_UNITS = [
  '%',
  '‰',
  '万元',
  '亿元',
  '千元',
  '元',
  '万人次',
  '人次',
  '人天',
  '人日',
  '万人',
  '人',
  '次',
  '个',
  '台套',
  '台',
  '套',
  '部',
  '册',
  '天',
  '日',
  '年',
  '个月',
  '月',
  '周',
  '小时',
  '分钟',
  '秒',
  '家',
  '户',
  '项',
  '批',
  '件',
  '所',
  '处',
  '场',
  '期',
  '名',
  '份',
  '篇',
  '条',
  '座',
  '公里',
  '千米',
  '米',
  'km',
  'KM',
  'm²',
  'm2',
  '平方米',
  '平米',
  '亩',
  '公顷',
  '吨',
  '辆',
  '张',
  '本',
  '页',
  '间',
  '栋',
  '村',
  '镇',
  '分',
  '万',
  'GB',
  'TB',
  'MB',
  '门',
  '节',
  '课时',
  '学时',
  '班',
  '所',
  '株',
  '头',
  '只',
  '盏',
  '块',
  '棵',
  '枚',
  '组',
  '类',
  '种',
  '轮',
  '届',
  '盒',
  '支',
  '瓶',
  '台次',
  '架次',
  '车次',
  '人/年',
  '个百分点',
  '百分点',
  '倍',
  '岁',
  '年度',
  // measure words of agriculture, forestry, works and safety tables
  '公斤',
  '千克',
  '克',
  '斤',
  '匹',
  '羽',
  '尾',
  '口',
  '眼',
  '宗',
  '例',
  '起',
  '艘',
  '立方米',
  'm³',
  'm3',
  '方',
  '千瓦时',
  '千瓦',
  '兆瓦',
  '度',
  '平方公里',
  '延米',
  '户次',
  '人月',
  '课',
  '单',
  '标准亩',
  // deadlines and counted occasions ("≤5个工作日", "≥2场次"), counts of places and bodies ("≥3个村")
  '工作日',
  '个工作日',
  '场次',
  '期次',
  '批次',
  '班次',
  '件次',
  '项次',
  '人·次',
  '人·天',
  '个村',
  '个社区',
  '个乡镇',
  '个项目',
  '个单位',
  '个部门',
  // Latin units typed in technical tables ("≥80M" 射程: 湘潭 2023 申报表)
  '百分比',
  'km²',
  'cm',
  'mm',
  'm',
  'M',
  'kg',
  'KG',
  'Kg',
  't',
  'T',
  'L',
  'ml',
  'mL',
  'dB',
  'kW',
  'KW',
  'kWh',
  'kVA',
  'kV',
  'MW',
  'MPa',
  'Mbps',
  'M/s',
  'G',
  'Hz',
].sort((a, b) => b.length - a.length);

const UNIT_ALT = BASE_UNITS.map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
/**
 * A unit: a base unit, optionally with a magnitude (万亩, 万头, 亿元) and an alternative in brackets (头(只)),
 * or 万 alone; then "/x" continuations (元/人, 次/年).
 */
const UNIT_RE = new RegExp(`^(?:(?:万|亿|千)?(?:${UNIT_ALT})(?:\\((?:${UNIT_ALT})\\))?|万)((?:/[\\u4e00-\\u9fa5A-Za-z²·]+)*)`);

/** Harmless words after a number/unit ("≥90%以上"). */
const OK_SUFFIX = /^(及以上|以上|及以下|以下|以内|之内|内|左右|前|之前|以前|底|末|之后|后|上下|起)?$/;

// (anchored as a whole: same as /^[…]+$|^(待定|…)$/, without retrying every position of a long value)
const PLACEHOLDER_RE = /^(?:[\s\-—–_*＊.。…·/\\?？□■○△]+$|(待定|待填|待补充|暂无数据|填写|请填写)$)/;

/** Template slots left in a value: "≥□次", "□□%", "≥**个", "X月X日前" (no digit anywhere). */
const SLOT_RE = /□|■|\*\*|(^|[^A-Za-z])[xX]{1,3}([^A-Za-z]|$)/;

export { FORMULA_ERROR_RE };

/**
 * Dates, deadlines and periods written as the value of a 时效 indicator. Seen in real tables:
 * "2024-12-31", "2024.12", "2024年6月30日前" (宁夏), "12月底前完成", "11月底到位", "2024.03-2024.12",
 * "2024年1月-12月", "2024年1-12月", "1-12月", "全年", "年底前", "次年3月底前", "第四季度", "上半年".
 */
const DATE_POINT =
  '(?:(?:\\d{4}年度?|次年|当年|本年|上年)?(?:\\d{1,2}月(?:\\d{1,2}日)?|\\d{1,2}(?=[-至~到]\\d{1,2}月))?|\\d{4}[-/.]\\d{1,2}(?:[-/.]\\d{1,2})?|\\d{4}年度?)';
const DATE_TAIL = '(?:底|末|初|中旬|上旬|下旬|前后)?';
const DATE_WORD = '(?:全年|年底|年末|年初|年中|年内|当年|本年度?|上半年|下半年|第?[一二三四1-4]季度(?:末|内)?|\\d{4}年(?:上|下)半年)';
const DEADLINE = '(?:前|之前|以前|内|以内|止|为止)?';
/** A short verb phrase after a deadline: 完成, 到位, 拨付到位, 发放完毕, 完成验收. */
const DATE_VERB =
  '(?:[\\u4e00-\\u9fa5]{0,2}(?:完成|完工|办结|到位|拨付|发放|支付|结束|完毕|验收|上线|投用|启动|开工|实施)[\\u4e00-\\u9fa5]{0,4})?';
const DATE_RE = new RegExp(
  `^(?:${DATE_WORD}|${DATE_POINT}${DATE_TAIL}(?:(?:[-~—]{1,2}|至|到)${DATE_POINT}${DATE_TAIL})?)${DEADLINE}${DATE_VERB}$`,
);

/** A date or a deadline written as the value ("12月31日前", "2024-12-31", "2024.03-2024.12"). */
export function isDateText(compact: string): boolean {
  if (!compact || compact.length > 30 || !DATE_RE.test(compact)) return false;
  // a date says a year, a month, a day or a period word; a bare number ("12", "2024") is not one
  return /[年月日季]|^\d{4}[-/.]\d/.test(compact);
}

export function emptyValue(text = ''): ParsedValue {
  return { kind: 'empty', comparator: null, number: null, unit: null, rest: '', text };
}

/** Reads a unit (with "/x" continuations) at the start of `s`; '' when there is none. */
export function leadingUnit(s: string): string {
  const m = UNIT_RE.exec(s);
  return m ? m[0] : '';
}

export function parseValue(raw: string): ParsedValue {
  const text = normalizeText(raw).replace(/\s+/g, ' ');
  if (!text) return emptyValue();
  if (PLACEHOLDER_RE.test(text)) return { ...emptyValue(text), kind: 'placeholder' };
  // (cheap first tests: an error value starts with #, a slot has an x or X)
  if (text.charCodeAt(0) === 0x23 /* # */ && FORMULA_ERROR_RE.test(text)) return { ...emptyValue(text), kind: 'error' };
  // "XX%", "X月X日前", "≥XX次", "≥□次": a template slot not filled in.
  if (SLOT_RE.test(text) && !/\d/.test(text)) return { ...emptyValue(text), kind: 'placeholder' };
  const compact = text.replace(/\s+/g, '');
  if (isDateText(compact)) {
    return { kind: 'qualitative', comparator: null, number: null, unit: null, rest: '', text };
  }
  let s = compact;
  let comparator: Comparator | null = null;
  for (const [re, c] of COMPARATOR_WORDS) {
    const m = re.exec(s);
    if (m) {
      comparator = c;
      s = s.slice(m[0].length);
      break;
    }
  }
  // "约50人", "近100户": an approximation written before the number
  let approx = false;
  const about = /^(约|大约|近|将近)(?=\d)/.exec(s);
  if (about) {
    approx = true;
    s = s.slice(about[0].length);
  }
  const num = /^[+-]?\d[\d,]*(?:\.\d+)?/.exec(s);
  if (!num) {
    if (comparator && s === '') return { ...emptyValue(text), kind: 'placeholder' };
    // only a unit, the number left out: "公里", "万亩", "≧ %" (陈仓 2020 水利发展资金绩效目标表)
    if (s && s.length <= 6 && leadingUnit(s) === s && !/^(年度|全年|万)$/.test(s)) return { ...emptyValue(text), kind: 'unitOnly' };
    return { kind: 'qualitative', comparator: null, number: null, unit: null, rest: '', text };
  }
  const number = num[0].replace(/,/g, '');
  s = s.slice(num[0].length);
  // "200余次", "30多人", "40余条": a number with an approximation, then the unit
  if (/^[余多](?![少])/.test(s)) {
    approx = true;
    s = s.slice(1);
  }
  const unit = leadingUnit(s);
  const rest = s.slice(unit.length);
  return approx
    ? { kind: 'quantitative', comparator, number, unit, rest, text, approx }
    : { kind: 'quantitative', comparator, number, unit, rest, text };
}

/** True when the text after the number/unit is only a harmless suffix such as "以上". */
export function restIsHarmless(rest: string): boolean {
  // (a full stop typed after the value; a remark in brackets without numbers: "≥90%(含)", "100%(按期)")
  const r = rest.replace(/[。.;；,，、]+$/, '');
  return OK_SUFFIX.test(r) || /^\([^()\d]{1,12}\)(及以上|以上|以内|以下)?$/.test(r);
}

/** Unit declared in an indicator name: "培训签到率(%)" -> "%", "人均培训成本(元)" -> "元". */
export function unitFromName(name: string): string | null {
  if (!/[)）]\s*$/.test(name)) return null;
  const m = /\(([^()]{1,8})\)\s*$/.exec(normalizeText(name));
  if (!m) return null;
  const u = leadingUnit(m[1].trim());
  return u && u === m[1].trim() ? u : null;
}

export function isMoneyUnit(unit: string | null | undefined): boolean {
  return !!unit && (/^(万元|亿元|千元|元)/.test(unit) || unit === '万');
}

export function isRateUnit(unit: string | null | undefined): boolean {
  return unit === '%' || unit === '‰' || unit === '百分比';
}

/** What a unit measures, for telling a 计量单位 column that contradicts its value from one that agrees. */
export type UnitFamily = 'money' | 'rate' | 'other';

export function unitFamily(unit: string): UnitFamily {
  const u = unit.split('/')[0];
  if (isMoneyUnit(u)) return 'money';
  if (isRateUnit(u) || /百分点$/.test(u)) return 'rate';
  return 'other';
}

/**
 * Whether a value's unit contradicts the unit of its 计量单位 column: different kinds of measure ("12.5万元" under
 * "%"), or money of another magnitude ("5万元" under "元"). Counted things are never compared with each other
 * (次 / 人次, 个 / 个村): the column may name the unit more loosely than the value.
 */
export function unitsContradict(valueUnit: string, columnUnit: string): boolean {
  const a = valueUnit.replace(/\s+/g, '');
  const b = columnUnit.replace(/\s+/g, '');
  if (!a || !b || a === b) return false;
  const fa = unitFamily(a);
  const fb = unitFamily(b);
  // (counts and times are never compared with each other: the column may name them more loosely)
  if (fa !== fb) return true;
  if (fa === 'money') return a.split('/')[0] !== b.split('/')[0];
  return false;
}
