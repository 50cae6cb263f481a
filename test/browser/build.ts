/** Builds the task pane with webpack (production) unless dist/addin is newer than every source. */
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, statSync } from 'fs';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist', 'addin');

function newest(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(p).reduce((m, f) => Math.max(m, newest(path.join(p, f))), 0);
}

export function ensureBuild(): { built: boolean; ms: number } {
  const html = path.join(DIST, 'taskpane.html');
  const inputs = ['src', 'assets', 'webpack.config.js', 'package.json', 'tsconfig.json'].map((p) => path.join(ROOT, p));
  const fresh = existsSync(html) && statSync(html).mtimeMs > Math.max(...inputs.filter(existsSync).map(newest));
  if (fresh && !process.env.JXMB_REBUILD) return { built: false, ms: 0 };
  const t0 = Date.now();
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, '--mode', 'production'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`webpack build failed:\n${r.stdout}\n${r.stderr}`);
  return { built: true, ms: Date.now() - t0 };
}
