/**
 * The page's side of the checker worker: one worker at a time, files checked one after the other, answers
 * matched to questions. Cancelling (and a worker that dies, e.g. out of memory on a huge file) terminates the
 * worker and starts a new one; files checked before are then read again from their File object when the page
 * asks about them, so nothing the user sees is lost.
 */
import type { Config } from '../core/config';
import type { CheckResult } from '../core/findings';
import type { CellWindow, Reply, Request, Stage, SummaryFile } from './protocol';

export type CheckOutcome = { ok: true; result: CheckResult; format: 'xlsx' | 'xls' } | { ok: false; error: string };

export class Cancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'Cancelled';
  }
}

/** What the page shows when the worker died while it was busy with a file. */
export const WORKER_DIED = '浏览器无法完成该文件的检查（文件过大或内存不足）。可以关闭其他标签页后重试，或使用命令行版本检查。';

interface Waiting {
  match: (r: Reply) => boolean;
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
  onProgress?: (stage: Stage) => void;
  id?: number;
}

export interface Source {
  id: number;
  name: string;
  /** The file's bytes (read again when the worker has to be restarted). */
  read(): Promise<ArrayBuffer>;
}

export class CheckerClient {
  private worker: Worker | null = null;
  private waiting: Waiting[] = [];
  /** Files the current worker holds (checked with `heldConfig`). */
  private held = new Set<number>();
  private heldConfig = '';

  constructor(private readonly makeWorker: () => Worker) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<Reply>) => this.receive(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.restart(new Error(WORKER_DIED));
    };
    this.worker = w;
    return w;
  }

  private receive(r: Reply): void {
    if (r.kind === 'progress') {
      for (const w of this.waiting) if (w.id === r.id) w.onProgress?.(r.stage);
      return;
    }
    const i = this.waiting.findIndex((w) => w.match(r));
    if (i < 0) return;
    const [w] = this.waiting.splice(i, 1);
    w.resolve(r);
  }

  /** Terminates the worker; everything waiting is rejected with `reason`. */
  private restart(reason: Error): void {
    this.worker?.terminate();
    this.worker = null;
    this.held.clear();
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w.reject(reason);
  }

  private ask(req: Request, match: (r: Reply) => boolean, transfer: Transferable[] = [], extra: Partial<Waiting> = {}): Promise<Reply> {
    const w = this.ensure();
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.push({ match, resolve, reject, ...extra });
      w.postMessage(req, transfer);
    });
  }

  /** Reads and checks one file. Rejects with Cancelled when cancelled. A file the worker cannot finish is an outcome with an error. */
  async check(src: Source, config: Config, onProgress?: (stage: Stage) => void): Promise<CheckOutcome> {
    const key = JSON.stringify(config);
    if (key !== this.heldConfig) {
      this.held.clear();
      this.heldConfig = key;
    }
    const bytes = await src.read();
    try {
      const r = await this.ask(
        { kind: 'check', id: src.id, name: src.name, bytes, config },
        (x) => (x.kind === 'checked' || x.kind === 'failed') && x.id === src.id,
        [bytes],
        {
          id: src.id,
          onProgress,
        },
      );
      if (r.kind === 'checked') {
        this.held.add(src.id);
        return { ok: true, result: r.result, format: r.format };
      }
      return { ok: false, error: r.kind === 'failed' ? r.error : WORKER_DIED };
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      return { ok: false, error: (e as Error).message };
    }
  }

  /** Makes sure the worker holds `src` (after a restart it is read and checked again, quietly). */
  private async hold(src: Source, config: Config): Promise<boolean> {
    if (this.held.has(src.id) && this.heldConfig === JSON.stringify(config)) return true;
    const o = await this.check(src, config);
    return o.ok;
  }

  async window(
    src: Source,
    config: Config,
    sheet: string,
    top: number,
    left: number,
    rows: number,
    cols: number,
  ): Promise<CellWindow | null> {
    if (!(await this.hold(src, config))) return null;
    const r = await this.ask({ kind: 'window', id: src.id, sheet, top, left, rows, cols }, (x) => x.kind === 'window' && x.id === src.id);
    return r.kind === 'window' ? r.window : null;
  }

  /** The annotated copy's bytes, or a Chinese reason. */
  async annotate(src: Source, config: Config): Promise<{ bytes: Uint8Array } | { error: string }> {
    if (!(await this.hold(src, config))) return { error: '无法重新读取该文件' };
    const r = await this.ask({ kind: 'annotate', id: src.id }, (x) => x.kind === 'annotated' && x.id === src.id);
    if (r.kind === 'annotated' && r.bytes) return { bytes: new Uint8Array(r.bytes) };
    return { error: r.kind === 'annotated' && r.error ? r.error : '无法生成标注副本' };
  }

  async summary(files: SummaryFile[]): Promise<{ bytes: Uint8Array } | { error: string }> {
    const r = await this.ask({ kind: 'summary', files }, (x) => x.kind === 'summary');
    if (r.kind === 'summary' && r.bytes) return { bytes: new Uint8Array(r.bytes) };
    return { error: r.kind === 'summary' && r.error ? r.error : '无法生成汇总表' };
  }

  /** The worker no longer needs to hold this file. */
  forget(id: number): void {
    this.held.delete(id);
    this.worker?.postMessage({ kind: 'forget', id } satisfies Request);
  }

  /** Stops whatever the worker is doing. */
  cancel(): void {
    this.restart(new Cancelled());
  }
}
