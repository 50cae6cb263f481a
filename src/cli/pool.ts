/**
 * Checks many files, each in a worker (also with --jobs 1), with a time and a memory bound per file.
 *
 * Workers are worker threads running the bundle; the memory bound is their resourceLimits (old generation).
 *
 * Guarantees (the sequential run is the reference):
 * - results come back in input order (`onResult` is called in input order, as soon as a file and
 *   every file before it are done), so the report, the JSON document and the exit code are identical;
 * - two inputs whose annotated copies have the same name are checked one after the other, in input
 *   order, so the copy left in the --annotate directory is the same as in a sequential run;
 * - no file can stop the batch: a file that takes longer than the time bound or needs more than the memory
 *   bound has its worker terminated and gets one line (超过时间限制（N 秒），已跳过 / 内存不足，已跳过); a
 *   worker that dies otherwise costs only its file too; the others are still checked;
 * - when workers cannot be started at all (e.g. running from the TypeScript sources), the files are
 *   checked in this thread (without the bounds).
 */
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';
import type { Config } from '../core/config';
import { AnnotatedCopies, type CopyPlan } from './copies';
import type { FileResult } from './report';
import { onInterrupt } from './safe-write';
import { OUT_OF_MEMORY, type Reply, type Task, WORKER_ROLE, annotatedPath, checkFile } from './worker';

export { OUT_OF_MEMORY };

/** Time bound per file (ms), unless JXMB_FILE_TIMEOUT_MS says otherwise. */
export const DEFAULT_FILE_TIMEOUT_MS = 120_000;
/** Memory bound per file: the worker's old-generation heap (MB), unless JXMB_FILE_MEMORY_MB says otherwise. */
export const DEFAULT_FILE_MEMORY_MB = 1024;

function positiveInt(v: string | undefined, fallback: number): number {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return fallback;
  const n = parseInt(v, 10);
  return n > 0 ? n : fallback;
}

/**
 * The smallest memory bound used. Below it, a worker thread that runs out of memory often takes the whole
 * process down (V8's fatal "heap out of memory"): Node gives a thread that reached its limit only 16 MB of
 * leeway to stop, and with a small heap a file's reading outruns it.
 */
export const MIN_FILE_MEMORY_MB = 64;

/** The bounds from the environment (JXMB_FILE_TIMEOUT_MS, JXMB_FILE_MEMORY_MB), else the defaults. */
export function fileBounds(env: NodeJS.ProcessEnv = process.env): { timeoutMs: number; memoryMb: number } {
  return {
    timeoutMs: positiveInt(env.JXMB_FILE_TIMEOUT_MS, DEFAULT_FILE_TIMEOUT_MS),
    memoryMb: Math.max(MIN_FILE_MEMORY_MB, positiveInt(env.JXMB_FILE_MEMORY_MB, DEFAULT_FILE_MEMORY_MB)),
  };
}

/** "超过时间限制（120 秒），已跳过" (fractions of a second kept for small bounds). */
export function timeoutMessage(ms: number): string {
  return `超过时间限制（${Number((ms / 1000).toFixed(3))} 秒），已跳过`;
}

export interface CheckHooks {
  /** Called once per file, in input order. */
  onResult?(result: FileResult, index: number): void;
  /** Called when a file is started (sequential) or finished (pool): files finished so far, total, a file name. */
  onProgress?(done: number, total: number, file: string): void;
}

export interface CheckOptions {
  config: Config;
  annotate: string | null;
  /** Replace existing annotated copies. */
  force?: boolean;
  /** Number of files checked at the same time. */
  jobs: number;
  /** Worker script; default: this bundle when it is a .js/.cjs file; null: check in this thread. */
  script?: string | null;
  /** Bounds per file; default: fileBounds(). */
  timeoutMs?: number;
  memoryMb?: number;
}

/** The pool's view of a worker (a worker thread). */
interface Runner {
  post(task: Task): void;
  /** Stops the worker at once, synchronously (on Ctrl+C). */
  kill(): void;
  on(event: 'message', f: (m: Message) => void): void;
  /** `oom`: the worker ran out of memory. */
  onFailure(f: (message: string | null, oom: boolean) => void): void;
  terminate(): Promise<unknown>;
}

/**
 * The worker's young generation (MB): V8 would let it grow to 3 × 16 MB; 4 MB keeps the peak memory of a check of
 * 1,000 tables ~25 MB lower for a few per cent more garbage-collection work (bench/RESULTS.md, CLI against the floor).
 */
const YOUNG_GENERATION_MB = 4;

function threadRunner(script: string, memoryMb: number): Runner {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const worker = new Worker(script, { workerData: { role: WORKER_ROLE }, resourceLimits });
  return {
    post: (task) => worker.postMessage(task),
    on: (_event, f) => {
      worker.on('message', f);
    },
    onFailure: (f) => {
      worker.on('error', (e: Error & { code?: string }) =>
        f(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? null : `检查时出错：${e.message}`, e.code === 'ERR_WORKER_OUT_OF_MEMORY'),
      );
      worker.on('exit', (code) => f(`检查时出错：工作线程意外退出（代码 ${code}）`, false));
    },
    kill: () => void worker.terminate(),
    terminate: () => worker.terminate(),
  };
}

/**
 * Default for --jobs: one thread fewer than the OS offers (as jest does). Checking is
 * allocation-heavy (XML parsing, GC threads), so on a 2-thread machine a second worker measured
 * slower than checking in-process (bench/RESULTS.md); larger machines still gain.
 */
export function defaultJobs(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, (n || 1) - 1);
}

/** The script a worker thread runs: the bundle itself (dist/cli/jxmb.cjs); null from TypeScript sources. */
export function bundledScript(): string | null {
  return /\.c?js$/i.test(__filename) ? __filename : null;
}

export async function checkFiles(files: string[], opts: CheckOptions, hooks: CheckHooks = {}): Promise<FileResult[]> {
  const script = opts.script === undefined ? bundledScript() : opts.script;
  const size = Math.min(Math.max(1, Math.floor(opts.jobs) || 1), files.length);
  const copies = opts.annotate ? new AnnotatedCopies(opts.annotate, !!opts.force) : null;
  if (files.length === 0) return [];
  if (!script) return sequential(files, opts, hooks, copies);
  return pooled(files, opts, hooks, size, script, copies);
}

async function sequential(files: string[], opts: CheckOptions, hooks: CheckHooks, copies: AnnotatedCopies | null): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    hooks.onProgress?.(i, files.length, files[i]);
    const r = await checkFile(files[i], opts.config, copies);
    results.push(r);
    hooks.onResult?.(r, i);
  }
  return results;
}

type Message = Reply | { ready: true };

function pooled(
  files: string[],
  opts: CheckOptions,
  hooks: CheckHooks,
  size: number,
  script: string,
  copies: AnnotatedCopies | null,
): Promise<FileResult[]> {
  const bounds = fileBounds();
  const timeoutMs = opts.timeoutMs ?? bounds.timeoutMs;
  const memoryMb = Math.max(MIN_FILE_MEMORY_MB, opts.memoryMb ?? bounds.memoryMb);
  return new Promise((resolve) => {
    const n = files.length;
    const results: (FileResult | undefined)[] = new Array(n);
    // annotated copies with the same name must be written in input order
    const keys = files.map((f) => {
      if (!opts.annotate) return '';
      const out = annotatedPath(f, opts.annotate);
      return out ? path.resolve(out) : '';
    });
    const pending: number[] = files.map((_, i) => i);
    /** How often a file was given back because its worker died before it started. */
    const requeued: number[] = files.map(() => 0);
    const busyKeys = new Set<string>();
    let emitted = 0;
    let done = 0;
    let finished = false;
    let inProcess = false;

    interface Slot {
      worker: Runner;
      ready: boolean;
      current: number | null;
      plan: CopyPlan | null;
      timer: NodeJS.Timeout | null;
      closing: boolean;
    }
    const slots = new Set<Slot>();
    // Ctrl+C while copies are being written: stop every worker before the temporary files are removed
    const unhook = onInterrupt(() => {
      for (const s of slots) s.worker.kill();
    });

    const takeNext = (): number | null => {
      for (let k = 0; k < pending.length; k++) {
        const i = pending[k];
        const key = keys[i];
        if (key) {
          if (busyKeys.has(key)) continue;
          let earlier = false;
          for (let j = 0; j < k; j++) if (keys[pending[j]] === key) earlier = true;
          if (earlier) continue;
          busyKeys.add(key);
        }
        pending.splice(k, 1);
        return i;
      }
      return null;
    };

    const finish = (i: number, r: FileResult) => {
      if (results[i]) return;
      results[i] = r;
      done++;
      if (keys[i]) busyKeys.delete(keys[i]);
      hooks.onProgress?.(done, n, files[i]);
      while (emitted < n && results[emitted]) {
        hooks.onResult?.(results[emitted]!, emitted);
        emitted++;
      }
      if (done === n && !finished) {
        finished = true;
        unhook();
        for (const s of slots) close(s);
        resolve(results as FileResult[]);
        return;
      }
      dispatch();
    };

    const stopTimer = (s: Slot) => {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
    };

    const close = (s: Slot) => {
      if (s.closing) return;
      s.closing = true;
      stopTimer(s);
      slots.delete(s);
      const plan = s.plan;
      s.plan = null;
      if (plan && copies) copies.abandon(plan);
      // a worker stopped half-way may still create its temporary file before it is gone: remove it after
      void s.worker.terminate().then(
        () => plan && copies?.abandon(plan),
        () => plan && copies?.abandon(plan),
      );
    };

    const startTimer = (s: Slot) => {
      if (s.current === null || !s.ready || s.timer) return;
      s.timer = setTimeout(() => {
        s.timer = null;
        fail(s, timeoutMessage(timeoutMs), true);
      }, timeoutMs);
    };

    const give = (s: Slot) => {
      if (s.current !== null || s.closing) return;
      const i = takeNext();
      if (i === null) {
        if (pending.length === 0) close(s); // nothing left for this worker
        return;
      }
      s.current = i;
      s.plan = copies ? copies.plan(files[i]) : null;
      const task: Task = { index: i, file: files[i], config: opts.config, copy: s.plan ? { tmp: s.plan.tmp } : null, memoryMb };
      s.worker.post(task);
      startTimer(s);
    };

    const dispatch = () => {
      if (finished) return;
      if (inProcess) return;
      for (const s of [...slots]) give(s);
      if (slots.size === 0 && pending.length > 0) void runRestInProcess();
    };

    /** Fallback when no worker could be started: the remaining files in this thread, in order. */
    const runRestInProcess = async () => {
      if (inProcess) return;
      inProcess = true;
      while (pending.length > 0) {
        const i = pending.shift()!;
        finish(i, await checkFile(files[i], opts.config, copies));
      }
    };

    /** The worker of `s` is given up (it died, or its file hit a bound): `message` is its file's line. */
    const fail = (s: Slot, message: string, fileFault = false) => {
      if (s.closing) return;
      const i = s.current;
      const wasReady = s.ready;
      close(s);
      if (i === null) {
        dispatch();
        return;
      }
      s.current = null;
      if (!fileFault && !wasReady && requeued[i]++ === 0) {
        // the worker never started: not the file's fault; give the file back and carry on without it
        if (keys[i]) busyKeys.delete(keys[i]);
        pending.unshift(i);
        dispatch();
        return;
      }
      finish(i, { file: files[i], error: message });
      if (pending.length > 0 && !finished) spawn();
    };

    const spawn = () => {
      let worker: Runner;
      try {
        worker = threadRunner(script, memoryMb);
      } catch {
        dispatch();
        return;
      }
      const s: Slot = { worker, ready: false, current: null, plan: null, timer: null, closing: false };
      slots.add(s);
      worker.on('message', (m: Message) => {
        if ('ready' in m) {
          s.ready = true;
          startTimer(s);
          return;
        }
        if (s.current !== m.index || s.closing) return;
        stopTimer(s);
        const plan = s.plan;
        s.current = null;
        s.plan = null;
        const i = m.index;
        const settle = async (): Promise<FileResult> => {
          if (!plan || !copies) return m.result;
          const problem = await copies.finish(plan, m.filled === true);
          return problem && m.result.result && !m.result.note ? { ...m.result, copyError: problem } : m.result;
        };
        settle().then(
          (r) => finish(i, r),
          (e) => finish(i, { ...m.result, copyError: `无法写入标注副本：${(e as Error).message}` }),
        );
        give(s);
      });
      worker.onFailure((message, oom) => {
        if (!s.closing) fail(s, oom ? OUT_OF_MEMORY : (message ?? OUT_OF_MEMORY), oom);
      });
      give(s);
    };

    hooks.onProgress?.(0, n, files[0]);
    for (let k = 0; k < size; k++) spawn();
  });
}
