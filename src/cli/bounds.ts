/** The time and memory bounds of each file's check (issue #12): defaults, the environment's, and their message. */

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
