/**
 * Table detection by labels, not coordinates: finds every 绩效目标表 on a sheet, stacked or alone,
 * at any offset, merged or not.
 */
import type { Merge } from './grid';
import { DEPARTMENT_NAME_RE, PROJECT_NAME_RE } from './header-labels';
import { isFirstLevelHeaderKey, isIndicatorHeaderRow } from './indicator-area';
import { type RowCell, SheetView } from './sheet';
import { matchCategoryKey } from './vocab';

export interface Segment {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Row/col of the 项目名称/部门名称 label, null for a table that only has an indicator header. */
  anchor: { row: number; col: number } | null;
  kind: 'project' | 'department';
  /** First indicator header row (一级指标 | 二级指标 | ...). */
  headerRow: number;
  /**
   * The indicator area has no header row: headerRow is its first indicator row, introduced by a frame label
   * ("部门整体支出年度绩效指标 | 产出指标 | 质量指标:…": 湖南 2017 部门整体支出绩效目标申报表).
   */
  headerless?: boolean;
  /**
   * One project of a list: a header row 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 … over the rows of many projects,
   * each project's name merged down over its indicator rows (井研 2023 部门预算项目绩效目标申报表, budget-system exports).
   * headerRow is the list's header (above top); the fields are read under their column headers.
   */
  listed?: boolean;
}

const PROJECT_NAME = PROJECT_NAME_RE;
const DEPT_NAME = DEPARTMENT_NAME_RE;
const TITLE = /绩效目标(申报)?表/;

/**
 * An indicator header cell ("一级指标", "一级指标(必填)"), not a line of instructions starting with the word
 * ("一级指标:产出、效益…", "一级指标、二级指标按…填写，…").
 */
export function isHeaderKey(key: string): boolean {
  return isFirstLevelHeaderKey(key);
}

/**
 * Empty rows after which a table is over, unless a merged area spans them (a category cell over blank indicator
 * rows). Measured: inside the 63 corpus tables and the fixtures no run of empty rows is longer than 1; a block
 * of other data 5 rows below a table must not be read into it.
 */
const MAX_GAP = 5;

interface Pending {
  top: number;
  anchor: { row: number; col: number } | null;
  kind: 'project' | 'department';
  headerRow: number | null;
  headerless?: boolean;
}

/** Finds table segments on a sheet. */
export function findSegments(view: SheetView): Segment[] {
  const whole = { sideBySide: false };
  const segs = findIn(view, view.left, view.right, whole);
  if (!whole.sideBySide) return segs;
  // tables side by side (two indicator headers in one row): each band of columns between empty columns on its own
  const perBand = columnBands(view)
    .map((b) => findIn(view, b.left, b.right, { sideBySide: false, banded: true }))
    .filter((found) => found.length > 0);
  return perBand.length < 2 ? segs : perBand.flat();
}

/**
 * Runs of columns that hold something (a value, or a merged area with a value over them), separated by columns
 * that are empty from top to bottom.
 */
function columnBands(view: SheetView): { left: number; right: number }[] {
  const used = new Uint8Array(Math.max(0, view.right - view.left + 1));
  for (let r = view.top; r <= view.bottom; r++) {
    const cells = view.rowCells(r);
    for (let i = 0; i < cells.length; i++) used[cells[i].col - view.left] = 1;
  }
  for (const m of view.merges) {
    if (!view.text(m.top, m.left)) continue;
    for (let c = Math.max(m.left, view.left); c <= Math.min(m.right, view.right); c++) used[c - view.left] = 1;
  }
  const bands: { left: number; right: number }[] = [];
  for (let i = 0; i < used.length; i++) {
    if (!used[i]) continue;
    if (bands.length > 0 && bands[bands.length - 1].right === view.left + i - 1) bands[bands.length - 1].right = view.left + i;
    else bands.push({ left: view.left + i, right: view.left + i });
  }
  return bands;
}

/** Which bands of columns findIn looks in; sideBySide is set when a row holds two indicator headers. */
interface FindFlags {
  sideBySide: boolean;
  banded?: boolean;
}

/** Table segments within columns left..right; sets flags.sideBySide when a row holds two indicator headers. */
function findIn(view: SheetView, left: number, right: number, flags: FindFlags): Segment[] {
  const { segs, listed } = pendingSegments(view, left, right, flags);
  const out: Segment[] = [];
  const tops: Merge[] = [];
  for (let i = 0; i < segs.length; i++) {
    const nextTop = i + 1 < segs.length ? segs[i + 1].top : view.bottom + 1;
    const seg = boundSegment(view, segs[i], nextTop, left, right, flags, tops);
    if (seg) out.push(seg);
  }
  if (listed.length === 0) return out;
  return out.concat(listed).sort((a, b) => a.top - b.top || a.left - b.left);
}

/** What a row's cells say: a name label (the table's anchor), an indicator header, a title line (see scanRow). */
interface RowScan {
  anchor: { col: number; kind: 'project' | 'department' } | null;
  header: boolean;
  title: boolean;
  /** Column of a short 项目名称 label (a list's name column), -1 without one. */
  projectCol: number;
  /** Column of the first 一级指标 header, -1 without one. */
  firstLevelCol: number;
  /** A 部门整体 seen on this row or above (sticky over the rows). */
  deptHint: boolean;
}

/** Reads the labels of one row into `scan` (reset first, but for deptHint). */
function scanRow(cells: RowCell[], scan: RowScan, flags: FindFlags): void {
  scan.anchor = null;
  scan.header = false;
  scan.title = false;
  scan.projectCol = -1;
  scan.firstLevelCol = -1;
  // indexed loops here and below: for-of left iterator objects behind in this hot path
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const key = c.key;
    // cheap substring checks first: most cells are indicator names and values
    if (key.length <= 40 && key.includes('名称')) {
      const isProject = PROJECT_NAME.test(key);
      if (isProject && scan.projectCol < 0 && key.length <= 12) scan.projectCol = c.col;
      if (!scan.anchor) {
        if (isProject) scan.anchor = { col: c.col, kind: 'project' };
        else if (DEPT_NAME.test(key)) scan.anchor = { col: c.col, kind: 'department' };
      }
    }
    if (key.charCodeAt(0) === 0x4e00 /* 一 */ && isHeaderKey(key)) {
      if (scan.header) flags.sideBySide = true;
      scan.header = true;
      if (scan.firstLevelCol < 0) scan.firstLevelCol = c.col;
    }
    if (key.length <= 60 && key.includes('绩效') && TITLE.test(key) && !/^(年度|总体|实施期|本年度|年度总体)/.test(key)) scan.title = true;
    if (key.includes('部门整体')) scan.deptHint = true;
  }
}

/**
 * The tables of columns left..right as they start, row after row: each from its title, name label or indicator header,
 * with its header row once met; and the projects of lists (complete segments, see listSegments).
 */
function pendingSegments(view: SheetView, left: number, right: number, flags: FindFlags): { segs: Pending[]; listed: Segment[] } {
  const segs: Pending[] = [];
  const listed: Segment[] = [];
  let cur: Pending | null = null;
  // (one scan reused row after row: no garbage per row)
  const scan: RowScan = { anchor: null, header: false, title: false, projectCol: -1, firstLevelCol: -1, deptHint: false };
  for (let r = view.top; r <= view.bottom; r++) {
    const cells = view.rowCells(r, left, right);
    if (cells.length === 0) continue;
    scanRow(cells, scan, flags);
    const { anchor, title } = scan;
    const lookingForHeader = !cur || cur.headerRow === null;
    // a header without 一级指标: a 指标值 column beside a name column (指标 | 指标内容 | 指标值)
    // (only where a header is looked for: a header inside a table is a continuation and changes nothing)
    if (!scan.header && lookingForHeader && cells.length >= 2 && cells.length <= 12 && isIndicatorHeaderRow(cells)) scan.header = true;
    const header = scan.header;
    // a header of two rows: the list's labels above, merged down beside 一级指标 (湘西 2023 项目支出绩效目标表)
    if (header && scan.projectCol < 0 && scan.firstLevelCol >= 0 && r > view.top && lookingForHeader)
      scan.projectCol = nameColAbove(view, r, left, scan.firstLevelCol);
    if (header && scan.projectCol >= 0 && scan.firstLevelCol > scan.projectCol) {
      // a list of projects under one header row
      if (cur) segs.push(cur);
      cur = null;
      const found = listSegments(view, r, scan.projectCol, scan.firstLevelCol, left, right);
      listed.push(...found.segments);
      r = found.end;
      continue;
    }
    if (title && !anchor && !header) {
      // A title line starts a new table unless the current one has not reached its name yet.
      if (!cur || cur.anchor || cur.headerRow !== null) {
        if (cur) segs.push(cur);
        cur = {
          top: r,
          anchor: null,
          kind: scan.deptHint && /部门整体/.test(cells.map((c) => c.text).join('')) ? 'department' : 'project',
          headerRow: null,
        };
      }
      continue;
    }
    if (anchor) {
      // a second name label right under the first, before any indicator header, is the same table's (专项名称 then
      // 部门名称: 桃源 2021 专项资金绩效目标表;
      // 部门名称 then 项目名称: 龙岩 2023 专项转移支付绩效目标表); a 项目名称 makes it a project table
      if (cur && cur.anchor && cur.headerRow === null && r - cur.anchor.row <= 3) {
        if (anchor.kind === 'project') cur.kind = 'project';
        continue;
      }
      if (cur && !cur.anchor && cur.headerRow === null) {
        cur.anchor = { row: r, col: anchor.col };
        cur.kind = anchor.kind;
      } else {
        if (cur) segs.push(cur);
        cur = { top: r, anchor: { row: r, col: anchor.col }, kind: anchor.kind, headerRow: null };
      }
    }
    if (!header && cur && cur.anchor && cur.headerRow === null && startsHeaderlessArea(cells)) {
      cur.headerRow = r;
      cur.headerless = true;
      continue;
    }
    if (header) {
      if (!cur) cur = { top: r, anchor: null, kind: 'project', headerRow: r };
      else if (cur.headerRow === null) cur.headerRow = r;
      // a second header inside a table is a continuation (page break): ignored
    }
  }
  if (cur) segs.push(cur);
  return { segs, listed };
}

/** Column of a short 项目名称 label in the row above `r` merged down into it, left of 一级指标; -1 without one. */
function nameColAbove(view: SheetView, r: number, left: number, firstLevelCol: number): number {
  const above = view.rowCells(r - 1, left, firstLevelCol - 1);
  const nameCell = above.find((c) => c.key.length <= 12 && PROJECT_NAME.test(c.key) && (view.mergeAt(r - 1, c.col)?.bottom ?? r - 1) >= r);
  return nameCell ? nameCell.col : -1;
}

/**
 * The segment of table `s` (with a header row; else null) whose next table starts at row nextTop: its last row (before
 * a long run of empty rows) and its columns (its cells' and merges'). `tops` is scratch for SheetView.mergesTopAt.
 */
function boundSegment(
  view: SheetView,
  s: Pending,
  nextTop: number,
  left: number,
  right: number,
  flags: FindFlags,
  tops: Merge[],
): Segment | null {
  if (s.headerRow === null) return null;
  const bottom = segmentBottom(view, s, s.headerRow, nextTop - 1, left, right);
  let segLeft = Infinity;
  let segRight = -Infinity;
  for (let r = s.top; r <= bottom; r++) {
    const cells = view.rowCells(r, left, right);
    if (cells.length === 0) continue;
    segLeft = Math.min(segLeft, cells[0].col);
    segRight = Math.max(segRight, view.spanRight(r, cells[cells.length - 1].col));
  }
  for (let r = s.top; r <= bottom; r++) {
    const merges = view.mergesTopAt(r, tops);
    for (let i = 0; i < merges.length; i++) {
      const m = merges[i];
      // (in a band of columns, only the merges inside it; on the whole sheet, any)
      if ((!flags.banded || (m.left >= left && m.right <= right)) && view.text(m.top, m.left)) {
        segLeft = Math.min(segLeft, m.left);
        segRight = Math.max(segRight, m.right);
      }
    }
  }
  if (!Number.isFinite(segLeft)) return null;
  let kind = s.kind;
  if (kind === 'project' && segmentLooksDepartment(view, s.top, bottom, left, right)) kind = 'department';
  return {
    top: s.top,
    bottom,
    left: segLeft,
    right: segRight,
    anchor: s.anchor,
    kind,
    headerRow: s.headerRow,
    ...(s.headerless ? { headerless: true } : {}),
  };
}

/** The last row of table `s` (header row `headerRow`), at most `last`: a long run of empty rows ends it. */
function segmentBottom(view: SheetView, s: Pending, headerRow: number, last: number, left: number, right: number): number {
  let bottom = last;
  // a long run of empty rows ends the table: stray cells far below are not part of it
  let empties = 0;
  for (let r = headerRow + 1; r <= bottom; r++) {
    if (view.rowIsEmpty(r, left, right)) {
      if (++empties >= MAX_GAP) {
        const first = r - empties + 1;
        // a merged area from above the gap into it: the table goes on (counted again after the gap)
        if (view.merges.some((m) => m.top < first && m.bottom >= r && m.top >= s.top && m.left <= right && m.right >= left)) {
          empties = 0;
          continue;
        }
        bottom = first - 1;
        break;
      }
    } else empties = 0;
  }
  while (bottom > s.top && view.rowIsEmpty(bottom, left, right)) bottom--;
  return bottom;
}

/**
 * The projects of a list under the header row `header`: a project starts at each name in the name column and runs to
 * the bottom of its merged name cell, or to the row before the next name. The list ends at two empty rows, a title or
 * another header.
 */
function listSegments(
  view: SheetView,
  header: number,
  nameCol: number,
  firstLevelCol: number,
  left: number,
  right: number,
): { segments: Segment[]; end: number } {
  const hc = view.rowCells(header, left, right);
  // (the list's labels may stand in the row above, merged down: the table starts at the leftmost of them)
  const above = header > view.top ? view.rowCells(header - 1, left, right) : [];
  const segLeft = Math.min(hc.length ? hc[0].col : left, nameCol, above.length ? above[0].col : Infinity);
  const segRight = hc.length ? view.spanRight(header, hc[hc.length - 1].col) : right;
  const segments: Segment[] = [];
  let empties = 0;
  let end = header;
  for (let q = header + 1; q <= view.bottom; q++) {
    const cells = view.rowCells(q, left, right);
    if (cells.length === 0) {
      if (++empties >= 2) break;
      continue;
    }
    empties = 0;
    if (cells.some((c) => isHeaderKey(c.key) || (c.key.length <= 60 && TITLE.test(c.key)))) break;
    end = q;
    const name = view.text(q, nameCol);
    const a = view.anchor(q, nameCol);
    // (a unit's subtotal row has a name but no indicators: 州民族特殊教育学校 | 30.00)
    const indicatorCells = cells.some((c) => c.col >= firstLevelCol);
    if (name && a.row === q && a.col === nameCol && indicatorCells) {
      const m = view.mergeAt(q, nameCol);
      segments.push({
        top: q,
        bottom: m ? m.bottom : q,
        left: segLeft,
        right: segRight,
        anchor: { row: q, col: nameCol },
        kind: 'project',
        headerRow: header,
        listed: true,
      });
    } else if (segments.length > 0 && indicatorCells) {
      const last = segments[segments.length - 1];
      if (q > last.bottom) last.bottom = q;
    }
  }
  return { segments, end };
}

/** A frame label ending in 绩效指标 followed by a 一级 category in the same row: an indicator area without header. */
function startsHeaderlessArea(cells: { key: string }[]): boolean {
  if (cells.length < 2) return false;
  const k = cells[0].key;
  if (k.length > 20 || !/绩效指标$/.test(k)) return false;
  return matchCategoryKey(cells[1].key)?.level === 1;
}

function segmentLooksDepartment(view: SheetView, top: number, bottom: number, left: number, right: number): boolean {
  let basic = false;
  let tasks = false;
  for (let r = top; r <= Math.min(bottom, top + 80); r++) {
    const cells = view.rowCells(r, left, right);
    for (let i = 0; i < cells.length; i++) {
      const k = cells[i].key;
      if (k === '基本支出') basic = true;
      if (k.startsWith('年度重点工作任务')) tasks = true;
    }
  }
  return basic && tasks;
}
