/**
 * Builds one sheet of the core's grid from the cells a reader meets, in any order: every reader (.xlsx, .xls)
 * hands its cells here, so all of them keep the grid's conventions (grid.ts) the same way:
 * - only the top-left cell of a merged area keeps its value;
 * - empty text is no value;
 * - the block starts at the first row and column that hold a value.
 */
import type { CellValue, Merge, SheetGrid } from '../../core/grid';

/** Excel's sheet size: the last row and column index (0-based) a cell can have. */
export const MAX_ROW = 1_048_575;
export const MAX_COL = 16_383;

export interface SheetMeta {
  name: string;
  hidden?: boolean;
  protected?: boolean;
}

export class SheetGridBuilder {
  private readonly rows: number[] = [];
  private readonly cols: number[] = [];
  private readonly values: CellValue[] = [];
  readonly merges: Merge[] = [];
  readonly hiddenRows: number[] = [];
  readonly hiddenCols: number[] = [];

  /** A cell at 0-based (row, col); cells outside Excel's sheet and empty values are dropped. */
  cell(row: number, col: number, v: CellValue): void {
    if (v === null || v === '' || row < 0 || col < 0 || row > MAX_ROW || col > MAX_COL) return;
    this.rows.push(row);
    this.cols.push(col);
    this.values.push(v);
  }

  merge(m: Merge): void {
    if (m.top < 0 || m.left < 0 || m.top > MAX_ROW || m.left > MAX_COL) return;
    this.merges.push({ top: m.top, left: m.left, bottom: Math.min(m.bottom, MAX_ROW), right: Math.min(m.right, MAX_COL) });
  }

  build(meta: SheetMeta): SheetGrid {
    const n = this.values.length;
    // cells in row order (readers meet them so, but nothing requires it), then one sweep over the rows with the
    // merged areas that span each: work grows with the cells and areas present, never with an area's height
    const order = new Int32Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      if (i > 0 && this.rows[i] < this.rows[i - 1]) sorted = false;
    }
    if (!sorted) order.sort((x, y) => this.rows[x] - this.rows[y] || x - y);
    const covered = coverage(this.merges);
    let minRow = Infinity;
    let minCol = Infinity;
    const keep: number[] = [];
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (covered(this.rows[i], this.cols[i])) continue;
      keep.push(i);
      if (this.rows[i] < minRow) minRow = this.rows[i];
      if (this.cols[i] < minCol) minCol = this.cols[i];
    }
    if (keep.length === 0) minRow = minCol = 0;
    const cells: CellValue[][] = [];
    const present: number[] = [];
    for (const i of keep) {
      const r = this.rows[i] - minRow;
      (cells[r] ??= [])[this.cols[i] - minCol] = this.values[i];
      present[r] = (present[r] ?? 0) + 1;
    }
    for (let i = 0; i < cells.length; i++) {
      const row = (cells[i] ??= []);
      // missing cells read as null; a very sparse row (values in A and XFD) keeps its holes, so that memory grows
      // with the cells present, not with the width of the row (grid.ts: rows may have holes)
      if (row.length > 64 + 4 * (present[i] ?? 0)) continue;
      for (let j = 0; j < row.length; j++) if (row[j] === undefined) row[j] = null;
    }
    const grid: SheetGrid = {
      name: meta.name,
      rowOffset: minRow,
      colOffset: minCol,
      cells,
      merges: this.merges,
      hidden: !!meta.hidden,
      protected: !!meta.protected,
    };
    if (this.hiddenRows.length) grid.hiddenRows = this.hiddenRows;
    if (this.hiddenCols.length) grid.hiddenCols = this.hiddenCols;
    return grid;
  }
}

/**
 * For cells met in row order: whether (row, col) lies under a merged area without being its top-left cell.
 * The areas spanning the current row are kept as the rows advance; of overlapping areas the first in the file
 * decides, as Excel's repair keeps the first.
 */
function coverage(merges: Merge[]): (row: number, col: number) => boolean {
  const spanning: { m: Merge; i: number }[] = [];
  merges.forEach((m, i) => {
    if (m.bottom > m.top || m.right > m.left) spanning.push({ m, i });
  });
  if (spanning.length === 0) return () => false;
  spanning.sort((a, b) => a.m.top - b.m.top || a.i - b.i);
  let next = 0;
  let active: { m: Merge; i: number }[] = [];
  let current = -1;
  /** The lowest bottom row among the active areas: before it, none has ended. */
  let ends = Infinity;
  return (row, col) => {
    if (row !== current) {
      current = row;
      while (next < spanning.length && spanning[next].m.top <= row) {
        const a = spanning[next++];
        active.push(a);
        if (a.m.bottom < ends) ends = a.m.bottom;
      }
      if (row > ends) {
        active = active.filter((a) => a.m.bottom >= row);
        ends = Infinity;
        for (const a of active) if (a.m.bottom < ends) ends = a.m.bottom;
      }
    }
    let best: { m: Merge; i: number } | null = null;
    for (const a of active) if (col >= a.m.left && col <= a.m.right && (!best || a.i < best.i)) best = a;
    return best !== null && !(row === best.m.top && col === best.m.left);
  };
}
