/** Debian's Chromium for the browser tests (playwright-core, no downloaded browser), and where screenshots go. */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync } from 'fs';
import * as path from 'path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `describe`, or `describe.skip` (with a line saying why) on a machine without Chromium. */
export function describeInChromium(what: string): jest.Describe {
  if (existsSync(CHROMIUM)) return describe;
  console.warn(`[${what}] skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
  return describe.skip;
}

/** docs/<name>, unless the machine has no Chinese font (the picture would show boxes): then test/output/<name>. */
export function screenshotPath(root: string, name: string): string {
  const fc = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  const cjk = fc.status === 0 && fc.stdout.trim().length > 0;
  const dir = path.join(root, cjk ? 'docs' : path.join('test', 'output'));
  if (!cjk) console.warn(`[browser test] no Chinese font installed (fonts-noto-cjk): ${name} written to test/output/ instead of docs/`);
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
