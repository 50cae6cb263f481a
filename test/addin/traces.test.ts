/**
 * 移除全部校验痕迹: after checking, ignoring, setting a rule and exporting reports, one action leaves the workbook as
 * the user had it: every format, value and sheet of the user's as before, a sheet the user named 校验报告 kept, no
 * record of ours left. What it would remove is surveyed first (the pane asks with it).
 */
import { entryOf } from '../../src/adapters/office/review';
import { REPORTS_NS, removeTraces, surveyTraces } from '../../src/adapters/office/traces';
import { exportReport, runCheck, setReview } from '../../src/adapters/office/workbook';
import { removalText } from '../../src/taskpane/useChecker';
import { cloneWorkbook, formatSnapshot, key, valueSnapshot } from '../office-host/model';
import { fixtureModel, hostFor } from './helpers';

test('one action removes the marks, the report sheets and the records, and nothing of the user’s', async () => {
  const original = await fixtureModel('layoutA-ningxia.xlsx');
  // the user has a sheet of their own named 校验报告: never the add-in's
  original.sheets.push({ ...cloneWorkbook(original).sheets[0], name: '校验报告', cells: new Map([[key(0, 0), { v: '我的笔记' }]]) });
  const { host, env } = await hostFor(cloneWorkbook(original));
  const first = await runCheck(env);
  await setReview(env, [entryOf(first.result.findings[0])], { 'vague-value': 'info' });
  const r1 = await exportReport(env, first.result);
  const r2 = await exportReport(env, first.result);
  expect([r1.sheet, r2.sheet]).toEqual(['校验报告(2)', '校验报告(3)']);
  await runCheck(env);

  const traces = await surveyTraces(env);
  expect(traces.marks).toBeGreaterThan(0);
  expect(traces.reports).toEqual(['校验报告(2)', '校验报告(3)']);
  expect(traces.review).toBe(true);
  expect(removalText(traces)).toBe(
    `将恢复 ${traces.marks} 个已标记单元格原来的填充色，删除本加载项导出的报告工作表“校验报告(2)”“校验报告(3)”，删除忽略记录和规则设置。您填写的内容不会改变。`,
  );

  const done = await removeTraces(env);
  expect(done.reports).toEqual(['校验报告(2)', '校验报告(3)']);
  expect(host.model.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
  expect([...formatSnapshot(host.model)]).toEqual([...formatSnapshot(original)]);
  expect([...valueSnapshot(host.model)]).toEqual([...valueSnapshot(original)]);
  expect(host.model.customXmlParts ?? []).toEqual([]);
  // nothing left to remove
  expect(await surveyTraces(env)).toEqual({ marks: 0, reports: [], review: false, structureProtected: false });
});

test('a report sheet the user renamed is the user’s: not removed; its record goes', async () => {
  const original = await fixtureModel('layoutC-hengdong.xlsx');
  const { host, env } = await hostFor(cloneWorkbook(original));
  const first = await runCheck(env);
  const r = await exportReport(env, first.result);
  host.model.sheets.find((s) => s.name === r.sheet)!.name = '审核意见';
  await removeTraces(env);
  expect(host.model.sheets.map((s) => s.name)).toEqual([...original.sheets.map((s) => s.name), '审核意见']);
  expect((host.model.customXmlParts ?? []).filter((p) => p.namespaceUri === REPORTS_NS)).toEqual([]);
});
