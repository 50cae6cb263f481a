/** Show/hide findings by severity (toggle buttons, keyboard accessible). */
import * as React from 'react';
import { ToggleButton, makeStyles } from '@fluentui/react-components';
import type { Severity } from '../../core/findings';
import { SEVERITY_ORDER, SEVERITY_TEXT } from './severity';

const useStyles = makeStyles({ root: { display: 'flex', columnGap: '6px', flexWrap: 'wrap', alignItems: 'center' } });

export function SeverityFilter(props: {
  shown: Set<Severity>;
  counts: Record<Severity, number>;
  onChange: (next: Set<Severity>) => void;
}): React.ReactElement {
  const styles = useStyles();
  const toggle = (s: Severity) => {
    const next = new Set(props.shown);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    props.onChange(next);
  };
  return (
    <div className={styles.root} role="group" aria-label="按严重程度筛选">
      {SEVERITY_ORDER.map((s) => (
        <ToggleButton key={s} size="small" checked={props.shown.has(s)} onClick={() => toggle(s)} data-testid={`filter-${s}`}>
          {SEVERITY_TEXT[s]}（{props.counts[s]}）
        </ToggleButton>
      ))}
    </div>
  );
}
