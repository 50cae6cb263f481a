/** State of the 校验 tab: one place that calls the Office adapter and turns outcomes into messages. */
import * as React from 'react';
import { isOwnSheet } from '../core/check';
import type { RuleSetting } from '../core/config';
import type { Finding, Fix } from '../core/findings';
import { type AppliedFix, applyFix, undoFix } from '../adapters/office/fixes';
import { type DescribedError, describeError } from '../adapters/office/errors';
import { type Watch, watchWorkbook } from '../adapters/office/events';
import { entryOf } from '../adapters/office/review';
import { type Traces, removeTraces, surveyTraces } from '../adapters/office/traces';
import {
  type CheckOutcome,
  type OfficeEnv,
  type Progress,
  clearMarks,
  exportReport,
  inspectWorkbook,
  CheckCancelled,
  runCheck,
  selectCell,
  setReview,
} from '../adapters/office/workbook';
import { findingAt } from './components/review';

export type Busy = 'check' | 'recheck' | 'clear' | 'export' | 'ignore' | 'remove' | 'fix' | null;

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  text: string;
}

export interface CheckerState {
  busy: Busy;
  progress: Progress | null;
  outcome: CheckOutcome | null;
  error: DescribedError | null;
  /** Result of the last 清除标记 / 导出报告 / navigation. */
  notice: Notice | null;
  /** The workbook changed since the last check (e.g. a template was inserted). */
  stale: boolean;
  /** The finding of the cell the user selected in the sheet (its findingKey; `seq` tells repeated selections apart). */
  picked: { finding: Finding; seq: number } | null;
  /** A short line on the last automatic re-check (announced politely). */
  live: string | null;
  /** 移除全部校验痕迹 asked for: what it would remove, waiting for the user's 确定. */
  removal: Traces | null;
  /** The last 修正 applied (its 撤销 is offered until the next one). */
  fixed: AppliedFix | null;
}

export const INITIAL_CHECKER_STATE: CheckerState = {
  busy: null,
  progress: null,
  outcome: null,
  error: null,
  notice: null,
  stale: false,
  picked: null,
  live: null,
  removal: null,
  fixed: null,
};

export type Profile = 'LOCAL' | 'C2021';

type Update = (f: (s: CheckerState) => CheckerState) => void;

export interface CheckerOptions {
  /** Quiet time after the user's last edit before the edited sheets are checked again (ms). */
  debounceMs?: number;
}

/** What every action shares: the store, the environment and the choices of the last 一键校验. */
interface Ctx {
  env: OfficeEnv;
  get: () => CheckerState;
  update: Update;
  patch: (p: Partial<CheckerState>) => void;
  /** `paintHints`: hints' cells painted too (the pane paints errors and warnings unless the user asks). */
  last: { profile: Profile; paintHints: boolean };
  /** 取消 was clicked during the running check. */
  cancel: boolean;
}

const outcomeLine = (o: CheckOutcome, sheets: string[]): string => {
  const n = o.result.findings.length - (o.ignored?.length ?? 0);
  return `已重新校验“${sheets.join('”“')}”：${n ? `共 ${n} 个问题` : '未发现问题'}。`;
};

function makeCheck(c: Ctx) {
  /** True when a result is shown afterwards (the store may update later than this resolves: React state). */
  return async (profile: Profile, paintHints = false): Promise<boolean> => {
    c.last = { profile, paintHints };
    c.cancel = false;
    c.patch({ busy: 'check', error: null, notice: null, live: null, progress: { fraction: 0, message: '正在准备…' } });
    try {
      const outcome = await runCheck(c.env, {
        config: { profile },
        paintHints,
        onProgress: (progress) => c.patch({ progress }),
        cancelled: () => c.cancel,
      });
      c.patch({ busy: null, progress: null, outcome, stale: false });
      return true;
    } catch (e) {
      if (e instanceof CheckCancelled) {
        // nothing was written: an earlier result and its marks stand as they were
        c.patch({ busy: null, progress: null, notice: { intent: 'info', text: '已取消校验，工作簿没有被修改。' } });
        return false;
      }
      // the highlights of an earlier result may be gone (see the message): drop that result
      c.patch({ busy: null, progress: null, outcome: null, error: describeError(e) });
      return false;
    }
  };
}

/** The sheets the user edited, checked again once the user pauses (only while a result is shown). */
function makeRecheck(c: Ctx, debounceMs: number) {
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = async (): Promise<void> => {
    timer = null;
    const previous = c.get().outcome;
    if (!previous || dirty.size === 0) return;
    if (c.get().busy) return schedule(); // after the running action
    const sheets = [...dirty];
    dirty.clear();
    c.patch({ busy: 'recheck', progress: { fraction: 0, message: `正在重新校验“${sheets.join('”“')}”…` } });
    try {
      const outcome = await runCheck(c.env, {
        config: { profile: c.last.profile },
        paintHints: c.last.paintHints,
        only: { previous, sheets },
        onProgress: (progress) => c.patch({ progress }),
      });
      if (outcome.unchanged) c.patch({ busy: null, progress: null });
      else c.patch({ busy: null, progress: null, outcome: { ...outcome, unchanged: undefined }, live: outcomeLine(outcome, sheets) });
    } catch (e) {
      c.patch({ busy: null, progress: null, outcome: null, error: describeError(e) });
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };
  return {
    edited(sheet: string) {
      if (isOwnSheet(sheet) || !c.get().outcome) return;
      dirty.add(sheet);
      schedule();
    },
    /** Runs a pending re-check now (tests; the pane closing). */
    flush: () => run(),
    /** Checks `sheet` again now (after a 修正 or its 撤销). */
    now(sheet: string) {
      dirty.add(sheet);
      if (timer) clearTimeout(timer);
      return run();
    },
  };
}

/** The finding of the cell the user selected in the sheet, shown in the pane. */
function makePick(c: Ctx) {
  let seq = 0;
  return (sheet: string, address: string) => {
    const o = c.get().outcome;
    if (!o) return;
    const f = findingAt(o, sheet, address);
    if (f) c.patch({ picked: { finding: f, seq: ++seq } });
  };
}

function makeClear(c: Ctx) {
  return async () => {
    c.patch({ busy: 'clear', error: null, notice: null });
    try {
      const r = await clearMarks(c.env);
      const text = r.restored ? `已清除 ${r.restored} 个单元格的标记，原有填充色已恢复。` : '工作簿中没有需要清除的标记。';
      c.update((s) => ({
        ...s,
        busy: null,
        outcome: s.outcome ? { ...s.outcome, marked: 0 } : null,
        notice: { intent: r.notes.length ? 'warning' : 'success', text: [text, ...r.notes].join(' ') },
      }));
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
}

function makeReport(c: Ctx) {
  return async () => {
    const outcome = c.get().outcome;
    if (!outcome) return;
    c.patch({ busy: 'export', error: null, notice: null });
    try {
      const r = await exportReport(c.env, outcome.result);
      c.patch({
        busy: null,
        notice: { intent: 'success', text: `已将 ${r.rows} 个问题导出到工作表“${r.sheet}”，点击其中的单元格地址可跳转。` },
      });
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
}

function makeSelect(c: Ctx) {
  return async (f: Finding) => {
    try {
      await selectCell(c.env, f.sheet, f.cell);
    } catch (e) {
      const d = describeError(e);
      c.patch({
        notice: {
          intent: 'warning',
          text: `无法跳转到 ${f.sheet}!${f.cell}：工作表可能已隐藏、改名或删除。${d.kind === 'busy' ? d.message : ''}`,
        },
      });
    }
  };
}

/**
 * 忽略此条 / 恢复: the list of ignored findings (those of the last result still ignored, plus or minus `f`) is
 * stored in the workbook, then the workbook is checked again (the ignored cells lose their marks).
 */
function makeReview(c: Ctx, check: (p: Profile, h: boolean) => Promise<unknown>) {
  return async (change: { ignore: Finding } | { restore: Finding | 'all' }) => {
    const outcome = c.get().outcome;
    if (!outcome) return;
    const now = outcome.ignored ?? [];
    const next = 'ignore' in change ? [...now, change.ignore] : change.restore === 'all' ? [] : now.filter((f) => f !== change.restore);
    c.patch({ busy: 'ignore', error: null, notice: null });
    try {
      await setReview(c.env, next.map(entryOf), outcome.rules ?? {});
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
      return;
    }
    await check(c.last.profile, c.last.paintHints);
    const text =
      'ignore' in change
        ? `已忽略 ${change.ignore.sheet}!${change.ignore.cell} 的这条问题（记录在工作簿中，可在“已忽略”中恢复）。`
        : '已恢复。';
    c.update((s) => (s.error ? s : { ...s, notice: { intent: 'success', text } }));
  };
}

/**
 * 规则设置: the rules turned off or graded otherwise (the others at their default), kept in the workbook with the
 * ignored findings; then the workbook is checked again. `said` is the notice afterwards.
 */
function makeRuleSettings(c: Ctx, check: (p: Profile, h: boolean) => Promise<unknown>) {
  return async (rules: Readonly<Record<string, RuleSetting>>, said: string) => {
    const outcome = c.get().outcome;
    if (!outcome) return;
    c.patch({ busy: 'ignore', error: null, notice: null });
    try {
      await setReview(c.env, (outcome.ignored ?? []).map(entryOf), rules);
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
      return;
    }
    await check(c.last.profile, c.last.paintHints);
    c.update((s) => (s.error ? s : { ...s, notice: { intent: 'success', text: `${said}设置记录在工作簿中。` } }));
  };
}

/** 修正 and 撤销: the cell written on the user's click, then its sheet checked again. */
function makeFix(c: Ctx, recheckSheet: (sheet: string) => Promise<void>) {
  const act = async (what: 'fix' | 'undo', f: Fix | AppliedFix) => {
    c.patch({ busy: 'fix', error: null, notice: null });
    try {
      const r = what === 'fix' ? await applyFix(c.env, f as Fix) : await undoFix(c.env, f as AppliedFix);
      const fix = 'fix' in f ? f.fix : (f as Fix);
      if ('refused' in r) {
        c.patch({ busy: null, notice: { intent: 'warning', text: r.refused } });
        return;
      }
      const text =
        what === 'fix'
          ? `已修正 ${fix.sheet}!${fix.cell}：「${String(fix.before)}」改为「${fix.after}」。`
          : `已撤销对 ${fix.sheet}!${fix.cell} 的修正，恢复为「${String(fix.before)}」。`;
      c.patch({ busy: null, fixed: what === 'fix' ? r.applied : null });
      await recheckSheet(fix.sheet);
      c.update((s) => (s.error ? s : { ...s, notice: { intent: 'success', text } }));
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
  return { fix: (f: Fix) => act('fix', f), undo: (a: AppliedFix) => act('undo', a) };
}

/** What 移除全部校验痕迹 would remove, in the user's words (the confirmation). */
export function removalText(t: Traces): string {
  const parts: string[] = [];
  if (t.marks) parts.push(`恢复 ${t.marks} 个已标记单元格原来的填充色`);
  if (t.reports.length) parts.push(`删除本加载项导出的报告工作表“${t.reports.join('”“')}”`);
  if (t.review) parts.push('删除忽略记录和规则设置');
  return parts.length ? `将${parts.join('，')}。您填写的内容不会改变。` : '工作簿中没有本加载项留下的内容。';
}

/** 移除全部校验痕迹: first what would go (asked), then, on 确定, all of it. */
function makeRemoval(c: Ctx) {
  const ask = async () => {
    c.patch({ busy: 'remove', error: null, notice: null });
    try {
      const traces = await surveyTraces(c.env);
      const nothing = !traces.marks && !traces.reports.length && !traces.review;
      c.patch(nothing ? { busy: null, notice: { intent: 'info', text: removalText(traces) } } : { busy: null, removal: traces });
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
  const confirm = async () => {
    c.patch({ busy: 'remove', removal: null });
    try {
      const r = await removeTraces(c.env);
      const what = [
        r.restored ? `恢复 ${r.restored} 个单元格的填充色` : '',
        r.reports.length ? `删除报告工作表“${r.reports.join('”“')}”` : '',
      ].filter(Boolean);
      const text = `已移除本加载项留下的全部内容${what.length ? `（${what.join('，')}）` : ''}。`;
      c.update((s) => ({
        ...s,
        busy: null,
        outcome: null,
        live: null,
        notice: { intent: r.notes.length ? 'warning' : 'success', text: [text, ...r.notes].join(' ') },
      }));
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
  return { ask, confirm, cancel: () => c.patch({ removal: null }) };
}

/**
 * The pane opened over a workbook an earlier check marked: check it again at once (the marks are brought up to date
 * and the results listed, as when the pane was closed); nothing of the user's is changed.
 */
function makeInspect(c: Ctx, check: (p: Profile, h: boolean) => Promise<unknown>) {
  return async (profile: Profile, paintHints: boolean) => {
    try {
      const found = await inspectWorkbook(c.env);
      if (!found.marked || c.get().outcome || c.get().busy) return;
    } catch {
      return; // a workbook Excel cannot read now is reported by the next action
    }
    await check(profile, paintHints);
    c.update((s) =>
      s.outcome && !s.error ? { ...s, notice: { intent: 'info', text: '工作簿中留有上次校验的标记，已重新校验并更新标记。' } } : s,
    );
  };
}

/**
 * The actions of the 校验 tab on any state store (React state in the task pane, a plain variable in tests). Every
 * action ends with `busy: null`, whatever Excel does: the pane never stays in "正在校验…".
 */
export function checkerActions(env: OfficeEnv, get: () => CheckerState, update: Update, options: CheckerOptions = {}) {
  const c: Ctx = {
    env,
    get,
    update,
    patch: (p) => update((s) => ({ ...s, ...p })),
    last: { profile: 'LOCAL', paintHints: false },
    cancel: false,
  };
  const check = makeCheck(c);
  const recheck = makeRecheck(c, options.debounceMs ?? 800);
  const pick = makePick(c);
  let watch: Promise<Watch | null> | null = null;
  /** Starts following the user's edits and selections (once; after the first result). */
  const follow = () => {
    watch ??= watchWorkbook(env, { onEdit: recheck.edited, onSelect: pick }).catch((e: unknown) => {
      // without events the pane works as before (a new check on the user's click)
      console.warn('绩效目标表助手: Excel events unavailable', e);
      return null;
    });
    return watch;
  };
  const stop = async () => {
    const w = await watch;
    watch = null;
    await w?.stop().catch(() => undefined);
  };
  return {
    check: async (profile: Profile, paintHints = false) => {
      if (await check(profile, paintHints)) await follow();
    },
    clear: makeClear(c),
    report: makeReport(c),
    select: makeSelect(c),
    review: makeReview(c, check),
    setRules: makeRuleSettings(c, check),
    removal: makeRemoval(c),
    ...makeFix(c, recheck.now),
    inspect: makeInspect(c, async (p, h) => {
      if (await check(p, h)) await follow();
    }),
    recheckNow: recheck.flush,
    /** 取消 the running 一键校验 (heard between its stages and slices). */
    cancel: () => {
      c.cancel = true;
    },
    stop,
  };
}

export function useChecker(
  env: OfficeEnv,
  initial: CheckerState = INITIAL_CHECKER_STATE,
  choices?: { profile: Profile; paintHints: boolean },
) {
  const [state, setState] = React.useState<CheckerState>(initial);
  const current = React.useRef(state);
  current.current = state;
  const actions = React.useMemo(() => checkerActions(env, () => current.current, setState), [env]);
  const opened = React.useRef(choices);
  React.useEffect(() => {
    const c = opened.current ?? { profile: 'LOCAL', paintHints: false };
    void actions.inspect(c.profile, c.paintHints);
    return () => void actions.stop();
  }, [actions]);
  const markStale = React.useCallback(() => setState((s) => ({ ...s, stale: true })), []);
  const dismiss = React.useCallback(() => setState((s) => ({ ...s, notice: null, error: null })), []);

  return { state, ...actions, markStale, dismiss };
}
