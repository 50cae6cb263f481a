import type { Severity } from '../../core/findings';

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITY_BADGE: Record<Severity, 'danger' | 'warning' | 'brand'> = {
  error: 'danger',
  warning: 'warning',
  info: 'brand',
};
