/**
 * The table's structure as the planning reads it: how its 一级/二级 label columns are written (merged over their rows,
 * repeated on every row, or once), how its names are numbered ("指标1:"), the rows of a group of indicators and their
 * extent, and pseudo-indicators for sections that hold none yet.
 */
import type { CellValue, SheetGrid } from '../../grid';
import { cellAt } from '../../grid';
import type { CellRef, Indicator, IndicatorHeader, Table } from '../../model';
import { type Library, type TemplateProfile, normalizeLabel } from '../library';
import { mergeContaining } from './grid';

/** How a label column is written: merged over its indicators' rows, repeated on every row, or once. */
export type ColumnStyle = 'merge' | 'repeat' | 'once';

export function sameCell(a: CellRef | null, b: CellRef | null): boolean {
  return !!a && !!b && a.row === b.row && a.col === b.col;
}

/** The style of the label column that `pick` reads (一级 or 二级). */
export function labelStyle(table: Table, grid: SheetGrid, pick: (i: Indicator) => CellRef | null): ColumnStyle {
  const cells: CellRef[] = [];
  for (const i of table.indicators) {
    const c = pick(i);
    if (c && !cells.some((x) => sameCell(x, c))) cells.push(c);
  }
  for (const c of cells) {
    const m = mergeContaining(grid.merges, c.row, c.col);
    if (m && m.bottom > m.top) return 'merge';
  }
  // the same label written on consecutive indicator rows: labels are repeated on every row
  const rows = [...table.indicators].sort((a, b) => a.row - b.row);
  for (let k = 1; k < rows.length; k++) {
    const p = pick(rows[k - 1]);
    const q = pick(rows[k]);
    if (p && q && !sameCell(p, q) && q.row === rows[k].row && p.row === rows[k - 1].row) {
      const pv = cellAt(grid, p.row, p.col);
      const qv = cellAt(grid, q.row, q.col);
      if (pv !== null && qv !== null && normalizeLabel(String(pv)) === normalizeLabel(String(qv))) return 'repeat';
    }
  }
  // a vertically merged table style is also recognised from the other label column or the left column
  return grid.merges.some(
    (m) => m.bottom > m.top && m.top > (table.header?.row ?? table.top) && m.top <= table.bottom && m.left < (table.header?.level3Col ?? 0),
  )
    ? 'merge'
    : 'once';
}

/** How names are numbered: "指标1:" prefixes (with their colon), counted per section or over the whole table. */
export interface NameStyle {
  prefixed: boolean;
  colon: string;
  global: boolean;
}

export function nameStyle(table: Table, grid: SheetGrid): NameStyle {
  const named = table.indicators.filter((i) => !i.placeholder || i.index !== null);
  const withIndex = named.filter((i) => i.index !== null);
  const prefixed = named.length > 0 && withIndex.length * 2 >= named.length;
  let colon = ':';
  for (const i of withIndex) {
    const raw = cellAt(grid, i.nameCell.row, i.nameCell.col);
    const m = typeof raw === 'string' ? /指标\s*\d+\s*([:：])/.exec(raw) : null;
    if (m) {
      colon = m[1];
      break;
    }
  }
  const idx = withIndex.map((i) => i.index as number);
  const global = idx.length > 1 && new Set(idx).size === idx.length && Math.max(...idx) > 3;
  return { prefixed, colon, global };
}

/** Rows of the group of indicators sharing a label cell (or, without a cell, the contiguous run). */
export function groupRows(
  table: Table,
  last: Indicator,
  pick: (i: Indicator) => CellRef | null,
  same: (i: Indicator) => boolean,
): number[] {
  const cell = pick(last);
  if (cell) return table.indicators.filter((i) => sameCell(pick(i), cell)).map((i) => i.row);
  const sorted = table.indicators.filter((i) => i.row <= last.row).sort((a, b) => b.row - a.row);
  const rows: number[] = [];
  for (const i of sorted) {
    if (!same(i)) break;
    rows.push(i.row);
  }
  return rows;
}

export function extentEnd(grid: SheetGrid, rows: number[], cells: (CellRef | null)[]): number {
  let end = Math.max(...rows);
  for (const c of cells) {
    if (!c) continue;
    end = Math.max(end, c.row);
    const m = mergeContaining(grid.merges, c.row, c.col);
    if (m) end = Math.max(end, m.bottom);
  }
  return end;
}

export function extentStart(grid: SheetGrid, rows: number[], cells: (CellRef | null)[]): number {
  let start = Math.min(...rows);
  for (const c of cells) {
    if (!c) continue;
    const m = mergeContaining(grid.merges, c.row, c.col);
    start = Math.min(start, m ? m.top : c.row);
  }
  return start;
}

/** The label of the column left of the 一级 column ("绩效指标"), or nothing. */
export function isFrameLabel(v: CellValue): boolean {
  if (v === null) return true;
  const k = String(v).normalize('NFKC').replace(/\s+/g, '');
  return k === '' || /^(本年度|年度|中期|实施期)?绩效指标$/.test(k);
}

const cellKey = (c: CellRef | null) => (c ? `${c.row}:${c.col}` : '');

/**
 * Pseudo-indicators (empty name, placeholder) for 一级/二级 labels that no indicator refers to,
 * so that an empty section of the table is appended to rather than created a second time.
 */
export function categoryEntries(table: Table, inds: Indicator[], headerRow: number): Indicator[] {
  const used = new Set(inds.flatMap((i) => [cellKey(i.level1Cell), cellKey(i.level2Cell)]));
  const cats = (table.categories ?? []).filter((c) => c.cell.row > headerRow && c.canonical && c.level !== null);
  const out: Indicator[] = [];
  for (const c of cats) {
    if (used.has(cellKey(c.cell))) continue;
    const base = {
      index: null,
      name: '',
      nameCell: c.cell,
      placeholder: true,
      rawValue: '',
      valueCell: c.cell,
      value: { kind: 'empty' as const, comparator: null, number: null, unit: null, rest: '', text: '' },
      nameUnit: null,
      row: c.cell.row,
    };
    if (c.level === 2) {
      const l1 = cats
        .filter((x) => x.level === 1 && x.canonical === c.parent && x.cell.row <= c.cell.row)
        .sort((a, b) => b.cell.row - a.cell.row)[0];
      out.push({
        ...base,
        level1: c.parent,
        level1Raw: l1?.text ?? '',
        level1Cell: l1?.cell ?? null,
        level2: c.canonical,
        level2Raw: c.text,
        level2Cell: c.cell,
      });
    } else {
      out.push({ ...base, level1: c.canonical, level1Raw: c.text, level1Cell: c.cell, level2: null, level2Raw: '', level2Cell: null });
    }
  }
  return out;
}

/** The table as the planning reads it (sections.ts, rows.ts). */
export interface PlanTable {
  readonly table: Table;
  readonly grid: SheetGrid;
  /** The table's indicator header, with a 三级指标 and a 指标值 column. */
  readonly h: IndicatorHeader;
  readonly profile: TemplateProfile;
  readonly lib: Library;
  /** The indicators below the header row. */
  readonly realInds: Indicator[];
  /** realInds, and pseudo-indicators of the sections that hold none (categoryEntries). */
  readonly inds: Indicator[];
  /** The table with `inds` as its indicators. */
  readonly t: Table;
  readonly l1Style: ColumnStyle;
  readonly l2Style: ColumnStyle;
  readonly ns: NameStyle;
}

/** Reads the structure of `table` (its header `h` has a 三级指标 and a 指标值 column). */
export function readPlanTable(table: Table, grid: SheetGrid, h: IndicatorHeader, profile: TemplateProfile, lib: Library): PlanTable {
  const realInds = table.indicators.filter((i) => i.row > h.row);
  // sections that hold no indicator yet (an empty 二级 row of a blank table) count as existing
  const inds = [...realInds, ...categoryEntries(table, realInds, h.row)];
  const t: Table = { ...table, indicators: inds };
  let l1Style = labelStyle(t, grid, (i) => i.level1Cell);
  let l2Style = labelStyle(t, grid, (i) => i.level2Cell);
  // every indicator carries its own 一级 and 二级 labels on its row, none merged (井研 2023 申报表: indicators in any
  // order, merges only in the project columns on the left): labels are repeated on the new rows too
  const ownRow = (c: CellRef | null, row: number) => !!c && c.row === row && !mergeContaining(grid.merges, c.row, c.col);
  if (t.indicators.length >= 2 && t.indicators.every((i) => ownRow(i.level1Cell, i.row) && ownRow(i.level2Cell, i.row))) {
    l1Style = 'repeat';
    l2Style = 'repeat';
  }
  const ns = nameStyle({ ...table, indicators: realInds }, grid);
  return { table, grid, h, profile, lib, realInds, inds, t, l1Style, l2Style, ns };
}
