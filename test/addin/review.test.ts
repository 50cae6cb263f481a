/**
 * 忽略此条: the findings a user ignores are kept in the workbook (a custom XML part), survive save, close and
 * reopen, are never painted, come back when their cell changes, and can be restored; checking stays at 5 syncs.
 */
import { REVIEW_NS, decodeReview, decodeRuleSettings, encodeReview, entryOf } from '../../src/adapters/office/review';
import { clearMarks, runCheck, setReview } from '../../src/adapters/office/workbook';
import { cloneWorkbook, formatSnapshot, getCell, valueSnapshot } from '../office-host/model';
import { saveAndReopen } from '../office-host/xlsx';
import { changedCells, cliResult, content, expectedMarks, fillAt, fixtureModel, hostFor } from './helpers';

const FILE = 'layoutB-beidaihe.xlsx';

test('an ignored finding is listed apart, not painted, kept after save and reopen; a changed cell shows it again; restoring removes the record', async () => {
  const original = await fixtureModel(FILE);
  const { host, env } = await hostFor(cloneWorkbook(original));
  const first = await runCheck(env, { paintHints: false });
  const cli = await cliResult(FILE);
  // a warning or error alone on its cell (its mark goes when it is ignored), about a text typed in that cell
  const textAt = (f: (typeof first.result.findings)[number]) =>
    getCell(
      original.sheets.find((s) => s.name === f.sheet)!,
      f.row,
      f.col,
    )?.v;
  const target = first.result.findings.find(
    (f) =>
      f.severity !== 'info' &&
      f.code !== 'missing-value' &&
      typeof textAt(f) === 'string' &&
      first.result.findings.filter((g) => g.sheet === f.sheet && g.cell === f.cell).length === 1,
  )!;
  expect(target).toBeDefined();

  await setReview(env, [entryOf(target)]);
  host.resetStats();
  const second = await runCheck(env, { paintHints: false });
  expect(host.stats.syncs).toBe(5);
  // the result is the command line's; the ignored one is listed apart and its cell is left as it was
  expect(second.result).toEqual(cli);
  expect(second.ignored).toEqual([target]);
  const shown = cli.findings.filter(
    (f) => f !== cli.findings.find((g) => g.sheet === target.sheet && g.cell === target.cell && g.code === target.code),
  );
  const expected = expectedMarks(
    original,
    shown.filter((f) => f.severity !== 'info'),
  );
  expect(second.marked).toBe(expected.size);
  const targetKey = `${target.sheet}!${target.row},${target.col}`;
  expect(changedCells(original, host.model).has(targetKey)).toBe(expected.has(targetKey));
  expect(fillAt(host.model, targetKey)).toEqual(fillAt(original, targetKey));
  expect([...valueSnapshot(host.model, content)]).toEqual([...valueSnapshot(original, content)]);

  // a colleague opens the saved workbook: the same list
  const reopened = await hostFor(await saveAndReopen(host.model));
  const third = await runCheck(reopened.env, { paintHints: false });
  expect(third.ignored?.map(entryOf)).toEqual([entryOf(target)]);

  // the value changes: the finding's message changes and it is listed again
  const sheet = reopened.host.model.sheets.find((s) => s.name === target.sheet)!;
  const cell = getCell(sheet, target.row, target.col)!;
  const typed = cell.v;
  cell.v = `${String(typed)}（已改）`;
  const fourth = await runCheck(reopened.env, { paintHints: false });
  expect(fourth.ignored).toEqual([]);
  cell.v = typed;

  // restore: no record left, the finding painted again
  await setReview(reopened.env, []);
  expect((reopened.host.model.customXmlParts ?? []).filter((p) => p.namespaceUri === REVIEW_NS)).toEqual([]);
  const fifth = await runCheck(reopened.env, { paintHints: false });
  expect(fifth.ignored).toEqual([]);
  await clearMarks(reopened.env);
  expect([...formatSnapshot(reopened.host.model, content)].length).toBeGreaterThan(0);
});

test('the stored list: every character of a message survives; a part of another format is not read as ours', () => {
  const entries = [
    { sheet: "表'1&<>", cell: 'E12', code: 'vague-value', message: '「进一步\u201c提升\u201d」<b>&amp;\n第二行\t"引号"' },
    { sheet: '项目表', cell: 'A1', code: 'missing-field', message: '𠀀 生僻字' },
  ];
  expect(decodeReview(encodeReview(entries))).toEqual(entries);
  expect(decodeReview('<review xmlns="urn:other"><ignore sheet="a" cell="A1" code="x" message="m"/></review>')).toBeNull();
  expect(decodeReview(encodeReview([]))).toEqual([]);
});

test('rule settings kept in the workbook: a rule off is not reported, a rule graded otherwise is reported and painted at that grade, after save and reopen too', async () => {
  const original = await fixtureModel('layoutA-ningxia.xlsx');
  const { host, env } = await hostFor(cloneWorkbook(original));
  const first = await runCheck(env, { paintHints: false });
  expect(first.result.findings.some((f) => f.code === 'vague-value')).toBe(true);
  const formats = first.result.findings.filter((f) => f.code === 'value-format');
  expect(formats.length).toBeGreaterThan(0);
  await setReview(env, [], { 'vague-value': 'off', 'value-format': 'error' });
  const reopened = await hostFor(await saveAndReopen(host.model));
  const second = await runCheck(reopened.env, { paintHints: false });
  expect(second.rules).toEqual({ 'vague-value': 'off', 'value-format': 'error' });
  expect(second.result.findings.some((f) => f.code === 'vague-value')).toBe(false);
  expect(second.result.findings.filter((f) => f.code === 'value-format')).toEqual(formats.map((f) => ({ ...f, severity: 'error' })));
  const f = formats[0];
  expect(fillAt(reopened.host.model, `${f.sheet}!${f.row},${f.col}`)?.color).toBe('#FFC7CE');
  // back to the defaults: no record left
  await setReview(reopened.env, [], {});
  expect((reopened.host.model.customXmlParts ?? []).filter((p) => p.namespaceUri === REVIEW_NS)).toEqual([]);
  const third = await runCheck(reopened.env, { paintHints: false });
  expect(third.result).toEqual(first.result);
});

test('rule settings read from a part: unknown rules and settings are left out', () => {
  const xml = encodeReview([], { 'vague-value': 'off', 'value-format': 'info' }).replace(
    '</review>',
    '<rule code="no-such-rule" setting="off"/><rule code="missing-value" setting="fatal"/></review>',
  );
  expect(decodeRuleSettings(xml)).toEqual({ 'vague-value': 'off', 'value-format': 'info' });
  expect(decodeRuleSettings('<review xmlns="urn:other"><rule code="vague-value" setting="off"/></review>')).toEqual({});
});
