/**
 * `--summary FILE.xlsx`: one workbook for reviewers (opens in Excel and WPS), built by src/report/summary.ts.
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
import { type Cell, type SummaryRows, cleanText, escapeLink, summaryBook, summaryRows as rowsOf } from '../report/summary';
import type { FileResult } from './report';
import { WriteError, targetProblem, writeFileSafely } from './safe-write';
import { annotatedPath } from './copies';

export class SummaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SummaryError';
  }
}

/**
 * A relative link from the summary's folder to `target`, written the way Excel writes file links: forward
 * slashes, and the few characters a URI cannot hold escaped (non-ASCII names stay as they are).
 */
export function fileLink(fromDir: string, target: string): string {
  let rel = path.relative(fromDir, target);
  if (path.isAbsolute(rel))
    rel = `file:///${rel.replace(/\\/g, '/').replace(/^\/+/, '')}`; // another drive
  else rel = rel.split(path.sep).join('/');
  return escapeLink(rel);
}

/** The rows of both sheets (without header rows); `summaryDir` is where the workbook will lie. */
export function summaryRows(results: FileResult[], opts: { annotate: string | null; summaryDir: string }): SummaryRows {
  // inputs whose copies have the same name: the copy holds the last one checked (see pool.ts)
  const copyOwner = new Map<string, number>();
  const copies = results.map((r, i) => {
    if (!opts.annotate || !r.result) return null;
    const out = annotatedPath(r.file, opts.annotate);
    if (!out) return null;
    copyOwner.set(path.resolve(out), i);
    return out;
  });
  return rowsOf(results, (i): Cell => {
    const out = copies[i];
    if (!out) return null;
    return copyOwner.get(path.resolve(out)) === i
      ? { text: cleanText(path.basename(out)), hyperlink: fileLink(opts.summaryDir, path.resolve(out)), tooltip: '打开标注副本' }
      : '（已被同名文件的标注副本覆盖）';
  });
}

/** The summary workbook as bytes. */
export function summaryWorkbook(results: FileResult[], opts: { annotate: string | null; summaryDir: string }): Buffer {
  const data = summaryBook(summaryRows(results, opts));
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
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
export async function writeSummary(
  target: string,
  results: FileResult[],
  opts: { annotate: string | null; force: boolean },
): Promise<void> {
  const data = summaryWorkbook(results, { annotate: opts.annotate, summaryDir: path.dirname(path.resolve(target)) });
  try {
    await writeFileSafely(target, data, { force: opts.force, what: SUMMARY });
  } catch (e) {
    if (e instanceof WriteError) throw new SummaryError(e.message);
    throw e;
  }
}
