/** Counts of the last check: tables found and findings per severity. */
import * as React from 'react';
import { Badge, Body1Strong, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { CheckResult, Severity } from '../../core/findings';
import { SEVERITY_BADGE, SEVERITY_ORDER, SEVERITY_TEXT } from './severity';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '6px' },
  counts: { display: 'flex', columnGap: '8px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  countButton: {
    border: 'none',
    background: 'transparent',
    padding: 0,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
});

/**
 * `onOnly`: the counts are buttons; a click shows only that severity's findings (and a second click all of them,
 * as the caller decides).
 */
export const Summary = React.forwardRef<HTMLElement, { result: CheckResult; onOnly?: (s: Severity) => void; only?: Severity | null }>(
  function Summary({ result, onOnly, only }, ref): React.ReactElement {
    const styles = useStyles();
    const counts = { error: result.summary.errors, warning: result.summary.warnings, info: result.summary.infos };
    const total = counts.error + counts.warning + counts.info;
    return (
      <section className={styles.root} aria-label="校验结果摘要" data-testid="summary" ref={ref} tabIndex={-1}>
        <Body1Strong role="status" aria-live="polite">
          找到 {result.tables.length} 张绩效目标表，{total ? `发现 ${total} 个问题` : '未发现问题'}
        </Body1Strong>
        <div className={styles.counts}>
          {SEVERITY_ORDER.map((s) => {
            const badge = (
              <Badge appearance={only === s ? 'filled' : 'tint'} color={SEVERITY_BADGE[s]} data-testid={`count-${s}`}>
                {SEVERITY_TEXT[s]} {counts[s]}
              </Badge>
            );
            if (!onOnly) return <React.Fragment key={s}>{badge}</React.Fragment>;
            return (
              <button
                key={s}
                type="button"
                className={styles.countButton}
                aria-pressed={only === s}
                title={only === s ? '显示全部问题' : `只显示${SEVERITY_TEXT[s]}`}
                onClick={() => onOnly(s)}
                data-testid={`only-${s}`}
              >
                {badge}
              </button>
            );
          })}
        </div>
        {result.sheetsWithoutTables.length > 0 && (
          <Caption1 className={styles.muted}>未包含绩效目标表的工作表：{result.sheetsWithoutTables.join('、')}</Caption1>
        )}
      </section>
    );
  },
);
