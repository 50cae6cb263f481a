/**
 * Reading the workbook into the core's grid (syncs 2 and 3 of 一键校验): used ranges and stored records, then the
 * values, number formats and merged areas of every sheet in row blocks (see the sync budget in workbook.ts).
 */
import { type CellValue, type SheetGrid, type WorkbookGrid, normalizeMerges } from '../../core/grid';
import { parseRangeAddress, splitAreas } from './address';
import { errorCode } from './errors';
import { MARKS_SHEET, type MarkRecord, decodeRecords, pickGeneration } from './marks';
import { type Block, LIMITS, type Limits, type MergePlan, type Rect, assembleMerges, planMerges, rowBlocks } from './plan';
import { type Batch, type MergeQuery, type ReadMode, queueBatches, readModes, splitBatch } from './read-batches';
import { type IgnoredEntry, type RuleSettings, decodeReview, decodeRuleSettings } from './review';
import { officeCellValue } from './values';
import { type Meta, type OfficeEnv, type OnProgress, Sheets } from './context';

// ---------------------------------------------------------------------------------------------
// reading

interface UsedInfo {
  name: string;
  rect: Rect | null;
}

/** The records of earlier highlights as stored (custom XML parts, or a version-1 sheet). */
export interface Store {
  /** null: a version-1 sheet whose content is not ours (nothing is cleared then). */
  records: MarkRecord[] | null;
  /** The newest generation of parts present (the next write takes the one after). */
  latest: number;
  /** Findings the user ignored (review.ts). */
  ignored: IgnoredEntry[];
  /** Rules the user turned off or graded otherwise in the pane (review.ts). */
  rules: RuleSettings;
}

/**
 * Sync 2: the used range of every content sheet and the stored records (the text of the record
 * parts, the values of a version-1 record sheet).
 */
export async function readUsedRanges(ctx: Excel.RequestContext, sheets: Sheets, names: string[], meta: Meta) {
  const used = names.map((name) => ({
    name,
    range: sheets.get(name).getUsedRangeOrNullObject(false).untrack().load('rowIndex,columnIndex,rowCount,columnCount'),
  }));
  const xmls = meta.partIds.map((id) => ctx.workbook.customXmlParts.getItem(id).getXml());
  const legacy = meta.legacySheet ? sheets.get(MARKS_SHEET).getUsedRangeOrNullObject(true).untrack().load('values') : null;
  const reviews = meta.reviewPartIds.map((id) => ctx.workbook.customXmlParts.getItem(id).getXml());
  await ctx.sync();
  const infos: UsedInfo[] = used.map(({ name, range }) => ({
    name,
    rect: range.isNullObject
      ? null
      : {
          top: range.rowIndex,
          left: range.columnIndex,
          bottom: range.rowIndex + range.rowCount - 1,
          right: range.columnIndex + range.columnCount - 1,
        },
  }));
  const stored = pickGeneration(xmls.map((x) => x.value));
  const old = legacy && !legacy.isNullObject ? decodeRecords(legacy.values) : [];
  const store: Store = {
    records: old === null ? null : [...old, ...stored.records],
    latest: stored.latest,
    ignored: reviews.flatMap((x) => decodeReview(x.value) ?? []),
    rules: Object.assign({}, ...reviews.map((x) => decodeRuleSettings(x.value))),
  };
  return { infos, store };
}

export interface ReadResult {
  grid: WorkbookGrid;
  notes: string[];
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
async function readMissingFormats(
  ctx: Excel.RequestContext,
  sheets: Sheets,
  missing: { sheet: string; row: number; col: number }[],
  formats: Map<string, Map<number, string>>,
): Promise<void> {
  const runs: Block[] = [];
  for (const m of missing) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === m.sheet && last.top === m.row && last.right === m.col - 1) last.right = m.col;
    else runs.push({ sheet: m.sheet, top: m.row, bottom: m.row, left: m.col, right: m.col });
  }
  for (let i = 0; i < runs.length; i += MISSING_RUNS_PER_SYNC) {
    const chunk = runs
      .slice(i, i + MISSING_RUNS_PER_SYNC)
      .map((run) => ({ run, range: sheets.range(run.sheet, run).load('numberFormat') }));
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

/** The state of one readCells: the way to read now, the batches left and what was read. */
interface CellRead {
  modes: ReadMode[];
  mode: ReadMode;
  limits: Limits;
  queue: Batch[];
  /** `formats` null: the numeric cells' formats are in `numericFormats`. */
  loaded: { block: Block; values: unknown[][]; formats: unknown[][] | null }[];
  numericFormats: Map<string, Map<number, string>>;
  mergePlans: Map<string, MergePlan>;
  pieces: Map<string, { blocks: Rect[][]; straddles: Rect[][] }>;
  notes: string[];
  doneCells: number;
  totalCells: number;
}

const budgetOf = (st: CellRead): number => (st.mode.special ? st.limits.syncCellsValuesOnly : st.limits.syncCells);

/** Plans the reads of readCells: row blocks, merged-areas queries, the ways to read. */
function planCellRead(used: UsedInfo[], env: OfficeEnv): CellRead {
  const caps = env.capabilities;
  const limits = env.limits ?? LIMITS;
  const blocks = used.flatMap((u) => (u.rect ? rowBlocks(u.name, u.rect, limits.blockCells) : []));
  const mergePlans = new Map<string, MergePlan>();
  if (caps.merges) for (const u of used) if (u.rect) mergePlans.set(u.name, planMerges(u.name, u.rect, limits.maxAreasPerQuery));
  const modes = readModes(caps.specialCells, caps.merges && mergePlans.size > 0);
  const mergeQueries: MergeQuery[] = [];
  const pieces: CellRead['pieces'] = new Map();
  for (const [sheet, plan] of mergePlans) {
    plan.blocks.forEach((rect, index) => mergeQueries.push({ sheet, kind: 'blocks', index, rect }));
    plan.straddles.forEach((rect, index) => mergeQueries.push({ sheet, kind: 'straddles', index, rect }));
    pieces.set(sheet, { blocks: plan.blocks.map(() => []), straddles: plan.straddles.map(() => []) });
  }
  const st: CellRead = {
    modes,
    mode: modes[0],
    limits,
    queue: [],
    loaded: [],
    numericFormats: new Map(),
    mergePlans,
    pieces,
    notes: [],
    doneCells: 0,
    totalCells: blocks.reduce((n, b) => n + (b.bottom - b.top + 1) * (b.right - b.left + 1), 0),
  };
  st.queue = queueBatches(blocks, budgetOf(st), st.mode.merges ? mergeQueries : []);
  return st;
}

/**
 * A batch's sync failed: a batch too big is split and queued again; otherwise the next way to read that leaves out
 * something the failed one had is taken and what is left is regrouped for it. Throws when neither helps.
 */
function recoverBatch(st: CellRead, batch: Batch, current: ReadMode, hadMerges: boolean, e: unknown): void {
  const code = errorCode(e);
  if (/PayloadSizeLimit/i.test(code)) {
    // the special-cells queries belong to their block: halves of a batch or of a block carry their own
    const split = splitBatch(batch);
    if (!split) throw e;
    st.queue.unshift(...split);
    return;
  }
  const { modes } = st;
  const next = modes.find((m, i) => i > modes.indexOf(current) && ((current.special && !m.special) || (hadMerges && !m.merges)));
  if (!next) throw e;
  if (current.merges && !next.merges) st.notes.push('读取合并单元格时 Excel 报错，本次按未合并处理，部分表格可能识别不完整。');
  st.mode = next;
  // regroup what is left for the budget of the new way to read (merged-areas queries stay first)
  const restMerges = st.mode.merges ? [...batch.merges, ...st.queue.flatMap((b) => b.merges)] : [];
  const rest = [...batch.blocks, ...st.queue.flatMap((b) => b.blocks)];
  st.queue = queueBatches(rest, budgetOf(st), restMerges);
}

/** Queues one batch's loads and syncs; records what came back (or recovers, see recoverBatch). */
async function readBatch(ctx: Excel.RequestContext, sheets: Sheets, st: CellRead, batch: Batch, onProgress: OnProgress): Promise<void> {
  const current = st.mode;
  const loads = batch.blocks.map((b) => loadBlock(sheets, b, current.special));
  const mergeLoads = current.merges
    ? batch.merges.map((q) => ({ q, areas: sheets.range(q.sheet, q.rect).getMergedAreasOrNullObject().untrack().load('address') }))
    : [];
  try {
    await ctx.sync();
  } catch (e) {
    recoverBatch(st, batch, current, mergeLoads.length > 0, e);
    return;
  }
  for (const { q, areas } of mergeLoads) {
    st.pieces.get(q.sheet)![q.kind][q.index] = areas.isNullObject ? [] : splitAreas(areas.address).map((a) => parseRangeAddress(a));
  }
  for (const l of loads) {
    if (l.numeric) {
      let sheet = st.numericFormats.get(l.block.sheet);
      if (!sheet) st.numericFormats.set(l.block.sheet, (sheet = new Map()));
      recordNumericFormats(sheet, l.block, l.numeric);
    }
    st.loaded.push({ block: l.block, values: l.range.values, formats: l.numeric ? null : l.range.numberFormat });
    st.doneCells += (l.block.bottom - l.block.top + 1) * (l.block.right - l.block.left + 1);
  }
  if (st.totalCells > 0)
    onProgress({
      fraction: 0.1 + 0.6 * (st.doneCells / st.totalCells),
      message: `正在读取单元格（${st.doneCells.toLocaleString('zh-CN')} / ${st.totalCells.toLocaleString('zh-CN')}）…`,
    });
}

/** Numeric cells read on the special path whose number format the special-cells queries did not report. */
function missingFormats(st: CellRead): { sheet: string; row: number; col: number }[] {
  const missing: { sheet: string; row: number; col: number }[] = [];
  for (const l of st.loaded) {
    if (l.formats) continue;
    const known = st.numericFormats.get(l.block.sheet);
    l.values.forEach((line, i) =>
      line.forEach((v, j) => {
        const row = l.block.top + i;
        const col = l.block.left + j;
        if (typeof v === 'number' && !known?.has(cellKey(row, col))) missing.push({ sheet: l.block.sheet, row, col });
      }),
    );
  }
  return missing;
}

/** The grid of every sheet from the loaded blocks, number formats and merged areas. */
function assembleGrids(st: CellRead, meta: Meta, used: UsedInfo[]): SheetGrid[] {
  const byName = new Map(used.map((u) => [u.name, u]));
  return meta.sheets.map((s) => {
    const u = byName.get(s.name);
    const base = { name: s.name, hidden: s.visibility !== 'Visible', protected: s.protected };
    if (!u || !u.rect) return { ...base, rowOffset: 0, colOffset: 0, cells: [], merges: [] };
    const rows = u.rect.bottom - u.rect.top + 1;
    const cells: CellValue[][] = Array.from({ length: rows }, () => []);
    const known = st.numericFormats.get(s.name);
    for (const l of st.loaded) {
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
    const p = st.pieces.get(s.name);
    const plan = st.mergePlans.get(s.name);
    const merges = st.mode.merges && p && plan ? assembleMerges(plan, p.blocks, p.straddles) : [];
    return normalizeMerges({ ...base, rowOffset: u.rect.top, colOffset: u.rect.left, cells, merges });
  });
}

/**
 * Sync(s) 3: cell values in row blocks, number formats (with ExcelApi 1.9 of the numeric cells
 * only, found with getSpecialCellsOrNullObject; otherwise of every cell), merged areas. One sync per LIMITS.syncCellsValuesOnly (or LIMITS.syncCells) cells. A batch
 * that Excel rejects for its size is split and retried; a batch that fails otherwise is retried
 * without the special cells, then without merged areas (with a note), see readModes.
 */
export async function readCells(
  ctx: Excel.RequestContext,
  sheets: Sheets,
  meta: Meta,
  used: UsedInfo[],
  env: OfficeEnv,
  onProgress: OnProgress,
): Promise<ReadResult> {
  const st = planCellRead(used, env);
  while (st.queue.length) await readBatch(ctx, sheets, st, st.queue.shift()!, onProgress);
  const missing = missingFormats(st);
  if (missing.length) await readMissingFormats(ctx, sheets, missing, st.numericFormats);
  return { grid: { sheets: assembleGrids(st, meta, used) }, notes: st.notes };
}
