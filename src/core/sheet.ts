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
  /** Merge containing a covered cell, keyed by row * 16384 + col (only merges up to 4096 cells). */
  private readonly covered = new Map<number, Merge>();
  readonly merges: Merge[];

  constructor(sheet: SheetGrid) {
    this.sheet = sheet;
    this.name = sheet.name;
    this.top = sheet.rowOffset;
    this.left = sheet.colOffset;
    this.bottom = sheet.rowOffset + Math.max(0, sheet.cells.length) - 1;
    this.right = sheet.colOffset + Math.max(0, colCount(sheet)) - 1;
    this.merges = sheet.merges;
    // cells hidden under a merge (not its top-left) read as empty: the core's one convention
    const hiddenCells = new Set<number>();
    for (const m of sheet.merges) {
      const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      if (area <= 1) continue;
      const small = area <= 4096;
      for (let r = Math.max(m.top, this.top); r <= Math.min(m.bottom, this.bottom); r++) {
        for (let c = Math.max(m.left, this.left); c <= Math.min(m.right, this.right); c++) {
          if (small) this.covered.set(r * 16384 + c, m);
          if (r !== m.top || c !== m.left) hiddenCells.add(r * 16384 + c);
        }
      }
    }
    this.texts = [];
    this.keys = [];
    for (let i = 0; i < sheet.cells.length; i++) {
      const src = sheet.cells[i] ?? [];
      const t: string[] = new Array(src.length);
      const k: string[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) {
        const v = src[j];
        if (v === null || v === undefined || v === '' || (hiddenCells.size > 0 && hiddenCells.has((i + this.top) * 16384 + j + this.left))) {
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
    const m = this.covered.get(row * 16384 + col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  mergeAt(row: number, col: number): Merge | null {
    return this.covered.get(row * 16384 + col) ?? null;
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
    if (left <= this.left && right >= this.right) return all;
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
