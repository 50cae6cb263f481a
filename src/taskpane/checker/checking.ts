/** 一键校验, the re-check of edited sheets, the finding of a cell selected in the sheet, and the check on opening. */
import { isOwnSheet } from '../../core/check';
import { describeError } from '../../adapters/office/errors';
import { type CheckOutcome, inspectWorkbook, CheckCancelled, runCheck } from '../../adapters/office/workbook';
import { findingAt } from '../components/review';

import type { Ctx, Profile } from './state';

const outcomeLine = (o: CheckOutcome, sheets: string[]): string => {
  const n = o.result.findings.length - (o.ignored?.length ?? 0);
  return `已重新校验“${sheets.join('”“')}”：${n ? `共 ${n} 个问题` : '未发现问题'}。`;
};

export function makeCheck(c: Ctx) {
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
export function makeRecheck(c: Ctx, debounceMs: number) {
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
export function makePick(c: Ctx) {
  let seq = 0;
  return (sheet: string, address: string) => {
    const o = c.get().outcome;
    if (!o) return;
    const f = findingAt(o, sheet, address);
    if (f) c.patch({ picked: { finding: f, seq: ++seq } });
  };
}

/**
 * The pane opened over a workbook an earlier check marked: check it again at once (the marks are brought up to date
 * and the results listed, as when the pane was closed); nothing of the user's is changed.
 */
export function makeInspect(c: Ctx, check: (p: Profile, h: boolean) => Promise<unknown>) {
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
