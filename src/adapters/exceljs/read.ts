/**
 * exceljs adapter: loads a workbook for writing an annotated copy (annotate.ts), and turns it into the core's
 * grid. The command line reads files with our own reader (../xlsx); the grid here is kept as an independent
 * second reading the tests compare ours against (test/hardening/read.test.ts).
 */
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import type { CellValue, Merge, SheetGrid, WorkbookGrid } from '../../core/grid';
import { numberCellValue } from '../../core/cellvalue';
import { parseA1 } from '../../core/grid';

import { WorkbookReadError } from '../file/errors';

export { WorkbookReadError };

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b]);

/** Loads an exceljs Workbook with clear Chinese errors for encrypted, old-format or corrupt files. */
export async function loadExcelWorkbook(input: string | Buffer): Promise<ExcelJS.Workbook> {
  let buf: Buffer;
  try {
    buf = typeof input === 'string' ? await fs.readFile(input) : input;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbookReadError('文件不存在');
    if (code === 'EISDIR') throw new WorkbookReadError('这是一个文件夹，不是文件');
    if (code === 'EACCES') throw new WorkbookReadError('没有读取权限');
    throw new WorkbookReadError(`无法读取（${code ?? (e as Error).message}）`);
  }
  if (buf.length >= 4 && buf.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new WorkbookReadError('文件设置了打开密码，或是旧版 .xls 格式；请在 Excel 中取消密码或另存为 .xlsx 后再检查');
  }
  if (buf.length < 2 || !buf.subarray(0, 2).equals(ZIP_MAGIC)) {
    throw new WorkbookReadError('不是有效的 .xlsx 文件');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new WorkbookReadError(`文件已损坏或不是有效的 .xlsx 文件（${(e as Error).message.slice(0, 80)}）`);
  }
  // exceljs reads any zip archive, a workbook or not, and finds nothing in one without xl/workbook.xml
  if (wb.worksheets.length === 0 && !buf.includes('xl/workbook.xml')) {
    if (buf.includes('xl/workbook.bin')) throw new WorkbookReadError('这是 .xlsb（二进制工作簿）格式；请在 Excel 中另存为 .xlsx 后再检查');
    throw new WorkbookReadError('不是有效的 .xlsx 文件（压缩包中没有工作簿）');
  }
  return wb;
}

function dateText(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}

/** Converts an exceljs cell value to the core's CellValue (displayed percent for % formats). */
export function toCellValue(v: ExcelJS.CellValue, numFmt?: string): CellValue {
  if (v === null || v === undefined) return null;
  // (exceljs turns numbers in date formats into Dates itself)
  if (typeof v === 'number') return numberCellValue(v, numFmt, false);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('error' in o) return String(o.error);
    if ('formula' in o || 'sharedFormula' in o) return toCellValue((o.result ?? null) as ExcelJS.CellValue, numFmt);
    if ('text' in o) return toCellValue(o.text as ExcelJS.CellValue, numFmt);
  }
  return String(v);
}

/** Merged areas of a worksheet, as 'A1:B2' strings (exceljs's documented model). */
function mergeRanges(ws: ExcelJS.Worksheet): string[] {
  return ((ws.model as unknown as { merges?: string[] }).merges ?? []) as string[];
}

/** Whether (row, col) is covered by a merged area without being its top-left cell (1-based). */
function coveredCells(merges: Merge[]): (row: number, col: number) => boolean {
  if (merges.length === 0) return () => false;
  // per row, the areas crossing it sorted by left column; rows are 0-based in `merges`
  const byRow = new Map<number, Merge[]>();
  for (const m of merges) {
    if (m.bottom === m.top && m.right === m.left) continue;
    for (let r = m.top; r <= m.bottom; r++) {
      let list = byRow.get(r);
      if (!list) byRow.set(r, (list = []));
      list.push(m);
    }
  }
  for (const list of byRow.values()) list.sort((a, b) => a.left - b.left);
  return (row, col) => {
    const list = byRow.get(row - 1);
    if (!list) return false;
    const c = col - 1;
    // the last area starting at or before c; areas do not overlap in a valid file, else check all
    let lo = 0;
    let hi = list.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].left <= c) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = at; i >= 0 && i >= at - 8; i--) {
      const m = list[i];
      if (c <= m.right) return !(m.top === row - 1 && m.left === c);
    }
    return false;
  };
}

export function sheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const merges: Merge[] = [];
  for (const m of mergeRanges(ws)) {
    const [a, b] = m.split(':');
    const p = parseA1(a);
    const q = parseA1(b ?? a);
    if (p && q)
      merges.push({
        top: Math.min(p.row, q.row),
        left: Math.min(p.col, q.col),
        bottom: Math.max(p.row, q.row),
        right: Math.max(p.col, q.col),
      });
  }
  const covered = coveredCells(merges);
  let minRow = Infinity;
  let minCol = Infinity;
  const entries: { r: number; c: number; v: CellValue }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master && cell.master !== cell) return; // exceljs repeats the master value
      if (covered(rowNumber, colNumber)) return; // only the top-left cell of a merged area has a value
      const v = toCellValue(cell.value, cell.numFmt);
      if (v === null || v === '') return;
      const r = rowNumber - 1;
      const c = colNumber - 1;
      entries.push({ r, c, v });
      if (r < minRow) minRow = r;
      if (c < minCol) minCol = c;
    });
  });
  if (!Number.isFinite(minRow)) {
    minRow = 0;
    minCol = 0;
  }
  const cells: CellValue[][] = [];
  for (const e of entries) {
    const ri = e.r - minRow;
    (cells[ri] ??= [])[e.c - minCol] = e.v;
  }
  for (let i = 0; i < cells.length; i++) {
    const row = (cells[i] ??= []);
    for (let j = 0; j < row.length; j++) if (row[j] === undefined) row[j] = null;
  }
  const protectedSheet = !!(ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet;
  return {
    name: ws.name,
    rowOffset: minRow,
    colOffset: minCol,
    cells,
    merges,
    hidden: ws.state !== 'visible' && ws.state !== undefined,
    protected: protectedSheet,
  };
}

export function workbookToGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: wb.worksheets.map(sheetToGrid) };
}
