/**
 * Planning of the reads (pure, no Office.js): which ranges to load in which sync so that
 * - the number of syncs does not depend on the number of tables or sheets, only on the volume of
 *   cells (one values sync per LIMITS.syncCellsValuesOnly cells with ExcelApi 1.9, per
 *   LIMITS.syncCells cells without it; one for any ordinary workbook);
 * - no single range load is huge (row blocks of at most LIMITS.blockCells cells);
 * - no merged-areas query can hit Excel's limit of 512 areas per call;
 * and the re-assembly of merged areas that the API reports in pieces.
 */
import type { Merge } from '../../core/grid';

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Block extends Rect {
  sheet: string;
}

export interface Limits {
  /** Cells per range load (a row block). */
  blockCells: number;
  /** Cells per sync when values and number formats of every cell are loaded (without ExcelApi 1.9). */
  syncCells: number;
  /** Cells per sync when values are loaded, plus number formats of the numeric cells only (ExcelApi 1.9). */
  syncCellsValuesOnly: number;
  /** Merged-areas queries are sized so that at most this many areas can intersect one query. */
  maxAreasPerQuery: number;
}

/**
 * The cells-per-sync budgets aim at about 3.6 MB of response per sync, under Excel on the web's
 * 5 MB payload limit with room for text-heavier sheets. Bytes of JSON per cell of the used ranges,
 * measured with the fake host on the 1,000-table workbook of test/fixtures/big.ts (192,234 cells,
 * 71,144 non-empty, 4,030 numeric; mostly Chinese text at 3 bytes a character, the rest ""):
 * - values 13.6 B/cell (2.61 MB) and numberFormat 10.2 B/cell (1.97 MB: "General" nearly
 *   everywhere), so values + number formats of every cell ≈ 24 B/cell: 150,000 cells ≈ 3.6 MB;
 * - values + the number formats of the numeric cells only (1,836 special-cells areas, 0.13 MB)
 *   ≈ 14.3 B/cell: 250,000 cells ≈ 3.6 MB, and the 1,000-table workbook (2.74 MB) is one sync.
 * A sheet denser in text (or in numbers) than that is caught by the size check: a batch Excel
 * rejects is split in halves and retried (see readCells in workbook.ts).
 */
export const LIMITS: Limits = { blockCells: 50_000, syncCells: 120_000, syncCellsValuesOnly: 200_000, maxAreasPerQuery: 512 };

const cellsOf = (r: Rect): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);

/** Cuts a sheet's used range into row blocks of at most `maxCells` cells. */
export function rowBlocks(sheet: string, used: Rect, maxCells: number): Block[] {
  const cols = used.right - used.left + 1;
  const rows = Math.max(1, Math.floor(maxCells / cols));
  const out: Block[] = [];
  for (let top = used.top; top <= used.bottom; top += rows) {
    out.push({ sheet, top, left: used.left, bottom: Math.min(used.bottom, top + rows - 1), right: used.right });
  }
  return out;
}

/** Groups blocks into syncs of at most `syncCells` cells (a block larger than that gets its own sync). */
export function batchBlocks(blocks: Block[], syncCells: number): Block[][] {
  const batches: Block[][] = [];
  let cur: Block[] = [];
  let n = 0;
  for (const b of blocks) {
    const c = cellsOf(b);
    if (cur.length && n + c > syncCells) {
      batches.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(b);
    n += c;
  }
  if (cur.length) batches.push(cur);
  return batches;
}

/** Splits a block in two halves by rows (for a retry after a payload error); null if it is one row. */
export function halve(b: Block): [Block, Block] | null {
  if (b.top === b.bottom) return null;
  const mid = b.top + Math.floor((b.bottom - b.top) / 2);
  return [
    { ...b, bottom: mid },
    { ...b, top: mid + 1 },
  ];
}

export interface MergePlan {
  blocks: Block[];
  /** Two-row ranges across each block boundary: they show which pieces belong together. */
  straddles: Block[];
}

/**
 * Row blocks for getMergedAreasOrNullObject. A block of R rows and C columns intersects at most
 * R*C/2 merged areas lying inside it plus C areas sticking out at each edge, so R <= limit*2/C - 2.
 */
export function planMerges(sheet: string, used: Rect, maxAreas: number): MergePlan {
  const cols = used.right - used.left + 1;
  const rows = Math.max(1, Math.floor((maxAreas * 2) / cols) - 2);
  const blocks = rowBlocks(sheet, used, rows * cols);
  const straddles = blocks.slice(1).map((b) => ({ sheet, top: b.top - 1, left: used.left, bottom: b.top, right: used.right }));
  return { blocks, straddles };
}

const clip = (a: Rect, b: Rect): Rect | null => {
  const r = {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
  return r.top <= r.bottom && r.left <= r.right ? r : null;
};

/**
 * Reassembles merged areas from per-block reports. Excel's reports differ: an area that sticks out
 * of the queried range may come clipped to it, in full, or (office-js #3611, #1590) only from the
 * query that holds its top-left cell, in full. An area reported beyond its query is therefore a
 * whole merge and taken as it is. The rest are pieces inside their block: two pieces that meet at
 * a block boundary with the same columns are one merge exactly when the straddle query across
 * that boundary reports an area covering both rows (two merges that merely touch there show up
 * as two areas).
 */
export function assembleMerges(plan: MergePlan, piecesByBlock: Rect[][], areasByStraddle: Rect[][]): Merge[] {
  interface Piece extends Rect {
    id: number;
  }
  const key = (r: Rect) => `${r.top},${r.left},${r.bottom},${r.right}`;
  const outside = (a: Rect, q: Rect) => a.top < q.top || a.bottom > q.bottom || a.left < q.left || a.right > q.right;
  const whole = new Map<string, Rect>();
  plan.blocks.forEach((b, i) =>
    (piecesByBlock[i] ?? []).forEach(
      (a) => outside(a, b) && whole.set(key(a), { top: a.top, left: a.left, bottom: a.bottom, right: a.right }),
    ),
  );
  plan.straddles.forEach((s, i) =>
    (areasByStraddle[i] ?? []).forEach(
      (a) => outside(a, s) && whole.set(key(a), { top: a.top, left: a.left, bottom: a.bottom, right: a.right }),
    ),
  );
  const inWhole = (r: Rect) =>
    [...whole.values()].some((w) => r.top >= w.top && r.bottom <= w.bottom && r.left >= w.left && r.right <= w.right);
  const pieces: Piece[] = [];
  plan.blocks.forEach((b, i) => {
    const seen = new Set<string>();
    for (const p of piecesByBlock[i] ?? []) {
      if (outside(p, b) || inWhole(p)) continue;
      const c = clip(p, b);
      if (!c) continue;
      const k = key(c);
      if (seen.has(k)) continue;
      seen.add(k);
      pieces.push({ ...c, id: pieces.length });
    }
  });
  const parent = pieces.map((p) => p.id);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  plan.straddles.forEach((s, i) => {
    const boundary = s.bottom; // first row of the lower block
    for (const a of areasByStraddle[i] ?? []) {
      const c = clip(a, s);
      if (!c || c.top !== boundary - 1 || c.bottom !== boundary) continue;
      const upper = pieces.find((p) => p.bottom === boundary - 1 && p.left === c.left && p.right === c.right);
      const lower = pieces.find((p) => p.top === boundary && p.left === c.left && p.right === c.right);
      if (upper && lower) parent[find(lower.id)] = find(upper.id);
    }
  });
  const groups = new Map<number, Rect>();
  for (const p of pieces) {
    const root = find(p.id);
    const g = groups.get(root);
    groups.set(
      root,
      g
        ? {
            top: Math.min(g.top, p.top),
            left: Math.min(g.left, p.left),
            bottom: Math.max(g.bottom, p.bottom),
            right: Math.max(g.right, p.right),
          }
        : { top: p.top, left: p.left, bottom: p.bottom, right: p.right },
    );
  }
  for (const w of whole.values()) groups.set(-1 - groups.size, w);
  return [...groups.values()].filter((m) => m.top !== m.bottom || m.left !== m.right).sort((a, b) => a.top - b.top || a.left - b.left);
}
