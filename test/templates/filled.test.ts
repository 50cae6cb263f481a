/**
 * Every block × both profiles, inserted into a clean table and its 待填写 values filled as proposed (the library's
 * example for each slot): the checker then reports nothing at all for the table — no error, no warning, and no hint
 * (no vague value, no unreadable value) either.
 */
import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import { TEMPLATE_PROFILES, listBlocks, materializeBlock } from '../../src/core/templates/library';
import { applyPlanToGrid, planBlockInsertion } from '../../src/core/templates/plan';
import { baseProjectGrid } from './base-tables';

const cases = listBlocks().flatMap((b) => TEMPLATE_PROFILES.map((p) => [b.type, p, b] as const));

test.each(cases)('%s (%s): inserted and filled as proposed, the checker reports nothing', (_type, profile, block) => {
  const grid = baseProjectGrid();
  const before = checkWorkbook({ sheets: [grid] }, { profile });
  // the base table itself only lacks indicators
  expect(before.findings.filter((f) => f.severity !== 'info' && f.code !== 'structure')).toEqual([]);
  const table = parseWorkbook({ sheets: [grid] }, { profile })[0];
  const res = planBlockInsertion(table, grid, block, profile);
  if (!res.ok) throw new Error(res.message);
  const after = applyPlanToGrid(grid, res.plan);
  const items = materializeBlock(block, profile, { budget: table.budget?.amount ?? null });
  expect(res.plan.added.length).toBe(items.length);
  for (const a of res.plan.added) {
    if (!a.slot) continue;
    const example = items.find((i) => i.name === a.name)!.example;
    expect(example).not.toBe('');
    after.cells[a.valueCell.row][a.valueCell.col] = example;
  }
  const found = checkWorkbook({ sheets: [after] }, { profile }).findings.map((f) => `${f.severity} ${f.code} ${f.cell} ${f.message}`);
  expect(found).toEqual([]);
});

test('the cost total comes from the budget (≤20万元) and is not a slot', () => {
  for (const b of listBlocks()) {
    const costs = materializeBlock(b, 'LOCAL', { budget: '20' }).filter((r) => r.computed);
    expect([b.type, costs.map((c) => c.text)]).toEqual([b.type, ['≤20万元']]);
  }
});
