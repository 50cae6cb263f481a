/** The rule registry: every rule the checker runs, in report order. */
import { duplicateIndicator } from './duplicate-indicator';
import { missingField } from './missing-field';
import { missingValue } from './missing-value';
import { placeholderRow } from './placeholder-row';
import { spendingPlan } from './spending-plan';
import { structure } from './structure';
import { sumMismatch } from './sum-mismatch';
import { textAmountMismatch } from './text-amount-mismatch';
import type { Rule } from './types';
import { vagueValue } from './vague-value';
import { unreadableValue } from './unreadable-value';
import { valueFormat } from './value-format';

export const RULES: readonly Rule[] = [
  missingValue,
  missingField,
  placeholderRow,
  structure,
  sumMismatch,
  textAmountMismatch,
  spendingPlan,
  valueFormat,
  unreadableValue,
  duplicateIndicator,
  vagueValue,
];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code);
}
