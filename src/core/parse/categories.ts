/**
 * Category labels of the indicator area: a 一级 or 二级 label (its level told by its column where the word is
 * ambiguous), or one that looks like a category but is none of the vocabulary's; each becomes the label in force for
 * the indicators below it.
 */
import type { CategoryLabel, CellRef, IndicatorHeader } from '../model';
import type { RowCell } from '../sheet';
import { type CategoryMatch, type Profile, L1, L2, defaultParent } from '../vocab';

/** The 一级 and 二级 labels in force: the last met above the row being read. */
export interface Ctx {
  l1: string | null;
  l1Raw: string;
  l1Cell: CellRef | null;
  l2: string | null;
  l2Raw: string;
  l2Cell: CellRef | null;
}

/** A new 一级 in force (its 二级 reset). */
export function setL1(ctx: Ctx, canonical: string | null, raw: string, cell: CellRef | null): void {
  ctx.l1 = canonical;
  ctx.l1Raw = raw;
  ctx.l1Cell = cell;
  ctx.l2 = null;
  ctx.l2Raw = '';
  ctx.l2Cell = null;
}

function withArea(c: CategoryLabel, area: number): CategoryLabel {
  if (area) c.area = area;
  return c;
}

/** What reading a category label needs and changes: the header's columns, the labels in force, the labels found. */
export interface CategoryReader {
  readonly h: IndicatorHeader;
  readonly profile: Profile;
  readonly ctx: Ctx;
  readonly categories: CategoryLabel[];
  /** The area of blocks stacked under repeated headers (2, 3 …), 0 before the first repeat. */
  stacked: number;
}

/** A known 一级 or 二级 label: its level told by its column where the word is ambiguous (成本指标, 满意度指标). */
export function readCategory(st: CategoryReader, r: number, c: RowCell, cat: CategoryMatch): void {
  const { h, ctx } = st;
  const key = c.key;
  const cell = { row: r, col: c.col };
  let level: 1 | 2 = cat.level;
  let canonical = cat.canonical;
  if (cat.ambiguousCost) {
    // 成本指标: 一级 in its own column (C2021 and some local templates), else 二级 under 产出.
    if (h.level1Col !== null && c.col === h.level1Col && (h.level2Col === null || c.col !== h.level2Col)) {
      level = 1;
      canonical = L1.cost;
    } else if (h.level1Col === null && ctx.l1 !== L1.output) {
      level = 1;
      canonical = L1.cost;
    } else level = 2;
  } else if (cat.level === 1 && cat.canonical === L1.satisfaction && /服务对象|社会公众/.test(key)) {
    level = 2;
    canonical = L2.served;
  }
  if (level === 1) {
    setL1(ctx, canonical, c.text, cell);
    st.categories.push(withArea({ text: c.text, cell, level: 1, canonical, parent: null, alias: cat.alias, suggestion: null }, st.stacked));
    return;
  }
  const parent = defaultParent(canonical, st.profile);
  // a 二级 pushed into the 一级 column, or met before any 一级: take its usual parent
  if (
    ctx.l1 === null ||
    (h.level1Col !== null && c.col === h.level1Col && parent && parent !== ctx.l1 && !(ctx.l1 === L1.benefit && canonical === L2.served))
  ) {
    if (parent && parent !== ctx.l1) setL1(ctx, parent, '', null);
  }
  ctx.l2 = canonical;
  ctx.l2Raw = c.text;
  ctx.l2Cell = cell;
  st.categories.push(withArea({ text: c.text, cell, level: 2, canonical, parent: ctx.l1, alias: cat.alias, suggestion: null }, st.stacked));
}

/** A label that looks like a category but is none of the vocabulary's (in force, with no canonical name). */
export function readUnknownCategory(st: CategoryReader, r: number, c: RowCell, suggestion: string | null): void {
  const { h, ctx } = st;
  const cell = { row: r, col: c.col };
  const atL1 = h.level1Col !== null && c.col === h.level1Col;
  if (atL1) setL1(ctx, null, c.text, cell);
  else {
    ctx.l2 = null;
    ctx.l2Raw = c.text;
    ctx.l2Cell = cell;
  }
  st.categories.push(withArea({ text: c.text, cell, level: null, canonical: null, parent: ctx.l1, alias: false, suggestion }, st.stacked));
}
