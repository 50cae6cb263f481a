/**
 * Checks many files, in a pool of worker threads when there are several files and several jobs.
 *
 * Guarantees (the sequential run is the reference):
 * - results come back in input order (`onResult` is called in input order, as soon as a file and
 *   every file before it are done), so the report, the JSON document and the exit code are identical;
 * - two inputs whose annotated copies have the same name are checked one after the other, in input
 *   order, so the copy left in the --annotate directory is the same as in a sequential run;
 * - a worker that dies (out of memory, crash) costs only the file it was checking, which gets an
 *   error line like any unreadable file; the others are still checked;
 * - when workers cannot be started at all (e.g. running from the TypeScript sources), the files are
 *   checked in this thread.
 */
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';
import type { Config } from '../core/config';
import type { FileResult } from './report';
import { type Reply, type Task, WORKER_ROLE, annotatedPath, checkFile } from './worker';

export interface CheckHooks {
  /** Called once per file, in input order. */
  onResult?(result: FileResult, index: number): void;
  /** Called when a file is started (sequential) or finished (pool): files finished so far, total, a file name. */
  onProgress?(done: number, total: number, file: string): void;
}

export interface CheckOptions {
  config: Config;
  annotate: string | null;
  /** Number of files checked at the same time; 1 = in this thread. */
  jobs: number;
  /** Worker script; default: this bundle when it is a .js/.cjs file. */
  script?: string | null;
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
  if (size <= 1 || !script) return sequential(files, opts, hooks);
  return pooled(files, opts, hooks, size, script);
}

async function sequential(files: string[], opts: CheckOptions, hooks: CheckHooks): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (let i = 0; i < files.length; i++) {
    hooks.onProgress?.(i, files.length, files[i]);
    const r = await checkFile(files[i], opts.config, opts.annotate);
    results.push(r);
    hooks.onResult?.(r, i);
  }
  return results;
}

type Message = Reply | { ready: true };

function pooled(files: string[], opts: CheckOptions, hooks: CheckHooks, size: number, script: string): Promise<FileResult[]> {
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
      worker: Worker;
      ready: boolean;
      current: number | null;
      closing: boolean;
    }
    const slots = new Set<Slot>();

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
        for (const s of slots) close(s);
        resolve(results as FileResult[]);
        return;
      }
      dispatch();
    };

    const close = (s: Slot) => {
      if (s.closing) return;
      s.closing = true;
      slots.delete(s);
      void s.worker.terminate();
    };

    const give = (s: Slot) => {
      if (s.current !== null || s.closing) return;
      const i = takeNext();
      if (i === null) {
        if (pending.length === 0) close(s); // nothing left for this worker
        return;
      }
      s.current = i;
      const task: Task = { index: i, file: files[i], config: opts.config, annotate: opts.annotate };
      s.worker.postMessage(task);
    };

    const dispatch = () => {
      if (finished) return;
      if (inProcess) return;
      for (const s of [...slots]) give(s);
      if (slots.size === 0 && pending.length > 0) runRestInProcess();
    };

    /** Fallback when no worker could be started: the remaining files in this thread, in order. */
    const runRestInProcess = async () => {
      if (inProcess) return;
      inProcess = true;
      while (pending.length > 0) {
        const i = pending.shift()!;
        finish(i, await checkFile(files[i], opts.config, opts.annotate));
      }
    };

    const fail = (s: Slot, reason: string) => {
      if (s.closing) return;
      const i = s.current;
      const wasReady = s.ready;
      close(s);
      if (i === null) {
        dispatch();
        return;
      }
      s.current = null;
      if (!wasReady && requeued[i]++ === 0) {
        // the worker never started: not the file's fault; give the file back and carry on without it
        if (keys[i]) busyKeys.delete(keys[i]);
        pending.unshift(i);
        dispatch();
        return;
      }
      finish(i, { file: files[i], error: `检查时出错：${reason}` });
      if (pending.length > 0 && !finished) spawn();
    };

    const spawn = () => {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: { role: WORKER_ROLE } });
      } catch {
        dispatch();
        return;
      }
      const s: Slot = { worker, ready: false, current: null, closing: false };
      slots.add(s);
      worker.on('message', (m: Message) => {
        if ('ready' in m) {
          s.ready = true;
          return;
        }
        if (s.current !== m.index) return;
        s.current = null;
        finish(m.index, m.result);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        fail(s, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? '内存不足，无法检查这个文件' : e.message);
      });
      worker.on('exit', (code) => {
        if (!s.closing) fail(s, `工作线程意外退出（代码 ${code}）`);
      });
      give(s);
    };

    hooks.onProgress?.(0, n, files[0]);
    for (let k = 0; k < size; k++) spawn();
  });
}
