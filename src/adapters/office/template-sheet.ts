/**
 * Reading the active sheet for the template actions: the sheet as a SheetGrid with its used range and the selected
 * cell (2 syncs), the table at the cursor, what the host can do, and a sync counter.
 */
import { type CellValue, type Merge, type SheetGrid, normalizeMerges } from '../../core/grid';
import type { Table } from '../../core/model';
import { parseRangeAddress, splitAreas } from './address';
import { detectCapabilities } from './capabilities';
import { describeError } from './errors';
import { LIMITS, type Rect, assembleMerges, planMerges } from './plan';
import { officeCellValue } from './values';

function rectOf(r: Excel.Range): Rect | null {
  if (r.isNullObject) return null;
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

/** Excel's code and message of an error, for the 详细信息 disclosure (never in the main text). */
export function errorDetail(e: unknown): string {
  return describeError(e).detail;
}

/** Whether the host has what template insertion needs (merged areas: ExcelApi 1.13; copyFrom: 1.9). */
export function hostCaps(): { merges: boolean; copyFormats: boolean } {
  try {
    const caps = detectCapabilities((name, v) => Office.context.requirements.isSetSupported(name, v));
    let copy = false;
    try {
      copy = Office.context.requirements.isSetSupported('ExcelApi', '1.9');
    } catch {
      copy = false;
    }
    return { merges: caps.merges, copyFormats: copy };
  } catch {
    return { merges: true, copyFormats: true };
  }
}

export interface SheetRead {
  sheet: Excel.Worksheet;
  grid: SheetGrid;
  /** Used range including formats (null: empty sheet). */
  used: Rect | null;
  /** The selected cell (active cell of the selection). */
  sel: { row: number; col: number };
}

/** Counts syncs of a RequestContext. */
export function counted(context: Excel.RequestContext): { sync: () => Promise<void>; count: () => number } {
  let n = 0;
  return {
    sync: async () => {
      n++;
      await context.sync();
    },
    count: () => n,
  };
}

/**
 * Reads one worksheet into a SheetGrid in exactly 2 syncs (`merges` false: without merged areas,
 * for Excel before ExcelApi 1.13): (1) name, selection and used ranges;
 * (2) values + number formats of the used range and its merged areas (queried in row blocks, so a
 * sheet with hundreds of merges stays under Excel's 512-areas limit; see ./plan).
 */
export async function readSheet(
  ctx: Excel.RequestContext,
  sync: () => Promise<void>,
  sheet: Excel.Worksheet,
  withMerges = hostCaps().merges,
): Promise<SheetRead> {
  sheet.load('name');
  const sel = ctx.workbook.getSelectedRange().untrack();
  sel.load(['rowIndex', 'columnIndex']);
  const all = sheet.getUsedRangeOrNullObject(false).untrack().load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  const vals = sheet.getUsedRangeOrNullObject(true).untrack().load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  await sync();
  const allRect = rectOf(all);
  const valRect = rectOf(vals);
  const values = valRect
    ? sheet
        .getRangeByIndexes(valRect.top, valRect.left, valRect.bottom - valRect.top + 1, valRect.right - valRect.left + 1)
        .untrack()
        .load(['values', 'numberFormat'])
    : null;
  // getMergedAreasOrNullObject is ExcelApi 1.13: without it merged cells read as separate cells
  const mergePlan = allRect && withMerges ? planMerges(sheet.name, allRect, LIMITS.maxAreasPerQuery) : null;
  const q = (r: Rect) =>
    sheet
      .getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1)
      .untrack()
      .getMergedAreasOrNullObject()
      .untrack()
      .load('address');
  const mergeLoads = mergePlan ? { blocks: mergePlan.blocks.map(q), straddles: mergePlan.straddles.map(q) } : null;
  await sync();
  const cells: CellValue[][] = [];
  if (values && valRect) {
    (values.values as unknown[][]).forEach((line, i) => {
      cells.push(line.map((v, j) => officeCellValue(v, (values.numberFormat as unknown[][])[i]?.[j])));
    });
  }
  const rects = (a: Excel.RangeAreas): Rect[] => (a.isNullObject ? [] : splitAreas(a.address).map((x) => parseRangeAddress(x)));
  const merges: Merge[] =
    mergePlan && mergeLoads ? assembleMerges(mergePlan, mergeLoads.blocks.map(rects), mergeLoads.straddles.map(rects)) : [];
  const grid = normalizeMerges({
    name: sheet.name,
    rowOffset: valRect ? valRect.top : 0,
    colOffset: valRect ? valRect.left : 0,
    cells,
    merges: merges.filter((m) => m.bottom > m.top || m.right > m.left),
  });
  return { sheet, grid, used: allRect, sel: { row: sel.rowIndex, col: sel.columnIndex } };
}

/** The table containing (row, col), else the nearest table above it that spans the column. */
export function tableAt(tables: Table[], row: number, col: number): Table | null {
  const inside = tables.filter((t) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right);
  if (inside.length > 0) return inside[inside.length - 1];
  const above = tables.filter((t) => t.top <= row && col >= t.left && col <= t.right).sort((a, b) => b.top - a.top);
  return above[0] ?? null;
}
