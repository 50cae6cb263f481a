/** A read-only, cached view of a normalised sheet for detection and parsing. */
import { type Merge, type SheetGrid, colCount } from './grid';
import { cellText, isPlain, keyOfNormalized } from './text';

export interface RowCell {
  col: number;
  /** Normalised text. */
  text: string;
  /** Label key of the text. */
  key: string;
}

export class SheetView {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly sheet: SheetGrid;
  /**
   * Merges by each row they span (rows clipped to the sheet block), in one flat list: those of row top + i are
   * rowMerges[rowMergeStart[i] .. rowMergeStart[i + 1] - 1], in the order of sheet.merges. (A small array per
   * row cost more allocation than everything else in the view.)
   */
  private readonly rowMerges: Merge[];
  private readonly rowMergeStart: Int32Array;
  readonly merges: Merge[];
  private mergesByTopMap: Map<number, Merge[]> | null = null;
  /** Non-empty cells of each row (normalised text and label key), left to right, indexed by row - top. */
  private readonly rowCache: RowCell[][] = [];

  constructor(sheet: SheetGrid) {
    this.sheet = sheet;
    this.name = sheet.name;
    this.top = sheet.rowOffset;
    this.left = sheet.colOffset;
    this.bottom = sheet.rowOffset + Math.max(0, sheet.cells.length) - 1;
    this.right = sheet.colOffset + Math.max(0, colCount(sheet)) - 1;
    this.merges = sheet.merges;
    // merges first, so that one pass over the cells can skip the cells hidden under a merge
    const rows = sheet.cells.length;
    const start = new Int32Array(rows + 1);
    const spanning: Merge[] = [];
    for (const m of sheet.merges) {
      if (m.bottom < m.top || m.right < m.left) continue;
      const single = m.bottom === m.top && m.right === m.left;
      if (single) continue;
      const r0 = Math.max(m.top, this.top);
      // (rows looked up are whole numbers: a merge starting at a fractional row never covered one)
      if (!Number.isInteger(r0)) continue;
      spanning.push(m);
      const r1 = Math.min(m.bottom, this.bottom);
      for (let r = r0; r <= r1; r++) start[r - this.top + 1]++;
    }
    for (let i = 0; i < rows; i++) start[i + 1] += start[i];
    const fill = start.slice(0, rows);
    this.rowMerges = new Array<Merge>(rows > 0 ? start[rows] : 0);
    for (const m of spanning) {
      const r0 = Math.max(m.top, this.top);
      const r1 = Math.min(m.bottom, this.bottom);
      for (let r = r0; r <= r1; r++) this.rowMerges[fill[r - this.top]++] = m;
    }
    this.rowMergeStart = start;
    // one pass: normalised text and label key of the row's non-empty cells (rowCells). Only these are kept:
    // text() and key() look a cell up among them (rows are short), no full 2-D arrays of texts and keys.
    for (let i = 0; i < sheet.cells.length; i++) {
      const src = sheet.cells[i] ?? [];
      const row = this.top + i;
      const m0 = start[i];
      const m1 = start[i + 1];
      // (a fresh array per row, even when empty: callers may keep it)
      const cells: RowCell[] = [];
      // a long row is visited by its present cells only (a very sparse row has holes: grid.ts)
      const keys = src.length > 256 ? Object.keys(src) : null;
      const count = keys ? keys.length : src.length;
      for (let q = 0; q < count; q++) {
        const j = keys ? +keys[q] : q;
        const v = src[j];
        // cells hidden under a merge (not its top-left) read as empty: the core's one convention
        if (v === null || v === undefined || v === '' || (m1 > m0 && this.hiddenBy(m0, m1, row, this.left + j))) {
          continue;
        }
        let text: string;
        let key: string;
        if (typeof v === 'string' && isPlain(v)) {
          // plain text is its own normalised form, and its only possible whitespace is ' '
          text = v;
          key =
            v.indexOf(' ') < 0 &&
            v.charCodeAt(v.length - 1) !== 0x3a /* ':' */ &&
            v.charCodeAt(0) !== 0x2a /* '*' */ &&
            v.charCodeAt(v.length - 1) !== 0x2a
              ? v
              : keyOfNormalized(v);
        } else {
          text = cellText(v);
          key = text ? keyOfNormalized(text) : '';
        }
        if (text) cells.push({ col: this.left + j, text, key });
      }
      this.rowCache.push(cells);
    }
  }

  /** Merges (spanning more than one cell) by their top row; built on first use (detection uses mergesTopAt). */
  get mergesByTop(): Map<number, Merge[]> {
    if (!this.mergesByTopMap) {
      const map = new Map<number, Merge[]>();
      for (const m of this.merges) {
        if (m.bottom < m.top || m.right < m.left) continue;
        if (m.bottom === m.top && m.right === m.left) continue;
        const list = map.get(m.top);
        if (list) list.push(m);
        else map.set(m.top, [m]);
      }
      this.mergesByTopMap = map;
    }
    return this.mergesByTopMap;
  }

  /**
   * The merges whose top row is `row` (a row of the sheet block), in sheet order, as mergesByTop.get(row) ?? []
   * would list them, written into `out` (cleared first) to spare an array per call.
   */
  mergesTopAt(row: number, out: Merge[]): Merge[] {
    out.length = 0;
    const i = row - this.top;
    if (!(i >= 0 && i < this.rowMergeStart.length - 1)) return out;
    const end = this.rowMergeStart[i + 1];
    for (let k = this.rowMergeStart[i]; k < end; k++) {
      const m = this.rowMerges[k];
      if (m.top === row) out.push(m);
    }
    return out;
  }

  /** True when (row, col) lies under one of rowMerges[from .. to - 1] but is not its top-left cell. */
  private hiddenBy(from: number, to: number, row: number, col: number): boolean {
    for (let k = from; k < to; k++) {
      const m = this.rowMerges[k];
      if (col >= m.left && col <= m.right && (row !== m.top || col !== m.left)) return true;
    }
    return false;
  }

  text(row: number, col: number): string {
    const c = this.cellAt(row, col);
    return c ? c.text : '';
  }

  /** The non-empty cell at (row, col), null when empty, hidden under a merge or outside the block. */
  private cellAt(row: number, col: number): RowCell | null {
    const cells = this.rowCache[row - this.top];
    if (!cells) return null;
    // cells are sorted by column: binary search (rows are short, but hostile sheets can be wide)
    let lo = 0;
    let hi = cells.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cells[mid];
      if (c.col === col) return c;
      if (c.col < col) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /** The cell as written (trimmed, not normalised), for names shown to the user. */
  raw(row: number, col: number): string {
    const r = this.sheet.cells[row - this.top];
    const v = r ? r[col - this.left] : null;
    if (v === null || v === undefined) return '';
    return typeof v === 'string' ? v.trim() : this.text(row, col);
  }

  /** Top-left cell of the merge containing (row, col), or the cell itself. */
  anchor(row: number, col: number): { row: number; col: number } {
    const m = this.mergeAt(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  mergeAt(row: number, col: number): Merge | null {
    const i = row - this.top;
    if (!(i >= 0 && i < this.rowMergeStart.length - 1)) return null;
    const end = this.rowMergeStart[i + 1];
    for (let k = this.rowMergeStart[i]; k < end; k++) {
      const m = this.rowMerges[k];
      if (col >= m.left && col <= m.right) return m;
    }
    return null;
  }

  /** Non-empty cells of a row between two columns, left to right. */
  /** Label key (no whitespace, no trailing colon) of a cell. */
  key(row: number, col: number): string {
    const c = this.cellAt(row, col);
    return c ? c.key : '';
  }

  rowCells(row: number, left = this.left, right = this.right): RowCell[] {
    const i = row - this.top;
    if (i < 0 || i >= this.rowCache.length) return [];
    const all = this.rowCache[i];
    if (all.length === 0 || (all[0].col >= left && all[all.length - 1].col <= right)) return all;
    return all.filter((c) => c.col >= left && c.col <= right);
  }

  /** The first non-empty cell of a row between two columns (rowCells(row, left, right)[0] without a new array). */
  firstCell(row: number, left: number, right: number): RowCell | null {
    const cells = this.rowCache[row - this.top];
    if (!cells) return null;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c.col > right) return null;
      if (c.col >= left) return c;
    }
    return null;
  }

  rowIsEmpty(row: number, left = this.left, right = this.right): boolean {
    return this.firstCell(row, left, right) === null;
  }

  /** Last column of the merge starting at (row, col), or col. */
  spanRight(row: number, col: number): number {
    const m = this.mergeAt(row, col);
    return m && m.top === row && m.left === col ? m.right : col;
  }
}
