/**
 * 删除空白行 in the task pane: a table's unnamed placeholder rows deleted on the user's click (the merged 一级/二级/三级
 * areas one row shorter, their text kept), the sheet checked again, and 撤销 inserting the rows back exactly: every
 * value, format, merged area and row height of the user's as before. Rows holding anything else stay.
 */
import * as path from 'path';
import { isFolded } from '../../src/core/fold';
import { type Finding } from '../../src/core/findings';
import { keepReason, placeholderRowDeletion } from '../../src/core/row-deletion';
import { reviewGroups, reviewOrder } from '../../src/taskpane/components/review';
import { type WorkbookModel, cloneWorkbook, formatSnapshot, getCell, key, valueSnapshot } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import { content, hostFor, paneStore } from './helpers';

const FILE = path.join(__dirname, '..', '..', 'examples', '示例-绩效目标表.xlsx');
const ALL = new Set(['error', 'warning', 'info'] as const);

async function pane(edit: (wb: WorkbookModel) => void = () => undefined, file = FILE) {
  const original = await loadXlsx(file);
  edit(original);
  const { host, env } = await hostFor(cloneWorkbook(original));
  const { actions, get } = paneStore(env, { debounceMs: 0 });
  await actions.check('LOCAL', true); // hints painted too: the rows' cells are marked
  const order = reviewOrder(reviewGroups(get().outcome!.result, ALL, 'table'));
  const fold = order.find(isFolded)!;
  return { original, host, env, actions, get, fold };
}

const heights = (wb: WorkbookModel) =>
  wb.sheets.filter((s) => content(s.name)).map((s) => [s.name, [...s.rowHeights].sort((a, b) => a[0] - b[0])]);

test('the placeholder rows of a table deleted in one click, merged areas shortened; 撤销 puts back every cell exactly', async () => {
  const p = await pane();
  expect(p.fold.folded.length).toBeGreaterThanOrEqual(3);
  const sheet = p.host.model.sheets.find((s) => s.name === p.fold.sheet)!;
  const d = placeholderRowDeletion(
    p.get().outcome!.grid.sheets.find((s) => s.name === p.fold.sheet)!,
    p.fold.folded,
  );
  // the example's last rows name a 二级指标 with no 三级 under it (kept: its label would go), the others go
  expect(d.kept.map((k) => k.reason)).toEqual([
    '第 22 行的 C22 还有内容「生态效益指标」',
    '第 23 行的 C23 还有内容「可持续影响指标」',
    '第 24 行的 B24 还有内容「满意度指标」',
  ]);
  const rows = d.rows;
  expect(rows.length).toBeGreaterThanOrEqual(3);
  const below = { row: Math.max(...rows) + 1, text: JSON.stringify(getCell(sheet, Math.max(...rows) + 1, 3)?.v ?? null) };
  const mergesBefore = sheet.merges.length;
  const others = (fs: Finding[]) =>
    fs.filter((f) => f.tableId === p.fold.tableId && f.code !== 'placeholder-row').map((f) => `${f.code}:${f.message}`);
  const othersBefore = others(p.get().outcome!.result.findings);

  // a finding below the rows, ignored before: it stays ignored where its row goes, and comes back with it
  const below0 = p
    .get()
    .outcome!.result.findings.find((f) => f.sheet === p.fold.sheet && f.row > Math.max(...rows) + 3 && f.code !== 'placeholder-row')!;
  expect(below0).toBeDefined();
  await p.actions.review({ ignore: below0 });
  const ignoredAt = () => p.get().outcome!.ignored!.map((f) => `${f.sheet}!${f.cell}:${f.code}`);
  expect(ignoredAt()).toEqual([`${below0.sheet}!${below0.cell}:${below0.code}`]);
  await p.actions.deleteRows(p.fold);
  expect(p.get().error).toBeNull();
  expect(ignoredAt()).toEqual([`${below0.sheet}!${below0.cell.replace(/\d+$/, String(below0.row + 1 - rows.length))}:${below0.code}`]);
  expect(p.get().notice?.text).toBe(
    '已删除 项目表 的 6 行空白占位行（第 11、13、15、17、19、21 行）。另有 3 行未删除（第 22、23、24 行），因为第 22 行的 C22 还有内容「生态效益指标」等。',
  );
  const now = p.host.model.sheets.find((s) => s.name === p.fold.sheet)!;
  // the row after the last one deleted moved up by as many rows; every 三级指标 area of two rows is one cell now
  expect(JSON.stringify(getCell(now, below.row - rows.length, 3)?.v ?? null)).toBe(below.text);
  expect(now.merges.length).toBeLessThan(mergesBefore);
  // the checker finds the table again, without placeholder rows, and no new problem appears in it
  const after = p.get().outcome!.result;
  // (only those of the rows kept are left, 6 rows higher up)
  expect(after.findings.filter((f) => f.tableId === p.fold.tableId && f.code === 'placeholder-row').map((f) => f.cell)).toEqual([
    'D16',
    'D17',
    'D18',
  ]);
  expect(others(after.findings)).toEqual(othersBefore);

  await p.actions.undo(p.get().fixed!);
  expect(p.get().notice?.text).toBe(`已撤销删除，${p.fold.sheet} 的 ${rows.length} 行已恢复原样。`);
  expect(ignoredAt()).toEqual([`${below0.sheet}!${below0.cell}:${below0.code}`]);
  await p.actions.review({ restore: 'all' });
  await p.actions.clear();
  expect([...valueSnapshot(p.host.model, content)].sort()).toEqual([...valueSnapshot(p.original, content)].sort());
  expect([...formatSnapshot(p.host.model, content)].sort()).toEqual([...formatSnapshot(p.original, content)].sort());
  expect(heights(p.host.model)).toEqual(heights(p.original));
});

test('a row with anything but the placeholder is kept; after the user types in the sheet, 撤销 writes nothing', async () => {
  const first = await pane();
  const row = first.fold.folded[1].row;
  const p = await pane((wb) => wb.sheets.find((s) => s.name === first.fold.sheet)!.cells.set(key(row, 7), { v: '备注：保留' }));
  const grid = p.get().outcome!.grid.sheets.find((s) => s.name === p.fold.sheet)!;
  expect(keepReason(grid, row)).toBe(`第 ${row + 1} 行的 H${row + 1} 还有内容「备注：保留」`);
  const d = placeholderRowDeletion(grid, p.fold.folded);
  expect(d.kept.map((k) => k.row)).toEqual([row, 21, 22, 23]);
  await p.actions.deleteRows(p.fold);
  expect(p.get().notice?.text).toBe(
    '已删除 项目表 的 5 行空白占位行（第 11、15、17、19、21 行）。另有 4 行未删除（第 13、22、23、24 行），因为第 13 行的 H13 还有内容「备注：保留」等。',
  );
  const kept = p.host.model.sheets.find((s) => s.name === p.fold.sheet)!;
  expect([...kept.cells.values()].some((c) => c.v === '备注：保留')).toBe(true);
  // the user types into the sheet after the deletion: 撤销 writes nothing
  const applied = p.get().fixed!;
  await p.host.userEdit(p.fold.sheet, p.fold.cell, '新内容');
  const values = [...valueSnapshot(p.host.model, content)];
  await p.actions.undo(applied);
  expect(p.get().notice?.text).toBe(`${p.fold.sheet} 在删除占位行后又被修改，未撤销。`);
  expect([...valueSnapshot(p.host.model, content)]).toEqual(values);
});

test('a placeholder row holding a formula is left as it is', async () => {
  const p = await pane();
  const s = p.host.model.sheets.find((x) => x.name === p.fold.sheet)!;
  const f = p.fold.folded[0];
  // a formula typed into the row after the check (the grid cannot tell a formula from its value)
  s.cells.set(key(f.row, 9), { v: '', f: '=""' });
  const values = [...valueSnapshot(p.host.model, content)];
  await p.actions.deleteRows(p.fold);
  expect(p.get().notice?.text).toBe(`${f.sheet}!J${f.row + 1} 是公式，未删除。`);
  expect([...valueSnapshot(p.host.model, content)]).toEqual(values);
});

test("on a real sheet of many tables (171 placeholder rows): requests within Excel on the web's 5 MB, syncs fixed, 撤销 exact", async () => {
  const p = await pane(undefined, path.join(__dirname, '..', 'fixtures', 'layoutA-ningxia.xlsx'));
  const d = placeholderRowDeletion(
    p.get().outcome!.grid.sheets.find((s) => s.name === p.fold.sheet)!,
    p.fold.folded,
  );
  expect(d.rows.length).toBeGreaterThan(6);
  p.host.resetStats();
  await p.actions.deleteRows(p.fold);
  expect(p.get().error).toBeNull();
  expect(p.get().notice?.text).toMatch(/^已删除 项目支出绩效目标表 的 \d+ 行空白占位行/);
  expect(p.host.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  expect(p.host.stats.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
  const syncs = p.host.stats.syncs;
  p.host.resetStats();
  await p.actions.undo(p.get().fixed!);
  expect(p.host.stats.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  await p.actions.clear();
  expect([...valueSnapshot(p.host.model, content)].sort()).toEqual([...valueSnapshot(p.original, content)].sort());
  expect([...formatSnapshot(p.host.model, content)].sort()).toEqual([...formatSnapshot(p.original, content)].sort());
  expect(heights(p.host.model)).toEqual(heights(p.original));
  // as many syncs as for the example's 6 rows (the number does not grow with the rows)
  const small = await pane();
  small.host.resetStats();
  await small.actions.deleteRows(small.fold);
  expect(small.host.stats.syncs).toBe(syncs);
});
