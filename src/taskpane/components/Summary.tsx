/** Counts of the last check: tables found and findings per severity. */
import * as React from 'react';
import { Badge, Body1Strong, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { CheckResult } from '../../core/findings';
import { SEVERITY_BADGE, SEVERITY_ORDER, SEVERITY_TEXT } from './severity';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '6px' },
  counts: { display: 'flex', columnGap: '8px', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function Summary({ result }: { result: CheckResult }): React.ReactElement {
  const styles = useStyles();
  const counts = { error: result.summary.errors, warning: result.summary.warnings, info: result.summary.infos };
  const total = counts.error + counts.warning + counts.info;
  return (
    <section className={styles.root} aria-label="校验结果摘要" data-testid="summary">
      <Body1Strong>
        找到 {result.tables.length} 张绩效目标表，{total ? `发现 ${total} 个问题` : '未发现问题'}
      </Body1Strong>
      <div className={styles.counts}>
        {SEVERITY_ORDER.map((s) => (
          <Badge key={s} appearance="tint" color={SEVERITY_BADGE[s]} data-testid={`count-${s}`}>
            {SEVERITY_TEXT[s]} {counts[s]}
          </Badge>
        ))}
      </div>
      {result.sheetsWithoutTables.length > 0 && (
        <Caption1 className={styles.muted}>未包含绩效目标表的工作表：{result.sheetsWithoutTables.join('、')}</Caption1>
      )}
    </section>
  );
}
