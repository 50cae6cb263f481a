/** State of the 校验 tab: one place that calls the Office adapter and turns outcomes into messages (checker/*). */
import * as React from 'react';
import type { Watch } from '../adapters/office/events';
import { watchWorkbook } from '../adapters/office/events';
import type { OfficeEnv } from '../adapters/office/workbook';
import { makeCheck, makeInspect, makePick, makeRecheck } from './checker/checking';
import { makeFix, makeReview, makeRuleSettings } from './checker/edits';
import { type CheckerOptions, type CheckerState, type Ctx, INITIAL_CHECKER_STATE, type Profile, type Update } from './checker/state';
import { makeClear, makeRemoval, makeReport, makeSelect } from './checker/workbook';

export { INITIAL_CHECKER_STATE } from './checker/state';
export type { Busy, CheckerOptions, CheckerState, Notice, Profile } from './checker/state';
export { removalText } from './checker/workbook';

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
