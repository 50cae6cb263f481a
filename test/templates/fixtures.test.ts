/**
 * Every block × every fixture table: inserting changes no pre-existing value (rows shifted),
 * keeps merges valid, puts each indicator under its 一级/二级, and the checker then reports only
 * missing-value at the new slots (plus what the table reported before).
 */
import { promises as fs } from 'fs';
import path from 'path';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import type { SheetGrid } from '../../src/core/grid';
import type { Table } from '../../src/core/model';
import { type TemplateProfile, listBlocks, normalizeIndicatorName } from '../../src/core/templates/library';
import { applyPlanToGrid, planBlockInsertion } from '../../src/core/templates/plan';
import { detectProfile } from '../../src/core/templates/profile';
import { changedValues, contains, mergeProblems, nonEmptyCells, unexpectedFindings } from './helpers';
import { shiftMerge } from '../../src/core/templates/plan';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

interface Case {
  file: string;
  sheet: SheetGrid;
  table: Table;
}

let cases: Case[] = [];

beforeAll(async () => {
  const files = (await fs.readdir(FIXTURES)).filter((f) => f.endsWith('.xlsx')).sort();
  for (const file of files) {
    const wb = await readWorkbookGrid(path.join(FIXTURES, file));
    for (const sheet of wb.sheets) {
      for (const table of parseWorkbook({ sheets: [sheet] })) cases.push({ file, sheet, table });
    }
  }
});

afterAll(() => {
  cases = [];
});

function profilesFor(t: Table): TemplateProfile[] {
  const p = detectProfile(t);
  return p ? [p] : ['LOCAL', 'C2021'];
}

test('the fixtures hold tables of layouts A, B, C and D', () => {
  const layouts = new Set(cases.map((c) => c.table.layout));
  for (const l of ['A', 'B', 'C', 'D']) expect(layouts).toContain(l);
  expect(cases.length).toBeGreaterThanOrEqual(10);
});

test('every block into every fixture table: values kept, merges valid, only the new slots reported', () => {
  let plans = 0;
  let rows = 0;
  const problems: string[] = [];
  for (const c of cases) {
    for (const profile of profilesFor(c.table)) {
      const before = checkWorkbook({ sheets: [c.sheet] }, { profile }).findings.filter((f) => f.tableId === c.table.id);
      for (const block of listBlocks()) {
        const tag = `${c.file}/${c.sheet.name}/${c.table.id}(${c.table.layout})/${block.type}/${profile}`;
        const res = planBlockInsertion(c.table, c.sheet, block, profile);
        if (!res.ok) {
          problems.push(`${tag}: refused: ${res.message}`);
          continue;
        }
        const plan = res.plan;
        plans++;
        rows += plan.added.length;
        const after = applyPlanToGrid(c.sheet, plan);
        // 1. no pre-existing value changed; only the planned cells were added
        for (const p of changedValues(c.sheet, after, plan.insertions)) problems.push(`${tag}: ${p}`);
        expect(nonEmptyCells(after).length).toBe(nonEmptyCells(c.sheet).length + plan.writes.length);
        // 2. merges valid, and every old merge survives (shifted, possibly grown)
        for (const p of mergeProblems(after)) problems.push(`${tag}: ${p}`);
        for (const m of c.sheet.merges) {
          const s = shiftMerge(m, plan.insertions);
          if (!after.merges.some((x) => contains(x, s))) problems.push(`${tag}: merge ${JSON.stringify(m)} lost`);
        }
        // 3. each new indicator is parsed back under its 一级/二级
        const t2 = parseWorkbook({ sheets: [after] }, { profile }).find(
          (t) => t.top <= plan.added[0]?.row && t.bottom >= plan.added[0]?.row,
        );
        for (const a of plan.added) {
          const got = t2?.indicators.find((i) => i.row === a.row);
          if (
            !got ||
            normalizeIndicatorName(got.name) !== normalizeIndicatorName(a.name) ||
            got.level1 !== a.level1 ||
            (got.level2 ?? '') !== a.level2
          ) {
            problems.push(
              `${tag}: row ${a.row + 1} ${a.name} parsed as ${got ? `${got.level1}/${got.level2}/${got.name}` : 'nothing'}, planned ${a.level1}/${a.level2}`,
            );
          }
        }
        // 4. the checker reports only the slots (plus what the table reported before)
        const found = checkWorkbook({ sheets: [after] }, { profile }).findings.filter((f) => !t2 || f.tableId === t2.id);
        const d = unexpectedFindings(before, found, plan);
        for (const e of d.extra) problems.push(`${tag}: new finding ${e}`);
        for (const u of d.unreported) problems.push(`${tag}: slot not reported ${u}`);
        // 5. re-inserting the same block adds nothing
        if (t2) {
          const again = planBlockInsertion(t2, after, block, profile);
          if (!again.ok || again.plan.added.length !== 0) {
            problems.push(
              `${tag}: second insertion ${again.ok ? `added ${again.plan.added.map((a) => a.name).join(',')}` : again.message}`,
            );
          }
        }
      }
    }
  }
  expect(problems).toEqual([]);
  expect(plans).toBeGreaterThan(50);
  expect(rows).toBeGreaterThan(200);
});
