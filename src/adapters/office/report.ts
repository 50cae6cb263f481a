/** 导出报告: the report sheet, written to a new sheet that never replaces one (reportSheetName). */
import type { CheckResult, Finding } from '../../core/findings';
import { a1 } from '../../core/grid';
import { ruleByCode } from '../../core/rules';
import { quoteSheet } from './address';
import { type Capabilities } from './capabilities';
import { FAULT_MESSAGES, OperationError } from './errors';
import { SyncBudget, cellBytes } from './budget';
import { type FillWrite, queueFillWrites } from './fills';
import { MARK_COLORS, REPORT_SHEET } from './marks';
import { type OfficeEnv, Sheets } from './context';
import { reportRecord } from './traces';
import { SEVERITY_LABEL } from '../../core/severity';

const REPORT_HEADER = ['序号', '严重程度', '工作表', '单元格', '表格', '问题', '规则', '代码'];

export function reportRows(result: CheckResult, now: Date): (string | number)[][] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const s = result.summary;
  const width = REPORT_HEADER.length;
  const line = (first: string): (string | number)[] => [first, ...Array<string>(width - 1).fill('')];
  const rows: (string | number)[][] = [
    line(`绩效目标表校验报告（${stamp}）`),
    line(
      `共校验 ${result.tables.length} 张表：错误 ${s.errors} 个，警告 ${s.warnings} 个，提示 ${s.infos} 个。点击“单元格”列可跳转到对应位置。`,
    ),
    REPORT_HEADER.slice(),
  ];
  result.findings.forEach((f, i) => {
    rows.push([
      i + 1,
      SEVERITY_LABEL[f.severity],
      f.sheet,
      f.cell,
      f.table || '（未命名）',
      f.message,
      ruleByCode(f.code)?.title ?? f.code,
      f.code,
    ]);
  });
  if (result.findings.length === 0) rows.push(line(result.tables.length ? '未发现问题。' : '未找到绩效目标表。'));
  return rows;
}

/** =HYPERLINK("#'表'!C8","C8"): a link to the finding's cell that shows its address. */
export function hyperlinkFormula(f: Finding): string {
  const q = (t: string) => t.replace(/"/g, '""');
  return `=HYPERLINK("${q(`#${quoteSheet(f.sheet)}!${f.cell}`)}","${q(f.cell)}")`;
}

/** Report rows written per command (values and number formats). */
const REPORT_ROWS_PER_COMMAND = 1_000;

/**
 * The name of a new report sheet: 校验报告, or 校验报告(2), 校验报告(3), … when that name is taken (by an earlier
 * report or by a sheet of the user's: neither is ever replaced). Sheet names compare without case in Excel.
 */
export function reportSheetName(existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  if (!taken.has(REPORT_SHEET)) return REPORT_SHEET;
  for (let i = 2; ; i++) if (!taken.has(`${REPORT_SHEET}(${i})`)) return `${REPORT_SHEET}(${i})`;
}

/**
 * Writes the report to a new sheet (reportSheetName: an existing sheet is never deleted or overwritten) and
 * activates it. Two syncs, more only for very many findings (the writes are cut by their size, see SyncBudget).
 */
export async function exportReport(env: OfficeEnv, result: CheckResult, now = new Date()): Promise<{ sheet: string; rows: number }> {
  const caps = env.capabilities;
  return env.run(async (ctx) => {
    const all = ctx.workbook.worksheets.load('items/name');
    try {
      await ctx.sync();
    } catch (e) {
      throw new OperationError(FAULT_MESSAGES.reportRead(e), e);
    }
    const name = reportSheetName(all.items.map((w) => w.name));
    try {
      await writeReport(ctx, caps, name, result, now);
    } catch (e) {
      throw new OperationError(FAULT_MESSAGES.reportWrite(e, name), e);
    }
    return { sheet: name, rows: result.findings.length };
  });
}

async function writeReport(ctx: Excel.RequestContext, caps: Capabilities, name: string, result: CheckResult, now: Date): Promise<void> {
  ctx.workbook.worksheets.add(name);
  // recorded as the add-in's own in the same batch (移除全部校验痕迹 removes only recorded report sheets)
  ctx.workbook.customXmlParts.add(reportRecord(name));
  // addressed by name from here on (valid in every later sync of the run)
  const sheets = new Sheets(ctx);
  const ws = sheets.get(name);
  const budget = new SyncBudget(ctx);
  const rows = reportRows(result, now);
  const width = REPORT_HEADER.length;
  // the 单元格 column links to the cell with a HYPERLINK formula, written with the values: one
  // hyperlink command per row would make the request grow by about 700 bytes a finding
  const linked = rows.map((r, i) =>
    i >= 3 && i - 3 < result.findings.length ? r.map((v, j) => (j === 3 ? hyperlinkFormula(result.findings[i - 3]) : v)) : r,
  );
  for (let i = 0; i < linked.length; i += REPORT_ROWS_PER_COMMAND) {
    const chunk = linked.slice(i, i + REPORT_ROWS_PER_COMMAND);
    const formats = chunk.map((r, k) =>
      r.map((_v, j) => (j === 0 || (j === 3 && i + k >= 3 && i + k - 3 < result.findings.length) ? 'General' : '@')),
    );
    await budget.room(cellBytes.rows(chunk, formats), 0);
    const range = sheets.range(name, { top: i, left: 0, bottom: i + chunk.length - 1, right: width - 1 });
    range.numberFormat = formats;
    range.values = chunk;
  }
  await budget.room(cellBytes.singleWrite * 4, 0);
  const title = sheets.range(name, { top: 0, left: 0, bottom: 0, right: 0 }).format.font;
  title.bold = true;
  title.size = 14;
  const header = sheets.range(name, { top: 2, left: 0, bottom: 2, right: width - 1 });
  header.format.font.bold = true;
  header.format.fill.color = '#D9E1F2';
  // the 严重程度 column in the highlight colours, one grouped command per severity where possible
  const severityCells: FillWrite[] = result.findings.map((f, i) => ({
    sheet: name,
    cell: a1(3 + i, 1),
    mark: MARK_COLORS[f.severity],
    original: { pattern: 'None', color: '#FFFFFF', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 },
  }));
  await queueFillWrites('paint', severityCells, () => ws, budget, caps);
  await budget.room(cellBytes.singleWrite * 10, 0);
  const widths = [6, 10, 16, 10, 28, 60, 18, 20];
  widths.forEach((w, j) => {
    sheets.range(name, { top: 0, left: j, bottom: 0, right: j }).format.columnWidth = w * 7.5;
  });
  sheets.range(name, { top: 3, left: 5, bottom: 3 + Math.max(1, rows.length - 3) - 1, right: 5 }).format.wrapText = true;
  ws.freezePanes.freezeRows(3);
  ws.activate();
  await budget.sync();
}
