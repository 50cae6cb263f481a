/**
 * Property-based: over random tables (merged / written-once / repeated labels, offsets, blank and
 * placeholder rows, extra columns, notes beside the table, a second table below), planning never
 * overwrites a non-empty cell, keeps merges valid, and every new indicator parses back under
 * its planned 一级/二级.
 */
import fc from 'fast-check';
import { parseWorkbook } from '../../src/core/check';
import type { CellValue, Merge, SheetGrid } from '../../src/core/grid';
import { type TemplateProfile, getLibrary, listBlocks, normalizeIndicatorName } from '../../src/core/templates/library';
import { applyPlanToGrid, planBlockInsertion, shiftMerge, validateBlockPlan } from '../../src/core/templates/plan';
import { changedValues, contains, mergeProblems, nonEmptyCells } from './helpers';

type Style = 'merge' | 'once' | 'repeat';

interface GenRow {
  name: string;
  value: string;
}
interface GenL2 {
  l2: string;
  rows: GenRow[];
  blankAfter: boolean;
}
interface GenL1 {
  l1: string;
  groups: GenL2[];
}
interface GenTable {
  offRow: number;
  offCol: number;
  style: Style;
  outer: boolean;
  extraCol: boolean;
  noteRight: boolean;
  tableBelow: boolean;
  prefixed: boolean;
  sections: GenL1[];
}

const NAMES = [
  '培训合格率',
  '参训人员满意度',
  '验收合格率',
  '系统可用率',
  '补助人数',
  '工作量',
  '完成率',
  '群众满意度',
  '覆盖率',
  '设备数量',
];
const VALUES = ['≥1次', '100%', '', '提升', '≤5万元', '≥90%'];

function arbTable(vocab: TemplateProfile): fc.Arbitrary<GenTable> {
  const prof = getLibrary().profiles[vocab];
  const arbRow = fc.record({
    name: fc.oneof(fc.constantFrom(...NAMES), fc.constant('')),
    value: fc.constantFrom(...VALUES),
  });
  const arbL1 = fc.constantFrom(...prof.level1).chain((l1) =>
    fc
      .subarray(
        l1.level2.map((x) => x.name),
        { minLength: 1 },
      )
      .chain((l2s) =>
        fc.tuple(
          ...l2s.map((l2) =>
            fc.record({ l2: fc.constant(l2), rows: fc.array(arbRow, { minLength: 1, maxLength: 3 }), blankAfter: fc.boolean() }),
          ),
        ),
      )
      .map((groups) => ({ l1: l1.name, groups: groups as GenL2[] })),
  );
  return fc.record({
    offRow: fc.integer({ min: 0, max: 4 }),
    offCol: fc.integer({ min: 0, max: 3 }),
    style: fc.constantFrom<Style>('merge', 'once', 'repeat'),
    outer: fc.boolean(),
    extraCol: fc.boolean(),
    noteRight: fc.boolean(),
    tableBelow: fc.boolean(),
    prefixed: fc.boolean(),
    sections: fc.uniqueArray(arbL1, { minLength: 0, maxLength: 4, selector: (s) => s.l1 }).map((ss) => {
      const order = prof.level1.map((l) => l.name);
      return [...ss].sort((a, b) => order.indexOf(a.l1) - order.indexOf(b.l1));
    }),
  });
}

function build(g: GenTable, name = 'S'): SheetGrid {
  const cells: CellValue[][] = [];
  const merges: Merge[] = [];
  const set = (r: number, c: number, v: CellValue) => {
    while (cells.length <= r) cells.push([]);
    const row = cells[r];
    while (row.length <= c) row.push(null);
    row[c] = v;
  };
  const writeTable = (top: number, suffix: string) => {
    const L = g.offCol;
    const o = g.outer ? 1 : 0;
    set(top, L, `项目支出绩效目标表${suffix}`);
    set(top + 1, L, '项目名称');
    set(top + 1, L + 1, `项目${suffix || '甲'}`);
    set(top + 2, L, '年度资金总额');
    set(top + 2, L + 1, 10);
    const h = top + 3;
    if (g.outer) set(h, L, '绩效指标');
    ['一级指标', '二级指标', '三级指标', '指标值'].forEach((t, i) => set(h, L + o + i, t));
    if (g.extraCol) set(h, L + o + 4, '指标值确定依据');
    let r = h + 1;
    for (const s of g.sections) {
      const l1Top = r;
      for (const grp of s.groups) {
        const l2Top = r;
        grp.rows.forEach((row, k) => {
          if (k === 0 || g.style === 'repeat') set(r, L + o + 1, grp.l2);
          const n = row.name ? (g.prefixed ? `指标${k + 1}:${row.name}` : row.name) : `指标${k + 1}:`;
          set(r, L + o + 2, n);
          if (row.value && row.name) set(r, L + o + 3, row.value);
          if (g.extraCol && row.name) set(r, L + o + 4, '依据');
          if (g.noteRight && k === 0) set(r, L + o + 6, '备忘');
          r++;
        });
        if (grp.blankAfter) r++;
        if (g.style === 'merge' && r - 1 > l2Top) merges.push({ top: l2Top, left: L + o + 1, bottom: r - 1, right: L + o + 1 });
      }
      set(l1Top, L + o, s.l1);
      if (g.style === 'merge' && r - 1 > l1Top) merges.push({ top: l1Top, left: L + o, bottom: r - 1, right: L + o });
    }
    if (g.outer && g.style === 'merge' && r - 1 > h) merges.push({ top: h, left: L, bottom: r - 1, right: L });
    return r;
  };
  const end = writeTable(g.offRow, '');
  if (g.tableBelow) writeTable(end + 1, '乙');
  for (const row of cells) for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
  return { name, rowOffset: 0, colOffset: 0, cells, merges };
}

const arbCase = fc.constantFrom<TemplateProfile>('LOCAL', 'C2021').chain((vocab) =>
  fc.record({
    table: arbTable(vocab),
    profile: fc.constantFrom<TemplateProfile>(vocab, vocab, 'LOCAL', 'C2021'),
    block: fc.constantFrom(...listBlocks().map((b) => b.id)),
    which: fc.nat(1),
  }),
);

/** The invariants of one insertion (throws on a violation). */
function insertionHolds({
  table,
  profile,
  block,
  which,
}: {
  table: GenTable;
  profile: TemplateProfile;
  block: string;
  which: number;
}): void {
  const grid = build(table);
  const tables = parseWorkbook({ sheets: [grid] }, { profile });
  fc.pre(tables.length > 0);
  const t = tables[Math.min(which, tables.length - 1)];
  const b = listBlocks().find((x) => x.id === block)!;
  const res = planBlockInsertion(t, grid, b, profile);
  if (!res.ok) {
    // refusals must say why, in Chinese; generated tables are well formed, so none is expected
    throw new Error(`refused: ${res.message}`);
  }
  const plan = res.plan;
  expect(validateBlockPlan(grid, plan)).toBeNull();
  const after = applyPlanToGrid(grid, plan); // throws if a write hits a non-empty cell
  expect(changedValues(grid, after, plan.insertions)).toEqual([]);
  expect(mergeProblems(after)).toEqual([]);
  expect(nonEmptyCells(after).length).toBe(nonEmptyCells(grid).length + plan.writes.length);
  for (const m of grid.merges) {
    const s = shiftMerge(m, plan.insertions);
    expect(after.merges.some((x) => contains(x, s))).toBe(true);
  }
  // every write is in a new row
  const newRows = new Set(plan.added.map((a) => a.row));
  for (const w of plan.writes) expect(newRows.has(w.row)).toBe(true);
  // parse back
  const t2 = parseWorkbook({ sheets: [after] }, { profile }).find(
    (x) => plan.added.length > 0 && x.top <= plan.added[0].row && x.bottom >= plan.added[0].row,
  );
  for (const a of plan.added) {
    const got = t2?.indicators.find((i) => i.row === a.row);
    expect(got && normalizeIndicatorName(got.name)).toBe(normalizeIndicatorName(a.name));
    expect(got?.level1).toBe(a.level1);
    expect(got?.level2 ?? '').toBe(a.level2);
  }
  // the other table on the sheet is untouched apart from the shift
  if (tables.length > 1 && t2) {
    const other = parseWorkbook({ sheets: [after] }, { profile }).filter((x) => x.id !== t2.id);
    expect(other.reduce((n, x) => n + x.indicators.length, 0)).toBe(
      tables.filter((x) => x.id !== t.id).reduce((n, x) => n + x.indicators.length, 0),
    );
  }
}

describe('planning over random tables', () => {
  test('never overwrites a non-empty cell, keeps merges valid, places indicators under their 一级/二级', () => {
    fc.assert(fc.property(arbCase, insertionHolds), {
      numRuns: Number(process.env.FC_RUNS ?? 300),
      seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : 4242,
      endOnFailure: true,
    });
  });

  // every block of the library, not only those the random choice happens to pick
  test.each(listBlocks().map((b) => [b.type, b.id]))('%s: the invariants hold on random tables', (_type, id) => {
    const arbFixed = fc.constantFrom<TemplateProfile>('LOCAL', 'C2021').chain((vocab) =>
      fc.record({
        table: arbTable(vocab),
        profile: fc.constantFrom<TemplateProfile>(vocab, 'LOCAL', 'C2021'),
        block: fc.constant(id),
        which: fc.nat(1),
      }),
    );
    fc.assert(fc.property(arbFixed, insertionHolds), {
      numRuns: Number(process.env.FC_RUNS_PER_BLOCK ?? 40),
      seed: 1515,
      endOnFailure: true,
    });
  });

  test('inserting the same block twice adds nothing the second time', () => {
    fc.assert(
      fc.property(arbCase, ({ table, profile, block }) => {
        const grid = build(table);
        const tables = parseWorkbook({ sheets: [grid] }, { profile });
        fc.pre(tables.length > 0);
        const b = listBlocks().find((x) => x.id === block)!;
        const res = planBlockInsertion(tables[0], grid, b, profile);
        fc.pre(res.ok);
        if (!res.ok) return;
        const after = applyPlanToGrid(grid, res.plan);
        const t2 = parseWorkbook({ sheets: [after] }, { profile })[0];
        const again = planBlockInsertion(t2, after, b, profile);
        expect(again.ok && again.plan.added.map((a) => a.name)).toEqual([]);
      }),
      { numRuns: 150, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : 7, endOnFailure: true },
    );
  });

  test('with stray merges in the name/value columns: refused with a reason, or all invariants hold', () => {
    const arbMerges = fc.array(
      fc.record({ r: fc.nat(30), c: fc.nat(6), h: fc.integer({ min: 1, max: 3 }), w: fc.integer({ min: 1, max: 2 }) }),
      { maxLength: 6 },
    );
    let refused = 0;
    let done = 0;
    fc.assert(
      fc.property(arbCase, arbMerges, ({ table, profile, block }, extra) => {
        const grid = build(table);
        const filled = (r: number, c: number) => {
          const v = grid.cells[r]?.[c];
          return v !== null && v !== undefined && v !== '';
        };
        for (const e of extra) {
          const m: Merge = {
            top: table.offRow + 4 + e.r,
            left: table.offCol + e.c,
            bottom: table.offRow + 4 + e.r + e.h - 1,
            right: table.offCol + e.c + e.w - 1,
          };
          if (m.bottom === m.top && m.right === m.left) continue;
          if (grid.merges.some((o) => o.top <= m.bottom && m.top <= o.bottom && o.left <= m.right && m.left <= o.right)) continue;
          let ok = true;
          for (let r = m.top; r <= m.bottom; r++)
            for (let c = m.left; c <= m.right; c++) if ((r !== m.top || c !== m.left) && filled(r, c)) ok = false;
          if (ok) grid.merges.push(m);
        }
        const tables = parseWorkbook({ sheets: [grid] }, { profile });
        fc.pre(tables.length > 0);
        const res = planBlockInsertion(
          tables[0],
          grid,
          listBlocks().find((x) => x.id === block)!,
          profile,
        );
        if (!res.ok) {
          refused++;
          expect(res.message).toMatch(/[\u4e00-\u9fff]/);
          return;
        }
        done++;
        const after = applyPlanToGrid(grid, res.plan);
        expect(changedValues(grid, after, res.plan.insertions)).toEqual([]);
        expect(mergeProblems(after)).toEqual([]);
        for (const m of grid.merges) {
          const sm = shiftMerge(m, res.plan.insertions);
          expect(after.merges.some((x) => contains(x, sm))).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300), seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : 99, endOnFailure: true },
    );
    expect(done).toBeGreaterThan(refused);
  });
});
