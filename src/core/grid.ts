/**
 * The core's view of a worksheet: a rectangular block of cell values plus merged areas.
 *
 * Convention (both adapters must produce it): a merged area's value lives only in its
 * top-left cell; every other cell of the merge is null. `normalizeMerges` enforces this.
 * All coordinates are 0-based and absolute (row 0 / col 0 = cell A1 of the real sheet).
 */
export type CellValue = string | number | boolean | null;

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** Absolute 0-based row of cells[0]. */
  rowOffset: number;
  /** Absolute 0-based column of cells[r][0]. */
  colOffset: number;
  /**
   * Row-major values; rows may be ragged (missing cells are null). A very sparse row (values in A and XFD) may
   * have holes instead of nulls, so that a grid's memory grows with the cells present: read cells with cellAt or
   * treat undefined as null.
   */
  cells: CellValue[][];
  /** Merged areas in absolute coordinates. */
  merges: Merge[];
  hidden?: boolean;
  protected?: boolean;
  /** Absolute 0-based rows the file hides (only readers of files set it; nothing in the core depends on it). */
  hiddenRows?: number[];
  /** Absolute 0-based columns the file hides. */
  hiddenCols?: number[];
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

/** Value at absolute (row, col), null outside the block. */
export function cellAt(sheet: SheetGrid, row: number, col: number): CellValue {
  const r = sheet.cells[row - sheet.rowOffset];
  if (!r) return null;
  const v = r[col - sheet.colOffset];
  return v === undefined ? null : v;
}

export function rowCount(sheet: SheetGrid): number {
  return sheet.cells.length;
}

export function colCount(sheet: SheetGrid): number {
  let n = 0;
  for (const r of sheet.cells) if (r && r.length > n) n = r.length;
  return n;
}

/** Returns a copy in which only the top-left cell of each merge keeps a value. */
export function normalizeMerges(sheet: SheetGrid): SheetGrid {
  if (sheet.merges.length === 0) return sheet;
  const cells = sheet.cells.map((r) => (r ? r.slice() : []));
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const row = cells[r - sheet.rowOffset];
      if (!row) continue;
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const i = c - sheet.colOffset;
        if (i >= 0 && i < row.length) row[i] = null;
      }
    }
  }
  return { ...sheet, cells };
}

/** Column index (0-based) to letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function colLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Absolute 0-based (row, col) to an A1 address such as "F12". */
export function a1(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

/** Parses "F12" to 0-based {row, col}; returns null when malformed. */
export function parseA1(addr: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(addr.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: parseInt(m[2], 10) - 1, col: col - 1 };
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  return `${a1(top, left)}:${a1(bottom, right)}`;
}
