/** One-click corrections (修正): a rule's proposed text checked against the grid and made a Fix (core/findings). */
import type { Fix } from './findings';
import { type SheetGrid, a1, cellAt } from './grid';
import type { CellRef } from './model';
import type { RawFix } from './rules/types';
import { cellText } from './text';

/**
 * The Fix of a rule's proposal on `cell` of `grid`, or undefined when the cell does not hold the text the rule read
 * (a value merged down from another row, a value after its label in one cell, an empty cell) or the proposal would
 * change nothing.
 */
export function fixOf(grid: SheetGrid, cell: CellRef, raw: RawFix): Fix | undefined {
  const before = cellAt(grid, cell.row, cell.col);
  if (before === null || typeof before === 'boolean') return undefined;
  if (cellText(before) !== raw.read || raw.after === '' || raw.after === String(before)) return undefined;
  return { sheet: grid.name, cell: a1(cell.row, cell.col), row: cell.row, col: cell.col, before, after: raw.after };
}
