/**
 * Pure planning of template insertion into an existing parsed table.
 *
 * A plan says which whole rows to insert (in the sheet's ORIGINAL coordinates) and, in FINAL
 * coordinates (after all insertions), what to write into the new cells, which merges to extend
 * or create, and where to copy formats from. Adapters apply it: insert rows bottom-up, copy
 * formats, write values, unmerge/merge. `applyPlanToGrid` applies it to a SheetGrid with Excel's
 * row-insertion semantics, for tests and for the ExcelJS adapter.
 *
 * Invariants (checked by `validateBlockPlan` before a plan is returned):
 * - every write targets a cell of a NEW row, and no write lands inside a merge except its top-left;
 * - every extended/created merge covers, besides its former area, only cells of new rows (or empty
 *   label cells), and overlaps no other merge.
 *
 * Pure TypeScript: no Office, no Node imports.
 */
import type { CellValue, Merge, SheetGrid } from '../grid';
import { a1, cellAt } from '../grid';
import type { CellRef, Indicator, Table } from '../model';
import {
  type Block,
  type Library,
  type ResolvedIndicator,
  type TemplateProfile,
  getLibrary,
  level1Names,
  level2Names,
  materializeBlock,
  normalizeIndicatorName,
  normalizeLabel,
} from './library';

/** What a new cell holds, for styling and for the UI. */
export type CellRole = 'title' | 'label' | 'field' | 'header' | 'level1' | 'level2' | 'name' | 'value';

export interface PlannedWrite {
  row: number;
  col: number;
  value: string;
  role: CellRole;
}

/** An indicator row the plan adds (final coordinates). */
export interface PlannedIndicator {
  name: string;
  level1: string;
  level2: string;
  row: number;
  nameCell: CellRef;
  valueCell: CellRef;
  /** Text written into the value cell ('' for a slot). */
  text: string;
  /** True when the value cell is left empty for the user. */
  slot: boolean;
  /** What to write, e.g. "≥□次". */
  expected: string;
}

export interface RowInsertion {
  /** Original 0-based row before which `count` whole rows are inserted (cells shift down). */
  at: number;
  count: number;
}

export interface MergeChange {
  /** The merge as it is after the row insertions (null: a new merge). */
  from: Merge | null;
  to: Merge;
}

export interface FormatCopy {
  /** Final row whose formats are copied. */
  sourceRow: number;
  targetTop: number;
  targetBottom: number;
  left: number;
  right: number;
}

export interface SkippedIndicator {
  name: string;
  reason: string;
}

export interface BlockPlan {
  kind: 'block';
  sheet: string;
  tableId: string;
  profile: TemplateProfile;
  /** Ascending by `at`, original coordinates, whole rows. */
  insertions: RowInsertion[];
  writes: PlannedWrite[];
  merges: MergeChange[];
  formats: FormatCopy[];
  added: PlannedIndicator[];
  skipped: SkippedIndicator[];
}

export type PlanResult<T> = { ok: true; plan: T } | { ok: false; message: string };

// ---------------------------------------------------------------------------------------------
// grid helpers

function isEmptyValue(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function mergeContaining(merges: Merge[], row: number, col: number): Merge | null {
  for (const m of merges) if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m;
  return null;
}

function overlaps(a: Merge, b: Merge): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function sameMerge(a: Merge, b: Merge): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}

/** Final row of an original row after the insertions. */
export function shiftRow(row: number, insertions: RowInsertion[]): number {
  let s = row;
  for (const ins of insertions) if (ins.at <= row) s += ins.count;
  return s;
}

/** First final row of the rows inserted at original `at`. */
function insertedStart(at: number, insertions: RowInsertion[]): number {
  let s = at;
  for (const ins of insertions) if (ins.at < at) s += ins.count;
  return s;
}

/** A merge after whole-row insertions with Excel's semantics. */
export function shiftMerge(m: Merge, insertions: RowInsertion[]): Merge {
  let top = m.top;
  let bottom = m.bottom;
  // bottom-up, as adapters apply them: positions above an insertion never move
  for (const ins of [...insertions].sort((a, b) => b.at - a.at)) {
    if (top >= ins.at) {
      top += ins.count;
      bottom += ins.count;
    } else if (bottom >= ins.at) {
      bottom += ins.count; // the insertion point lies inside the merge: it grows
    }
  }
  return { top, left: m.left, bottom, right: m.right };
}

// ---------------------------------------------------------------------------------------------
// table structure

type ColumnStyle = 'merge' | 'repeat' | 'once';

function sameCell(a: CellRef | null, b: CellRef | null): boolean {
  return !!a && !!b && a.row === b.row && a.col === b.col;
}

function labelStyle(table: Table, grid: SheetGrid, pick: (i: Indicator) => CellRef | null): ColumnStyle {
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

interface NameStyle {
  prefixed: boolean;
  colon: string;
  global: boolean;
}

function nameStyle(table: Table, grid: SheetGrid): NameStyle {
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
function groupRows(table: Table, last: Indicator, pick: (i: Indicator) => CellRef | null, same: (i: Indicator) => boolean): number[] {
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

function extentEnd(grid: SheetGrid, rows: number[], cells: (CellRef | null)[]): number {
  let end = Math.max(...rows);
  for (const c of cells) {
    if (!c) continue;
    end = Math.max(end, c.row);
    const m = mergeContaining(grid.merges, c.row, c.col);
    if (m) end = Math.max(end, m.bottom);
  }
  return end;
}

function extentStart(grid: SheetGrid, rows: number[], cells: (CellRef | null)[]): number {
  let start = Math.min(...rows);
  for (const c of cells) {
    if (!c) continue;
    const m = mergeContaining(grid.merges, c.row, c.col);
    start = Math.min(start, m ? m.top : c.row);
  }
  return start;
}

/** The label of the column left of the 一级 column ("绩效指标"), or nothing. */
function isFrameLabel(v: CellValue): boolean {
  if (v === null) return true;
  const k = String(v).normalize('NFKC').replace(/\s+/g, '');
  return k === '' || /^(本年度|年度|中期|实施期)?绩效指标$/.test(k);
}

const cellKey = (c: CellRef | null) => (c ? `${c.row}:${c.col}` : '');

/**
 * Pseudo-indicators (empty name, placeholder) for 一级/二级 labels that no indicator refers to,
 * so that an empty section of the table is appended to rather than created a second time.
 */
function categoryEntries(table: Table, inds: Indicator[], headerRow: number): Indicator[] {
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

type SegmentKind = 'append' | 'new-level2' | 'new-level1';

interface Segment {
  kind: SegmentKind;
  at: number;
  /** Sort key inside the same `at`. */
  order: number;
  level1: string;
  level2: string;
  /** Label texts written (or repeated) for this segment. */
  level1Text: string;
  level2Text: string;
  /** Label cells (original coordinates) whose merges must grow to cover the segment. */
  anchors: CellRef[];
  items: ResolvedIndicator[];
  /** Per-section numbering start (when the table numbers per 二级). */
  nextIndex: number;
}

export interface PlanOptions {
  lib?: Library;
}

/**
 * Plans the insertion of a block's indicators into `table` (parsed from `grid`, the grid of its sheet).
 */
export function planBlockInsertion(
  table: Table,
  grid: SheetGrid,
  block: Block,
  profile: TemplateProfile,
  opts: PlanOptions = {},
): PlanResult<BlockPlan> {
  const lib = opts.lib ?? getLibrary();
  const items = materializeBlock(block, profile, { budget: table.budget?.amount ?? null }, lib);
  return planIndicatorsInsertion(table, grid, items, profile, opts);
}

/** Plans the insertion of resolved indicators (a block, or a few picked by search). */
export function planIndicatorsInsertion(
  table: Table,
  grid: SheetGrid,
  items: ResolvedIndicator[],
  profile: TemplateProfile,
  opts: PlanOptions = {},
): PlanResult<BlockPlan> {
  const lib = opts.lib ?? getLibrary();
  const h = table.header;
  if (!h || h.level3Col === null || h.valueCol === null) {
    return { ok: false, message: '无法识别该表的指标列（三级指标、指标值），不能插入模板。' };
  }
  if (h.valueCol === h.level3Col) {
    return { ok: false, message: '该表的三级指标与指标值在同一列，不能自动插入模板。' };
  }
  const l1Col = h.level1Col;
  const l2Col = h.level2Col;
  const realInds = table.indicators.filter((i) => i.row > h.row);
  // sections that hold no indicator yet (an empty 二级 row of a blank table) count as existing
  const inds = [...realInds, ...categoryEntries(table, realInds, h.row)];
  const t: Table = { ...table, indicators: inds };
  const profileL1 = lib.profiles[profile].level1.map((l) => l.name);

  const keyIn = (v: string | null, names: string[]) => v !== null && names.some((n) => normalizeLabel(n) === normalizeLabel(v));
  const skipped: SkippedIndicator[] = [];
  const segments = new Map<string, Segment>();
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
  let globalNext = Math.max(0, ...realInds.map((i) => i.index ?? 0)) + 1;

  const lastOf = (pred: (i: Indicator) => boolean): Indicator | null => {
    let best: Indicator | null = null;
    for (const i of inds) if (pred(i) && (!best || i.row > best.row)) best = i;
    return best;
  };
  const level1Group = (l1: string) => {
    const names = level1Names(profile, l1, lib);
    const last = lastOf((i) => keyIn(i.level1, names));
    if (!last) return null;
    const rows = groupRows(
      t,
      last,
      (i) => i.level1Cell,
      (i) => keyIn(i.level1, names),
    );
    const members = inds.filter((i) => rows.includes(i.row));
    const cells = [last.level1Cell, ...members.map((i) => i.level2Cell)];
    return { last, start: extentStart(grid, rows, [last.level1Cell]), end: extentEnd(grid, rows, cells) };
  };

  for (const it of items) {
    const l1Names = level1Names(profile, it.level1, lib);
    const l2Names = level2Names(profile, it.level2, lib);
    // 1-3: an existing 二级 section (under its 一级, elsewhere, or the 二级 name used as a 一级)
    const last =
      lastOf((i) => keyIn(i.level2, l2Names) && keyIn(i.level1, l1Names)) ??
      lastOf((i) => keyIn(i.level2, l2Names)) ??
      lastOf((i) => !i.level2 && keyIn(i.level1, l2Names));
    const effL1 = last ? (last.level1 ?? it.level1) : it.level1;
    const sameL1Names = [...new Set([...l1Names, effL1])];
    const dup = realInds.find(
      (i) => keyIn(i.level1, sameL1Names) && i.name && normalizeIndicatorName(i.name) === normalizeIndicatorName(it.name),
    );
    if (dup) {
      skipped.push({ name: it.name, reason: `表中已有同名指标（${a1(dup.nameCell.row, dup.nameCell.col)}）` });
      continue;
    }
    let seg: Segment;
    if (last) {
      const byL2 = !!last.level2;
      const pick = byL2 ? (i: Indicator) => i.level2Cell : (i: Indicator) => i.level1Cell;
      const lastRef = last;
      const rows = groupRows(t, last, pick, (i) => (byL2 ? i.level2 === lastRef.level2 : !i.level2 && i.level1 === lastRef.level1));
      const labelCell = pick(last);
      const end = extentEnd(grid, rows, [labelCell]);
      const key = `append:${end}`;
      const members = inds.filter((i) => rows.includes(i.row));
      const named = members.find((i) => !i.placeholder && i.name);
      if (it.computed && named) {
        // a total computed from the budget would double-count costs the table already itemises
        skipped.push({ name: it.name, reason: `该二级指标下已有明细（${named.name}），不再按年度资金总额插入总成本` });
        continue;
      }
      seg = segments.get(key) ?? {
        kind: 'append',
        at: end + 1,
        order: 0,
        level1: effL1,
        level2: last.level2 ?? '',
        level1Text: last.level1Raw || effL1,
        level2Text: byL2 ? last.level2Raw || it.level2 : '',
        anchors: [labelCell, byL2 ? last.level1Cell : null].filter((c): c is CellRef => !!c),
        items: [],
        nextIndex: Math.max(0, ...members.map((i) => i.index ?? 0)) + 1,
      };
      segments.set(key, seg);
    } else {
      const g = level1Group(it.level1);
      if (g) {
        const key = `new2:${g.end}:${it.level2}`;
        seg = segments.get(key) ?? {
          kind: 'new-level2',
          at: g.end + 1,
          order: 1000 + profileIndex(profile, it.level1, it.level2, lib),
          level1: g.last.level1 ?? it.level1,
          level2: it.level2,
          level1Text: g.last.level1Raw || it.level1,
          level2Text: it.level2,
          anchors: g.last.level1Cell ? [g.last.level1Cell] : [],
          items: [],
          nextIndex: 1,
        };
        segments.set(key, seg);
      } else {
        // a missing 一级: after the previous existing 一级 of the profile, else before the next one
        const pos = profileL1.indexOf(it.level1);
        let at: number | null = null;
        for (let k = pos - 1; k >= 0 && at === null; k--) {
          const pg = level1Group(profileL1[k]);
          if (pg) at = pg.end + 1;
        }
        for (let k = pos + 1; k < profileL1.length && at === null; k++) {
          const ng = level1Group(profileL1[k]);
          if (ng) at = ng.start;
        }
        if (at === null) {
          at =
            inds.length > 0
              ? extentEnd(
                  grid,
                  inds.map((i) => i.row),
                  inds.map((i) => i.level1Cell),
                ) + 1
              : h.row + 1;
        }
        const key = `new1:${at}:${it.level1}:${it.level2}`;
        seg = segments.get(key) ?? {
          kind: 'new-level1',
          at,
          order: 2000 + profileIndex(profile, it.level1, it.level2, lib),
          level1: it.level1,
          level2: it.level2,
          level1Text: it.level1,
          level2Text: it.level2,
          anchors: [],
          items: [],
          nextIndex: 1,
        };
        segments.set(key, seg);
      }
    }
    seg.items.push(it);
  }

  const segs = [...segments.values()].filter((s) => s.items.length > 0).sort((a, b) => a.at - b.at || a.order - b.order);
  const byAt = new Map<number, number>();
  for (const s of segs) byAt.set(s.at, (byAt.get(s.at) ?? 0) + s.items.length);
  const insertions: RowInsertion[] = [...byAt.entries()].sort((a, b) => a[0] - b[0]).map(([at, count]) => ({ at, count }));

  const writes: PlannedWrite[] = [];
  const added: PlannedIndicator[] = [];
  const formats: FormatCopy[] = [];
  const finalMerges = grid.merges.map((m) => shiftMerge(m, insertions));
  const changes = new Map<number, MergeChange>(); // index into finalMerges -> change
  const created: Merge[] = [];
  const tableLeft = Math.min(table.left, l1Col ?? table.left);
  const tableRight = Math.max(table.right, h.valueCol, ...h.otherCols);
  const newRowSet = new Set<number>();

  const extendMergeAt = (cell: CellRef, lastRow: number, createIfSingle: boolean) => {
    const orig = mergeContaining(grid.merges, cell.row, cell.col);
    if (orig) {
      const idx = grid.merges.indexOf(orig);
      const cur = changes.get(idx)?.to ?? finalMerges[idx];
      if (cur.bottom < lastRow) changes.set(idx, { from: finalMerges[idx], to: { ...cur, bottom: lastRow } });
      return;
    }
    if (!createIfSingle) return;
    const top = shiftRow(cell.row, insertions);
    const ex = created.find((m) => m.top === top && m.left === cell.col);
    if (ex) ex.bottom = Math.max(ex.bottom, lastRow);
    else created.push({ top, left: cell.col, bottom: lastRow, right: cell.col });
  };

  let pending = 0; // rows already used at the current `at`
  let curAt = -1;
  for (const s of segs) {
    if (s.at !== curAt) {
      curAt = s.at;
      pending = 0;
    }
    const start = insertedStart(s.at, insertions) + pending;
    const end = start + s.items.length - 1;
    pending += s.items.length;
    let n = s.nextIndex;
    s.items.forEach((it, k) => {
      const row = start + k;
      newRowSet.add(row);
      const idx = ns.global ? globalNext++ : n++;
      const name = ns.prefixed ? `指标${idx}${ns.colon}${it.name}` : it.name;
      writes.push({ row, col: h.level3Col as number, value: name, role: 'name' });
      if (!it.slot) writes.push({ row, col: h.valueCol as number, value: it.text, role: 'value' });
      const firstOfSeg = k === 0;
      if (l1Col !== null && s.kind === 'new-level1' && (firstOfSeg || l1Style === 'repeat')) {
        // one 一级 label per new 一级 (the first segment of that 一级 at this position)
        const firstOfL1 = segs.find((x) => x.kind === 'new-level1' && x.at === s.at && x.level1 === s.level1) === s;
        if (firstOfL1 || l1Style === 'repeat') writes.push({ row, col: l1Col, value: s.level1Text, role: 'level1' });
      }
      if (l1Col !== null && s.kind !== 'new-level1' && l1Style === 'repeat') {
        writes.push({ row, col: l1Col, value: s.level1Text, role: 'level1' });
      }
      if (l2Col !== null && s.level2Text && (s.kind !== 'append' ? firstOfSeg || l2Style === 'repeat' : l2Style === 'repeat')) {
        writes.push({ row, col: l2Col, value: s.level2Text, role: 'level2' });
      }
      added.push({
        name: it.name,
        level1: s.level1,
        level2: s.level2,
        row,
        nameCell: { row, col: h.level3Col as number },
        valueCell: { row, col: h.valueCol as number },
        text: it.text,
        slot: it.slot,
        expected: it.expected,
      });
    });
    if (!ns.global) s.nextIndex = n;
    // merges that must cover the segment
    for (const c of s.anchors) extendMergeAt(c, end, (c.col === l2Col ? l2Style : l1Style) === 'merge');
    if (l2Col !== null && s.kind !== 'append' && l2Style === 'merge' && end > start) {
      created.push({ top: start, left: l2Col, bottom: end, right: l2Col });
    }
    // outer merges (left of the 一级 column: the "绩效指标" label) that end just above or start just below
    const outerRight = (l1Col ?? h.level3Col) - 1;
    for (let idx = 0; idx < grid.merges.length; idx++) {
      const m = grid.merges[idx];
      if (m.right > outerRight || m.left < tableLeft || m.top < h.row || !isFrameLabel(cellAt(grid, m.top, m.left))) continue;
      const cur = changes.get(idx)?.to ?? finalMerges[idx];
      // only ever grown downwards: growing it upwards would put its label under the merge (Excel keeps the
      // top-left value only), so rows inserted just above it stay outside (重庆忠县 2022 区域绩效目标表, C2021)
      if (cur.top <= start - 1 && cur.bottom >= start - 1 && cur.bottom < end) {
        changes.set(idx, { from: finalMerges[idx], to: { ...cur, bottom: end } });
      }
    }
  }
  // new 一级 labels merge over all of their rows
  if (l1Col !== null && l1Style === 'merge') {
    const groups = new Map<string, { start: number; end: number }>();
    let p = 0;
    let a = -1;
    for (const s of segs) {
      if (s.at !== a) {
        a = s.at;
        p = 0;
      }
      const start = insertedStart(s.at, insertions) + p;
      p += s.items.length;
      if (s.kind !== 'new-level1') continue;
      const key = `${s.at}:${s.level1}`;
      const g = groups.get(key);
      const end = start + s.items.length - 1;
      if (g) g.end = Math.max(g.end, end);
      else groups.set(key, { start, end });
    }
    for (const g of groups.values()) if (g.end > g.start) created.push({ top: g.start, left: l1Col, bottom: g.end, right: l1Col });
  }

  // formats: for each insertion, from the nearest indicator row above (else below, else the row above)
  for (const ins of insertions) {
    const start = insertedStart(ins.at, insertions);
    const above = realInds.filter((i) => i.row < ins.at).sort((x, y) => y.row - x.row)[0];
    const below = realInds.filter((i) => i.row >= ins.at).sort((x, y) => x.row - y.row)[0];
    const srcOrig = above ? above.row : below ? below.row : ins.at - 1;
    const sourceRow = shiftRow(srcOrig, insertions);
    // column runs of the source row that are not part of a vertical merge
    let runStart: number | null = null;
    for (let c = tableLeft; c <= tableRight + 1; c++) {
      const m = c <= tableRight ? mergeContaining(finalMerges, sourceRow, c) : null;
      // never paste formats over part of a merge (Excel refuses; merges grown by the insertion cover new cells)
      const hitsMerge = finalMerges.some((x) => x.left <= c && x.right >= c && x.top <= start + ins.count - 1 && x.bottom >= start);
      const ok = c <= tableRight && (!m || m.top === m.bottom) && !hitsMerge;
      if (ok && runStart === null) runStart = c;
      if (!ok && runStart !== null) {
        formats.push({ sourceRow, targetTop: start, targetBottom: start + ins.count - 1, left: runStart, right: c - 1 });
        runStart = null;
      }
    }
    // row-local horizontal merges of the source row are repeated on the new rows (name/value area)
    for (const m of finalMerges) {
      if (m.top !== sourceRow || m.bottom !== sourceRow || m.left < (l2Col ?? l1Col ?? tableLeft) + 1 || m.right > tableRight) continue;
      if (m.left <= (l2Col ?? -1)) continue;
      for (let r = start; r < start + ins.count; r++) created.push({ top: r, left: m.left, bottom: r, right: m.right });
    }
  }

  const merges: MergeChange[] = [];
  for (const ch of changes.values()) if (!sameMerge(ch.from as Merge, ch.to)) merges.push({ from: ch.from, to: ch.to });
  for (const m of created) merges.push({ from: null, to: m });

  // a name/value write covered by a repeated horizontal merge: keep it at the merge's top-left
  const plan: BlockPlan = {
    kind: 'block',
    sheet: table.sheet,
    tableId: table.id,
    profile,
    insertions,
    writes: dropCoveredLabelWrites(writes, finalMergesOf(grid, { insertions, merges })),
    merges,
    formats,
    added,
    skipped,
  };
  const problem = validateBlockPlan(grid, plan, newRowSet);
  if (problem) return { ok: false, message: problem };
  return { ok: true, plan };
}

function profileIndex(profile: TemplateProfile, l1: string, l2: string, lib: Library): number {
  let k = 0;
  for (const a of lib.profiles[profile].level1) {
    for (const b of a.level2) {
      if (a.name === l1 && b.name === l2) return k;
      k++;
    }
  }
  return k;
}

/** Label writes (repeat style) that would fall inside a merge are dropped; names and values never are. */
function dropCoveredLabelWrites(writes: PlannedWrite[], merges: Merge[]): PlannedWrite[] {
  return writes.filter((w) => {
    if (w.role !== 'level1' && w.role !== 'level2') return true;
    const m = mergeContaining(merges, w.row, w.col);
    return !m || (m.top === w.row && m.left === w.col);
  });
}

/** Final merges of a plan (after insertions and merge changes). */
export function finalMergesOf(grid: SheetGrid, plan: Pick<BlockPlan, 'insertions' | 'merges'>): Merge[] {
  const out = grid.merges.map((m) => shiftMerge(m, plan.insertions));
  for (const ch of plan.merges) {
    if (ch.from) {
      const i = out.findIndex((m) => sameMerge(m, ch.from as Merge));
      if (i >= 0) out.splice(i, 1);
    }
    out.push(ch.to);
  }
  return out;
}

/** Returns a Chinese message when the plan would break an invariant, else null. */
export function validateBlockPlan(grid: SheetGrid, plan: BlockPlan, newRows?: Set<number>): string | null {
  const fresh = newRows ?? new Set(plan.added.map((a) => a.row));
  const merges = finalMergesOf(grid, plan);
  for (let i = 0; i < merges.length; i++) {
    const m = merges[i];
    if (m.top > m.bottom || m.left > m.right) return `内部错误：合并区域无效 ${a1(m.top, m.left)}`;
    for (let j = i + 1; j < merges.length; j++) {
      if (overlaps(m, merges[j])) {
        return `插入位置附近的合并单元格（${a1(m.top, m.left)} 与 ${a1(merges[j].top, merges[j].left)}）互相重叠，无法安全插入；请先取消这些合并单元格。`;
      }
    }
  }
  const seen = new Set<string>();
  for (const w of plan.writes) {
    const k = `${w.row}:${w.col}`;
    if (seen.has(k)) return `内部错误：同一单元格 ${a1(w.row, w.col)} 写入两次`;
    seen.add(k);
    if (!fresh.has(w.row)) return `内部错误：写入了原有行 ${a1(w.row, w.col)}`;
    const m = mergeContaining(merges, w.row, w.col);
    if (m && !(m.top === w.row && m.left === w.col)) {
      return `第${w.row + 1}行附近有跨行合并的单元格（${a1(m.top, m.left)}），新行会落在合并区域内，无法安全插入；请先取消该合并。`;
    }
  }
  // extended merges may only take in new rows or cells that are empty
  const shifted = grid.merges.map((m) => shiftMerge(m, plan.insertions));
  for (const ch of plan.merges) {
    const before = ch.from;
    for (let r = ch.to.top; r <= ch.to.bottom; r++) {
      for (let c = ch.to.left; c <= ch.to.right; c++) {
        if (before && r >= before.top && r <= before.bottom && c >= before.left && c <= before.right) continue;
        if (r === ch.to.top && c === ch.to.left) continue;
        if (fresh.has(r)) {
          if (plan.writes.some((w) => w.row === r && w.col === c))
            return `内部错误：合并区域 ${a1(ch.to.top, ch.to.left)} 覆盖了新写入的 ${a1(r, c)}`;
          continue;
        }
        const orig = originalRow(r, plan.insertions);
        if (orig === null || !isEmptyValue(cellAt(grid, orig, c)) || mergeContaining(shifted, r, c)) {
          return `扩展合并区域 ${a1(ch.to.top, ch.to.left)} 会覆盖已有内容（${a1(r, c)}），无法安全插入。`;
        }
      }
    }
  }
  return null;
}

/** Original row of a final row, or null for an inserted row. */
export function originalRow(final: number, insertions: RowInsertion[]): number | null {
  let shift = 0;
  for (const ins of [...insertions].sort((a, b) => a.at - b.at)) {
    const start = ins.at + shift;
    if (final < start) break;
    if (final < start + ins.count) return null;
    shift += ins.count;
  }
  return final - shift;
}

/**
 * Applies a block plan to a grid (Excel semantics for whole-row insertion), returning a new grid.
 * Throws when a write would overwrite a non-empty cell.
 */
export function applyPlanToGrid(grid: SheetGrid, plan: Pick<BlockPlan, 'insertions' | 'writes' | 'merges'>): SheetGrid {
  const sorted = [...plan.insertions].sort((a, b) => a.at - b.at);
  const cells: CellValue[][] = [];
  let k = 0;
  for (let i = 0; i < grid.cells.length; i++) {
    const abs = grid.rowOffset + i;
    for (; k < sorted.length && sorted[k].at <= abs; k++) for (let n = 0; n < sorted[k].count; n++) cells.push([]);
    cells.push((grid.cells[i] ?? []).slice());
  }
  // insertions at or below the end of the grid only add empty rows (writes pad as needed)
  const out: SheetGrid = { ...grid, cells, merges: finalMergesOf(grid, plan) };
  for (const w of plan.writes) {
    const ri = w.row - grid.rowOffset;
    const ci = w.col - grid.colOffset;
    if (ri < 0 || ci < 0) throw new Error(`write outside the grid at ${a1(w.row, w.col)}`);
    while (cells.length <= ri) cells.push([]);
    const row = cells[ri];
    while (row.length <= ci) row.push(null);
    if (!isEmptyValue(row[ci])) throw new Error(`would overwrite ${a1(w.row, w.col)}`);
    row[ci] = w.value;
  }
  return out;
}
