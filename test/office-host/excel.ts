/**
 * The Excel object model of the fake Office.js host (the part of ExcelApi the add-in and the
 * template insertion use), on top of runtime.ts. See README.md for the supported API list.
 */
import { formatAddress, formatRect, parseRangeAddress } from '../../src/adapters/office/address';
import {
  AlignmentModel,
  CustomXmlPartModel,
  BorderModel,
  CellModel,
  EdgeModel,
  FillModel,
  MAX_COLS,
  MAX_ROWS,
  Rect,
  SheetModel,
  StyleModel,
  WorkbookModel,
  applyTint,
  cloneStyle,
  contains,
  getCell,
  intersection,
  intersects,
  key,
  mergeAt,
  newSheet,
  pruneCell,
  touchCell,
  unkey,
  usedRect,
} from './model';
import { ClientCollection, ClientObject, ClientResult, HostError, PropDef, RequestContext, defineAccessors } from './runtime';

// ---------------------------------------------------------------------------------------------
// helpers

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

type Matrix = unknown[][];

const DEFAULT_FONT = { name: 'Calibri', size: 11, color: '#000000' };
const DEFAULT_ROW_HEIGHT = 15;
const DEFAULT_COL_WIDTH = 8.43;

const NAMED_COLORS: Record<string, string> = {
  white: '#FFFFFF',
  black: '#000000',
  red: '#FF0000',
  yellow: '#FFFF00',
  orange: '#FFA500',
  green: '#008000',
  blue: '#0000FF',
  gray: '#808080',
};

export function normColor(c: unknown): string {
  if (typeof c !== 'string') throw new HostError('InvalidArgument', `Invalid color ${String(c)}`);
  const s = c.trim();
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  const m = /^#?([0-9a-fA-F]{6})$/.exec(s);
  if (!m) throw new HostError('InvalidArgument', `Invalid color ${c}`);
  return `#${m[1].toUpperCase()}`;
}

function forEachCell(rect: Rect, fn: (row: number, col: number) => void): void {
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(r, c);
}

function dims(rect: Rect): { rows: number; cols: number } {
  return { rows: rect.bottom - rect.top + 1, cols: rect.right - rect.left + 1 };
}

/** Materialised bounds: whole rows/columns are limited to the used part of the sheet for reads. */
function readRect(t: RangeTarget): Rect {
  const { rows, cols } = dims(t.rect);
  if (rows * cols <= 5_000_000) return t.rect;
  const used = usedRect(t.sheet) ?? { top: 0, left: 0, bottom: 0, right: 0 };
  return {
    top: t.rect.top,
    left: t.rect.left,
    bottom: Math.min(t.rect.bottom, Math.max(t.rect.top, used.bottom)),
    right: Math.min(t.rect.right, Math.max(t.rect.left, used.right)),
  };
}

function matrix(t: RangeTarget, fn: (cell: CellModel | undefined, row: number, col: number) => unknown): Matrix {
  const r = readRect(t);
  const out: Matrix = [];
  for (let row = r.top; row <= r.bottom; row++) {
    const line: unknown[] = [];
    for (let col = r.left; col <= r.right; col++) line.push(fn(getCell(t.sheet, row, col), row, col));
    out.push(line);
  }
  return out;
}

/** Uniform value over all cells of the range, null when they differ (Office.js semantics). */
function uniform<V>(t: RangeTarget, fn: (cell: CellModel | undefined, row: number, col: number) => V): V | null {
  const r = readRect(t);
  let first = true;
  let value: V | null = null;
  let seen = '';
  for (let row = r.top; row <= r.bottom; row++) {
    for (let col = r.left; col <= r.right; col++) {
      const v = fn(getCell(t.sheet, row, col), row, col);
      const s = JSON.stringify(v);
      if (first) {
        value = v;
        seen = s;
        first = false;
      } else if (s !== seen) return null;
    }
  }
  return value;
}

function isTopLeftOrUnmerged(sheet: SheetModel, row: number, col: number): boolean {
  const m = mergeAt(sheet, row, col);
  return !m || (m.top === row && m.left === col);
}

function assertCanEdit(sheet: SheetModel, what: 'values' | 'format' | 'insertRows' | 'deleteRows' | 'structure'): void {
  const p = sheet.protection;
  if (!p.protected) return;
  if (what === 'format' && p.allowFormatCells) return;
  if (what === 'insertRows' && p.allowInsertRows) return;
  if (what === 'deleteRows' && p.allowDeleteRows) return;
  throw new HostError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet ("${sheet.name}").`);
}

function styleOf(sheet: SheetModel, row: number, col: number): StyleModel {
  const c = touchCell(sheet, row, col);
  if (!c.style) c.style = {};
  return c.style;
}

function editStyle(t: RangeTarget, fn: (s: StyleModel, row: number, col: number) => void): void {
  assertCanEdit(t.sheet, 'format');
  forEachCell(t.rect, (row, col) => {
    const s = styleOf(t.sheet, row, col);
    fn(s, row, col);
    for (const k of Object.keys(s) as (keyof StyleModel)[]) if (s[k] === undefined) delete s[k];
    if (Object.keys(s).length === 0) delete touchCell(t.sheet, row, col).style;
    pruneCell(t.sheet, row, col);
  });
}

function guardSize(t: RangeTarget): void {
  const { rows, cols } = dims(t.rect);
  if (rows * cols > 5_000_000) throw new HostError('InvalidOperation', 'The range is too large for this operation.');
}

function excelValue(c: CellModel | undefined): string | number | boolean {
  if (!c || c.v === null) return '';
  return c.v;
}

function writeMatrix(t: RangeTarget, input: unknown, write: (cell: CellModel, v: unknown, row: number, col: number) => void): void {
  guardSize(t);
  const { rows, cols } = dims(t.rect);
  const get = (r: number, c: number): unknown => {
    if (!Array.isArray(input)) return input;
    const line = (input as unknown[])[r];
    return Array.isArray(line) ? line[c] : undefined;
  };
  if (Array.isArray(input)) {
    const ok = input.length === rows && (input as unknown[]).every((l) => Array.isArray(l) && l.length === cols);
    if (!ok) {
      throw new HostError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`,
      );
    }
  }
  forEachCell(t.rect, (row, col) => {
    const v = get(row - t.rect.top, col - t.rect.left);
    if (v === null || v === undefined) return; // null leaves the cell unchanged
    if (!isTopLeftOrUnmerged(t.sheet, row, col) && v !== '') {
      throw new HostError('InvalidOperation', 'Cannot change part of a merged cell.');
    }
    write(touchCell(t.sheet, row, col), v, row, col);
    pruneCell(t.sheet, row, col);
  });
}

/**
 * The one formula the host calculates: HYPERLINK(link, friendly_name) shows its friendly name
 * (Microsoft Support, "HYPERLINK function"); other formulas keep no value.
 */
export function formulaValue(f: string): string | null {
  const m = /^=HYPERLINK\(\s*"((?:[^"]|"")*)"\s*,\s*"((?:[^"]|"")*)"\s*\)$/i.exec(f);
  return m ? m[2].replace(/""/g, '"') : null;
}

export function setCellValue(cell: CellModel, v: unknown): void {
  if (typeof v === 'string' && v.startsWith('=') && v.length > 1) {
    cell.f = v;
    cell.v = formulaValue(v);
    return;
  }
  delete cell.f;
  if (v === '') cell.v = null;
  else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') cell.v = v;
  else throw new HostError('InvalidArgument', `Unsupported value ${JSON.stringify(v)}`);
}

// --- fills ---------------------------------------------------------------------------------------

function fillProps(): Record<string, PropDef<RangeTarget>> {
  const fillOf = (c: CellModel | undefined): FillModel | undefined => c?.style?.fill;
  return {
    color: {
      get: (t, ctx) =>
        uniform(t, (c) => {
          const f = fillOf(c);
          if (!f) return '#FFFFFF';
          return f.tint && ctx.session.options.tintedColor === 'applied' ? `#${applyTint(f.color.replace('#', ''), f.tint)}` : f.color;
        }),
      set: (t, v) => {
        const color = normColor(v);
        editStyle(t, (s) => {
          s.fill = s.fill ? { ...s.fill, color, tint: undefined } : { pattern: 'Solid', color, patternColor: null };
        });
      },
    },
    pattern: {
      api: '1.9',
      get: (t, ctx) =>
        uniform(t, (c) => {
          const p = fillOf(c)?.pattern ?? 'None';
          return ctx.session.options.fillReport === 'nulls' && (p === 'None' || p === 'Solid') ? null : p;
        }),
      set: (t, v) => {
        const pattern = String(v);
        editStyle(t, (s) => {
          if (pattern === 'None') s.fill = undefined;
          else s.fill = s.fill ? { ...s.fill, pattern } : { pattern, color: '#FFFFFF', patternColor: null };
        });
      },
    },
    patternColor: {
      api: '1.9',
      get: (t) => uniform(t, (c) => fillOf(c)?.patternColor ?? null),
      set: (t, v) => {
        const pc = normColor(v);
        editStyle(t, (s) => {
          if (s.fill) s.fill = { ...s.fill, patternColor: pc };
        });
      },
    },
    tintAndShade: {
      api: '1.9',
      get: (t, ctx) =>
        uniform(t, (c) => {
          const f = fillOf(c);
          if (!f) return ctx.session.options.fillReport === 'nulls' ? null : 0;
          return f.tint ?? 0;
        }),
      set: (t, v) => {
        const tint = Number(v);
        if (!(tint >= -1 && tint <= 1)) throw new HostError('InvalidArgument', 'tintAndShade must be between -1 and 1.');
        editStyle(t, (s) => {
          const base = s.fill ?? { pattern: 'Solid', color: '#FFFFFF', patternColor: null };
          s.fill = { ...base, tint: tint || undefined };
          if (s.fill.tint === undefined) delete s.fill.tint;
        });
      },
    },
    patternTintAndShade: {
      api: '1.9',
      get: () => 0,
      set: (_t, v) => {
        if (v !== 0) throw new HostError('NotImplemented', 'fake host: patternTintAndShade other than 0');
      },
    },
  };
}

// --- fonts ---------------------------------------------------------------------------------------

const UNDERLINE_TO_API: Record<string, string> = {
  single: 'Single',
  double: 'Double',
  singleAccounting: 'SingleAccountant',
  doubleAccounting: 'DoubleAccountant',
};
const UNDERLINE_FROM_API: Record<string, string | undefined> = {
  None: undefined,
  Single: 'single',
  Double: 'double',
  SingleAccountant: 'singleAccounting',
  DoubleAccountant: 'doubleAccounting',
};

function fontProps(): Record<string, PropDef<RangeTarget>> {
  const prop = <V>(
    read: (f: NonNullable<StyleModel['font']>) => V,
    write: (f: NonNullable<StyleModel['font']>, v: unknown) => void,
  ): PropDef<RangeTarget> => ({
    get: (t) => uniform(t, (c) => read(c?.style?.font ?? {})),
    set: (t, v) =>
      editStyle(t, (s) => {
        const f = { ...(s.font ?? {}) };
        write(f, v);
        for (const k of Object.keys(f) as (keyof typeof f)[]) if (f[k] === undefined) delete f[k];
        s.font = Object.keys(f).length ? f : undefined;
      }),
  });
  return {
    name: prop(
      (f) => f.name ?? DEFAULT_FONT.name,
      (f, v) => (f.name = String(v)),
    ),
    size: prop(
      (f) => f.size ?? DEFAULT_FONT.size,
      (f, v) => (f.size = Number(v)),
    ),
    color: prop(
      (f) => f.color ?? DEFAULT_FONT.color,
      (f, v) => (f.color = normColor(v)),
    ),
    bold: prop(
      (f) => f.bold ?? false,
      (f, v) => (f.bold = v ? true : undefined),
    ),
    italic: prop(
      (f) => f.italic ?? false,
      (f, v) => (f.italic = v ? true : undefined),
    ),
    underline: prop(
      (f) => (f.underline ? (UNDERLINE_TO_API[f.underline] ?? 'Single') : 'None'),
      (f, v) => (f.underline = UNDERLINE_FROM_API[String(v)]),
    ),
    strikethrough: prop(
      (f) => f.strike ?? false,
      (f, v) => (f.strike = v ? true : undefined),
    ),
  };
}

// --- borders -------------------------------------------------------------------------------------

const OOXML_TO_API: Record<string, [string, string]> = {
  thin: ['Continuous', 'Thin'],
  medium: ['Continuous', 'Medium'],
  thick: ['Continuous', 'Thick'],
  hair: ['Continuous', 'Hairline'],
  dashed: ['Dash', 'Thin'],
  mediumDashed: ['Dash', 'Medium'],
  dotted: ['Dot', 'Thin'],
  double: ['Double', 'Thick'],
  dashDot: ['DashDot', 'Thin'],
  mediumDashDot: ['DashDot', 'Medium'],
  dashDotDot: ['DashDotDot', 'Thin'],
  mediumDashDotDot: ['DashDotDot', 'Medium'],
  slantDashDot: ['SlantDashDot', 'Medium'],
};

function apiToOoxml(style: string, weight: string): string {
  for (const [k, [s, w]] of Object.entries(OOXML_TO_API)) if (s === style && w === weight) return k;
  for (const [k, [s]] of Object.entries(OOXML_TO_API)) if (s === style) return k;
  return 'thin';
}

type EdgeName = 'top' | 'bottom' | 'left' | 'right';

/** Which cell edges a BorderIndex addresses within `rect`. */
function edgeCells(index: string, rect: Rect): { row: number; col: number; edge: EdgeName | 'diagonalUp' | 'diagonalDown' }[] {
  const out: { row: number; col: number; edge: EdgeName | 'diagonalUp' | 'diagonalDown' }[] = [];
  forEachCell(rect, (row, col) => {
    switch (index) {
      case 'EdgeTop':
        if (row === rect.top) out.push({ row, col, edge: 'top' });
        break;
      case 'EdgeBottom':
        if (row === rect.bottom) out.push({ row, col, edge: 'bottom' });
        break;
      case 'EdgeLeft':
        if (col === rect.left) out.push({ row, col, edge: 'left' });
        break;
      case 'EdgeRight':
        if (col === rect.right) out.push({ row, col, edge: 'right' });
        break;
      case 'InsideHorizontal':
        if (row < rect.bottom) out.push({ row, col, edge: 'bottom' });
        if (row > rect.top) out.push({ row, col, edge: 'top' });
        break;
      case 'InsideVertical':
        if (col < rect.right) out.push({ row, col, edge: 'right' });
        if (col > rect.left) out.push({ row, col, edge: 'left' });
        break;
      case 'DiagonalUp':
        out.push({ row, col, edge: 'diagonalUp' });
        break;
      case 'DiagonalDown':
        out.push({ row, col, edge: 'diagonalDown' });
        break;
      default:
        throw new HostError('InvalidArgument', `Unknown BorderIndex ${index}`);
    }
  });
  return out;
}

function readEdge(b: BorderModel | undefined, edge: string): EdgeModel | undefined {
  if (!b) return undefined;
  if (edge === 'diagonalUp') return b.diagonal?.up ? b.diagonal : undefined;
  if (edge === 'diagonalDown') return b.diagonal?.down ? b.diagonal : undefined;
  return b[edge as EdgeName];
}

function borderProps(index: string): Record<string, PropDef<RangeTarget>> {
  const read = (t: RangeTarget, f: (e: EdgeModel | undefined) => unknown): unknown => {
    const cells = edgeCells(index, readRect(t));
    const vals = new Set(cells.map((c) => JSON.stringify(f(readEdge(getCell(t.sheet, c.row, c.col)?.style?.border, c.edge)))));
    return vals.size === 1 ? JSON.parse([...vals][0]) : null;
  };
  const write = (t: RangeTarget, fn: (e: EdgeModel | undefined) => EdgeModel | undefined): void => {
    assertCanEdit(t.sheet, 'format');
    for (const c of edgeCells(index, t.rect)) {
      const s = styleOf(t.sheet, c.row, c.col);
      const b: BorderModel = { ...(s.border ?? {}) };
      if (c.edge === 'diagonalUp' || c.edge === 'diagonalDown') {
        const cur = b.diagonal && (c.edge === 'diagonalUp' ? b.diagonal.up : b.diagonal.down) ? b.diagonal : undefined;
        const next = fn(cur);
        const up = c.edge === 'diagonalUp' ? !!next : !!b.diagonal?.up;
        const down = c.edge === 'diagonalDown' ? !!next : !!b.diagonal?.down;
        b.diagonal = next || up || down ? { ...(b.diagonal ?? { style: 'thin' }), ...(next ?? {}), up, down } : undefined;
        if (b.diagonal && !b.diagonal.up && !b.diagonal.down) b.diagonal = undefined;
      } else {
        b[c.edge] = fn(b[c.edge]);
      }
      for (const k of Object.keys(b) as (keyof BorderModel)[]) if (b[k] === undefined) delete b[k];
      s.border = Object.keys(b).length ? b : undefined;
      if (s.border === undefined) delete s.border;
      if (Object.keys(s).length === 0) delete touchCell(t.sheet, c.row, c.col).style;
      pruneCell(t.sheet, c.row, c.col);
    }
  };
  return {
    sideIndex: { get: () => index },
    style: {
      get: (t) => read(t, (e) => (e ? (OOXML_TO_API[e.style]?.[0] ?? 'Continuous') : 'None')),
      set: (t, v) =>
        write(t, (e) => {
          if (v === 'None') return undefined;
          const weight = e ? (OOXML_TO_API[e.style]?.[1] ?? 'Thin') : 'Thin';
          return { ...(e ?? {}), style: apiToOoxml(String(v), weight) };
        }),
    },
    weight: {
      get: (t) => read(t, (e) => (e ? (OOXML_TO_API[e.style]?.[1] ?? 'Thin') : 'Thin')),
      set: (t, v) =>
        write(t, (e) => {
          const style = e ? (OOXML_TO_API[e.style]?.[0] ?? 'Continuous') : 'Continuous';
          return { ...(e ?? {}), style: apiToOoxml(style, String(v)) };
        }),
    },
    color: {
      get: (t) => read(t, (e) => e?.color ?? '#000000'),
      set: (t, v) => write(t, (e) => ({ ...(e ?? { style: 'thin' }), color: normColor(v) })),
    },
  };
}

// --- alignment -----------------------------------------------------------------------------------

const H_TO_API: Record<string, string> = {
  left: 'Left',
  center: 'Center',
  right: 'Right',
  fill: 'Fill',
  justify: 'Justify',
  centerContinuous: 'CenterAcrossSelection',
  distributed: 'Distributed',
};
const V_TO_API: Record<string, string> = {
  top: 'Top',
  middle: 'Center',
  bottom: 'Bottom',
  justify: 'Justify',
  distributed: 'Distributed',
};
const invert = (o: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(o).map(([k, v]) => [v, k]));
const H_FROM_API = invert(H_TO_API);
const V_FROM_API = invert(V_TO_API);

function alignProp(read: (a: AlignmentModel) => unknown, write: (a: AlignmentModel, v: unknown) => void): PropDef<RangeTarget> {
  return {
    get: (t) => uniform(t, (c) => read(c?.style?.alignment ?? {})),
    set: (t, v) =>
      editStyle(t, (s) => {
        const a = { ...(s.alignment ?? {}) };
        write(a, v);
        for (const k of Object.keys(a) as (keyof AlignmentModel)[]) if (a[k] === undefined) delete a[k];
        s.alignment = Object.keys(a).length ? a : undefined;
      }),
  };
}

// --- structural edits ----------------------------------------------------------------------------

function moveCells(
  sheet: SheetModel,
  pick: (row: number, col: number) => boolean,
  map: (row: number, col: number) => { row: number; col: number } | null,
): void {
  const moved: [number, CellModel][] = [];
  for (const [k, c] of [...sheet.cells]) {
    const { row, col } = unkey(k);
    if (!pick(row, col)) continue;
    sheet.cells.delete(k);
    const to = map(row, col);
    if (to && to.row < MAX_ROWS && to.col < MAX_COLS) moved.push([key(to.row, to.col), c]);
  }
  for (const [k, c] of moved) sheet.cells.set(k, c);
}

function shiftMapKeys(m: Map<number, number>, from: number, by: number, removeFrom?: number, removeTo?: number): void {
  const entries = [...m.entries()];
  m.clear();
  for (const [k, v] of entries) {
    if (removeFrom !== undefined && removeTo !== undefined && k >= removeFrom && k <= removeTo) continue;
    m.set(k >= from ? k + by : k, v);
  }
}

function insertCells(t: RangeTarget, shift: string): void {
  const { sheet, rect } = t;
  const down = shift === 'Down';
  if (!down && shift !== 'Right') throw new HostError('InvalidArgument', `Unknown shift ${shift}`);
  const entireRows = rect.left === 0 && rect.right === MAX_COLS - 1;
  const entireCols = rect.top === 0 && rect.bottom === MAX_ROWS - 1;
  assertCanEdit(sheet, down && entireRows ? 'insertRows' : 'structure');
  const n = down ? rect.bottom - rect.top + 1 : rect.right - rect.left + 1;
  const inBand = (row: number, col: number): boolean =>
    down ? col >= rect.left && col <= rect.right && row >= rect.top : row >= rect.top && row <= rect.bottom && col >= rect.left;
  // merges in the affected band must lie entirely inside the band's cross-span
  const next: Rect[] = [];
  for (const m of sheet.merges) {
    const crossInside = down ? m.left >= rect.left && m.right <= rect.right : m.top >= rect.top && m.bottom <= rect.bottom;
    const crossTouch = down ? m.right >= rect.left && m.left <= rect.right : m.bottom >= rect.top && m.top <= rect.bottom;
    const after = down ? m.bottom >= rect.top : m.right >= rect.left;
    if (!crossTouch || !after) {
      next.push(m);
      continue;
    }
    if (!crossInside) throw new HostError('InvalidOperation', 'This operation will cause some merged cells to unmerge.');
    if (down) next.push(m.top >= rect.top ? { ...m, top: m.top + n, bottom: m.bottom + n } : { ...m, bottom: m.bottom + n });
    else next.push(m.left >= rect.left ? { ...m, left: m.left + n, right: m.right + n } : { ...m, right: m.right + n });
  }
  moveCells(sheet, inBand, (row, col) => (down ? { row: row + n, col } : { row, col: col + n }));
  sheet.merges = next;
  // inserted cells take the format of the cells above (or to the left), like Excel's default
  forEachCell(rect, (row, col) => {
    const srcRow = down ? rect.top - 1 : row;
    const srcCol = down ? col : rect.left - 1;
    if (srcRow < 0 || srcCol < 0) return;
    const src = getCell(sheet, srcRow, srcCol);
    if (src?.style) touchCell(sheet, row, col).style = cloneStyle(src.style);
  });
  if (down && entireRows) shiftMapKeys(sheet.rowHeights, rect.top, n);
  if (!down && entireCols) shiftMapKeys(sheet.colWidths, rect.left, n);
}

function deleteCells(t: RangeTarget, shift: string): void {
  const { sheet, rect } = t;
  const up = shift === 'Up';
  if (!up && shift !== 'Left') throw new HostError('InvalidArgument', `Unknown shift ${shift}`);
  const entireRows = rect.left === 0 && rect.right === MAX_COLS - 1;
  const entireCols = rect.top === 0 && rect.bottom === MAX_ROWS - 1;
  assertCanEdit(sheet, up && entireRows ? 'deleteRows' : 'structure');
  const n = up ? rect.bottom - rect.top + 1 : rect.right - rect.left + 1;
  const next: Rect[] = [];
  for (const m of sheet.merges) {
    const crossTouch = up ? m.right >= rect.left && m.left <= rect.right : m.bottom >= rect.top && m.top <= rect.bottom;
    const after = up ? m.bottom >= rect.top : m.right >= rect.left;
    if (!crossTouch || !after) {
      next.push(m);
      continue;
    }
    if (contains(rect, m)) continue;
    const crossInside = up ? m.left >= rect.left && m.right <= rect.right : m.top >= rect.top && m.bottom <= rect.bottom;
    const beyond = up ? m.top > rect.bottom : m.left > rect.right;
    if (!crossInside || !beyond) throw new HostError('InvalidOperation', 'This operation will cause some merged cells to unmerge.');
    next.push(up ? { ...m, top: m.top - n, bottom: m.bottom - n } : { ...m, left: m.left - n, right: m.right - n });
  }
  moveCells(
    sheet,
    (row, col) =>
      up ? col >= rect.left && col <= rect.right && row >= rect.top : row >= rect.top && row <= rect.bottom && col >= rect.left,
    (row, col) => {
      if (row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right) return null;
      return up ? { row: row - n, col } : { row, col: col - n };
    },
  );
  sheet.merges = next;
  if (up && entireRows) shiftMapKeys(sheet.rowHeights, rect.bottom + 1, -n, rect.top, rect.bottom);
  if (!up && entireCols) shiftMapKeys(sheet.colWidths, rect.right + 1, -n, rect.left, rect.right);
}

function addMerge(sheet: SheetModel, m: Rect): void {
  if (m.top === m.bottom && m.left === m.right) return;
  for (const o of sheet.merges) {
    if (intersects(o, m) && !contains(m, o)) {
      throw new HostError('InvalidOperation', 'Cannot merge a range that partly overlaps another merged range.');
    }
  }
  sheet.merges = sheet.merges.filter((o) => !contains(m, o));
  forEachCell(m, (row, col) => {
    if (row === m.top && col === m.left) return;
    const c = getCell(sheet, row, col);
    if (c) {
      c.v = null;
      delete c.f;
      pruneCell(sheet, row, col);
    }
  });
  sheet.merges.push(m);
}

function copyRange(src: RangeTarget, dst: RangeTarget, type: string, skipBlanks: boolean): void {
  const s = dims(src.rect);
  const d = dims(dst.rect);
  const tileRows = d.rows % s.rows === 0 ? d.rows / s.rows : 1;
  const tileCols = d.cols % s.cols === 0 ? d.cols / s.cols : 1;
  const snapshot = new Map<string, CellModel | undefined>();
  forEachCell(src.rect, (row, col) => {
    const c = getCell(src.sheet, row, col);
    snapshot.set(`${row - src.rect.top},${col - src.rect.left}`, c ? (JSON.parse(JSON.stringify(c)) as CellModel) : undefined);
  });
  const srcMerges = src.sheet.merges.filter((m) => contains(src.rect, m)).map((m) => ({ ...m }));
  const target: Rect = {
    top: dst.rect.top,
    left: dst.rect.left,
    bottom: dst.rect.top + s.rows * tileRows - 1,
    right: dst.rect.left + s.cols * tileCols - 1,
  };
  const formats = type === 'All' || type === 'Formats';
  const values = type !== 'Formats';
  assertCanEdit(dst.sheet, values ? 'values' : 'format');
  if (formats) dst.sheet.merges = dst.sheet.merges.filter((m) => !intersects(m, target));
  for (let tr = 0; tr < tileRows; tr++) {
    for (let tc = 0; tc < tileCols; tc++) {
      const top = target.top + tr * s.rows;
      const left = target.left + tc * s.cols;
      forEachCell({ top: 0, left: 0, bottom: s.rows - 1, right: s.cols - 1 }, (r, c) => {
        const from = snapshot.get(`${r},${c}`);
        if (skipBlanks && (!from || (from.v === null && !from.f))) return;
        const cell = touchCell(dst.sheet, top + r, left + c);
        if (formats) cell.style = cloneStyle(from?.style);
        if (values) {
          if (type === 'Values') {
            cell.v = from?.v ?? null;
            delete cell.f;
          } else {
            cell.v = from?.v ?? null;
            if (from?.f) cell.f = from.f;
            else delete cell.f;
          }
        }
        pruneCell(dst.sheet, top + r, left + c);
      });
      if (formats) {
        for (const m of srcMerges) {
          addMerge(dst.sheet, {
            top: top + m.top - src.rect.top,
            left: left + m.left - src.rect.left,
            bottom: top + m.bottom - src.rect.top,
            right: left + m.right - src.rect.left,
          });
        }
      }
    }
  }
}

// --- cell properties (ExcelApi 1.9) ------------------------------------------------------------

/** CellBorderCollection keys of one cell and the BorderIndex each stands for. */
const CELL_BORDERS: Record<string, string> = {
  top: 'EdgeTop',
  bottom: 'EdgeBottom',
  left: 'EdgeLeft',
  right: 'EdgeRight',
  diagonalDown: 'DiagonalDown',
  diagonalUp: 'DiagonalUp',
};
const FILL_KEYS = ['color', 'pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'];
const FONT_KEYS = ['name', 'size', 'color', 'bold', 'italic', 'underline', 'strikethrough'];
const ALIGN_KEYS = ['horizontalAlignment', 'verticalAlignment', 'wrapText', 'indentLevel'];

const cellTarget = (t: RangeTarget, row: number, col: number): RangeTarget => ({
  sheet: t.sheet,
  rect: { top: row, left: col, bottom: row, right: col },
});

/**
 * One cell's CellProperties (Range.getCellProperties reference, ExcelApi 1.9): what the Range, RangeFormat,
 * RangeFill, RangeFont and RangeBorder properties of that cell read, under the CellPropertiesFormat names.
 */
function cellProperties(ctx: RequestContext, t: RangeTarget): Record<string, unknown> {
  const read = (defs: Record<string, PropDef<RangeTarget>>, keys: string[]) =>
    Object.fromEntries(keys.map((k) => [k, defs[k].get!(t, ctx)]));
  const borders = Object.fromEntries(
    Object.entries(CELL_BORDERS).map(([k, index]) => [k, read(borderProps(index), ['style', 'weight', 'color'])]),
  );
  const c = getCell(t.sheet, t.rect.top, t.rect.left);
  return {
    address: formatAddress(t.sheet.name, t.rect),
    addressLocal: formatAddress(t.sheet.name, t.rect),
    format: {
      fill: read(fillProps(), FILL_KEYS),
      font: read(fontProps(), FONT_KEYS),
      borders,
      ...read(formatProps(), ALIGN_KEYS),
      protection: { locked: c?.style?.locked !== false, formulaHidden: false },
    },
    hyperlink: c?.hyperlink ? { ...c.hyperlink } : null,
  };
}

/** The parts of `all` that `options` asks for (true: the whole part; an object: those of its keys). */
function pickLoaded(all: Record<string, unknown>, options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, want] of Object.entries(options)) {
    if (!want || !(k in all)) continue;
    const v = all[k];
    out[k] =
      want === true || v === null || typeof v !== 'object' ? v : pickLoaded(v as Record<string, unknown>, want as Record<string, unknown>);
  }
  return out;
}

/**
 * One cell's SettableCellProperties written (Range.setCellProperties reference, ExcelApi 1.9), each as its Range
 * property setter writes it. Within a fill the pattern goes last ("None" removes the fill whatever the colour
 * said); within a border the style goes last ("None" removes the edge). Parts the model does not keep are refused.
 */
function setCellProps(ctx: RequestContext, t: RangeTarget, p: Record<string, unknown>): void {
  const { format, ...rest } = p as { format?: Record<string, unknown> };
  if (Object.keys(rest).length) throw new HostError('NotImplemented', `fake host: setCellProperties ${Object.keys(rest).join(', ')}`);
  if (!format) return;
  const write = (defs: Record<string, PropDef<RangeTarget>>, v: Record<string, unknown>, order: string[]) => {
    for (const k of Object.keys(v)) if (!order.includes(k)) throw new HostError('NotImplemented', `fake host: setCellProperties ${k}`);
    // (a property already at the value given is left as it is: a default stays a default)
    for (const k of order)
      if (k in v && v[k] !== null && JSON.stringify(defs[k].get!(t, ctx)) !== JSON.stringify(v[k])) defs[k].set!(t, v[k]);
  };
  const { fill, font, borders, protection, ...align } = format as Record<string, Record<string, unknown> | undefined>;
  if (fill) write(fillProps(), fill, ['color', 'patternColor', 'tintAndShade', 'patternTintAndShade', 'pattern']);
  if (font) write(fontProps(), font, FONT_KEYS);
  for (const [k, edge] of Object.entries(borders ?? {})) {
    if (!CELL_BORDERS[k]) throw new HostError('NotImplemented', `fake host: setCellProperties border ${k}`);
    write(borderProps(CELL_BORDERS[k]), edge as Record<string, unknown>, ['color', 'weight', 'style']);
  }
  write(formatProps(), align as Record<string, unknown>, ALIGN_KEYS);
  if (protection && 'locked' in protection)
    editStyle(t, (s) => {
      if (protection.locked === false) s.locked = false;
      else delete s.locked;
    });
}

function clearRange(t: RangeTarget, applyTo: string): void {
  const contents = applyTo === 'All' || applyTo === 'Contents' || applyTo === 'ResetContents';
  const formats = applyTo === 'All' || applyTo === 'Formats';
  const links = applyTo === 'All' || applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks';
  assertCanEdit(t.sheet, formats ? 'format' : 'values');
  const rect = readRect(t);
  for (const [k, c] of [...t.sheet.cells]) {
    const { row, col } = unkey(k);
    if (row < rect.top || row > rect.bottom || col < rect.left || col > rect.right) continue;
    if (contents) {
      c.v = null;
      delete c.f;
    }
    if (formats) delete c.style;
    if (links) delete c.hyperlink;
    pruneCell(t.sheet, row, col);
  }
  if (formats) t.sheet.merges = t.sheet.merges.filter((m) => !contains(t.rect, m));
}

/** Office.js RangeValueType of a cell ("Empty", "Double", "Boolean", "Error", "String"). */
function valueType(c: CellModel | undefined): string {
  const v = excelValue(c);
  if (v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return /^#[A-Z/0!?]+[!?]?$/.test(v) ? 'Error' : 'String';
}

const SPECIAL_CELL_TYPES = [
  'ConditionalFormats',
  'DataValidations',
  'Blanks',
  'Constants',
  'Formulas',
  'SameConditionalFormat',
  'SameDataValidation',
  'Visible',
];
const SPECIAL_VALUE_TYPES = [
  'All',
  'Errors',
  'ErrorsLogical',
  'ErrorsNumbers',
  'ErrorsText',
  'ErrorsLogicalNumber',
  'ErrorsLogicalText',
  'ErrorsNumberText',
  'Logical',
  'LogicalNumbers',
  'LogicalText',
  'LogicalNumbersText',
  'Numbers',
  'NumbersText',
  'Text',
];

/**
 * Which cells getSpecialCells(cellType, cellValueType) selects. Constants: cells holding a value
 * and no formula; Formulas: cells holding a formula, by the type of their (cached) result, a formula
 * giving "" counting as text. Value types combine (ErrorsLogicalNumber = errors, booleans, numbers);
 * a date is a number, as in Excel. The other cell types depend on things the model does not have
 * (conditional formats, data validation, hidden rows) and are not implemented.
 */
function specialCellMatcher(cellType: unknown, cellValueType: unknown): (c: CellModel) => boolean {
  if (typeof cellType !== 'string' || !SPECIAL_CELL_TYPES.includes(cellType))
    throw new HostError('InvalidArgument', `Invalid SpecialCellType ${String(cellType)}`);
  const vt = cellValueType === undefined ? 'All' : cellValueType;
  if (typeof vt !== 'string' || !SPECIAL_VALUE_TYPES.includes(vt))
    throw new HostError('InvalidArgument', `Invalid SpecialCellValueType ${String(cellValueType)}`);
  if (cellType !== 'Constants' && cellType !== 'Formulas') throw new HostError('NotImplemented', `fake host: getSpecialCells(${cellType})`);
  const all = vt === 'All';
  const kinds = new Set<string>();
  if (all || vt.includes('Errors')) kinds.add('Error');
  if (all || vt.includes('Logical')) kinds.add('Boolean');
  if (all || vt.includes('Number')) kinds.add('Double');
  if (all || vt.includes('Text')) kinds.add('String');
  if (cellType === 'Constants') return (c) => !c.f && c.v !== null && kinds.has(valueType(c));
  return (c) => !!c.f && kinds.has(c.v === null ? 'String' : valueType(c));
}

/**
 * The cells of `rect` that match, as rectangles the way Excel reports such a selection: runs of
 * adjacent cells in a row, joined with the runs of the rows below that span the same columns;
 * in row-major order of their top-left cells.
 */
function specialAreas(sheet: SheetModel, rect: Rect, match: (c: CellModel) => boolean): Rect[] {
  const byRow = new Map<number, number[]>();
  const visit = (row: number, col: number, c: CellModel | undefined): void => {
    if (!c || !match(c)) return;
    const cols = byRow.get(row);
    if (cols) cols.push(col);
    else byRow.set(row, [col]);
  };
  const { rows, cols } = dims(rect);
  if (rows * cols <= sheet.cells.size) forEachCell(rect, (row, col) => visit(row, col, getCell(sheet, row, col)));
  else {
    for (const [k, c] of sheet.cells) {
      const { row, col } = unkey(k);
      if (row >= rect.top && row <= rect.bottom && col >= rect.left && col <= rect.right) visit(row, col, c);
    }
  }
  const out: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const hits = byRow.get(row)!.sort((a, b) => a - b);
    const next = new Map<string, Rect>();
    let start = hits[0];
    for (let i = 1; i <= hits.length; i++) {
      if (i < hits.length && hits[i] === hits[i - 1] + 1) continue;
      const left = start;
      const right = hits[i - 1];
      const k = `${left},${right}`;
      const above = open.get(k);
      if (above && above.bottom === row - 1) {
        above.bottom = row;
        next.set(k, above);
      } else {
        const area = { top: row, left, bottom: row, right };
        out.push(area);
        next.set(k, area);
      }
      if (i < hits.length) start = hits[i];
    }
    open = next;
  }
  return out;
}

/** Merged areas intersecting `rect`, clipped to it or reported in full. */
function mergedAreas(sheet: SheetModel, rect: Rect, mode: 'clipped' | 'full' | 'topLeft'): Rect[] {
  const out: Rect[] = [];
  for (const m of sheet.merges) {
    if (!intersects(m, rect)) continue;
    if (mode === 'topLeft' && !(m.top >= rect.top && m.top <= rect.bottom && m.left >= rect.left && m.left <= rect.right)) continue;
    out.push(mode === 'clipped' ? intersection(m, rect)! : { ...m });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// proxies

interface Host {
  wb: WorkbookModel;
}

function hostOf(ctx: RequestContext): Host {
  return (ctx as unknown as { host: Host }).host;
}

function liveSheet(ctx: RequestContext, sheet: SheetModel): SheetModel {
  if (!hostOf(ctx).wb.sheets.includes(sheet)) throw new HostError('ItemNotFound', `The worksheet "${sheet.name}" was deleted.`);
  return sheet;
}

function sheetIndex(ctx: RequestContext, sheet: SheetModel): number {
  return hostOf(ctx).wb.sheets.indexOf(liveSheet(ctx, sheet));
}

export class RangeFill extends ClientObject<RangeTarget> {
  protected props() {
    return fillProps();
  }
  clear(): void {
    this.queue((t) =>
      editStyle(t, (s) => {
        s.fill = undefined;
      }),
    );
  }
}
defineAccessors(RangeFill.prototype, Object.keys(fillProps()));

export class RangeFont extends ClientObject<RangeTarget> {
  protected props() {
    return fontProps();
  }
}
defineAccessors(RangeFont.prototype, Object.keys(fontProps()));

export class RangeBorder extends ClientObject<RangeTarget> {
  constructor(
    ctx: RequestContext,
    resolver: () => RangeTarget | null,
    private readonly index: string,
  ) {
    super(ctx, resolver);
  }
  protected props() {
    return borderProps(this.index);
  }
}
defineAccessors(RangeBorder.prototype, Object.keys(borderProps('EdgeTop')));

const BORDER_INDEXES = [
  'EdgeTop',
  'EdgeBottom',
  'EdgeLeft',
  'EdgeRight',
  'InsideVertical',
  'InsideHorizontal',
  'DiagonalDown',
  'DiagonalUp',
];

export class RangeBorderCollection extends ClientCollection<string, RangeBorder> {
  constructor(
    ctx: RequestContext,
    private readonly range: Range,
  ) {
    super(ctx, () => BORDER_INDEXES);
  }
  protected makeItem(index: string): RangeBorder {
    return new RangeBorder(this.context, () => this.range.resolveOrNull(), index);
  }
  getItem(index: string): RangeBorder {
    if (!BORDER_INDEXES.includes(index)) throw new HostError('InvalidArgument', `Unknown BorderIndex ${index}`);
    return this.child(`b:${index}`, () => this.makeItem(index));
  }
}

function formatProps(): Record<string, PropDef<RangeTarget>> {
  return {
    wrapText: alignProp(
      (a) => a.wrapText ?? false,
      (a, v) => (a.wrapText = v ? true : undefined),
    ),
    horizontalAlignment: alignProp(
      (a) => (a.horizontal ? (H_TO_API[a.horizontal] ?? 'General') : 'General'),
      (a, v) => (a.horizontal = v === 'General' ? undefined : H_FROM_API[String(v)]),
    ),
    verticalAlignment: alignProp(
      (a) => (a.vertical ? (V_TO_API[a.vertical] ?? 'Bottom') : 'Bottom'),
      (a, v) => (a.vertical = v === 'Bottom' ? undefined : V_FROM_API[String(v)]),
    ),
    indentLevel: alignProp(
      (a) => a.indent ?? 0,
      (a, v) => (a.indent = Number(v) || undefined),
    ),
    columnWidth: {
      get: (t) => {
        const w = uniform(t, (_c, _r, col) => t.sheet.colWidths.get(col) ?? DEFAULT_COL_WIDTH);
        return w === null ? null : Math.round((w * 7 + 5) * 0.75 * 100) / 100;
      },
      set: (t, v) => {
        const chars = Math.max(0, (Number(v) / 0.75 - 5) / 7);
        for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.colWidths.set(c, Math.round(chars * 100) / 100);
      },
    },
    rowHeight: {
      get: (t) => uniform(t, (_c, row) => t.sheet.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT),
      set: (t, v) => {
        for (let r = t.rect.top; r <= t.rect.bottom; r++) t.sheet.rowHeights.set(r, Number(v));
      },
    },
  };
}

export class RangeFormat extends ClientObject<RangeTarget> {
  constructor(
    ctx: RequestContext,
    private readonly range: Range,
  ) {
    super(ctx, () => range.resolveOrNull());
  }
  protected props() {
    return formatProps();
  }
  protected nav() {
    return { fill: () => this.fill, font: () => this.font, borders: () => this.borders };
  }
  get fill(): RangeFill {
    return this.child('fill', () => new RangeFill(this.context, () => this.range.resolveOrNull()));
  }
  get font(): RangeFont {
    return this.child('font', () => new RangeFont(this.context, () => this.range.resolveOrNull()));
  }
  get borders(): RangeBorderCollection {
    return this.child('borders', () => new RangeBorderCollection(this.context, this.range));
  }
  autofitColumns(): void {
    this.queue(() => undefined);
  }
  autofitRows(): void {
    this.queue(() => undefined);
  }
}
defineAccessors(RangeFormat.prototype, Object.keys(formatProps()));

function rangeProps(ctx: RequestContext): Record<string, PropDef<RangeTarget>> {
  return {
    address: { get: (t) => formatAddress(liveSheet(ctx, t.sheet).name, t.rect) },
    addressLocal: { get: (t) => formatAddress(liveSheet(ctx, t.sheet).name, t.rect) },
    rowIndex: { get: (t) => t.rect.top },
    columnIndex: { get: (t) => t.rect.left },
    rowCount: { get: (t) => t.rect.bottom - t.rect.top + 1 },
    columnCount: { get: (t) => t.rect.right - t.rect.left + 1 },
    cellCount: { get: (t) => dims(t.rect).rows * dims(t.rect).cols },
    isEntireRow: { get: (t) => t.rect.left === 0 && t.rect.right === MAX_COLS - 1 },
    isEntireColumn: { get: (t) => t.rect.top === 0 && t.rect.bottom === MAX_ROWS - 1 },
    values: {
      get: (t) => matrix(t, (c) => excelValue(c)),
      set: (t, v) => {
        assertCanEdit(t.sheet, 'values');
        writeMatrix(t, v, (cell, x) => setCellValue(cell, x));
        ctx.session.dataChanged(sheetId(t.sheet), formatRect(t.rect), 'ThisLocalAddin');
      },
    },
    formulas: {
      get: (t) => matrix(t, (c) => c?.f ?? excelValue(c)),
      set: (t, v) => {
        assertCanEdit(t.sheet, 'values');
        writeMatrix(t, v, (cell, x) => setCellValue(cell, x));
        ctx.session.dataChanged(sheetId(t.sheet), formatRect(t.rect), 'ThisLocalAddin');
      },
    },
    text: {
      get: (t) => matrix(t, (c) => String(excelValue(c))),
    },
    valueTypes: {
      get: (t) => matrix(t, (c) => valueType(c)),
    },
    numberFormat: {
      get: (t) => matrix(t, (c) => c?.style?.numFmt ?? 'General'),
      set: (t, v) => {
        assertCanEdit(t.sheet, 'format');
        writeMatrix(t, v, (cell, x) => {
          cell.style = { ...(cell.style ?? {}), numFmt: x === 'General' ? undefined : String(x) };
          if (cell.style.numFmt === undefined) delete cell.style.numFmt;
          if (Object.keys(cell.style).length === 0) delete cell.style;
        });
      },
    },
    hyperlink: {
      api: '1.7',
      get: (t) => {
        const c = getCell(t.sheet, t.rect.top, t.rect.left);
        return c?.hyperlink ? { ...c.hyperlink } : null;
      },
      set: (t, v) => {
        assertCanEdit(t.sheet, 'values');
        const h = v as { address?: string; documentReference?: string; screenTip?: string; textToDisplay?: string } | null;
        forEachCell(t.rect, (row, col) => {
          const cell = touchCell(t.sheet, row, col);
          if (!h || (!h.address && !h.documentReference)) delete cell.hyperlink;
          else {
            cell.hyperlink = {};
            if (h.address) cell.hyperlink.address = h.address;
            if (h.documentReference) cell.hyperlink.documentReference = h.documentReference;
            if (h.screenTip) cell.hyperlink.screenTip = h.screenTip;
            if (h.textToDisplay !== undefined) {
              cell.hyperlink.textToDisplay = h.textToDisplay;
              cell.v = h.textToDisplay === '' ? null : h.textToDisplay;
              delete cell.f;
            }
          }
          pruneCell(t.sheet, row, col);
        });
      },
    },
  };
}

export class Range extends ClientObject<RangeTarget> {
  protected props() {
    return rangeProps(this.context);
  }
  reference(t: RangeTarget): string {
    return this.context.session.reference('Range', t);
  }
  protected nav() {
    return { format: () => this.format, worksheet: () => this.worksheet };
  }
  get format(): RangeFormat {
    return this.child('format', () => new RangeFormat(this.context, this));
  }
  get worksheet(): Worksheet {
    return this.child('worksheet', () => new Worksheet(this.context, () => this.resolveOrNull()?.sheet ?? null));
  }
  private derive(fn: (t: RangeTarget) => Rect | null, nullable = false): Range {
    return new Range(
      this.context,
      () => {
        const t = this.resolveOrNull();
        if (!t) return null;
        const rect = fn(t);
        if (!rect) {
          if (nullable) return null;
          throw new HostError('ItemNotFound', 'The requested range does not exist.');
        }
        if (
          rect.top < 0 ||
          rect.left < 0 ||
          rect.bottom >= MAX_ROWS ||
          rect.right >= MAX_COLS ||
          rect.top > rect.bottom ||
          rect.left > rect.right
        ) {
          throw new HostError('InvalidArgument', 'The range would be outside the worksheet grid.');
        }
        return { sheet: t.sheet, rect };
      },
      nullable,
    );
  }
  getCell(row: number, column: number): Range {
    return this.derive((t) => ({
      top: t.rect.top + row,
      left: t.rect.left + column,
      bottom: t.rect.top + row,
      right: t.rect.left + column,
    }));
  }
  getRow(row: number): Range {
    return this.derive((t) => ({ ...t.rect, top: t.rect.top + row, bottom: t.rect.top + row }));
  }
  getColumn(column: number): Range {
    return this.derive((t) => ({ ...t.rect, left: t.rect.left + column, right: t.rect.left + column }));
  }
  getLastRow(): Range {
    return this.derive((t) => ({ ...t.rect, top: t.rect.bottom }));
  }
  getLastColumn(): Range {
    return this.derive((t) => ({ ...t.rect, left: t.rect.right }));
  }
  getLastCell(): Range {
    return this.derive((t) => ({ top: t.rect.bottom, left: t.rect.right, bottom: t.rect.bottom, right: t.rect.right }));
  }
  getEntireRow(): Range {
    return this.derive((t) => ({ ...t.rect, left: 0, right: MAX_COLS - 1 }));
  }
  getEntireColumn(): Range {
    return this.derive((t) => ({ ...t.rect, top: 0, bottom: MAX_ROWS - 1 }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derive((t) => ({
      top: t.rect.top + rowOffset,
      bottom: t.rect.bottom + rowOffset,
      left: t.rect.left + columnOffset,
      right: t.rect.right + columnOffset,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derive((t) => ({ ...t.rect, bottom: t.rect.bottom + deltaRows, right: t.rect.right + deltaColumns }));
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this.derive((t) => {
      this.context.session.needs('1.7', 'getAbsoluteResizedRange');
      return { top: t.rect.top, left: t.rect.left, bottom: t.rect.top + numRows - 1, right: t.rect.left + numColumns - 1 };
    });
  }
  private otherRect(t: RangeTarget, other: Range | string): Rect {
    if (typeof other === 'string') {
      const a = parseRangeAddress(other);
      return { top: a.top, left: a.left, bottom: a.bottom, right: a.right };
    }
    const o = other.resolveOrNull();
    if (!o) throw new HostError('ItemNotFound', 'The other range does not exist.');
    if (o.sheet !== t.sheet) throw new HostError('InvalidArgument', 'The ranges are on different worksheets.');
    return o.rect;
  }
  getIntersection(other: Range | string): Range {
    return this.derive((t) => intersection(t.rect, this.otherRect(t, other)));
  }
  getIntersectionOrNullObject(other: Range | string): Range {
    return this.derive((t) => {
      this.context.session.needs('1.4', 'getIntersectionOrNullObject');
      return intersection(t.rect, this.otherRect(t, other));
    }, true);
  }
  getBoundingRect(other: Range | string): Range {
    return this.derive((t) => {
      const o = this.otherRect(t, other);
      return {
        top: Math.min(t.rect.top, o.top),
        left: Math.min(t.rect.left, o.left),
        bottom: Math.max(t.rect.bottom, o.bottom),
        right: Math.max(t.rect.right, o.right),
      };
    });
  }
  getUsedRange(valuesOnly?: boolean): Range {
    return this.derive((t) => {
      const u = usedRect(t.sheet, !!valuesOnly);
      return (u && intersection(u, t.rect)) ?? { top: t.rect.top, left: t.rect.left, bottom: t.rect.top, right: t.rect.left };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.derive((t) => {
      this.context.session.needs('1.4', 'getUsedRangeOrNullObject');
      const u = usedRect(t.sheet, !!valuesOnly);
      return u && intersection(u, t.rect);
    }, true);
  }
  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(
      this.context,
      () => {
        this.context.session.needs('1.13', 'getMergedAreasOrNullObject');
        const t = this.resolveOrNull();
        if (!t) return null;
        const areas = mergedAreas(t.sheet, t.rect, this.context.session.options.mergeReport);
        if (areas.length > 512) {
          throw new HostError('GeneralException', 'The merged areas count in this range is more than 512.');
        }
        return areas.length ? { sheet: t.sheet, rects: areas } : null;
      },
      true,
    );
  }
  /** ExcelApi 1.9. Nothing matching: ItemNotFound at the sync that uses the result. */
  getSpecialCells(cellType: string, cellValueType?: string): RangeAreas {
    return this.specialCells('getSpecialCells', cellType, cellValueType, false);
  }
  /** ExcelApi 1.9. Nothing matching: a null object. */
  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): RangeAreas {
    return this.specialCells('getSpecialCellsOrNullObject', cellType, cellValueType, true);
  }
  private specialCells(what: string, cellType: string, cellValueType: string | undefined, nullable: boolean): RangeAreas {
    return new RangeAreas(
      this.context,
      () => {
        this.context.session.needs('1.9', what);
        const t = this.resolveOrNull();
        if (!t) return null;
        const rects = specialAreas(t.sheet, readRect(t), specialCellMatcher(cellType, cellValueType));
        if (rects.length === 0) throw new HostError('ItemNotFound', 'No cells were found.');
        return { sheet: t.sheet, rects };
      },
      nullable,
    );
  }
  select(): void {
    this.queue((t) => {
      const wb = hostOf(this.context).wb;
      const idx = sheetIndex(this.context, t.sheet);
      if (t.sheet.visibility !== 'Visible') throw new HostError('InvalidOperation', 'Cannot select a range on a hidden sheet.');
      wb.activeSheet = idx;
      wb.selection = { sheet: idx, rect: { ...t.rect } };
      // (whether Excel raises onSelectionChanged for an add-in's own select() is not documented: the host does,
      // the more demanding reading for a handler that selects cells itself)
      this.context.session.selectionChanged(sheetId(t.sheet), formatRect(t.rect));
    });
  }
  merge(across?: boolean): void {
    this.queue((t) => {
      this.context.session.needs('1.2', 'merge');
      assertCanEdit(t.sheet, 'format');
      if (across) for (let r = t.rect.top; r <= t.rect.bottom; r++) addMerge(t.sheet, { ...t.rect, top: r, bottom: r });
      else addMerge(t.sheet, { ...t.rect });
    });
  }
  unmerge(): void {
    this.queue((t) => {
      this.context.session.needs('1.2', 'unmerge');
      assertCanEdit(t.sheet, 'format');
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
    });
  }
  insert(shift: string): Range {
    const inserted = this.derive((t) => ({ ...t.rect }));
    this.queue((t) => {
      insertCells(t, shift);
      inserted.resolveOrNull();
    });
    return inserted;
  }
  delete(shift: string): void {
    this.queue((t) => deleteCells(t, shift));
  }
  clear(applyTo: string = 'All'): void {
    this.queue((t) => clearRange(t, applyTo));
  }
  /** ExcelApi 1.9: every cell's properties, those `options` asks for. */
  getCellProperties(options: Record<string, unknown>): ClientResult<Record<string, unknown>[][]> {
    const r = new ClientResult<Record<string, unknown>[][]>(this.context);
    this.queue((t) => {
      this.context.session.needs('1.9', 'getCellProperties');
      const out: Record<string, unknown>[][] = [];
      for (let row = t.rect.top; row <= t.rect.bottom; row++) {
        const line: Record<string, unknown>[] = [];
        for (let col = t.rect.left; col <= t.rect.right; col++)
          line.push(pickLoaded(cellProperties(this.context, cellTarget(t, row, col)), options ?? {}));
        out.push(line);
      }
      r.set(out);
    });
    return r;
  }
  /** ExcelApi 1.9: the properties of each cell written; the array has the range's size. */
  setCellProperties(values: Record<string, unknown>[][]): void {
    this.queue((t) => {
      this.context.session.needs('1.9', 'setCellProperties');
      const d = dims(t.rect);
      if (!Array.isArray(values) || values.length !== d.rows || values.some((l) => !Array.isArray(l) || l.length !== d.cols))
        throw new HostError(
          'InvalidArgument',
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      values.forEach((line, i) =>
        line.forEach((p, j) => setCellProps(this.context, cellTarget(t, t.rect.top + i, t.rect.left + j), p ?? {})),
      );
    }, values);
  }
  copyFrom(source: Range | string, copyType: string = 'All', skipBlanks = false, transpose = false): void {
    this.queue((t) => {
      this.context.session.needs('1.9', 'copyFrom');
      if (transpose) throw new HostError('NotImplemented', 'fake host: copyFrom transpose');
      let src: RangeTarget;
      if (typeof source === 'string') {
        const a = parseRangeAddress(source);
        const sheet = a.sheet === null ? t.sheet : findSheet(hostOf(this.context).wb, a.sheet);
        if (!sheet) throw new HostError('ItemNotFound', `Unknown sheet in ${source}`);
        src = { sheet, rect: { top: a.top, left: a.left, bottom: a.bottom, right: a.right } };
      } else {
        const s = source.resolveOrNull();
        if (!s) throw new HostError('ItemNotFound', 'The source range does not exist.');
        src = s;
      }
      copyRange(src, t, copyType, skipBlanks);
    });
  }
  /**
   * Sent by the client library before it splits a large `values`/`formulas`/`numberFormat` write
   * into 1,500-cell row blocks (setRangePropertiesInBulk in excel-web-16.00.debug.js): the array
   * must have the range's size.
   */
  _ValidateArraySize(rows: number, columns: number): void {
    this.queue((t) => {
      const d = dims(t.rect);
      if (d.rows !== rows || d.cols !== columns) {
        throw new HostError(
          'InvalidArgument',
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      }
    });
  }
  /** Not an Office.js API: lets tests read the resolved rectangle after a sync. */
  get _rect(): Rect | null {
    return this.resolveOrNull()?.rect ?? null;
  }
}
defineAccessors(Range.prototype, Object.keys(rangeProps(null as unknown as RequestContext)));

interface AreasTarget {
  sheet: SheetModel;
  rects: Rect[];
}

export class RangeCollection extends ClientCollection<RangeTarget, Range> {
  protected makeItem(t: RangeTarget): Range {
    return new Range(this.context, () => t);
  }
}

export class RangeAreas extends ClientObject<AreasTarget> {
  reference(t: AreasTarget): string {
    return this.context.session.reference('RangeAreas', t);
  }
  protected props(): Record<string, PropDef<AreasTarget>> {
    return {
      address: { api: '1.9', get: (t) => t.rects.map((r) => formatAddress(t.sheet.name, r)).join(',') },
      areaCount: { api: '1.9', get: (t) => t.rects.length },
      cellCount: { api: '1.9', get: (t) => t.rects.reduce((n, r) => n + dims(r).rows * dims(r).cols, 0) },
    };
  }
  protected nav() {
    return { areas: () => this.areas, format: () => this.format };
  }
  /** ExcelApi 1.9: writes apply to every area (reads are not simulated). */
  get format(): AreasFormat {
    return this.child('format', () => new AreasFormat(this.context, () => this.resolveOrNull()));
  }
  get areas(): RangeCollection {
    return this.child(
      'areas',
      () =>
        new RangeCollection(this.context, () => {
          this.context.session.needs('1.9', 'RangeAreas.areas');
          const t = this.resolveOrNull();
          return (t?.rects ?? []).map((rect) => ({ sheet: t!.sheet, rect }));
        }),
    );
  }
}
defineAccessors(RangeAreas.prototype, ['address', 'areaCount', 'cellCount']);

/** RangeAreas.format: only what the add-in writes (the fill), applied area by area. */
export class AreasFormat extends ClientObject<AreasTarget> {
  protected props(): Record<string, PropDef<AreasTarget>> {
    return {};
  }
  protected nav() {
    return { fill: () => this.fill };
  }
  get fill(): AreasFill {
    return this.child('fill', () => new AreasFill(this.context, () => this.resolveOrNull()));
  }
}

function areasFillProps(): Record<string, PropDef<AreasTarget>> {
  const single = fillProps();
  const out: Record<string, PropDef<AreasTarget>> = {};
  for (const [name, def] of Object.entries(single)) {
    out[name] = {
      api: def.api,
      set: (t, v) => {
        for (const rect of t.rects) def.set!({ sheet: t.sheet, rect }, v);
      },
    };
  }
  return out;
}

export class AreasFill extends ClientObject<AreasTarget> {
  protected props() {
    return areasFillProps();
  }
  clear(): void {
    this.queue((t) => {
      for (const rect of t.rects) {
        editStyle({ sheet: t.sheet, rect }, (st) => {
          st.fill = undefined;
        });
      }
    });
  }
}
defineAccessors(AreasFill.prototype, Object.keys(fillProps()));

// --- worksheets ----------------------------------------------------------------------------------

function findSheet(wb: WorkbookModel, name: string): SheetModel | undefined {
  const lower = name.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === lower || sheetId(s) === name);
}

const ids = new WeakMap<SheetModel, string>();
let idCounter = 0;
export function sheetId(s: SheetModel): string {
  let id = ids.get(s);
  if (!id) {
    idCounter++;
    id = `{00000000-0001-0000-0000-${String(idCounter).padStart(12, '0')}}`;
    ids.set(s, id);
  }
  return id;
}

function assertStructure(ctx: RequestContext): void {
  if (hostOf(ctx).wb.structureProtected) throw new HostError('AccessDenied', 'The workbook structure is protected.');
}

function validSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

export class WorksheetProtection extends ClientObject<SheetModel> {
  protected props(): Record<string, PropDef<SheetModel>> {
    return {
      protected: { api: '1.2', get: (s) => s.protection.protected },
      options: {
        api: '1.2',
        get: (s) => ({
          allowFormatCells: !!s.protection.allowFormatCells,
          allowInsertRows: !!s.protection.allowInsertRows,
          allowDeleteRows: !!s.protection.allowDeleteRows,
        }),
      },
    };
  }
  protect(options?: { allowFormatCells?: boolean; allowInsertRows?: boolean; allowDeleteRows?: boolean }): void {
    this.queue((s) => {
      this.context.session.needs('1.2', 'protect');
      if (s.protection.protected) throw new HostError('InvalidOperation', 'The worksheet is already protected.');
      s.protection = { protected: true, ...(options ?? {}) };
    });
  }
  unprotect(): void {
    this.queue((s) => {
      s.protection = { protected: false };
    });
  }
}
defineAccessors(WorksheetProtection.prototype, ['protected', 'options']);

export class WorksheetFreezePanes extends ClientObject<SheetModel> {
  protected props(): Record<string, PropDef<SheetModel>> {
    return {};
  }
  freezeRows(count = 1): void {
    this.queue((s) => {
      this.context.session.needs('1.7', 'freezeRows');
      s.frozenRows = count;
    });
  }
  unfreeze(): void {
    this.queue((s) => {
      delete s.frozenRows;
    });
  }
}

function worksheetProps(ctx: RequestContext): Record<string, PropDef<SheetModel>> {
  return {
    name: {
      get: (s) => s.name,
      set: (s, v) => {
        const name = String(v);
        const other = findSheet(hostOf(ctx).wb, name);
        if (other && other !== s) throw new HostError('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
        if (!validSheetName(name)) throw new HostError('InvalidArgument', `Invalid sheet name "${name}".`);
        s.name = name;
      },
    },
    id: { get: (s) => sheetId(s) },
    position: { get: (s) => sheetIndex(ctx, s) },
    visibility: {
      get: (s) => s.visibility,
      set: (s, v) => {
        const wb = hostOf(ctx).wb;
        const vis = String(v) as SheetModel['visibility'];
        if (!['Visible', 'Hidden', 'VeryHidden'].includes(vis)) throw new HostError('InvalidArgument', `Bad visibility ${vis}`);
        assertStructure(ctx);
        if (vis !== 'Visible' && wb.sheets.filter((o) => o !== s && o.visibility === 'Visible').length === 0) {
          throw new HostError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
        }
        s.visibility = vis;
        if (vis !== 'Visible' && wb.sheets[wb.activeSheet] === s) {
          wb.activeSheet = wb.sheets.findIndex((o) => o.visibility === 'Visible');
          wb.selection = { sheet: wb.activeSheet, rect: { top: 0, left: 0, bottom: 0, right: 0 } };
        }
      },
    },
    tabColor: {
      api: '1.7',
      get: (s) => s.tabColor ?? '',
      set: (s, v) => {
        s.tabColor = v ? normColor(v) : undefined;
      },
    },
  };
}

export class Worksheet extends ClientObject<SheetModel> {
  protected props() {
    return worksheetProps(this.context);
  }
  /** Excel's responses carry a sheet's id, by which the client then addresses it (getItem(id)). */
  identity(s: SheetModel): Record<string, unknown> {
    return { _Id: sheetId(s) };
  }
  protected nav() {
    return { protection: () => this.protection };
  }
  get protection(): WorksheetProtection {
    return this.child('protection', () => new WorksheetProtection(this.context, () => this.resolveOrNull()));
  }
  get freezePanes(): WorksheetFreezePanes {
    return this.child('freezePanes', () => new WorksheetFreezePanes(this.context, () => this.resolveOrNull()));
  }
  private range(fn: (s: SheetModel) => Rect | null, nullable = false): Range {
    return new Range(
      this.context,
      () => {
        const s = this.resolveOrNull();
        if (!s) return null;
        liveSheet(this.context, s);
        const rect = fn(s);
        return rect ? { sheet: s, rect } : null;
      },
      nullable,
    );
  }
  getRange(address?: string): Range {
    return this.range((s) => {
      if (address === undefined || address === '') return { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 };
      const a = parseRangeAddress(address);
      if (a.sheet !== null && a.sheet.toLowerCase() !== s.name.toLowerCase()) {
        throw new HostError('InvalidArgument', `Address ${address} is not on sheet ${s.name}`);
      }
      return { top: a.top, left: a.left, bottom: a.bottom, right: a.right };
    });
  }
  /** ExcelApi 1.9: several areas of this sheet, e.g. "A1, C3:D4" (comma or semicolon separated). */
  getRanges(address?: string): RangeAreas {
    return new RangeAreas(this.context, () => {
      this.context.session.needs('1.9', 'getRanges');
      const s = this.resolveOrNull();
      if (!s) return null;
      liveSheet(this.context, s);
      const parts = String(address ?? '')
        .split(/[,;]/)
        .map((x) => x.trim())
        .filter(Boolean);
      if (parts.length === 0) throw new HostError('InvalidArgument', 'The address is empty.');
      const rects = parts.map((part) => {
        const a = parseRangeAddress(part);
        if (a.sheet !== null && a.sheet.toLowerCase() !== s.name.toLowerCase())
          throw new HostError('InvalidArgument', `Address ${part} is not on sheet ${s.name}`);
        return { top: a.top, left: a.left, bottom: a.bottom, right: a.right };
      });
      return { sheet: s, rects };
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this.range(() => {
      this.context.session.needs('1.7', 'getRangeByIndexes');
      if (rowCount < 1 || columnCount < 1) throw new HostError('InvalidArgument', 'rowCount and columnCount must be positive.');
      return { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 };
    });
  }
  getCell(row: number, column: number): Range {
    return this.range(() => ({ top: row, left: column, bottom: row, right: column }));
  }
  getUsedRange(valuesOnly?: boolean): Range {
    return this.range((s) => usedRect(s, !!valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return this.range((s) => {
      this.context.session.needs('1.4', 'getUsedRangeOrNullObject');
      return usedRect(s, !!valuesOnly);
    }, true);
  }
  activate(): void {
    this.queue((s) => {
      const wb = hostOf(this.context).wb;
      if (s.visibility !== 'Visible') throw new HostError('InvalidOperation', 'Cannot activate a hidden worksheet.');
      const idx = sheetIndex(this.context, s);
      if (wb.activeSheet !== idx) {
        wb.activeSheet = idx;
        wb.selection = { sheet: idx, rect: { top: 0, left: 0, bottom: 0, right: 0 } };
      }
    });
  }
  delete(): void {
    this.queue((s) => {
      assertStructure(this.context);
      // Worksheet.delete reference and "Work with worksheets" (Microsoft Learn); office-js #365
      if (s.visibility === 'VeryHidden') {
        throw new HostError('InvalidOperation', 'This operation cannot be performed on a very hidden worksheet.', 'Worksheet.delete');
      }
      const wb = hostOf(this.context).wb;
      const idx = sheetIndex(this.context, s);
      if (wb.sheets.filter((o) => o !== s && o.visibility === 'Visible').length === 0) {
        throw new HostError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      const active = wb.sheets[wb.activeSheet];
      wb.sheets.splice(idx, 1);
      let a = wb.sheets.indexOf(active);
      if (a < 0)
        a = Math.max(
          0,
          wb.sheets.findIndex((o) => o.visibility === 'Visible'),
        );
      wb.activeSheet = a;
      if (wb.selection.sheet === idx || wb.selection.sheet >= wb.sheets.length || active === s) {
        wb.selection = { sheet: a, rect: { top: 0, left: 0, bottom: 0, right: 0 } };
      } else wb.selection = { ...wb.selection, sheet: a };
    });
  }
}
defineAccessors(Worksheet.prototype, Object.keys(worksheetProps(null as unknown as RequestContext)));

export class WorksheetCollection extends ClientCollection<SheetModel, Worksheet> {
  constructor(ctx: RequestContext) {
    super(ctx, () => hostOf(ctx).wb.sheets.slice());
  }
  protected makeItem(s: SheetModel): Worksheet {
    return new Worksheet(this.context, () => s);
  }
  getItem(key: string): Worksheet {
    return new Worksheet(this.context, () => {
      const s = findSheet(hostOf(this.context).wb, key);
      if (!s) throw new HostError('ItemNotFound', `The worksheet "${key}" does not exist.`);
      return s;
    });
  }
  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(
      this.context,
      () => {
        this.context.session.needs('1.4', 'getItemOrNullObject');
        return findSheet(hostOf(this.context).wb, key) ?? null;
      },
      true,
    );
  }
  // Event registration (WorksheetCollection.onChanged / onSelectionChanged, ExcelApi 1.9): the client library sends
  // these methods when the first handler is added and when the last one is removed; Excel then sends (or stops)
  // the event messages, which the host delivers through the library's own dispatch (index.ts, deliverEvents).
  _RegisterDataChangedEvent(): void {
    this.queue(() => this.context.session.listen('changed', true, '1.9'));
  }
  _UnregisterDataChangedEvent(): void {
    this.queue(() => this.context.session.listen('changed', false, '1.9'));
  }
  _RegisterSelectionChangedEvent(): void {
    this.queue(() => this.context.session.listen('selection', true, '1.9'));
  }
  _UnregisterSelectionChangedEvent(): void {
    this.queue(() => this.context.session.listen('selection', false, '1.9'));
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => {
      const wb = hostOf(this.context).wb;
      return wb.sheets[wb.activeSheet];
    });
  }
  getCount(visibleOnly = false): ClientResult<number> {
    const r = new ClientResult<number>(this.context);
    this.context.enqueue(() => {
      const wb = hostOf(this.context).wb;
      r.set(visibleOnly ? wb.sheets.filter((s) => s.visibility === 'Visible').length : wb.sheets.length);
    });
    return r;
  }
  add(name?: string): Worksheet {
    let created: SheetModel | null = null;
    const ws = new Worksheet(this.context, () => created);
    this.context.enqueue(() => {
      assertStructure(this.context);
      const wb = hostOf(this.context).wb;
      let n = name;
      if (n === undefined) {
        let i = wb.sheets.length + 1;
        while (findSheet(wb, `Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      if (findSheet(wb, n)) throw new HostError('ItemAlreadyExists', `A worksheet named "${n}" already exists.`);
      if (!validSheetName(n)) throw new HostError('InvalidArgument', `Invalid sheet name "${n}".`);
      created = newSheet(n);
      wb.sheets.push(created);
      ws.resolveOrNull();
    }, name);
    return ws;
  }
}

export class WorkbookProtection extends ClientObject<WorkbookModel> {
  protected props(): Record<string, PropDef<WorkbookModel>> {
    return { protected: { api: '1.7', get: (w) => w.structureProtected } };
  }
  protect(): void {
    this.queue((w) => {
      w.structureProtected = true;
    });
  }
  unprotect(): void {
    this.queue((w) => {
      w.structureProtected = false;
    });
  }
}
defineAccessors(WorkbookProtection.prototype, ['protected']);

// --- custom XML parts (ExcelApi 1.5) -------------------------------------------------------------

/** The namespace of an XML document's root element ("" without one); null when it is not XML. */
export function rootNamespace(xml: string): string | null {
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)([^>]*)>/.exec(xml);
  if (!m) return null;
  const [name, attrs] = [m[1], m[2]];
  const prefix = name.includes(':') ? name.split(':')[0] : '';
  const re = prefix ? new RegExp(`xmlns:${prefix}\\s*=\\s*"([^"]*)"`) : /xmlns\s*=\s*"([^"]*)"/;
  return re.exec(attrs)?.[1] ?? '';
}

let partCounter = 0;
function partsOf(ctx: RequestContext): CustomXmlPartModel[] {
  const wb = hostOf(ctx).wb;
  if (!wb.customXmlParts) wb.customXmlParts = [];
  return wb.customXmlParts;
}

export class CustomXmlPart extends ClientObject<CustomXmlPartModel> {
  protected props(): Record<string, PropDef<CustomXmlPartModel>> {
    return { id: { get: (p) => p.id }, namespaceUri: { get: (p) => p.namespaceUri } };
  }
  identity(p: CustomXmlPartModel): Record<string, unknown> {
    return { _Id: p.id };
  }
  private live(p: CustomXmlPartModel): CustomXmlPartModel {
    if (!partsOf(this.context).includes(p)) throw new HostError('ItemNotFound', 'The custom XML part was deleted.');
    return p;
  }
  getXml(): ClientResult<string> {
    const r = new ClientResult<string>(this.context);
    this.queue((p) => r.set(this.live(p).xml));
    return r;
  }
  setXml(xml: string): void {
    this.queue((p) => {
      const ns = rootNamespace(String(xml));
      if (ns === null) throw new HostError('InvalidArgument', 'The XML is not valid.');
      const live = this.live(p);
      live.xml = String(xml);
      live.namespaceUri = ns;
    }, xml);
  }
  delete(): void {
    this.queue((p) => {
      const parts = partsOf(this.context);
      const i = parts.indexOf(p);
      if (i >= 0) parts.splice(i, 1);
    });
  }
}
defineAccessors(CustomXmlPart.prototype, ['id', 'namespaceUri']);

export class CustomXmlPartCollection extends ClientCollection<CustomXmlPartModel, CustomXmlPart> {
  constructor(
    ctx: RequestContext,
    private readonly namespace: string | null,
  ) {
    super(ctx, () => {
      ctx.session.needs('1.5', 'customXmlParts');
      return partsOf(ctx).filter((p) => namespace === null || p.namespaceUri === namespace);
    });
  }
  protected makeItem(p: CustomXmlPartModel): CustomXmlPart {
    return new CustomXmlPart(this.context, () => p);
  }
  private find(id: string): CustomXmlPartModel | null {
    return partsOf(this.context).find((p) => p.id === id && (this.namespace === null || p.namespaceUri === this.namespace)) ?? null;
  }
  getItem(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, () => {
      const p = this.find(id);
      if (!p) throw new HostError('ItemNotFound', `The custom XML part ${id} does not exist.`);
      return p;
    });
  }
  getItemOrNullObject(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, () => this.find(id), true);
  }
  getCount(): ClientResult<number> {
    const r = new ClientResult<number>(this.context);
    this.context.enqueue(() => {
      this.unresolve();
      r.set((this.resolveOrNull() ?? []).length);
    });
    return r;
  }
  getByNamespace(namespaceUri: string): CustomXmlPartCollection {
    return new CustomXmlPartCollection(this.context, String(namespaceUri));
  }
  add(xml: string): CustomXmlPart {
    let created: CustomXmlPartModel | null = null;
    const part = new CustomXmlPart(this.context, () => created);
    this.context.enqueue(() => {
      this.context.session.needs('1.5', 'customXmlParts.add');
      const ns = rootNamespace(String(xml));
      if (ns === null) throw new HostError('InvalidArgument', 'The XML is not valid.');
      partCounter++;
      created = { id: `{C0570000-0000-4000-8000-${String(partCounter).padStart(12, '0')}}`, namespaceUri: ns, xml: String(xml) };
      partsOf(this.context).push(created);
      part.resolveOrNull();
    }, xml);
    return part;
  }
}

export class Workbook extends ClientObject<WorkbookModel> {
  protected props(): Record<string, PropDef<WorkbookModel>> {
    return { name: { get: () => 'Book1.xlsx' } };
  }
  protected nav() {
    return { worksheets: () => this.worksheets, protection: () => this.protection, customXmlParts: () => this.customXmlParts };
  }
  get customXmlParts(): CustomXmlPartCollection {
    return this.child('customXmlParts', () => new CustomXmlPartCollection(this.context, null));
  }
  get worksheets(): WorksheetCollection {
    return this.child('worksheets', () => new WorksheetCollection(this.context));
  }
  get protection(): WorkbookProtection {
    return this.child('protection', () => new WorkbookProtection(this.context, () => hostOf(this.context).wb));
  }
  getSelectedRange(): Range {
    return new Range(this.context, () => {
      const wb = hostOf(this.context).wb;
      return { sheet: wb.sheets[wb.selection.sheet], rect: { ...wb.selection.rect } };
    });
  }
  getActiveCell(): Range {
    return new Range(this.context, () => {
      this.context.session.needs('1.7', 'getActiveCell');
      const wb = hostOf(this.context).wb;
      const r = wb.selection.rect;
      return { sheet: wb.sheets[wb.selection.sheet], rect: { top: r.top, left: r.left, bottom: r.top, right: r.left } };
    });
  }
}
defineAccessors(Workbook.prototype, ['name']);

/** Attaches a workbook model to a request context. */
export function bindContext(ctx: RequestContext, wb: WorkbookModel): void {
  (ctx as unknown as { host: Host }).host = { wb };
  ctx.workbook = new Workbook(ctx, () => wb);
}

export { formatRect };
