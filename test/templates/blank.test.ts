/** Blank tables (layout A, B, D): recognised by the checker as their layout, refused on busy areas. */
import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import { type SheetGrid, a1 } from '../../src/core/grid';
import { BLANK_LAYOUTS, blankPlanToGrid, planBlankTable } from '../../src/core/templates/blank';
import { TEMPLATE_PROFILES, listBlocks, skeleton } from '../../src/core/templates/library';
import { applyPlanToGrid, planBlockInsertion } from '../../src/core/templates/plan';
import { changedValues, mergeProblems, unexpectedFindings } from './helpers';

const blocks = [null, ...listBlocks()];

describe('blank tables', () => {
  for (const layout of BLANK_LAYOUTS) {
    test(`layout ${layout}: every profile × block is recognised as layout ${layout}, slots reported at their cells`, () => {
      for (const profile of TEMPLATE_PROFILES) {
        for (const block of blocks) {
          const res = planBlankTable(layout, { profile, block, top: 3, left: 2 });
          if (!res.ok) throw new Error(res.message);
          const plan = res.plan;
          const grid = blankPlanToGrid(plan, '表');
          expect(mergeProblems(grid)).toEqual([]);
          const tables = parseWorkbook({ sheets: [grid] }, { profile });
          expect(tables).toHaveLength(1);
          const t = tables[0];
          expect(t.layout).toBe(layout);
          expect(t.kind).toBe(layout === 'D' ? 'department' : 'project');
          expect([t.top, t.left]).toEqual([3, 2]);
          // indicators: exactly the block's, each under its place
          expect(t.indicators.filter((i) => !i.placeholder).map((i) => `${i.level1}/${i.level2}/${i.name}`)).toEqual(
            plan.added.map((a) => `${a.level1}/${a.level2}/${a.name}`),
          );
          // every 一级/二级 of the profile is present
          const cats = new Set(t.categories.filter((c) => c.level === 2).map((c) => `${c.parent}/${c.canonical}`));
          for (const s of skeleton(profile)) expect(cats).toContain(`${s.level1}/${s.level2}`);
          // missing-value exactly at the slots
          const res2 = checkWorkbook({ sheets: [grid] }, { profile });
          const mv = res2.findings
            .filter((f) => f.code === 'missing-value')
            .map((f) => f.cell)
            .sort();
          const slots = plan.added
            .filter((a) => a.slot)
            .map((a) => a1(a.valueCell.row, a.valueCell.col))
            .sort();
          expect(mv).toEqual(slots);
          // nothing about the values the template wrote
          const written = new Set(plan.added.filter((a) => !a.slot).map((a) => a.valueCell.row));
          expect(res2.findings.filter((f) => written.has(f.row) && f.code !== 'structure')).toEqual([]);
        }
      }
    });
  }

  test('a block inserted into a blank table goes under the existing (empty) 二级, never a second copy of it', () => {
    for (const layout of BLANK_LAYOUTS) {
      for (const profile of TEMPLATE_PROFILES) {
        for (const first of blocks) {
          for (const block of listBlocks()) {
            const res = planBlankTable(layout, { profile, block: first });
            if (!res.ok) throw new Error(res.message);
            const grid = blankPlanToGrid(res.plan);
            const t = parseWorkbook({ sheets: [grid] }, { profile })[0];
            const p = planBlockInsertion(t, grid, block, profile);
            if (!p.ok) throw new Error(p.message);
            const after = applyPlanToGrid(grid, p.plan);
            expect(changedValues(grid, after, p.plan.insertions)).toEqual([]);
            expect(mergeProblems(after)).toEqual([]);
            const t2 = parseWorkbook({ sheets: [after] }, { profile })[0];
            const labels = t2.categories.map((c) => `${c.parent ?? ''}/${c.canonical}`);
            expect(labels.length).toBe(new Set(labels).size);
            expect(p.plan.writes.filter((w) => w.role === 'level1' || w.role === 'level2')).toEqual([]);
            const before = checkWorkbook({ sheets: [grid] }, { profile }).findings;
            const d = unexpectedFindings(before, checkWorkbook({ sheets: [after] }, { profile }).findings, p.plan);
            expect(d).toEqual({ extra: [], unreported: [] });
          }
        }
      }
    }
  });

  test('通用 uses the budget for 成本 when given', () => {
    const res = planBlankTable('A', { block: listBlocks().find((b) => b.type === '通用')!, budget: '11.50' });
    expect(res.ok && res.plan.added.find((a) => a.name === '项目总成本')!.text).toBe('≤11.5万元');
  });

  test('refuses a target area that is not empty (values or merges), with a clear message', () => {
    const busy: SheetGrid = { name: 'S', rowOffset: 10, colOffset: 3, cells: [[null, '备注']], merges: [] };
    const r1 = planBlankTable('A', { top: 5, left: 0, grid: busy });
    expect(r1.ok).toBe(false);
    if (!r1.ok) expect(r1.message).toMatch(/不是空的.*E11/);
    const r2 = planBlankTable('A', { top: 20, left: 0, grid: busy });
    expect(r2.ok).toBe(true);
    const merged: SheetGrid = { name: 'S', rowOffset: 0, colOffset: 0, cells: [], merges: [{ top: 30, left: 0, bottom: 31, right: 1 }] };
    const r3 = planBlankTable('D', { top: 25, left: 0, grid: merged });
    expect(r3.ok).toBe(false);
    const blankStrings: SheetGrid = { name: 'S', rowOffset: 0, colOffset: 0, cells: [['  ', null]], merges: [] };
    expect(planBlankTable('B', { grid: blankStrings }).ok).toBe(true);
  });

  test('values are text-formatted and never start with "=" (no formula injection)', () => {
    for (const layout of BLANK_LAYOUTS) {
      for (const block of blocks) {
        const res = planBlankTable(layout, { block, budget: '5' });
        if (!res.ok) throw new Error(res.message);
        for (const c of res.plan.cells) expect(c.value.startsWith('=')).toBe(false);
        const valueCols = new Set(res.plan.added.map((a) => a.valueCell.col));
        for (const a of res.plan.added) {
          const styled = res.plan.styles.some(
            (s) => s.style.text && s.top <= a.row && s.bottom >= a.row && s.left <= a.valueCell.col && s.right >= a.valueCell.col,
          );
          expect(styled).toBe(true);
        }
        expect(valueCols.size).toBeLessThanOrEqual(1);
      }
    }
  });
});
