/**
 * The batching of readCells (pure, no Office.js calls): the ways to read in the order they are tried, the syncs' worth
 * of row blocks and merged-areas queries, and how a batch too big for Excel is split.
 */
import { type Block, type Rect, batchBlocks, halve } from './plan';

/**
 * A way to read: number formats of numeric cells only (special cells, ExcelApi 1.9) or of every
 * cell; merged areas or not. When a sync fails for another reason than its size, the batch is
 * retried in the next way that leaves out something the failed one had (see readModes).
 */
export interface ReadMode {
  special: boolean;
  merges: boolean;
}

/**
 * Ways to read in the order they are tried: the special-cells queries go first (leaving them out
 * loses nothing but speed), then the merged-areas queries (the result degrades, a note says so),
 * with the special cells back, then both.
 */
export function readModes(special: boolean, merges: boolean): ReadMode[] {
  const all: ReadMode[] = [
    { special: true, merges: true },
    { special: false, merges: true },
    { special: true, merges: false },
    { special: false, merges: false },
  ];
  const out: ReadMode[] = [];
  for (const m of all) {
    const mode = { special: m.special && special, merges: m.merges && merges };
    if (!out.some((o) => o.special === mode.special && o.merges === mode.merges)) out.push(mode);
  }
  return out;
}

export interface MergeQuery {
  sheet: string;
  kind: 'blocks' | 'straddles';
  index: number;
  rect: Rect;
}

/**
 * Halves of a batch Excel refused for its size: merged-areas queries apart from the blocks first,
 * then halves of either, then halves of a single block (null when nothing can be split further).
 */
export function splitBatch(batch: { blocks: Block[]; merges: MergeQuery[] }): { blocks: Block[]; merges: MergeQuery[] }[] | null {
  const { blocks, merges } = batch;
  if (blocks.length > 0 && merges.length > 0)
    return [
      { blocks: [], merges },
      { blocks, merges: [] },
    ];
  if (merges.length > 1) {
    const mid = Math.ceil(merges.length / 2);
    return [
      { blocks: [], merges: merges.slice(0, mid) },
      { blocks: [], merges: merges.slice(mid) },
    ];
  }
  if (blocks.length > 1) {
    const mid = Math.ceil(blocks.length / 2);
    return [
      { blocks: blocks.slice(0, mid), merges: [] },
      { blocks: blocks.slice(mid), merges: [] },
    ];
  }
  const halves = blocks.length === 1 ? halve(blocks[0]) : null;
  return halves
    ? [
        { blocks: [halves[0]], merges: [] },
        { blocks: [halves[1]], merges: [] },
      ]
    : null;
}

/** A sync's worth of reads: row blocks, and merged-areas queries (all in the first one, split when too big). */
export interface Batch {
  blocks: Block[];
  merges: MergeQuery[];
}

/** Row blocks grouped per sync for the budget; the merged-areas queries go in the first batch. */
export function queueBatches(blocks: Block[], budget: number, merges: MergeQuery[]): Batch[] {
  const queue: Batch[] = batchBlocks(blocks, budget).map((b) => ({ blocks: b, merges: [] as MergeQuery[] }));
  if (queue.length === 0) queue.push({ blocks: [], merges: [] });
  queue[0].merges = merges;
  return queue;
}
