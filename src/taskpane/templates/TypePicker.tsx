/** Suggested project types for the table at the cursor, the project type and the 指标体系 pickers. */
import * as React from 'react';
import { Button, Caption1, Field, Select, Text } from '@fluentui/react-components';
import { getLibrary } from '../../core/templates/library';
import type { ProfileChoice } from '../../adapters/office/templates';
import { useStyles } from './styles';
import type { TemplatePanelState } from './useTemplatePanel';

function profileLabel(p: ProfileChoice): string {
  if (p === 'auto') return '自动（按表中已有指标判断）';
  return getLibrary().profiles[p].label;
}

export function Suggestions({ p }: { p: TemplatePanelState }): React.ReactElement | null {
  const styles = useStyles();
  const { suggested, blockId, busy } = p;
  if (!suggested) return null;
  return (
    <section aria-label="推荐的项目类型">
      <Text weight="semibold">为「{suggested.tableName || '未命名表'}」推荐</Text>
      <ul className={styles.list}>
        {suggested.suggestions
          .filter((x, k) => x.score > 0 || k === suggested.suggestions.length - 1)
          .slice(0, 4)
          .map((x) => (
            <li key={x.blockId}>
              <Text weight={x.blockId === blockId ? 'semibold' : 'regular'}>{x.type}</Text>{' '}
              <Button
                size="small"
                appearance="transparent"
                onClick={() => p.chooseBlock(x.blockId)}
                disabled={busy || x.blockId === blockId}
              >
                {x.blockId === blockId ? '已选用' : '选用'}
              </Button>
              <br />
              <Caption1 className={styles.muted}>{x.reasons.join('；')}</Caption1>
              {x.present.length > 0 ? (
                <>
                  <br />
                  <Caption1 className={styles.muted}>表中已有：{x.present.join('、')}（不会重复插入）</Caption1>
                </>
              ) : null}
            </li>
          ))}
      </ul>
    </section>
  );
}

export function TypePicker({ p }: { p: TemplatePanelState }): React.ReactElement {
  const styles = useStyles();
  const { block, blocks, blockId } = p;
  const top = p.suggested?.suggestions.find((x) => x.score > 0) ?? null;
  const tableSources = block ? block.sources.filter((x) => x.table).length : 0;
  const pageSources = block ? block.sources.filter((x) => x.url).length : 0;
  return (
    <>
      <Field label="项目类型">
        <Select value={blockId} onChange={(_, d) => p.chooseBlock(d.value)}>
          {blocks.map((b) => (
            <option key={b.id} value={b.id}>
              {b.type}
              {top && top.blockId === b.id ? '（推荐）' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {block?.description ? <Caption1 className={styles.muted}>{block.description}</Caption1> : null}
      {block?.notes ? (
        <Caption1 className={styles.muted} data-testid="block-notes">
          {block.notes}（依据：{tableSources} 张真实表{pageSources ? `、${pageSources} 个公开页面` : ''}）
        </Caption1>
      ) : null}
      <Field label="指标体系">
        <Select value={p.profile} onChange={(_, d) => p.setProfile(d.value as ProfileChoice)}>
          {(['auto', 'LOCAL', 'C2021'] as ProfileChoice[]).map((x) => (
            <option key={x} value={x}>
              {profileLabel(x)}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
