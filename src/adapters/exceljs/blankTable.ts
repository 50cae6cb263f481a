/** exceljs adapter for templates: writes a blank-table plan into a worksheet (Node only). */
import ExcelJS from 'exceljs';
import { colLetters } from '../../core/grid';
import type { BlankPlan, CellStyle } from '../../core/templates/blank';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}

function styleCell(cell: ExcelJS.Cell, st: CellStyle): void {
  if (st.bold !== undefined || st.fontSize !== undefined) {
    cell.font = {
      ...(cell.font ?? {}),
      ...(st.bold !== undefined ? { bold: st.bold } : {}),
      ...(st.fontSize ? { size: st.fontSize } : {}),
    };
  }
  if (st.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(st.fill) } };
  if (st.hAlign || st.vAlign || st.wrap !== undefined) {
    cell.alignment = {
      ...(cell.alignment ?? {}),
      ...(st.hAlign ? { horizontal: st.hAlign } : {}),
      ...(st.vAlign ? { vertical: st.vAlign } : {}),
      ...(st.wrap !== undefined ? { wrapText: st.wrap } : {}),
    };
  }
  if (st.border) cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  if (st.text) cell.numFmt = '@';
}

/** Writes the plan's cells, merges, styles and column widths into `ws`. */
export function writeBlankPlan(ws: ExcelJS.Worksheet, plan: BlankPlan): void {
  for (const s of plan.styles) {
    for (let r = s.top; r <= s.bottom; r++) {
      for (let c = s.left; c <= s.right; c++) styleCell(ws.getCell(r + 1, c + 1), s.style);
    }
  }
  plan.columnWidths.forEach((w, i) => {
    ws.getColumn(plan.left + i + 1).width = w;
  });
  for (const c of plan.cells) ws.getCell(c.row + 1, c.col + 1).value = c.value;
  for (const m of plan.merges) ws.mergeCells(`${colLetters(m.left)}${m.top + 1}:${colLetters(m.right)}${m.bottom + 1}`);
  ws.getRow(plan.top + 1).height = 30;
}

/** A new workbook holding one blank table on a sheet named `sheetName`. */
export function blankWorkbook(plan: BlankPlan, sheetName: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效目标表助手';
  const ws = wb.addWorksheet(sheetName);
  writeBlankPlan(ws, plan);
  return wb;
}
