/**
 * Every block × every table of the real corpus (test/corpus/tables): inserting never overwrites or moves a value
 * other than by whole-row shifts, keeps merges valid, and every new indicator parses back under its 一级/二级.
 * A refusal must say why in Chinese (no indicator columns, or merges across the insertion point) and stays rare.
 */
import { parseWorkbook } from '../../src/core/check';
import type { SheetGrid } from '../../src/core/grid';
import type { Table } from '../../src/core/model';
import { type TemplateProfile, listBlocks, normalizeIndicatorName } from '../../src/core/templates/library';
import { applyPlanToGrid, planBlockInsertion, shiftMerge } from '../../src/core/templates/plan';
import { detectProfile } from '../../src/core/templates/profile';
import { listTableIds } from '../corpus/format';
import { corpusGrid } from './base-tables';
import { changedValues, contains, mergeProblems, nonEmptyCells } from './helpers';

function profilesFor(t: Table): TemplateProfile[] {
  const p = detectProfile(t);
  return p ? [p] : ['LOCAL', 'C2021'];
}

test('every block into every corpus table: values kept, merges valid, indicators parsed back', () => {
  const problems: string[] = [];
  const refusals: string[] = [];
  const irregular = new Set<string>();
  let plans = 0;
  const ids = listTableIds();
  expect(ids.length).toBeGreaterThanOrEqual(60);
  for (const id of ids) {
    const grid = corpusGrid(id);
    for (const table of parseWorkbook({ sheets: [grid] })) {
      for (const profile of profilesFor(table)) {
        const t = parseWorkbook({ sheets: [grid] }, { profile }).find((x) => x.id === table.id) ?? table;
        for (const block of listBlocks()) {
          const tag = `${id}/${t.name}/${block.type}/${profile}`;
          const res = planBlockInsertion(t, grid, block, profile);
          if (!res.ok) {
            if (!/[\u4e00-\u9fff]/.test(res.message)) problems.push(`${tag}: refusal without a Chinese reason: ${res.message}`);
            refusals.push(`${id}: ${res.message}`);
            continue;
          }
          plans++;
          const plan = res.plan;
          let after: SheetGrid;
          try {
            after = applyPlanToGrid(grid, plan);
          } catch (e) {
            problems.push(`${tag}: ${(e as Error).message}`);
            continue;
          }
          for (const p of changedValues(grid, after, plan.insertions)) problems.push(`${tag}: ${p}`);
          if (nonEmptyCells(after).length !== nonEmptyCells(grid).length + plan.writes.length) problems.push(`${tag}: cell count`);
          for (const p of mergeProblems(after)) problems.push(`${tag}: ${p}`);
          for (const m of grid.merges) {
            const s = shiftMerge(m, plan.insertions);
            if (!after.merges.some((x) => contains(x, s))) problems.push(`${tag}: merge ${JSON.stringify(m)} lost`);
          }
          if (plan.added.length === 0) continue;
          const t2 = parseWorkbook({ sheets: [after] }, { profile }).find(
            (x) => x.top <= plan.added[0].row && x.bottom >= plan.added[0].row,
          );
          // where the table is regular (every indicator under a known 一级 and 二级, its profile recognised), every new
          // row is read back under its planned 一级/二级; on irregular tables (no 二级 column, 二级 labels left out
          // under 满意度, labels repeated in odd orders) only the name is compared and the 一级/二级 misses are counted
          const regular =
            detectProfile(t) !== null && t.indicators.length > 0 && t.indicators.every((i) => i.level1 !== null && i.level2 !== null);
          for (const a of plan.added) {
            const got = t2?.indicators.find((i) => i.row === a.row);
            if (!got || normalizeIndicatorName(got.name) !== normalizeIndicatorName(a.name)) {
              problems.push(`${tag}: row ${a.row + 1} ${a.name} not read back (${got ? got.name : 'nothing'})`);
            } else if (got.level1 !== a.level1 || (got.level2 ?? '') !== a.level2) {
              if (!regular) {
                irregular.add(id);
                continue;
              }
              problems.push(
                `${tag}: row ${a.row + 1} ${a.name} parsed as ${got ? `${got.level1}/${got.level2}/${got.name}` : 'nothing'}, planned ${a.level1}/${a.level2}`,
              );
            }
          }
        }
      }
    }
  }
  expect(problems).toEqual([]);
  if (irregular.size) console.log(`new rows read under another 一级/二级 on irregular tables: ${[...irregular].join(', ')}`);
  expect(irregular.size).toBeLessThanOrEqual(10);
  expect(plans).toBeGreaterThan(1000);
  // refusals happen only where a merge spans the insertion point; printed for the record
  const byReason = new Map<string, number>();
  for (const r of refusals) byReason.set(r, (byReason.get(r) ?? 0) + 1);
  if (refusals.length)
    console.log(
      `${refusals.length} refusals of ${plans + refusals.length} plans:\n${[...byReason].map(([r, n]) => `${n}× ${r}`).join('\n')}`,
    );
  // tables without a 三级/指标值 column cannot take any block; merge refusals stay rare
  const mergeRefusals = refusals.filter((r) => !r.includes('无法识别该表的指标列'));
  expect(mergeRefusals.length).toBeLessThan((plans + refusals.length) * 0.05);
});
