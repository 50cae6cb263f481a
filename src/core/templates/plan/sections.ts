/**
 * Where each new indicator goes: appended to an existing section (its 二级, or its 一级 without 二级), as a new 二级
 * section at the end of its 一级, or as a new 一级 section placed by the profile's order. Indicators the table already
 * holds (same name under the same 一级), and computed totals under an itemised section, are skipped.
 */
import { a1 } from '../../grid';
import type { CellRef, Indicator } from '../../model';
import {
  type Library,
  type ResolvedIndicator,
  type TemplateProfile,
  level1Names,
  level2Names,
  normalizeIndicatorName,
  normalizeLabel,
} from '../library';
import { type PlanTable, extentEnd, extentStart, groupRows } from './structure';
import type { SkippedIndicator } from './types';

type InsertionKind = 'append' | 'new-level2' | 'new-level1';

/** A run of new indicator rows inserted at one place, under one 一级/二级 pair. */
export interface InsertionSegment {
  kind: InsertionKind;
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

/** The segments of `items`, ordered by position (`at`, then `order`); the items skipped go to `skipped`. */
export function placeItems(pt: PlanTable, items: ResolvedIndicator[], skipped: SkippedIndicator[]): InsertionSegment[] {
  const segments = new Map<string, InsertionSegment>();
  for (const it of items) {
    const seg = segmentFor(pt, it, segments, skipped);
    if (seg) seg.items.push(it);
  }
  return [...segments.values()].filter((s) => s.items.length > 0).sort((a, b) => a.at - b.at || a.order - b.order);
}

function keyIn(v: string | null, names: string[]): boolean {
  return v !== null && names.some((n) => normalizeLabel(n) === normalizeLabel(v));
}

/** The lowest-placed indicator (or pseudo-indicator) of the table that `pred` accepts. */
function lastOf(pt: PlanTable, pred: (i: Indicator) => boolean): Indicator | null {
  let best: Indicator | null = null;
  for (const i of pt.inds) if (pred(i) && (!best || i.row > best.row)) best = i;
  return best;
}

/** The section of 一级 `l1` in the table: its last indicator, its first row and its last row (merges included). */
function level1Group(pt: PlanTable, l1: string): { last: Indicator; start: number; end: number } | null {
  const { grid, inds, t } = pt;
  const names = level1Names(pt.profile, l1, pt.lib);
  const last = lastOf(pt, (i) => keyIn(i.level1, names));
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
}

/** The segment `it` joins (made and kept in `segments` when new), or null when it is skipped. */
function segmentFor(
  pt: PlanTable,
  it: ResolvedIndicator,
  segments: Map<string, InsertionSegment>,
  skipped: SkippedIndicator[],
): InsertionSegment | null {
  const { profile, lib } = pt;
  const l1Names = level1Names(profile, it.level1, lib);
  const l2Names = level2Names(profile, it.level2, lib);
  // 1-3: an existing 二级 section (under its 一级, elsewhere, or the 二级 name used as a 一级)
  const last =
    lastOf(pt, (i) => keyIn(i.level2, l2Names) && keyIn(i.level1, l1Names)) ??
    lastOf(pt, (i) => keyIn(i.level2, l2Names)) ??
    lastOf(pt, (i) => !i.level2 && keyIn(i.level1, l2Names));
  const effL1 = last ? (last.level1 ?? it.level1) : it.level1;
  const sameL1Names = [...new Set([...l1Names, effL1])];
  const dup = pt.realInds.find(
    (i) => keyIn(i.level1, sameL1Names) && i.name && normalizeIndicatorName(i.name) === normalizeIndicatorName(it.name),
  );
  if (dup) {
    skipped.push({ name: it.name, reason: `表中已有同名指标（${a1(dup.nameCell.row, dup.nameCell.col)}）` });
    return null;
  }
  if (last) return appendSegment(pt, it, last, effL1, segments, skipped);
  const g = level1Group(pt, it.level1);
  return g ? newLevel2Segment(pt, it, g.last, g.end, segments) : newLevel1Segment(pt, it, segments);
}

/** The segment after the existing section of `last` (its 二级, or its 一级 without 二级). */
function appendSegment(
  pt: PlanTable,
  it: ResolvedIndicator,
  last: Indicator,
  effL1: string,
  segments: Map<string, InsertionSegment>,
  skipped: SkippedIndicator[],
): InsertionSegment | null {
  const { grid, inds, t } = pt;
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
    return null;
  }
  const seg: InsertionSegment = segments.get(key) ?? {
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
  return seg;
}

/** A new 二级 section at the end of the existing 一级 section whose last indicator is `last` (ending at row `end`). */
function newLevel2Segment(
  pt: PlanTable,
  it: ResolvedIndicator,
  last: Indicator,
  end: number,
  segments: Map<string, InsertionSegment>,
): InsertionSegment {
  const key = `new2:${end}:${it.level2}`;
  const seg: InsertionSegment = segments.get(key) ?? {
    kind: 'new-level2',
    at: end + 1,
    order: 1000 + profileIndex(pt.profile, it.level1, it.level2, pt.lib),
    level1: last.level1 ?? it.level1,
    level2: it.level2,
    level1Text: last.level1Raw || it.level1,
    level2Text: it.level2,
    anchors: last.level1Cell ? [last.level1Cell] : [],
    items: [],
    nextIndex: 1,
  };
  segments.set(key, seg);
  return seg;
}

/** A new 一级 section (the table has none of `it`'s 一级). */
function newLevel1Segment(pt: PlanTable, it: ResolvedIndicator, segments: Map<string, InsertionSegment>): InsertionSegment {
  const at = newLevel1At(pt, it.level1);
  const key = `new1:${at}:${it.level1}:${it.level2}`;
  const seg: InsertionSegment = segments.get(key) ?? {
    kind: 'new-level1',
    at,
    order: 2000 + profileIndex(pt.profile, it.level1, it.level2, pt.lib),
    level1: it.level1,
    level2: it.level2,
    level1Text: it.level1,
    level2Text: it.level2,
    anchors: [],
    items: [],
    nextIndex: 1,
  };
  segments.set(key, seg);
  return seg;
}

/** Where a missing 一级 goes: after the previous existing 一级 of the profile, else before the next one, else last. */
function newLevel1At(pt: PlanTable, level1: string): number {
  const { grid, inds, h } = pt;
  const profileL1 = pt.lib.profiles[pt.profile].level1.map((l) => l.name);
  const pos = profileL1.indexOf(level1);
  let at: number | null = null;
  for (let k = pos - 1; k >= 0 && at === null; k--) {
    const pg = level1Group(pt, profileL1[k]);
    if (pg) at = pg.end + 1;
  }
  for (let k = pos + 1; k < profileL1.length && at === null; k++) {
    const ng = level1Group(pt, profileL1[k]);
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
  return at;
}

/** Position of a 一级/二级 pair in the profile's order (past the end when the profile has no such pair). */
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
