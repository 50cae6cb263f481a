/**
 * Faults in the add-in: every context.sync() of 一键校验, of a re-check, of 清除标记 and of 导出报告
 * is made to fail (fake host fault injection: none, half or all of that batch executed, then the
 * sync rejects). Whatever Excel executed, no cell value changes, the formats are either as before
 * or restored exactly by 清除标记 once the fault is gone, and the user gets a Chinese message that
 * says what happened — from the adapter, from the task pane's actions and in the rendered pane.
 */
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { OperationError, describeError } from '../../src/adapters/office/errors';
import { MARKS_NS, MARKS_SHEET, REPORT_SHEET } from '../../src/adapters/office/marks';
import { type CheckOutcome, clearMarks, exportReport, runCheck } from '../../src/adapters/office/workbook';
import { CheckPanel } from '../../src/taskpane/CheckPanel';
import type { FakeHost, SyncFault } from '../office-host';
import { type WorkbookModel, cloneWorkbook, formatSnapshot, getCell, touchCell, valueSnapshot } from '../office-host/model';
import { cliResult, content, fixtureModel, hostFor, isReport, paneStore } from './helpers';

type Mode = SyncFault['mode'];
const MODES: Mode[] = ['before', 'partial', 'after'];
const CODES = ['GeneralException', 'RequestPayloadSizeLimitExceeded'];

const snap = (m: WorkbookModel, filter?: (n: string) => boolean) => [...formatSnapshot(m, filter)];
const values = (m: WorkbookModel) => [...valueSnapshot(m, content)];
const names = (m: WorkbookModel) => m.sheets.map((s) => s.name);

/**
 * variants.xlsx with every kind of original fill on the cells that get highlighted (no fill,
 * white, a colour, patterns with pattern colours), so that a batch stopped between two commands
 * for the same cell is exercised.
 */
async function workbook(oldExcel = false): Promise<WorkbookModel> {
  const m = await fixtureModel('variants.xlsx');
  const cli = await cliResult('variants.xlsx');
  // without ExcelApi 1.9 white and patterned fills cannot come back exactly (docs/addin.md)
  const old = [
    undefined,
    { pattern: 'Solid', color: '#C6EFCE', patternColor: null },
    { pattern: 'Solid', color: '#FFC7CE', patternColor: null },
  ];
  const fills = oldExcel
    ? old
    : [
        undefined,
        { pattern: 'Solid', color: '#FFFFFF', patternColor: null },
        { pattern: 'Solid', color: '#C6EFCE', patternColor: null },
        { pattern: 'Gray16', color: '#FFFFFF', patternColor: '#FF0000' },
        { pattern: 'Grid', color: '#FFF2CC', patternColor: '#0070C0' },
        { pattern: 'Solid', color: '#FFC7CE', patternColor: null }, // already the error colour
      ];
  cli.findings.forEach((f, i) => {
    const cell = touchCell(
      m.sheets.find((s) => s.name === f.sheet)!,
      f.row,
      f.col,
    );
    const fill = fills[i % fills.length];
    cell.style = { ...(cell.style ?? {}) };
    if (fill) cell.style.fill = fill;
    else delete cell.style.fill;
    if (Object.keys(cell.style).length === 0) delete cell.style;
  });
  return m;
}

/** Syncs of one successful run of `op` on a copy of `start` (prepared by `setup`). */
async function countSyncs(
  start: WorkbookModel,
  setup: (env: Awaited<ReturnType<typeof hostFor>>['env']) => Promise<unknown>,
  op: (env: Awaited<ReturnType<typeof hostFor>>['env']) => Promise<unknown>,
): Promise<number> {
  const { host, env } = await hostFor(cloneWorkbook(start));
  await setup(env);
  host.resetStats();
  await op(env);
  return host.stats.syncs;
}

interface Run<T> {
  host: FakeHost;
  env: Awaited<ReturnType<typeof hostFor>>['env'];
  result?: T;
  error?: unknown;
}

/** Runs `op` with the given sync failing; the fault must have fired. */
async function withFault<T>(
  start: WorkbookModel,
  fault: SyncFault,
  setup: (env: Run<T>['env']) => Promise<unknown>,
  op: (env: Run<T>['env']) => Promise<T>,
  apiVersion?: string,
): Promise<Run<T>> {
  const { host, env } = await hostFor(cloneWorkbook(start), apiVersion ? { apiVersion } : {});
  await setup(env);
  host.resetStats();
  host.failSync(fault);
  const run: Run<T> = { host, env };
  try {
    run.result = await op(env);
  } catch (e) {
    run.error = e;
  }
  expect(host.faultPending()).toBe(false);
  expect(host.session.faultLog).toHaveLength(1);
  return run;
}

/** The error reached the user as a clear Chinese message. */
function expectMessage(e: unknown, pattern: RegExp): string {
  expect(e).toBeInstanceOf(OperationError);
  const d = describeError(e);
  expect(d.message).toMatch(pattern);
  expect(d.detail).toMatch(/GeneralException|RequestPayloadSizeLimitExceeded/);
  return d.message;
}

function matrix(syncs: number): [number, Mode, string][] {
  const out: [number, Mode, string][] = [];
  for (let at = 1; at <= syncs; at++) for (const mode of MODES) for (const code of CODES) out.push([at, mode, code]);
  return out;
}

/** Outcomes, for the report at the end (operation × sync × mode → outcome). */
const outcomes: string[] = [];
afterAll(() => {
  console.log(`fault matrix:\n${outcomes.join('\n')}`);
});

describe.each([
  ['ExcelApi 1.17', undefined],
  ['ExcelApi 1.8 (no fill pattern)', '1.8'],
])('faults on %s', (_label, apiVersion) => {
  let original: WorkbookModel;
  let marked: WorkbookModel;
  let checkSyncs: number;
  let clearSyncs: number;
  let reportSyncs: number;

  beforeAll(async () => {
    original = await workbook(apiVersion !== undefined);
    const { host, env } = await hostFor(cloneWorkbook(original), apiVersion ? { apiVersion } : {});
    await runCheck(env);
    marked = cloneWorkbook(host.model);
    const none = async () => undefined;
    checkSyncs = await countSyncs(original, none, (env) => runCheck(env));
    clearSyncs = await countSyncs(marked, none, (env) => clearMarks(env));
    reportSyncs = await countSyncs(original, none, async (env) => exportReport(env, await cliResult('variants.xlsx')));
    expect([checkSyncs, clearSyncs, reportSyncs]).toEqual([5, 4, 2]);
  });

  /** After the fault is gone, 清除标记 gives back the original workbook exactly. */
  async function clearRestoresOriginal(run: Run<unknown>): Promise<void> {
    await clearMarks(run.env);
    expect(snap(run.host.model, content)).toEqual(snap(original, content));
    expect(snap(run.host.model, (n) => !isReport(n))).toEqual(snap(original));
    expect(names(run.host.model).filter((n) => !isReport(n))).toEqual(names(original));
    expect(values(run.host.model)).toEqual(values(original));
  }

  test('一键校验: every sync × before/partial/after', async () => {
    for (const [at, mode, code] of matrix(checkSyncs)) {
      const run = await withFault<CheckOutcome>(
        original,
        { at, mode, code },
        async () => undefined,
        (env) => runCheck(env),
        apiVersion,
      );
      expect(values(run.host.model)).toEqual(values(original));
      let outcome: string;
      if (run.error) {
        if (at <= 3) {
          expectMessage(run.error, /^读取工作簿时 Excel 出错.*工作簿没有被修改/);
          outcome = 'error: read failed, nothing changed';
        } else {
          expectMessage(run.error, /^写入标记时 Excel 出错.*已自动恢复/);
          outcome = 'error: write failed, recovered automatically';
        }
        // nothing changed, or already recovered: the formats are exactly the original ones
        expect(snap(run.host.model)).toEqual(snap(original));
        expect(names(run.host.model)).toEqual(names(original));
      } else {
        // a read that Excel refused is retried (split in halves, or without merged areas)
        expect(at).toBe(3);
        expect(run.result!.result.findings.length).toBeGreaterThan(0);
        outcome = `completed after a retry${run.result!.notes.some((n) => n.includes('读取合并单元格时 Excel 报错')) ? ' without merged areas (note shown)' : ''}`;
      }
      outcomes.push(`${_label} | 一键校验 | sync ${at} | ${mode} | ${code} → ${outcome}`);
      await clearRestoresOriginal(run);
    }
  });

  test('re-check (marks present): every sync × before/partial/after', async () => {
    for (const [at, mode, code] of matrix(checkSyncs)) {
      const run = await withFault<CheckOutcome>(
        marked,
        { at, mode, code },
        async () => undefined,
        (env) => runCheck(env),
        apiVersion,
      );
      expect(values(run.host.model)).toEqual(values(original));
      let outcome: string;
      if (run.error) {
        if (at <= 3) {
          expectMessage(run.error, /^读取工作簿时 Excel 出错.*工作簿没有被修改/);
          expect(snap(run.host.model)).toEqual(snap(marked));
          outcome = 'error: read failed, highlights as before';
        } else {
          expectMessage(run.error, /^写入标记时 Excel 出错.*已自动恢复.*之前校验留下的标记也一并清除/);
          expect(snap(run.host.model)).toEqual(snap(original));
          outcome = 'error: write failed, recovered automatically (all marks cleared)';
        }
      } else {
        expect(at).toBe(3);
        const degraded = run.result!.notes.some((n) => n.includes('读取合并单元格时 Excel 报错'));
        // same highlights as before, unless the retry had to do without merged areas (note shown)
        if (!degraded) expect(snap(run.host.model, content)).toEqual(snap(marked, content));
        outcome = `completed after a retry${degraded ? ' without merged areas (note shown)' : ''}`;
      }
      outcomes.push(`${_label} | re-check | sync ${at} | ${mode} | ${code} → ${outcome}`);
      await clearRestoresOriginal(run);
    }
  });

  test('清除标记: every sync × before/partial/after; running it again restores everything', async () => {
    for (const [at, mode, code] of matrix(clearSyncs)) {
      const run = await withFault(
        marked,
        { at, mode, code },
        async () => undefined,
        (env) => clearMarks(env),
        apiVersion,
      );
      expect(values(run.host.model)).toEqual(values(original));
      let outcome: string;
      if (run.error) {
        if (at < clearSyncs) {
          expectMessage(run.error, /^清除标记时 Excel 出错.*没有做任何修改/);
          expect(snap(run.host.model)).toEqual(snap(marked));
          outcome = 'error: nothing changed';
        } else {
          expectMessage(run.error, /^清除标记时 Excel 出错.*请再次点击“清除标记”/);
          outcome =
            mode === 'before'
              ? 'error: nothing changed, click again'
              : `error: ${mode === 'partial' ? 'half' : 'all'} restored, click again`;
        }
      } else outcome = 'completed';
      outcomes.push(`${_label} | 清除标记 | sync ${at} | ${mode} | ${code} → ${outcome}`);
      await clearRestoresOriginal(run);
      // and once more: nothing left to do, nothing changes
      const again = await clearMarks(run.env);
      expect(again).toMatchObject({ restored: 0, keptUserFills: 0 });
      expect(snap(run.host.model)).toEqual(snap(original));
    }
  });

  test('导出报告: every sync × before/partial/after; exporting again gives the full report', async () => {
    const result = await cliResult('variants.xlsx');
    for (const [at, mode, code] of matrix(reportSyncs)) {
      const run = await withFault(
        marked,
        { at, mode, code },
        async () => undefined,
        (env) => exportReport(env, result),
        apiVersion,
      );
      expect(values(run.host.model)).toEqual(values(original));
      expect(snap(run.host.model, (n) => !isReport(n))).toEqual(snap(marked));
      let outcome: string;
      if (run.error) {
        if (at === 1) {
          expectMessage(run.error, /^导出报告时 Excel 出错.*没有做任何修改/);
          expect(names(run.host.model)).toEqual(names(marked));
          outcome = 'error: nothing changed';
        } else {
          expectMessage(
            run.error,
            /^导出报告时 Excel 出错.*新建的工作表“校验报告”可能不完整.*再次点击“导出报告”，报告会写入另一张新工作表/,
          );
          outcome = mode === 'before' ? 'error: nothing changed' : 'error: report sheet may be incomplete';
        }
      } else outcome = 'completed';
      outcomes.push(`${_label} | 导出报告 | sync ${at} | ${mode} | ${code} → ${outcome}`);
      // exporting again: a new sheet of its own, 校验报告 when the attempt left none, else 校验报告(2) beside it
      const leftOver = names(run.host.model).includes(REPORT_SHEET);
      const again = await exportReport(run.env, result);
      expect(again.sheet).toBe(leftOver ? `${REPORT_SHEET}(2)` : REPORT_SHEET);
      const sheet = run.host.model.sheets.find((s) => s.name === again.sheet)!;
      expect(getCell(sheet, 3 + result.findings.length - 1, 5)?.v).toBe(result.findings[result.findings.length - 1].message);
      await clearRestoresOriginal(run);
    }
  });
});

describe('the task pane says what happened', () => {
  test('a failing highlight: the action ends (not stuck in 正在校验…) with the message, and the pane shows it', async () => {
    const original = await workbook();
    const { host, env } = await hostFor(cloneWorkbook(original));
    const { actions, get, seen } = paneStore(env);
    host.failSync({ at: 5, mode: 'partial' });
    await actions.check('LOCAL');
    expect(seen.some((s) => s.busy === 'check')).toBe(true);
    expect(get().busy).toBeNull();
    expect(get().progress).toBeNull();
    expect(get().outcome).toBeNull();
    expect(get().error?.message).toMatch(/^写入标记时 Excel 出错.*已自动恢复/);
    // the cause in plain Chinese; Excel's code only behind 详细信息
    expect(get().error?.message).not.toMatch(/[A-Za-z]{6,}/);
    expect(get().error?.detail).toContain('GeneralException');
    expect(snap(host.model)).toEqual(snap(original));

    const html = renderToString(
      React.createElement(FluentProvider, { theme: webLightTheme }, React.createElement(CheckPanel, { env, initialState: get() })),
    ).replace(/<!-- -->/g, '');
    expect(html).toContain('写入标记时 Excel 出错');
    expect(html).toContain('已自动恢复');
    // Excel's own words only behind 详细信息 (a closed <details>), and the bar can be closed
    expect(html).toMatch(/<details><summary>.*详细信息.*<\/summary>.*GeneralException: An internal error has occurred\..*<\/details>/);
    expect(html).toContain('aria-label="关闭错误提示"');
    expect(html).toContain('一键校验'); // the button is back, not "正在校验…"
    // before ExcelApi 1.20 the pane says, before any click, that Excel's undo history is cleared
    expect(html).toContain('“一键校验”“清除标记”和“导出报告”会清空 Excel 的撤销记录');
    expect(html).not.toContain('正在校验…');

    // the fault is gone: checking works again
    await actions.check('LOCAL');
    expect(get().error).toBeNull();
    expect(get().outcome?.marked).toBeGreaterThan(0);

    // 清除标记 stopped half-way: the pane says to click again; the second click finishes
    host.resetStats();
    host.failSync({ at: 4, mode: 'partial', code: 'RequestPayloadSizeLimitExceeded' });
    await actions.clear();
    expect(get().busy).toBeNull();
    expect(get().error?.message).toMatch(/^清除标记时 Excel 出错.*请再次点击“清除标记”/);
    const pane = renderToString(
      React.createElement(FluentProvider, { theme: webLightTheme }, React.createElement(CheckPanel, { env, initialState: get() })),
    );
    expect(pane).toContain('请再次点击“清除标记”');
    await actions.clear();
    expect(get().error).toBeNull();
    expect(get().notice?.text).toMatch(/已清除 \d+ 个单元格的标记/);
    expect(snap(host.model)).toEqual(snap(original));

    // 导出报告 failing: message, not busy
    await actions.check('LOCAL');
    host.resetStats();
    host.failSync({ at: 2, mode: 'partial' });
    await actions.report();
    expect(get().busy).toBeNull();
    expect(get().error?.message).toMatch(/^导出报告时 Excel 出错.*再次点击“导出报告”/);
    expect(get().outcome).not.toBeNull(); // the findings stay, export can be retried
    await actions.report();
    expect(get().notice?.text).toMatch(/已将 \d+ 个问题导出/);
    // the marks are still recorded (in the workbook's custom XML parts, no sheet of ours)
    expect(host.model.customXmlParts?.some((p) => p.namespaceUri === MARKS_NS)).toBe(true);
    expect(host.model.sheets.some((s) => s.name === MARKS_SHEET)).toBe(false);
  });

  test('a protected sheet during the write: the message also says why', async () => {
    const e = new OperationError('写入标记时 Excel 出错，……', Object.assign(new Error('denied'), { code: 'AccessDenied' }));
    const d = describeError(e);
    expect(d.kind).toBe('protected');
    expect(d.message).toContain('受保护');
    expect(d.detail).toBe('AccessDenied: denied');
  });
});
