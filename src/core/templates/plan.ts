/**
 * Pure planning of template insertion into an existing parsed table.
 *
 * A plan says which whole rows to insert (in the sheet's ORIGINAL coordinates) and, in FINAL
 * coordinates (after all insertions), what to write into the new cells, which merges to extend
 * or create, and where to copy formats from. Adapters apply it: insert rows bottom-up, copy
 * formats, write values, unmerge/merge. `applyPlanToGrid` applies it to a SheetGrid with Excel's
 * row-insertion semantics, for tests and for the ExcelJS adapter.
 *
 * Invariants (checked by `validateBlockPlan` before a plan is returned):
 * - every write targets a cell of a NEW row, and no write lands inside a merge except its top-left;
 * - every extended/created merge covers, besides its former area, only cells of new rows (or empty
 *   label cells), and overlaps no other merge.
 *
 * The stages, one module each under plan/: structure (how the table writes its labels and names), sections (where
 * each indicator goes), rows (insertions, writes, merges, formats), validate (the invariants), grid (row and merge
 * arithmetic, and applying a plan to a grid); types holds the plan's shapes.
 *
 * Pure TypeScript: no Office, no Node imports.
 */
import type { SheetGrid } from '../grid';
import type { Table } from '../model';
import { type Block, type ResolvedIndicator, type TemplateProfile, getLibrary, materializeBlock } from './library';
import { finalMergesOf } from './plan/grid';
import { planRows } from './plan/rows';
import { placeItems } from './plan/sections';
import { readPlanTable } from './plan/structure';
import type { BlockPlan, PlanOptions, PlanResult, SkippedIndicator } from './plan/types';
import { dropCoveredLabelWrites, validateBlockPlan } from './plan/validate';

export type {
  BlockPlan,
  CellRole,
  FormatCopy,
  MergeChange,
  PlannedIndicator,
  PlannedWrite,
  PlanOptions,
  PlanResult,
  RowInsertion,
  SkippedIndicator,
} from './plan/types';
export { applyPlanToGrid, finalMergesOf, originalRow, shiftMerge, shiftRow } from './plan/grid';
export { validateBlockPlan } from './plan/validate';

/**
 * Plans the insertion of a block's indicators into `table` (parsed from `grid`, the grid of its sheet).
 */
export function planBlockInsertion(
  table: Table,
  grid: SheetGrid,
  block: Block,
  profile: TemplateProfile,
  opts: PlanOptions = {},
): PlanResult<BlockPlan> {
  const lib = opts.lib ?? getLibrary();
  const items = materializeBlock(block, profile, { budget: table.budget?.amount ?? null }, lib);
  return planIndicatorsInsertion(table, grid, items, profile, opts);
}

/** Plans the insertion of resolved indicators (a block, or a few picked by search). */
export function planIndicatorsInsertion(
  table: Table,
  grid: SheetGrid,
  items: ResolvedIndicator[],
  profile: TemplateProfile,
  opts: PlanOptions = {},
): PlanResult<BlockPlan> {
  const lib = opts.lib ?? getLibrary();
  const h = table.header;
  if (!h || h.level3Col === null || h.valueCol === null) {
    return { ok: false, message: '无法识别该表的指标列（三级指标、指标值），不能插入模板。' };
  }
  if (h.valueCol === h.level3Col) {
    return { ok: false, message: '该表的三级指标与指标值在同一列，不能自动插入模板。' };
  }
  const pt = readPlanTable(table, grid, h, profile, lib);
  const skipped: SkippedIndicator[] = [];
  const { insertions, writes, merges, formats, added, newRows } = planRows(pt, placeItems(pt, items, skipped));
  // a name/value write covered by a repeated horizontal merge: keep it at the merge's top-left
  const plan: BlockPlan = {
    kind: 'block',
    sheet: table.sheet,
    tableId: table.id,
    profile,
    insertions,
    writes: dropCoveredLabelWrites(writes, finalMergesOf(grid, { insertions, merges })),
    merges,
    formats,
    added,
    skipped,
  };
  const problem = validateBlockPlan(grid, plan, newRows);
  if (problem) return { ok: false, message: problem };
  return { ok: true, plan };
}
