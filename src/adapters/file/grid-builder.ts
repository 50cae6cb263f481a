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
    const covered = coveredBy(this.merges);
    let minRow = Infinity;
    let minCol = Infinity;
    const keep: number[] = [];
    for (let i = 0; i < this.values.length; i++) {
      if (covered(this.rows[i], this.cols[i])) continue;
      keep.push(i);
      if (this.rows[i] < minRow) minRow = this.rows[i];
      if (this.cols[i] < minCol) minCol = this.cols[i];
    }
    if (keep.length === 0) minRow = minCol = 0;
    const cells: CellValue[][] = [];
    for (const i of keep) (cells[this.rows[i] - minRow] ??= [])[this.cols[i] - minCol] = this.values[i];
    for (let i = 0; i < cells.length; i++) {
      const row = (cells[i] ??= []);
      for (let j = 0; j < row.length; j++) if (row[j] === undefined) row[j] = null;
    }
    const grid: SheetGrid = { name: meta.name, rowOffset: minRow, colOffset: minCol, cells, merges: this.merges, hidden: !!meta.hidden, protected: !!meta.protected };
    if (this.hiddenRows.length) grid.hiddenRows = this.hiddenRows;
    if (this.hiddenCols.length) grid.hiddenCols = this.hiddenCols;
    return grid;
  }
}

/** Whether (row, col) lies under a merged area without being its top-left cell (0-based). */
function coveredBy(merges: Merge[]): (row: number, col: number) => boolean {
  const spanning = merges.filter((m) => m.bottom > m.top || m.right > m.left);
  if (spanning.length === 0) return () => false;
  // by top row, then a scan of the areas starting at or above the row: areas are few next to cells
  const byRow = new Map<number, Merge[]>();
  for (const m of spanning) {
    for (let r = m.top; r <= m.bottom && r - m.top < 100_000; r++) {
      let list = byRow.get(r);
      if (!list) byRow.set(r, (list = []));
      list.push(m);
    }
  }
  return (row, col) => {
    const list = byRow.get(row);
    if (!list) return false;
    for (const m of list) if (col >= m.left && col <= m.right) return !(row === m.top && col === m.left);
    return false;
  };
}
