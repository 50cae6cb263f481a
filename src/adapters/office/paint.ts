/**
 * Highlights: which cells to paint, painting them with their original fills recorded (syncs 4 and 5 of 一键校验), and
 * 清除标记, which puts every recorded fill back.
 */
import type { CheckResult, Finding, Severity } from '../../core/findings';
import { type WorkbookGrid, a1 } from '../../core/grid';
import { type Capabilities } from './capabilities';
import { FAULT_MESSAGES, OperationError } from './errors';
import { SyncBudget, cellBytes } from './budget';
import { type CellRef, type FillWrite, fixTints, queueFillReads, queueFillWrites, queueTintChecks } from './fills';
import { type FillState, MARKS_SHEET, MARK_COLORS, type MarkRecord, encodeParts, markState, worse } from './marks';
import {
  type CheckOutcome,
  type Meta,
  type OfficeEnv,
  type OnProgress,
  type SheetMeta,
  Sheets,
  type SkippedSheet,
  readMeta,
} from './context';
import { type ReadResult, type Store, readUsedRanges } from './read';

/** Cells to paint: finding cells (expanded to their merged area), worst severity per cell. */
export function cellsToMark(findings: Finding[], grid: WorkbookGrid): Map<string, Map<string, Severity>> {
  const out = new Map<string, Map<string, Severity>>();
  const merges = new Map(grid.sheets.map((s) => [s.name, s.merges]));
  for (const f of findings) {
    let cells = out.get(f.sheet);
    if (!cells) out.set(f.sheet, (cells = new Map()));
    const m = merges.get(f.sheet)?.find((x) => f.row >= x.top && f.row <= x.bottom && f.col >= x.left && f.col <= x.right);
    const area = m ?? { top: f.row, left: f.col, bottom: f.row, right: f.col };
    for (let r = area.top; r <= area.bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        const k = a1(r, c);
        const cur = cells.get(k);
        cells.set(k, cur ? worse(cur, f.severity) : f.severity);
      }
    }
  }
  return out;
}

export const UNREADABLE_RECORD_NOTE = `工作表“${MARKS_SHEET}”的内容无法识别，之前的标记无法自动清除。`;

interface PaintInput {
  meta: Meta;
  result: CheckResult;
  /** The findings whose cells are painted. */
  painted: Finding[];
  read: ReadResult;
  store: Store;
  notes: string[];
  onProgress: OnProgress;
}

const refKey = (sheet: string, cell: string): string => `${sheet}!${cell}`;

/**
 * Syncs 4 and 5 of 一键校验 (more only for very many cells, see SyncBudget).
 * 4: the current fills of the previously highlighted cells and of the cells to highlight;
 * 5: put back previous highlights that are not repeated, write the new record, remove the old
 *    one, paint. In that order, so that wherever Excel stops, every painted cell is in the record
 *    in force (see pickGeneration) and nothing is left painted without one.
 */
export async function paint(ctx: Excel.RequestContext, sheets: Sheets, env: OfficeEnv, input: PaintInput): Promise<CheckOutcome> {
  const caps = env.capabilities;
  const { meta, result, painted, read, store, notes } = input;
  const metaByName = new Map(meta.sheets.map((s) => [s.name, s]));
  const { restorable, carried, missing } = partitionRecords(store.records ?? [], metaByName);
  notes.push(...missing.map(missingNote));
  const wanted = cellsToMark(painted, read.grid);
  const skippedSheets: SkippedSheet[] = [];
  const targets: { sheet: string; cell: string; severity: Severity }[] = [];
  for (const [sheet, cells] of wanted) {
    const m = metaByName.get(sheet);
    if (!m || !m.formatAllowed) {
      skippedSheets.push({ sheet, cells: cells.size });
      continue;
    }
    for (const [cell, severity] of cells) targets.push({ sheet, cell, severity });
  }
  for (const s of skippedSheets)
    notes.push(`工作表“${s.sheet}”受保护，其中 ${s.cells} 个单元格未能标记。撤销工作表保护后重新校验即可标记。`);

  // sync 4: current fills, each cell once
  const probeCells = new Map<string, CellRef>();
  for (const c of [...restorable, ...targets]) probeCells.set(refKey(c.sheet, c.cell), { sheet: c.sheet, cell: c.cell });
  const current = await readFills(ctx, sheets, [...probeCells.values()], caps);

  let keptUserFills = 0;
  const previous = new Map<string, MarkRecord>();
  const restores: FillWrite[] = [];
  const targetKeys = new Set(targets.map((t) => refKey(t.sheet, t.cell)));
  for (const r of restorable) {
    const k = refKey(r.sheet, r.cell);
    const state = markState(current.get(k)!, r);
    if (state === 'user') keptUserFills++;
    if (state !== 'marked') continue;
    previous.set(k, r);
    if (!targetKeys.has(k)) restores.push({ sheet: r.sheet, cell: r.cell, mark: r.mark, original: r.original });
  }
  // a cell still showing an earlier highlight keeps its recorded original
  const fresh: MarkRecord[] = targets.map((t) => {
    const k = refKey(t.sheet, t.cell);
    return { sheet: t.sheet, cell: t.cell, mark: MARK_COLORS[t.severity], original: previous.get(k)?.original ?? current.get(k)! };
  });

  // sync 5
  const budget = new SyncBudget(ctx);
  const sheetOf = (n: string) => sheets.get(n);
  await queueFillWrites('restore', restores, sheetOf, budget, caps);
  const tints = await queueTintChecks(restores, sheetOf, budget, caps);
  await writeRecords(ctx, sheets, budget, store, meta, [...carried, ...fresh]);
  await queueFillWrites('paint', fresh, sheetOf, budget, caps);
  await budget.flush();
  await fixTints(tints(), sheetOf, budget);
  input.onProgress({ fraction: 1, message: '校验完成' });
  return { result, grid: read.grid, marked: fresh.length, skippedSheets, keptUserFills, notes };
}

/**
 * Reads the current fills of cells (grouped per sheet with ExcelApi 1.9, else cell by cell), in
 * as few syncs as the budget allows (one for ordinary workbooks); cells a grouped read did not
 * report on their own are read one by one in one more sync.
 */
async function readFills(ctx: Excel.RequestContext, sheets: Sheets, cells: CellRef[], caps: Capabilities): Promise<Map<string, FillState>> {
  const out = new Map<string, FillState>();
  if (cells.length === 0) return out;
  const budget = new SyncBudget(ctx);
  const take = await queueFillReads(cells, (n) => sheets.get(n), budget, caps);
  await budget.sync();
  const got = take();
  const left: CellRef[] = [];
  cells.forEach((c, i) => {
    const f = got[i];
    if (f) out.set(refKey(c.sheet, c.cell), f);
    else left.push(c);
  });
  if (left.length) {
    const single = { ...caps, rangeAreas: false };
    const again = new SyncBudget(ctx);
    const takeLeft = await queueFillReads(left, (n) => sheets.get(n), again, single);
    await again.sync();
    takeLeft().forEach((f, i) => out.set(refKey(left[i].sheet, left[i].cell), f!));
  }
  return out;
}

/**
 * Recorded highlights by what can be done with them now: restorable (sheet exists and may be
 * formatted), carried (sheet protected: keep the record for later), missing (sheet renamed/deleted).
 */
function partitionRecords(records: MarkRecord[], sheets: Map<string, SheetMeta>) {
  const restorable = records.filter((r) => sheets.get(r.sheet)?.formatAllowed);
  const carried = records.filter((r) => sheets.has(r.sheet) && !sheets.get(r.sheet)!.formatAllowed);
  const missing = [...new Set(records.filter((r) => !sheets.has(r.sheet)).map((r) => r.sheet))];
  return { restorable, carried, missing };
}

const missingNote = (sheet: string): string => `找不到工作表“${sheet}”（可能已改名或删除），其中的标记无法自动清除。`;

/**
 * Queues the new record (custom XML parts of the next generation), then the removal of the old
 * parts and of a version-1 record sheet. The new generation is complete before anything old goes,
 * and a reader ignores an incomplete one, so a batch that Excel stops half-way leaves either the
 * old or the new record in force, never none.
 */
async function writeRecords(
  ctx: Excel.RequestContext,
  sheets: Sheets,
  budget: SyncBudget,
  store: Store,
  meta: Meta,
  records: MarkRecord[],
): Promise<void> {
  for (const xml of encodeParts(records, store.latest + 1)) {
    await budget.room(cellBytes.xmlPart(xml), 0);
    ctx.workbook.customXmlParts.add(xml);
  }
  for (const id of meta.partIds) {
    await budget.room(cellBytes.singleWrite, 0);
    ctx.workbook.customXmlParts.getItem(id).delete();
  }
  if (meta.legacySheet) {
    await budget.room(cellBytes.singleWrite, 0);
    const ws = sheets.get(MARKS_SHEET);
    if (meta.structureProtected) {
      // a sheet cannot be removed from a protected structure: empty it, its records are in the parts now
      ws.getRange().clear();
    } else {
      // Excel refuses to delete a very hidden sheet (Worksheet.delete reference; office-js #365)
      ws.visibility = 'Hidden' as Excel.SheetVisibility;
      ws.delete();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 清除标记

export interface ClearOutcome {
  restored: number;
  /** Highlights left alone because the user changed those cells' fill since. */
  keptUserFills: number;
  /** Protected sheets whose highlights could not be removed (kept for later). */
  protectedSheets: string[];
  /** Sheets that no longer exist (renamed or deleted). */
  missingSheets: string[];
  notes: string[];
}

export async function clearMarks(env: OfficeEnv): Promise<ClearOutcome> {
  const caps = env.capabilities;
  if (!caps.supported) throw Object.assign(new Error(caps.notes[0] ?? 'unsupported'), { code: 'ApiNotFound' });
  return env.run(async (ctx) => {
    let writing = false;
    try {
      return await clearIn(ctx, env, () => {
        writing = true;
      });
    } catch (e) {
      throw new OperationError(writing ? FAULT_MESSAGES.clearWrite(e) : FAULT_MESSAGES.clearRead(e), e);
    }
  });
}

/**
 * 清除标记 in a request context: 4 syncs (sheets · records · current fills · restore), more only
 * for very many cells. Idempotent: after a batch that Excel stopped half-way, running it again
 * finishes the job (cells already back to their original fill are skipped, half-restored ones
 * are restored again).
 */
export async function clearIn(ctx: Excel.RequestContext, env: OfficeEnv, beforeWrite: () => void = () => undefined): Promise<ClearOutcome> {
  const caps = env.capabilities;
  const sheets = new Sheets(ctx);
  const meta = await readMeta(ctx);
  const metaByName = new Map(meta.sheets.map((s) => [s.name, s]));
  const empty: ClearOutcome = { restored: 0, keptUserFills: 0, protectedSheets: [], missingSheets: [], notes: [] };
  if (meta.partIds.length === 0 && !meta.legacySheet) return empty;
  const { store } = await readUsedRanges(ctx, sheets, [], meta);
  if (store.records === null) return { ...empty, notes: [`工作表“${MARKS_SHEET}”的内容无法识别，未做任何修改。`] };
  const { restorable, carried, missing } = partitionRecords(store.records, metaByName);
  const current = await readFills(ctx, sheets, restorable, caps);
  let kept = 0;
  const restores: FillWrite[] = [];
  for (const r of restorable) {
    const state = markState(current.get(refKey(r.sheet, r.cell))!, r);
    if (state === 'marked') restores.push({ sheet: r.sheet, cell: r.cell, mark: r.mark, original: r.original });
    else if (state === 'user') kept++;
  }
  beforeWrite();
  const budget = new SyncBudget(ctx);
  const sheetOf = (n: string) => sheets.get(n);
  await queueFillWrites('restore', restores, sheetOf, budget, caps);
  const tints = await queueTintChecks(restores, sheetOf, budget, caps);
  // the record goes last: if Excel stops before, the next 清除标记 still knows every cell
  await writeRecords(ctx, sheets, budget, store, meta, carried);
  await budget.flush();
  await fixTints(tints(), sheetOf, budget);
  const protectedSheets = [...new Set(carried.map((r) => r.sheet))];
  const notes: string[] = [];
  for (const s of protectedSheets) notes.push(`工作表“${s}”受保护，其中的标记未能清除。撤销工作表保护后再次点击“清除标记”即可。`);
  notes.push(...missing.map(missingNote));
  if (kept) notes.push(`${kept} 个单元格在校验后被手动改过填充色，已保留您的修改。`);
  return { restored: restores.length, keptUserFills: kept, protectedSheets, missingSheets: missing, notes };
}
