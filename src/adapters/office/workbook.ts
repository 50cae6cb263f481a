/**
 * The Office.js side of the add-in: read the workbook into the core's grid, check it, highlight
 * the findings, clear the highlights, navigate, export a report.
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
import { isOwnSheet } from '../../core/check';
import { type Config } from '../../core/config';
import type { CheckResult, Finding, Severity } from '../../core/findings';
import { type CellValue, type SheetGrid, type WorkbookGrid, a1, normalizeMerges } from '../../core/grid';
import { checkWorkbook } from '../../core/index';
import { ruleByCode } from '../../core/rules';
import { parseRangeAddress, quoteSheet, splitAreas } from './address';
import { type Capabilities, detectCapabilities } from './capabilities';
import { OperationError, codeNote, errorCode } from './errors';
import { SyncBudget, cellBytes } from './budget';
import { type CellRef, type FillWrite, fixTints, queueFillReads, queueFillWrites, queueTintChecks } from './fills';
import { type FillState, MARKS_NS, MARKS_SHEET, MARK_COLORS, type MarkRecord, REPORT_SHEET, decodeRecords, encodeParts, markState, pickGeneration, worse } from './marks';
import { type Block, LIMITS, type Limits, type MergePlan, type Rect, assembleMerges, batchBlocks, halve, planMerges, rowBlocks } from './plan';
import { type IgnoredEntry, REVIEW_NS, decodeReview, encodeReview, splitIgnored } from './review';
import { officeCellValue } from './values';

export interface OfficeEnv {
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  capabilities: Capabilities;
  limits?: Limits;
}

/** The environment of the real Office.js host (globals). */
export function officeEnv(): OfficeEnv {
  return {
    run: (batch) => Excel.run(batch),
    capabilities: detectCapabilities((name, v) => Office.context.requirements.isSetSupported(name, v)),
  };
}

export interface Progress {
  /** 0..1 */
  fraction: number;
  message: string;
}
export type OnProgress = (p: Progress) => void;

interface SheetMeta {
  name: string;
  visibility: string;
  protected: boolean;
  /** Formats may be changed (not protected, or protected with "format cells" allowed). */
  formatAllowed: boolean;
}

interface Meta {
  sheets: SheetMeta[];
  structureProtected: boolean;
  /** Ids of the custom XML parts in MARKS_NS (the records of earlier highlights). */
  partIds: string[];
  /** A version-1 record sheet (MARKS_SHEET) exists. */
  legacySheet: boolean;
  /** Ids of the custom XML parts in REVIEW_NS (the findings the user ignored). */
  reviewPartIds: string[];
}

// ---------------------------------------------------------------------------------------------
// small Office.js helpers

class Sheets {
  private cache = new Map<string, Excel.Worksheet>();
  constructor(private readonly ctx: Excel.RequestContext) {}
  get(name: string): Excel.Worksheet {
    let ws = this.cache.get(name);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.cache.set(name, ws);
    }
    return ws;
  }
  /**
   * A range used within one sync. Untracked: Excel keeps no reference to it, so the end of the
   * Excel.run does not have to release thousands of them (Microsoft Learn, "Performance
   * optimization using the Excel JavaScript API", untrack).
   */
  range(name: string, r: Rect): Excel.Range {
    return this.get(name).getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1).untrack();
  }
  cell(name: string, row: number, col: number): Excel.Range {
    return this.get(name).getCell(row, col).untrack();
  }
}

async function readMeta(ctx: Excel.RequestContext): Promise<Meta> {
  const items = ctx.workbook.worksheets.load('items/name,items/visibility,items/protection/protected,items/protection/options');
  const wbProt = ctx.workbook.protection.load('protected');
  const parts = ctx.workbook.customXmlParts.getByNamespace(MARKS_NS).load('items/id');
  const review = ctx.workbook.customXmlParts.getByNamespace(REVIEW_NS).load('items/id');
  await ctx.sync();
  return {
    structureProtected: wbProt.protected,
    partIds: parts.items.map((p) => p.id),
    reviewPartIds: review.items.map((p) => p.id),
    legacySheet: items.items.some((ws) => ws.name === MARKS_SHEET),
    sheets: items.items.map((ws) => {
      const prot = ws.protection.protected;
      return {
        name: ws.name,
        visibility: ws.visibility,
        protected: prot,
        formatAllowed: !prot || !!ws.protection.options?.allowFormatCells,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// reading

interface UsedInfo {
  name: string;
  rect: Rect | null;
}

/** The records of earlier highlights as stored (custom XML parts, or a version-1 sheet). */
interface Store {
  /** null: a version-1 sheet whose content is not ours (nothing is cleared then). */
  records: MarkRecord[] | null;
  /** The newest generation of parts present (the next write takes the one after). */
  latest: number;
  /** Findings the user ignored (review.ts). */
  ignored: IgnoredEntry[];
}

/**
 * Sync 2: the used range of every content sheet and the stored records (the text of the record
 * parts, the values of a version-1 record sheet).
 */
async function readUsedRanges(ctx: Excel.RequestContext, sheets: Sheets, names: string[], meta: Meta) {
  const used = names.map((name) => ({ name, range: sheets.get(name).getUsedRangeOrNullObject(false).untrack().load('rowIndex,columnIndex,rowCount,columnCount') }));
  const xmls = meta.partIds.map((id) => ctx.workbook.customXmlParts.getItem(id).getXml());
  const legacy = meta.legacySheet ? sheets.get(MARKS_SHEET).getUsedRangeOrNullObject(true).untrack().load('values') : null;
  const reviews = meta.reviewPartIds.map((id) => ctx.workbook.customXmlParts.getItem(id).getXml());
  await ctx.sync();
  const infos: UsedInfo[] = used.map(({ name, range }) => ({
    name,
    rect: range.isNullObject
      ? null
      : { top: range.rowIndex, left: range.columnIndex, bottom: range.rowIndex + range.rowCount - 1, right: range.columnIndex + range.columnCount - 1 },
  }));
  const stored = pickGeneration(xmls.map((x) => x.value));
  const old = legacy && !legacy.isNullObject ? decodeRecords(legacy.values) : [];
  const store: Store = {
    records: old === null ? null : [...old, ...stored.records],
    latest: stored.latest,
    ignored: reviews.flatMap((x) => decodeReview(x.value) ?? []),
  };
  return { infos, store };
}

interface ReadResult {
  grid: WorkbookGrid;
  notes: string[];
}

/**
 * A way to read: number formats of numeric cells only (special cells, ExcelApi 1.9) or of every
 * cell; merged areas or not. When a sync fails for another reason than its size, the batch is
 * retried in the next way that leaves out something the failed one had (see readModes).
 */
interface ReadMode {
  special: boolean;
  merges: boolean;
}

/**
 * Ways to read in the order they are tried: the special-cells queries go first (leaving them out
 * loses nothing but speed), then the merged-areas queries (the result degrades, a note says so),
 * with the special cells back, then both.
 */
function readModes(special: boolean, merges: boolean): ReadMode[] {
  const all: ReadMode[] = [
    { special: true, merges: true },
    { special: false, merges: true },
    { special: true, merges: false },
    { special: false, merges: false },
  ];
  const out: ReadMode[] = [];
  for (const m of all) {
    const mode = { special: m.special && special, merges: m.merges && merges };
    if (!out.some((o) => o.special === mode.special && o.merges === mode.merges)) out.push(mode);
  }
  return out;
}

/** Numeric cells are numeric constants or numeric formula results (dates are numbers in Excel). */
const NUMERIC_SOURCES = ['Constants', 'Formulas'] as const;

/** Cell key within a sheet (Excel has 16,384 columns). */
const cellKey = (row: number, col: number): number => row * 16_384 + col;

/** The queued loads of one row block. */
interface BlockLoad {
  block: Block;
  range: Excel.Range;
  /** Special path: the numeric cells of the block (constants, formulas), with their number formats. */
  numeric: Excel.RangeAreas[] | null;
}

/**
 * Queues the loads of a row block: values and, without special cells, the number format of every
 * cell; with special cells, the areas of numeric cells with their number formats (only numbers
 * use a number format, see officeCellValue). How Excel groups the cells into areas does not matter.
 */
function loadBlock(sheets: Sheets, block: Block, special: boolean): BlockLoad {
  const range = sheets.range(block.sheet, block).load(special ? 'values' : 'values,numberFormat');
  const numeric = special
    ? NUMERIC_SOURCES.map((type) => {
        const areas = range.getSpecialCellsOrNullObject(type, 'Numbers').untrack();
        areas.areas.load('items/rowIndex,items/columnIndex,items/numberFormat');
        return areas;
      })
    : null;
  return { block, range, numeric };
}

/** Records the number formats of the numeric areas of a loaded block (cells outside it are ignored). */
function recordNumericFormats(into: Map<number, string>, block: Rect, numeric: Excel.RangeAreas[]): void {
  for (const areas of numeric) {
    if (areas.isNullObject) continue;
    for (const area of areas.areas.items) {
      const formats = area.numberFormat as unknown[][];
      formats.forEach((line, i) => {
        const row = area.rowIndex + i;
        if (row < block.top || row > block.bottom) return;
        line.forEach((f, j) => {
          const col = area.columnIndex + j;
          if (col >= block.left && col <= block.right) into.set(cellKey(row, col), typeof f === 'string' ? f : '');
        });
      });
    }
  }
}

/** Row runs per sync when number formats are read for cells the special-cells queries left out. */
const MISSING_RUNS_PER_SYNC = 2_000;

/**
 * Number formats of numeric cells that the special-cells queries did not report. Not expected
 * (Excel lists every numeric constant and numeric formula result), but a cell of some other kind
 * with a number in it (a spilled array, say) must still read as the command line reads it: such
 * cells are read directly, in row runs. Costs syncs only when it happens.
 */
async function readMissingFormats(ctx: Excel.RequestContext, sheets: Sheets, missing: { sheet: string; row: number; col: number }[], formats: Map<string, Map<number, string>>): Promise<void> {
  const runs: Block[] = [];
  for (const m of missing) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === m.sheet && last.top === m.row && last.right === m.col - 1) last.right = m.col;
    else runs.push({ sheet: m.sheet, top: m.row, bottom: m.row, left: m.col, right: m.col });
  }
  for (let i = 0; i < runs.length; i += MISSING_RUNS_PER_SYNC) {
    const chunk = runs.slice(i, i + MISSING_RUNS_PER_SYNC).map((run) => ({ run, range: sheets.range(run.sheet, run).load('numberFormat') }));
    await ctx.sync();
    for (const { run, range } of chunk) {
      let sheet = formats.get(run.sheet);
      if (!sheet) formats.set(run.sheet, (sheet = new Map()));
      const line = (range.numberFormat as unknown[][])[0] ?? [];
      for (let c = run.left; c <= run.right; c++) {
        const f = line[c - run.left];
        sheet.set(cellKey(run.top, c), typeof f === 'string' ? f : '');
      }
    }
  }
}

interface MergeQuery {
  sheet: string;
  kind: 'blocks' | 'straddles';
  index: number;
  rect: Rect;
}

/**
 * Halves of a batch Excel refused for its size: merged-areas queries apart from the blocks first,
 * then halves of either, then halves of a single block (null when nothing can be split further).
 */
function splitBatch(batch: { blocks: Block[]; merges: MergeQuery[] }): { blocks: Block[]; merges: MergeQuery[] }[] | null {
  const { blocks, merges } = batch;
  if (blocks.length > 0 && merges.length > 0) return [{ blocks: [], merges }, { blocks, merges: [] }];
  if (merges.length > 1) {
    const mid = Math.ceil(merges.length / 2);
    return [{ blocks: [], merges: merges.slice(0, mid) }, { blocks: [], merges: merges.slice(mid) }];
  }
  if (blocks.length > 1) {
    const mid = Math.ceil(blocks.length / 2);
    return [{ blocks: blocks.slice(0, mid), merges: [] }, { blocks: blocks.slice(mid), merges: [] }];
  }
  const halves = blocks.length === 1 ? halve(blocks[0]) : null;
  return halves ? [{ blocks: [halves[0]], merges: [] }, { blocks: [halves[1]], merges: [] }] : null;
}

/**
 * Sync(s) 3: cell values in row blocks, number formats (with ExcelApi 1.9 of the numeric cells
 * only, found with getSpecialCellsOrNullObject; otherwise of every cell), merged areas. One sync per LIMITS.syncCellsValuesOnly (or LIMITS.syncCells) cells. A batch
 * that Excel rejects for its size is split and retried; a batch that fails otherwise is retried
 * without the special cells, then without merged areas (with a note), see readModes.
 */
async function readCells(
  ctx: Excel.RequestContext,
  sheets: Sheets,
  meta: Meta,
  used: UsedInfo[],
  env: OfficeEnv,
  onProgress: OnProgress,
): Promise<ReadResult> {
  const caps = env.capabilities;
  const limits = env.limits ?? LIMITS;
  const notes: string[] = [];
  const blocks = used.flatMap((u) => (u.rect ? rowBlocks(u.name, u.rect, limits.blockCells) : []));
  const mergePlans = new Map<string, MergePlan>();
  if (caps.merges) for (const u of used) if (u.rect) mergePlans.set(u.name, planMerges(u.name, u.rect, limits.maxAreasPerQuery));
  const totalCells = blocks.reduce((n, b) => n + (b.bottom - b.top + 1) * (b.right - b.left + 1), 0);
  const modes = readModes(caps.specialCells, caps.merges && mergePlans.size > 0);
  let mode = modes[0];
  const budget = () => (mode.special ? limits.syncCellsValuesOnly : limits.syncCells);
  /** A sync's worth of reads: row blocks, and merged-areas queries (all in the first one, split when too big). */
  interface Batch {
    blocks: Block[];
    merges: MergeQuery[];
  }
  const mergeQueries: MergeQuery[] = [];
  for (const [sheet, plan] of mergePlans) {
    plan.blocks.forEach((rect, index) => mergeQueries.push({ sheet, kind: 'blocks', index, rect }));
    plan.straddles.forEach((rect, index) => mergeQueries.push({ sheet, kind: 'straddles', index, rect }));
  }
  const queue: Batch[] = batchBlocks(blocks, budget()).map((b) => ({ blocks: b, merges: [] }));
  if (queue.length === 0) queue.push({ blocks: [], merges: [] });
  if (mode.merges) queue[0].merges = mergeQueries;
  /** `formats` null: the numeric cells' formats are in `numericFormats`. */
  const loaded: { block: Block; values: unknown[][]; formats: unknown[][] | null }[] = [];
  const numericFormats = new Map<string, Map<number, string>>();
  const pieces = new Map<string, { blocks: Rect[][]; straddles: Rect[][] }>();
  for (const [sheet, plan] of mergePlans) pieces.set(sheet, { blocks: plan.blocks.map(() => []), straddles: plan.straddles.map(() => []) });
  let doneCells = 0;

  while (queue.length) {
    const batch = queue.shift()!;
    const current = mode;
    const loads = batch.blocks.map((b) => loadBlock(sheets, b, current.special));
    const mergeLoads = current.merges
      ? batch.merges.map((q) => ({ q, areas: sheets.range(q.sheet, q.rect).getMergedAreasOrNullObject().untrack().load('address') }))
      : [];
    try {
      await ctx.sync();
    } catch (e) {
      const code = errorCode(e);
      if (/PayloadSizeLimit/i.test(code)) {
        // the special-cells queries belong to their block: halves of a batch or of a block carry their own
        const split = splitBatch(batch);
        if (split) {
          queue.unshift(...split);
          continue;
        }
        throw e;
      }
      const next = modes.find((m, i) => i > modes.indexOf(current) && ((current.special && !m.special) || (mergeLoads.length > 0 && !m.merges)));
      if (!next) throw e;
      if (current.merges && !next.merges) notes.push('读取合并单元格时 Excel 报错，本次按未合并处理，部分表格可能识别不完整。');
      mode = next;
      // regroup what is left for the budget of the new way to read (merged-areas queries stay first)
      const restMerges = mode.merges ? [...batch.merges, ...queue.flatMap((b) => b.merges)] : [];
      const rest = [...batch.blocks, ...queue.flatMap((b) => b.blocks)];
      queue.length = 0;
      queue.push(...batchBlocks(rest, budget()).map((b) => ({ blocks: b, merges: [] as MergeQuery[] })));
      if (queue.length === 0) queue.push({ blocks: [], merges: [] });
      queue[0].merges = restMerges;
      continue;
    }
    for (const { q, areas } of mergeLoads) {
      pieces.get(q.sheet)![q.kind][q.index] = areas.isNullObject ? [] : splitAreas(areas.address).map((a) => parseRangeAddress(a));
    }
    for (const l of loads) {
      if (l.numeric) {
        let sheet = numericFormats.get(l.block.sheet);
        if (!sheet) numericFormats.set(l.block.sheet, (sheet = new Map()));
        recordNumericFormats(sheet, l.block, l.numeric);
      }
      loaded.push({ block: l.block, values: l.range.values, formats: l.numeric ? null : l.range.numberFormat });
      doneCells += (l.block.bottom - l.block.top + 1) * (l.block.right - l.block.left + 1);
    }
    if (totalCells > 0) onProgress({ fraction: 0.1 + 0.6 * (doneCells / totalCells), message: `正在读取单元格（${doneCells.toLocaleString('zh-CN')} / ${totalCells.toLocaleString('zh-CN')}）…` });
  }

  const missing: { sheet: string; row: number; col: number }[] = [];
  for (const l of loaded) {
    if (l.formats) continue;
    const known = numericFormats.get(l.block.sheet);
    l.values.forEach((line, i) =>
      line.forEach((v, j) => {
        const row = l.block.top + i;
        const col = l.block.left + j;
        if (typeof v === 'number' && !known?.has(cellKey(row, col))) missing.push({ sheet: l.block.sheet, row, col });
      }),
    );
  }
  if (missing.length) await readMissingFormats(ctx, sheets, missing, numericFormats);

  const byName = new Map(used.map((u) => [u.name, u]));
  const grids: SheetGrid[] = meta.sheets.map((s) => {
    const u = byName.get(s.name);
    const base = { name: s.name, hidden: s.visibility !== 'Visible', protected: s.protected };
    if (!u || !u.rect) return { ...base, rowOffset: 0, colOffset: 0, cells: [], merges: [] };
    const rows = u.rect.bottom - u.rect.top + 1;
    const cells: CellValue[][] = Array.from({ length: rows }, () => []);
    const known = numericFormats.get(s.name);
    for (const l of loaded) {
      if (l.block.sheet !== s.name) continue;
      l.values.forEach((line, i) => {
        const target = cells[l.block.top - u.rect!.top + i];
        const formats = l.formats?.[i];
        line.forEach((v, j) => {
          const format = formats ? formats[j] : typeof v === 'number' ? known?.get(cellKey(l.block.top + i, l.block.left + j)) : undefined;
          target[l.block.left - u.rect!.left + j] = officeCellValue(v, format);
        });
      });
    }
    const p = pieces.get(s.name);
    const plan = mergePlans.get(s.name);
    const merges = mode.merges && p && plan ? assembleMerges(plan, p.blocks, p.straddles) : [];
    return normalizeMerges({ ...base, rowOffset: u.rect.top, colOffset: u.rect.left, cells, merges });
  });
  return { grid: { sheets: grids }, notes };
}

// ---------------------------------------------------------------------------------------------
// 一键校验

export interface SkippedSheet {
  sheet: string;
  cells: number;
}

export interface CheckOutcome {
  result: CheckResult;
  grid: WorkbookGrid;
  /** Cells highlighted. */
  marked: number;
  /** The cells of hints were painted too (CheckOptions.paintHints). */
  paintedHints?: boolean;
  /** Findings of `result` the user ignored (忽略此条, kept in the workbook): listed apart, never painted. */
  ignored?: Finding[];
  /** Protected sheets whose findings could not be highlighted. */
  skippedSheets: SkippedSheet[];
  /** Earlier highlights left alone because the user changed those cells' fill since. */
  keptUserFills: number;
  /** Chinese notes: degraded features, protection, etc. */
  notes: string[];
}

export interface CheckOptions {
  config?: Partial<Config>;
  /** Paint highlights (default true). */
  highlight?: boolean;
  /** Paint the cells of hints (提示) too (default true; the task pane asks for them only when the user does). */
  paintHints?: boolean;
  onProgress?: OnProgress;
}

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

/** Chinese messages of failed operations (see OperationError). */
export const FAULT_MESSAGES = {
  checkRead: (e: unknown) => `读取工作簿时 Excel 返回错误${codeNote(e)}，校验没有完成。工作簿没有被修改，请重试。`,
  checkWriteRecovered: (e: unknown, hadMarks: boolean) =>
    `写入标记时 Excel 返回错误${codeNote(e)}，校验没有完成。已自动恢复：标记过的单元格已恢复原来的填充色${hadMarks ? '（之前校验留下的标记也一并清除）' : ''}，单元格内容没有改动。请重试。`,
  checkWriteStuck: (e: unknown) =>
    `写入标记时 Excel 返回错误${codeNote(e)}，校验没有完成，部分单元格可能已被标记（单元格内容没有改动）。请点击“清除标记”恢复原来的填充色，然后重试。`,
  clearRead: (e: unknown) => `清除标记时 Excel 返回错误${codeNote(e)}，没有做任何修改。请重试。`,
  clearWrite: (e: unknown) =>
    `清除标记时 Excel 返回错误${codeNote(e)}，部分单元格可能还没有恢复原来的填充色（单元格内容没有改动）。请再次点击“清除标记”完成恢复。`,
  reportRead: (e: unknown) => `导出报告时 Excel 返回错误${codeNote(e)}，没有做任何修改。请重试。`,
  reportWrite: (e: unknown, sheet: string) =>
    `导出报告时 Excel 返回错误${codeNote(e)}，新建的工作表“${sheet}”可能不完整（其他工作表没有改动）。请再次点击“导出报告”，报告会写入另一张新工作表；不完整的“${sheet}”可以删除。`,
};

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
      onProgress({ fraction: 0.06, message: '正在确定数据范围…' });
      const used = await readUsedRanges(ctx, sheets, contentNames, meta);
      store = used.store;
      if (store.records === null) notes.push(UNREADABLE_RECORD_NOTE);
      read = await readCells(ctx, sheets, meta, used.infos, env, onProgress);
      notes.push(...read.notes);
    } catch (e) {
      throw new OperationError(FAULT_MESSAGES.checkRead(e), e);
    }

    onProgress({ fraction: 0.72, message: '正在校验…' });
    const result = checkWorkbook(read.grid, options.config);

    const split = splitIgnored(result.findings, store.ignored);
    if (!highlight) return { result, grid: read.grid, marked: 0, skippedSheets: [], keptUserFills: 0, notes, ignored: split.ignored };

    onProgress({ fraction: 0.8, message: '正在标记单元格…' });
    try {
      const painted = options.paintHints === false ? split.shown.filter((f) => f.severity !== 'info') : split.shown;
      const outcome = await paint(ctx, sheets, env, { meta, result, painted, read, store, notes, onProgress });
      return { ...outcome, paintedHints: options.paintHints !== false, ignored: split.ignored };
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

const UNREADABLE_RECORD_NOTE = `工作表“${MARKS_SHEET}”的内容无法识别，之前的标记无法自动清除。`;

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
async function paint(ctx: Excel.RequestContext, sheets: Sheets, env: OfficeEnv, input: PaintInput): Promise<CheckOutcome> {
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
  for (const s of skippedSheets) notes.push(`工作表“${s.sheet}”受保护，其中 ${s.cells} 个单元格未能标记。撤销工作表保护后重新校验即可标记。`);

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
async function writeRecords(ctx: Excel.RequestContext, sheets: Sheets, budget: SyncBudget, store: Store, meta: Meta, records: MarkRecord[]): Promise<void> {
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
async function clearIn(ctx: Excel.RequestContext, env: OfficeEnv, beforeWrite: () => void = () => undefined): Promise<ClearOutcome> {
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

// ---------------------------------------------------------------------------------------------
// navigation and report

/** Activates the sheet and selects the cell (Excel scrolls it into view). One sync. */
/** What an earlier check left in the workbook (for the pane opened over a marked workbook). One sync. */
export async function inspectWorkbook(env: OfficeEnv): Promise<{ marked: boolean; ignored: boolean }> {
  if (!env.capabilities.supported) return { marked: false, ignored: false };
  return env.run(async (ctx) => {
    const marks = ctx.workbook.customXmlParts.getByNamespace(MARKS_NS).getCount();
    const review = ctx.workbook.customXmlParts.getByNamespace(REVIEW_NS).getCount();
    const legacy = ctx.workbook.worksheets.getItemOrNullObject(MARKS_SHEET);
    await ctx.sync();
    return { marked: marks.value > 0 || !legacy.isNullObject, ignored: review.value > 0 };
  });
}

/**
 * Stores the findings the user ignores (replacing the stored list; [] removes it). Two syncs: the ids of the
 * parts, then the new part added and the old ones deleted (in that order: wherever Excel stops, a list is kept).
 * The caller checks again afterwards, so that the ignored cells lose their marks.
 */
export async function setIgnored(env: OfficeEnv, entries: readonly IgnoredEntry[]): Promise<void> {
  await env.run(async (ctx) => {
    const parts = ctx.workbook.customXmlParts.getByNamespace(REVIEW_NS).load('items/id');
    await ctx.sync();
    const old = parts.items.map((p) => p.id);
    if (entries.length) ctx.workbook.customXmlParts.add(encodeReview(entries));
    for (const id of old) ctx.workbook.customXmlParts.getItem(id).delete();
    await ctx.sync();
  });
}

export async function selectCell(env: OfficeEnv, sheet: string, cell: string): Promise<void> {
  await env.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).untrack().select();
    await ctx.sync();
  });
}

const REPORT_HEADER = ['序号', '严重程度', '工作表', '单元格', '表格', '问题', '规则', '代码'];
const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export function reportRows(result: CheckResult, now: Date): (string | number)[][] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const s = result.summary;
  const width = REPORT_HEADER.length;
  const line = (first: string): (string | number)[] => [first, ...Array<string>(width - 1).fill('')];
  const rows: (string | number)[][] = [
    line(`绩效目标表校验报告（${stamp}）`),
    line(`共检查 ${result.tables.length} 张表：错误 ${s.errors} 个，警告 ${s.warnings} 个，提示 ${s.infos} 个。点击“单元格”列可跳转到对应位置。`),
    REPORT_HEADER.slice(),
  ];
  result.findings.forEach((f, i) => {
    rows.push([i + 1, SEVERITY_TEXT[f.severity], f.sheet, f.cell, f.table || '（未命名）', f.message, ruleByCode(f.code)?.title ?? f.code, f.code]);
  });
  if (result.findings.length === 0) rows.push(line(result.tables.length ? '未发现问题。' : '未找到绩效目标表。'));
  return rows;
}

/** =HYPERLINK("#'表'!C8","C8"): a link to the finding's cell that shows its address. */
export function hyperlinkFormula(f: Finding): string {
  const q = (t: string) => t.replace(/"/g, '""');
  return `=HYPERLINK("${q(`#${quoteSheet(f.sheet)}!${f.cell}`)}","${q(f.cell)}")`;
}

/** Report rows written per command (values and number formats). */
const REPORT_ROWS_PER_COMMAND = 1_000;

/**
 * The name of a new report sheet: 校验报告, or 校验报告(2), 校验报告(3), … when that name is taken (by an earlier
 * report or by a sheet of the user's: neither is ever replaced). Sheet names compare without case in Excel.
 */
export function reportSheetName(existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(REPORT_SHEET)) return REPORT_SHEET;
  for (let i = 2; ; i++) if (!taken.has(`${REPORT_SHEET}(${i})`)) return `${REPORT_SHEET}(${i})`;
}

/**
 * Writes the report to a new sheet (reportSheetName: an existing sheet is never deleted or overwritten) and
 * activates it. Two syncs, more only for very many findings (the writes are cut by their size, see SyncBudget).
 */
export async function exportReport(env: OfficeEnv, result: CheckResult, now = new Date()): Promise<{ sheet: string; rows: number }> {
  const caps = env.capabilities;
  return env.run(async (ctx) => {
    const all = ctx.workbook.worksheets.load('items/name');
    try {
      await ctx.sync();
    } catch (e) {
      throw new OperationError(FAULT_MESSAGES.reportRead(e), e);
    }
    const name = reportSheetName(all.items.map((w) => w.name));
    try {
      await writeReport(ctx, caps, name, result, now);
    } catch (e) {
      throw new OperationError(FAULT_MESSAGES.reportWrite(e, name), e);
    }
    return { sheet: name, rows: result.findings.length };
  });
}

async function writeReport(ctx: Excel.RequestContext, caps: Capabilities, name: string, result: CheckResult, now: Date): Promise<void> {
  ctx.workbook.worksheets.add(name);
  // addressed by name from here on (valid in every later sync of the run)
  const sheets = new Sheets(ctx);
  const ws = sheets.get(name);
  const budget = new SyncBudget(ctx);
  const rows = reportRows(result, now);
  const width = REPORT_HEADER.length;
  // the 单元格 column links to the cell with a HYPERLINK formula, written with the values: one
  // hyperlink command per row would make the request grow by about 700 bytes a finding
  const linked = rows.map((r, i) => (i >= 3 && i - 3 < result.findings.length ? r.map((v, j) => (j === 3 ? hyperlinkFormula(result.findings[i - 3]) : v)) : r));
  for (let i = 0; i < linked.length; i += REPORT_ROWS_PER_COMMAND) {
    const chunk = linked.slice(i, i + REPORT_ROWS_PER_COMMAND);
    const formats = chunk.map((r, k) => r.map((_v, j) => (j === 0 || (j === 3 && i + k >= 3 && i + k - 3 < result.findings.length) ? 'General' : '@')));
    await budget.room(cellBytes.rows(chunk, formats), 0);
    const range = sheets.range(name, { top: i, left: 0, bottom: i + chunk.length - 1, right: width - 1 });
    range.numberFormat = formats;
    range.values = chunk;
  }
  await budget.room(cellBytes.singleWrite * 4, 0);
  const title = sheets.range(name, { top: 0, left: 0, bottom: 0, right: 0 }).format.font;
  title.bold = true;
  title.size = 14;
  const header = sheets.range(name, { top: 2, left: 0, bottom: 2, right: width - 1 });
  header.format.font.bold = true;
  header.format.fill.color = '#D9E1F2';
  // the 严重程度 column in the highlight colours, one grouped command per severity where possible
  const severityCells: FillWrite[] = result.findings.map((f, i) => ({
    sheet: name,
    cell: a1(3 + i, 1),
    mark: MARK_COLORS[f.severity],
    original: { pattern: 'None', color: '#FFFFFF', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 },
  }));
  await queueFillWrites('paint', severityCells, () => ws, budget, caps);
  await budget.room(cellBytes.singleWrite * 10, 0);
  const widths = [6, 10, 16, 10, 28, 60, 18, 20];
  widths.forEach((w, j) => {
    sheets.range(name, { top: 0, left: j, bottom: 0, right: j }).format.columnWidth = w * 7.5;
  });
  sheets.range(name, { top: 3, left: 5, bottom: 3 + Math.max(1, rows.length - 3) - 1, right: 5 }).format.wrapText = true;
  ws.freezePanes.freezeRows(3);
  ws.activate();
  await budget.sync();
}

