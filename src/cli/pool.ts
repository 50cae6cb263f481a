/**
 * Checks many files, each in a worker (also with --jobs 1), with a time and a memory bound per file.
 *
 * Workers are worker threads running the bundle; the memory bound is their resourceLimits (old generation).
 *
 * Guarantees (the sequential run is the reference):
 * - results come back in input order (`onResult` is called in input order, as soon as a file and
 *   every file before it are done), so the report, the JSON document and the exit code are identical;
 * - two inputs whose annotated (or corrected) copies have the same name are checked one after the other, in input
 *   order, so the copy left in the --annotate (--fix) directory is the same as in a sequential run;
 * - no file can stop the batch: a file that takes longer than the time bound or needs more than the memory
 *   bound has its worker terminated and gets one line (超过时间限制（N 秒），已跳过 / 内存不足，已跳过); a
 *   worker that dies otherwise costs only its file too; the others are still checked;
 * - when workers cannot be started at all (e.g. running from the TypeScript sources), the files are
 *   checked in this thread (without the bounds).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Worker } from 'worker_threads';
import type { Config } from '../core/config';
import { AnnotatedCopies, type CopyPlan, FIXED, annotatedPath, fixedPath } from './copies';
import type { FileResult } from './report';
import { onInterrupt } from './safe-write';
import { type BatchCopies, OUT_OF_MEMORY, type Reply, type Task, WORKER_ROLE, settleCopies } from './tasks';

/** The check of one file in this thread (loaded on first use: the reader and the core are the worker's). */
const checkFile: typeof import('./worker').checkFile = async (...args) => (await import('./worker')).checkFile(...args);

export { OUT_OF_MEMORY };

import { MIN_FILE_MEMORY_MB, fileBounds, timeoutMessage } from './bounds';

export { DEFAULT_FILE_MEMORY_MB, DEFAULT_FILE_TIMEOUT_MS, MIN_FILE_MEMORY_MB, fileBounds, timeoutMessage } from './bounds';

export interface CheckHooks {
  /** Called once per file, in input order. */
  onResult?(result: FileResult, index: number): void;
  /** Called when a file is started (sequential) or finished (pool): files finished so far, total, a file name. */
  onProgress?(done: number, total: number, file: string): void;
}

export interface CheckOptions {
  config: Config;
  annotate: string | null;
  /** The --fix folder (corrected copies), when asked for. */
  fix?: string | null;
  /** Replace existing annotated and corrected copies. */
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
 * The worker's young generation (MB): V8 would let it grow to 3 × 16 MB. 3 MB keeps the peak memory of a check of
 * 1,000 tables ~28 MB lower, for more garbage-collection work: measured with --trace-gc on that check, 145 ms at
 * 16 MB (24 scavenges), 135-272 ms at 4 MB (66), 208 ms at 3 MB (127); peak RSS 108, 100 and 97 MB
 * (bench/RESULTS.md, CLI against the floor).
 */
const YOUNG_GENERATION_MB = 3;

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

/**
 * The script a worker thread runs: the worker bundle next to this one (dist/cli/jxmb-worker.cjs, see worker-main.ts),
 * else this bundle itself (main.ts starts a worker too); null from TypeScript sources.
 */
export function bundledScript(): string | null {
  if (!/\.c?js$/i.test(__filename)) return null;
  const worker = __filename.replace(/(\.c?js)$/i, '-worker$1');
  return fs.existsSync(worker) ? worker : __filename;
}

export async function checkFiles(files: string[], opts: CheckOptions, hooks: CheckHooks = {}): Promise<FileResult[]> {
  const script = opts.script === undefined ? bundledScript() : opts.script;
  const size = Math.min(Math.max(1, Math.floor(opts.jobs) || 1), files.length);
  const copies: BatchCopies = {
    annotate: opts.annotate ? new AnnotatedCopies(opts.annotate, !!opts.force) : null,
    fix: opts.fix ? new AnnotatedCopies(opts.fix, !!opts.force, FIXED) : null,
  };
  if (files.length === 0) return [];
  if (!script) return sequential(files, opts, hooks, copies);
  return new Pool(files, opts, hooks, script, copies).run(size);
}

async function sequential(files: string[], opts: CheckOptions, hooks: CheckHooks, copies: BatchCopies): Promise<FileResult[]> {
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

interface Slot {
  worker: Runner;
  ready: boolean;
  current: number | null;
  plan: CopyPlan | null;
  fixPlan: CopyPlan | null;
  timer: NodeJS.Timeout | null;
  closing: boolean;
}

/** The copies' paths of each file (resolved), for checking files whose copies share a name one after the other. */
function copyKeys(files: string[], opts: CheckOptions): string[][] {
  return files.map((f) => {
    const keys: string[] = [];
    const a = opts.annotate ? annotatedPath(f, opts.annotate) : null;
    const x = opts.fix ? fixedPath(f, opts.fix) : null;
    if (a) keys.push(path.resolve(a));
    if (x) keys.push(path.resolve(x));
    return keys;
  });
}

/** One batch run in worker threads (see the guarantees at the top of this file). */
class Pool {
  private readonly n: number;
  private readonly results: (FileResult | undefined)[];
  /** Copies with the same name must be written in input order. */
  private readonly keys: string[][];
  private readonly pending: number[];
  /** How often a file was given back because its worker died before it started. */
  private readonly requeued: number[];
  private readonly busyKeys = new Set<string>();
  private readonly slots = new Set<Slot>();
  private readonly timeoutMs: number;
  private readonly memoryMb: number;
  private emitted = 0;
  private done = 0;
  private finished = false;
  private inProcess = false;
  private resolve: (r: FileResult[]) => void = () => {};
  private unhook: () => void = () => {};

  constructor(
    private readonly files: string[],
    private readonly opts: CheckOptions,
    private readonly hooks: CheckHooks,
    private readonly script: string,
    private readonly copies: BatchCopies,
  ) {
    const bounds = fileBounds();
    this.timeoutMs = opts.timeoutMs ?? bounds.timeoutMs;
    this.memoryMb = Math.max(MIN_FILE_MEMORY_MB, opts.memoryMb ?? bounds.memoryMb);
    this.n = files.length;
    this.results = new Array(this.n);
    this.keys = copyKeys(files, opts);
    this.pending = files.map((_, i) => i);
    this.requeued = files.map(() => 0);
  }

  run(size: number): Promise<FileResult[]> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      // Ctrl+C while copies are being written: stop every worker before the temporary files are removed
      this.unhook = onInterrupt(() => {
        for (const s of this.slots) s.worker.kill();
      });
      this.hooks.onProgress?.(0, this.n, this.files[0]);
      for (let k = 0; k < size; k++) this.spawn();
    });
  }

  private takeNext(): number | null {
    const { pending, keys } = this;
    for (let k = 0; k < pending.length; k++) {
      const i = pending[k];
      const mine = keys[i];
      if (mine.some((key) => this.busyKeys.has(key))) continue;
      let earlier = false;
      for (let j = 0; j < k && !earlier; j++) if (keys[pending[j]].some((key) => mine.includes(key))) earlier = true;
      if (earlier) continue;
      for (const key of mine) this.busyKeys.add(key);
      pending.splice(k, 1);
      return i;
    }
    return null;
  }

  private release(i: number): void {
    for (const key of this.keys[i]) this.busyKeys.delete(key);
  }

  private finish(i: number, r: FileResult): void {
    if (this.results[i]) return;
    this.results[i] = r;
    this.done++;
    this.release(i);
    this.hooks.onProgress?.(this.done, this.n, this.files[i]);
    while (this.emitted < this.n && this.results[this.emitted]) {
      this.hooks.onResult?.(this.results[this.emitted]!, this.emitted);
      this.emitted++;
    }
    if (this.done === this.n && !this.finished) {
      this.finished = true;
      this.unhook();
      for (const s of this.slots) this.close(s);
      this.resolve(this.results as FileResult[]);
      return;
    }
    this.dispatch();
  }

  private stopTimer(s: Slot): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
  }

  private abandon(plan: CopyPlan | null, fixPlan: CopyPlan | null): void {
    if (plan && this.copies.annotate) this.copies.annotate.abandon(plan);
    if (fixPlan && this.copies.fix) this.copies.fix.abandon(fixPlan);
  }

  private close(s: Slot): void {
    if (s.closing) return;
    s.closing = true;
    this.stopTimer(s);
    this.slots.delete(s);
    const { plan, fixPlan } = s;
    s.plan = null;
    s.fixPlan = null;
    this.abandon(plan, fixPlan);
    // a worker stopped half-way may still create its temporary files before it is gone: remove them after
    const after = () => this.abandon(plan, fixPlan);
    void s.worker.terminate().then(after, after);
  }

  private startTimer(s: Slot): void {
    if (s.current === null || !s.ready || s.timer) return;
    s.timer = setTimeout(() => {
      s.timer = null;
      this.fail(s, timeoutMessage(this.timeoutMs), true);
    }, this.timeoutMs);
  }

  private give(s: Slot): void {
    if (s.current !== null || s.closing) return;
    const i = this.takeNext();
    if (i === null) {
      if (this.pending.length === 0) this.close(s); // nothing left for this worker
      return;
    }
    const file = this.files[i];
    s.current = i;
    s.plan = this.copies.annotate ? this.copies.annotate.plan(file) : null;
    s.fixPlan = this.copies.fix ? this.copies.fix.plan(file) : null;
    const task: Task = {
      index: i,
      file,
      config: this.opts.config,
      copy: s.plan ? { tmp: s.plan.tmp } : null,
      fix: s.fixPlan ? { tmp: s.fixPlan.tmp } : null,
      memoryMb: this.memoryMb,
    };
    s.worker.post(task);
    this.startTimer(s);
  }

  private dispatch(): void {
    if (this.finished || this.inProcess) return;
    for (const s of [...this.slots]) this.give(s);
    if (this.slots.size === 0 && this.pending.length > 0) void this.runRestInProcess();
  }

  /** Fallback when no worker could be started: the remaining files in this thread, in order. */
  private async runRestInProcess(): Promise<void> {
    if (this.inProcess) return;
    this.inProcess = true;
    while (this.pending.length > 0) {
      const i = this.pending.shift()!;
      this.finish(i, await checkFile(this.files[i], this.opts.config, this.copies));
    }
  }

  /** The worker of `s` is given up (it died, or its file hit a bound): `message` is its file's line. */
  private fail(s: Slot, message: string, fileFault = false): void {
    if (s.closing) return;
    const i = s.current;
    const wasReady = s.ready;
    this.close(s);
    if (i === null) {
      this.dispatch();
      return;
    }
    s.current = null;
    if (!fileFault && !wasReady && this.requeued[i]++ === 0) {
      // the worker never started: not the file's fault; give the file back and carry on without it
      this.release(i);
      this.pending.unshift(i);
      this.dispatch();
      return;
    }
    this.finish(i, { file: this.files[i], error: message });
    if (this.pending.length > 0 && !this.finished) this.spawn();
  }

  private onReply(s: Slot, m: Reply): void {
    if (s.current !== m.index || s.closing) return;
    this.stopTimer(s);
    const { plan, fixPlan } = s;
    s.current = null;
    s.plan = null;
    s.fixPlan = null;
    const i = m.index;
    settleCopies(m.result, this.copies, plan, m.filled === true, fixPlan, m.fixFilled === true).then(
      (r) => this.finish(i, r),
      (e) => this.finish(i, { ...m.result, copyError: `无法写入标注副本：${(e as Error).message}` }),
    );
    this.give(s);
  }

  private spawn(): void {
    let worker: Runner;
    try {
      worker = threadRunner(this.script, this.memoryMb);
    } catch {
      this.dispatch();
      return;
    }
    const s: Slot = { worker, ready: false, current: null, plan: null, fixPlan: null, timer: null, closing: false };
    this.slots.add(s);
    worker.on('message', (m: Message) => {
      if (!('ready' in m)) return this.onReply(s, m);
      s.ready = true;
      this.startTimer(s);
    });
    worker.onFailure((message, oom) => {
      if (!s.closing) this.fail(s, oom ? OUT_OF_MEMORY : (message ?? OUT_OF_MEMORY), oom);
    });
    this.give(s);
  }
}
