/**
 * The sheet and the pane in step (WorksheetCollection.onChanged / onSelectionChanged through Microsoft's client
 * library, see test/office-host/events.test.ts): an edit re-checks the edited sheet, and the result is the one a
 * full check of the edited workbook gives; a fixed cell loses its mark; selecting a marked cell picks its finding;
 * the add-in's own writes and edits that change nothing cost no new marks.
 */
import { runCheck } from '../../src/adapters/office/workbook';
import * as path from 'path';
import { cloneWorkbook, formatSnapshot, getCell } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import { changedCells, fillAt, hostFor, paneStore } from './helpers';

/** The bundled example workbook (errors, warnings and hints on three sheets). */
const FILE = path.join(__dirname, '..', '..', 'examples', '示例-绩效目标表.xlsx');

async function pane() {
  const original = await loadXlsx(FILE);
  const { host, env } = await hostFor(cloneWorkbook(original));
  const { actions, get, seen } = paneStore(env, { debounceMs: 0 });
  await actions.check('LOCAL');
  /** Lets the debounced re-check start and finish. */
  const settle = async () => {
    await host.eventsDelivered();
    await new Promise((r) => setTimeout(r, 5));
    await actions.recheckNow();
    while (get().busy) await new Promise((r) => setTimeout(r, 5));
  };
  return { original, host, env, actions, get, seen, settle };
}

test('typing the missing 指标值 re-checks that sheet: the finding goes, its mark goes, the result equals a full check', async () => {
  const p = await pane();
  const before = p.get().outcome!;
  const missing = before.result.findings.find(
    (f) => f.code === 'missing-value' && before.result.findings.filter((g) => g.sheet === f.sheet && g.cell === f.cell).length === 1,
  )!;
  expect(missing).toBeDefined();
  const key = `${missing.sheet}!${missing.row},${missing.col}`;
  expect(changedCells(p.original, p.host.model).has(key)).toBe(true);

  p.host.resetStats();
  await p.host.userEdit(missing.sheet, missing.cell, '≥95%');
  await p.settle();
  const after = p.get().outcome!;
  expect(after.result.findings.some((f) => f.sheet === missing.sheet && f.cell === missing.cell && f.code === 'missing-value')).toBe(false);
  expect(p.get().live).toMatch(new RegExp(`^已重新校验“${missing.sheet}”：`));
  // the same result as checking the edited workbook from scratch (on a copy, not marked)
  const { env: freshEnv } = await hostFor(cloneWorkbook(p.host.model));
  const full = await runCheck(freshEnv, { highlight: false });
  expect(after.result).toEqual(full.result);
  // no finding is left on the cell: its fill is the original again; the value typed is the only value changed
  if (!after.result.findings.some((f) => f.sheet === missing.sheet && f.cell === missing.cell)) {
    expect(fillAt(p.host.model, key)).toEqual(fillAt(p.original, key));
  }
  const sheet = p.host.model.sheets.find((s) => s.name === missing.sheet)!;
  expect(getCell(sheet, missing.row, missing.col)?.v).toBe('≥95%');
  // one re-check of bounded cost (read + paint, as 一键校验)
  expect(p.host.stats.syncs).toBeLessThanOrEqual(6);
});

test('an edit that changes nothing the checker reads, and the add-in’s own writes, cost no new marks', async () => {
  const p = await pane();
  const f = p.get().outcome!.result.findings[0];
  const sheet = p.host.model.sheets.find((s) => s.name === f.sheet)!;
  const v = getCell(sheet, f.row, f.col)?.v ?? null;
  const outcome = p.get().outcome;
  p.host.resetStats();
  await p.host.userEdit(f.sheet, f.cell, v);
  await p.settle();
  expect(p.get().outcome).toBe(outcome);
  expect(p.get().live).toBeNull();
  // read only: the marks are not written again (sync 1 sheets, 2 used range, 3 cells)
  expect(p.host.stats.syncs).toBe(3);

  p.host.resetStats();
  p.seen.length = 0;
  await p.actions.report();
  await p.settle();
  expect(p.seen.some((s) => s.busy === 'recheck')).toBe(false);
});

test('selecting a marked cell in the sheet picks its finding (the worst of the cell); another cell picks nothing', async () => {
  const p = await pane();
  const result = p.get().outcome!.result;
  const f = result.findings.find((x) => x.severity === 'error')!;
  await p.host.userSelect(f.sheet, f.cell);
  await p.host.eventsDelivered();
  expect(p.get().picked?.finding).toEqual(f);
  const seq = p.get().picked!.seq;
  const free = result.findings.some((x) => x.sheet === f.sheet && x.cell === 'A1');
  await p.host.userSelect(f.sheet, 'A1');
  await p.host.eventsDelivered();
  if (!free) expect(p.get().picked!.seq).toBe(seq);
});

test('取消 during 一键校验: the check stops before anything is written, an earlier result stays', async () => {
  const p = await pane();
  const outcome = p.get().outcome;
  const before = formatSnapshot(p.host.model);
  const parts = JSON.stringify(p.host.model.customXmlParts);
  const running = p.actions.check('C2021');
  p.actions.cancel();
  await running;
  expect(p.get().notice?.text).toBe('已取消校验，工作簿没有被修改。');
  expect(p.get().busy).toBeNull();
  expect(p.get().outcome).toBe(outcome);
  expect(formatSnapshot(p.host.model)).toEqual(before);
  expect(JSON.stringify(p.host.model.customXmlParts)).toBe(parts);
});
