/**
 * 一键校验 uses a constant number of context.sync() calls whatever the number of tables (1 to
 * 1,000), keeps every sync under Excel on the web's 5 MB payload, and still works when Excel
 * rejects a batch for its size.
 */
import { LIMITS } from '../../src/adapters/office/plan';
import { clearMarks, runCheck } from '../../src/adapters/office/workbook';
import { buildBigWorkbook } from '../fixtures/big';
import { Range } from '../office-host/excel';
import { formatSnapshot } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import { cliResult, hostFor } from './helpers';

const FIVE_MB = 5 * 1024 * 1024;
const SIZES = [1, 10, 200, 1000];

describe('sync counts', () => {
  const measured: Record<number, { check: number; recheck: number; clear: number; maxBytes: number }> = {};
  const buffers = new Map<number, Buffer>();

  beforeAll(async () => {
    for (const n of SIZES) buffers.set(n, await buildBigWorkbook(n));
  }, 60_000);

  test.each(SIZES)('%i tables: same findings as the CLI, syncs counted', async (n) => {
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
    measured[n] = { check, recheck, clear, maxBytes };
    expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(await loadXlsx(buf))]);
  }, 90_000);

  test('the counts do not depend on the number of tables', () => {
    expect(Object.keys(measured)).toHaveLength(SIZES.length);
    const first = measured[SIZES[0]];
    for (const n of SIZES) {
      expect(measured[n].check).toBe(first.check);
      expect(measured[n].recheck).toBe(first.check);
      expect(measured[n].clear).toBe(first.clear);
      expect(measured[n].maxBytes).toBeLessThan(FIVE_MB);
    }
    expect(first.check).toBe(5);
    expect(first.clear).toBe(4);
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

  test('merged areas reported in full instead of clipped give the same result', async () => {
    const buf = buffers.get(200)!;
    const { env } = await hostFor(await loadXlsx(buf), { mergeReport: 'full' });
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
});
