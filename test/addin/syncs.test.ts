/**
 * 一键校验 uses a constant number of context.sync() calls whatever the number of tables (1 to
 * 1,000), keeps every sync under Excel on the web's 5 MB payload, and still works when Excel
 * rejects a batch for its size.
 */
import { LIMITS } from '../../src/adapters/office/plan';
import { insertBlockAtSelection } from '../../src/adapters/office/templates';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { parseWorkbook } from '../../src/core/check';
import { clearMarks, exportReport, runCheck } from '../../src/adapters/office/workbook';
import { buildBigWorkbook } from '../fixtures/big';
import { Range } from '../office-host/excel';
import { formatSnapshot } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import { cliResult, hostFor } from './helpers';

const FIVE_MB = 5 * 1024 * 1024;
const SIZES = [1, 10, 200, 1000];

describe('sync counts', () => {
  const measured: Record<number, { check: number; recheck: number; clear: number; report: number; maxBytes: number }> = {};
  const buffers = new Map<number, Buffer>();

  beforeAll(async () => {
    for (const n of SIZES) buffers.set(n, await buildBigWorkbook(n));
  }, 60_000);

  test.each(SIZES)(
    '%i tables: same findings as the CLI, syncs counted',
    async (n) => {
      const buf = buffers.get(n)!;
      const model = await loadXlsx(buf);
      const { host, env } = await hostFor(model);
      const out = await runCheck(env);
      const check = host.stats.syncs;
      const maxBytes = Math.max(host.stats.maxResponseBytes, host.stats.maxRequestBytes);
      expect(out.result.tables).toHaveLength(n);
      expect(out.result).toEqual(await cliResult(buf));
      host.resetStats();
      await runCheck(env);
      const recheck = host.stats.syncs;
      host.resetStats();
      await clearMarks(env);
      const clear = host.stats.syncs;
      expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(await loadXlsx(buf))]);
      host.resetStats();
      await exportReport(env, out.result);
      const report = host.stats.syncs;
      const all = Math.max(maxBytes, host.stats.maxResponseBytes, host.stats.maxRequestBytes);
      measured[n] = { check, recheck, clear, report, maxBytes: all };
    },
    90_000,
  );

  test('the counts do not depend on the number of tables', () => {
    expect(Object.keys(measured)).toHaveLength(SIZES.length);
    const first = measured[SIZES[0]];
    for (const n of SIZES) {
      expect(measured[n].check).toBe(first.check);
      expect(measured[n].recheck).toBe(first.check);
      expect(measured[n].clear).toBe(first.clear);
      expect(measured[n].report).toBe(first.report);
      expect(measured[n].maxBytes).toBeLessThan(FIVE_MB);
    }
    expect(first.check).toBe(5);
    expect(first.clear).toBe(4);
    expect(first.report).toBe(2);
    // the measured numbers, for docs/addin.md
    console.log(`syncs: ${JSON.stringify(measured)}`);
  });

  test('without ExcelApi 1.9 (number formats of every cell) the 1,000-table workbook takes one more read sync, same findings', async () => {
    const buf = buffers.get(1000)!;
    const { host, env } = await hostFor(await loadXlsx(buf));
    env.capabilities = { ...env.capabilities, specialCells: false };
    const out = await runCheck(env, { highlight: false });
    expect(out.result).toEqual(await cliResult(buf));
    expect(host.stats.syncs).toBe(4); // sheets, used ranges, 2 read batches of LIMITS.syncCells
    expect(Math.max(host.stats.maxRequestBytes, host.stats.maxResponseBytes)).toBeLessThan(FIVE_MB);
  }, 90_000);

  test('a batch Excel rejects for its size is split and retried; results unchanged', async () => {
    const buf = buffers.get(200)!;
    const { host, env } = await hostFor(await loadXlsx(buf), { payloadLimit: 256 * 1024 });
    const queries = jest.spyOn(Range.prototype, 'getSpecialCellsOrNullObject');
    try {
      const out = await runCheck(env);
      expect(out.result).toEqual(await cliResult(buf));
      // each rejected batch costs one failed sync and is retried in halves, special-cells queries included
      expect(host.stats.syncs).toBeGreaterThan(5);
      expect(queries).toHaveBeenCalled();
    } finally {
      queries.mockRestore();
    }
  });

  // office-js #3611, #1590: a merge may be reported only by the query holding its top-left cell
  test.each(['full', 'topLeft'] as const)('merged areas reported %s instead of clipped give the same result', async (mergeReport) => {
    const buf = buffers.get(200)!;
    const { env } = await hostFor(await loadXlsx(buf), { mergeReport });
    env.limits = { ...LIMITS, blockCells: 500 };
    expect((await runCheck(env)).result).toEqual(await cliResult(buf));
  });

  test('when Excel refuses a merged-areas query, the check goes on without merges and says so', async () => {
    const buf = buffers.get(200)!;
    const { host, env } = await hostFor(await loadXlsx(buf));
    env.limits = { ...LIMITS, maxAreasPerQuery: 1_000_000 }; // one query per sheet: > 512 areas
    const out = await runCheck(env);
    expect(out.notes.join('')).toContain('读取合并单元格时 Excel 报错');
    expect(out.result.tables.length).toBeGreaterThan(0);
    // the read is retried without the special-cells queries first (they cost only speed), then
    // without merged areas but with the special cells again: 2 failed attempts + the 5 of a check
    expect(host.stats.syncs).toBe(7);
  });

  test.each(SIZES)(
    '%i tables: a template block goes into the last table of the first sheet in 3 syncs, under 5 MB',
    async (n) => {
      const model = await loadXlsx(buffers.get(n)!);
      const grid = await readWorkbookGrid(buffers.get(n)!);
      const tables = parseWorkbook({ sheets: [grid.sheets[0]] });
      const t = tables[tables.length - 1];
      const row = t.indicators[0]?.row ?? t.top;
      const col = t.header?.level3Col ?? t.left;
      model.activeSheet = 0;
      model.selection = { sheet: 0, rect: { top: row, left: col, bottom: row, right: col } };
      const { host } = await hostFor(model);
      host.install(globalThis as unknown as Record<string, unknown>);
      const res = await insertBlockAtSelection({ block: 'generic', profile: 'auto' });
      expect([res.ok, res.message]).toEqual([true, expect.any(String)]);
      expect(host.stats.syncs).toBe(3);
      expect(Math.max(host.stats.maxRequestBytes, host.stats.maxResponseBytes)).toBeLessThan(FIVE_MB);
      expect(res.added.length).toBeGreaterThan(0);
    },
    60_000,
  );
});
