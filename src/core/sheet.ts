/** A read-only, cached view of a normalised sheet for detection and parsing. */
import { type Merge, type SheetGrid, colCount } from './grid';
import { cellText, keyOfNormalized } from './text';

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
  private readonly texts: string[][];
  private readonly keys: string[][];
  private readonly sheet: SheetGrid;
  /** Merges by each row they span (rows clipped to the sheet block). */
  private readonly mergesByRow = new Map<number, Merge[]>();
  readonly merges: Merge[];
  /** Merges by their top row. */
  readonly mergesByTop = new Map<number, Merge[]>();

  constructor(sheet: SheetGrid) {
    this.sheet = sheet;
    this.name = sheet.name;
    this.top = sheet.rowOffset;
    this.left = sheet.colOffset;
    this.bottom = sheet.rowOffset + Math.max(0, sheet.cells.length) - 1;
    this.right = sheet.colOffset + Math.max(0, colCount(sheet)) - 1;
    this.merges = sheet.merges;
    this.texts = [];
    this.keys = [];
    for (let i = 0; i < sheet.cells.length; i++) {
      const src = sheet.cells[i] ?? [];
      const t: string[] = new Array(src.length);
      const k: string[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) {
        const v = src[j];
        if (v === null || v === undefined || v === '') {
          t[j] = '';
          k[j] = '';
          continue;
        }
        const text = cellText(v);
        t[j] = text;
        k[j] = text ? keyOfNormalized(text) : '';
      }
      this.texts.push(t);
      this.keys.push(k);
    }
    for (const m of sheet.merges) {
      if (m.bottom < m.top || m.right < m.left) continue;
      const single = m.bottom === m.top && m.right === m.left;
      if (single) continue;
      const list = this.mergesByTop.get(m.top);
      if (list) list.push(m);
      else this.mergesByTop.set(m.top, [m]);
      const r0 = Math.max(m.top, this.top);
      const r1 = Math.min(m.bottom, this.bottom);
      for (let r = r0; r <= r1; r++) {
        const byRow = this.mergesByRow.get(r);
        if (byRow) byRow.push(m);
        else this.mergesByRow.set(r, [m]);
        // cells hidden under a merge (not its top-left) read as empty: the core's one convention
        const t = this.texts[r - this.top];
        const k = this.keys[r - this.top];
        const c1 = Math.min(m.right, this.left + t.length - 1);
        for (let c = Math.max(m.left, this.left); c <= c1; c++) {
          if (r === m.top && c === m.left) continue;
          t[c - this.left] = '';
          k[c - this.left] = '';
        }
      }
    }
  }

  text(row: number, col: number): string {
    const r = this.texts[row - this.top];
    if (!r) return '';
    return r[col - this.left] ?? '';
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
    const list = this.mergesByRow.get(row);
    if (!list) return null;
    for (const m of list) if (col >= m.left && col <= m.right) return m;
    return null;
  }

  /** Non-empty cells of a row between two columns, left to right. */
  /** Label key (no whitespace, no trailing colon) of a cell. */
  key(row: number, col: number): string {
    const r = this.keys[row - this.top];
    return r ? r[col - this.left] ?? '' : '';
  }

  private readonly rowCache = new Map<number, RowCell[]>();

  rowCells(row: number, left = this.left, right = this.right): RowCell[] {
    let all = this.rowCache.get(row);
    if (!all) {
      all = this.scanRow(row);
      this.rowCache.set(row, all);
    }
    if (all.length === 0 || (all[0].col >= left && all[all.length - 1].col <= right)) return all;
    return all.filter((c) => c.col >= left && c.col <= right);
  }

  private scanRow(row: number, left = this.left, right = this.right): RowCell[] {
    const r = this.texts[row - this.top];
    if (!r) return [];
    const k = this.keys[row - this.top];
    const out: RowCell[] = [];
    const from = Math.max(left, this.left);
    const to = Math.min(right, this.left + r.length - 1);
    for (let c = from; c <= to; c++) {
      const t = r[c - this.left];
      if (t) out.push({ col: c, text: t, key: k[c - this.left] });
    }
    return out;
  }

  rowIsEmpty(row: number, left = this.left, right = this.right): boolean {
    return this.rowCells(row, left, right).length === 0;
  }

  /** Last column of the merge starting at (row, col), or col. */
  spanRight(row: number, col: number): number {
    const m = this.mergeAt(row, col);
    return m && m.top === row && m.left === col ? m.right : col;
  }
}
