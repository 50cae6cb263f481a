/**
 * The pane's suggestions and proposals through Office.js on the fake host: types suggested for the table at the cursor
 * (2 syncs, nothing changed); proposed values shown by the preview and written only when accepted.
 */
import { insertBlockAtSelection, previewAtSelection, suggestAtSelection } from '../../src/adapters/office/templates';
import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import type { SheetGrid } from '../../src/core/grid';
import { createHost } from '../office-host';
import { type WorkbookModel, getCell, newWorkbook, touchCell, valueSnapshot } from '../office-host/model';
import { baseProjectGrid } from './base-tables';

function workbookWith(grid: SheetGrid): WorkbookModel {
  const m = newWorkbook([grid.name]);
  grid.cells.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== '') touchCell(m.sheets[0], r, c).v = v;
    }),
  );
  m.activeSheet = 0;
  m.selection = { sheet: 0, rect: { top: 1, left: 1, bottom: 1, right: 1 } };
  return m;
}

function install(m: WorkbookModel): void {
  createHost(m).install(globalThis as unknown as Record<string, unknown>);
}

function gridOf(m: WorkbookModel): SheetGrid {
  const s = m.sheets[0];
  const cells: (string | number | boolean | null)[][] = [];
  for (let r = 0; r < 60; r++) {
    const row: (string | number | boolean | null)[] = [];
    for (let c = 0; c < 6; c++) {
      const v = getCell(s, r, c)?.v;
      row.push(v === undefined || v === null ? null : (v as string | number | boolean));
    }
    cells.push(row);
  }
  return { name: s.name, rowOffset: 0, colOffset: 0, cells, merges: [] };
}

const goal = '全年举办业务培训3期、300人次，培训合格率95%以上。';

test('suggested types for the table at the cursor, with reasons; nothing changed', async () => {
  const base = baseProjectGrid(goal);
  base.cells[1][1] = '业务骨干培训经费';
  const m = workbookWith(base);
  install(m);
  const before = valueSnapshot(m);
  const res = await suggestAtSelection();
  expect(res.ok).toBe(true);
  expect(res.syncs).toBe(2);
  expect(res.suggestions[0]).toMatchObject({ type: '会议培训' });
  expect(res.suggestions[0].reasons).toContain('项目名称含「培训」');
  expect(res.suggestions[res.suggestions.length - 1].type).toBe('通用');
  expect(valueSnapshot(m)).toEqual(before);
});

test('the preview proposes ≥3期 and ≥300人次 from the goal; they are written only when accepted', async () => {
  for (const accept of [false, true]) {
    const m = workbookWith(baseProjectGrid(goal));
    install(m);
    const pre = await previewAtSelection({ block: '会议培训', profile: 'LOCAL' });
    expect(pre.ok).toBe(true);
    expect(pre.proposals?.map((p) => `${p.name} ${p.text}`)).toEqual(['培训班次 ≥3期', '培训人次 ≥300人次']);
    const res = await insertBlockAtSelection({ block: '会议培训', profile: 'LOCAL', acceptProposals: accept });
    expect(res.ok).toBe(true);
    const g = gridOf(m);
    const t = parseWorkbook({ sheets: [g] }, { profile: 'LOCAL' })[0];
    const value = (name: string) => t.indicators.find((i) => i.name === name)?.rawValue ?? null;
    expect(value('培训班次')).toBe(accept ? '≥3期' : '');
    expect(value('培训人次')).toBe(accept ? '≥300人次' : '');
    expect(value('培训总成本')).toBe('≤20万元');
    const missing = checkWorkbook({ sheets: [g] }, { profile: 'LOCAL' }).findings.filter((f) => f.code === 'missing-value');
    // without accepting: 班次, 人次 and 人均成本 to fill; accepted: only 人均成本
    expect(missing.length).toBe(accept ? 1 : 3);
  }
});
