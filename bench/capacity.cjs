/**
 * How much parallel CPU this machine really offers right now: the same CPU-bound loop on 1 thread,
 * then on N worker threads at once. Prints {"threads":N,"capacity":c}: c = N x t1 / tN, between
 * 1 (no parallelism available, e.g. other processes use the cores) and N. Usage: node bench/capacity.cjs N
 */
'use strict';
const { Worker, isMainThread, parentPort } = require('worker_threads');
const { performance } = require('perf_hooks');

function spin() {
  let x = 0;
  for (let i = 0; i < 1.5e8; i++) x = (x + i * 7) % 1000003;
  return x;
}

if (!isMainThread) {
  spin();
  parentPort.postMessage('done');
} else {
  const n = Math.max(1, parseInt(process.argv[2] || '2', 10));
  spin(); // warm-up
  let t = performance.now();
  spin();
  const one = performance.now() - t;
  t = performance.now();
  let done = 0;
  for (let k = 0; k < n; k++) {
    new Worker(__filename).on('message', () => {
      if (++done === n) {
        const all = performance.now() - t;
        process.stdout.write(JSON.stringify({ threads: n, oneMs: one, allMs: all, capacity: (n * one) / all }) + '\n');
      }
    });
  }
}
