/** After an insertion: the values left to fill, each a button that selects its cell, and 重新读取. */
import * as React from 'react';
import { Button, Caption1, Text } from '@fluentui/react-components';
import type { Finding } from '../../core/findings';
import { useStyles } from './styles';
import type { AfterInsert } from './useTemplatePanel';

export interface SlotListProps {
  after: AfterInsert | null;
  busy: boolean;
  onSelect: (f: Finding) => void;
  onRecheck: () => void;
}

export function SlotList({ after, busy, onSelect, onRecheck }: SlotListProps): React.ReactElement | null {
  const styles = useStyles();
  if (!after) return null;
  return (
    <section aria-label="待填写的指标值">
      <Text weight="semibold">待填写的指标值{after.slots ? `（${after.slots.length}）` : ''}</Text>
      {after.slots === null ? (
        <Caption1 className={styles.muted}>未能读取，请点击“重新读取”。</Caption1>
      ) : after.slots.length === 0 ? (
        <Caption1 className={styles.muted}>没有待填写的指标值。</Caption1>
      ) : (
        <ul>
          {after.slots.map((f) => (
            <li key={`${f.sheet}!${f.cell}`}>
              <Button appearance="transparent" size="small" onClick={() => onSelect(f)}>
                {f.cell}
              </Button>
              <Caption1>{f.message}</Caption1>
            </li>
          ))}
        </ul>
      )}
      <Button size="small" onClick={onRecheck} disabled={busy}>
        重新读取
      </Button>
    </section>
  );
}
