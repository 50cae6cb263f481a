/** Checking is a small fraction of the time exceljs needs just to load the same workbook (separate plain-node process). */
import { execFileSync } from 'child_process';
import path from 'path';

test('200 tables: core check time / exceljs load time', () => {
  const root = path.resolve(__dirname, '../..');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/checker/perf-child.ts', '200'], { cwd: root, encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  console.log(`200-table workbook: check/load = ${(r.steadyRatio * 100).toFixed(1)}% steady, ${(r.firstRatio * 100).toFixed(1)}% first run (load ${r.loadMs.toFixed(0)} ms)`);
  expect(r.tables).toBe(200);
  expect(r.steadyRatio).toBeLessThan(0.4);
  expect(r.firstRatio).toBeLessThan(3);
});
