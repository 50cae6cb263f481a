/**
 * The command line is two bundles (scripts/build-cli.mjs): the main one and, next to it, the lean worker bundle the
 * pool's workers run (src/cli/worker-main.ts: reading, checking, copies; no argument parsing, reports or templates).
 */
import fs from 'fs';
import { EXAMPLE, buildCliBundle, run } from './helpers';

let bin: string;
let worker: string;
beforeAll(() => {
  bin = buildCliBundle('bundle');
  worker = bin.replace(/\.cjs$/, '-worker.cjs');
}, 120_000);

test('the worker bundle holds what a worker runs, not the templates or the argument parser', () => {
  const w = fs.readFileSync(worker, 'utf8');
  const main = fs.readFileSync(bin, 'utf8');
  expect(w).toContain('startWorker');
  expect(main).toContain('placeAliases');
  expect(w).not.toContain('placeAliases'); // the template library (jxmb new)
  expect(main).toContain('parseArgs');
  expect(w).not.toContain('parseArgs');
  expect(w.length).toBeLessThan(main.length * 0.7);
});

test('the pool runs the worker bundle; without it, the main bundle (same report)', () => {
  const lean = fs.readFileSync(worker, 'utf8');
  try {
    fs.writeFileSync(worker, `require('fs').writeSync(2, 'worker bundle\\n');\n${lean}`);
    const a = run(bin, ['--jobs', '1', EXAMPLE]);
    expect(a.err).toContain('worker bundle');
    fs.rmSync(worker);
    const b = run(bin, ['--jobs', '1', EXAMPLE]);
    expect(b.err).not.toContain('worker bundle');
    expect([b.code, b.out]).toEqual([a.code, a.out]);
  } finally {
    fs.writeFileSync(worker, lean);
  }
});
