/** 导出报告: a "校验报告" sheet with one row per finding and a working link to its cell. */
import { parseRangeAddress } from '../../src/adapters/office/address';
import { REPORT_SHEET } from '../../src/adapters/office/marks';
import { exportReport, reportSheetName, runCheck } from '../../src/adapters/office/workbook';
import { ruleByCode } from '../../src/core/rules';
import { getCell, valueSnapshot } from '../office-host/model';
import { saveXlsx } from '../office-host/xlsx';
import { cliResult, content, fixtureModel, hostFor, isReport } from './helpers';

test('the report lists every finding with a hyperlink to its cell, rules named in Chinese; a second report is a new sheet, the first one kept', async () => {
  const model = await fixtureModel('layoutB-beidaihe.xlsx');
  const values = valueSnapshot(model, content);
  const { host, env } = await hostFor(model);
  const out = await runCheck(env);
  const findings = out.result.findings;
  expect(findings.length).toBeGreaterThan(5);

  expect(await exportReport(env, out.result, new Date(2025, 0, 2, 3, 4))).toEqual({ sheet: REPORT_SHEET, rows: findings.length });
  const first = valueSnapshot(host.model, (n) => n === REPORT_SHEET);
  expect(await exportReport(env, out.result, new Date(2025, 0, 2, 3, 5))).toEqual({ sheet: `${REPORT_SHEET}(2)`, rows: findings.length });
  expect(host.model.sheets.map((s) => s.name).filter(isReport)).toEqual([REPORT_SHEET, `${REPORT_SHEET}(2)`]);
  // the earlier report is untouched
  expect([...valueSnapshot(host.model, (n) => n === REPORT_SHEET)]).toEqual([...first]);
  const idx = host.model.sheets.findIndex((s) => s.name === `${REPORT_SHEET}(2)`);
  const sheet = host.model.sheets[idx];
  expect(host.model.activeSheet).toBe(idx);
  expect(getCell(sheet, 0, 0)?.v).toBe('绩效目标表校验报告（2025-01-02 03:05）');
  expect([0, 1, 2, 3, 4, 5, 6, 7].map((c) => getCell(sheet, 2, c)?.v)).toEqual([
    '序号',
    '严重程度',
    '工作表',
    '单元格',
    '表格',
    '问题',
    '规则',
    '代码',
  ]);
  findings.forEach((f, i) => {
    const row = 3 + i;
    expect(getCell(sheet, row, 0)?.v).toBe(i + 1);
    expect(getCell(sheet, row, 2)?.v).toBe(f.sheet);
    expect(getCell(sheet, row, 5)?.v).toBe(f.message);
    expect(getCell(sheet, row, 6)?.v).toBe(ruleByCode(f.code)!.title);
    expect(getCell(sheet, row, 7)?.v).toBe(f.code);
    // a HYPERLINK formula that shows the address and jumps to the cell
    const cell = getCell(sheet, row, 3)!;
    expect(cell.v).toBe(f.cell);
    const link = /^=HYPERLINK\("#((?:[^"]|"")*)","/.exec(cell.f ?? '')?.[1].replace(/""/g, '"');
    const target = parseRangeAddress(link!);
    expect(target).toMatchObject({ sheet: f.sheet, top: f.row, left: f.col });
  });
  expect(sheet.frozenRows).toBe(3);
  // no value of the user's sheets changed, and the checker ignores the report
  expect([...valueSnapshot(host.model, content)]).toEqual([...values]);
  expect(await cliResult(await saveXlsx(host.model))).toEqual(await cliResult('layoutB-beidaihe.xlsx'));
});

test('a clean workbook gets a report that says so', async () => {
  const { host, env } = await hostFor(await fixtureModel('clean.xlsx'));
  const out = await runCheck(env);
  expect(out.result.findings).toEqual([]);
  await exportReport(env, out.result);
  const sheet = host.model.sheets.find((s) => s.name === REPORT_SHEET)!;
  expect(getCell(sheet, 3, 0)?.v).toBe('未发现问题。');
});

test("a sheet of the user's named 校验报告 is never replaced: the report goes to the next free name", async () => {
  const model = await fixtureModel('layoutC-hengdong.xlsx');
  const { host, env } = await hostFor(model);
  const out = await runCheck(env);
  // the user's own sheet of that name, with their notes
  await env.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add(REPORT_SHEET);
    ws.getRange('A1:B2').values = [
      ['我的备注', '不要删除'],
      [1, 2],
    ];
    ctx.workbook.worksheets.add(`${REPORT_SHEET}(2)`);
    await ctx.sync();
  });
  const before = [...valueSnapshot(host.model, (n) => n.startsWith(REPORT_SHEET))];
  const r = await exportReport(env, out.result);
  expect(r.sheet).toBe(`${REPORT_SHEET}(3)`);
  expect([...valueSnapshot(host.model, (n) => n === REPORT_SHEET || n === `${REPORT_SHEET}(2)`)]).toEqual(before);
  expect(host.model.sheets.map((s) => s.name).filter(isReport)).toEqual([REPORT_SHEET, `${REPORT_SHEET}(2)`, `${REPORT_SHEET}(3)`]);
});

test('report sheet names: the first free one, compared as Excel compares sheet names', () => {
  expect(reportSheetName(['项目表'])).toBe('校验报告');
  expect(reportSheetName(['校验报告'])).toBe('校验报告(2)');
  expect(reportSheetName(['校验报告', '校验报告(2)', '校验报告(4)'])).toBe('校验报告(3)');
});
