import type { Rule } from './types';
import { short } from './types';

/** A named 三级指标 whose 指标值 is empty or a placeholder. */
export const missingValue: Rule = {
  code: 'missing-value',
  defaultSeverity: 'error',
  description: '三级指标已命名，但指标值为空或仅为占位符',
  messages: {
    empty: '三级指标「{name}」的指标值未填写',
    formulaError: '三级指标「{name}」的指标值是公式错误「{value}」，请检查公式或直接填写目标值',
    placeholder: '三级指标「{name}」的指标值「{value}」是占位符，请填写实际目标值',
  },
  check(table) {
    return table.indicators
      .filter((i) => !i.placeholder && (i.value.kind === 'empty' || i.value.kind === 'placeholder' || i.value.kind === 'error'))
      .map((i) => ({
        cell: i.valueCell,
        messageId: i.value.kind === 'empty' ? 'empty' : i.value.kind === 'error' ? 'formulaError' : 'placeholder',
        data: { name: short(i.name), value: i.value.text },
      }));
  },
};
