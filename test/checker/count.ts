/**
 * Work counters for tests that bound how much work code does (never how long it takes: a timed bound fails
 * on a busy CI machine). Used by test/checker/perf.test.ts and test/hardening/core-bugs.test.ts.
 */
import type { CellValue, WorkbookGrid } from '../../src/core/grid';

/**
 * Regular-expression executions during `fn`: RegExp.prototype.exec is replaced for the duration, and
 * test, match, matchAll, replace, search and split all call it (the spec's RegExpExec looks up `exec`).
 */
export function countRegexExecs(fn: () => unknown): number {
  const proto = RegExp.prototype;
  const exec = proto.exec;
  let n = 0;
  proto.exec = function (this: RegExp, s: string) {
    n++;
    return exec.call(this, s);
  };
  try {
    fn();
  } finally {
    proto.exec = exec;
  }
  return n;
}

/** A copy of the grid whose rows count every read of a cell (an index into a row): the passes over the data. */
export function countingReads(wb: WorkbookGrid): { grid: WorkbookGrid; reads: () => number } {
  let n = 0;
  const row = (r: CellValue[] | undefined) =>
    new Proxy(r ?? [], {
      get(target, key, receiver) {
        if (typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57) n++;
        return Reflect.get(target, key, receiver);
      },
    });
  return { grid: { sheets: wb.sheets.map((s) => ({ ...s, cells: s.cells.map(row) })) }, reads: () => n };
}
