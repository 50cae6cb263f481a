/**
 * Property-based hardening on the real fixture grids: rows deleted, duplicated and inserted, columns
 * swapped, cells blanked or replaced by junk, merged areas added, dropped or left stale, the block
 * moved on the sheet. For every mutated sheet, detection and rules:
 * - never throw (both profiles);
 * - put every finding inside its sheet and inside the range of the table it belongs to (see below);
 * - are deterministic (same result twice, and on a deep copy) and never change their input.
 */
import fc from 'fast-check';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';
import type { CellValue, Merge, SheetGrid } from '../../src/core/grid';
import { parseA1 } from '../../src/core/grid';
import { FIXTURE_FILES } from '../checker/fixture-files';
import { MAX_COLS, MAX_ROWS } from './hostile';

jest.setTimeout(60_000 + Number(process.env.JXMB_PROPERTY_RUNS ?? 0) * 100);

const JUNK: CellValue[] = [
  null,
  '',
  ' ',
  '项目名称',
  '部门名称',
  '一级指标',
  '二级指标',
  '三级指标',
  '指标值',
  '绩效指标',
  '产出指标',
  '效益指标',
  '满意度指标',
  '成本指标',
  '数量指标',
  '指标1:',
  '指标2:培训班次',
  '≥9090%及以上',
  '≥',
  '%',
  '万元',
  '-',
  'XX',
  '#REF!',
  '#DIV/0!',
  '2024-12-31',
  '年度资金总额(含本级) ',
  '其中:财政拨款',
  '其他资金',
  '预算数',
  '基本支出',
  '年度重点工作任务',
  '3月底',
  '12月底',
  '资金支出计划（%）',
  '1×2×3=7万元',
  '(1人*360天*100元/天/人=3.72万元)',
  '322×10×0.1=322万元',
  '绩效目标表',
  '部门整体',
  '合计',
  '\n',
  '（',
  '：',
  0,
  -1,
  0.5,
  1e21,
  -0,
  99999999999,
  3.14159,
  true,
  false,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

const junkArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.double() },
);

type Mutation =
  | { op: 'deleteRows'; at: number; count: number }
  | { op: 'duplicateRows'; at: number; count: number; to: number }
  | { op: 'insertRows'; at: number; rows: CellValue[][] }
  | { op: 'swapColumns'; a: number; b: number }
  | { op: 'blank'; r: number; c: number; h: number; w: number }
  | { op: 'set'; r: number; c: number; v: CellValue }
  | { op: 'addMerge'; r: number; c: number; h: number; w: number }
  | { op: 'dropMerges'; keepEvery: number }
  | { op: 'move'; dr: number; dc: number };

/** Positions are fractions of the sheet size, so one mutation list fits any sheet. */
const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('deleteRows' as const), at: frac, count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('duplicateRows' as const), at: frac, count: fc.integer({ min: 1, max: 30 }), to: frac }),
  fc.record({
    op: fc.constant('insertRows' as const),
    at: frac,
    rows: fc.array(fc.array(junkArb, { maxLength: 9 }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ op: fc.constant('swapColumns' as const), a: frac, b: frac }),
  fc.record({ op: fc.constant('blank' as const), r: frac, c: frac, h: fc.integer({ min: 1, max: 6 }), w: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('set' as const), r: frac, c: frac, v: junkArb }),
  fc.record({
    op: fc.constant('addMerge' as const),
    r: frac,
    c: frac,
    h: fc.integer({ min: 0, max: 5 }),
    w: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ op: fc.constant('dropMerges' as const), keepEvery: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('move' as const), dr: fc.integer({ min: -3, max: 200 }), dc: fc.integer({ min: -2, max: 30 }) }),
);

function clone(s: SheetGrid): SheetGrid {
  return { ...s, cells: s.cells.map((r) => (r ? r.slice() : [])), merges: s.merges.map((m) => ({ ...m })) };
}

function width(s: SheetGrid): number {
  return Math.max(1, ...s.cells.map((r) => (r ? r.length : 0)));
}

/** Applies a mutation in place; merged areas follow row moves (stale ones are a mutation of their own). */
function apply(s: SheetGrid, m: Mutation): void {
  const n = s.cells.length;
  const idx = (f: number, len: number) => Math.min(len - 1, Math.floor(f * len));
  const shiftMerges = (fromAbs: number, by: number) => {
    s.merges = s.merges.flatMap((g) => {
      if (g.bottom < fromAbs) return [g];
      if (by < 0 && g.top < fromAbs - by) return []; // the area loses rows: drop it
      return [{ ...g, top: g.top + by, bottom: g.bottom + by }];
    });
  };
  switch (m.op) {
    case 'deleteRows': {
      if (n === 0) return;
      const at = idx(m.at, n);
      const count = Math.min(m.count, n - at);
      s.cells.splice(at, count);
      shiftMerges(s.rowOffset + at, -count);
      return;
    }
    case 'duplicateRows': {
      if (n === 0) return;
      const at = idx(m.at, n);
      const block = s.cells.slice(at, at + m.count).map((r) => (r ? r.slice() : []));
      const to = idx(m.to, n + 1);
      s.cells.splice(to, 0, ...block);
      shiftMerges(s.rowOffset + to, block.length);
      return;
    }
    case 'insertRows': {
      const at = idx(m.at, n + 1);
      s.cells.splice(at, 0, ...m.rows.map((r) => r.slice()));
      shiftMerges(s.rowOffset + at, m.rows.length);
      return;
    }
    case 'swapColumns': {
      const w = width(s);
      const a = idx(m.a, w);
      const b = idx(m.b, w);
      for (const row of s.cells) {
        if (!row) continue;
        while (row.length <= Math.max(a, b)) row.push(null);
        [row[a], row[b]] = [row[b], row[a]];
      }
      return;
    }
    case 'blank': {
      if (n === 0) return;
      const r0 = idx(m.r, n);
      const c0 = idx(m.c, width(s));
      for (let r = r0; r < Math.min(n, r0 + m.h); r++)
        for (let c = c0; c < c0 + m.w; c++) if (s.cells[r] && c < s.cells[r].length) s.cells[r][c] = null;
      return;
    }
    case 'set': {
      if (n === 0) return;
      const r = idx(m.r, n);
      const c = idx(m.c, width(s) + 2);
      const row = (s.cells[r] ??= []);
      while (row.length < c) row.push(null);
      row[c] = m.v;
      return;
    }
    case 'addMerge': {
      const top = s.rowOffset + idx(m.r, Math.max(1, n));
      const left = s.colOffset + idx(m.c, width(s));
      s.merges.push({ top, left, bottom: top + m.h, right: left + m.w });
      return;
    }
    case 'dropMerges':
      s.merges = s.merges.filter((_, i) => i % m.keepEvery === 0);
      return;
    case 'move': {
      const dr = Math.max(-s.rowOffset, m.dr);
      const dc = Math.max(-s.colOffset, m.dc);
      s.rowOffset += dr;
      s.colOffset += dc;
      s.merges = s.merges.map((g): Merge => ({ top: g.top + dr, left: g.left + dc, bottom: g.bottom + dr, right: g.right + dc }));
      return;
    }
  }
}

function parseRange(range: string) {
  const [a, b] = range.split(':').map((x) => parseA1(x)!);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

let sheets: SheetGrid[] = [];

beforeAll(async () => {
  for (const f of FIXTURE_FILES) {
    const wb = await readWorkbookGrid(f);
    // stacked sheets are long: keep the first 160 rows of each (still several tables)
    for (const s of wb.sheets) sheets.push({ ...s, cells: s.cells.slice(0, 160) });
  }
  sheets = sheets.filter((s) => s.cells.length > 0);
});

function checkInvariants(sheet: SheetGrid, profile: 'LOCAL' | 'C2021') {
  const before = JSON.stringify(sheet);
  const wb = { sheets: [sheet] };
  const a = checkWorkbook(wb, { profile });
  expect(JSON.stringify(sheet)).toBe(before); // the input is never changed
  const b = checkWorkbook({ sheets: [clone(sheet)] }, { profile });
  expect(b).toEqual(a);

  const ranges = new Map(a.tables.map((t) => [t.id, parseRange(t.range)]));
  for (const t of a.tables) {
    expect(t.sheet).toBe(sheet.name);
    const r = ranges.get(t.id)!;
    expect(r.top).toBeGreaterThanOrEqual(0);
    expect(r.left).toBeGreaterThanOrEqual(0);
    expect(r.bottom).toBeLessThan(MAX_ROWS);
    expect(r.right).toBeLessThan(MAX_COLS);
  }
  for (const f of a.findings) {
    expect(f.sheet).toBe(sheet.name);
    expect(f.row).toBeGreaterThanOrEqual(0);
    expect(f.col).toBeGreaterThanOrEqual(0);
    expect(f.row).toBeLessThan(MAX_ROWS);
    expect(f.col).toBeLessThan(MAX_COLS);
    const r = ranges.get(f.tableId);
    expect(r).toBeDefined();
    const inside = f.row >= r!.top && f.row <= r!.bottom && f.col >= r!.left && f.col <= r!.right;
    if (!inside) throw new Error(`finding ${f.code} at ${f.cell} outside its table ${f.tableId}`);
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  }
}

test('the fixture sheets themselves satisfy the invariants', () => {
  expect(sheets.length).toBeGreaterThan(8);
  for (const s of sheets) checkInvariants(s, 'LOCAL');
});

test('mutated fixture sheets: no throw, findings inside their table, deterministic, input unchanged', () => {
  fc.assert(
    fc.property(
      fc.nat(),
      fc.array(mutationArb, { minLength: 1, maxLength: 8 }),
      fc.constantFrom('LOCAL' as const, 'C2021' as const),
      (pick, muts, profile) => {
        const sheet = clone(sheets[pick % sheets.length]);
        for (const m of muts) apply(sheet, m);
        checkInvariants(sheet, profile);
      },
    ),
    { numRuns: Number(process.env.JXMB_PROPERTY_RUNS ?? 250), seed: process.env.JXMB_SEED ? Number(process.env.JXMB_SEED) : undefined },
  );
});

test('whole fixture workbooks with sheets reordered and duplicated: same findings per sheet', () => {
  fc.assert(
    fc.property(fc.shuffledSubarray(sheets, { minLength: 1, maxLength: 4 }), (picked) => {
      const wb = { sheets: picked.map((s, i) => ({ ...clone(s), name: `${s.name}#${i}` })) };
      const whole = checkWorkbook(wb);
      const strip = (fs: typeof whole.findings) => fs.map((f) => `${f.sheet}!${f.cell} ${f.code} ${f.message}`);
      const one = wb.sheets.flatMap((s) => strip(checkWorkbook({ sheets: [s] }).findings));
      expect(strip(whole.findings)).toEqual(one);
    }),
    { numRuns: 40 },
  );
});
