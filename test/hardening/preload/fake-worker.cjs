/**
 * A stand-in worker for pool.test.ts: answers like src/cli/worker.ts, but dies on files whose name
 * contains "crash" (process.exit in the worker) or "throw" (an uncaught exception).
 */
'use strict';
const { parentPort } = require('worker_threads');

parentPort.postMessage({ ready: true });
parentPort.on('message', (task) => {
  if (task.file.includes('crash')) process.exit(3);
  if (task.file.includes('throw')) {
    setTimeout(() => {
      throw new Error('boom');
    }, 0);
    return;
  }
  setTimeout(() => {
    parentPort.postMessage({
      index: task.index,
      result: { file: task.file, result: { tables: [], findings: [], sheetsWithoutTables: [task.file], summary: { errors: 0, warnings: 0, infos: 0 } } },
    });
  }, (task.index * 7) % 20); // finish out of order
});
