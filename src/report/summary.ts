/**
 * The reviewers' summary workbook, shared by the command line (`--summary FILE.xlsx`) and the checker page
 * (下载汇总表). Browser-safe: where the annotated copies lie is the caller's business (`copyLink`).
 *
 * Sheet 「文件与表格」: one row per table (in the order of the text report), one row per sheet without a table,
 * one row per file that could not be read (the reason in 说明); 标注副本 links to the annotated copy.
 * Sheet 「问题清单」: one row per finding.
 */
import { type BookCell, type BookSheet, type CellStyle, writeWorkbook } from '../adapters/xlsx/write';
import { type Finding, summarize } from '../core/findings';
import { SEVERITIES, SEVERITY_ARGB, SEVERITY_LABEL } from '../core/severity';
import { ruleByCode } from '../core/rules';
import { LAYOUT_LABEL } from '../core/layouts';
import { type FileResult, sheetOrder, tableName } from '../cli/report';

export const FILES_SHEET = '文件与表格';
export const FINDINGS_SHEET = '问题清单';
export const FILES_HEADER = ['文件', '工作表', '表格名称', '式样', '区域', '错误', '警告', '提示', '标注副本', '说明'] as const;
export const FINDINGS_HEADER = ['文件', '工作表', '单元格', '级别', '规则', '说明', '代码'] as const;

export type Cell = string | number | null | { text: string; hyperlink: string; tooltip?: string };

export interface SummaryRows {
  files: Cell[][];
  findings: Cell[][];
}

/** Characters XML 1.0 cannot carry (a hostile workbook's text must not make the summary unreadable). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Excel's limit on the text of one cell. */
const MAX_CELL_TEXT = 32767;

export function cleanText(s: string): string {
  const t = s.replace(NOT_XML, '\uFFFD');
  return t.length > MAX_CELL_TEXT ? t.slice(0, MAX_CELL_TEXT - 1) + '…' : t;
}

/** A relative file link as Excel writes it: the few characters a URI cannot hold escaped, non-ASCII kept. */
export function escapeLink(rel: string): string {
  return rel.replace(/[% "<>[\]^`{}#]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** The 标注副本 cell for a copy lying in the summary's own folder under `name`. */
export function copyCell(name: string): Cell {
  return { text: cleanText(name), hyperlink: escapeLink(name), tooltip: '打开标注副本' };
}

/**
 * The rows of both sheets (without header rows). `copyLink(i)` is the 标注副本 cell of the i-th result (a
 * link, a note, or null for none); it is asked only for results that were checked.
 */
export function summaryRows(results: FileResult[], copyLink: (index: number) => Cell): SummaryRows {
  const files: Cell[][] = [];
  const findings: Cell[][] = [];
  results.forEach((r, i) => {
    const file = cleanText(r.file);
    if (!r.result) {
      files.push([file, null, null, null, null, null, null, null, null, cleanText(`无法检查：${r.error ?? '无法读取'}`)]);
      return;
    }
    const res = r.result;
    const link = copyLink(i);
    const sheets = sheetOrder(res);
    if (sheets.length === 0) files.push([file, null, null, null, null, null, null, null, link, '未找到绩效目标表']);
    for (const sheet of sheets) {
      const tables = res.tables.filter((t) => t.sheet === sheet);
      if (tables.length === 0) {
        files.push([file, cleanText(sheet), null, null, null, null, null, null, link, '未找到绩效目标表']);
        continue;
      }
      for (const t of tables) {
        const found = res.findings.filter((f) => f.tableId === t.id);
        const s = summarize(found);
        files.push([
          file,
          cleanText(sheet),
          cleanText(tableName(t.name)),
          LAYOUT_LABEL[t.layout],
          t.range,
          s.errors,
          s.warnings,
          s.infos,
          link,
          null,
        ]);
        for (const f of found) findings.push(findingRow(file, f));
      }
    }
    // findings outside every listed table (not expected): still listed
    const ids = new Set(res.tables.map((t) => t.id));
    for (const f of res.findings) if (!ids.has(f.tableId)) findings.push(findingRow(file, f));
  });
  return { files, findings };
}

function findingRow(file: string, f: Finding): Cell[] {
  return [file, cleanText(f.sheet), f.cell, SEVERITY_LABEL[f.severity], ruleByCode(f.code)?.title ?? f.code, cleanText(f.message), f.code];
}

/** Display width of a text: CJK and full-width characters count two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch)
      ? 2
      : 1;
  return w;
}

function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'object') return c.text;
  return String(c);
}

const HEADER_STYLE: CellStyle = { bold: true, fill: 'FFF2F2F2', vertical: 'center' };
const LINK_STYLE: CellStyle = { color: 'FF0563C1', underline: true, vertical: 'top' };

interface SheetOptions {
  maxWidth: Record<string, number>;
  wrap: string[];
  severityColumn?: string;
}

function sheet(name: string, header: readonly string[], rows: Cell[][], opts: SheetOptions): BookSheet {
  const columns = header.map((h, k) => {
    let w = textWidth(h) + 4; // room for the filter button
    for (const r of rows) w = Math.max(w, textWidth(cellText(r[k] ?? null)) + 2);
    const style: CellStyle = opts.wrap.includes(h) ? { wrap: true, vertical: 'top' } : { vertical: 'top' };
    return { width: Math.min(opts.maxWidth[h] ?? 40, Math.max(6, w)), style };
  });
  const severityAt = opts.severityColumn ? header.indexOf(opts.severityColumn) : -1;
  const body = rows.map((r) =>
    header.map((_h, k): BookCell => {
      const c = r[k] ?? null;
      if (c !== null && typeof c === 'object')
        return { value: c.text, link: { target: c.hyperlink, tooltip: c.tooltip }, style: LINK_STYLE };
      if (k === severityAt) {
        const sev = SEVERITIES.find((s) => SEVERITY_LABEL[s] === c);
        if (sev) return { value: c, style: { ...columns[k].style, fill: SEVERITY_ARGB[sev] } };
      }
      return { value: c };
    }),
  );
  return {
    name,
    rows: [header.map((h) => ({ value: h, style: HEADER_STYLE })), ...body],
    columns,
    freezeRows: 1,
    autoFilter: true,
  };
}

/** The summary workbook as .xlsx bytes. */
export function summaryBook(rows: SummaryRows): Uint8Array {
  return writeWorkbook({
    creator: '绩效目标表助手',
    sheets: [
      sheet(FILES_SHEET, FILES_HEADER, rows.files, {
        maxWidth: { 文件: 50, 表格名称: 40, 标注副本: 40, 说明: 50 },
        wrap: ['表格名称', '说明'],
      }),
      sheet(FINDINGS_SHEET, FINDINGS_HEADER, rows.findings, {
        maxWidth: { 文件: 40, 工作表: 24, 规则: 20, 说明: 80 },
        wrap: ['说明'],
        severityColumn: '级别',
      }),
    ],
  });
}
