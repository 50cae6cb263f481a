import { dec, fmt } from '../money';
import type { Indicator, MoneyField } from '../model';
import {
  isDateText,
  isMoneyUnit,
  isRateUnit,
  leadingUnit,
  parseValue,
  restIsHarmless,
  unitFamily,
  unitFromName,
  unitsContradict,
} from '../value';
import { moneyFix, valueFix } from './value-fix';
import { L2 } from '../vocab';
import { isCostIndicator } from './sum-mismatch';
import { isSystemDefaultRow } from './missing-value';
import { type MessageOf, type RawFinding, defineRule } from './types';
import { short } from './types';

const RATE_NAME = /(率|满意度|占比|比例|比重)(\(.*\))?$/;
const TIME_NAME = /(时间|日期|时限|时效|期限|完成期|截止|前完成|进度)/;
/**
 * The same amount twice at the start of a money cell, with its unit between: "854万854万", "120万元120万元(其中…)"
 * (never a bare number: 2020 is not 20 twice).
 */
const MONEY_TWICE = /^(?:[^\d]{0,12}[:：])?(\d[\d,]*(?:\.\d+)?)(万元|万|元)\1(万元|万|元)?(?![\d.])/;

/** Rates where less is better: 逾期发放率, 差错率, 事故发生率, 投诉率, 辍学率 … */
const LOW_IS_GOOD =
  /(逾期|差错|事故|违规|违纪|投诉|超支|失误|漏报|误报|返工|不合格|死亡|流失|辍学|失业|超标|延误|损失|故障)[\u4e00-\u9fa5]{0,6}率(\(.*\))?$/;

/** Names of counts: the unit of a whole number is the thing counted (龙岩 2023 专项转移支付绩效目标表). */
const COUNT_NAME = /(数量|个数|次数|人数|户数|家数|场次|批次|项数|件数|座数|台数|套数|期数|数|规模指标)(\(.*\))?$/;
const GROWTH_NAME = /(增长|增幅|增加|提高|提升|降低|下降)/;

/** An amount of money inside a 定性 成本 value ("人均补助1200元/年", "每人每月640元"). */
const MONEY_IN_TEXT = /\d(?:[\d,]*\d)?(?:\.\d+)?(?:万元|亿元|千元|元)/;

/** The upper end of a range after its lower end ("90%-95%", "3-5次", "95%~100%", "≥90%且≤100%"). */
const RANGE_REST = /^(?:[-~—–至到]|且(?:≤|<|不高于|不超过|小于等于|小于))(\d+(?:\.\d+)?)(.*)$/;

/**
 * A range after a value's lower end `lower` with unit `unit`: its upper end when the range reads (the same unit, or
 * one end without one, and not below the lower end), else what is wrong with it; null when `rest` is no range.
 */
function readRange(lower: string, unit: string, rest: string): { upper: { number: string; unit: string } } | { problem: Problem } | null {
  const m = RANGE_REST.exec(rest.replace(/[。.;；,，、]+$/, ''));
  if (!m) return null;
  const upperUnit = leadingUnit(m[2]);
  if (!restIsHarmless(m[2].slice(upperUnit.length))) return null;
  if (unit && upperUnit && unit !== upperUnit) return { problem: { messageId: 'rangeUnits', data: { unit, upperUnit } } };
  if (Number(m[1]) < Number(lower)) {
    return {
      problem: { messageId: 'rangeInverted', data: { upper: m[1], upperUnit: upperUnit || unit, lower, lowerUnit: unit || upperUnit } },
    };
  }
  return { upper: { number: m[1], unit: upperUnit || unit } };
}

/** Whether the text after a value's number starts a range ("-95%", "~5次", "且≤100%"): read by value-format. */
export function isRangeRest(rest: string): boolean {
  return RANGE_REST.test(rest);
}

/** A number without a unit followed by words only ("≥100按计划完成"): the unit is missing (a warning, not a hint). */
export function unitMissingBeforeWords(unit: string | null, rest: string): boolean {
  return !unit && !/\d/.test(rest);
}

/**
 * What the text after a value's number and unit is:
 * - 'none': nothing, or a harmless suffix ("≥90%以上", "100%(按期)");
 * - 'noun': the counted thing after a measure word ("1个平台", "100%完成");
 * - 'more': further quantities ("313批/374人次", "6期,每期500本", "5个页面+60多栏目", "≥95%,≤100%");
 * - 'repeat': the number typed again in words ("100等于100%");
 * - 'contradiction': another comparator and number (">100大于90%");
 * - 'text': anything else: the value cannot be read ("≥100按计划完成").
 */
export type RestKind = 'none' | 'noun' | 'more' | 'repeat' | 'contradiction' | 'text';

const MORE_RE = /^[/,，、+;；]|^(和|及|与|其中|共|合计)(?=.*\d)/;
const COMPARATOR_IN_TEXT = /[≥≤<>=]|大于|小于|等于|不低于|不少于|不高于|不超过|高于|低于|超过|达到/;

export function restKind(number: string, hasComparator: boolean, unit: string, rest: string): RestKind {
  if (restIsHarmless(rest)) return 'none';
  let r = rest;
  if (unit) {
    // the counted noun after a measure word: 个平台, 个页面, %完成
    const noun = /^[\u4e00-\u9fa5]{1,8}/.exec(r);
    if (noun && !COMPARATOR_IN_TEXT.test(noun[0])) {
      r = r.slice(noun[0].length);
      if (!r || restIsHarmless(r)) return 'noun';
    }
  }
  if (MORE_RE.test(r) && /\d/.test(r)) return 'more';
  const nums = r.match(/\d+(?:\.\d+)?/g) ?? [];
  if (nums.length > 0) {
    const digits = number.replace('.', '');
    const half = digits.length % 2 === 0 ? digits.slice(0, digits.length / 2) : null;
    if (nums[0] === number || nums[0] === half) return 'repeat';
    if (hasComparator && COMPARATOR_IN_TEXT.test(r)) return 'contradiction';
  }
  return 'text';
}

/** Problems of one quantitative or 成本 value, in Chinese; empty when it reads fine. */
export function valueProblems(i: Indicator): string[] {
  return problemsOf(i).map((p) => valueFormat.format(p.messageId, p.data));
}

/** Problems of one quantitative or 成本 value, as messages of this rule; empty when it reads fine. */
export function problemsOf(i: Indicator): Problem[] {
  const v = i.value;
  if (v.kind === 'qualitative') return qualitativeProblems(i);
  if (v.kind !== 'quantitative' || v.number === null) return [];
  const problems: Problem[] = [];
  let unit = v.unit || i.nameUnit || '';
  // a range ("90%-95%", "3-5次"): checked as its upper end, with the unit written at either end
  const read = v.rest ? readRange(v.number, v.unit ?? '', v.rest) : null;
  const range = read && 'upper' in read ? read.upper : null;
  if (range) unit = range.unit || i.nameUnit || '';
  const garbled = garbledProblems(i, v.number, read, problems);
  if (!garbled) plainProblems(i, v.number, unit, range ? range.number : v.number, problems);
  else if (isCostIndicator(i) && unit && !isMoneyUnit(unit)) problems.push({ messageId: 'costNotMoney' });
  return problems;
}

/** A 定性 text where a number is asked for: under a rate or money 计量单位, as a 成本, a date outside 时效. */
function qualitativeProblems(i: Indicator): Problem[] {
  const text = i.value.text.replace(/\s+/g, '');
  // a text under a 计量单位 column that asks for a rate or an amount ("应保尽保" under "%": 岳阳楼区 整体表)
  const fam = i.columnUnit ? unitFamily(i.columnUnit) : null;
  if ((fam === 'rate' || fam === 'money') && !isDateText(text))
    return [{ messageId: 'columnUnitNoNumber', data: { columnUnit: i.columnUnit! } }];
  if (isCostIndicator(i) && !MONEY_IN_TEXT.test(text)) return [{ messageId: 'costNotMoneyText' }];
  if (isDateText(text) && i.level2 !== L2.timeliness && !TIME_NAME.test(i.name)) return [{ messageId: 'dateNotTimeliness' }];
  return [];
}

/** Whether a value's digits are typed twice ("9090", not the year 2020年, not a decimal). */
export function digitsTypedTwice(number: string, unit: string | null, rest: string): boolean {
  const digits = number.replace('.', '');
  // (a year is not a number typed twice: 2020年)
  const year = /^(19|20)\d\d$/.test(number) && (unit === '年' || unit === '年度' || rest.startsWith('年'));
  return (
    !year &&
    !number.includes('.') &&
    digits.length >= 4 &&
    digits.length % 2 === 0 &&
    digits.slice(0, digits.length / 2) === digits.slice(digits.length / 2)
  );
}

/**
 * The problems that make a value unreadable as written (digits twice, a bad range, words repeating or contradicting
 * the number, a unit against the 计量单位 column), pushed onto `problems`; true when there was one.
 */
function garbledProblems(i: Indicator, number: string, read: ReturnType<typeof readRange>, problems: Problem[]): boolean {
  const v = i.value;
  let garbled = false;
  if (digitsTypedTwice(number, v.unit, v.rest)) {
    const digits = number.replace('.', '');
    problems.push({ messageId: 'digitsTwice', data: { digits: digits.slice(0, digits.length / 2) } });
    garbled = true;
  }
  const rest = read && 'upper' in read ? '' : v.rest;
  const bad = read && 'problem' in read ? read.problem : null;
  const kind = bad ? 'range' : rest ? restKind(number, v.comparator !== null, v.unit ?? '', rest) : 'none';
  if (bad) problems.push(bad);
  else if (kind === 'repeat') problems.push({ messageId: 'repeatInWords', data: { rest: short(rest, 16) } });
  else if (kind === 'contradiction') {
    problems.push({ messageId: 'contradiction', data: { value: `${v.comparator ?? ''}${number}${v.unit ?? ''}`, rest: short(rest, 16) } });
  } else if (kind === 'text') {
    // a number without a unit, then words ("≥100按计划完成"): the unit is missing; anything else is only unreadable
    // (reported by unreadable-value, as a hint)
    if (unitMissingBeforeWords(v.unit, rest)) problems.push({ messageId: 'wordsAfterNumber', data: { rest: short(rest, 16) } });
  }
  if (kind !== 'none' && kind !== 'noun' && kind !== 'more') garbled = true;
  // the unit of the value, or the one its name declares ("防火面积(万亩)" | 320), against the 计量单位 column
  const ownUnit = i.columnUnit ? v.unit || unitFromName(i.name) || '' : '';
  if (ownUnit && i.columnUnit && unitsContradict(ownUnit, i.columnUnit)) {
    problems.push(
      v.unit
        ? { messageId: 'columnUnitValue', data: { columnUnit: i.columnUnit, unit: v.unit } }
        : { messageId: 'columnUnitName', data: { columnUnit: i.columnUnit, unit: ownUnit } },
    );
    garbled = true;
  }
  return garbled;
}

/** The problems of a value that reads (`unit` its own or its declared one, `upper` the number checked). */
function plainProblems(i: Indicator, number: string, unit: string, upper: string, problems: Problem[]): void {
  const v = i.value;
  const cost = isCostIndicator(i);
  // rate sanity checks, not money: a plain number is exact enough for "above 100" / "below 1"
  const num = Number(upper);
  // a whole number for a count ("补助县(市、区)数量 | 3", "开展次数 | 2"): the name says what is counted
  const counted = !unit && !cost && /^\d+$/.test(number) && COUNT_NAME.test(i.name);
  if (!unit && !counted) problems.push({ messageId: cost ? 'costNoUnit' : 'noUnit' });
  else if (cost && !isMoneyUnit(unit)) problems.push({ messageId: 'costNotMoney' });
  else if (RATE_NAME.test(i.name) && !isRateUnit(unit) && !isMoneyUnit(unit) && !/^(分|级|星)/.test(unit)) {
    problems.push({ messageId: 'rateUnit', data: { unit } });
  }
  if (isRateUnit(unit) && unit !== '‰' && num > 100 && !GROWTH_NAME.test(i.name))
    problems.push({ messageId: 'rateOver100', data: { number: upper } });
  // a rate that should be low, asked to be high ("逾期发放率 >=100%": 南岳 2023 雨露计划绩效目标申报表)
  else if (isRateUnit(unit) && (v.comparator === '≥' || v.comparator === '>') && num >= 50 && isLowGood(i.name)) {
    problems.push({ messageId: v.comparator === '≥' ? 'lowIsGoodAtLeast' : 'lowIsGoodAbove', data: { name: short(i.name, 16), number } });
  }
  if (!v.unit && i.nameUnit === '%' && num > 0 && num < 1 && number.includes('.')) {
    problems.push({ messageId: 'decimalRate', data: { percent: fmt(dec(number)!.times(100)) } });
  }
}

/** A rate where less is better, not one whose name asks for it to fall ("逾期发放率", not "逾期率下降"). */
export function isLowGood(name: string): boolean {
  return LOW_IS_GOOD.test(name) && !/(下降|降低|减少|控制)/.test(name);
}

/** valueFix's proposal for the one problem of `i`, kept only when the corrected value has no problem at all. */
function safeFix(i: Indicator, problem: string): string | null {
  const after = valueFix(i, problem, isLowGood(i.name));
  if (after === null) return null;
  const value = parseValue(after);
  return value.kind === 'quantitative' && problemsOf({ ...i, rawValue: after, value }).length === 0 ? after : null;
}

/** The same amount typed twice in a money cell. */
function moneyTwice(f: MoneyField | null, out: Found[]): void {
  // (a cheap look first: a digit right after the first 万 or 元)
  if (!f || f.amount === null || f.raw.length < 4) return;
  const u = f.raw.search(/[万元]/);
  if (u < 0 || !/\d/.test(f.raw.slice(u + 1, u + 4))) return;
  if (!MONEY_TWICE.test(f.raw.replace(/\s+/g, ''))) return;
  const after = moneyFix(f);
  out.push({
    cell: f.cell,
    messageId: 'moneyTwice',
    data: { label: f.label, value: short(f.raw, 30), amount: f.amount },
    ...(after ? { fix: { after, read: f.raw } } : {}),
  });
}

const messages = {
  bad: '三级指标「{name}」的指标值「{value}」：{problems}',
  moneyTwice: '「{label}」的金额「{value}」重复录入了两遍，应为{amount}万元',
  // the problems of one 指标值, joined by "；" into {problems} of `bad`
  columnUnitNoNumber: '计量单位栏写的是「{columnUnit}」，指标值却没有数值',
  costNotMoneyText: '成本指标应填写金额（元或万元）',
  dateNotTimeliness: '指标值是日期，但这不是时效类指标，应填写数值',
  digitsTwice: '数字「{digits}」重复录入了两遍',
  rangeUnits: '范围两端的单位「{unit}」和「{upperUnit}」不一致',
  rangeInverted: '范围上限{upper}{upperUnit}低于下限{lower}{lowerUnit}',
  repeatInWords: '数值与文字说明「{rest}」重复录入',
  contradiction: '比较符和数值「{value}」与文字说明「{rest}」矛盾',
  wordsAfterNumber: '数值后混有文字「{rest}」，无法识别计量单位',
  columnUnitValue: '计量单位栏写的是「{columnUnit}」，与指标值的单位「{unit}」不一致',
  columnUnitName: '计量单位栏写的是「{columnUnit}」，与指标名称中的单位「{unit}」不一致',
  costNoUnit: '成本指标缺少金额单位（元或万元）',
  noUnit: '定量指标缺少计量单位',
  costNotMoney: '成本指标应以金额（元或万元）表示',
  rateUnit: '比率类指标的指标值应为百分比，现单位为「{unit}」',
  rateOver100: '比率{number}%超过100%',
  lowIsGoodAtLeast: '「{name}」越低越好，指标值却要求不低于{number}%',
  lowIsGoodAbove: '「{name}」越低越好，指标值却要求高于{number}%',
  decimalRate: '疑为小数形式，应写作{percent}%',
} as const;
type Found = RawFinding<typeof messages>;
/** One problem of a 指标值: a message of this rule other than the two findings. */
type Problem = MessageOf<typeof messages, Exclude<keyof typeof messages, 'bad' | 'moneyTwice'>>;

/** A 指标值 that cannot be read: garbled repeats, contradictions, rates above 100%, no unit, 成本 not in money. */
export const valueFormat = defineRule({
  code: 'value-format',
  /** Short Chinese name (reports' 规则 column). */
  title: '指标值格式有误',
  defaultSeverity: 'warning',
  description:
    '指标值或金额无法识别：数字重复录入（「≥9090%」「854万854万」）、比较符与文字矛盾（「>100大于90%」）、比率超过 100%、越低越好的比率要求“不低于”、缺少计量单位、成本指标不是金额、计量单位栏与指标值不一致',
  messages,
  check(table) {
    const out: Found[] = [];
    // an amount typed twice in its cell ("854万854万(高标准农田建设…)": 岳阳县 2022 衔接资金申报表)
    for (const g of table.funds) {
      moneyTwice(g.total, out);
      for (const p of g.parts) moneyTwice(p, out);
    }
    for (const f of table.expenses) moneyTwice(f, out);
    for (const f of table.incomes) moneyTwice(f, out);
    for (const i of table.indicators) {
      if (
        i.placeholder ||
        i.value.kind === 'empty' ||
        i.value.kind === 'placeholder' ||
        i.value.kind === 'error' ||
        i.value.kind === 'unitOnly'
      )
        continue;
      if (isSystemDefaultRow(i)) continue; // (missing-value says so)
      const problems = problemsOf(i);
      if (problems.length) {
        const after = problems.length === 1 ? safeFix(i, problems[0].messageId) : null;
        out.push({
          cell: i.valueCell,
          messageId: 'bad',
          data: { name: short(i.name), value: short(i.value.text, 30), problems: { separator: '；', items: problems } },
          ...(after ? { fix: { after, read: i.rawValue } } : {}),
        });
      }
    }
    return out;
  },
});
