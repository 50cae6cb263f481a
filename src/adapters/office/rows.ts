/**
 * 修正 for unnamed placeholder rows: the rows deleted on the user's click, and 撤销, which inserts them again
 * exactly as they were (values, number formats, every cell format, row height, merged areas).
 *
 * - Which rows may go is the core's decision on the checked grid (core/row-deletion); here the rows are read
 *   again first and nothing is deleted when one holds a formula or anything but the placeholder now.
 * - Highlights are recorded by address and rows below a deleted row move up: every highlight is cleared first
 *   (清除标记, so that the snapshot holds the user's own fills), and the pane checks the sheet again after.
 * - Merged areas crossing a deleted row are unmerged before and merged again, one row shorter, after: the
 *   result does not depend on how Excel treats a deletion through a merged area. 撤销 does the reverse.
 * - 撤销 applies only while the rows around the deletion read as they did right after it (else the user changed
 *   them in between and nothing is written). The snapshot is kept in the pane, never in the workbook.
 *
 * Needs ExcelApi 1.9 (Range.getCellProperties / setCellProperties) and 1.13 (merged areas read at check time).
 */
import { type Merge, type SheetGrid, a1, cellAt, colCount } from '../../core/grid';
import { type RowDeletion, afterDeletion, inAreaFromAbove } from '../../core/row-deletion';
import type { OfficeEnv } from './context';
import { clearIn } from './paint';
import type { IgnoredEntry } from './review';

/** The cell formats 撤销 puts back (Excel.CellPropertiesLoadOptions). */
const FORMAT_LOAD: Excel.CellPropertiesLoadOptions = {
  format: {
    fill: { color: true, pattern: true, patternColor: true, tintAndShade: true },
    font: { name: true, size: true, color: true, bold: true, italic: true, underline: true, strikethrough: true },
    borders: { style: true, weight: true, color: true },
    horizontalAlignment: true,
    verticalAlignment: true,
    wrapText: true,
    indentLevel: true,
    protection: true,
  },
};

interface RowSnapshot {
  row: number;
  values: (string | number | boolean)[][];
  numberFormat: string[][];
  props: Excel.SettableCellProperties[][];
  height: number;
}

/** What 撤销 needs. */
export interface AppliedRows {
  deletion: RowDeletion;
  /** The columns the snapshots cover (those of the checked grid). */
  left: number;
  width: number;
  rows: RowSnapshot[];
  /** Merged areas inside the deleted rows (they go with the rows). */
  inner: Merge[];
  /** The rows around the deletion as read right after it: [top, values]. */
  after: { top: number; values: unknown[][] };
  /** Ignored findings of the deleted rows (the pane drops them from the review record and puts them back on 撤销). */
  ignoredInRows?: IgnoredEntry[];
}

export type RowsOutcome = { applied: AppliedRows } | { refused: string };

/** Cells whose formats one deletion reads (their properties stay well under Excel on the web's 5 MB response). */
const MAX_CELLS = 4000;

const rowRange = (ws: Excel.Worksheet, row: number) => ws.getRange(`${row + 1}:${row + 1}`);

/**
 * Whether the rows read as the checker read them (the core chose them on that reading: core/row-deletion), or why
 * not: a formula, or a cell that changed since the check (cells of areas merged from above hold their area's text).
 */
function stillPlaceholders(grid: SheetGrid, d: RowDeletion, formulas: unknown[][][], lefts: number[]): string | null {
  for (let i = 0; i < d.rows.length; i++) {
    const row = d.rows[i];
    const line = formulas[i]?.[0] ?? [];
    for (let j = 0; j < line.length; j++) {
      const f = line[j];
      const col = lefts[i] + j;
      if (typeof f === 'string' && f.startsWith('=')) return `${d.sheet}!${a1(row, col)} 是公式，未删除。`;
      const text = f === null || f === undefined ? '' : String(f);
      const checked = cellAt(grid, row, col);
      if (!inAreaFromAbove(grid, row, col) && text !== (checked === null ? '' : String(checked)))
        return `${d.sheet} 第 ${row + 1} 行的内容已改变，未删除。请重新校验。`;
    }
  }
  return null;
}

/** The area 撤销 compares: from the first deleted row (or merged area) to the last row it reaches after. */
function afterArea(d: RowDeletion): { top: number; bottom: number } {
  const top = Math.min(d.rows[0], ...d.shrunk.map((m) => m.top));
  const bottom = Math.max(d.rows[d.rows.length - 1], ...d.shrunk.map((m) => m.bottom)) - d.rows.length + 1;
  return { top, bottom: Math.max(top, bottom) };
}

/** Deletes the rows of `d` (placeholderRowDeletion of `grid`, the sheet as checked), or says why not. */
export async function deleteRows(env: OfficeEnv, d: RowDeletion, grid: SheetGrid): Promise<RowsOutcome> {
  if (!env.capabilities.fillDetails || !env.capabilities.merges)
    return { refused: '当前 Excel 版本不支持删除行后完整撤销（需要 ExcelApi 1.13），未删除。' };
  if (d.rows.length === 0) return { refused: d.kept.length ? `${d.kept[0].reason}，未删除。` : '没有可以删除的空白占位行。' };
  // the columns that hold values (cells further out take the format Excel gives an inserted row: the row above's)
  const left = grid.colOffset;
  const width = Math.max(1, colCount(grid));
  if (d.rows.length * width > MAX_CELLS) return { refused: `一次要删除的单元格过多（${d.rows.length} 行），请手工删除。` };
  return env.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(d.sheet);
    const contents = d.rows.map((r) => rowRange(ws, r).getUsedRangeOrNullObject(true).load('formulas,columnIndex'));
    await ctx.sync();
    const refused = stillPlaceholders(
      grid,
      d,
      contents.map((c) => (c.isNullObject ? [] : (c.formulas as unknown[][]))),
      contents.map((c) => (c.isNullObject ? 0 : c.columnIndex)),
    );
    if (refused) return { refused };
    await clearIn(ctx, env);
    const snaps = d.rows.map((row) => {
      const r = ws.getRangeByIndexes(row, left, 1, width).load('values,numberFormat');
      const format = r.format.load('rowHeight');
      return { row, r, format, props: r.getCellProperties(FORMAT_LOAD) };
    });
    await ctx.sync();
    const inner = grid.merges.filter((m) => m.top === m.bottom && d.rows.includes(m.top));
    for (const m of d.shrunk) ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).unmerge();
    for (const row of [...d.rows].reverse()) rowRange(ws, row).delete('Up');
    for (const m of d.shrunk) {
      const s = afterDeletion(m, d.rows);
      if (s) ws.getRangeByIndexes(s.top, s.left, s.bottom - s.top + 1, s.right - s.left + 1).merge(false);
    }
    const area = afterArea(d);
    const around = ws.getRangeByIndexes(area.top, left, area.bottom - area.top + 1, width).load('values');
    await ctx.sync();
    const rows: RowSnapshot[] = snaps.map((s) => ({
      row: s.row,
      values: s.r.values as RowSnapshot['values'],
      numberFormat: s.r.numberFormat as string[][],
      props: s.props.value as Excel.SettableCellProperties[][],
      height: s.format.rowHeight,
    }));
    return { applied: { deletion: d, left, width, rows, inner, after: { top: area.top, values: around.values } } };
  });
}

/** Inserts the deleted rows again as they were, or says why not. */
export async function undoDeleteRows(env: OfficeEnv, a: AppliedRows): Promise<RowsOutcome> {
  const d = a.deletion;
  return env.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(d.sheet);
    const now = ws.getRangeByIndexes(a.after.top, a.left, a.after.values.length, a.width).load('values');
    await ctx.sync();
    if (JSON.stringify(now.values) !== JSON.stringify(a.after.values)) return { refused: `${d.sheet} 在删除占位行后又被修改，未撤销。` };
    await clearIn(ctx, env);
    for (const m of d.shrunk) {
      const s = afterDeletion(m, d.rows);
      if (s) ws.getRangeByIndexes(s.top, s.left, s.bottom - s.top + 1, s.right - s.left + 1).unmerge();
    }
    const inserted = a.rows.map((s) => {
      rowRange(ws, s.row).insert('Down');
      const r = ws.getRangeByIndexes(s.row, a.left, 1, a.width);
      r.numberFormat = s.numberFormat;
      r.values = s.values;
      r.setCellProperties(s.props);
      return r.format.load('rowHeight');
    });
    await ctx.sync();
    // a height only where the inserted row's differs (a row of standard height stays one)
    a.rows.forEach((s, i) => {
      if (inserted[i].rowHeight !== s.height) inserted[i].rowHeight = s.height;
    });
    for (const m of [...a.inner, ...d.shrunk]) ws.getRangeByIndexes(m.top, m.left, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
    await ctx.sync();
    return { applied: a };
  });
}
