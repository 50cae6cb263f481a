/**
 * The indicator area, row after row: 一级/二级 category labels (with the 一级 they fall under), and the indicators,
 * each with its name ("指标N:" prefixes dropped, several per cell split), its value (in the 指标值 column, merged down
 * over several rows, or in the name's own cell) and the unit declared beside it.
 */
import type { Segment } from '../detect';
import { isHeaderKey } from '../detect';
import type { CategoryLabel, CellRef, Indicator, IndicatorHeader, ParsedValue } from '../model';
import { type RowCell, SheetView } from '../sheet';
import { labelKey } from '../text';
import { parseValue, unitFromName } from '../value';
import { endsIndicatorArea } from '../indicator-area';
import { type Profile, looksLikeCategoryKey, matchCategoryKey } from '../vocab';
import * as categories from './categories';
import type { CategoryReader } from './categories';
import * as indicatorHeader from './indicator-header';
import * as labels from './labels';
import * as memo from './memo';

// module-local bindings of the imports used cell by cell: in a CommonJS build (tsx, ts-jest) every use of an import
// is a read through a getter
const { readCategory, readUnknownCategory, setL1 } = categories;
const { FRAME_RE, readIndicatorHeader, secondAreaStart, unitColumn, valueHeaderUnit } = indicatorHeader;
const { anchorIn } = labels;
const { parsedValueOf } = memo;

/** The indicators and category labels of an indicator area (or of both areas of a table). */
export interface AreaIndicators {
  indicators: Indicator[];
  categories: CategoryLabel[];
}

const INDEX_SPLIT = /(?=指标\s*\d+\s*[:：.、])/;
const INDEX_RE = /^指标\s*(\d+)\s*[:：.、]\s*/;

/**
 * The indicators of the table. The central 项目支出绩效目标申报表 has two areas under one header row, 中期 then
 * 年度: 一级指标 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值 (the 一级 column shared), or with a second 一级 column.
 * Each area is read on its own (area 0 and 1); the table's header is the first.
 */
export function readIndicatorAreas(view: SheetView, seg: Segment, h: IndicatorHeader, profile: Profile): AreaIndicators {
  const start = h.valueCol === null ? null : secondAreaStart(view, seg, h.row, h.valueCol);
  if (start === null) return readIndicators(view, seg, h, profile, null);
  const leftSeg = { ...seg, right: start - 1 };
  const rightSeg = { ...seg, left: start };
  const h2 = readIndicatorHeader(view, rightSeg);
  const shared = h2.level1Col === null ? h.level1Col : null;
  if (shared !== null) h2.level1Col = shared;
  const a = readIndicators(view, leftSeg, h, profile, null);
  const b = readIndicators(view, rightSeg, h2, profile, shared);
  for (const i of b.indicators) i.area = 1;
  return { indicators: a.indicators.concat(b.indicators), categories: a.categories.concat(b.categories) };
}

/** A unit written in a 计量单位 column ("%", "万亩", "元/亩"); null for an empty cell or a non-unit. */
function columnUnit(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  if (!t || /\d/.test(t) || t.length > 8 || /^(无|空|定性|定量|[-—/\\*])$/.test(t)) return null;
  return t;
}

const EMPTY_VALUE: ParsedValue = Object.freeze(parseValue('')) as ParsedValue;

function isDots(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c === 0x2e || c === 0x3002 || c === 0x2026 || c === 0xb7) && /^[.。…·]+$/.test(key);
}

/** A 序号 (1, 2, 3 …) left of the 三级指标 column, or a cell of a column headed 序号: never an indicator's name. */
function isSerialCell(c: RowCell, h: IndicatorHeader, nameCol: number | null): boolean {
  if (h.otherCols.includes(c.col)) return true;
  // (also "目标1" in a column of its own before the 绩效内容: 福建 2017)
  return nameCol !== null && c.col < nameCol && /^(目标)?\d{1,3}[.、]?$/.test(c.key);
}

/** "指标N:" (INDEX_RE), with a cheap first test. */
function isIndexKey(key: string): boolean {
  return key.startsWith('指标') && INDEX_RE.test(key);
}

/** A repeated indicator header row (一级指标… or 指标值). */
function hasHeaderCell(cells: RowCell[], valueHeader: string): boolean {
  // (一级指标, 指标值, or the table's own 指标值 header repeated: 年度数值, 当年预期实现值 …)
  for (let i = 0; i < cells.length; i++) {
    const k = cells[i].key;
    if (isHeaderKey(k) || k === '指标值' || (valueHeader && k === valueHeader)) return true;
  }
  return false;
}

/** The reading of one indicator area: its columns, the labels in force, what it found so far. */
interface AreaReader extends CategoryReader {
  readonly view: SheetView;
  readonly seg: Segment;
  /** A 计量单位 column, else null. */
  readonly unitCol: number | null;
  /** A unit in the 指标值 header ("指标值(%)"). */
  readonly headUnit: string | null;
  readonly valueCol: number;
  readonly nameCol: number | null;
  /** The key of the 指标值 header ('' without one): repeated, it starts a block of its own. */
  readonly valueHeader: string;
  readonly indicators: Indicator[];
  // scratch arrays reused row after row (they never leave an iteration): no garbage per row
  /** The cells of the row that are neither frame nor category labels. */
  readonly rest: RowCell[];
  /** The row's name cells: the first name, then further "指标N:" cells sharing the row's value. */
  readonly nameCells: RowCell[];
}

function readIndicators(
  view: SheetView,
  seg: Segment,
  h: IndicatorHeader,
  profile: Profile,
  /** A column left of the area whose labels (a shared 一级指标 column) belong to it too. */
  sharedCol: number | null,
): AreaIndicators {
  const st: AreaReader = {
    view,
    seg,
    h,
    profile,
    // a 计量单位 column, else a unit in the 指标值 header ("指标值(%)"), counts as declared for values written without one
    unitCol: unitColumn(view, seg, h),
    headUnit: valueHeaderUnit(view, seg, h),
    valueCol: h.valueCol ?? (seg.headerless ? seg.right + 1 : seg.right),
    nameCol: h.level3Col,
    valueHeader: h.valueCol !== null && !seg.headerless ? view.key(h.row, h.valueCol) : '',
    ctx: { l1: null, l1Raw: '', l1Cell: null, l2: null, l2Raw: '', l2Cell: null },
    indicators: [],
    categories: [],
    stacked: 0,
    rest: [],
    nameCells: [],
  };
  const firstRow = seg.listed ? seg.top : h.row + 1;
  for (let r = firstRow; r <= seg.bottom; r++) {
    let cells = view.rowCells(r, seg.left, seg.right);
    if (sharedCol !== null) {
      const shared = view.firstCell(r, sharedCol, sharedCol);
      if (shared) cells = [shared, ...cells];
    }
    if (cells.length === 0) continue;
    const firstKey = cells[0].key;
    if (endsIndicatorArea(firstKey)) break;
    if (hasHeaderCell(cells, st.valueHeader)) {
      // a header repeated after indicators starts a block of its own (长期绩效指标 | 一级指标 … then 年度绩效指标 |
      // 一级指标 …); one right after the first (a two-row header) does not
      if (st.indicators.length > 0 || st.categories.length > 0) {
        st.stacked = st.stacked === 0 ? 2 : st.stacked + 1;
        setL1(st.ctx, null, '', null);
      }
      continue;
    }
    readLabels(st, r, cells);
    if (st.rest.length > 0) readIndicatorRow(st, r);
  }
  return { indicators: st.indicators, categories: st.categories };
}

/** Reads the category labels of row `r`; its other cells (names, values, "指标N:" cells) are left in st.rest. */
function readLabels(st: AreaReader, r: number, cells: RowCell[]): void {
  const { seg, h, valueCol, nameCol, rest } = st;
  rest.length = 0;
  // (indexed loops in this hot path: for-of could leave iterator objects behind)
  for (let ci = 0; ci < cells.length; ci++) {
    const c = cells[ci];
    const key = c.key;
    if ((key.endsWith('指标') || key === '产出') && (FRAME_RE.test(key) || (key.length <= 14 && key.endsWith('绩效指标')))) continue;
    // (a project of a list: its name, budget and goal stand left of the indicator columns)
    if (seg.listed && h.level1Col !== null && c.col < h.level1Col) continue;
    if (isDots(key)) continue;
    if (key.startsWith('指标') && INDEX_RE.test(key)) {
      rest.push(c);
      continue;
    }
    // (category labels stand left of the 指标值 and 三级指标 columns)
    const labelCol = c.col < valueCol && (nameCol === null || c.col < nameCol);
    const cat = labelCol ? matchCategoryKey(key) : null;
    if (cat) {
      readCategory(st, r, c, cat);
      continue;
    }
    const looks = labelCol ? looksLikeCategoryKey(key) : null;
    if (looks) {
      readUnknownCategory(st, r, c, looks.suggestion);
      continue;
    }
    rest.push(c);
  }
}

/** The value the names of an indicator row share: as written, where it belongs, and the units declared beside it. */
interface RowValue {
  /** The first name cell's text (for an area without header, the label before its colon). */
  firstName: string;
  raw: string;
  cell: CellRef;
  /** Parsed once per row, when first needed, whatever the number of names sharing it. */
  parsed: ParsedValue | null;
  /** The unit declared for the row: in its 计量单位 column, else in the 指标值 header. */
  rowUnit: string | null;
  /** The unit in the row's 计量单位 column. */
  colUnit: string | null;
}

/** The indicators of row `r` (its name and value cells in st.rest). */
function readIndicatorRow(st: AreaReader, r: number): void {
  const { rest, h, nameCol, valueCol } = st;
  // name: a "指标N:" cell if any, else the first remaining cell left of the value column
  // (plain loops rather than findIndex/slice/filter: this runs for every indicator row)
  let nameIdx = -1;
  for (let i = 0; i < rest.length && nameIdx < 0; i++) if (isIndexKey(rest[i].key)) nameIdx = i;
  for (let i = 0; i < rest.length && nameIdx < 0; i++) if (rest[i].col < valueCol && !isSerialCell(rest[i], h, nameCol)) nameIdx = i;
  if (nameIdx < 0) return; // only a value without a name: nothing to check
  const nameCell = rest[nameIdx];
  const value = rowValue(st, r, nameCell, namesAndValue(st, nameIdx));
  for (const nc of st.nameCells) pushIndicators(st, r, nc, nc === nameCell ? value.firstName : nc.text, value);
}

/**
 * The value cell of the row whose name is st.rest[nameIdx]: among the later cells that are neither in another column
 * of the header nor "指标N:", the one in the 指标值 column, else the first. Later "指标N:" cells are further names
 * sharing the row's value: st.nameCells gets them, after the name.
 */
function namesAndValue(st: AreaReader, nameIdx: number): RowCell | null {
  const { rest, nameCells, h, valueCol } = st;
  nameCells.length = 0;
  nameCells.push(rest[nameIdx]);
  let atValueCol: RowCell | null = null;
  let firstCand: RowCell | null = null;
  for (let i = nameIdx + 1; i < rest.length; i++) {
    const c = rest[i];
    if (isIndexKey(c.key)) {
      nameCells.push(c);
      continue;
    }
    if (h.otherCols.includes(c.col)) continue;
    firstCand ??= c;
    if (atValueCol === null && c.col === valueCol) atValueCol = c;
  }
  return atValueCol ?? firstCand;
}

/** The value of row `r` with its name in `nameCell` and its value in `valueHit` (null: none written beside it). */
function rowValue(st: AreaReader, r: number, nameCell: RowCell, valueHit: RowCell | null): RowValue {
  const { view, seg, valueCol, unitCol } = st;
  const nameEnd = view.spanRight(r, nameCell.col);
  // where the value belongs: the 指标值 column; right of a name that spans it; never outside the table
  let defaultValueCol = valueCol > nameEnd ? valueCol : nameEnd + 1;
  if (defaultValueCol > seg.right) defaultValueCol = Math.min(valueCol, seg.right);
  let valueCell: CellRef = valueHit ? { row: r, col: valueHit.col } : anchorIn(view, seg, r, defaultValueCol);
  // the name cell merged over the 指标值 column: point at the 指标值 column, not at the name
  if (!valueHit && valueCell.col === nameCell.col && valueCell.row === r) valueCell = { row: r, col: defaultValueCol };
  let rawValue = valueHit ? valueHit.text : '';
  let name0 = nameCell.text;
  if (seg.headerless && !valueHit) {
    // no header, no 指标值 column: the indicator is described in its one cell ("质量指标:学校的教育教学秩序良好…",
    // "指标1部门重点支出占…15%"): the label before the colon is its name, the text its target
    const m = /^([^:：]{2,16})[:：]\s*([\s\S]+)$/.exec(nameCell.text);
    if (m && matchCategoryKey(labelKey(m[1]))) {
      name0 = m[1].trim();
      rawValue = m[2].trim();
    } else rawValue = nameCell.text;
    valueCell = { row: r, col: nameCell.col };
  }
  if (!valueHit && valueCell.row < r && valueCell.col > nameCell.col) {
    // one 指标值 merged down over the rows of several indicators: it is the value of each of them
    const shared = view.text(valueCell.row, valueCell.col);
    if (shared && !isIndexKey(labelKey(shared))) rawValue = shared;
  }
  // a unit in a 计量单位 column counts as declared beside the value, like "(%)" in the name
  const colUnit = unitCol !== null ? columnUnit(view.text(r, unitCol)) : null;
  const rowUnit = unitCol !== null ? colUnit : st.headUnit;
  return { firstName: name0, raw: rawValue, cell: valueCell, parsed: null, rowUnit, colUnit };
}

/** The indicators of one name cell `nc` (its text `text`): one, or one per "指标N:" in it. */
function pushIndicators(st: AreaReader, r: number, nc: RowCell, text: string, v: RowValue): void {
  const { ctx, indicators } = st;
  // cell texts are normalised already; only "指标N:" cells can hold several indicators
  // (a text with 指标 at most at its start splits into itself: no split needed)
  const parts =
    !st.seg.headerless && nc.key.includes('指标') && text.indexOf('指标', 1) > 0
      ? text
          .split(INDEX_SPLIT)
          .map((p) => p.trim())
          .filter(Boolean)
      : [text];
  const segsOfCell = parts.length > 0 ? parts : [text];
  for (const part of segsOfCell) {
    // parts are trimmed: only a part starting with 指标 can match INDEX_RE. INDEX_RE allows any whitespace
    // where it allows any, so it is tested on the part as is (no need to collapse whitespace first), and its
    // match is exactly the "指标N:" prefix to drop from the name.
    const im = part.startsWith('指标') ? INDEX_RE.exec(part) : null;
    const index = im ? parseInt(im[1], 10) : null;
    const name = (im ? part.slice(im[0].length) : part).trim();
    const placeholder = name === '';
    const value = placeholder ? EMPTY_VALUE : (v.parsed ??= parsedValueOf(v.raw));
    indicators.push({
      level1: ctx.l1,
      level1Raw: ctx.l1Raw,
      level1Cell: ctx.l1Cell,
      level2: ctx.l2,
      level2Raw: ctx.l2Raw,
      level2Cell: ctx.l2Cell,
      index,
      name,
      nameCell: { row: r, col: nc.col },
      placeholder,
      rawValue: placeholder ? '' : v.raw,
      valueCell: v.cell,
      value,
      nameUnit: unitFromName(name) ?? v.rowUnit,
      columnUnit: v.colUnit,
      row: r,
    });
    if (st.stacked) indicators[indicators.length - 1].area = st.stacked;
  }
}
