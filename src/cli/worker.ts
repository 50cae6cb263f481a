/**
 * Checking one file (the unit of work of the command line), and the worker-thread side of the pool.
 *
 * The bundle dist/cli/jxmb.cjs is also the worker script: main.ts starts `startWorker()` instead of
 * the command line when it runs in a worker thread whose workerData carries WORKER_ROLE.
 */
import path from 'path';
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { checkWorkbook } from '../core/check';
import type { Config } from '../core/config';
import type { FileResult } from './report';

export const WORKER_ROLE = 'jxmb-check-worker';

/** A file to check, sent to a worker. */
export interface Task {
  /** Index of the file in the input order. */
  index: number;
  file: string;
  config: Config;
  annotate: string | null;
}

export interface Reply {
  index: number;
  result: FileResult;
}

/** Where `--annotate DIR` writes the marked copy of `file` (null when it would overwrite the input). */
export function annotatedPath(file: string, annotateDir: string): string | null {
  const out = path.join(annotateDir, path.basename(file).replace(/\.(xlsx|xlsm|xls|et)$/i, '') + '-已标注.xlsx');
  return path.resolve(out) === path.resolve(file) ? null : out;
}

/** Reads, checks and (optionally) annotates one file; never throws: problems become `error`. */
export async function checkFile(file: string, config: Config, annotateDir: string | null): Promise<FileResult> {
  // the readers are loaded on first use: the main thread of a pool run never needs them
  const { WorkbookReadError, readFileBytes, readWorkbookGrid } = await import('../adapters/file/node');
  try {
    const bytes = await readFileBytes(file);
    const result = checkWorkbook(await readWorkbookGrid(bytes), config);
    if (annotateDir) {
      // the annotated copy is written into the .xlsx package; an .xls (or .et) has none
      if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
        return { file, result, note: '未生成标注副本：.xls 等旧格式文件无法直接标注，请在 Excel 或 WPS 中另存为 .xlsx 后再标注' };
      }
      const out = annotatedPath(file, annotateDir);
      if (out) await (await import('../adapters/exceljs/annotate')).annotateWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), result.findings, out);
    }
    return { file, result };
  } catch (e) {
    const msg = e instanceof WorkbookReadError ? e.message : `检查时出错：${(e as Error).message}`;
    return { file, error: msg };
  }
}

/** True when this thread was started by the pool (see pool.ts). */
export function isPoolWorker(): boolean {
  return !isMainThread && !!parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE;
}

/** Worker loop: one task at a time, one reply per task; exits when the pool closes the port. */
export function startWorker(): void {
  const port = parentPort!;
  port.postMessage({ ready: true });
  port.on('message', (task: Task) => {
    checkFile(task.file, task.config, task.annotate).then(
      (result) => port.postMessage({ index: task.index, result } satisfies Reply),
      (e) => port.postMessage({ index: task.index, result: { file: task.file, error: `检查时出错：${(e as Error).message}` } } satisfies Reply),
    );
  });
}
