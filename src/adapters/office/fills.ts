/**
 * Cell fills through Office.js: reading a cell's fill as a FillState, painting a highlight and
 * putting a recorded fill back, for single cells (ExcelApi 1.7) or for many cells at once
 * (Worksheet.getRanges, ExcelApi 1.9: one command on a RangeAreas paints or restores every cell
 * of a group, and one query reads the fills of many cells).
 */
import type { Capabilities } from './capabilities';
import { type FillState, hasNoFill, sameColor } from './marks';
import { cellBytes, type SyncBudget } from './budget';

export const FILL_PROPS_FULL = ['color', 'pattern', 'patternColor', 'tintAndShade', 'patternTintAndShade'];

type Fillable = { format: { fill: Excel.RangeFill } };

export function loadFill(range: Excel.Range, caps: Capabilities): Excel.RangeFill {
  return range.format.fill.load(caps.fillDetails ? FILL_PROPS_FULL : ['color']);
}

/**
 * A loaded fill as a FillState. Excel reports "no fill" as white (and, with ExcelApi 1.9, as
 * pattern "None"); reports say `pattern` and the tints can read null. A null pattern is then
 * told from the colour only: white is "cannot tell" (as without ExcelApi 1.9: restored as no
 * fill), any other colour a solid fill; a null tint is no tint.
 */
export function fillState(
  f: Pick<Excel.RangeFill, 'color'> & Partial<Pick<Excel.RangeFill, 'pattern' | 'patternColor' | 'tintAndShade' | 'patternTintAndShade'>>,
  caps: Capabilities,
): FillState {
  const color = typeof f.color === 'string' && f.color ? f.color : '#FFFFFF';
  if (!caps.fillDetails) return { pattern: null, color, patternColor: null, tintAndShade: 0, patternTintAndShade: 0 };
  const raw = f.pattern as string | null | undefined;
  const pattern = raw ? raw : sameColor(color, '#FFFFFF') ? null : 'Solid';
  return {
    pattern,
    color,
    patternColor: f.patternColor ?? null,
    tintAndShade: typeof f.tintAndShade === 'number' ? f.tintAndShade : 0,
    patternTintAndShade: typeof f.patternTintAndShade === 'number' ? f.patternTintAndShade : 0,
  };
}

/**
 * Queues the commands that put back a recorded fill. Excel runs a batch in order and may stop
 * between two commands, so the order matters: the highlight colour goes last (only the tint
 * follows it), so that a cell restored half-way still shows our colour and is restored again by
 * the next 清除标记 (see markState).
 */
export function restoreFill(target: Fillable, o: FillState, caps: Capabilities): void {
  const fill = target.format.fill;
  if (hasNoFill(o)) {
    fill.clear();
    return;
  }
  if (caps.fillDetails && o.pattern !== null && o.pattern !== 'Solid') {
    fill.pattern = o.pattern as Excel.FillPattern;
    if (o.patternColor) fill.patternColor = o.patternColor;
    if (o.patternTintAndShade) fill.patternTintAndShade = o.patternTintAndShade;
  }
  fill.color = o.color;
  if (caps.fillDetails && o.pattern !== null && o.tintAndShade) fill.tintAndShade = o.tintAndShade;
}

/** Queues the highlight of cells: the colour first (see restoreFill). */
export function paintFill(target: Fillable, color: string, original: FillState, caps: Capabilities): void {
  const fill = target.format.fill;
  fill.color = color;
  if (caps.fillDetails && original.pattern !== null && original.pattern !== 'None' && original.pattern !== 'Solid') {
    fill.pattern = 'Solid' as Excel.FillPattern;
  }
  if (caps.fillDetails && original.tintAndShade) fill.tintAndShade = 0;
}

/** What painting or restoring needs to know about a cell's original fill (cells alike share a command). */
function writeKey(kind: 'paint' | 'restore', mark: string, o: FillState, caps: Capabilities): string {
  if (kind === 'paint') {
    const solidify = caps.fillDetails && o.pattern !== null && o.pattern !== 'None' && o.pattern !== 'Solid';
    return `${mark}|${solidify}|${caps.fillDetails && !!o.tintAndShade}`;
  }
  return hasNoFill(o) ? 'none' : JSON.stringify(o);
}

export interface CellRef {
  sheet: string;
  cell: string;
}

/** Characters of one getRanges address at most. */
export const ADDRESS_CHARS = 2_000;

/** Cells of one sheet in comma-separated address lists of at most `maxChars` characters. */
export function addressChunks(cells: string[], maxChars = ADDRESS_CHARS): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let n = 0;
  for (const c of cells) {
    if (cur.length && n + c.length + 1 > maxChars) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(c);
    n += c.length + 1;
  }
  if (cur.length) out.push(cur);
  return out;
}

function bySheet<T extends CellRef>(items: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const list = m.get(it.sheet);
    if (list) list.push(it);
    else m.set(it.sheet, [it]);
  }
  return m;
}

export interface FillWrite extends CellRef {
  /** Our highlight colour (paint) or the recorded original (restore). */
  mark: string;
  original: FillState;
}

/**
 * Queues paints or restores, grouped into one command list per group of alike cells when
 * Worksheet.getRanges is available, cell by cell otherwise; syncs in between when the budget
 * says a request would grow too big.
 */
export async function queueFillWrites(
  kind: 'paint' | 'restore',
  writes: FillWrite[],
  sheetOf: (name: string) => Excel.Worksheet,
  budget: SyncBudget,
  caps: Capabilities,
): Promise<void> {
  const apply = (target: Fillable, w: FillWrite) =>
    kind === 'paint' ? paintFill(target, w.mark, w.original, caps) : restoreFill(target, w.original, caps);
  if (!caps.rangeAreas) {
    for (const w of writes) {
      await budget.room(cellBytes.singleWrite, 0);
      apply(sheetOf(w.sheet).getRange(w.cell).untrack(), w);
    }
    return;
  }
  for (const [sheet, list] of bySheet(writes)) {
    const groups = new Map<string, FillWrite[]>();
    for (const w of list) {
      const k = writeKey(kind, w.mark, w.original, caps);
      const g = groups.get(k);
      if (g) g.push(w);
      else groups.set(k, [w]);
    }
    for (const group of groups.values()) {
      for (const chunk of addressChunks(group.map((w) => w.cell))) {
        const address = chunk.join(',');
        await budget.room(cellBytes.areasWrite + address.length, 0);
        apply(sheetOf(sheet).getRanges(address).untrack() as unknown as Fillable, group[0]);
      }
    }
  }
}

/**
 * Queues the reads of the current fills of cells; the returned function, called after the sync
 * that ran them, gives each cell's FillState (in the order of `cells`), or null for a cell that
 * the grouped query did not report on its own (the caller reads those cell by cell).
 */
export async function queueFillReads(
  cells: CellRef[],
  sheetOf: (name: string) => Excel.Worksheet,
  budget: SyncBudget,
  caps: Capabilities,
): Promise<() => (FillState | null)[]> {
  if (!caps.rangeAreas) {
    const loads: Excel.RangeFill[] = [];
    for (const c of cells) {
      await budget.room(cellBytes.singleRead, cellBytes.fillResponse + cellBytes.nameBytes(c.sheet));
      loads.push(loadFill(sheetOf(c.sheet).getRange(c.cell).untrack(), caps));
    }
    return () => loads.map((f) => fillState(f, caps));
  }
  const props = caps.fillDetails ? FILL_PROPS_FULL : ['color'];
  const select = ['address', ...props.map((p) => `format/fill/${p}`)].map((p) => `items/${p}`).join(',');
  const queries: { sheet: string; areas: Excel.RangeCollection }[] = [];
  for (const [sheet, list] of bySheet(cells)) {
    for (const chunk of addressChunks([...new Set(list.map((c) => c.cell))])) {
      const address = chunk.join(',');
      await budget.room(cellBytes.areasRead + address.length, chunk.length * (cellBytes.areaFillResponse + cellBytes.nameBytes(sheet)));
      const areas = sheetOf(sheet).getRanges(address).untrack().areas;
      areas.load(select);
      queries.push({ sheet, areas });
    }
  }
  return () => {
    const found = new Map<string, FillState>();
    for (const q of queries) {
      for (const area of q.areas.items) {
        const a1 = area.address.slice(area.address.lastIndexOf('!') + 1).replace(/\$/g, '');
        if (a1.includes(':')) continue; // areas merged by Excel: read those cells one by one
        found.set(`${q.sheet}!${a1}`, fillState(area.format.fill, caps));
      }
    }
    return cells.map((c) => found.get(`${c.sheet}!${c.cell.replace(/\$/g, '')}`) ?? null);
  };
}

/**
 * A restored fill with a tint may not come back as it was: no source says whether `color` reads
 * the colour before its tint or the colour shown, and written back with the tint again the second
 * reading would tint it twice. So the colour of such cells is read back after the restore (queued
 * behind it, in the same batch); the returned function, called after that sync, gives the cells
 * whose colour now differs from the one recorded (for fixTints).
 */
export async function queueTintChecks(
  restores: FillWrite[],
  sheetOf: (name: string) => Excel.Worksheet,
  budget: SyncBudget,
  caps: Capabilities,
): Promise<() => FillWrite[]> {
  if (!caps.fillDetails) return () => [];
  const tinted = restores.filter((w) => !hasNoFill(w.original) && w.original.pattern !== null && w.original.tintAndShade);
  const loads: { w: FillWrite; fill: Excel.RangeFill }[] = [];
  for (const w of tinted) {
    await budget.room(cellBytes.singleRead, cellBytes.fillResponse);
    loads.push({ w, fill: sheetOf(w.sheet).getRange(w.cell).untrack().format.fill.load('color') });
  }
  return () => loads.filter(({ w, fill }) => !sameColor(fill.color, w.original.color)).map(({ w }) => w);
}

/** Puts the recorded colour back without a tint where the tinted restore showed another colour. */
export async function fixTints(fixes: FillWrite[], sheetOf: (name: string) => Excel.Worksheet, budget: SyncBudget): Promise<void> {
  for (const w of fixes) {
    await budget.room(cellBytes.singleWrite, 0);
    const fill = sheetOf(w.sheet).getRange(w.cell).untrack().format.fill;
    fill.color = w.original.color;
    fill.tintAndShade = 0;
  }
  await budget.flush();
}
