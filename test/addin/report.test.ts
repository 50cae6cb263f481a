/** 导出报告: a "校验报告" sheet with one row per finding and a working link to its cell. */
import { parseRangeAddress } from '../../src/adapters/office/address';
import { REPORT_SHEET } from '../../src/adapters/office/marks';
import { exportReport, runCheck } from '../../src/adapters/office/workbook';
import { getCell, valueSnapshot } from '../office-host/model';
import { saveXlsx } from '../office-host/xlsx';
import { cliResult, fixtureModel, hostFor } from './helpers';

const content = (n: string) => n !== REPORT_SHEET && !n.startsWith('__jxmb');

test('the report lists every finding with a hyperlink to its cell and replaces an older report', async () => {
  const model = await fixtureModel('layoutB-beidaihe.xlsx');
  const values = valueSnapshot(model, content);
  const { host, env } = await hostFor(model);
  const out = await runCheck(env);
  const findings = out.result.findings;
  expect(findings.length).toBeGreaterThan(5);

  await exportReport(env, out.result, new Date(2025, 0, 2, 3, 4));
  await exportReport(env, out.result, new Date(2025, 0, 2, 3, 5));
  expect(host.model.sheets.filter((s) => s.name === REPORT_SHEET)).toHaveLength(1);
  const idx = host.model.sheets.findIndex((s) => s.name === REPORT_SHEET);
  const sheet = host.model.sheets[idx];
  expect(host.model.activeSheet).toBe(idx);
  expect(getCell(sheet, 0, 0)?.v).toBe('绩效目标表校验报告（2025-01-02 03:05）');
  expect(getCell(sheet, 2, 5)?.v).toBe('问题');
  findings.forEach((f, i) => {
    const row = 3 + i;
    expect(getCell(sheet, row, 0)?.v).toBe(i + 1);
    expect(getCell(sheet, row, 2)?.v).toBe(f.sheet);
    expect(getCell(sheet, row, 5)?.v).toBe(f.message);
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
