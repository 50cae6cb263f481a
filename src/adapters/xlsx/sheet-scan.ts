/** The layout of a worksheet part as the package writers need it: rows and cells with their tags, columns, merges. */
import { NS_MAIN_STRICT, NS_R, NS_R_STRICT } from './package';
import { type Tag, attr, attrLocal, parseRef, prefixOf, scanTags } from './xml-edit';

/** A cell of the sheet's XML: its position, its tags, and what its content is. */
export interface ScannedCell {
  row: number;
  col: number;
  tag: Tag;
  /** The closing tag when the cell is not self-closing. */
  close: Tag | null;
  /** Whether the cell holds a formula (an f child). */
  formula: boolean;
  /** The span of the text of its v child, when it has one. */
  v: [number, number] | null;
}

export interface SheetRow {
  row: number;
  open: Tag;
  close: Tag | null;
  style: number | null;
  cells: ScannedCell[];
}

export interface SheetScan {
  prefix: string;
  rNsPrefix: string | null;
  strict: boolean;
  sheetData: { open: Tag; close: Tag | null } | null;
  rows: SheetRow[];
  cols: { min: number; max: number; style: number }[];
  merges: { top: number; left: number; bottom: number; right: number }[];
  legacyDrawingId: string | null;
  /** Where a new legacyDrawing element goes. */
  legacyAt: number;
  problem: string | null;
}

/** Elements of a worksheet that come after legacyDrawing: a new one goes before the first of them. */
const AFTER_LEGACY = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

export function scanSheet(xml: string): SheetScan {
  const s: SheetScan = {
    prefix: '',
    rNsPrefix: null,
    strict: false,
    sheetData: null,
    rows: [],
    cols: [],
    merges: [],
    legacyDrawingId: null,
    legacyAt: -1,
    problem: null,
  };
  const data = new DataScan(s);
  let inData = false;
  scanTags(xml, (tag, depth) => {
    if (depth === 0) return scanRoot(s, tag);
    if (depth === 1 && tag.kind !== 'close' && s.legacyAt < 0 && AFTER_LEGACY.includes(tag.name)) s.legacyAt = tag.start;
    if (depth === 1 && tag.name === 'legacyDrawing' && tag.kind !== 'close') s.legacyDrawingId = attrLocal(tag, 'id')?.value ?? '';
    if (depth === 1 && tag.name === 'sheetData') {
      if (tag.kind === 'close') s.sheetData!.close = tag;
      else s.sheetData = { open: tag, close: null };
      inData = tag.kind === 'open';
      return;
    }
    if (depth === 2 && tag.name === 'col' && tag.kind !== 'close') return scanCol(s, tag);
    if (depth === 2 && tag.name === 'mergeCell' && tag.kind !== 'close') return scanMerge(s, tag);
    if (inData) data.tag(tag, depth);
  });
  return s;
}

function scanRoot(s: SheetScan, tag: Tag): void {
  if (tag.kind !== 'close') {
    s.prefix = prefixOf(tag);
    for (const a of tag.attrs) {
      if ((a.value === NS_R || a.value === NS_R_STRICT) && a.name.startsWith('xmlns:')) s.rNsPrefix = a.name.slice(6);
      if (a.value === NS_MAIN_STRICT || a.value === NS_R_STRICT) s.strict = true;
    }
  } else if (s.legacyAt < 0) s.legacyAt = tag.start;
}

function scanCol(s: SheetScan, tag: Tag): void {
  const min = Number(attr(tag, 'min')?.value);
  const max = Number(attr(tag, 'max')?.value ?? attr(tag, 'min')?.value);
  const style = Number(attr(tag, 'style')?.value ?? 0);
  if (Number.isInteger(min) && Number.isInteger(max) && style > 0) s.cols.push({ min: min - 1, max: max - 1, style });
}

function scanMerge(s: SheetScan, tag: Tag): void {
  const ref = attr(tag, 'ref')?.value ?? '';
  const [a, b = a] = ref.split(':');
  const [r0, c0] = parseRef(a);
  const [r1, c1] = parseRef(b);
  if (r0 >= 0 && c0 >= 0 && r1 >= 0 && c1 >= 0)
    s.merges.push({ top: Math.min(r0, r1), left: Math.min(c0, c1), bottom: Math.max(r0, r1), right: Math.max(c0, c1) });
}

/** The rows and cells inside sheetData, tag by tag. */
class DataScan {
  private row = -1;
  private col = -1;
  private current: SheetRow | null = null;
  private cell: ScannedCell | null = null;
  private vOpen = -1;

  constructor(private readonly s: SheetScan) {}

  tag(tag: Tag, depth: number): void {
    if (depth === 2 && tag.name === 'row') this.rowTag(tag);
    else if (depth === 3 && tag.name === 'c' && this.current) this.cellTag(tag);
    else if (depth === 4 && this.cell && !this.cell.close) {
      if (tag.name === 'f') this.cell.formula = true;
      else if (tag.name === 'v' && tag.kind === 'open') this.vOpen = tag.end;
      else if (tag.name === 'v' && tag.kind === 'close') this.cell.v = [this.vOpen, tag.start];
    }
  }

  private rowTag(tag: Tag): void {
    if (tag.kind === 'close') {
      this.current!.close = tag;
      return;
    }
    // as the reader does: a row without r follows the previous one
    const ref = attr(tag, 'r')?.value;
    const r = ref ? parseInt(ref, 10) - 1 : this.row + 1;
    this.row = Number.isFinite(r) ? r : this.row + 1;
    this.col = -1;
    const custom = attr(tag, 'customFormat')?.value;
    const st = attr(tag, 's')?.value;
    this.current = {
      row: this.row,
      open: tag,
      close: null,
      style: (custom === '1' || custom === 'true') && st ? Number(st) : null,
      cells: [],
    };
    this.s.rows.push(this.current);
  }

  private cellTag(tag: Tag): void {
    if (tag.kind === 'close') {
      if (this.cell) this.cell.close = tag;
      return;
    }
    const current = this.current!;
    const ref = attr(tag, 'r')?.value;
    if (ref) {
      const [rr, cc] = parseRef(ref);
      this.col = cc >= 0 ? cc : this.col + 1;
      if (rr >= 0) this.row = rr;
    } else this.col++;
    if (this.row !== current.row) this.s.problem = `cell ${ref ?? '(no r)'} is not in its row ${current.row + 1}`;
    this.cell = { row: this.row, col: this.col, tag, close: null, formula: false, v: null };
    current.cells.push(this.cell);
    if (tag.kind === 'empty') this.cell = null;
  }
}
