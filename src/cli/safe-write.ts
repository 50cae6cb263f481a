/**
 * Writing output files safely (the annotated copies of `--annotate`, `new --out`; the same rules as the
 * `--summary` workbook in summary.ts):
 *
 * - an existing file is replaced only with `force`; a symbolic link is never written through (not even with
 *   `force`), nor anything that is not a regular file;
 * - the data go to a temporary file in the target's folder (created exclusively, so it never follows or reuses
 *   an existing entry) that is renamed at the end: an interruption or a failure never leaves a partial or
 *   empty file under the target's name;
 * - every temporary file is registered while it exists; on SIGINT/SIGTERM they are all removed before the
 *   process ends with that signal;
 * - folders are created one level at a time with a bounded number of steps (Node's recursive mkdir loops for
 *   ever on /proc).
 *
 * Messages are one Chinese line; nothing here prints.
 */
import { randomBytes } from 'crypto';
import { lstatSync, promises as fs, unlinkSync } from 'fs';
import path from 'path';

export class WriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteError';
  }
}

/** A Chinese reason for a failed file-system call. */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return process.platform === 'win32' ? '文件可能正在 Excel 或 WPS 中打开，请关闭后重试（或没有写入权限）' : '没有写入权限';
  if (code === 'EBUSY') return '文件正在被其他程序使用（可能已在 Excel 或 WPS 中打开），请关闭后重试';
  if (code === 'ENOSPC') return '磁盘空间不足';
  if (code === 'EROFS') return '所在磁盘是只读的';
  if (code === 'ENOENT') return '所在文件夹不存在';
  if (code === 'ENOTDIR') return '路径中有一级不是文件夹';
  if (code === 'EISDIR') return '这是一个文件夹';
  return code ?? (e as Error).message;
}

// ---- temporary files, removed on Ctrl+C ----

const temps = new Set<string>();
let listening = false;
const beforeRemoval = new Set<() => void>();

/**
 * Registers a synchronous action run on SIGINT/SIGTERM before the temporary files are removed (the pool
 * stops its workers there, so none can recreate a file afterwards). Returns the function that unregisters it.
 */
export function onInterrupt(f: () => void): () => void {
  beforeRemoval.add(f);
  return () => beforeRemoval.delete(f);
}

function onSignal(signal: NodeJS.Signals): void {
  for (const f of beforeRemoval) {
    try {
      f();
    } catch {
      // the files are removed whatever happens
    }
  }
  removeAllTemps();
  stopListening();
  process.kill(process.pid, signal); // the default action now: the process ends as it would have
}

function stopListening(): void {
  if (!listening) return;
  listening = false;
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
}

/** Removes every registered temporary file (synchronously: also usable in a signal handler). */
export function removeAllTemps(): void {
  for (const t of [...temps]) discardTemp(t);
}

/** A new temporary path next to `target` (not created), registered for removal on SIGINT/SIGTERM. */
export function newTemp(target: string): string {
  const abs = path.resolve(target);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  temps.add(tmp);
  if (!listening) {
    listening = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return tmp;
}

/** Removes a temporary file (if it was created) and forgets it. */
export function discardTemp(tmp: string): void {
  try {
    unlinkSync(tmp);
  } catch {
    // never created, or already gone
  }
  forgetTemp(tmp);
}

function forgetTemp(tmp: string): void {
  temps.delete(tmp);
  if (temps.size === 0) stopListening();
}

/** The registered temporary files (for tests). */
export function pendingTemps(): string[] {
  return [...temps];
}

/**
 * Creates the temporary file exclusively (never an existing entry, never through a link), then lets `write`
 * fill it (a writer that takes a path, such as exceljs' writeFile), or writes `data` into it.
 */
export async function fillTemp(tmp: string, data: Uint8Array | ((file: string) => Promise<unknown>)): Promise<void> {
  const handle = await fs.open(tmp, 'wx', 0o644);
  try {
    if (typeof data !== 'function') {
      await handle.writeFile(data);
      await handle.sync();
    }
  } finally {
    await handle.close();
  }
  if (typeof data === 'function') await data(tmp);
}

// ---- the target ----

/** What the target is called in messages: 标注副本, 汇总文件, 文件 … */
export interface TargetOptions {
  force: boolean;
  what: string;
}

function problemOf(st: { isSymbolicLink(): boolean; isFile(): boolean } | null, target: string, opts: TargetOptions): string | null {
  if (!st) return null;
  if (st.isSymbolicLink()) return `${opts.what} ${target} 是一个符号链接，为安全起见不会写入；请换一个文件名或删除该链接`;
  if (!st.isFile()) return `${opts.what} ${target} 已存在且不是普通文件，无法写入`;
  if (!opts.force) return `${opts.what}已存在：${target}（如需覆盖请加 --force）`;
  return null;
}

/** Why `target` must not be written (a Chinese line), or null. Never follows a link. */
export async function targetProblem(target: string, opts: TargetOptions): Promise<string | null> {
  return problemOf(await fs.lstat(target).catch(() => null), target, opts);
}

/** targetProblem, synchronously (cheap: one lstat). */
export function targetProblemSync(target: string, opts: TargetOptions): string | null {
  let st = null;
  try {
    st = lstatSync(target);
  } catch {
    // does not exist
  }
  return problemOf(st, target, opts);
}

/**
 * Moves a filled temporary file to `target`, checking the target again just before. Without `force` an
 * existing target is never replaced (a hard link makes the last step fail when one appeared meanwhile).
 * The temporary file is gone afterwards in every case. Throws WriteError.
 */
export async function commitTemp(tmp: string, target: string, opts: TargetOptions): Promise<void> {
  const abs = path.resolve(target);
  try {
    const again = await targetProblem(target, opts);
    if (again) throw new WriteError(again);
    if (opts.force) {
      await fs.rename(tmp, abs);
      return;
    }
    try {
      await fs.link(tmp, abs); // fails with EEXIST when the target appeared in the meantime
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new WriteError(`${opts.what}已存在：${target}（如需覆盖请加 --force）`);
      await fs.rename(tmp, abs); // a file system without hard links: the check above has to do
    }
  } catch (e) {
    if (e instanceof WriteError) throw e;
    throw new WriteError(`无法写入${opts.what} ${target}：${reasonOf(e)}`);
  } finally {
    discardTemp(tmp);
  }
}

/** Writes `data` (bytes, or a writer that takes a path) to `target` safely; throws WriteError. */
export async function writeFileSafely(
  target: string,
  data: Uint8Array | ((file: string) => Promise<unknown>),
  opts: TargetOptions,
): Promise<void> {
  const first = await targetProblem(target, opts);
  if (first) throw new WriteError(first);
  const tmp = newTemp(target);
  try {
    await fillTemp(tmp, data);
  } catch (e) {
    discardTemp(tmp);
    throw new WriteError(`无法写入${opts.what} ${target}：${reasonOf(e)}`);
  }
  await commitTemp(tmp, target, opts);
}

// ---- folders ----

/** At most this many missing levels are created (a bound, whatever the file system answers). */
const MAX_LEVELS = 64;

/**
 * Makes sure `dir` is a folder, creating the missing levels one at a time. Returns a Chinese reason when it
 * is not possible (`what`: how the folder is called, e.g. 标注副本目录), or null.
 */
export async function ensureDir(dir: string, what: string): Promise<string | null> {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    let st;
    try {
      st = await fs.stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') return `无法创建${what} ${dir}：路径中有一级不是文件夹`;
      if (code !== 'ENOENT') return `无法创建${what} ${dir}：${reasonOf(e)}`;
      const up = path.dirname(p);
      if (up === p || missing.length >= MAX_LEVELS) return `无法创建${what} ${dir}：路径无效`;
      missing.push(p);
      p = up;
      continue;
    }
    if (!st.isDirectory()) {
      return p === abs ? `${what} ${dir} 是一个已存在的文件，不是文件夹；请指定一个文件夹` : `无法创建${what} ${dir}：${p} 不是文件夹`;
    }
    break;
  }
  for (const m of missing.reverse()) {
    try {
      await fs.mkdir(m);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const st = code === 'EEXIST' ? await fs.stat(m).catch(() => null) : null;
      if (st?.isDirectory()) continue;
      return `无法创建${what} ${dir}：${code === 'ENOENT' ? '无法在该位置创建文件夹' : reasonOf(e)}`;
    }
  }
  const st = await fs.stat(abs).catch(() => null);
  if (!st?.isDirectory()) return `无法创建${what} ${dir}：无法在该位置创建文件夹`;
  return null;
}
