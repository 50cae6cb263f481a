/** Checking the table a template action wrote to again, for the list of values left to fill (2 syncs). */
import { checkWorkbook, parseWorkbook } from '../../core/check';
import type { Finding } from '../../core/findings';
import type { TemplateProfile } from '../../core/templates/library';
import { counted, readSheet } from './template-sheet';

export interface RecheckOutcome {
  /** missing-value findings of the table: the slots left to fill. */
  slots: Finding[];
  /** Every finding of the table. */
  findings: Finding[];
  syncs: number;
}

/**
 * Re-reads a sheet (2 syncs) and checks it; returns the findings of the table that contains `row`
 * (a row the template added), the missing-value ones first.
 */
export async function recheckTable(sheetName: string, row: number, profile?: TemplateProfile): Promise<RecheckOutcome> {
  return Excel.run(async (context) => {
    const s = counted(context);
    const { grid } = await readSheet(context, s.sync, context.workbook.worksheets.getItem(sheetName));
    const cfg = profile ? { profile } : undefined;
    const tables = parseWorkbook({ sheets: [grid] }, cfg);
    const table = tables.find((t) => row >= t.top && row <= t.bottom) ?? null;
    const res = checkWorkbook({ sheets: [grid] }, cfg);
    const findings = table ? res.findings.filter((f) => f.tableId === table.id) : [];
    return { slots: findings.filter((f) => f.code === 'missing-value'), findings, syncs: s.count() };
  });
}
