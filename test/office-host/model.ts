/**
 * The in-memory workbook behind the fake Office.js host.
 *
 * The model is plain data (JSON-serialisable through toJSON/fromJSON) so the same workbook can be
 * built from an .xlsx in Node and shipped to a browser page. Formats are stored the way Excel stores
 * them per cell; a missing part (fill, font, ...) means "Excel's default" — in particular a cell with
 * no `fill` has no fill at all, which Office.js reports as color "#FFFFFF" with pattern "None".
 */

export type CellValue = string | number | boolean | null;

export interface FillModel {
  /** Office.js FillPattern name, never "None" (no fill is represented by an absent fill). */
  pattern: string;
  /** Background colour "#RRGGBB" (for "Solid" the visible colour). */
  color: string;
  /** Pattern (foreground) colour for non-solid patterns, null when not set. */
  patternColor: string | null;
  /** Tint (-1..1) applied to `color`, as theme colours carry one (set through tintAndShade). */
  tint?: number;
}

/**
 * A colour "RRGGBB" lightened or darkened by a tint, on its HLS luminance (ECMA-376 Part 1,
 * 18.8.19, the `tint` attribute of a colour).
 */
export function applyTint(hex: string, tint: number): string {
  if (!tint) return hex;
  const n = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(...n);
  const min = Math.min(...n);
  let h = 0;
  let s = 0;
  let l = (max + min) / 2;
  if (max !== min) {
    const d = max - min;
    s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    const [r, g, b] = n;
    h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h /= 6;
  }
  l = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  const hue = (p: number, q: number, t: number): number => {
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  let rgb: number[];
  if (s === 0) rgb = [l, l, l];
  else {
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    rgb = [hue(p, q, h + 1 / 3), hue(p, q, h), hue(p, q, h - 1 / 3)];
  }
  return rgb
    .map((x) =>
      Math.round(x * 255)
        .toString(16)
        .padStart(2, '0')
        .toUpperCase(),
    )
    .join('');
}

export interface FontModel {
  name?: string;
  size?: number;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  /** OOXML underline: 'single' | 'double' | ... */
  underline?: string;
  strike?: boolean;
}

/** One border edge; `style` is the OOXML style name (thin, medium, dashed, ...). */
export interface EdgeModel {
  style: string;
  color?: string;
}

export interface BorderModel {
  top?: EdgeModel;
  bottom?: EdgeModel;
  left?: EdgeModel;
  right?: EdgeModel;
  diagonal?: EdgeModel & { up?: boolean; down?: boolean };
}

export interface AlignmentModel {
  horizontal?: string;
  vertical?: string;
  wrapText?: boolean;
  indent?: number;
  textRotation?: number;
}

export interface StyleModel {
  numFmt?: string;
  fill?: FillModel;
  font?: FontModel;
  border?: BorderModel;
  alignment?: AlignmentModel;
  locked?: boolean;
}

export interface HyperlinkModel {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface CellModel {
  v: CellValue;
  /** Formula text including the leading "=", when the cell holds a formula. */
  f?: string;
  style?: StyleModel;
  hyperlink?: HyperlinkModel;
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ProtectionModel {
  protected: boolean;
  allowFormatCells?: boolean;
  allowInsertRows?: boolean;
  allowDeleteRows?: boolean;
}

export interface SheetModel {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protection: ProtectionModel;
  cells: Map<number, CellModel>;
  merges: Rect[];
  /** Column widths in characters (OOXML), by 0-based column. */
  colWidths: Map<number, number>;
  /** Row heights in points, by 0-based row. */
  rowHeights: Map<number, number>;
  tabColor?: string;
  frozenRows?: number;
}

export interface WorkbookModel {
  sheets: SheetModel[];
  activeSheet: number;
  /** Current selection (sheet index + rectangle). */
  selection: { sheet: number; rect: Rect };
  structureProtected: boolean;
  /** Custom XML parts (ExcelApi 1.5), saved in the file as customXml/itemN.xml. */
  customXmlParts?: CustomXmlPartModel[];
}

export interface CustomXmlPartModel {
  id: string;
  namespaceUri: string;
  xml: string;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export const key = (row: number, col: number): number => row * MAX_COLS + col;
export const unkey = (k: number): { row: number; col: number } => ({
  row: Math.floor(k / MAX_COLS),
  col: k % MAX_COLS,
});

export function newSheet(name: string): SheetModel {
  return {
    name,
    visibility: 'Visible',
    protection: { protected: false },
    cells: new Map(),
    merges: [],
    colWidths: new Map(),
    rowHeights: new Map(),
  };
}

export function newWorkbook(names: string[] = ['Sheet1']): WorkbookModel {
  return {
    sheets: names.map(newSheet),
    activeSheet: 0,
    selection: { sheet: 0, rect: { top: 0, left: 0, bottom: 0, right: 0 } },
    structureProtected: false,
  };
}

export function getCell(sheet: SheetModel, row: number, col: number): CellModel | undefined {
  return sheet.cells.get(key(row, col));
}

/** Returns the cell, creating an empty one when absent. */
export function touchCell(sheet: SheetModel, row: number, col: number): CellModel {
  const k = key(row, col);
  let c = sheet.cells.get(k);
  if (!c) {
    c = { v: null };
    sheet.cells.set(k, c);
  }
  return c;
}

/** Drops cells that hold nothing at all, so the used range stays honest. */
export function pruneCell(sheet: SheetModel, row: number, col: number): void {
  const k = key(row, col);
  const c = sheet.cells.get(k);
  if (c && c.v === null && !c.f && !c.hyperlink && isEmptyStyle(c.style)) sheet.cells.delete(k);
}

export function isEmptyStyle(s: StyleModel | undefined): boolean {
  if (!s) return true;
  return Object.values(s).every((v) => v === undefined);
}

export function cloneStyle(s: StyleModel | undefined): StyleModel | undefined {
  return s === undefined ? undefined : (JSON.parse(JSON.stringify(s)) as StyleModel);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}

export function intersection(a: Rect, b: Rect): Rect | null {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
}

export function mergeAt(sheet: SheetModel, row: number, col: number): Rect | undefined {
  return sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/**
 * Used range as Excel computes it: the bounding box of cells with a value (valuesOnly) or with a
 * value, a formula or any format, plus merged areas. Null for an empty sheet.
 */
export function usedRect(sheet: SheetModel, valuesOnly = false): Rect | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  const add = (r: number, c: number) => {
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  };
  for (const [k, c] of sheet.cells) {
    const hasValue = (c.v !== null && c.v !== '') || !!c.f;
    if (hasValue || (!valuesOnly && (!isEmptyStyle(c.style) || c.hyperlink))) {
      const { row, col } = unkey(k);
      add(row, col);
    }
  }
  if (!valuesOnly) {
    for (const m of sheet.merges) {
      add(m.top, m.left);
      add(m.bottom, m.right);
    }
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}

// ---------------------------------------------------------------------------------------------
// JSON transport (Maps become arrays of entries)

export interface WorkbookJSON {
  sheets: (Omit<SheetModel, 'cells' | 'colWidths' | 'rowHeights'> & {
    cells: [number, CellModel][];
    colWidths: [number, number][];
    rowHeights: [number, number][];
  })[];
  activeSheet: number;
  selection: WorkbookModel['selection'];
  structureProtected: boolean;
}

export function toJSON(wb: WorkbookModel): WorkbookJSON {
  return {
    ...wb,
    sheets: wb.sheets.map((s) => ({
      ...s,
      cells: [...s.cells.entries()],
      colWidths: [...s.colWidths.entries()],
      rowHeights: [...s.rowHeights.entries()],
    })),
  };
}

export function fromJSON(j: WorkbookJSON): WorkbookModel {
  return {
    ...j,
    sheets: j.sheets.map((s) => ({
      ...s,
      cells: new Map(s.cells),
      colWidths: new Map(s.colWidths),
      rowHeights: new Map(s.rowHeights),
    })),
  };
}

export function cloneWorkbook(wb: WorkbookModel): WorkbookModel {
  return fromJSON(JSON.parse(JSON.stringify(toJSON(wb))) as WorkbookJSON);
}

// ---------------------------------------------------------------------------------------------
// Snapshots used by tests to compare "every format of every cell" and "every value".

/** Map "Sheet!A1" -> canonical JSON of the cell's style (cells without style are omitted). */
export function formatSnapshot(wb: WorkbookModel, sheetFilter?: (name: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of wb.sheets) {
    if (sheetFilter && !sheetFilter(s.name)) continue;
    for (const [k, c] of s.cells) {
      if (isEmptyStyle(c.style)) continue;
      const { row, col } = unkey(k);
      out.set(`${s.name}!${row},${col}`, canonical(c.style));
    }
    for (const m of s.merges) out.set(`${s.name}!merge ${m.top},${m.left},${m.bottom},${m.right}`, '1');
  }
  return out;
}

/** Map "Sheet!r,c" -> canonical JSON of value + formula (empty cells omitted). */
export function valueSnapshot(wb: WorkbookModel, sheetFilter?: (name: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of wb.sheets) {
    if (sheetFilter && !sheetFilter(s.name)) continue;
    for (const [k, c] of s.cells) {
      if ((c.v === null || c.v === '') && !c.f) continue;
      const { row, col } = unkey(k);
      out.set(`${s.name}!${row},${col}`, JSON.stringify([c.v, c.f ?? null]));
    }
  }
  return out;
}

/** JSON with sorted keys and undefined members dropped. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => {
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      const o = val as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(o).sort()) if (o[k] !== undefined) sorted[k] = o[k];
      return sorted;
    }
    return val;
  });
}
