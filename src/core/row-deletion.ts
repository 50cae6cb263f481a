/**
 * 修正 for unnamed placeholder rows: which of them can be deleted without losing anything but the placeholder.
 * Pure: the task pane deletes the rows (adapters/office/rows.ts) and checks the cells again in Excel first.
 *
 * A row is deleted only when everything in it is the placeholder: each cell is empty or holds a "指标N:" label,
 * except cells of a merged area that begins in a row above (an 一级/二级/三级指标 written once for several rows:
 * the area shrinks by the row, its text stays). A row where a merged area begins and reaches below is kept (its
 * text would go with it), and so is a row with anything else in it, inside the table or beside it.
 */
import type { Finding } from './findings';
import { type Merge, type SheetGrid, a1, cellAt } from './grid';
import { PLACEHOLDER_CODE } from './fold';
import { cellText } from './text';

/** What a placeholder row may hold: nothing, or the template's "指标N:" label. */
const PLACEHOLDER_LABEL = /^指标\s*\d*\s*[:：]?$/;

export interface RowDeletion {
  sheet: string;
  /** Absolute 0-based rows to delete, ascending (1-based in `cells`). */
  rows: number[];
  /** The placeholder cells of those rows (A1), as the findings name them. */
  cells: string[];
  /** Rows left, with the reason in the accountant's words. */
  kept: { row: number; reason: string }[];
  /** Merged areas that lose a row (as they are before the deletion). */
  shrunk: Merge[];
}

const spans = (m: Merge, row: number) => m.top <= row && m.bottom >= row;

/** The cell (row, col) lies in a merged area that begins in a row above (its text is the area's, written above). */
export function inAreaFromAbove(grid: SheetGrid, row: number, col: number): boolean {
  return grid.merges.some((m) => m.top < row && spans(m, row) && col >= m.left && col <= m.right);
}

/** Why `row` of `grid` cannot be deleted as a placeholder row (a fact about the row), or null when it can. */
export function keepReason(grid: SheetGrid, row: number): string | null {
  for (const m of grid.merges) {
    if (m.top === row && m.bottom > row)
      return `第 ${row + 1} 行是合并单元格 ${a1(m.top, m.left)}:${a1(m.bottom, m.right)} 的首行（删除会丢失其中的内容）`;
  }
  const line = grid.cells[row - grid.rowOffset] ?? [];
  for (let i = 0; i < line.length; i++) {
    const col = i + grid.colOffset;
    const v = cellAt(grid, row, col);
    if (v === null || v === '') continue;
    if (inAreaFromAbove(grid, row, col)) continue;
    const read = cellText(v).trim();
    if (read === '' || PLACEHOLDER_LABEL.test(read)) continue;
    const text = String(v).trim();
    return `第 ${row + 1} 行的 ${a1(row, col)} 还有内容「${text.length > 20 ? `${text.slice(0, 20)}…` : text}」`;
  }
  return null;
}

/**
 * The deletion of the rows of `findings` (placeholder-row findings of one sheet, `grid` the sheet as checked):
 * the rows that can go and those that stay, with why.
 */
export function placeholderRowDeletion(grid: SheetGrid, findings: readonly Finding[]): RowDeletion {
  const byRow = new Map<number, string>();
  for (const f of findings) if (f.sheet === grid.name && f.code === PLACEHOLDER_CODE && !byRow.has(f.row)) byRow.set(f.row, f.cell);
  const rows: number[] = [];
  const kept: RowDeletion['kept'] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const reason = keepReason(grid, row);
    if (reason) kept.push({ row, reason });
    else rows.push(row);
  }
  const shrunk = grid.merges.filter((m) => rows.some((r) => m.top < r && spans(m, r)));
  return { sheet: grid.name, rows, cells: rows.map((r) => byRow.get(r)!), kept, shrunk };
}

/** A merged area after `rows` (ascending) are deleted; null when nothing of it is left, or one cell. */
export function afterDeletion(m: Merge, rows: readonly number[]): Merge | null {
  const gone = (from: number, to: number) => rows.filter((r) => r >= from && r <= to).length;
  const top = m.top - gone(0, m.top - 1);
  const bottom = m.bottom - gone(0, m.bottom);
  if (bottom < top || (bottom === top && m.left === m.right)) return null;
  return { top, left: m.left, bottom, right: m.right };
}

/** Where a row is after `rows` (ascending) are deleted: null when it is one of them. */
export function rowAfterDeletion(row: number, rows: readonly number[]): number | null {
  let above = 0;
  for (const r of rows) {
    if (r === row) return null;
    if (r < row) above++;
  }
  return row - above;
}

/** Where a row of the sheet after the deletion of `rows` (ascending) was before it (the inverse of rowAfterDeletion). */
export function rowBeforeDeletion(row: number, rows: readonly number[]): number {
  let r = row;
  for (const d of rows) if (d <= r) r++;
  return r;
}
