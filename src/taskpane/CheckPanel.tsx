/** The 校验 tab: buttons, progress, messages, summary, filter and the findings list. */
import * as React from 'react';
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { OfficeEnv } from '../adapters/office/workbook';
import { undoNotes } from '../adapters/office/capabilities';
import type { Finding, Severity } from '../core/findings';
import { EmptyState } from './components/EmptyState';
import { FindingsList } from './components/FindingsList';
import { IgnoredList } from './components/IgnoredList';
import { summarize } from '../core/findings';
import { ProfileSelect } from './components/ProfileSelect';
import { RuleSettings } from './components/RuleSettings';
import { SeverityFilter } from './components/SeverityFilter';
import { Summary } from './components/Summary';
import { onlyShown, toggleOnly } from './components/review';
import { type CheckerState, type Profile, removalText, useChecker } from './useChecker';
import { HINTS_KEY, PROFILE_KEY, keepChoice, storedChoice } from './choices';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '12px', padding: '8px 2px' },
  toolbar: { display: 'flex', columnGap: '8px', rowGap: '8px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Rows of the findings list rendered at once (a window; a workbook with 1,000 tables has thousands of findings). */
const FINDINGS_PAGE = 300;

export interface CheckPanelHandle {
  markStale(): void;
}

export interface CheckPanelProps {
  env: OfficeEnv;
  onTemplates?: () => void;
  /** Starting state (tests render the pane in a given state). */
  initialState?: CheckerState;
}

/** The 校验 tab's state: the checker's store and actions, the user's choices, and what is shown of the result. */
function usePanel({ env, onTemplates, initialState }: CheckPanelProps, ref: React.ForwardedRef<CheckPanelHandle>) {
  const styles = useStyles();
  const [profile, setProfile] = React.useState<Profile>(() => (storedChoice(PROFILE_KEY) === 'C2021' ? 'C2021' : 'LOCAL'));
  const [paintHints, setPaintHints] = React.useState<boolean>(() => storedChoice(HINTS_KEY) === '1');
  const { state, check, cancel, clear, report, select, review, setRules, removal, fix, undo, deleteRows, markStale, dismiss } = useChecker(
    env,
    initialState,
    {
      profile,
      paintHints,
    },
  );
  const [shown, setShown] = React.useState<Set<Severity>>(() => new Set<Severity>(['error', 'warning', 'info']));
  React.useImperativeHandle(ref, () => ({ markStale }), [markStale]);
  // after a check, focus goes to the summary (which is announced), not to the page body
  const summaryRef = React.useRef<HTMLElement>(null);
  const outcome = state.outcome;
  React.useEffect(() => {
    if (outcome && state.busy === null) summaryRef.current?.focus();
  }, [outcome, state.busy]);

  // stable, so that the findings list's items stay memoised across the pane's renders
  const onSelect = React.useCallback((f: Finding) => void select(f), [select]);
  const caps = env.capabilities;
  const ignored = state.outcome?.ignored ?? [];
  // what the pane lists and counts: the findings the user has not ignored (computed once per outcome)
  const result = React.useMemo(() => {
    const r = state.outcome?.result ?? null;
    const hidden = new Set(state.outcome?.ignored ?? []);
    if (!r || hidden.size === 0) return r;
    const findings = r.findings.filter((f) => !hidden.has(f));
    return { ...r, findings, summary: summarize(findings) };
  }, [state.outcome]);
  const busy = state.busy !== null;
  const counts = result
    ? { error: result.summary.errors, warning: result.summary.warnings, info: result.summary.infos }
    : { error: 0, warning: 0, info: 0 };

  return {
    styles,
    state,
    check,
    cancel,
    clear,
    report,
    review,
    setRules,
    removal,
    fix,
    undo,
    deleteRows,
    dismiss,
    profile,
    setProfile,
    paintHints,
    setPaintHints,
    shown,
    setShown,
    summaryRef,
    caps,
    ignored,
    result,
    busy,
    counts,
    onSelect,
    onTemplates,
    markStale,
  };
}

type Panel = ReturnType<typeof usePanel>;

/** 移除全部校验痕迹: the button, or the confirmation that says what would be removed. */
function Removal({ p }: { p: Panel }): React.ReactElement {
  const { state, removal, caps, busy } = p;
  return (
    <>
      {state.removal ? (
        <MessageBar intent="warning" data-testid="confirm-removal">
          <MessageBarBody>
            <MessageBarTitle>移除全部校验痕迹？</MessageBarTitle>
            {removalText(state.removal)}
            {!caps.undoKept && ' 此操作会清空 Excel 的撤销记录。'}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={() => void removal.confirm()} data-testid="confirm-remove">
              确定移除
            </Button>
            <Button size="small" onClick={removal.cancel}>
              取消
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <Button
          size="small"
          appearance="subtle"
          disabled={busy}
          onClick={() => void removal.ask()}
          title="提交前使用：恢复标记单元格的填充色，删除本加载项导出的报告工作表和记录"
          data-testid="remove-traces"
        >
          移除全部校验痕迹
        </Button>
      )}
    </>
  );
}

/** The buttons and choices: 一键校验, 取消, 清除标记, 导出报告, 移除全部校验痕迹, 指标体系, hints painted. */
function Controls({ p }: { p: Panel }): React.ReactElement {
  const { styles, state, check, cancel, clear, report, profile, setProfile, paintHints, setPaintHints, caps, result, busy } = p;
  return (
    <>
      {!caps.supported ? (
        <MessageBar intent="error" data-testid="unsupported">
          <MessageBarBody>
            <MessageBarTitle>无法在此 Excel 中运行</MessageBarTitle>
            {caps.notes[0]}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <div className={styles.toolbar}>
            <Button appearance="primary" disabled={busy} onClick={() => void check(profile, paintHints)} data-testid="run-check">
              {state.busy === 'check' || state.busy === 'recheck' ? '正在校验…' : '一键校验'}
            </Button>
            {state.busy === 'check' && (
              <Button onClick={cancel} data-testid="cancel-check">
                取消
              </Button>
            )}
            <Button disabled={busy} onClick={() => void clear()} data-testid="clear-marks">
              清除标记
            </Button>
            <Button disabled={busy || !result} onClick={() => void report()} data-testid="export-report">
              导出报告
            </Button>
          </div>
          <Removal p={p} />
          <ProfileSelect
            value={profile}
            disabled={busy}
            onChange={(p) => {
              setProfile(p);
              keepChoice(PROFILE_KEY, p);
              // the result shown was checked against the other 指标体系: check again
              if (state.outcome) void check(p, paintHints);
            }}
          />
          <Checkbox
            label="在工作表中也标记提示（蓝色）"
            checked={paintHints}
            disabled={busy}
            data-testid="paint-hints"
            onChange={(_e, d) => {
              const on = d.checked === true;
              setPaintHints(on);
              keepChoice(HINTS_KEY, on ? '1' : '0');
            }}
          />
          <Caption1 block className={styles.muted} data-testid="undo-note">
            {undoNotes(caps).check}
          </Caption1>
        </>
      )}
    </>
  );
}

/** Progress, errors, notices (with 撤销 after a 修正), the live line and the outcome notes. */
function Messages({ p }: { p: Panel }): React.ReactElement {
  const { styles, state, undo, dismiss, caps, result, busy } = p;
  return (
    <>
      {state.progress && (
        <Field validationMessage={state.progress.message} validationState="none" aria-live="polite">
          <ProgressBar value={state.progress.fraction} max={1} data-testid="progress" />
        </Field>
      )}

      {caps.supported && caps.notes.length > 0 && !result && (
        <MessageBar intent="info">
          <MessageBarBody>{caps.notes.join(' ')}</MessageBarBody>
        </MessageBar>
      )}

      {state.error && (
        <MessageBar intent="error" data-testid="error" aria-live="assertive">
          <MessageBarBody>
            <MessageBarTitle>
              {state.error.kind === 'protected' ? '工作表受保护' : state.error.kind === 'unsupported' ? 'Excel 版本不支持' : '出错了'}
            </MessageBarTitle>
            {state.error.message}
            <details>
              <summary>
                <Caption1 className={styles.muted}>详细信息</Caption1>
              </summary>
              <Caption1 block className={styles.muted}>
                {state.error.detail}
              </Caption1>
            </details>
          </MessageBarBody>
          <Button size="small" appearance="transparent" onClick={dismiss} aria-label="关闭错误提示" data-testid="dismiss-error">
            ×
          </Button>
        </MessageBar>
      )}

      {state.notice && (
        <MessageBar intent={state.notice.intent} data-testid="notice" aria-live="polite">
          <MessageBarBody>{state.notice.text}</MessageBarBody>
          {state.fixed && state.notice.undo && (
            <MessageBarActions>
              <Button size="small" disabled={busy} onClick={() => state.fixed && void undo(state.fixed)} data-testid="undo-fix">
                撤销
              </Button>
            </MessageBarActions>
          )}
          <Button size="small" appearance="transparent" onClick={dismiss} aria-label="关闭提示">
            ×
          </Button>
        </MessageBar>
      )}

      <div aria-live="polite" data-testid="live">
        {state.live && (
          <Caption1 block className={styles.muted}>
            {state.live}
          </Caption1>
        )}
      </div>

      {state.stale && result && (
        <MessageBar intent="info">
          <MessageBarBody>工作簿已修改，结果可能已过时，请重新校验。</MessageBarBody>
        </MessageBar>
      )}

      {state.outcome && state.outcome.notes.length > 0 && (
        <MessageBar intent="warning" data-testid="outcome-notes">
          <MessageBarBody>
            {state.outcome.notes.map((n) => (
              <div key={n}>{n}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** The result: summary, marks, filter, the findings list, 规则设置 and the ignored findings. */
function Results({ p }: { p: Panel }): React.ReactElement {
  const { styles, state, result, busy } = p;
  return (
    <>
      {result && result.tables.length === 0 && <EmptyState sheets={result.sheetsWithoutTables} onTemplates={p.onTemplates} />}

      {result && result.tables.length > 0 && (
        <>
          <Summary
            ref={p.summaryRef}
            result={result}
            only={onlyShown(p.shown)}
            onOnly={(s) => React.startTransition(() => p.setShown(toggleOnly(p.shown, s)))}
          />
          {state.outcome && state.outcome.marked > 0 && (
            <Caption1 className={styles.muted} data-testid="marked">
              已在工作表中标记 {state.outcome.marked} 个单元格（红：错误，黄：警告
              {state.outcome.paintedHints ? '，蓝：提示' : '；提示未标色'}）。
            </Caption1>
          )}
          {result.findings.length > 0 && (
            <SeverityFilter shown={p.shown} counts={p.counts} onChange={(s) => React.startTransition(() => p.setShown(s))} />
          )}
          <FindingsList
            result={result}
            shown={p.shown}
            onSelect={p.onSelect}
            pageSize={FINDINGS_PAGE}
            onIgnore={(f) => void p.review({ ignore: f })}
            disabled={busy}
            picked={state.picked}
            onFix={(f) => f.fix && void p.fix(f.fix)}
            onDeleteRows={(f) => void p.deleteRows(f)}
          />
          <RuleSettings rules={state.outcome?.rules ?? {}} disabled={busy} onChange={(r, said) => void p.setRules(r, said)} />
          {p.ignored.length > 0 && (
            <IgnoredList
              ignored={p.ignored}
              disabled={busy}
              onRestore={(f) => void p.review({ restore: f })}
              onRestoreAll={() => void p.review({ restore: 'all' })}
            />
          )}
        </>
      )}
    </>
  );
}

export const CheckPanel = React.forwardRef<CheckPanelHandle, CheckPanelProps>(function CheckPanel(props, ref) {
  const p = usePanel(props, ref);
  const { styles, result, busy, state, caps } = p;
  return (
    <div className={styles.root}>
      <Controls p={p} />
      <Messages p={p} />
      <Results p={p} />
      {!result && !busy && !state.error && caps.supported && (
        <Caption1 className={styles.muted}>
          点击“一键校验”校验本工作簿中所有的绩效目标表：指标值是否填写、金额是否相符、资金支出计划是否合理等。校验只标记单元格，不会修改任何内容。
        </Caption1>
      )}
    </div>
  );
});
