/**
 * `--summary FILE.xlsx`: one workbook for reviewers (opens in Excel and WPS), written with exceljs.
 *
 * Sheet 「文件与表格」: one row per table (in the order of the text report), one row per sheet without a table,
 * one row per file that could not be read (the reason in 说明); 标注副本 links to the annotated copy.
 * Sheet 「问题清单」: one row per finding.
 *
 * Safety of the target: an existing file is replaced only with --force, a symbolic link is never written
 * through, and the workbook is written to a temporary file in the target's folder and renamed at the end,
 * so an interruption never leaves a partial workbook.
 */
import { promises as fs } from 'fs';
import path from 'path';
import type ExcelJS from 'exceljs';
import { type Finding, summarize } from '../core/findings';
import { SEVERITIES, SEVERITY_ARGB, SEVERITY_LABEL } from '../core/severity';
import { ruleByCode } from '../core/rules';
import { type FileResult, LAYOUT_LABEL, sheetOrder, tableName } from './report';
import { WriteError, targetProblem, writeFileSafely } from './safe-write';
import { annotatedPath } from './worker';

export const FILES_SHEET = '文件与表格';
export const FINDINGS_SHEET = '问题清单';
export const FILES_HEADER = ['文件', '工作表', '表格名称', '式样', '区域', '错误', '警告', '提示', '标注副本', '说明'] as const;
export const FINDINGS_HEADER = ['文件', '工作表', '单元格', '级别', '规则', '说明', '代码'] as const;


export class SummaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SummaryError';
  }
}

type Cell = string | number | null | { text: string; hyperlink: string; tooltip?: string };

export interface SummaryRows {
  files: Cell[][];
  findings: Cell[][];
}

/** Characters XML 1.0 cannot carry (a hostile workbook's text must not make the summary unreadable). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Excel's limit on the text of one cell. */
const MAX_CELL_TEXT = 32767;

export function cleanText(s: string): string {
  const t = s.replace(NOT_XML, '\uFFFD');
  return t.length > MAX_CELL_TEXT ? t.slice(0, MAX_CELL_TEXT - 1) + '…' : t;
}

/**
 * A relative link from the summary's folder to `target`, written the way Excel writes file links: forward
 * slashes, and the few characters a URI cannot hold escaped (non-ASCII names stay as they are).
 */
export function fileLink(fromDir: string, target: string): string {
  let rel = path.relative(fromDir, target);
  if (path.isAbsolute(rel)) rel = `file:///${rel.replace(/\\/g, '/').replace(/^\/+/, '')}`; // another drive
  else rel = rel.split(path.sep).join('/');
  return rel.replace(/[% "<>[\]^`{}#]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/** The rows of both sheets (without header rows); `summaryDir` is where the workbook will lie. */
export function summaryRows(results: FileResult[], opts: { annotate: string | null; summaryDir: string }): SummaryRows {
  const files: Cell[][] = [];
  const findings: Cell[][] = [];
  // inputs whose copies have the same name: the copy holds the last one checked (see pool.ts)
  const copyOwner = new Map<string, number>();
  const copies = results.map((r, i) => {
    if (!opts.annotate || !r.result) return null;
    const out = annotatedPath(r.file, opts.annotate);
    if (!out) return null;
    copyOwner.set(path.resolve(out), i);
    return out;
  });
  results.forEach((r, i) => {
    const file = cleanText(r.file);
    if (!r.result) {
      files.push([file, null, null, null, null, null, null, null, null, cleanText(`无法检查：${r.error ?? '无法读取'}`)]);
      return;
    }
    const res = r.result;
    const out = copies[i];
    let link: Cell = null;
    if (out) {
      link =
        copyOwner.get(path.resolve(out)) === i
          ? { text: cleanText(path.basename(out)), hyperlink: fileLink(opts.summaryDir, path.resolve(out)), tooltip: '打开标注副本' }
          : '（已被同名文件的标注副本覆盖）';
    }
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
        files.push([file, cleanText(sheet), cleanText(tableName(t.name)), LAYOUT_LABEL[t.layout], t.range, s.errors, s.warnings, s.infos, link, null]);
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
  return [file, cleanText(f.sheet), f.cell, SEVERITY_LABEL[f.severity], ruleByCode(f.code)?.description ?? f.code, cleanText(f.message), f.code];
}

/** Display width of a text: CJK and full-width characters count two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return w;
}

function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'object') return c.text;
  return String(c);
}

function fillSheet(ws: ExcelJS.Worksheet, header: readonly string[], rows: Cell[][], opts: { maxWidth: Record<string, number>; wrap: string[]; severityColumn?: string }) {
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r.map((c) => (c === null ? null : c)));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle' };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: header.length } };
  header.forEach((name, k) => {
    const col = ws.getColumn(k + 1);
    let w = textWidth(name) + 4; // room for the filter button
    for (const r of rows) w = Math.max(w, textWidth(cellText(r[k] ?? null)) + 2);
    col.width = Math.min(opts.maxWidth[name] ?? 40, Math.max(6, w));
    if (opts.wrap.includes(name)) col.alignment = { wrapText: true, vertical: 'top' };
    else col.alignment = { vertical: 'top' };
  });
  header.forEach((name, k) => {
    if (name !== opts.severityColumn) return;
    for (let i = 0; i < rows.length; i++) {
      const label = cellText(rows[i][k]);
      const sev = SEVERITIES.find((s) => SEVERITY_LABEL[s] === label);
      if (sev) ws.getCell(i + 2, k + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_ARGB[sev] } };
    }
  });
  rows.forEach((r, i) =>
    r.forEach((c, k) => {
      if (c && typeof c === 'object') ws.getCell(i + 2, k + 1).font = { color: { argb: 'FF0563C1' }, underline: true };
    }),
  );
}

/** The summary workbook as bytes. */
export async function summaryWorkbook(results: FileResult[], opts: { annotate: string | null; summaryDir: string }): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const rows = summaryRows(results, opts);
  const wb = new Excel.Workbook();
  wb.creator = '绩效目标表助手';
  const files = wb.addWorksheet(FILES_SHEET);
  fillSheet(files, FILES_HEADER, rows.files, { maxWidth: { 文件: 50, 表格名称: 40, 标注副本: 40, 说明: 50 }, wrap: ['表格名称', '说明'] });
  const list = wb.addWorksheet(FINDINGS_SHEET);
  fillSheet(list, FINDINGS_HEADER, rows.findings, { maxWidth: { 文件: 40, 工作表: 24, 规则: 40, 说明: 80 }, wrap: ['规则', '说明'], severityColumn: '级别' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Checks, before anything is checked, that the summary can be written at `target`: its folder exists, it is
 * not a symbolic link or a folder, and it does not exist unless `force`. Returns a Chinese message or null.
 */
export async function checkSummaryTarget(target: string, force: boolean): Promise<string | null> {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const dirStat = await fs.stat(dir).catch(() => null);
  if (!dirStat) return `汇总文件所在的文件夹不存在：${path.dirname(target) || '.'}（请先创建该文件夹）`;
  if (!dirStat.isDirectory()) return `汇总文件的上级路径不是文件夹：${path.dirname(target)}`;
  return targetProblem(target, { force, what: SUMMARY });
}

/** What the summary is called in messages. */
const SUMMARY = '汇总文件';

/**
 * Builds and writes the summary workbook safely (safe-write.ts: a temporary file renamed at the end, never an
 * existing file without `force`, never through a symbolic link, nothing left behind on Ctrl+C).
 */
export async function writeSummary(target: string, results: FileResult[], opts: { annotate: string | null; force: boolean }): Promise<void> {
  const data = await summaryWorkbook(results, { annotate: opts.annotate, summaryDir: path.dirname(path.resolve(target)) });
  try {
    await writeFileSafely(target, data, { force: opts.force, what: SUMMARY });
  } catch (e) {
    if (e instanceof WriteError) throw new SummaryError(e.message);
    throw e;
  }
}
