/**
 * A failed template insertion: find out what Excel did (read the sheet again), and undo a partial insertion so that
 * the sheet is either complete or as before, never half-done.
 */
import { type CellValue, type Merge, type SheetGrid, a1 } from '../../core/grid';
import { type BlockPlan, type RowInsertion, applyPlanToGrid } from '../../core/templates/plan';
import { formatRect } from './address';
import { type SheetRead, readSheet } from './template-sheet';

/** Rows as the user sees them: "第 12–14 行、第 20 行". */
export function rowsText(ranges: { top: number; count: number }[]): string {
  return ranges
    .slice()
    .sort((a, b) => a.top - b.top)
    .map((r) => (r.count === 1 ? `第 ${r.top + 1} 行` : `第 ${r.top + 1}–${r.top + r.count} 行`))
    .join('、');
}

function contentKey(g: SheetGrid): { cells: Map<string, CellValue>; merges: string[] } {
  const cells = new Map<string, CellValue>();
  g.cells.forEach((line, i) =>
    (line ?? []).forEach((v, j) => {
      if (v === null || v === undefined || (typeof v === 'string' && v === '')) return;
      cells.set(a1(g.rowOffset + i, g.colOffset + j), v);
    }),
  );
  const merges = g.merges
    .filter((m) => m.bottom > m.top || m.right > m.left)
    .map((m) => formatRect(m))
    .sort();
  return { cells, merges };
}

function sameContent(a: SheetGrid, b: SheetGrid): boolean {
  const x = contentKey(a);
  const y = contentKey(b);
  if (x.cells.size !== y.cells.size || x.merges.join(';') !== y.merges.join(';')) return false;
  for (const [k, v] of x.cells) if (y.cells.get(k) !== v) return false;
  return true;
}

/** Where the rows of the applied insertions are now (bottom-up application, as applyBlockPlan). */
function insertedRanges(applied: RowInsertion[]): { top: number; count: number }[] {
  return applied.map((ins) => ({ top: ins.at + applied.filter((o) => o.at < ins.at).reduce((n, o) => n + o.count, 0), count: ins.count }));
}

/** How many of the row insertions (bottom-up) Excel ran, judged by where the old values are now. */
function appliedInsertions(before: SheetGrid, after: SheetGrid, plan: BlockPlan): RowInsertion[] | null {
  const order = [...plan.insertions].sort((a, b) => b.at - a.at);
  const old = contentKey(before).cells;
  const now = contentKey(after).cells;
  for (let k = order.length; k >= 0; k--) {
    const applied = order.slice(0, k);
    let ok = true;
    for (const [key, v] of old) {
      const m = /^([A-Z]+)(\d+)$/.exec(key)!;
      const row = Number(m[2]) - 1;
      const shifted = row + applied.filter((ins) => ins.at <= row).reduce((n, ins) => n + ins.count, 0);
      if (now.get(`${m[1]}${shifted + 1}`) !== v) {
        ok = false;
        break;
      }
    }
    if (ok) return applied;
  }
  return null;
}

/**
 * Undoes a partial insertion (1 sync: unmerge, delete the inserted rows, merge the table's own merged areas again)
 * and reads the sheet again to confirm (2 syncs). True when the sheet is as before; throws when Excel fails.
 */
async function undoPartial(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  sheetName: string,
  before: SheetRead,
  after: SheetRead,
  rows: { top: number; count: number }[],
): Promise<boolean> {
  const sheet = () => context.workbook.worksheets.getItem(sheetName);
  const ws = sheet();
  const hit = (m: Merge) => rows.some((r) => m.top <= r.top + r.count - 1 && m.bottom >= r.top);
  const multi = (m: Merge) => m.bottom > m.top || m.right > m.left;
  const cut = after.grid.merges.filter((m) => multi(m) && hit(m));
  for (const m of cut) ws.getRange(formatRect(m)).untrack().unmerge();
  for (const r of [...rows].sort((a, b) => b.top - a.top))
    ws.getRange(`${r.top + 1}:${r.top + r.count}`)
      .untrack()
      .delete(Excel.DeleteShiftDirection.up);
  // merged areas that survive, in the old rows; merge the table's own ones that do not
  const back = (row: number) => row - rows.filter((r) => r.top + r.count - 1 < row).reduce((n, r) => n + r.count, 0);
  const kept = new Set(
    after.grid.merges.filter((m) => multi(m) && !hit(m)).map((m) => formatRect({ ...m, top: back(m.top), bottom: back(m.bottom) })),
  );
  for (const m of before.grid.merges) if (multi(m) && !kept.has(formatRect(m))) ws.getRange(formatRect(m)).untrack().merge(false);
  ws.getRangeByIndexes(before.sel.row, before.sel.col, 1, 1).untrack().select();
  await sync();
  const check = await readSheet(context, sync, sheet());
  return sameContent(check.grid, before.grid) && (check.used?.bottom ?? -1) === (before.used?.bottom ?? -1);
}

/**
 * After the applying sync failed: read the sheet again (2 syncs) and either confirm that the
 * insertion is complete, or that nothing changed, or undo a partial one (see undoPartial).
 * The message says the cause in plain Chinese; Excel's code goes to the caller's `detail`.
 */
export async function recoverInsertion(
  context: Excel.RequestContext,
  sync: () => Promise<void>,
  sheetName: string,
  before: SheetRead,
  plan: BlockPlan,
): Promise<{ complete: boolean; message: string }> {
  const what = '插入模板时 Excel 出错';
  const planned = rowsText(insertedRanges(plan.insertions));
  let after: SheetRead;
  try {
    after = await readSheet(context, sync, context.workbook.worksheets.getItem(sheetName));
  } catch {
    return {
      complete: false,
      message: `${what}，而且无法确认工作表的状态。请检查工作表“${sheetName}”的${planned}（本次要插入的行）：如有插入了一半的空行，请删除后重试。`,
    };
  }
  if (sameContent(after.grid, applyPlanToGrid(before.grid, plan))) return { complete: true, message: '' };
  const grew = (after.used?.bottom ?? -1) !== (before.used?.bottom ?? -1);
  if (sameContent(after.grid, before.grid) && !grew)
    return { complete: false, message: `${what}，没有插入任何行，工作表没有被修改。请重试。` };
  const applied = appliedInsertions(before.grid, after.grid, plan);
  if (!applied || applied.length === 0) {
    return {
      complete: false,
      message: `${what}，插入只完成了一部分，无法确定哪些行已插入。请检查工作表“${sheetName}”的${planned}附近，删除多出的空行后重试。`,
    };
  }
  const rows = insertedRanges(applied);
  const done = rowsText(rows);
  try {
    if (await undoPartial(context, sync, sheetName, before, after, rows)) {
      return {
        complete: false,
        message: `${what}，插入只完成了一部分（已插入${done}）。已自动撤销：这些行已删除，工作表恢复原样。请重试。`,
      };
    }
  } catch {
    /* fall through: tell the user what to clean up */
  }
  return {
    complete: false,
    message: `${what}，插入只完成了一部分：工作表“${sheetName}”的${done}是新插入的行，内容不完整，自动撤销没有成功。请删除这些行后重试。`,
  };
}
