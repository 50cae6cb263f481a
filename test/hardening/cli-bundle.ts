/**
 * Builds the command line the way `npm run build:cli` does (scripts/build-cli.mjs), but into a file of the calling test
 * (test/output/, git-ignored, inside the repo so the external packages resolve): test files run in
 * parallel and must not rewrite dist/cli/jxmb.cjs while test/cli/cli.test.ts runs it.
 */
import { execFileSync, spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

export const ROOT = path.resolve(__dirname, '../..');

export function buildCliBundle(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts['build:cli'];
  if (script !== 'node scripts/build-cli.mjs') throw new Error(`unexpected build:cli script: ${script}`);
  // (the worker bundle lands next to it: NAME-worker.cjs)
  const out = path.join('test/output/cli', `${name}.cjs`);
  execFileSync(process.execPath, ['scripts/build-cli.mjs', out], { cwd: ROOT, stdio: 'pipe' });
  return path.join(ROOT, out);
}

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the bundle under node (extra node options first), cwd = repo root. */
export function runCli(
  bin: string,
  args: string[],
  opts: { node?: string[]; env?: NodeJS.ProcessEnv; timeout?: number; prefix?: string[] } = {},
): Run {
  const argv = [...(opts.node ?? []), bin, ...args];
  const [cmd, ...rest] = opts.prefix ? [...opts.prefix, process.execPath, ...argv] : [process.execPath, ...argv];
  const r = spawnSync(cmd, rest, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}
