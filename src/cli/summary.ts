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
import { randomBytes } from 'crypto';
import { promises as fs, unlinkSync } from 'fs';
import path from 'path';
import type ExcelJS from 'exceljs';
import { type Finding, SEVERITY_LABEL, type Severity, summarize } from '../core/findings';
import { ruleByCode } from '../core/rules';
import { type FileResult, LAYOUT_LABEL, sheetOrder, tableName } from './report';
import { annotatedPath } from './worker';

export const FILES_SHEET = '文件与表格';
export const FINDINGS_SHEET = '问题清单';
export const FILES_HEADER = ['文件', '工作表', '表格名称', '式样', '区域', '错误', '警告', '提示', '标注副本', '说明'] as const;
export const FINDINGS_HEADER = ['文件', '工作表', '单元格', '级别', '规则', '说明', '代码'] as const;

/** The same light fills as the annotated copies and the add-in. */
const SEVERITY_ARGB: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };

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
      const sev = (Object.keys(SEVERITY_LABEL) as Severity[]).find((s) => SEVERITY_LABEL[s] === label);
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

function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return process.platform === 'win32' ? '文件可能正在 Excel 或 WPS 中打开，请关闭后重试（或没有写入权限）' : '没有写入权限';
  if (code === 'EBUSY') return '文件正在被其他程序使用（可能已在 Excel 或 WPS 中打开），请关闭后重试';
  if (code === 'ENOSPC') return '磁盘空间不足';
  if (code === 'EROFS') return '所在磁盘是只读的';
  if (code === 'ENOENT') return '所在文件夹不存在';
  return code ?? (e as Error).message;
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
  const st = await fs.lstat(abs).catch(() => null);
  if (!st) return null;
  if (st.isSymbolicLink()) return `汇总文件 ${target} 是一个符号链接，为安全起见不会写入；请换一个文件名`;
  if (!st.isFile()) return `汇总文件 ${target} 已存在且不是普通文件，无法写入`;
  if (!force) return `汇总文件已存在：${target}（如需覆盖请加 --force）`;
  return null;
}

/**
 * Writes `data` to `target` through a temporary file in the same folder, renamed at the end. Without `force`
 * an existing target is never replaced (a hard link makes the last step fail when one appeared meanwhile).
 * Throws SummaryError with a Chinese message; the temporary file never stays behind, even on Ctrl+C.
 */
export async function writeFileAtomic(target: string, data: Uint8Array, force: boolean): Promise<void> {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  const cleanup = () => {
    if (!created) return;
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    created = false;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let handle;
    try {
      handle = await fs.open(tmp, 'wx', 0o644); // exclusive: never follows or reuses an existing entry
      created = true;
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle?.close();
    }
    const again = await checkSummaryTarget(target, force);
    if (again) throw new SummaryError(again);
    if (force) {
      await fs.rename(tmp, abs);
      created = false;
      return;
    }
    try {
      await fs.link(tmp, abs); // fails with EEXIST when the target appeared in the meantime
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new SummaryError(`汇总文件已存在：${target}（如需覆盖请加 --force）`);
      // a file system without hard links: the check above has to do
      await fs.rename(tmp, abs);
      created = false;
      return;
    }
    cleanup();
  } catch (e) {
    cleanup();
    if (e instanceof SummaryError) throw e;
    throw new SummaryError(`无法写入汇总文件 ${target}：${reasonOf(e)}`);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** Builds and writes the summary workbook (see writeFileAtomic for the guarantees). */
export async function writeSummary(target: string, results: FileResult[], opts: { annotate: string | null; force: boolean }): Promise<void> {
  const data = await summaryWorkbook(results, { annotate: opts.annotate, summaryDir: path.dirname(path.resolve(target)) });
  await writeFileAtomic(target, data, opts.force);
}
