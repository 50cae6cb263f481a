/**
 * The Office.js side of the add-in: 一键校验 (read the workbook into the core's grid, check it, highlight the
 * findings), 忽略此条, navigation; and the adapter's public face. Its parts, by responsibility: context.ts (the
 * environment, sheet metadata, outcome types), read.ts (reading), paint.ts (highlights and 清除标记), report.ts
 * (导出报告), review.ts (ignored findings), marks.ts (the record format), fills.ts, budget.ts, plan.ts.
 *
 * Sync budget of 一键校验 (independent of the number of tables and sheets):
 *   1. worksheets (name, visibility, protection) and workbook protection
 *   2. used range of every sheet, values of the marks sheet
 *   3. values of all sheets in row blocks with the number formats of their numeric cells
 *      (getSpecialCellsOrNullObject, ExcelApi 1.9; without it the number formats of all cells),
 *      merged areas, current fills of the previously highlighted cells: one sync per
 *      LIMITS.syncCellsValuesOnly cells (250,000; without ExcelApi 1.9 per LIMITS.syncCells,
 *      150,000), i.e. one for ordinary workbooks, 1,000 tables included. A batch Excel rejects
 *      for its size costs one more sync per split (see readCells).
 *   4. restore previous highlights, load the original fills of the cells to highlight
 *   5. write the marks sheet, paint the highlights
 * Nothing here writes a cell value outside the add-in's own sheets.
 */
import type { SheetGrid, WorkbookGrid } from '../../core/grid';
import { CheckCancelled, checkWorkbookInSlices, isOwnSheet } from '../../core/check';
import { FAULT_MESSAGES, OperationError } from './errors';
import { MARKS_NS, MARKS_SHEET } from './marks';
import { type IgnoredEntry, REVIEW_NS, type RuleSettings, encodeReview, splitIgnored } from './review';
import { type CheckOptions, type CheckOutcome, type Meta, type OfficeEnv, Sheets, readMeta } from './context';
import { type ReadResult, type Store, readCells, readUsedRanges } from './read';
import { UNREADABLE_RECORD_NOTE, clearIn, paint } from './paint';

// the adapter's public face (the task pane, tests and bench import from here)
export { officeEnv } from './context';
export type { CheckOptions, CheckOutcome, OfficeEnv, OnProgress, Progress, SkippedSheet } from './context';
export { CheckCancelled } from '../../core/check';
export { cellsToMark, clearMarks } from './paint';
export type { ClearOutcome } from './paint';
export { exportReport, hyperlinkFormula, reportRows, reportSheetName } from './report';
export { FAULT_MESSAGES };

export async function runCheck(env: OfficeEnv, options: CheckOptions = {}): Promise<CheckOutcome> {
  const caps = env.capabilities;
  if (!caps.supported) throw Object.assign(new Error(caps.notes[0] ?? 'unsupported'), { code: 'ApiNotFound' });
  const onProgress = options.onProgress ?? (() => undefined);
  const highlight = options.highlight !== false;
  return env.run(async (ctx) => {
    const sheets = new Sheets(ctx);
    let meta: Meta;
    let store: Store;
    let read: ReadResult;
    const notes = caps.notes.slice();
    try {
      onProgress({ fraction: 0.02, message: '正在读取工作表列表…' });
      meta = await readMeta(ctx);
      const contentNames = meta.sheets.filter((s) => !isOwnSheet(s.name)).map((s) => s.name);
      const toRead = options.only ? sheetsToRead(contentNames, options.only) : contentNames;
      onProgress({ fraction: 0.06, message: '正在确定数据范围…' });
      const used = await readUsedRanges(ctx, sheets, toRead, meta);
      store = used.store;
      if (store.records === null) notes.push(UNREADABLE_RECORD_NOTE);
      if (options.cancelled?.()) throw new CheckCancelled();
      read = await readCells(ctx, sheets, meta, used.infos, env, onProgress);
      notes.push(...read.notes);
      if (options.only) {
        const previous = options.only.previous;
        // nothing the checker reads has changed (a format, or the add-in's own write): the result stands as it is
        if (sameSheets(read.grid, previous.grid, toRead)) return { ...previous, unchanged: true };
        read = { ...read, grid: mergeGrids(contentNames, new Set(toRead), read.grid, previous.grid) };
      }
    } catch (e) {
      if (e instanceof CheckCancelled) throw e;
      throw new OperationError(FAULT_MESSAGES.checkRead(e), e);
    }

    onProgress({ fraction: 0.72, message: '正在校验…' });
    // the rule settings kept in the workbook apply unless the caller gives its own
    const rules = options.config?.rules ?? store.rules;
    // in slices: the pane stays responsive and 取消 is heard between them (nothing has been written yet)
    const result = await checkWorkbookInSlices(
      read.grid,
      { ...options.config, rules },
      {
        pause: () => new Promise((r) => setTimeout(r, 0)),
        cancelled: options.cancelled,
        onProgress: (p) =>
          onProgress({ fraction: 0.72 + 0.08 * (p.done / Math.max(1, p.total)), message: `正在校验（${p.done} / ${p.total} 张工作表）…` }),
      },
    );
    if (options.cancelled?.()) throw new CheckCancelled();

    const split = splitIgnored(result.findings, store.ignored);
    const kept = { ignored: split.ignored, rules: store.rules };
    if (!highlight) return { result, grid: read.grid, marked: 0, skippedSheets: [], keptUserFills: 0, notes, ...kept };

    onProgress({ fraction: 0.8, message: '正在标记单元格…' });
    try {
      const painted = options.paintHints === false ? split.shown.filter((f) => f.severity !== 'info') : split.shown;
      const outcome = await paint(ctx, sheets, env, { meta, result, painted, read, store, notes, onProgress });
      return { ...outcome, paintedHints: options.paintHints !== false, ...kept };
    } catch (e) {
      // Excel may have run part of the batch: undo what is recorded (an automatic 清除标记)
      onProgress({ fraction: 0.9, message: '写入标记时出错，正在恢复…' });
      const recovered = await clearIn(ctx, env).then(
        () => true,
        () => false,
      );
      const hadMarks = (store.records ?? []).length > 0;
      throw new OperationError(recovered ? FAULT_MESSAGES.checkWriteRecovered(e, hadMarks) : FAULT_MESSAGES.checkWriteStuck(e), e);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// checking again after an edit (CheckOptions.only)

/** The sheets to read when `only.sheets` changed: those, and content sheets the earlier grid does not have. */
function sheetsToRead(contentNames: string[], only: NonNullable<CheckOptions['only']>): string[] {
  const known = new Set(only.previous.grid.sheets.map((s) => s.name));
  const changed = new Set(only.sheets);
  return contentNames.filter((n) => changed.has(n) || !known.has(n));
}

function sheetKey(s: SheetGrid | undefined): string {
  return s ? JSON.stringify([s.rowOffset, s.colOffset, s.cells, s.merges, s.hidden ?? false, s.protected ?? false]) : '';
}

function sameSheets(now: WorkbookGrid, before: WorkbookGrid, names: string[]): boolean {
  const a = new Map(now.sheets.map((s) => [s.name, s]));
  const b = new Map(before.sheets.map((s) => [s.name, s]));
  return names.every((n) => sheetKey(a.get(n)) === sheetKey(b.get(n)));
}

/**
 * The sheets read now (`read`) and the earlier ones of the other content sheets, in the workbook's order (readCells
 * gives every sheet, those not read empty).
 */
function mergeGrids(contentNames: string[], read: Set<string>, now: WorkbookGrid, before: WorkbookGrid): WorkbookGrid {
  const a = new Map(now.sheets.map((s) => [s.name, s]));
  const b = new Map(before.sheets.map((s) => [s.name, s]));
  const pick = (n: string) => (read.has(n) ? a.get(n) : b.get(n));
  return { sheets: contentNames.map(pick).filter((s): s is SheetGrid => s !== undefined) };
}

// ---------------------------------------------------------------------------------------------
// navigation and report

/** What an earlier check left in the workbook (for the pane opened over a marked workbook). One sync. */
export async function inspectWorkbook(env: OfficeEnv): Promise<{ marked: boolean; ignored: boolean }> {
  if (!env.capabilities.supported) return { marked: false, ignored: false };
  return env.run(async (ctx) => {
    const marks = ctx.workbook.customXmlParts.getByNamespace(MARKS_NS).load('items/id');
    const review = ctx.workbook.customXmlParts.getByNamespace(REVIEW_NS).load('items/id');
    const sheets = ctx.workbook.worksheets.load('items/name');
    await ctx.sync();
    return { marked: marks.items.length > 0 || sheets.items.some((w) => w.name === MARKS_SHEET), ignored: review.items.length > 0 };
  });
}

/**
 * Stores the findings the user ignores and the rule settings (replacing what is stored; nothing to keep removes the
 * part). Two syncs: the ids of the parts, then the new part added and the old ones deleted (in that order: wherever
 * Excel stops, a record is kept). The caller checks again afterwards, so that the marks follow.
 */
export async function setReview(env: OfficeEnv, entries: readonly IgnoredEntry[], rules: RuleSettings = {}): Promise<void> {
  await env.run(async (ctx) => {
    const parts = ctx.workbook.customXmlParts.getByNamespace(REVIEW_NS).load('items/id');
    await ctx.sync();
    const old = parts.items.map((p) => p.id);
    if (entries.length || Object.keys(rules).length) ctx.workbook.customXmlParts.add(encodeReview(entries, rules));
    for (const id of old) ctx.workbook.customXmlParts.getItem(id).delete();
    await ctx.sync();
  });
}

/** Activates the sheet and selects the cell (Excel scrolls it into view). One sync. */
export async function selectCell(env: OfficeEnv, sheet: string, cell: string): Promise<void> {
  await env.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).untrack().select();
    await ctx.sync();
  });
}
