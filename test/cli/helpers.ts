/**
 * Running the command line as a user runs it: the esbuild bundle under node, built once per test file into
 * test/output/cli/ (see test/hardening/cli-bundle.ts: test files run in parallel and must not rewrite the same
 * bundle), with a chosen working directory and an environment without the colour variables of the test runner
 * (jest's workers get FORCE_COLOR=1 when jest runs in a terminal).
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { ROOT, buildCliBundle } from '../hardening/cli-bundle';

export { ROOT, buildCliBundle };

export const EXAMPLE = path.join(ROOT, 'examples/示例-绩效目标表.xlsx');
export const CLEAN = path.join(ROOT, 'test/fixtures/clean.xlsx');
/** One table: one warning (structure, C63) and one info (vague-value, E63). */
export const HENGDONG = path.join(ROOT, 'test/fixtures/layoutC-hengdong.xlsx');

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

const COLOUR_VARS = ['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS'];

export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of COLOUR_VARS) delete env[k];
  return { ...env, ...extra };
}

export function run(
  bin: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; node?: string[]; timeout?: number } = {},
): Run {
  const r = spawnSync(process.execPath, [...(opts.node ?? []), bin, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: cleanEnv(opts.env),
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\x1b\[/;

/** The text of a cell note as exceljs reads it: a plain string, or rich text (the writer's author line first). */
export function noteText(note: unknown): string {
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text: string }[] } | undefined)?.texts;
  return texts ? texts.map((t) => t.text).join('') : '';
}
