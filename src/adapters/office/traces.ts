/**
 * Everything the add-in added to a workbook, and 移除全部校验痕迹, which takes it all out in one action before
 * submission: the highlights (the original fills put back, as 清除标记 does), the report sheets 导出报告 wrote, and
 * the records (marks, ignored findings, rule settings).
 *
 * A report sheet counts as the add-in's only when 导出报告 recorded its name (REPORTS_NS part, written in the same
 * batch as the sheet) and it still has that name: a sheet the user made or renamed is never removed. Nothing in the
 * content sheets but the fills of highlighted cells is touched.
 */
import { clearIn } from './paint';
import { type OfficeEnv } from './context';
import { MARKS_NS, esc, pickGeneration, unesc } from './marks';
import { REVIEW_NS } from './review';

export const REPORTS_NS = 'urn:jxmb:reports:1';

/** The part that records one report sheet written by 导出报告. */
export function reportRecord(sheet: string): string {
  return `<reports xmlns="${REPORTS_NS}"><sheet name="${esc(sheet)}"/></reports>`;
}

function recordedSheets(xml: string): string[] {
  if (!new RegExp(`<reports\\b[^>]*xmlns="${REPORTS_NS.replace(/[.:]/g, '\\$&')}"`).test(xml)) return [];
  return [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unesc(m[1]));
}

export interface Traces {
  /** Cells highlighted now (as recorded). */
  marks: number;
  /** Report sheets written by 导出报告 that are still there under their name. */
  reports: string[];
  /** Ignored findings or rule settings are recorded. */
  review: boolean;
  /** The workbook's structure is protected: sheets cannot be deleted. */
  structureProtected: boolean;
}

async function survey(ctx: Excel.RequestContext): Promise<Traces & { partIds: string[] }> {
  const col = (ns: string) => ctx.workbook.customXmlParts.getByNamespace(ns).load('items/id');
  const marks = col(MARKS_NS);
  const review = col(REVIEW_NS);
  const reports = col(REPORTS_NS);
  const names = ctx.workbook.worksheets.load('items/name');
  const protection = ctx.workbook.protection.load('protected');
  await ctx.sync();
  const markXml = marks.items.map((p) => p.getXml());
  const reportXml = reports.items.map((p) => p.getXml());
  await ctx.sync();
  const present = new Set(names.items.map((w) => w.name));
  const recorded = [...new Set(reportXml.flatMap((x) => recordedSheets(x.value)))];
  return {
    marks: pickGeneration(markXml.map((x) => x.value)).records.length,
    reports: recorded.filter((n) => present.has(n)),
    review: review.items.length > 0,
    structureProtected: protection.protected,
    partIds: [...review.items, ...reports.items].map((p) => p.id),
  };
}

/** What 移除全部校验痕迹 would remove (the pane asks the user with these figures). Two syncs. */
export async function surveyTraces(env: OfficeEnv): Promise<Traces> {
  return env.run(async (ctx) => {
    const { partIds: _ids, ...traces } = await survey(ctx);
    return traces;
  });
}

/**
 * 移除全部校验痕迹: the highlights cleared (清除标记: a cell whose fill the user changed since keeps it), then the
 * recorded report sheets deleted and the records removed. The marks go first: wherever Excel stops, what is left is
 * still recorded and the action can be run again.
 */
export async function removeTraces(env: OfficeEnv): Promise<{ restored: number; reports: string[]; notes: string[] }> {
  return env.run(async (ctx) => {
    const cleared = await clearIn(ctx, env);
    const found = await survey(ctx);
    const notes = cleared.notes.slice();
    const reports = found.structureProtected ? [] : found.reports;
    if (found.structureProtected && found.reports.length)
      notes.push(`工作簿结构受保护，报告工作表“${found.reports.join('”“')}”未能删除。撤销工作簿保护后再次操作即可。`);
    for (const name of reports) {
      const ws = ctx.workbook.worksheets.getItem(name);
      // a very hidden sheet cannot be deleted (Worksheet.delete reference; office-js #365)
      ws.visibility = 'Hidden' as Excel.SheetVisibility;
      ws.delete();
    }
    for (const id of found.partIds) ctx.workbook.customXmlParts.getItem(id).delete();
    await ctx.sync();
    return { restored: cleared.restored, reports, notes };
  });
}
