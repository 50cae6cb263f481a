/**
 * 一键校验 uses a constant number of context.sync() calls whatever the number of tables, keeps
 * every sync under Excel on the web's 5 MB payload, and still works when Excel rejects a batch
 * for its size.
 */
import { clearMarks, runCheck } from '../../src/adapters/office/workbook';
import { buildBigWorkbook } from '../fixtures/big';
import { formatSnapshot } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import { cliResult, hostFor } from './helpers';

const FIVE_MB = 5 * 1024 * 1024;
const SIZES = [1, 10, 200];

describe('sync counts', () => {
  const measured: Record<number, { check: number; recheck: number; clear: number; maxBytes: number }> = {};
  const buffers = new Map<number, Buffer>();

  beforeAll(async () => {
    for (const n of SIZES) buffers.set(n, await buildBigWorkbook(n));
  });

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
  });

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

  test('a batch Excel rejects for its size is split and retried; results unchanged', async () => {
    const buf = buffers.get(200)!;
    const { host, env } = await hostFor(await loadXlsx(buf), { payloadLimit: 256 * 1024 });
    const out = await runCheck(env);
    expect(out.result).toEqual(await cliResult(buf));
    // each rejected batch costs one failed sync and is retried in halves
    expect(host.stats.syncs).toBeGreaterThan(5);
  });

  test('merged areas reported in full instead of clipped give the same result', async () => {
    const buf = buffers.get(200)!;
    const { env } = await hostFor(await loadXlsx(buf), { mergeReport: 'full' });
    env.limits = { blockCells: 500, syncCells: 150_000, maxAreasPerQuery: 512 };
    expect((await runCheck(env)).result).toEqual(await cliResult(buf));
  });

  test('when Excel refuses a merged-areas query, the check goes on without merges and says so', async () => {
    const buf = buffers.get(200)!;
    const { host, env } = await hostFor(await loadXlsx(buf));
    env.limits = { blockCells: 50_000, syncCells: 150_000, maxAreasPerQuery: 1_000_000 }; // one query per sheet: > 512 areas
    const out = await runCheck(env);
    expect(out.notes.join('')).toContain('读取合并单元格时 Excel 报错');
    expect(out.result.tables.length).toBeGreaterThan(0);
    expect(host.stats.syncs).toBe(6); // the failed attempt + the 5 of a check
  });
});
