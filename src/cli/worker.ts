/**
 * Checking one file (the unit of work of the command line), and the worker-thread side of the pool.
 *
 * The bundle dist/cli/jxmb.cjs is also the worker script: main.ts starts `startWorker()` instead of
 * the command line when it runs in a worker thread whose workerData carries WORKER_ROLE.
 *
 * The annotated copy (the bytes of annotateXlsx) is written into a temporary file chosen by the thread that
 * runs the batch (copies.ts), which also moves it to its name afterwards: a worker terminated half-way (time
 * or memory bound) leaves nothing the batch does not remove.
 */
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { checkWorkbook } from '../core/check';
import type { Config } from '../core/config';
import { AnnotatedCopies, annotatedPath } from './copies';
import type { FileResult } from './report';
import { fillTemp } from './safe-write';
import { largestPartSize } from '../adapters/xlsx/zip';
import { isZip } from '../adapters/file/read';

export { annotatedPath };

export const WORKER_ROLE = 'jxmb-check-worker';

/** What to do about the annotated copy: null, no --annotate; tmp null, asked for but not to be written. */
export type CopyTask = { tmp: string | null } | null;

/** A file to check, sent to a worker. */
export interface Task {
  /** Index of the file in the input order. */
  index: number;
  file: string;
  config: Config;
  copy: CopyTask;
  /** The worker's memory bound (MB): a part too large for it is not read at all (largestPartSize in src/adapters/xlsx/zip.ts). */
  memoryMb?: number;
}

export interface Reply {
  index: number;
  result: FileResult;
  /** Whether the temporary file of the copy was filled. */
  filled: boolean;
}

export const OUT_OF_MEMORY = '内存不足，已跳过';

/**
 * Whether one part of the package, once read as text (up to two bytes a character), would not fit in the
 * memory bound: such a file is skipped before it is read, as if it had run out of memory.
 */
function tooLargeFor(bytes: Uint8Array, memoryMb: number): boolean {
  const largest = largestPartSize(bytes);
  return largest !== null && largest * 2 > memoryMb * 1024 * 1024;
}

export const XLS_NOTE = '未生成标注副本：.xls 等旧格式文件无法直接标注，请在 Excel 或 WPS 中另存为 .xlsx 后再标注';

/** Reads, checks and (optionally) fills the copy's temporary file; never throws: problems become `error`. */
export async function checkOne(
  file: string,
  config: Config,
  copy: CopyTask,
  memoryMb?: number,
): Promise<{ result: FileResult; filled: boolean }> {
  // the readers are loaded on first use: the main thread of a pool run never needs them
  const { WorkbookReadError, readFileBytes, readWorkbookGrid } = await import('../adapters/file/node');
  stallForTests(file);
  try {
    const bytes = await readFileBytes(file);
    if (memoryMb !== undefined && tooLargeFor(bytes, memoryMb)) return { result: { file, error: OUT_OF_MEMORY }, filled: false };
    const result = checkWorkbook(await readWorkbookGrid(bytes), config);
    if (copy) {
      // the annotated copy is written into the .xlsx package; an .xls (or .et) has none
      if (!isZip(bytes)) return { result: { file, result, note: XLS_NOTE }, filled: false };
      if (copy.tmp) {
        // the package itself, edited (macros, charts and everything the checker does not read are kept)
        const { annotateXlsx } = await import('../adapters/xlsx/annotate');
        await fillTemp(copy.tmp, annotateXlsx(bytes, result.findings));
        return { result: { file, result }, filled: true };
      }
    }
    return { result: { file, result }, filled: false };
  } catch (e) {
    const msg = e instanceof WorkbookReadError ? e.message : `检查时出错：${(e as Error).message}`;
    return { result: { file, error: msg }, filled: false };
  }
}

/**
 * Test instrumentation of the time bound: a file whose path contains JXMB_TEST_STALL is checked for ever, as a
 * pathological file would be, so that tests of the bound depend on no machine's speed (test/cli/bounds.test.ts).
 * Never set outside tests.
 */
function stallForTests(file: string): void {
  const mark = process.env.JXMB_TEST_STALL;
  if (!mark || !file.includes(mark)) return;
  while (true) {
    // busy, as a worker stuck in a long computation is: only terminating the thread ends it
  }
}

/**
 * Checks one file in this thread, writing its annotated copy through `copies` (the in-process path of the
 * pool, and a convenient entry for callers of the library).
 */
export async function checkFile(file: string, config: Config, copies: AnnotatedCopies | string | null): Promise<FileResult> {
  const c = typeof copies === 'string' ? new AnnotatedCopies(copies, false) : copies;
  const plan = c ? c.plan(file) : null;
  const { result, filled } = await checkOne(file, config, plan ? { tmp: plan.tmp } : null);
  if (c && plan) {
    const problem = await c.finish(plan, filled);
    if (problem && result.result && !result.note) return { ...result, copyError: problem };
  }
  return result;
}

/** True when this thread was started by the pool (see pool.ts). */
export function isPoolWorker(): boolean {
  return !isMainThread && !!parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE;
}

/** Worker loop: one task at a time, one reply per task; ends when the pool closes the port. */
export function startWorker(): void {
  const send = (m: Reply | { ready: true }) => parentPort!.postMessage(m);
  const onTask = (task: Task) => {
    checkOne(task.file, task.config, task.copy, task.memoryMb).then(
      ({ result, filled }) => send({ index: task.index, result, filled }),
      (e) => send({ index: task.index, result: { file: task.file, error: `检查时出错：${(e as Error).message}` }, filled: false }),
    );
  };
  parentPort!.on('message', onTask);
  send({ ready: true });
}
