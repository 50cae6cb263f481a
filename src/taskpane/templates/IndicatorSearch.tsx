/** 按指标名称搜索: indicators of every block whose name matches, each insertable on its own. */
import * as React from 'react';
import { Button, Caption1, Field, Input, Text } from '@fluentui/react-components';
import { searchIndicators } from '../../core/templates/library';
import { useStyles } from './styles';
import type { TemplatePanelState } from './useTemplatePanel';

export function IndicatorSearch({ p }: { p: TemplatePanelState }): React.ReactElement {
  const styles = useStyles();
  const { query, profile, busy } = p;
  const hits = query.trim() ? searchIndicators(query, profile === 'auto' ? undefined : profile) : [];
  return (
    <>
      <Field label="按指标名称搜索">
        <Input value={query} onChange={(_, d) => p.setQuery(d.value)} placeholder="例如：满意度、合格率" />
      </Field>
      {hits.length > 0 ? (
        <ul aria-label="搜索结果">
          {hits.slice(0, 30).map((h) => (
            <li key={`${h.block.id}/${h.indicator.name}`}>
              <Text>
                {h.indicator.name}（{h.block.type}）
              </Text>{' '}
              <Button size="small" onClick={() => p.doInsertOne(h.block.id, h.indicator.name)} disabled={busy || !p.caps.merges}>
                插入此指标
              </Button>
            </li>
          ))}
        </ul>
      ) : query.trim() ? (
        <Caption1 className={styles.muted}>没有找到包含“{query.trim()}”的指标。</Caption1>
      ) : null}
    </>
  );
}
