/**
 * 一键校验 / 清除标记 end to end on the fixtures, through the fake Office.js host:
 * same findings as the command line, highlights exactly on the finding cells, no value ever
 * changed, and every format restored bit for bit (also after save, close and reopen).
 */
import { MARKS_NS, MARKS_SHEET, MARK_COLORS, type MarkRecord, encodeRecords } from '../../src/adapters/office/marks';
import { a1 } from '../../src/core/grid';
import { describeError } from '../../src/adapters/office/errors';
import { clearMarks, runCheck, selectCell } from '../../src/adapters/office/workbook';
import { parseA1 } from '../../src/core/grid';
import {
  type WorkbookModel,
  applyTint,
  cloneWorkbook,
  key,
  newSheet,
  formatSnapshot,
  getCell,
  touchCell,
  valueSnapshot,
} from '../office-host/model';
import { saveAndReopen, saveXlsx } from '../office-host/xlsx';
import { FIXTURE_FILES, changedCells, cliResult, content, expectedMarks, fillAt, fixtureModel, hostFor } from './helpers';

describe.each(FIXTURE_FILES)('一键校验 on %s', (file) => {
  let original: WorkbookModel;
  beforeAll(async () => {
    original = await fixtureModel(file);
  });

  test('findings equal the command line; highlights land exactly on the finding cells; values untouched', async () => {
    const { host, env } = await hostFor(cloneWorkbook(original));
    const out = await runCheck(env);
    const cli = await cliResult(file);
    expect(out.result).toEqual(cli);
    expect(out.notes).toEqual([]);

    const expected = expectedMarks(original, cli.findings);
    expect(changedCells(original, host.model)).toEqual(
      new Set(
        [...expected.keys()].filter((k) => fillAt(original, k)?.color !== expected.get(k) || fillAt(original, k)?.pattern !== 'Solid'),
      ),
    );
    for (const [k, color] of expected) expect(fillAt(host.model, k)).toMatchObject({ color, pattern: 'Solid' });
    expect(out.marked).toBe(expected.size);
    expect([...valueSnapshot(host.model, content)]).toEqual([...valueSnapshot(original, content)]);

    // the record is kept in custom XML parts: no sheet is added (Excel refuses to delete a very
    // hidden one, and adding a sheet clears Excel's undo history)
    expect(host.model.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    const parts = (host.model.customXmlParts ?? []).filter((p) => p.namespaceUri === MARKS_NS);
    if (cli.findings.length) expect(parts.length).toBeGreaterThan(0);
    else expect(parts).toEqual([]);
  });

  test('without hints painted (the default of the task pane): only the cells of errors and warnings change; 清除标记 restores', async () => {
    const { host, env } = await hostFor(cloneWorkbook(original));
    const out = await runCheck(env, { paintHints: false });
    const cli = await cliResult(file);
    expect(out.result).toEqual(cli);
    expect(out.paintedHints).toBe(false);
    const expected = expectedMarks(
      original,
      cli.findings.filter((f) => f.severity !== 'info'),
    );
    expect(changedCells(original, host.model)).toEqual(
      new Set(
        [...expected.keys()].filter((k) => fillAt(original, k)?.color !== expected.get(k) || fillAt(original, k)?.pattern !== 'Solid'),
      ),
    );
    expect(out.marked).toBe(expected.size);
    if (cli.summary.infos > 0) expect(out.marked).toBeLessThan(expectedMarks(original, cli.findings).size);
    await clearMarks(env);
    expect([...formatSnapshot(host.model, content)]).toEqual([...formatSnapshot(original, content)]);
  });

  test('清除标记 restores every format bit for bit, also after save, close and reopen', async () => {
    const { host, env } = await hostFor(cloneWorkbook(original));
    await runCheck(env);
    // the marks are in the file: reopen in a fresh host session (the task pane keeps no state)
    const reopened = await saveAndReopen(host.model);
    const second = await hostFor(reopened);
    const cleared = await clearMarks(second.env);
    expect(cleared.keptUserFills).toBe(0);
    expect([...formatSnapshot(second.host.model)]).toEqual([...formatSnapshot(original)]);
    expect([...valueSnapshot(second.host.model)]).toEqual([...valueSnapshot(original)]);
    expect(second.host.model.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
  });

  test('re-checking replaces the marks instead of stacking them', async () => {
    const { host, env } = await hostFor(cloneWorkbook(original));
    await runCheck(env);
    const once = formatSnapshot(host.model);
    await runCheck(env);
    expect([...formatSnapshot(host.model)]).toEqual([...once]);
    await clearMarks(env);
    expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
  });

  test('the command line ignores the marks sheet in a saved, highlighted workbook', async () => {
    const { host, env } = await hostFor(cloneWorkbook(original));
    await runCheck(env);
    expect(await cliResult(await saveXlsx(host.model))).toEqual(await cliResult(file));
  });
});

/** Gives the cells ("sheet!row,col") the fills in turn (undefined: no fill). */
function giveFills(model: WorkbookModel, keys: string[], fills: (NonNullable<ReturnType<typeof fillAt>> | undefined)[]): void {
  keys.forEach((k, i) => {
    const [sheet, rc] = k.split('!');
    const [r, c] = rc.split(',').map(Number);
    const cell = touchCell(
      model.sheets.find((s) => s.name === sheet)!,
      r,
      c,
    );
    const f = fills[i % fills.length];
    cell.style = { ...(cell.style ?? {}), fill: f };
    if (!f) delete cell.style.fill;
    if (Object.keys(cell.style).length === 0) delete cell.style;
  });
}

describe('highlights and restore details', () => {
  test('every kind of original fill comes back exactly (no fill, white, colour, pattern)', async () => {
    const original = await fixtureModel('variants.xlsx');
    const cli = await cliResult('variants.xlsx');
    const keys = [...expectedMarks(original, cli.findings).keys()];
    expect(keys.length).toBeGreaterThanOrEqual(8);
    const fills = [
      undefined,
      { pattern: 'Solid', color: '#FFFFFF', patternColor: null },
      { pattern: 'Solid', color: '#C6EFCE', patternColor: null },
      { pattern: 'Gray16', color: '#FFFFFF', patternColor: '#FF0000' },
      { pattern: 'Grid', color: '#FFF2CC', patternColor: '#0070C0' },
    ];
    giveFills(original, keys, fills);
    const { host, env } = await hostFor(cloneWorkbook(original));
    await runCheck(env);
    for (const k of keys) expect(fillAt(host.model, k)?.pattern).toBe('Solid');
    const reopened = await hostFor(await saveAndReopen(host.model));
    await clearMarks(reopened.env);
    expect([...formatSnapshot(reopened.host.model)]).toEqual([...formatSnapshot(original)]);
  });

  test('a highlight the user has since recoloured is left alone', async () => {
    const original = await fixtureModel('layoutC-hengdong.xlsx');
    const { host, env } = await hostFor(cloneWorkbook(original));
    const out = await runCheck(env);
    const f = out.result.findings[0];
    const sheet = host.model.sheets.find((s) => s.name === f.sheet)!;
    touchCell(sheet, f.row, f.col).style!.fill = { pattern: 'Solid', color: '#00B050', patternColor: null };
    const cleared = await clearMarks(env);
    expect(cleared.keptUserFills).toBe(1);
    expect(cleared.notes.join('')).toContain('已保留您的修改');
    expect(getCell(sheet, f.row, f.col)?.style?.fill?.color).toBe('#00B050');
    const changed = changedCells(original, host.model);
    expect([...changed]).toEqual([`${f.sheet}!${f.row},${f.col}`]);
  });

  test('highlights on a sheet renamed since are reported, the rest is cleared', async () => {
    const original = await fixtureModel('layoutB-beidaihe.xlsx');
    const { host, env } = await hostFor(cloneWorkbook(original));
    const out = await runCheck(env);
    const renamed = out.result.findings[0].sheet;
    host.model.sheets.find((s) => s.name === renamed)!.name = '改过名';
    const cleared = await clearMarks(env);
    expect(cleared.missingSheets).toEqual([renamed]);
    expect(cleared.notes.join('')).toContain(`找不到工作表“${renamed}”`);
    const others = (n: string) => n !== renamed && n !== '改过名' && content(n);
    expect([...formatSnapshot(host.model, others)]).toEqual([...formatSnapshot(original, others)]);
    expect(cleared.restored).toBe(
      [...expectedMarks(original, out.result.findings).keys()].filter((k) => !k.startsWith(`${renamed}!`)).length,
    );
  });

  test('a protected sheet is not highlighted and the task pane is told which one', async () => {
    const original = await fixtureModel('layoutB-beidaihe.xlsx');
    const name = (await cliResult('layoutB-beidaihe.xlsx')).findings[0].sheet;
    const only = (n: string) => n === name;
    const sheet = original.sheets.find((s) => s.name === name)!;
    sheet.protection = { protected: true };
    const { host, env } = await hostFor(cloneWorkbook(original));
    const out = await runCheck(env);
    expect(out.skippedSheets.map((s) => s.sheet)).toEqual([name]);
    expect(out.notes.join('\n')).toContain(`工作表“${name}”受保护`);
    expect([...formatSnapshot(host.model, only)]).toEqual([...formatSnapshot(original, only)]);
    expect(out.marked).toBeGreaterThan(0); // other sheets still highlighted
    // formatting allowed by the protection options: highlights work
    sheet.protection = { protected: true, allowFormatCells: true };
    const second = await hostFor(cloneWorkbook(original));
    expect((await runCheck(second.env)).skippedSheets).toEqual([]);
    expect(changedCells(original, second.host.model).size).toBeGreaterThan(0);
  });

  test('a protected workbook structure: highlights and 清除标记 work, no sheet is added', async () => {
    const original = await fixtureModel('layoutD-suixi.xlsx');
    original.structureProtected = true;
    const { host, env } = await hostFor(cloneWorkbook(original));
    const out = await runCheck(env);
    expect(out.marked).toBeGreaterThan(0);
    expect(out.notes).toEqual([]);
    expect(host.model.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    await clearMarks(env);
    expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
    expect(host.model.customXmlParts ?? []).toEqual([]);
  });

  test('selecting a finding activates its sheet and selects its cell', async () => {
    const original = await fixtureModel('layoutA-ningxia.xlsx');
    original.sheets.push({ ...cloneWorkbook(original).sheets[0], name: '另一张' });
    const { host, env } = await hostFor(original);
    const cli = await cliResult('layoutA-ningxia.xlsx');
    const f = cli.findings[cli.findings.length - 1];
    host.model.activeSheet = 1;
    await selectCell(env, f.sheet, f.cell);
    const idx = host.model.sheets.findIndex((s) => s.name === f.sheet);
    const p = parseA1(f.cell)!;
    expect(host.model.activeSheet).toBe(idx);
    expect(host.model.selection).toEqual({ sheet: idx, rect: { top: p.row, left: p.col, bottom: p.row, right: p.col } });
    expect(host.stats.syncs).toBe(1);
  });
});

describe('older Excel', () => {
  test('without ExcelApi 1.9/1.13 the check still runs, says what is missing, and clears no-fill cells to no fill', async () => {
    const original = await fixtureModel('layoutC-hengdong.xlsx');
    const { host, env } = await hostFor(cloneWorkbook(original), { apiVersion: '1.8' });
    const out = await runCheck(env);
    expect(out.notes.join('\n')).toMatch(/ExcelApi 1\.13/);
    expect(out.notes.join('\n')).toMatch(/ExcelApi 1\.9/);
    expect(out.marked).toBeGreaterThan(0);
    await clearMarks(env);
    expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
  });

  test('below ExcelApi 1.7 nothing is touched and the user learns why', async () => {
    const { host, env } = await hostFor(await fixtureModel('layoutC-hengdong.xlsx'), { apiVersion: '1.6' });
    expect(env.capabilities.supported).toBe(false);
    await expect(runCheck(env)).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(host.stats.syncs).toBe(0);
    expect(env.capabilities.notes[0]).toContain('ExcelApi 1.7');
  });
});

// "Error handling with the application-specific JavaScript APIs" names InvalidOperationInCellEditMode;
// other reports show a plain InvalidOperation while a cell is being edited: both readings
describe.each(['InvalidOperationInCellEditMode', 'InvalidOperation'])('while a cell is being edited (%s)', (code) => {
  test('every action says to end the cell edit first; nothing changes; afterwards it works', async () => {
    const original = await fixtureModel('layoutA-ningxia.xlsx');
    const { host, env } = await hostFor(cloneWorkbook(original));
    host.setCellEdit(code);
    for (const op of [() => runCheck(env), () => clearMarks(env), () => selectCell(env, original.sheets[0].name, 'A1')]) {
      const err = await op().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(describeError(err).message).toContain('请先结束单元格编辑（按 Enter 或 Esc），再重试');
    }
    expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
    host.setCellEdit(null);
    expect((await runCheck(env)).marked).toBeGreaterThan(0);
  });
});

// Fill readings the sources leave open (RangeFill reference vs office-js #4900; what `color` reads for
// a tinted colour is not documented): under every reading 清除标记 gives back what the user saw, and
// under the documented one exactly the same formats
describe.each([
  ['documented', 'base'],
  ['documented', 'applied'],
  ['nulls', 'base'],
  ['nulls', 'applied'],
] as const)('fills read %s, tinted colours %s', (fillReport, tintedColor) => {
  test('一键校验 then 清除标记 shows every original fill again (no fill, white, colour, pattern, theme tint)', async () => {
    const original = await fixtureModel('variants.xlsx');
    const cli = await cliResult('variants.xlsx');
    const keys = [...expectedMarks(original, cli.findings).keys()];
    const fills = [
      undefined,
      { pattern: 'Solid', color: '#FFFFFF', patternColor: null },
      { pattern: 'Solid', color: '#C6EFCE', patternColor: null },
      { pattern: 'Gray16', color: '#FFFFFF', patternColor: '#FF0000' },
      { pattern: 'Solid', color: '#4472C4', patternColor: null, tint: 0.6 },
      { pattern: 'Solid', color: '#ED7D31', patternColor: null, tint: -0.25 },
    ];
    giveFills(original, keys, fills);
    const { host, env } = await hostFor(cloneWorkbook(original), { fillReport, tintedColor });
    await runCheck(env);
    for (const k of keys) expect(fillAt(host.model, k)?.pattern).toBe('Solid');
    await clearMarks(env);
    const shown = (f: ReturnType<typeof fillAt>) =>
      f ? `${f.pattern}|${f.tint ? `#${applyTint(f.color.slice(1), f.tint)}` : f.color}|${f.patternColor}` : 'none';
    for (const k of keys) {
      const want = shown(fillAt(original, k));
      const got = shown(fillAt(host.model, k));
      // pattern null and white: Excel cannot tell white from no fill, which looks the same but for gridlines
      if (fillReport === 'nulls' && want === 'Solid|#FFFFFF|null') expect([k, ['none', want].includes(got)]).toEqual([k, true]);
      else expect([k, got]).toEqual([k, want]);
    }
    if (fillReport === 'documented' && tintedColor === 'base')
      expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
  });
});

describe('a workbook marked by an earlier release (records on a very hidden sheet)', () => {
  async function legacyMarked() {
    const original = await fixtureModel('layoutA-ningxia.xlsx');
    const cli = await cliResult('layoutA-ningxia.xlsx');
    const marked = cloneWorkbook(original);
    const records: MarkRecord[] = [];
    for (const k of expectedMarks(original, cli.findings).keys()) {
      const [sheet, rc] = k.split('!');
      const [r, c] = rc.split(',').map(Number);
      const before = fillAt(original, k);
      records.push({
        sheet,
        cell: a1(r, c),
        mark: MARK_COLORS.error,
        original: before
          ? { pattern: before.pattern, color: before.color, patternColor: before.patternColor, tintAndShade: 0, patternTintAndShade: 0 }
          : { pattern: 'None', color: '#FFFFFF', patternColor: null, tintAndShade: 0, patternTintAndShade: 0 },
      });
      const cell = touchCell(
        marked.sheets.find((x) => x.name === sheet)!,
        r,
        c,
      );
      cell.style = { ...(cell.style ?? {}), fill: { pattern: 'Solid', color: MARK_COLORS.error, patternColor: null } };
    }
    const ws = newSheet(MARKS_SHEET);
    ws.visibility = 'VeryHidden';
    encodeRecords(records).forEach((row, i) => row.forEach((v, j) => v !== '' && ws.cells.set(key(i, j), { v })));
    marked.sheets.push(ws);
    return { original, marked, records };
  }

  test('清除标记 restores the cells and removes the old sheet (made hidden first: Excel refuses to delete a very hidden one)', async () => {
    const { original, marked, records } = await legacyMarked();
    expect(records.length).toBeGreaterThan(5);
    const { host, env } = await hostFor(marked);
    const out = await clearMarks(env);
    expect(out.restored).toBe(records.length);
    expect(host.model.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
  });

  test('一键校验 takes the old record over into custom XML parts; 清除标记 then restores everything', async () => {
    const { original, marked } = await legacyMarked();
    const { host, env } = await hostFor(marked);
    await runCheck(env);
    expect(host.model.sheets.some((s) => s.name === MARKS_SHEET)).toBe(false);
    await clearMarks(env);
    expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
  });
});
