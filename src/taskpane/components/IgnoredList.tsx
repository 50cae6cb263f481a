/** The findings the user ignored (忽略此条), kept in the workbook: listed apart, each restorable. */
import * as React from 'react';
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../../core/findings';
import { findingKey } from './review';
import { SEVERITY_TEXT } from './severity';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '4px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: '8px',
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: '2px' },
  item: { display: 'grid', gridTemplateColumns: '1fr auto', columnGap: '8px', alignItems: 'start' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function IgnoredList(props: {
  ignored: Finding[];
  disabled?: boolean;
  onRestore: (f: Finding) => void;
  onRestoreAll: () => void;
}): React.ReactElement {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  return (
    <section className={styles.root} aria-label="已忽略的问题" data-testid="ignored">
      <div>
        <Button size="small" appearance="transparent" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="toggle-ignored">
          {open ? '收起' : '查看'}已忽略的问题（{props.ignored.length} 条）
        </Button>
        {open && (
          <Button size="small" disabled={props.disabled} onClick={props.onRestoreAll} data-testid="restore-all">
            全部恢复
          </Button>
        )}
      </div>
      {open && (
        <ul className={styles.list}>
          {props.ignored.map((f) => (
            <li key={findingKey(f)} className={styles.item} data-testid="ignored-item">
              <Caption1>
                {SEVERITY_TEXT[f.severity]} · {f.sheet}!{f.cell}：{f.message}
              </Caption1>
              <Button size="small" disabled={props.disabled} onClick={() => props.onRestore(f)} data-testid="restore">
                恢复
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Caption1 className={styles.muted}>忽略的问题记录在工作簿中，同事打开时看到的也一样；单元格内容改变后会重新列出。</Caption1>
    </section>
  );
}
