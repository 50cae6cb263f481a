/**
 * Applies template plans with Office.js in a constant number of context.sync() calls, whatever
 * the block size:
 *
 * - insertBlockAtSelection: 2 syncs to read the active sheet (used ranges + selection; then values,
 *   number formats and merged areas), the core parser finds the table at the cursor and the core
 *   planner plans the rows; 1 sync applies everything (row inserts, formats copied from the table's
 *   own rows, values, merges, cursor). 3 syncs in all.
 * - previewAtSelection: the 2 reading syncs only.
 * - insertBlankTable: new sheet 2 syncs (sheet names, write); at the selection 3 (read, write).
 * - recheckTable: 2 syncs to read the sheet again, then the core checker.
 */
import { checkWorkbook, parseWorkbook } from '../../core/check';
import { codeNote } from './errors';
import type { Finding } from '../../core/findings';
import { type CellValue, type Merge, type SheetGrid, a1, normalizeMerges } from '../../core/grid';
import type { Table } from '../../core/model';
import { type BlankLayout, type BlankPlan, type CellStyle, planBlankTable } from '../../core/templates/blank';
import {
  type ResolvedIndicator,
  type TemplateProfile,
  getBlock,
  materializeBlock,
  materializeIndicator,
} from '../../core/templates/library';
import { type Proposal, applyProposals, proposeValues, suggestBlocks } from '../../core/templates/suggest';
import {
  type BlockPlan,
  type PlannedIndicator,
  type RowInsertion,
  applyPlanToGrid,
  planIndicatorsInsertion,
} from '../../core/templates/plan';
import { detectProfile } from '../../core/templates/profile';
import { formatRect, parseRangeAddress, splitAreas } from './address';
import { detectCapabilities } from './capabilities';
import { LIMITS, assembleMerges, planMerges } from './plan';
import { officeCellValue } from './values';
import { BLANK_SHEET_NAME } from '../../core/layouts';

export type ProfileChoice = TemplateProfile | 'auto';

type Rect = { top: number; left: number; bottom: number; right: number };

function rectOf(r: Excel.Range): Rect | null {
  if (r.isNullObject) return null;
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

/** Whether the host has what template insertion needs (merged areas: ExcelApi 1.13; copyFrom: 1.9). */
function hostCaps(): { merges: boolean; copyFormats: boolean } {
  try {
    const caps = detectCapabilities((name, v) => Office.context.requirements.isSetSupported(name, v));
    let copy = false;
    try {
      copy = Office.context.requirements.isSetSupported('ExcelApi', '1.9');
    } catch {
      copy = false;
    }
    return { merges: caps.merges, copyFormats: copy };
  } catch {
    return { merges: true, copyFormats: true };
  }
}

interface SheetRead {
  sheet: Excel.Worksheet;
  grid: SheetGrid;
  /** Used range including formats (null: empty sheet). */
  used: Rect | null;
  /** The selected cell (active cell of the selection). */
  sel: { row: number; col: number };
}

/**
 * Reads one worksheet into a SheetGrid in exactly 2 syncs (`merges` false: without merged areas,
 * for Excel before ExcelApi 1.13): (1) name, selection and used ranges;
 * (2) values + number formats of the used range and its merged areas (queried in row blocks, so a
 * sheet with hundreds of merges stays under Excel's 512-areas limit; see ./plan).
 */
async function readSheet(
  ctx: Excel.RequestContext,
  sync: () => Promise<void>,
  sheet: Excel.Worksheet,
  withMerges = hostCaps().merges,
): Promise<SheetRead> {
  sheet.load('name');
  const sel = ctx.workbook.getSelectedRange().untrack();
  sel.load(['rowIndex', 'columnIndex']);
  const all = sheet.getUsedRangeOrNullObject(false).untrack().load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  const vals = sheet.getUsedRangeOrNullObject(true).untrack().load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  await sync();
  const allRect = rectOf(all);
  const valRect = rectOf(vals);
  const values = valRect
    ? sheet
        .getRangeByIndexes(valRect.top, valRect.left, valRect.bottom - valRect.top + 1, valRect.right - valRect.left + 1)
        .untrack()
        .load(['values', 'numberFormat'])
    : null;
  // getMergedAreasOrNullObject is ExcelApi 1.13: without it merged cells read as separate cells
  const mergePlan = allRect && withMerges ? planMerges(sheet.name, allRect, LIMITS.maxAreasPerQuery) : null;
  const q = (r: Rect) =>
    sheet
      .getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1)
      .untrack()
      .getMergedAreasOrNullObject()
      .untrack()
      .load('address');
  const mergeLoads = mergePlan ? { blocks: mergePlan.blocks.map(q), straddles: mergePlan.straddles.map(q) } : null;
  await sync();
  const cells: CellValue[][] = [];
  if (values && valRect) {
    (values.values as unknown[][]).forEach((line, i) => {
      cells.push(line.map((v, j) => officeCellValue(v, (values.numberFormat as unknown[][])[i]?.[j])));
    });
  }
  const rects = (a: Excel.RangeAreas): Rect[] => (a.isNullObject ? [] : splitAreas(a.address).map((x) => parseRangeAddress(x)));
  const merges: Merge[] =
    mergePlan && mergeLoads ? assembleMerges(mergePlan, mergeLoads.blocks.map(rects), mergeLoads.straddles.map(rects)) : [];
  const grid = normalizeMerges({
    name: sheet.name,
    rowOffset: valRect ? valRect.top : 0,
    colOffset: valRect ? valRect.left : 0,
    cells,
    merges: merges.filter((m) => m.bottom > m.top || m.right > m.left),
  });
  return { sheet, grid, used: allRect, sel: { row: sel.rowIndex, col: sel.columnIndex } };
}

/** The table containing (row, col), else the nearest table above it that spans the column. */
export function tableAt(tables: Table[], row: number, col: number): Table | null {
  const inside = tables.filter((t) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right);
  if (inside.length > 0) return inside[inside.length - 1];
  const above = tables.filter((t) => t.top <= row && col >= t.left && col <= t.right).sort((a, b) => b.top - a.top);
  return above[0] ?? null;
}

export interface InsertOutcome {
  ok: boolean;
  /** Chinese message for the user. */
  message: string;
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

export interface InsertRequest {
  /** Block id or project type; or `indicators` (e.g. picked by search). */
  block?: string;
  indicators?: { block: string; name: string }[];
  profile?: ProfileChoice;
  /** Write the proposed values (recomputed from the table at insertion) instead of leaving those slots empty. */
  acceptProposals?: boolean;
}

/** The project types suggested for the table at the cursor. */
export interface SuggestOutcome {
  ok: boolean;
  message: string;
  tableName?: string;
  suggestions: { blockId: string; type: string; score: number; reasons: string[]; present: string[] }[];
  syncs: number;
}

/** Suggests project types for the table at the cursor from its name, goal and indicators (2 syncs, no change). */
export async function suggestAtSelection(): Promise<SuggestOutcome> {
  return Excel.run(async (context) => {
    const s = counted(context);
    let read: SheetRead;
    try {
      read = await readSheet(context, s.sync, context.workbook.worksheets.getActiveWorksheet());
    } catch (e) {
      return { ok: false, message: `读取工作表时 Excel 返回错误${codeNote(e)}。请重试。`, suggestions: [], syncs: s.count() };
    }
    const { grid, sel } = read;
    const table = tableAt(parseWorkbook({ sheets: [grid] }), sel.row, sel.col);
    if (!table) {
      return {
        ok: false,
        message: `在工作表「${grid.name}」的光标位置（${a1(sel.row, sel.col)}）没有找到绩效目标表。请先点击表内任意单元格。`,
        suggestions: [],
        syncs: s.count(),
      };
    }
    const suggestions = suggestBlocks(table).map((x) => ({
      blockId: x.block.id,
      type: x.block.type,
      score: x.score,
      reasons: x.reasons,
      present: x.present,
    }));
    return {
      ok: true,
      message: `按「${table.name || '未命名表'}」的项目名称、绩效目标和已有指标推荐。`,
      tableName: table.name,
      suggestions,
      syncs: s.count(),
    };
  });
}

/** Counts syncs of a RequestContext. */
function counted(context: Excel.RequestContext): { sync: () => Promise<void>; count: () => number } {
  let n = 0;
  return {
    sync: async () => {
      n++;
      await context.sync();
    },
    count: () => n,
  };
}

function pickedIndicators(req: InsertRequest, profile: TemplateProfile, budget: string | null): ResolvedIndicator[] {
  const out: ResolvedIndicator[] = [];
  for (const p of req.indicators ?? []) {
    const b = getBlock(p.block);
    const ind = b?.indicators.find((i) => i.name === p.name);
    const r = ind ? materializeIndicator(ind, profile, { budget }) : null;
    if (r && !out.some((o) => o.name === r.name)) out.push(r);
  }
  return out;
}

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
    const fail = (message: string): InsertOutcome => ({ ok: false, message, added: [], skipped: [], syncs: s.count() });
    const caps = hostCaps();
    if (!caps.merges) return fail(INSERT_NEEDS_MERGES);
    let read: SheetRead;
    try {
      read = await readSheet(context, s.sync, context.workbook.worksheets.getActiveWorksheet());
    } catch (e) {
      return fail(`读取工作表时 Excel 返回错误${codeNote(e)}，没有做任何修改。请重试。`);
    }
    const { grid, sel } = read;
    const tables = parseWorkbook({ sheets: [grid] });
    const table = tableAt(tables, sel.row, sel.col);
    if (!table)
      return fail(
        `在工作表「${grid.name}」的光标位置（${a1(sel.row, sel.col)}）没有找到绩效目标表。请先点击表内任意单元格，或用「新建空白表」。`,
      );
    const profile: TemplateProfile = !req.profile || req.profile === 'auto' ? (detectProfile(table) ?? 'LOCAL') : req.profile;
    let result;
    let proposals: Proposal[] = [];
    if (req.indicators && req.indicators.length > 0) {
      const items = pickedIndicators(req, profile, table.budget?.amount ?? null);
      if (items.length === 0) return fail('所选指标不适用于当前的指标体系。');
      result = planIndicatorsInsertion(table, grid, items, profile);
    } else {
      const block = req.block ? getBlock(req.block) : null;
      if (!block) return fail('请先选择项目类型。');
      proposals = proposeValues(table, block, profile);
      const items = materializeBlock(block, profile, { budget: table.budget?.amount ?? null });
      result = planIndicatorsInsertion(table, grid, req.acceptProposals ? applyProposals(items, proposals) : items, profile);
    }
    if (!result.ok) return fail(result.message);
    const plan = result.plan;
    const base = {
      sheet: grid.name,
      tableId: table.id,
      tableName: table.name,
      profile,
      added: plan.added,
      skipped: plan.skipped,
      // only for the slots this insertion leaves (an indicator the table already has is not inserted)
      proposals: proposals.filter((p) => plan.added.some((a) => a.name === p.name)),
    };
    if (plan.added.length === 0) {
      return { ...base, ok: true, message: '表中已有这些指标，没有需要插入的行。', syncs: s.count() };
    }
    if (!apply) return { ...base, ok: true, message: `将插入 ${plan.added.length} 行。`, syncs: s.count() };
    applyBlockPlan(read.sheet, plan, { copyFormats: caps.copyFormats });
    let note = '';
    try {
      await s.sync();
    } catch (e) {
      const r = await recoverInsertion(context, s.sync, grid.name, read, plan, e);
      if (!r.complete) return { ...base, ok: false, message: r.message, added: [], skipped: [], syncs: s.count() };
      note = `（Excel 返回了错误${codeNote(e)}，但已确认插入完整。）`;
    }
    const slots = plan.added.filter((a) => a.slot).length;
    return {
      ...base,
      ok: true,
      message: `已插入 ${plan.added.length} 行指标${plan.skipped.length ? `，跳过 ${plan.skipped.length} 个已有指标` : ''}${slots ? `；还有 ${slots} 个指标值待填写` : ''}。${note}`,
      syncs: s.count(),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// a failed insertion: find out what Excel did, undo a partial one

/** Rows as the user sees them: "第 12–14 行、第 20 行". */
export function rowsText(ranges: { top: number; count: number }[]): string {
  return ranges
    .slice()
    .sort((a, b) => a.top - b.top)
    .map((r) => (r.count === 1 ? `第 ${r.top + 1} 行` : `第 ${r.top + 1}–${r.top + r.count} 行`))
    .join('、');
}

function contentKey(g: SheetGrid): { cells: Map<string, CellValue>; merges: string[] } {
  const cells = new Map<string, CellValue>();
  g.cells.forEach((line, i) =>
    (line ?? []).forEach((v, j) => {
      if (v === null || v === undefined || (typeof v === 'string' && v === '')) return;
      cells.set(a1(g.rowOffset + i, g.colOffset + j), v);
    }),
  );
  const merges = g.merges
    .filter((m) => m.bottom > m.top || m.right > m.left)
    .map((m) => formatRect(m))
    .sort();
  return { cells, merges };
}

function sameContent(a: SheetGrid, b: SheetGrid): boolean {
  const x = contentKey(a);
  const y = contentKey(b);
  if (x.cells.size !== y.cells.size || x.merges.join(';') !== y.merges.join(';')) return false;
  for (const [k, v] of x.cells) if (y.cells.get(k) !== v) return false;
  return true;
}

/** Where the rows of the applied insertions are now (bottom-up application, as applyBlockPlan). */
function insertedRanges(applied: RowInsertion[]): { top: number; count: number }[] {
  return applied.map((ins) => ({ top: ins.at + applied.filter((o) => o.at < ins.at).reduce((n, o) => n + o.count, 0), count: ins.count }));
}

/** How many of the row insertions (bottom-up) Excel ran, judged by where the old values are now. */
function appliedInsertions(before: SheetGrid, after: SheetGrid, plan: BlockPlan): RowInsertion[] | null {
  const order = [...plan.insertions].sort((a, b) => b.at - a.at);
  const old = contentKey(before).cells;
  const now = contentKey(after).cells;
  for (let k = order.length; k >= 0; k--) {
    const applied = order.slice(0, k);
    let ok = true;
    for (const [key, v] of old) {
      const m = /^([A-Z]+)(\d+)$/.exec(key)!;
      const row = Number(m[2]) - 1;
      const shifted = row + applied.filter((ins) => ins.at <= row).reduce((n, ins) => n + ins.count, 0);
      if (now.get(`${m[1]}${shifted + 1}`) !== v) {
        ok = false;
        break;
      }
    }
    if (ok) return applied;
  }
  return null;
}

/**
 * After the applying sync failed: read the sheet again (2 syncs) and either confirm that the
 * insertion is complete, or that nothing changed, or undo a partial one (1 sync: unmerge, delete
 * the inserted rows, merge the table's own merged areas again) and read again to confirm (2 syncs).
 */
async function recoverInsertion(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  sheetName: string,
  before: SheetRead,
  plan: BlockPlan,
  error: unknown,
): Promise<{ complete: boolean; message: string }> {
  const what = `插入模板时 Excel 返回错误${codeNote(error)}`;
  const planned = rowsText(insertedRanges(plan.insertions));
  const sheet = () => context.workbook.worksheets.getItem(sheetName);
  let after: SheetRead;
  try {
    after = await readSheet(context, sync, sheet());
  } catch {
    return {
      complete: false,
      message: `${what}，而且无法确认工作表的状态。请检查工作表“${sheetName}”的${planned}（本次要插入的行）：如有插入了一半的空行，请删除后重试。`,
    };
  }
  if (sameContent(after.grid, applyPlanToGrid(before.grid, plan))) return { complete: true, message: '' };
  const grew = (after.used?.bottom ?? -1) !== (before.used?.bottom ?? -1);
  if (sameContent(after.grid, before.grid) && !grew)
    return { complete: false, message: `${what}，没有插入任何行，工作表没有被修改。请重试。` };
  const applied = appliedInsertions(before.grid, after.grid, plan);
  if (!applied || applied.length === 0) {
    return {
      complete: false,
      message: `${what}，插入只完成了一部分，无法确定哪些行已插入。请检查工作表“${sheetName}”的${planned}附近，删除多出的空行后重试。`,
    };
  }
  const rows = insertedRanges(applied);
  const done = rowsText(rows);
  try {
    const ws = sheet();
    const hit = (m: Merge) => rows.some((r) => m.top <= r.top + r.count - 1 && m.bottom >= r.top);
    const multi = (m: Merge) => m.bottom > m.top || m.right > m.left;
    const cut = after.grid.merges.filter((m) => multi(m) && hit(m));
    for (const m of cut) ws.getRange(formatRect(m)).untrack().unmerge();
    for (const r of [...rows].sort((a, b) => b.top - a.top))
      ws.getRange(`${r.top + 1}:${r.top + r.count}`)
        .untrack()
        .delete(Excel.DeleteShiftDirection.up);
    // merged areas that survive, in the old rows; merge the table's own ones that do not
    const back = (row: number) => row - rows.filter((r) => r.top + r.count - 1 < row).reduce((n, r) => n + r.count, 0);
    const kept = new Set(
      after.grid.merges.filter((m) => multi(m) && !hit(m)).map((m) => formatRect({ ...m, top: back(m.top), bottom: back(m.bottom) })),
    );
    for (const m of before.grid.merges) if (multi(m) && !kept.has(formatRect(m))) ws.getRange(formatRect(m)).untrack().merge(false);
    ws.getRangeByIndexes(before.sel.row, before.sel.col, 1, 1).untrack().select();
    await sync();
    const check = await readSheet(context, sync, sheet());
    if (sameContent(check.grid, before.grid) && (check.used?.bottom ?? -1) === (before.used?.bottom ?? -1)) {
      return {
        complete: false,
        message: `${what}，插入只完成了一部分（已插入${done}）。已自动撤销：这些行已删除，工作表恢复原样。请重试。`,
      };
    }
  } catch {
    /* fall through: tell the user what to clean up */
  }
  return {
    complete: false,
    message: `${what}，插入只完成了一部分：工作表“${sheetName}”的${done}是新插入的行，内容不完整，自动撤销没有成功。请删除这些行后重试。`,
  };
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

export interface BlankRequest {
  layout: BlankLayout;
  block?: string | null;
  profile?: TemplateProfile;
  /** 'new-sheet' (default) or 'selection' (at the selected cell of the active sheet). */
  where?: 'new-sheet' | 'selection';
  sheetName?: string;
}

export interface BlankOutcome {
  ok: boolean;
  message: string;
  sheet?: string;
  address?: string;
  added: PlannedIndicator[];
  syncs: number;
}

const LAYOUT_SHEET = BLANK_SHEET_NAME;

/** Shown (and the buttons disabled) without ExcelApi 1.13: rows cannot be inserted safely. */
export const INSERT_NEEDS_MERGES =
  '当前 Excel 版本不支持读取合并单元格（需要 ExcelApi 1.13：Excel 2021 及以上版本、Microsoft 365、网页版 Excel 或 Mac 版 Excel），无法安全地插入模板行；可以用“新建空白表”插入到新工作表。';

/**
 * Shown when a blank table is asked for at the selected cell without ExcelApi 1.13: the add-in
 * cannot see merged cells there, so it could write into one. The task pane disables the choice.
 */
export const BLANK_AT_SELECTION_NEEDS_MERGES =
  '当前 Excel 版本无法读取合并单元格（需要 ExcelApi 1.13：Excel 2021 及以上、Microsoft 365、网页版或 Mac 版 Excel），不能在选中位置插入空白表，以免覆盖合并单元格；请选择“插入到新工作表”。';

/** Inserts a whole blank table: 2 syncs on a new sheet, 3 at the selected cell. */
export async function insertBlankTable(req: BlankRequest): Promise<BlankOutcome> {
  return Excel.run(async (context) => {
    const s = counted(context);
    const profile = req.profile ?? 'LOCAL';
    const block = req.block ? getBlock(req.block) : null;
    const where = req.where ?? 'new-sheet';
    const fail = (message: string): BlankOutcome => ({ ok: false, message, added: [], syncs: s.count() });
    const readFailed = (e: unknown) => fail(`读取工作簿时 Excel 返回错误${codeNote(e)}，没有做任何修改。请重试。`);
    if (where === 'selection') {
      if (!hostCaps().merges) return fail(BLANK_AT_SELECTION_NEEDS_MERGES);
      let read: SheetRead;
      try {
        read = await readSheet(context, s.sync, context.workbook.worksheets.getActiveWorksheet());
      } catch (e) {
        return readFailed(e);
      }
      const { grid, sel } = read;
      const res = planBlankTable(req.layout, { top: sel.row, left: sel.col, profile, block, grid });
      if (!res.ok) return fail(res.message);
      applyBlankPlan(read.sheet, res.plan);
      try {
        await s.sync();
      } catch (e) {
        // the area was empty; formats it had cannot be told from ours, so it is not cleared blindly
        return fail(
          `生成空白表时 Excel 返回错误${codeNote(e)}，表格可能只写入了一部分。请检查工作表“${grid.name}”的区域 ${formatRect(res.plan)}，删除已写入的内容后重试。`,
        );
      }
      return done(grid.name, res.plan, s.count());
    }
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    try {
      await s.sync();
    } catch (e) {
      return readFailed(e);
    }
    const names = new Set(sheets.items.map((w) => w.name));
    const baseName = req.sheetName ?? LAYOUT_SHEET[req.layout];
    let name = baseName;
    for (let k = 2; names.has(name); k++) name = `${baseName}${k}`;
    const res = planBlankTable(req.layout, { top: 0, left: 0, profile, block, grid: null });
    if (!res.ok) return fail(res.message);
    const sheet = sheets.add(name);
    sheet.activate();
    applyBlankPlan(sheet, res.plan);
    try {
      await s.sync();
    } catch (e) {
      // remove the half-written new sheet (it holds nothing of the user's)
      try {
        context.workbook.worksheets.getItemOrNullObject(name).delete();
        await s.sync();
        return fail(`生成空白表时 Excel 返回错误${codeNote(e)}，已删除未完成的工作表“${name}”，工作簿恢复原样。请重试。`);
      } catch {
        return fail(`生成空白表时 Excel 返回错误${codeNote(e)}，工作表“${name}”可能只写入了一部分，请删除该工作表后重试。`);
      }
    }
    return done(name, res.plan, s.count());
  });
}

function done(sheet: string, plan: BlankPlan, syncs: number): BlankOutcome {
  const slots = plan.added.filter((a) => a.slot).length;
  return {
    ok: true,
    sheet,
    address: `${sheet}!${formatRect(plan)}`,
    message: `已在「${sheet}」${formatRect(plan)} 生成${plan.layout === 'D' ? '部门整体' : '项目支出'}绩效目标表（${plan.layout}式）${slots ? `，有 ${slots} 个指标值待填写` : ''}。`,
    added: plan.added,
    syncs,
  };
}

function applyStyle(range: Excel.Range, st: CellStyle, rows: number, cols: number): void {
  const f = range.format;
  if (st.bold !== undefined) f.font.bold = st.bold;
  if (st.fontSize !== undefined) f.font.size = st.fontSize;
  if (st.fill) f.fill.color = st.fill;
  if (st.hAlign)
    f.horizontalAlignment =
      st.hAlign === 'center'
        ? Excel.HorizontalAlignment.center
        : st.hAlign === 'right'
          ? Excel.HorizontalAlignment.right
          : Excel.HorizontalAlignment.left;
  if (st.vAlign)
    f.verticalAlignment =
      st.vAlign === 'middle'
        ? Excel.VerticalAlignment.center
        : st.vAlign === 'top'
          ? Excel.VerticalAlignment.top
          : Excel.VerticalAlignment.bottom;
  if (st.wrap !== undefined) f.wrapText = st.wrap;
  if (st.border) {
    for (const edge of [
      Excel.BorderIndex.edgeTop,
      Excel.BorderIndex.edgeBottom,
      Excel.BorderIndex.edgeLeft,
      Excel.BorderIndex.edgeRight,
      Excel.BorderIndex.insideHorizontal,
      Excel.BorderIndex.insideVertical,
    ]) {
      const b = f.borders.getItem(edge);
      b.style = Excel.BorderLineStyle.continuous;
      b.weight = Excel.BorderWeight.thin;
    }
  }
  if (st.text) range.numberFormat = Array.from({ length: rows }, () => new Array<string>(cols).fill('@'));
}

/** Queues a blank table on a worksheet (no sync). */
export function applyBlankPlan(sheet: Excel.Worksheet, plan: BlankPlan): void {
  for (const st of plan.styles) {
    const rows = st.bottom - st.top + 1;
    const cols = st.right - st.left + 1;
    applyStyle(sheet.getRangeByIndexes(st.top, st.left, rows, cols).untrack(), st.style, rows, cols);
  }
  plan.columnWidths.forEach((w, i) => {
    sheet.getRangeByIndexes(plan.top, plan.left + i, 1, 1).untrack().format.columnWidth = w * 6; // characters -> points (approx.)
  });
  for (const c of plan.cells) {
    const r = sheet.getRangeByIndexes(c.row, c.col, 1, 1).untrack();
    r.numberFormat = [['@']];
    r.values = [[c.value]];
  }
  for (const m of plan.merges) sheet.getRange(formatRect(m)).untrack().merge(false);
  sheet.getRangeByIndexes(plan.top, plan.left, 1, 1).untrack().select();
}

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

/** Selects a cell (used by the slot list). 1 sync. */
export async function selectCell(sheetName: string, row: number, col: number): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRangeByIndexes(row, col, 1, 1).untrack().select();
    await context.sync();
  });
}
