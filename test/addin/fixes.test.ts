/**
 * 修正 in the task pane: the finding's one safe correction written on the user's click, the sheet checked again (the
 * finding goes), and 撤销 putting the cell back exactly (value and number format); a formula cell or a cell changed
 * since the check is never written.
 */
import * as path from 'path';
import { applyFix } from '../../src/adapters/office/fixes';
import { cloneWorkbook, formatSnapshot, getCell, valueSnapshot } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import type { FakeHost } from '../office-host';
import { content, hostFor, paneStore } from './helpers';

const FILE = path.join(__dirname, '..', '..', 'examples', '示例-绩效目标表.xlsx');

async function pane() {
  const original = await loadXlsx(FILE);
  const { host, env } = await hostFor(cloneWorkbook(original));
  const { actions, get } = paneStore(env, { debounceMs: 0 });
  await actions.check('LOCAL');
  return { original, host, env, actions, get };
}

const cellOf = (host: FakeHost, sheet: string, row: number, col: number) =>
  getCell(
    host.model.sheets.find((s) => s.name === sheet)!,
    row,
    col,
  );

test('修正 writes the corrected text, the finding goes; 撤销 brings back the value and its number format', async () => {
  const p = await pane();
  const withFix = p.get().outcome!.result.findings.filter((f) => f.fix);
  // the example has both kinds: a number typed twice (text) and a decimal rate (a number)
  expect(withFix.map((f) => [f.cell, f.fix!.before, f.fix!.after])).toEqual(
    expect.arrayContaining([
      ['F14', '≥9595%及以上', '≥95%及以上'],
      ['E68', 0.95, '95%'],
    ]),
  );
  for (const f of withFix.filter((x) => x.cell === 'F14' || x.cell === 'E68')) {
    const before = cellOf(p.host, f.sheet, f.row, f.col);
    const value = before?.v;
    const format = before?.style?.numFmt;
    await p.actions.fix(f.fix!);
    expect(p.get().notice?.text).toBe(`已修正 ${f.sheet}!${f.cell}：「${String(f.fix!.before)}」改为「${f.fix!.after}」。`);
    expect(cellOf(p.host, f.sheet, f.row, f.col)?.v).toBe(f.fix!.after);
    await p.actions.recheckNow();
    expect(p.get().outcome!.result.findings.some((g) => g.sheet === f.sheet && g.cell === f.cell && g.code === f.code)).toBe(false);
    await p.actions.undo(p.get().fixed!);
    await p.actions.recheckNow();
    const after = cellOf(p.host, f.sheet, f.row, f.col);
    expect([after?.v, after?.style?.numFmt]).toEqual([value, format]);
    expect(p.get().outcome!.result.findings.some((g) => g.sheet === f.sheet && g.cell === f.cell && g.code === f.code)).toBe(true);
  }
  // every value and format of the user's as before (the marks apart: cleared)
  await p.actions.clear();
  expect([...valueSnapshot(p.host.model, content)]).toEqual([...valueSnapshot(p.original, content)]);
  expect([...formatSnapshot(p.host.model, content)]).toEqual([...formatSnapshot(p.original, content)]);
});

test('a cell changed since the check, or holding a formula, is not written', async () => {
  const p = await pane();
  const f = p.get().outcome!.result.findings.find((x) => x.fix)!;
  const cell = cellOf(p.host, f.sheet, f.row, f.col)!;
  cell.v = '≥96%';
  expect(await applyFix(p.env, f.fix!)).toEqual({ refused: `${f.sheet}!${f.cell} 的内容已改变，未修正。请重新校验。` });
  expect(cell.v).toBe('≥96%');
  cell.v = f.fix!.before;
  cell.f = '="≥9595%"&"及以上"';
  expect(await applyFix(p.env, f.fix!)).toEqual({ refused: `${f.sheet}!${f.cell} 是公式，未修改。` });
  expect(cell.v).toBe(f.fix!.before);
});
