/** Writes an annotated copy of a workbook: finding cells filled by severity with a note holding the message. */
import type ExcelJS from 'exceljs';
import type { Finding, Severity } from '../../core/findings';
import { SEVERITY_LABEL } from '../../core/findings';
import { loadExcelWorkbook } from './read';

/** Fill colours by severity (ARGB), the same as the add-in's highlights. */
export const SEVERITY_ARGB: Record<Severity, string> = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  info: 'FFDDEBF7',
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Loads `input`, marks the finding cells and writes the copy to `output`. The input is never modified. */
export async function annotateWorkbook(input: string | Buffer, findings: Finding[], output: string): Promise<number> {
  const wb = await loadExcelWorkbook(input);
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(k);
    if (list) list.push(f);
    else byCell.set(k, [f]);
  }
  let marked = 0;
  for (const list of byCell.values()) {
    const ws = wb.getWorksheet(list[0].sheet);
    if (!ws) continue;
    list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const cell = ws.getCell(list[0].cell) as ExcelJS.Cell;
    // exceljs shares one style object between cells loaded with the same style: copy it first
    cell.style = structuredClone(cell.style ?? {});
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_ARGB[list[0].severity] } };
    const text = list.map((f) => `【${SEVERITY_LABEL[f.severity]}】${f.message}`).join('\n');
    const prev = typeof cell.note === 'string' ? cell.note : '';
    cell.note = prev ? `${prev}\n${text}` : text;
    marked++;
  }
  await wb.xlsx.writeFile(output);
  return marked;
}
