/**
 * The checker page's state: the files the user gave, each one's progress and result, the 指标体系, and the
 * queue that checks them one after the other in the worker. Plain TypeScript with a subscribe/getState pair
 * (React reads it with useSyncExternalStore; tests drive it directly).
 */
import type { Config, Profile } from '../core/config';
import type { CheckResult } from '../core/findings';
import { Cancelled, type CheckerClient, type Source } from './client';
import type { Stage } from './protocol';

export type FileStatus = 'queued' | Stage | 'done' | 'failed' | 'cancelled';

export interface FileEntry {
  id: number;
  name: string;
  size: number;
  status: FileStatus;
  result?: CheckResult;
  format?: 'xlsx' | 'xls';
  error?: string;
}

export interface Progress {
  fraction: number;
  message: string;
}

export interface SessionState {
  files: FileEntry[];
  profile: Profile;
  progress: Progress | null;
}

/** What the page needs of a file the user picked (a File in the browser). */
export interface InputFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const STAGE_TEXT: Record<Stage, string> = { read: '正在读取', check: '正在校验' };

export class Session {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly inputs = new Map<number, InputFile>();
  private nextId = 1;
  private running = false;

  constructor(
    private readonly client: CheckerClient,
    profile: Profile = 'LOCAL',
  ) {
    this.state = { files: [], profile, progress: null };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private patchFile(id: number, patch: Partial<FileEntry>): void {
    this.set({ files: this.state.files.map((f) => (f.id === id ? { ...f, ...patch } : f)) });
  }

  config(): Config {
    return { profile: this.state.profile, rules: {} };
  }

  source(id: number): Source | null {
    const input = this.inputs.get(id);
    const entry = this.state.files.find((f) => f.id === id);
    if (!input || !entry) return null;
    return { id, name: entry.name, read: () => input.arrayBuffer() };
  }

  /** Adds files to the list and checks them (after those already waiting). */
  add(files: InputFile[]): void {
    if (files.length === 0) return;
    const entries = files.map((f): FileEntry => {
      const id = this.nextId++;
      this.inputs.set(id, f);
      return { id, name: f.name, size: f.size, status: 'queued' };
    });
    this.set({ files: [...this.state.files, ...entries] });
    void this.run();
  }

  /** Stops the file being checked and every file waiting; files already checked keep their results. */
  cancel(): void {
    if (!this.running) return;
    this.set({
      files: this.state.files.map((f) =>
        f.status === 'queued' || f.status === 'read' || f.status === 'check' ? { ...f, status: 'cancelled', error: '已取消' } : f,
      ),
      progress: null,
    });
    this.client.cancel();
  }

  /** Checks the cancelled files again. */
  resume(): void {
    this.set({ files: this.state.files.map((f) => (f.status === 'cancelled' ? { ...f, status: 'queued', error: undefined } : f)) });
    void this.run();
  }

  remove(id: number): void {
    const f = this.state.files.find((x) => x.id === id);
    if (!f) return;
    if (f.status === 'read' || f.status === 'check') this.cancel();
    this.inputs.delete(id);
    this.client.forget(id);
    this.set({ files: this.state.files.filter((x) => x.id !== id) });
    this.resume();
  }

  clear(): void {
    this.cancel();
    for (const f of this.state.files) this.client.forget(f.id);
    this.inputs.clear();
    this.set({ files: [], progress: null });
  }

  /** Another 指标体系: every file is checked again with it. */
  setProfile(profile: Profile): void {
    if (profile === this.state.profile) return;
    this.cancel();
    this.set({ profile, files: this.state.files.map((f) => ({ ...f, status: 'queued', result: undefined, error: undefined })) });
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const files = this.state.files;
        const next = files.find((f) => f.status === 'queued');
        if (!next) break;
        const pending = files.filter((f) => f.status === 'queued').length;
        const total = files.filter((f) => f.status !== 'cancelled').length;
        const done = total - pending;
        const progress = (stage: Stage) => {
          this.patchFile(next.id, { status: stage });
          const step = stage === 'read' ? 0 : 0.5;
          this.set({
            progress: { fraction: (done + step) / total, message: `${STAGE_TEXT[stage]}第 ${done + 1}/${total} 个文件：${next.name}` },
          });
        };
        const src = this.source(next.id);
        if (!src) continue;
        progress('read');
        try {
          const o = await this.client.check(src, this.config(), progress);
          if (!this.state.files.some((f) => f.id === next.id && (f.status === 'read' || f.status === 'check'))) continue;
          this.patchFile(next.id, o.ok ? { status: 'done', result: o.result, format: o.format } : { status: 'failed', error: o.error });
        } catch (e) {
          if (!(e instanceof Cancelled)) this.patchFile(next.id, { status: 'failed', error: (e as Error).message });
          else break;
        }
      }
    } finally {
      this.running = false;
      this.set({ progress: null });
    }
    // files queued while the last one was being cancelled
    if (this.state.files.some((f) => f.status === 'queued')) void this.run();
  }
}
