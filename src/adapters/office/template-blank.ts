/** A whole blank table (layout A/B/D): on a new sheet in 2 syncs (sheet names, write), at the selected cell in 3 (read, write). */
import { BLANK_SHEET_NAME } from '../../core/layouts';
import { type BlankLayout, type BlankPlan, type CellStyle, planBlankTable } from '../../core/templates/blank';
import { type TemplateProfile, getBlock } from '../../core/templates/library';
import type { PlannedIndicator } from '../../core/templates/plan';
import { formatRect } from './address';
import { type SheetRead, counted, errorDetail, hostCaps, readSheet } from './template-sheet';

/** The blank table's alignments as Excel's HorizontalAlignment / VerticalAlignment values. */
const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

export interface BlankRequest {
  layout: BlankLayout;
  block?: string | null;
  profile?: TemplateProfile;
  /** 'new-sheet' (default) or 'selection' (at the selected cell of the active sheet). */
  where?: 'new-sheet' | 'selection';
  sheetName?: string;
}

export interface BlankOutcome {
  ok: boolean;
  /** Chinese message for the user: the cause first, without Excel's codes. */
  message: string;
  /** Excel's error code and message, for 详细信息 (only when Excel failed). */
  detail?: string;
  sheet?: string;
  address?: string;
  added: PlannedIndicator[];
  syncs: number;
}

/**
 * Shown when a blank table is asked for at the selected cell without ExcelApi 1.13: the add-in
 * cannot see merged cells there, so it could write into one. The task pane disables the choice.
 */
export const BLANK_AT_SELECTION_NEEDS_MERGES =
  '当前 Excel 版本无法读取合并单元格（需要 ExcelApi 1.13：Excel 2021 及以上、Microsoft 365、网页版或 Mac 版 Excel），不能在选中位置插入空白表，以免覆盖合并单元格；请选择“插入到新工作表”。';

type Counter = ReturnType<typeof counted>;
type Fail = (message: string, e?: unknown) => BlankOutcome;

const READ_FAILED = '读取工作簿时 Excel 出错，没有做任何修改。请重试。';

/** Inserts a whole blank table: 2 syncs on a new sheet, 3 at the selected cell. */
export async function insertBlankTable(req: BlankRequest): Promise<BlankOutcome> {
  return Excel.run(async (context) => {
    const s = counted(context);
    const fail: Fail = (message, e) => ({
      ok: false,
      message,
      ...(e === undefined ? {} : { detail: errorDetail(e) }),
      added: [],
      syncs: s.count(),
    });
    return (req.where ?? 'new-sheet') === 'selection' ? blankAtSelection(context, s, req, fail) : blankOnNewSheet(context, s, req, fail);
  });
}

async function blankAtSelection(context: Excel.RequestContext, s: Counter, req: BlankRequest, fail: Fail): Promise<BlankOutcome> {
  const block = req.block ? getBlock(req.block) : null;
  if (!hostCaps().merges) return fail(BLANK_AT_SELECTION_NEEDS_MERGES);
  let read: SheetRead;
  try {
    read = await readSheet(context, s.sync, context.workbook.worksheets.getActiveWorksheet());
  } catch (e) {
    return fail(READ_FAILED, e);
  }
  const { grid, sel } = read;
  const res = planBlankTable(req.layout, { top: sel.row, left: sel.col, profile: req.profile ?? 'LOCAL', block, grid });
  if (!res.ok) return fail(res.message);
  applyBlankPlan(read.sheet, res.plan);
  try {
    await s.sync();
  } catch (e) {
    // the area was empty; formats it had cannot be told from ours, so it is not cleared blindly
    return fail(
      `生成空白表时 Excel 出错，表格可能只写入了一部分。请检查工作表“${grid.name}”的区域 ${formatRect(res.plan)}，删除已写入的内容后重试。`,
      e,
    );
  }
  return done(grid.name, res.plan, s.count());
}

async function blankOnNewSheet(context: Excel.RequestContext, s: Counter, req: BlankRequest, fail: Fail): Promise<BlankOutcome> {
  const block = req.block ? getBlock(req.block) : null;
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  try {
    await s.sync();
  } catch (e) {
    return fail(READ_FAILED, e);
  }
  const names = new Set(sheets.items.map((w) => w.name));
  const baseName = req.sheetName ?? BLANK_SHEET_NAME[req.layout];
  let name = baseName;
  for (let k = 2; names.has(name); k++) name = `${baseName}${k}`;
  const res = planBlankTable(req.layout, { top: 0, left: 0, profile: req.profile ?? 'LOCAL', block, grid: null });
  if (!res.ok) return fail(res.message);
  const sheet = sheets.add(name);
  sheet.activate();
  applyBlankPlan(sheet, res.plan);
  try {
    await s.sync();
  } catch (e) {
    // remove the half-written new sheet (it holds nothing of the user's)
    try {
      context.workbook.worksheets.getItemOrNullObject(name).delete();
      await s.sync();
      return fail(`生成空白表时 Excel 出错，已删除未完成的工作表“${name}”，工作簿恢复原样。请重试。`, e);
    } catch {
      return fail(`生成空白表时 Excel 出错，工作表“${name}”可能只写入了一部分，请删除该工作表后重试。`, e);
    }
  }
  return done(name, res.plan, s.count());
}

function done(sheet: string, plan: BlankPlan, syncs: number): BlankOutcome {
  const slots = plan.added.filter((a) => a.slot).length;
  return {
    ok: true,
    sheet,
    address: `${sheet}!${formatRect(plan)}`,
    message: `已在「${sheet}」${formatRect(plan)} 生成${plan.layout === 'D' ? '部门整体' : '项目支出'}绩效目标表（${plan.layout}式）${slots ? `，有 ${slots} 个指标值待填写` : ''}。`,
    added: plan.added,
    syncs,
  };
}

function applyStyle(range: Excel.Range, st: CellStyle, rows: number, cols: number): void {
  const f = range.format;
  if (st.bold !== undefined) f.font.bold = st.bold;
  if (st.fontSize !== undefined) f.font.size = st.fontSize;
  if (st.fill) f.fill.color = st.fill;
  // (Excel's enum values are their names: "Center", "Top" …)
  if (st.hAlign) f.horizontalAlignment = H_ALIGN[st.hAlign] as Excel.HorizontalAlignment;
  if (st.vAlign) f.verticalAlignment = V_ALIGN[st.vAlign] as Excel.VerticalAlignment;
  if (st.wrap !== undefined) f.wrapText = st.wrap;
  if (st.border) {
    for (const edge of [
      Excel.BorderIndex.edgeTop,
      Excel.BorderIndex.edgeBottom,
      Excel.BorderIndex.edgeLeft,
      Excel.BorderIndex.edgeRight,
      Excel.BorderIndex.insideHorizontal,
      Excel.BorderIndex.insideVertical,
    ]) {
      const b = f.borders.getItem(edge);
      b.style = Excel.BorderLineStyle.continuous;
      b.weight = Excel.BorderWeight.thin;
    }
  }
  if (st.text) range.numberFormat = Array.from({ length: rows }, () => new Array<string>(cols).fill('@'));
}

/** Queues a blank table on a worksheet (no sync). */
export function applyBlankPlan(sheet: Excel.Worksheet, plan: BlankPlan): void {
  for (const st of plan.styles) {
    const rows = st.bottom - st.top + 1;
    const cols = st.right - st.left + 1;
    applyStyle(sheet.getRangeByIndexes(st.top, st.left, rows, cols).untrack(), st.style, rows, cols);
  }
  plan.columnWidths.forEach((w, i) => {
    sheet.getRangeByIndexes(plan.top, plan.left + i, 1, 1).untrack().format.columnWidth = w * 6; // characters -> points (approx.)
  });
  for (const c of plan.cells) {
    const r = sheet.getRangeByIndexes(c.row, c.col, 1, 1).untrack();
    r.numberFormat = [['@']];
    r.values = [[c.value]];
  }
  for (const m of plan.merges) sheet.getRange(formatRect(m)).untrack().merge(false);
  sheet.getRangeByIndexes(plan.top, plan.left, 1, 1).untrack().select();
}
