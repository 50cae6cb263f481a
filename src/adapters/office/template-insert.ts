/**
 * Inserting indicator blocks into the table at the cursor in a constant number of syncs: 2 to read the sheet
 * (template-sheet.ts), the core plans the rows (template-plan.ts), 1 applies everything (row inserts, formats copied
 * from the table's own rows, values, merges, cursor). A failed applying sync is recovered in template-recover.ts.
 */
import type { TemplateProfile } from '../../core/templates/library';
import type { BlockPlan, PlannedIndicator } from '../../core/templates/plan';
import type { Proposal } from '../../core/templates/suggest';
import { formatRect } from './address';
import { type InsertRequest, planRequest } from './template-plan';
import { recoverInsertion } from './template-recover';
import { type SheetRead, counted, errorDetail, hostCaps, readSheet } from './template-sheet';

export interface InsertOutcome {
  ok: boolean;
  /** Chinese message for the user: the cause first, without Excel's codes. */
  message: string;
  /** Excel's error code and message, for 详细信息 (only when Excel reported an error). */
  detail?: string;
  sheet?: string;
  tableId?: string;
  tableName?: string;
  profile?: TemplateProfile;
  added: PlannedIndicator[];
  skipped: BlockPlan['skipped'];
  /**
   * Values the table states for the block's slots (counts in its goal text): shown in the preview, written only when
   * the request says `acceptProposals`.
   */
  proposals?: Proposal[];
  /** context.sync() calls made. */
  syncs: number;
}

/** Shown (and the buttons disabled) without ExcelApi 1.13: rows cannot be inserted safely. */
export const INSERT_NEEDS_MERGES =
  '当前 Excel 版本不支持读取合并单元格（需要 ExcelApi 1.13：Excel 2021 及以上版本、Microsoft 365、网页版 Excel 或 Mac 版 Excel），无法安全地插入模板行；可以用“新建空白表”插入到新工作表。';

/** Plans the insertion for the table at the cursor without changing anything (2 syncs). */
export async function previewAtSelection(req: InsertRequest): Promise<InsertOutcome> {
  return runInsert(req, false);
}

/** Inserts a block (or picked indicators) into the table at the cursor: 3 syncs. */
export async function insertBlockAtSelection(req: InsertRequest): Promise<InsertOutcome> {
  return runInsert(req, true);
}

async function runInsert(req: InsertRequest, apply: boolean): Promise<InsertOutcome> {
  return Excel.run(async (context) => {
    const s = counted(context);
    const fail = (message: string, detail?: string): InsertOutcome => ({
      ok: false,
      message,
      ...(detail ? { detail } : {}),
      added: [],
      skipped: [],
      syncs: s.count(),
    });
    const caps = hostCaps();
    if (!caps.merges) return fail(INSERT_NEEDS_MERGES);
    let read: SheetRead;
    try {
      read = await readSheet(context, s.sync, context.workbook.worksheets.getActiveWorksheet());
    } catch (e) {
      return fail('读取工作表时 Excel 出错，没有做任何修改。请重试。', errorDetail(e));
    }
    const { grid, sel } = read;
    const planned = planRequest(grid, sel, req);
    if (!planned.ok) return fail(planned.message);
    const { table, profile, plan } = planned;
    const base = {
      sheet: grid.name,
      tableId: table.id,
      tableName: table.name,
      profile,
      added: plan.added,
      skipped: plan.skipped,
      // only for the slots this insertion leaves (an indicator the table already has is not inserted)
      proposals: planned.proposals.filter((p) => plan.added.some((a) => a.name === p.name)),
    };
    if (plan.added.length === 0) {
      return { ...base, ok: true, message: '表中已有这些指标，没有需要插入的行。', syncs: s.count() };
    }
    if (!apply) return { ...base, ok: true, message: `将插入 ${plan.added.length} 行。`, syncs: s.count() };
    applyBlockPlan(read.sheet, plan, { copyFormats: caps.copyFormats });
    let note = '';
    let detail: string | undefined;
    try {
      await s.sync();
    } catch (e) {
      detail = errorDetail(e);
      const r = await recoverInsertion(context, s.sync, grid.name, read, plan);
      if (!r.complete) return { ...base, ok: false, message: r.message, detail, added: [], skipped: [], syncs: s.count() };
      note = '（Excel 报告了错误，但已确认插入完整。）';
    }
    const slots = plan.added.filter((a) => a.slot).length;
    return {
      ...base,
      ok: true,
      message: `已插入 ${plan.added.length} 行指标${plan.skipped.length ? `，跳过 ${plan.skipped.length} 个已有指标` : ''}${slots ? `；还有 ${slots} 个指标值待填写` : ''}。${note}`,
      ...(detail ? { detail } : {}),
      syncs: s.count(),
    };
  });
}

/** Queues a block plan on a worksheet (no sync). */
export function applyBlockPlan(sheet: Excel.Worksheet, plan: BlockPlan, opts: { copyFormats?: boolean } = {}): void {
  // 1. whole rows, bottom-up so that original positions stay valid
  for (const ins of [...plan.insertions].sort((a, b) => b.at - a.at)) {
    sheet
      .getRange(`${ins.at + 1}:${ins.at + ins.count}`)
      .untrack()
      .insert(Excel.InsertShiftDirection.down)
      .untrack();
  }
  // 2. borders, fonts, fills from the table's own rows
  for (const f of opts.copyFormats === false ? [] : plan.formats) {
    const target = sheet.getRangeByIndexes(f.targetTop, f.left, f.targetBottom - f.targetTop + 1, f.right - f.left + 1).untrack();
    const source = sheet.getRangeByIndexes(f.sourceRow, f.left, 1, f.right - f.left + 1).untrack();
    target.copyFrom(source, Excel.RangeCopyType.formats);
  }
  // 3. values as text (so that "100%" stays the text the checker reads); the empty value cells
  // first, so that once the last value is written everything before it is too (a failed batch
  // is judged complete or not by its values and merges, see recoverInsertion)
  for (const a of plan.added) {
    if (a.slot) sheet.getRangeByIndexes(a.valueCell.row, a.valueCell.col, 1, 1).untrack().numberFormat = [['@']];
  }
  for (const w of plan.writes) {
    const r = sheet.getRangeByIndexes(w.row, w.col, 1, 1).untrack();
    r.numberFormat = [['@']];
    r.values = [[w.value]];
  }
  // 4. merges
  for (const m of plan.merges) {
    if (m.from) sheet.getRange(formatRect(m.from)).untrack().unmerge();
    sheet.getRange(formatRect(m.to)).untrack().merge(false);
  }
  // 5. put the cursor on the first value to fill
  const first = plan.added.find((a) => a.slot) ?? plan.added[0];
  if (first) sheet.getRangeByIndexes(first.valueCell.row, first.valueCell.col, 1, 1).untrack().select();
}
