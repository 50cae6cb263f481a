import { a1 } from '../grid';
import { keyOfNormalized } from '../text';
import { isSystemDefaultRow } from './missing-value';
import { type RawFinding, defineRule } from './types';
import { short } from './types';

const messages = {
  dup: '三级指标「{name}」在「{block}」中重复出现（首次出现在 {first}）',
} as const;
type Found = RawFinding<typeof messages>;

/** The same 三级指标 twice in one 一级 block. */
export const duplicateIndicator = defineRule({
  code: 'duplicate-indicator',
  /** Short Chinese name (reports' 规则 column). */
  title: '三级指标重复',
  defaultSeverity: 'warning',
  description: '同一一级指标下重复出现相同的三级指标',
  messages,
  check(table) {
    const out: Found[] = [];
    const seen = new Map<string, { row: number; col: number }>();
    for (const i of table.indicators) {
      if (i.placeholder || !i.name || isSystemDefaultRow(i)) continue;
      let name = keyOfNormalized(i.name);
      // (the regex only when the name ends with one of its characters)
      if ('。.，,;；'.includes(name.charAt(name.length - 1))) name = name.replace(/[。.，,;；]+$/, '');
      // (the 中期 and 年度 areas of one table each have their own blocks)
      const key = `${i.area ?? 0}|${i.level1 ?? '?'}|${name}`;
      const first = seen.get(key);
      if (first) {
        if (first.row === i.nameCell.row && first.col === i.nameCell.col) continue;
        out.push({
          cell: i.nameCell,
          messageId: 'dup',
          data: { name: short(i.name), block: i.level1 ?? '指标表', first: a1(first.row, first.col) },
        });
      } else seen.set(key, i.nameCell);
    }
    return out;
  },
});
