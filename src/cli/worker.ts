/**
 * Checking one file (the unit of work of the command line), and the worker-thread side of the pool.
 *
 * Workers run the worker bundle dist/cli/jxmb-worker.cjs (worker-main.ts calls `startWorker()`); without it beside
 * the main bundle, the main bundle is the worker script and main.ts starts `startWorker()` when it runs in a worker
 * thread whose workerData carries WORKER_ROLE. What the main thread shares with workers is in tasks.ts.
 *
 * The annotated copy (the bytes of annotateXlsx) and the corrected copy (fixXlsx) are written into temporary
 * files chosen by the thread that runs the batch (copies.ts), which also moves them to their names afterwards: a
 * worker terminated half-way (time or memory bound) leaves nothing the batch does not remove.
 */
import { parentPort } from 'worker_threads';
import { checkWorkbook } from '../core/check';
import type { Config } from '../core/config';
import type { CheckResult } from '../core/findings';
import type { WorkbookGrid } from '../core/grid';
import { AnnotatedCopies } from './copies';
import { type BatchCopies, type CheckOutcome, type CopyTasks, OUT_OF_MEMORY, type Reply, type Task, settleCopies } from './tasks';
import type { FileResult } from './report';
import { fillTemp } from './safe-write';
import { largestPartSize } from '../adapters/xlsx/zip';
import { isZip } from '../adapters/file/read';

/**
 * Whether one part of the package, once read as text (up to two bytes a character), would not fit in the
 * memory bound: such a file is skipped before it is read, as if it had run out of memory.
 */
function tooLargeFor(bytes: Uint8Array, memoryMb: number): boolean {
  const largest = largestPartSize(bytes);
  return largest !== null && largest * 2 > memoryMb * 1024 * 1024;
}

export const XLS_NOTE = '未生成标注副本：.xls 等旧格式文件无法直接标注，请在 Excel 或 WPS 中另存为 .xlsx 后再标注';
export const XLS_FIX_NOTE = '未生成修正副本：.xls 等旧格式文件无法直接修正，请在 Excel 或 WPS 中另存为 .xlsx 后再修正';

/** Reads, checks and (optionally) fills the copies' temporary files; never throws: problems become `error`. */
export async function checkOne(file: string, config: Config, copies: CopyTasks, memoryMb?: number): Promise<CheckOutcome> {
  // the readers are loaded on first use: the main thread of a pool run never needs them
  const { WorkbookReadError, readFileBytes, readWorkbookGrid } = await import('../adapters/file/node');
  stallForTests(file);
  const none = { filled: false, fixFilled: false };
  try {
    const bytes = await readFileBytes(file);
    if (memoryMb !== undefined && tooLargeFor(bytes, memoryMb)) return { result: { file, error: OUT_OF_MEMORY }, ...none };
    const grid = await readWorkbookGrid(bytes);
    const result = checkWorkbook(grid, config);
    if (!copies.annotate && !copies.fix) return { result: { file, result }, ...none };
    // the copies are written into the .xlsx package; an .xls (or .et) has none
    if (!isZip(bytes)) {
      const fix = copies.fix
        ? { offered: result.findings.filter((f) => f.fix).length, applied: 0, skipped: 0, note: XLS_FIX_NOTE }
        : undefined;
      return { result: { file, result, ...(copies.annotate ? { note: XLS_NOTE } : {}), ...(fix ? { fix } : {}) }, ...none };
    }
    const out: CheckOutcome = { result: { file, result }, ...none };
    if (copies.annotate?.tmp) {
      // the package itself, edited (macros, charts and everything the checker does not read are kept)
      const { annotateXlsx } = await import('../adapters/xlsx/annotate');
      await fillTemp(copies.annotate.tmp, annotateXlsx(bytes, result.findings));
      out.filled = true;
    }
    if (copies.fix) await writeFixed(bytes, grid, result, copies.fix, out);
    return out;
  } catch (e) {
    const msg = e instanceof WorkbookReadError ? e.message : `检查时出错：${(e as Error).message}`;
    return { result: { file, error: msg }, ...none };
  }
}

/** The corrected copy: written only when at least one fix applies; the counts go into the file's result. */
async function writeFixed(
  bytes: Uint8Array,
  grid: WorkbookGrid,
  result: CheckResult,
  task: { tmp: string | null },
  out: CheckOutcome,
): Promise<void> {
  const fixes = result.findings.flatMap((f) => (f.fix ? [f.fix] : []));
  out.result.fix = { offered: fixes.length, applied: 0, skipped: 0 };
  if (fixes.length === 0 || !task.tmp) return;
  const { fixXlsx } = await import('../adapters/xlsx/fix');
  const fixed = fixXlsx(bytes, fixes, grid);
  out.result.fix = { offered: fixes.length, applied: fixed.applied.length, skipped: fixed.skipped.length };
  if (fixed.applied.length === 0) return;
  await fillTemp(task.tmp, fixed.bytes);
  out.fixFilled = true;
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
 * Checks one file in this thread, writing its copies through `copies` (the in-process path of the pool, and a
 * convenient entry for callers of the library: a string is an --annotate folder).
 */
export async function checkFile(file: string, config: Config, copies: BatchCopies | AnnotatedCopies | string | null): Promise<FileResult> {
  const c: BatchCopies =
    typeof copies === 'string'
      ? { annotate: new AnnotatedCopies(copies, false), fix: null }
      : copies instanceof AnnotatedCopies
        ? { annotate: copies, fix: null }
        : (copies ?? { annotate: null, fix: null });
  const plan = c.annotate ? c.annotate.plan(file) : null;
  const fixPlan = c.fix ? c.fix.plan(file) : null;
  const { result, filled, fixFilled } = await checkOne(file, config, {
    annotate: plan ? { tmp: plan.tmp } : null,
    fix: fixPlan ? { tmp: fixPlan.tmp } : null,
  });
  return settleCopies(result, c, plan, filled, fixPlan, fixFilled);
}

/** Worker loop: one task at a time, one reply per task; ends when the pool closes the port. */
export function startWorker(): void {
  const send = (m: Reply | { ready: true }) => parentPort!.postMessage(m);
  const onTask = (task: Task) => {
    checkOne(task.file, task.config, { annotate: task.copy, fix: task.fix ?? null }, task.memoryMb).then(
      ({ result, filled, fixFilled }) => send({ index: task.index, result, filled, fixFilled }),
      (e) => send({ index: task.index, result: { file: task.file, error: `检查时出错：${(e as Error).message}` }, filled: false }),
    );
  };
  parentPort!.on('message', onTask);
  send({ ready: true });
}
