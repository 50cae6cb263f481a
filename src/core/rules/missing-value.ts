import type { Indicator } from '../model';
import { type RawFinding, defineRule } from './types';
import { short } from './types';

/**
 * A target typed at the end of the 三级 name ("培训人次:≥300人次", "合格率≥95%", "培训人数:300人"): a comparator
 * and a number, or a colon and a number; null when the name holds none.
 */
export function valueInName(name: string): { name: string; value: string } | null {
  const m =
    /^(.*?[^\s:])\s*(?::\s*((?:[≥≤><=]=?|不低于|不少于|不高于|不超过)?\s*\d.*)|((?:[≥≤><]=?|=|不低于|不少于|不高于|不超过)\s*\d.*))$/.exec(
      name,
    );
  if (!m) return null;
  return { name: m[1], value: (m[2] ?? m[3]).trim() };
}

/**
 * A row the budget system fills by default and the unit left as it was: 三级指标「0」with 指标值「0」/「0.00%」
 * (奉节 2023 财政项目支出绩效目标审批表, under 经济成本/社会成本/生态环境成本指标).
 */
export function isSystemDefaultRow(i: Indicator): boolean {
  if (i.placeholder || i.name.charCodeAt(0) !== 0x30 /* 0 */ || !/^0(\.0+)?%?$/.test(i.name.trim())) return false;
  const v = i.value;
  return v.kind === 'empty' || (v.kind === 'quantitative' && Number(v.number) === 0 && (!v.unit || v.unit === '%') && !v.rest);
}

const messages = {
  empty: '三级指标「{name}」的指标值未填写',
  inName: '三级指标「{name}」的指标值未填写（「{value}」写在了三级指标名称中，请移到指标值栏）',
  formulaError: '三级指标「{name}」的指标值是公式错误「{value}」，请检查公式或直接填写目标值',
  placeholder: '三级指标「{name}」的指标值「{value}」是占位符，请填写实际目标值',
  unitOnly: '三级指标「{name}」的指标值「{value}」只有计量单位，没有填写数值',
  systemDefault: '「{where}」下只有系统默认的「0」「{value}」，未填写具体指标和指标值',
} as const;
type Found = RawFinding<typeof messages>;

/** A named 三级指标 whose 指标值 is empty or a placeholder. */
export const missingValue = defineRule({
  code: 'missing-value',
  /** Short Chinese name (reports' 规则 column). */
  title: '指标值未填写',
  defaultSeverity: 'error',
  description:
    '已命名的三级指标没有填指标值，或只填了「-」「XX%」「≥□次」等占位符、只写了计量单位（「公里」），或保留系统默认的「0」「0.00%」',
  messages,
  check(table) {
    const out: Found[] = [];
    for (const i of table.indicators) {
      if (i.placeholder) continue;
      const kind = i.value.kind;
      // (most values are filled: one test, then only the rare rows of the system's defaults)
      if (
        kind !== 'empty' &&
        kind !== 'placeholder' &&
        kind !== 'error' &&
        kind !== 'unitOnly' &&
        !(kind === 'quantitative' && i.name.charCodeAt(0) === 0x30)
      )
        continue;
      if (isSystemDefaultRow(i)) {
        out.push({
          cell: i.valueCell,
          messageId: 'systemDefault',
          data: { where: (i.level2Raw || i.level1Raw || '成本指标').replace(/\s+/g, ''), value: i.value.text || '0' },
        });
        continue;
      }
      if (kind === 'quantitative') continue;
      const inName = kind === 'empty' ? valueInName(i.name) : null;
      if (inName) out.push({ cell: i.valueCell, messageId: 'inName', data: { name: short(inName.name), value: inName.value } });
      else if (kind === 'empty') out.push({ cell: i.valueCell, messageId: 'empty', data: { name: short(i.name) } });
      else
        out.push({
          cell: i.valueCell,
          messageId: kind === 'error' ? 'formulaError' : kind === 'unitOnly' ? 'unitOnly' : 'placeholder',
          data: { name: short(i.name), value: i.value.text },
        });
    }
    return out;
  },
});
