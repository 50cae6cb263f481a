/**
 * Template insertion through Office.js, on the fake host (test/office-host) loaded with the
 * fixtures: a constant number of syncs whatever the block size, and the workbook afterwards equals
 * the pure plan applied to the grid (values, merges); formats follow the table's own rows.
 */
import path from 'path';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { insertBlankTable, insertBlockAtSelection, previewAtSelection, recheckTable } from '../../src/adapters/office/templates';
import { parseWorkbook } from '../../src/core/check';
import { type SheetGrid, a1 } from '../../src/core/grid';
import type { Table } from '../../src/core/model';
import { getLibrary, listBlocks } from '../../src/core/templates/library';
import { applyPlanToGrid, planBlockInsertion } from '../../src/core/templates/plan';
import { detectProfile } from '../../src/core/templates/profile';
import { type FakeHost, createHost } from '../office-host';
import { type WorkbookModel, cloneWorkbook, getCell, valueSnapshot } from '../office-host/model';
import { loadXlsx, saveXlsx } from '../office-host/xlsx';
import { mergeProblems, nonEmptyCells } from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const FILES = [
  'layoutA-ningxia.xlsx',
  'layoutB-beidaihe.xlsx',
  'layoutC-hengdong.xlsx',
  'layoutD-suixi.xlsx',
  'variants.xlsx',
  'clean.xlsx',
];

const models = new Map<string, WorkbookModel>();
async function model(file: string): Promise<WorkbookModel> {
  if (!models.has(file)) models.set(file, await loadXlsx(path.join(FIXTURES, file)));
  return cloneWorkbook(models.get(file)!);
}

/** The sheet as the command line reads it (exceljs), through an .xlsx round trip. */
async function gridOf(m: WorkbookModel, sheet: string): Promise<SheetGrid> {
  const wb = await readWorkbookGrid(await saveXlsx(m));
  return wb.sheets.find((s) => s.name === sheet)!;
}

function install(m: WorkbookModel, apiVersion?: string): FakeHost {
  const host = createHost(m, apiVersion ? { apiVersion } : {});
  host.install(globalThis as unknown as Record<string, unknown>);
  return host;
}

function select(m: WorkbookModel, sheet: string, row: number, col: number): void {
  const idx = m.sheets.findIndex((s) => s.name === sheet);
  m.activeSheet = idx;
  m.selection = { sheet: idx, rect: { top: row, left: col, bottom: row, right: col } };
}

function sameMerges(a: SheetGrid, b: SheetGrid): boolean {
  const k = (g: SheetGrid) =>
    g.merges
      .map((m) => `${m.top},${m.left},${m.bottom},${m.right}`)
      .sort()
      .join(';');
  return k(a) === k(b);
}

function valuesDiff(exp: SheetGrid, got: SheetGrid): string[] {
  const e = new Map(nonEmptyCells(exp).map((c) => [a1(c.row, c.col), c.v]));
  const g = new Map(nonEmptyCells(got).map((c) => [a1(c.row, c.col), c.v]));
  const out: string[] = [];
  for (const [k, v] of e) if (g.get(k) !== v) out.push(`${k}: expected ${JSON.stringify(v)} got ${JSON.stringify(g.get(k))}`);
  for (const [k, v] of g) if (!e.has(k)) out.push(`${k}: unexpected ${JSON.stringify(v)}`);
  return out;
}

interface Target {
  file: string;
  sheet: string;
  table: Table;
}

async function targets(): Promise<Target[]> {
  const out: Target[] = [];
  for (const file of FILES) {
    const wb = await readWorkbookGrid(path.join(FIXTURES, file));
    for (const s of wb.sheets.slice(0, 3)) {
      const ts = parseWorkbook({ sheets: [s] });
      // the first, a middle and the last table of a sheet
      const picks = [...new Set([ts[0], ts[Math.floor(ts.length / 2)], ts[ts.length - 1]])].filter(Boolean);
      for (const table of picks) out.push({ file, sheet: s.name, table });
    }
  }
  return out;
}

describe('Office insertion on the fake host', () => {
  jest.setTimeout(180000);

  test('every block into fixture tables: 3 syncs, result equals the pure plan applied to the grid', async () => {
    const syncs = new Map<string, Set<number>>();
    const problems: string[] = [];
    let inserted = 0;
    for (const tg of await targets()) {
      const t = tg.table;
      const profile = detectProfile(t) ?? 'LOCAL';
      for (const block of listBlocks()) {
        const tag = `${tg.file}/${tg.sheet}/${t.id}/${block.type}`;
        const m = await model(tg.file);
        const before = await gridOf(m, tg.sheet);
        const row = t.indicators[0]?.row ?? t.top;
        select(m, tg.sheet, row, t.header?.level3Col ?? t.left);
        const host = install(m);
        host.resetStats();
        const res = await insertBlockAtSelection({ block: block.id, profile: 'auto' });
        const n = host.stats.syncs;
        expect(res.syncs).toBe(n);
        if (!res.ok) {
          problems.push(`${tag}: ${res.message}`);
          continue;
        }
        const key = res.added.length ? 'insert' : 'nothing-to-insert';
        (syncs.get(key) ?? syncs.set(key, new Set()).get(key)!).add(n);
        // the same plan, computed from the command line's reading of the file
        const exp = planBlockInsertion(t, before, block, profile);
        if (!exp.ok) throw new Error(exp.message);
        expect(res.added.map((a) => `${a.row}:${a.name}`)).toEqual(exp.plan.added.map((a) => `${a.row}:${a.name}`));
        inserted += res.added.length;
        const after = await gridOf(m, tg.sheet);
        const want = applyPlanToGrid(before, exp.plan);
        for (const d of valuesDiff(want, after)) problems.push(`${tag}: ${d}`);
        if (!sameMerges(want, after)) problems.push(`${tag}: merges differ`);
        for (const p of mergeProblems(after)) problems.push(`${tag}: ${p}`);
        // formats follow the table: a new name cell looks like the name cell of its source row
        const sheet = m.sheets.find((s) => s.name === tg.sheet)!;
        for (const f of exp.plan.formats) {
          const col = t.header!.level3Col!;
          if (col < f.left || col > f.right) continue;
          const src = JSON.stringify(getCell(sheet, f.sourceRow, col)?.style?.border ?? null);
          for (let r = f.targetTop; r <= f.targetBottom; r++) {
            const got = JSON.stringify(getCell(sheet, r, col)?.style?.border ?? null);
            if (got !== src) problems.push(`${tag}: border of ${a1(r, col)} ${got} != ${a1(f.sourceRow, col)} ${src}`);
          }
        }
        // the re-check lists exactly the slots (2 more syncs)
        if (res.added.length) {
          host.resetStats();
          const rc = await recheckTable(res.sheet!, res.added[0].row, res.profile);
          expect(host.stats.syncs).toBe(2);
          const slotCells = res.added.filter((a) => a.slot).map((a) => a1(a.valueCell.row, a.valueCell.col));
          for (const c of slotCells) if (!rc.slots.some((f) => f.cell === c)) problems.push(`${tag}: slot ${c} not in re-check`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(inserted).toBeGreaterThan(100);
    expect([...(syncs.get('insert') ?? [])]).toEqual([3]);
  });

  test('the sync count does not depend on the number of rows inserted', async () => {
    const counts: { rows: number; syncs: number }[] = [];
    const all = getLibrary().blocks.flatMap((b) => b.indicators.map((i) => ({ block: b.id, name: i.name })));
    for (const req of [{ block: 'it-operations' }, { block: 'generic' }, { indicators: all.slice(0, 1) }, { indicators: all }]) {
      const m = await model('layoutA-ningxia.xlsx');
      const t = parseWorkbook({ sheets: [await gridOf(m, m.sheets[0].name)] })[2];
      select(m, m.sheets[0].name, t.indicators[0].row, 3);
      const host = install(m);
      host.resetStats();
      const res = await insertBlockAtSelection({ ...req, profile: 'LOCAL' });
      expect(res.ok).toBe(true);
      counts.push({ rows: res.added.length, syncs: host.stats.syncs });
    }
    expect(new Set(counts.map((c) => c.syncs))).toEqual(new Set([3]));
    expect(Math.max(...counts.map((c) => c.rows))).toBeGreaterThanOrEqual(20);
    expect(Math.min(...counts.map((c) => c.rows))).toBe(1);
  });

  test('preview changes nothing (2 syncs)', async () => {
    const m = await model('layoutC-hengdong.xlsx');
    const snap = valueSnapshot(m);
    select(m, m.sheets[0].name, 10, 3);
    const host = install(m);
    const res = await previewAtSelection({ block: 'meeting-training' });
    expect(res.ok).toBe(true);
    expect(res.added.length).toBeGreaterThan(0);
    expect(host.stats.syncs).toBe(2);
    expect(valueSnapshot(m)).toEqual(snap);
  });

  test('outside any table: a clear message, nothing written', async () => {
    const m = await model('clean.xlsx');
    const snap = valueSnapshot(m);
    select(m, m.sheets[0].name, 200, 30);
    install(m);
    const res = await insertBlockAtSelection({ block: 'subsidy' });
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/没有找到绩效目标表/);
    expect(valueSnapshot(m)).toEqual(snap);
  });

  test('without ExcelApi 1.13 (merged areas) insertion is refused, not guessed', async () => {
    const m = await model('clean.xlsx');
    const snap = valueSnapshot(m);
    select(m, m.sheets[0].name, 10, 3);
    install(m, '1.12');
    const res = await insertBlockAtSelection({ block: 'subsidy' });
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/1\.13/);
    expect(valueSnapshot(m)).toEqual(snap);
  });

  test('blank tables: on a new sheet (2 syncs) and at the selected cell (3 syncs), recognised as their layout', async () => {
    for (const layout of ['A', 'B', 'D'] as const) {
      const m = await model('clean.xlsx');
      const names = m.sheets.map((s) => s.name);
      const host = install(m);
      host.resetStats();
      const res = await insertBlankTable({ layout, block: 'equipment', where: 'new-sheet' });
      expect(res.ok).toBe(true);
      expect(host.stats.syncs).toBe(2);
      expect(names).not.toContain(res.sheet);
      const g = await gridOf(m, res.sheet!);
      const ts = parseWorkbook({ sheets: [g] });
      expect(ts.map((t) => t.layout)).toEqual([layout]);
      // a second one gets another sheet name
      const res2 = await insertBlankTable({ layout, where: 'new-sheet' });
      expect(res2.sheet).not.toBe(res.sheet);

      // at the selection, below the existing table
      const m2 = await model('clean.xlsx');
      const sheet = m2.sheets[0].name;
      select(m2, sheet, 60, 1);
      const h2 = install(m2);
      h2.resetStats();
      const r3 = await insertBlankTable({ layout, where: 'selection', profile: 'C2021', block: 'generic' });
      expect(r3.ok).toBe(true);
      expect(h2.stats.syncs).toBe(3);
      const g2 = await gridOf(m2, sheet);
      const ts2 = parseWorkbook({ sheets: [g2] }, { profile: 'C2021' });
      expect(ts2.find((t) => t.top === 60 && t.left === 1)?.layout).toBe(layout);
      expect(mergeProblems(g2)).toEqual([]);
    }
  });

  test('blank table at a busy selection is refused and nothing changes', async () => {
    const m = await model('clean.xlsx');
    const snap = valueSnapshot(m);
    select(m, m.sheets[0].name, 2, 0);
    install(m);
    const res = await insertBlankTable({ layout: 'A', where: 'selection' });
    expect(res.ok).toBe(false);
    expect(res.message).toMatch(/不是空的/);
    expect(valueSnapshot(m)).toEqual(snap);
  });
});
