import { type RawFinding, defineRule } from './types';
import { short } from './types';

const VAGUE = /(进一步|有所|逐步|逐年|不断|持续|较上年|明显|显著|稳步|大幅|提升|提高|增强|加强|改善|扩大|优化|完善|增加)/;

/** A negation is a measurable standard: "无明显影响", "没有明显变化". */
const NEGATED = /^(无|没有)/;

/** A number other than a year is a measurable standard: "提高10%", "持续提升(≥5%)". */
const hasMeasure = (text: string): boolean => /\d/.test(text.replace(/\d{4}年(度)?/g, ''));

const messages = {
  vague: '三级指标「{name}」的指标值「{value}」没有可衡量的标准，建议写明具体数值或达到的程度',
  approx: '三级指标「{name}」的指标值「{value}」是约数，写成「{measurable}」更便于考核',
} as const;
type Found = RawFinding<typeof messages>;

/** A 定性 value with no measurable standard ("进一步提升", "有所提升"). */
export const vagueValue = defineRule({
  code: 'vague-value',
  /** Short Chinese name (reports' 规则 column). */
  title: '指标值不可衡量',
  defaultSeverity: 'info',
  description: '定性指标值没有可衡量的标准（如“进一步提升”“有所提高”）；约数（“200余次”）建议写成“≥200次”',
  messages,
  check(table) {
    const out: Found[] = [];
    for (const i of table.indicators) {
      if (i.placeholder) continue;
      const v = i.value;
      if (v.kind === 'qualitative' && VAGUE.test(v.text) && !NEGATED.test(v.text) && !hasMeasure(v.text)) {
        out.push({ cell: i.valueCell, messageId: 'vague', data: { name: short(i.name), value: short(v.text, 30) } });
      } else if (v.kind === 'quantitative' && v.approx && (v.comparator === null || v.comparator === '≥')) {
        out.push({
          cell: i.valueCell,
          messageId: 'approx',
          data: { name: short(i.name), value: short(v.text, 30), measurable: `≥${v.number}${v.unit ?? ''}` },
        });
      }
    }
    return out;
  },
});
