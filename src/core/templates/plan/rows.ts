/**
 * The rows of a plan, from its segments: the row insertions, the names, values and labels written into the new rows,
 * the merges grown or created to cover them (label columns, the frame label on the left, repeated horizontal merges),
 * and the formats copied from the nearest indicator row.
 */
import type { Merge } from '../../grid';
import { cellAt } from '../../grid';
import type { CellRef } from '../../model';
import type { ResolvedIndicator } from '../library';
import { insertedStart, mergeContaining, sameMerge, shiftMerge, shiftRow } from './grid';
import type { InsertionSegment } from './sections';
import { type PlanTable, isFrameLabel } from './structure';
import type { FormatCopy, MergeChange, PlannedIndicator, PlannedWrite, RowInsertion } from './types';

/** What the rows of a plan add up to (see BlockPlan); newRows: the final rows inserted. */
export interface PlannedRows {
  insertions: RowInsertion[];
  writes: PlannedWrite[];
  merges: MergeChange[];
  formats: FormatCopy[];
  added: PlannedIndicator[];
  newRows: Set<number>;
}

/** The planning of the rows: the table, its segments and insertions, and what has been planned so far. */
interface RowsBuilder {
  readonly pt: PlanTable;
  readonly segs: InsertionSegment[];
  readonly insertions: RowInsertion[];
  readonly writes: PlannedWrite[];
  readonly added: PlannedIndicator[];
  readonly formats: FormatCopy[];
  /** The sheet's merges after the insertions. */
  readonly finalMerges: Merge[];
  /** Index into finalMerges -> change. */
  readonly changes: Map<number, MergeChange>;
  readonly created: Merge[];
  readonly tableLeft: number;
  readonly tableRight: number;
  readonly newRowSet: Set<number>;
  /** The next number of a table numbering its names over the whole table. */
  globalNext: number;
}

/** Plans the rows of `segs` (ordered by position) in the table `pt`. */
export function planRows(pt: PlanTable, segs: InsertionSegment[]): PlannedRows {
  const { table, grid, h } = pt;
  const byAt = new Map<number, number>();
  for (const s of segs) byAt.set(s.at, (byAt.get(s.at) ?? 0) + s.items.length);
  const insertions: RowInsertion[] = [...byAt.entries()].sort((a, b) => a[0] - b[0]).map(([at, count]) => ({ at, count }));
  const b: RowsBuilder = {
    pt,
    segs,
    insertions,
    writes: [],
    added: [],
    formats: [],
    finalMerges: grid.merges.map((m) => shiftMerge(m, insertions)),
    changes: new Map(),
    created: [],
    tableLeft: Math.min(table.left, h.level1Col ?? table.left),
    tableRight: Math.max(table.right, h.valueCol as number, ...h.otherCols),
    newRowSet: new Set(),
    globalNext: Math.max(0, ...pt.realInds.map((i) => i.index ?? 0)) + 1,
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
    writeSegment(b, s, start);
    growMerges(b, s, start, end);
  }
  mergeNewLevel1Labels(b);
  copyFormats(b);
  const merges: MergeChange[] = [];
  for (const ch of b.changes.values()) if (!sameMerge(ch.from as Merge, ch.to)) merges.push({ from: ch.from, to: ch.to });
  for (const m of b.created) merges.push({ from: null, to: m });
  return { insertions, writes: b.writes, merges, formats: b.formats, added: b.added, newRows: b.newRowSet };
}

/** The writes of segment `s`, one new row per item from final row `start`. */
function writeSegment(b: RowsBuilder, s: InsertionSegment, start: number): void {
  const { ns } = b.pt;
  let n = s.nextIndex;
  s.items.forEach((it, k) => {
    const row = start + k;
    b.newRowSet.add(row);
    const idx = ns.global ? b.globalNext++ : n++;
    writeRow(b, s, it, row, k === 0, ns.prefixed ? `指标${idx}${ns.colon}${it.name}` : it.name);
  });
  if (!ns.global) s.nextIndex = n;
}

/** The writes of one new row: the name, the value (unless a slot), the labels the table's style asks for. */
function writeRow(b: RowsBuilder, s: InsertionSegment, it: ResolvedIndicator, row: number, firstOfSeg: boolean, name: string): void {
  const { h, l1Style, l2Style } = b.pt;
  const { writes } = b;
  const l1Col = h.level1Col;
  const l2Col = h.level2Col;
  writes.push({ row, col: h.level3Col as number, value: name, role: 'name' });
  if (!it.slot) writes.push({ row, col: h.valueCol as number, value: it.text, role: 'value' });
  if (l1Col !== null && s.kind === 'new-level1' && (firstOfSeg || l1Style === 'repeat')) {
    // one 一级 label per new 一级 (the first segment of that 一级 at this position)
    const firstOfL1 = b.segs.find((x) => x.kind === 'new-level1' && x.at === s.at && x.level1 === s.level1) === s;
    if (firstOfL1 || l1Style === 'repeat') writes.push({ row, col: l1Col, value: s.level1Text, role: 'level1' });
  }
  if (l1Col !== null && s.kind !== 'new-level1' && l1Style === 'repeat') {
    writes.push({ row, col: l1Col, value: s.level1Text, role: 'level1' });
  }
  if (l2Col !== null && s.level2Text && (s.kind !== 'append' ? firstOfSeg || l2Style === 'repeat' : l2Style === 'repeat')) {
    writes.push({ row, col: l2Col, value: s.level2Text, role: 'level2' });
  }
  b.added.push({
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
}

/** The merge holding `cell` grown down to `lastRow`; without one, a new merge when `createIfSingle`. */
function extendMergeAt(b: RowsBuilder, cell: CellRef, lastRow: number, createIfSingle: boolean): void {
  const { grid } = b.pt;
  const orig = mergeContaining(grid.merges, cell.row, cell.col);
  if (orig) {
    const idx = grid.merges.indexOf(orig);
    const cur = b.changes.get(idx)?.to ?? b.finalMerges[idx];
    if (cur.bottom < lastRow) b.changes.set(idx, { from: b.finalMerges[idx], to: { ...cur, bottom: lastRow } });
    return;
  }
  if (!createIfSingle) return;
  const top = shiftRow(cell.row, b.insertions);
  const ex = b.created.find((m) => m.top === top && m.left === cell.col);
  if (ex) ex.bottom = Math.max(ex.bottom, lastRow);
  else b.created.push({ top, left: cell.col, bottom: lastRow, right: cell.col });
}

/** The merges that must cover segment `s` (final rows start..end). */
function growMerges(b: RowsBuilder, s: InsertionSegment, start: number, end: number): void {
  const { grid, h, l1Style, l2Style } = b.pt;
  const l1Col = h.level1Col;
  const l2Col = h.level2Col;
  for (const c of s.anchors) extendMergeAt(b, c, end, (c.col === l2Col ? l2Style : l1Style) === 'merge');
  if (l2Col !== null && s.kind !== 'append' && l2Style === 'merge' && end > start) {
    b.created.push({ top: start, left: l2Col, bottom: end, right: l2Col });
  }
  // outer merges (left of the 一级 column: the "绩效指标" label) that end just above or start just below
  const outerRight = (l1Col ?? (h.level3Col as number)) - 1;
  for (let idx = 0; idx < grid.merges.length; idx++) {
    const m = grid.merges[idx];
    if (m.right > outerRight || m.left < b.tableLeft || m.top < h.row || !isFrameLabel(cellAt(grid, m.top, m.left))) continue;
    const cur = b.changes.get(idx)?.to ?? b.finalMerges[idx];
    // only ever grown downwards: growing it upwards would put its label under the merge (Excel keeps the
    // top-left value only), so rows inserted just above it stay outside (重庆忠县 2022 区域绩效目标表, C2021)
    if (cur.top <= start - 1 && cur.bottom >= start - 1 && cur.bottom < end) {
      b.changes.set(idx, { from: b.finalMerges[idx], to: { ...cur, bottom: end } });
    }
  }
}

/** New 一级 labels merge over all of their rows (when the table merges its 一级 labels). */
function mergeNewLevel1Labels(b: RowsBuilder): void {
  const l1Col = b.pt.h.level1Col;
  if (l1Col === null || b.pt.l1Style !== 'merge') return;
  const groups = new Map<string, { start: number; end: number }>();
  let p = 0;
  let a = -1;
  for (const s of b.segs) {
    if (s.at !== a) {
      a = s.at;
      p = 0;
    }
    const start = insertedStart(s.at, b.insertions) + p;
    p += s.items.length;
    if (s.kind !== 'new-level1') continue;
    const key = `${s.at}:${s.level1}`;
    const g = groups.get(key);
    const end = start + s.items.length - 1;
    if (g) g.end = Math.max(g.end, end);
    else groups.set(key, { start, end });
  }
  for (const g of groups.values()) if (g.end > g.start) b.created.push({ top: g.start, left: l1Col, bottom: g.end, right: l1Col });
}

/** Formats: for each insertion, from the nearest indicator row above (else below, else the row above). */
function copyFormats(b: RowsBuilder): void {
  const { realInds, h } = b.pt;
  const { insertions, finalMerges, tableLeft, tableRight } = b;
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
        b.formats.push({ sourceRow, targetTop: start, targetBottom: start + ins.count - 1, left: runStart, right: c - 1 });
        runStart = null;
      }
    }
    // row-local horizontal merges of the source row are repeated on the new rows (name/value area)
    const l2Col = h.level2Col;
    for (const m of finalMerges) {
      if (m.top !== sourceRow || m.bottom !== sourceRow || m.left < (l2Col ?? h.level1Col ?? tableLeft) + 1 || m.right > tableRight)
        continue;
      if (m.left <= (l2Col ?? -1)) continue;
      for (let r = start; r < start + ins.count; r++) b.created.push({ top: r, left: m.left, bottom: r, right: m.right });
    }
  }
}
