/** The 校验 tab's state and what its actions share (the store, the environment, the last check's choices). */
import type { Finding } from '../../core/findings';
import { type AppliedFix } from '../../adapters/office/fixes';
import { type AppliedRows } from '../../adapters/office/rows';
import { type DescribedError } from '../../adapters/office/errors';
import { type Traces } from '../../adapters/office/traces';
import { type CheckOutcome, type OfficeEnv, type Progress } from '../../adapters/office/workbook';

export type Busy = 'check' | 'recheck' | 'clear' | 'export' | 'ignore' | 'remove' | 'fix' | null;

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  title?: string;
  text: string;
  /** The notice of a 修正 or 删除空白行: 撤销 is offered beside it (CheckerState.fixed). */
  undo?: boolean;
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
  /** The last 修正 applied, or placeholder rows deleted (its 撤销 is offered until the next one). */
  fixed: AppliedFix | AppliedRows | null;
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

export type Update = (f: (s: CheckerState) => CheckerState) => void;

export interface CheckerOptions {
  /** Quiet time after the user's last edit before the edited sheets are checked again (ms). */
  debounceMs?: number;
}

/** What every action shares: the store, the environment and the choices of the last 一键校验. */
export interface Ctx {
  env: OfficeEnv;
  get: () => CheckerState;
  update: Update;
  patch: (p: Partial<CheckerState>) => void;
  /** `paintHints`: hints' cells painted too (the pane paints errors and warnings unless the user asks). */
  last: { profile: Profile; paintHints: boolean };
  /** 取消 was clicked during the running check. */
  cancel: boolean;
}
