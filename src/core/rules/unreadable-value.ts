import type { Indicator } from '../model';
import { isRangeRest, restKind, unitMissingBeforeWords } from './value-format';
import { type RawFinding, defineRule } from './types';
import { short } from './types';

/**
 * A 指标值 with a number followed by text the checker cannot read ("≥100按计划完成", "3次10人"). It may be
 * fine to a reader; the checker only says it cannot read it, as a hint (docs/rules.md: "say less when unsure").
 */
export function isUnreadable(i: Indicator): boolean {
  const v = i.value;
  if (v.kind !== 'quantitative' || v.number === null || !v.rest) return false;
  // a number without a unit, then words: value-format says the unit is missing
  if (unitMissingBeforeWords(v.unit, v.rest)) return false;
  return restKind(v.number, v.comparator !== null, v.unit ?? '', v.rest) === 'text' && !isRangeRest(v.rest);
}

const messages = {
  unreadable: '无法识别三级指标「{name}」的指标值「{value}」，请核对是否填写正确',
} as const;
type Found = RawFinding<typeof messages>;

export const unreadableValue = defineRule({
  code: 'unreadable-value',
  /** Short Chinese name (reports' 规则 column). */
  title: '指标值无法识别',
  defaultSeverity: 'info',
  description: '数字后面的内容无法识别（如“3次10人”），请人工核对',
  messages,
  check(table) {
    const out: Found[] = [];
    for (const i of table.indicators) {
      if (!i.placeholder && isUnreadable(i))
        out.push({ cell: i.valueCell, messageId: 'unreadable', data: { name: short(i.name), value: short(i.value.text, 30) } });
    }
    return out;
  },
});
