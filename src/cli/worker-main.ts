/**
 * Entry of the worker bundle (dist/cli/jxmb-worker.cjs, next to jxmb.cjs): only what a pool worker runs (reading,
 * checking, the copies), without the command line's own parts (arguments, reports, templates): a worker starts
 * sooner and holds less.
 */
import { startWorker } from './worker';

startWorker();
