/**
 * value-format's one safe corrections (修正), proposed only where the intended text is certain; value-format keeps a
 * proposal only when the corrected value reads without any problem of the rule (the finding would go).
 *
 * - digits typed twice in a rate: "≥9090%" -> "≥90%" (the doubled number is over 100, its half is not: a rate of
 *   9090% cannot be meant; "8080人" could be, and is left alone);
 * - a decimal rate under a name or 计量单位 column declaring "%": "0.95" -> "95%" (only from 0.5 and for rates where
 *   more is better: "差错率(%) 0.3" may well mean 0.3%);
 * - an amount typed twice, alone in its cell: "854万854万" -> "854万".
 *
 * A corrected value is written in the checker's reading: comparators as signs and full-width digits and signs as
 * half-width ("大于等于９０９０％" -> "≥90%"), which is what the value means in every reading of it.
 */
import { dec, fmt } from '../money';
import type { Indicator, MoneyField } from '../model';
import { isRateUnit, restIsHarmless } from '../value';

/** Names of growth and decline (their rates may be small: "增长率(%) 0.5"). */
const CHANGE_NAME = /(增长|增幅|增加|提高|提升|降低|下降|减少|控制)/;

/**
 * The corrected text of a 指标值 whose only problem is `problem` (a message id of value-format), or null.
 * `lowIsGood`: the name is a rate where less is better.
 */
export function valueFix(i: Indicator, problem: string, lowIsGood: boolean): string | null {
  const v = i.value;
  if (v.kind !== 'quantitative' || v.number === null || v.approx || /^[+-]/.test(v.number)) return null;
  const cmp = v.comparator ?? '';
  if (problem === 'digitsTwice') {
    const half = v.number.slice(0, v.number.length / 2);
    if (!isRateUnit(v.unit) || Number(v.number) <= 100 || Number(half) > 100 || !restIsHarmless(v.rest)) return null;
    return `${cmp}${half}${v.unit}${v.rest}`;
  }
  if (problem === 'decimalRate') {
    if (v.rest !== '' || v.unit || (cmp !== '' && cmp !== '≥' && cmp !== '>' && cmp !== '=')) return null;
    if (lowIsGood || CHANGE_NAME.test(i.name) || Number(v.number) < 0.5) return null;
    return `${cmp}${fmt(dec(v.number)!.times(100))}%`;
  }
  return null;
}

/** An amount and its unit typed twice, and nothing else in the cell: "854万854万", "120万元120万元", "854万854". */
const MONEY_TWICE_ALONE = /^(\d[\d,]*(?:\.\d+)?)(万元|万|元)\1(万元|万|元)?$/;

/** The corrected text of an amount typed twice ("854万854万" -> "854万"), or null. */
export function moneyFix(f: MoneyField): string | null {
  const m = MONEY_TWICE_ALONE.exec(f.raw.replace(/\s+/g, ''));
  if (!m || (m[3] !== undefined && m[3] !== m[2])) return null;
  return `${m[1]}${m[2]}`;
}
