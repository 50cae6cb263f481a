/** State of the 校验 tab: one place that calls the Office adapter and turns outcomes into messages. */
import * as React from 'react';
import { type DescribedError, describeError } from '../adapters/office/errors';
import { entryOf } from '../adapters/office/review';
import {
  type CheckOutcome,
  type OfficeEnv,
  type Progress,
  clearMarks,
  exportReport,
  inspectWorkbook,
  runCheck,
  selectCell,
  setIgnored,
} from '../adapters/office/workbook';
import type { Finding } from '../core/findings';

export type Busy = 'check' | 'clear' | 'export' | 'ignore' | null;

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
}

export const INITIAL_CHECKER_STATE: CheckerState = { busy: null, progress: null, outcome: null, error: null, notice: null, stale: false };

export type Profile = 'LOCAL' | 'C2021';

type Update = (f: (s: CheckerState) => CheckerState) => void;

/**
 * The actions of the 校验 tab on any state store (React state in the task pane, a plain variable
 * in tests). Every action ends with `busy: null`, whatever Excel does: the pane never stays in
 * "正在校验…".
 */
export function checkerActions(env: OfficeEnv, get: () => CheckerState, update: Update) {
  const patch = (p: Partial<CheckerState>) => update((s) => ({ ...s, ...p }));

  /** `paintHints`: hints' cells painted too (the pane paints errors and warnings unless the user asks). */
  let last: { profile: Profile; paintHints: boolean } = { profile: 'LOCAL', paintHints: false };
  const check = async (profile: Profile, paintHints = false) => {
    last = { profile, paintHints };
    patch({ busy: 'check', error: null, notice: null, progress: { fraction: 0, message: '正在准备…' } });
    try {
      const outcome = await runCheck(env, {
        config: { profile },
        paintHints,
        onProgress: (progress) => patch({ progress }),
      });
      patch({ busy: null, progress: null, outcome, stale: false });
    } catch (e) {
      // the highlights of an earlier result may be gone (see the message): drop that result
      patch({ busy: null, progress: null, outcome: null, error: describeError(e) });
    }
  };

  const clear = async () => {
    patch({ busy: 'clear', error: null, notice: null });
    try {
      const r = await clearMarks(env);
      const text = r.restored ? `已清除 ${r.restored} 个单元格的标记，原有填充色已恢复。` : '工作簿中没有需要清除的标记。';
      update((s) => ({
        ...s,
        busy: null,
        outcome: s.outcome ? { ...s.outcome, marked: 0 } : null,
        notice: { intent: r.notes.length ? 'warning' : 'success', text: [text, ...r.notes].join(' ') },
      }));
    } catch (e) {
      patch({ busy: null, error: describeError(e) });
    }
  };

  const report = async () => {
    const outcome = get().outcome;
    if (!outcome) return;
    patch({ busy: 'export', error: null, notice: null });
    try {
      const r = await exportReport(env, outcome.result);
      patch({
        busy: null,
        notice: { intent: 'success', text: `已将 ${r.rows} 条问题导出到工作表“${r.sheet}”，点击其中的单元格地址可跳转。` },
      });
    } catch (e) {
      patch({ busy: null, error: describeError(e) });
    }
  };

  const select = async (f: Finding) => {
    try {
      await selectCell(env, f.sheet, f.cell);
    } catch (e) {
      const d = describeError(e);
      patch({
        notice: {
          intent: 'warning',
          text: `无法跳转到 ${f.sheet}!${f.cell}：工作表可能已隐藏、改名或删除。${d.kind === 'busy' ? d.message : ''}`,
        },
      });
    }
  };

  /**
   * 忽略此条 / 恢复: the list of ignored findings (those of the last result still ignored, plus or minus `f`) is
   * stored in the workbook, then the workbook is checked again (the ignored cells lose their marks).
   */
  const review = async (change: { ignore: Finding } | { restore: Finding | 'all' }) => {
    const outcome = get().outcome;
    if (!outcome) return;
    const now = outcome.ignored ?? [];
    const next = 'ignore' in change ? [...now, change.ignore] : change.restore === 'all' ? [] : now.filter((f) => f !== change.restore);
    patch({ busy: 'ignore', error: null, notice: null });
    try {
      await setIgnored(env, next.map(entryOf));
    } catch (e) {
      patch({ busy: null, error: describeError(e) });
      return;
    }
    await check(last.profile, last.paintHints);
    const text =
      'ignore' in change
        ? `已忽略 ${change.ignore.sheet}!${change.ignore.cell} 的这条问题（记录在工作簿中，可在“已忽略”中恢复）。`
        : '已恢复。';
    update((s) => (s.error ? s : { ...s, notice: { intent: 'success', text } }));
  };

  /** The pane opened over a workbook an earlier check marked: say so (nothing is changed). */
  const inspect = async () => {
    try {
      const found = await inspectWorkbook(env);
      if (!found.marked || get().outcome || get().busy) return;
      patch({
        notice: {
          intent: 'info',
          text: `工作簿中留有上次校验的标记${found.ignored ? '（以及忽略的问题记录）' : ''}。点击“一键校验”查看最新结果，或点击“清除标记”恢复单元格原来的填充色。`,
        },
      });
    } catch {
      /* only a notice: a workbook Excel cannot read now is reported by the next action */
    }
  };

  return { check, clear, report, select, review, inspect };
}

export function useChecker(env: OfficeEnv, initial: CheckerState = INITIAL_CHECKER_STATE) {
  const [state, setState] = React.useState<CheckerState>(initial);
  const current = React.useRef(state);
  current.current = state;
  const actions = React.useMemo(() => checkerActions(env, () => current.current, setState), [env]);
  React.useEffect(() => {
    void actions.inspect();
  }, [actions]);
  const markStale = React.useCallback(() => setState((s) => ({ ...s, stale: true })), []);
  const dismiss = React.useCallback(() => setState((s) => ({ ...s, notice: null, error: null })), []);

  return { state, ...actions, markStale, dismiss };
}
