/**
 * Grid arithmetic of a plan: merges and rows shifted by whole-row insertions with Excel's semantics (final <-> original
 * rows), the final merges of a plan, and a plan applied to a grid (for tests and for the ExcelJS adapter).
 */
import type { CellValue, Merge, SheetGrid } from '../../grid';
import { a1 } from '../../grid';
import type { BlockPlan, RowInsertion } from './types';

export function isEmptyValue(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

export function mergeContaining(merges: Merge[], row: number, col: number): Merge | null {
  for (const m of merges) if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m;
  return null;
}

export function overlaps(a: Merge, b: Merge): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function sameMerge(a: Merge, b: Merge): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}

/** Final row of an original row after the insertions. */
export function shiftRow(row: number, insertions: RowInsertion[]): number {
  let s = row;
  for (const ins of insertions) if (ins.at <= row) s += ins.count;
  return s;
}

/** First final row of the rows inserted at original `at`. */
export function insertedStart(at: number, insertions: RowInsertion[]): number {
  let s = at;
  for (const ins of insertions) if (ins.at < at) s += ins.count;
  return s;
}

/** A merge after whole-row insertions with Excel's semantics. */
export function shiftMerge(m: Merge, insertions: RowInsertion[]): Merge {
  let top = m.top;
  let bottom = m.bottom;
  // bottom-up, as adapters apply them: positions above an insertion never move
  for (const ins of [...insertions].sort((a, b) => b.at - a.at)) {
    if (top >= ins.at) {
      top += ins.count;
      bottom += ins.count;
    } else if (bottom >= ins.at) {
      bottom += ins.count; // the insertion point lies inside the merge: it grows
    }
  }
  return { top, left: m.left, bottom, right: m.right };
}

/** Final merges of a plan (after insertions and merge changes). */
export function finalMergesOf(grid: SheetGrid, plan: Pick<BlockPlan, 'insertions' | 'merges'>): Merge[] {
  const out = grid.merges.map((m) => shiftMerge(m, plan.insertions));
  for (const ch of plan.merges) {
    if (ch.from) {
      const i = out.findIndex((m) => sameMerge(m, ch.from as Merge));
      if (i >= 0) out.splice(i, 1);
    }
    out.push(ch.to);
  }
  return out;
}

/** Original row of a final row, or null for an inserted row. */
export function originalRow(final: number, insertions: RowInsertion[]): number | null {
  let shift = 0;
  for (const ins of [...insertions].sort((a, b) => a.at - b.at)) {
    const start = ins.at + shift;
    if (final < start) break;
    if (final < start + ins.count) return null;
    shift += ins.count;
  }
  return final - shift;
}

/**
 * Applies a block plan to a grid (Excel semantics for whole-row insertion), returning a new grid.
 * Throws when a write would overwrite a non-empty cell.
 */
export function applyPlanToGrid(grid: SheetGrid, plan: Pick<BlockPlan, 'insertions' | 'writes' | 'merges'>): SheetGrid {
  const sorted = [...plan.insertions].sort((a, b) => a.at - b.at);
  const cells: CellValue[][] = [];
  let k = 0;
  for (let i = 0; i < grid.cells.length; i++) {
    const abs = grid.rowOffset + i;
    for (; k < sorted.length && sorted[k].at <= abs; k++) for (let n = 0; n < sorted[k].count; n++) cells.push([]);
    cells.push((grid.cells[i] ?? []).slice());
  }
  // insertions at or below the end of the grid only add empty rows (writes pad as needed)
  const out: SheetGrid = { ...grid, cells, merges: finalMergesOf(grid, plan) };
  for (const w of plan.writes) {
    const ri = w.row - grid.rowOffset;
    const ci = w.col - grid.colOffset;
    if (ri < 0 || ci < 0) throw new Error(`write outside the grid at ${a1(w.row, w.col)}`);
    while (cells.length <= ri) cells.push([]);
    const row = cells[ri];
    while (row.length <= ci) row.push(null);
    if (!isEmptyValue(row[ci])) throw new Error(`would overwrite ${a1(w.row, w.col)}`);
    row[ci] = w.value;
  }
  return out;
}
