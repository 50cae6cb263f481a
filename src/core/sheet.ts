/** A read-only, cached view of a normalised sheet for detection and parsing. */
import { type Merge, type SheetGrid, normalizeMerges, colCount } from './grid';
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
    const s = normalizeMerges(sheet);
    this.name = s.name;
    this.top = s.rowOffset;
    this.left = s.colOffset;
    this.bottom = s.rowOffset + Math.max(0, s.cells.length) - 1;
    this.right = s.colOffset + Math.max(0, colCount(s)) - 1;
    this.sheet = s;
    this.texts = s.cells.map((r) => (r ? r.map((v) => cellText(v ?? null)) : []));
    this.keys = this.texts.map((r) => r.map((t) => (t ? keyOfNormalized(t) : '')));
    this.merges = s.merges;
    for (const m of s.merges) {
      const area = (m.bottom - m.top + 1) * (m.right - m.left + 1);
      if (area > 4096 || area <= 1) continue;
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) this.covered.set(r * 16384 + c, m);
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

  rowCells(row: number, left = this.left, right = this.right): RowCell[] {
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
