/**
 * What the main thread and a pool worker share about one file's check: the task sent, the reply, the copies of a
 * batch and how they are settled afterwards. Light on purpose: the main bundle loads this, not the reader or the
 * core (those run in the worker, worker.ts).
 */
import { isMainThread, parentPort, workerData } from 'worker_threads';
import type { Config } from '../core/config';
import type { AnnotatedCopies, CopyPlan } from './copies';
import type { FileResult } from './report';

export const WORKER_ROLE = 'jxmb-check-worker';

/** What to do about a copy: null, not asked for; tmp null, asked for but not to be written. */
export type CopyTask = { tmp: string | null } | null;

/** The copies of one file: the annotated one (--annotate), the corrected one (--fix). */
export interface CopyTasks {
  annotate: CopyTask;
  fix?: CopyTask;
}

/** A file to check, sent to a worker. */
export interface Task {
  /** Index of the file in the input order. */
  index: number;
  file: string;
  config: Config;
  /** The annotated copy (--annotate). */
  copy: CopyTask;
  /** The corrected copy (--fix). */
  fix?: CopyTask;
  /** The worker's memory bound (MB): a part too large for it is not read at all (largestPartSize in src/adapters/xlsx/zip.ts). */
  memoryMb?: number;
}

export interface Reply {
  index: number;
  result: FileResult;
  /** Whether the temporary file of the annotated copy was filled. */
  filled: boolean;
  /** Whether the temporary file of the corrected copy was filled. */
  fixFilled?: boolean;
}

/** What checkOne did: the file's result, and which temporary files it filled. */
export interface CheckOutcome {
  result: FileResult;
  filled: boolean;
  fixFilled: boolean;
}

export const OUT_OF_MEMORY = '内存不足，已跳过';

/** The batch's copies (AnnotatedCopies of each kind asked for). */
export interface BatchCopies {
  annotate: AnnotatedCopies | null;
  fix: AnnotatedCopies | null;
}

/**
 * After the check of a file: its copies moved to their names (or their temporary files removed), and what became
 * of them recorded in its result (copyError for the annotated copy; fix.copy or fix.error for the corrected one).
 */
export async function settleCopies(
  result: FileResult,
  copies: BatchCopies,
  plan: CopyPlan | null,
  filled: boolean,
  fixPlan: CopyPlan | null,
  fixFilled: boolean,
): Promise<FileResult> {
  let r = result;
  if (copies.annotate && plan) {
    const problem = await copies.annotate.finish(plan, filled);
    if (problem && r.result && !r.note) r = { ...r, copyError: problem };
  }
  if (copies.fix && fixPlan) {
    const problem = await copies.fix.finish(fixPlan, fixFilled);
    if (r.result && r.fix && !r.fix.note) {
      if (problem && r.fix.offered > 0) r = { ...r, fix: { ...r.fix, error: problem } };
      else if (fixFilled && fixPlan.target) r = { ...r, fix: { ...r.fix, copy: fixPlan.target } };
    }
  }
  return r;
}

/** True when this thread was started by the pool (see pool.ts). */
export function isPoolWorker(): boolean {
  return !isMainThread && !!parentPort && (workerData as { role?: string } | null)?.role === WORKER_ROLE;
}
