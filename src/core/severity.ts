/**
 * Severities: the one place for their order, Chinese labels and colours. The add-in's highlights, the CLI's
 * annotated copies and summary workbook, the terminal report and the task pane's badges all take them from here.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Worst first: the order of reports, counts and filters. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Rank for sorting, worst first (error 0, warning 1, info 2). */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** The worse of two severities. */
export const worse = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b);

/** Compares by severity, worst first (for Array.prototype.sort). */
export const bySeverity = (a: { severity: Severity }, b: { severity: Severity }): number =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];

/** What users read: 错误＝审核一定会退回，警告＝多半要改，提示＝可以更好. */
export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };

/** Cell fills, as Office.js colours: Excel's own "Bad" and "Neutral" fills and a light blue for 提示. */
export const SEVERITY_FILL: Readonly<Record<Severity, string>> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };

/** The same fills as ARGB (SpreadsheetML and exceljs): "FF" + the colour. */
export const SEVERITY_ARGB: Readonly<Record<Severity, string>> = {
  error: argb(SEVERITY_FILL.error),
  warning: argb(SEVERITY_FILL.warning),
  info: argb(SEVERITY_FILL.info),
};

/** Fluent UI badge colours of the task pane. */
export const SEVERITY_BADGE: Readonly<Record<Severity, 'danger' | 'warning' | 'brand'>> = {
  error: 'danger',
  warning: 'warning',
  info: 'brand',
};

/** The terminal report: the mark before a finding and its ANSI colour (red, yellow, cyan). */
export const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: '✖', warning: '▲', info: '·' };
export const SEVERITY_ANSI: Readonly<Record<Severity, number>> = { error: 31, warning: 33, info: 36 };

function argb(hex: string): string {
  return 'FF' + hex.slice(1).toUpperCase();
}
