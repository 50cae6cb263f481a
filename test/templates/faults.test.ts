/**
 * Faults during template insertion (block into a fixture table), on the fake Office.js host: each
 * of the 3 syncs fails with none, half or all of its batch executed, and the applying sync also at
 * every possible cut point. Afterwards the sheet is either unchanged (an interrupted insertion is
 * undone automatically) or the insertion is complete, never half-done, and the message says which.
 */
import path from 'path';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { insertBlankTable, insertBlockAtSelection, rowsText } from '../../src/adapters/office/templates';
import { parseWorkbook } from '../../src/core/check';
import type { SheetGrid } from '../../src/core/grid';
import type { Table } from '../../src/core/model';
import { applyPlanToGrid, planBlockInsertion } from '../../src/core/templates/plan';
import { getBlock } from '../../src/core/templates/library';
import { detectProfile } from '../../src/core/templates/profile';
import { type SyncFault, createHost } from '../office-host';
import { type WorkbookModel, cloneWorkbook, formatSnapshot, valueSnapshot } from '../office-host/model';
import { loadXlsx, saveXlsx } from '../office-host/xlsx';
import { mergeProblems, nonEmptyCells } from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

async function gridOf(m: WorkbookModel, sheet: string): Promise<SheetGrid> {
  const wb = await readWorkbookGrid(await saveXlsx(m));
  return wb.sheets.find((s) => s.name === sheet)!;
}

function select(m: WorkbookModel, sheet: string, row: number, col: number): void {
  const idx = m.sheets.findIndex((s) => s.name === sheet);
  m.activeSheet = idx;
  m.selection = { sheet: idx, rect: { top: row, left: col, bottom: row, right: col } };
}

const cells = (g: SheetGrid) =>
  nonEmptyCells(g)
    .map((c) => `${c.row},${c.col}=${JSON.stringify(c.v)}`)
    .sort();
const merges = (g: SheetGrid) => g.merges.map((m) => `${m.top},${m.left},${m.bottom},${m.right}`).sort();

interface Target {
  file: string;
  sheet: string;
  table: Table;
  block: string;
}

/** Tables with several insertion points and merged 一级/二级 columns, and a simple one. */
async function targets(): Promise<Target[]> {
  const out: Target[] = [];
  for (const [file, tableIndex, block] of [
    ['layoutA-ningxia.xlsx', 2, 'it-operations'],
    ['layoutB-beidaihe.xlsx', 0, 'generic'],
    ['layoutD-suixi.xlsx', 0, 'meeting-training'],
    ['variants.xlsx', 0, 'equipment'],
  ] as const) {
    const wb = await readWorkbookGrid(path.join(FIXTURES, file));
    const s = wb.sheets[0];
    const t = parseWorkbook({ sheets: [s] })[tableIndex];
    if (t) out.push({ file, sheet: s.name, table: t, block });
  }
  return out;
}

const outcomes: string[] = [];
afterAll(() => console.log(`insertion fault matrix:\n${outcomes.join('\n')}`));

describe('template insertion with a failing sync', () => {
  jest.setTimeout(300000);

  test('every sync × before/partial/after, and the applying sync cut after every command', async () => {
    const ts = await targets();
    expect(ts.length).toBeGreaterThanOrEqual(3);
    let multiInsertCuts = 0;
    for (const tg of ts) {
      const base = await loadXlsx(path.join(FIXTURES, tg.file));
      const t = tg.table;
      select(base, tg.sheet, t.indicators[0]?.row ?? t.top, t.header?.level3Col ?? t.left);
      const before = await gridOf(base, tg.sheet);
      const block = getBlock(tg.block)!;
      const exp = planBlockInsertion(t, before, block, detectProfile(t) ?? 'LOCAL');
      if (!exp.ok) throw new Error(exp.message);
      expect(exp.plan.added.length).toBeGreaterThan(0);
      const complete = applyPlanToGrid(before, exp.plan);

      // commands of the applying sync, from a successful run
      const ok = createHost(cloneWorkbook(base));
      ok.install();
      ok.resetStats();
      expect((await insertBlockAtSelection({ block: tg.block, profile: 'auto' })).ok).toBe(true);
      expect(ok.stats.syncs).toBe(3);

      const faults: SyncFault[] = [];
      for (let at = 1; at <= 3; at++) for (const mode of ['before', 'partial', 'after'] as const) faults.push({ at, mode });
      // the applying batch cut after each of its commands (count them with a probe run)
      const probe = createHost(cloneWorkbook(base));
      probe.install();
      probe.resetStats();
      probe.failSync({ at: 3, mode: 'after' });
      await insertBlockAtSelection({ block: tg.block, profile: 'auto' });
      const n = probe.session.faultLog[0].of;
      for (let k = 1; k < n; k++) faults.push({ at: 3, mode: 'partial', applied: k });

      for (const fault of faults) {
        const m = cloneWorkbook(base);
        const host = createHost(m);
        host.install();
        host.resetStats();
        host.failSync(fault);
        const res = await insertBlockAtSelection({ block: tg.block, profile: 'auto' });
        expect(host.faultPending()).toBe(false);
        expect(res.syncs).toBe(host.stats.syncs);
        const after = await gridOf(host.model, tg.sheet);
        const tag = `${tg.file}/${t.id}/${tg.block} sync ${fault.at} ${fault.mode}${fault.applied !== undefined ? ` ${fault.applied}/${n}` : ''}`;
        let outcome: string;
        if (res.ok) {
          // complete: exactly what a successful insertion gives
          expect({ tag, cells: cells(after), merges: merges(after) }).toEqual({ tag, cells: cells(complete), merges: merges(complete) });
          expect(mergeProblems(after)).toEqual([]);
          expect({ tag, formats: [...formatSnapshot(host.model)].sort() }).toEqual({ tag, formats: [...formatSnapshot(ok.model)].sort() });
          outcome = 'complete';
          if (fault.at === 3) {
            expect(res.message).toMatch(/已确认插入完整/);
            expect(res.message).not.toMatch(/GeneralException/);
            expect(res.detail).toMatch(/^GeneralException: /);
          }
        } else {
          // unchanged: values, merges and every format exactly as before
          expect({ tag, cells: cells(after), merges: merges(after) }).toEqual({ tag, cells: cells(before), merges: merges(before) });
          expect({ tag, formats: [...formatSnapshot(host.model)].sort() }).toEqual({ tag, formats: [...formatSnapshot(base)].sort() }); // merges may come back in another order
          expect({ tag, values: [...valueSnapshot(host.model)] }).toEqual({ tag, values: [...valueSnapshot(base)] });
          // the cause in plain Chinese first; Excel's code only in the detail (详细信息)
          expect(res.message).toMatch(/^(读取工作表|插入模板)时 Excel 出错，/);
          expect(res.message).not.toMatch(/GeneralException|（[A-Za-z]+）/);
          expect(res.detail).toMatch(/^GeneralException: /);
          if (fault.at < 3) expect(res.message).toMatch(/没有做任何修改/);
          else if (fault.mode === 'before' || fault.applied === 0) expect(res.message).toMatch(/没有插入任何行，工作表没有被修改/);
          else if (/没有插入任何行/.test(res.message)) {
            // `applied` counts the request's actions: a cut among the first ones (object
            // instantiations) comes before the first row insertion
            expect(res.message).toMatch(/没有插入任何行，工作表没有被修改/);
          } else {
            expect(res.message).toMatch(/插入只完成了一部分（已插入第 \d+(–\d+)? 行.*）。已自动撤销：这些行已删除，工作表恢复原样/);
            // rows the message says were inserted, against the plan's: fewer = a cut between two insertions
            const said = /已插入([^）]*)）/.exec(res.message)?.[1] ?? '';
            const doneRows = [...said.matchAll(/(\d+)(?:–(\d+))?/g)].reduce((k, x) => k + (x[2] ? Number(x[2]) - Number(x[1]) + 1 : 1), 0);
            const plannedRows = exp.plan.insertions.reduce((k, x) => k + x.count, 0);
            if (exp.plan.insertions.length > 1 && doneRows < plannedRows) multiInsertCuts++;
          }
          outcome = fault.at < 3 ? 'unchanged (read failed)' : /已自动撤销/.test(res.message) ? 'partial → rolled back' : 'unchanged';
        }
        outcomes.push(`${tag} → ${outcome} (${host.stats.syncs} syncs)`);
      }
    }
    // some cut fell between two row insertions (only some of them applied)
    expect(multiInsertCuts).toBeGreaterThan(0);
  });

  test('blank table on a new sheet: a failed write removes the half-written sheet; at the selection the area is named', async () => {
    const base = await loadXlsx(path.join(FIXTURES, 'clean.xlsx'));
    for (const [at, mode] of [
      [1, 'partial'],
      [2, 'before'],
      [2, 'partial'],
      [2, 'after'],
    ] as const) {
      const host = createHost(cloneWorkbook(base));
      host.install();
      host.failSync({ at, mode });
      const res = await insertBlankTable({ layout: 'A', block: 'equipment', where: 'new-sheet' });
      expect(host.faultPending()).toBe(false);
      expect(res.ok).toBe(false);
      expect(res.message).toMatch(
        at === 1 ? /^读取工作簿时 Excel 出错，没有做任何修改/ : /^生成空白表时 Excel 出错，已删除未完成的工作表.*恢复原样/,
      );
      expect(res.message).not.toMatch(/GeneralException/);
      expect(res.detail).toMatch(/^GeneralException: /);
      expect(host.model.sheets.map((x) => x.name)).toEqual(base.sheets.map((x) => x.name));
      expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(base)]);
      expect([...valueSnapshot(host.model)]).toEqual([...valueSnapshot(base)]);
      outcomes.push(`blank table (new sheet) sync ${at} ${mode} → unchanged (${host.stats.syncs} syncs)`);
    }
    const m = cloneWorkbook(base);
    select(m, m.sheets[0].name, 60, 1);
    const host = createHost(m);
    host.install();
    host.failSync({ at: 3, mode: 'partial' });
    const res = await insertBlankTable({ layout: 'A', where: 'selection' });
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/^生成空白表时 Excel 出错，表格可能只写入了一部分。请检查工作表“.+”的区域 B61:[A-Z]+\d+/);
    expect(res.message).not.toMatch(/GeneralException/);
    expect(res.detail).toMatch(/^GeneralException: /);
    // values of the user's cells are untouched (the area was empty)
    const before = new Map(valueSnapshot(base));
    for (const [k, v] of valueSnapshot(host.model)) if (before.has(k)) expect(v).toBe(before.get(k));
    outcomes.push('blank table (at selection) sync 3 partial → area named in the message');
  });

  test('rows are named the way the user reads them', () => {
    expect(
      rowsText([
        { top: 19, count: 1 },
        { top: 11, count: 3 },
      ]),
    ).toBe('第 12–14 行、第 20 行');
  });
});
