/**
 * "插入模板" tab: pick a project type, preview the rows, insert them into the table at the cursor,
 * then see only the values left to fill. Also creates whole blank tables (layout A/B/D).
 * State and actions: useTemplatePanel; the parts: TypePicker, Preview, StatusBar, SlotList, IndicatorSearch, BlankTableForm.
 */
import * as React from 'react';
import { Button, Caption1, Divider, Spinner, Subtitle2 } from '@fluentui/react-components';
import { INSERT_NEEDS_MERGES } from '../../adapters/office/templates';
import { BlankTableForm } from './BlankTableForm';
import { IndicatorSearch } from './IndicatorSearch';
import { Preview } from './Preview';
import { SlotList } from './SlotList';
import { StatusBar } from './StatusBar';
import { Suggestions, TypePicker } from './TypePicker';
import { useStyles } from './styles';
import { useTemplatePanel } from './useTemplatePanel';

export interface TemplatePanelProps {
  onInserted?: () => void;
}

export function TemplatePanel({ onInserted }: TemplatePanelProps): React.ReactElement {
  const styles = useStyles();
  const p = useTemplatePanel(onInserted);
  const { busy, caps, block } = p;
  return (
    <div className={styles.root} aria-busy={busy}>
      <Subtitle2 as="h2">插入标准指标</Subtitle2>
      <div className={styles.row}>
        <Button size="small" onClick={p.doSuggest} disabled={busy}>
          按当前表推荐类型
        </Button>
        <Caption1 className={styles.muted}>先点击表内任意单元格；按项目名称、绩效目标和已有指标推荐，由您选择。</Caption1>
      </div>
      <Suggestions p={p} />
      <TypePicker p={p} />

      <Preview p={p} />
      <Caption1 className={styles.muted}>
        标为“待填写”的指标值会留空，插入后校验会把它们列为“指标值缺失”，请逐个填写。已存在的同名指标不会重复插入，原有单元格不会被覆盖。
      </Caption1>
      <div className={styles.row}>
        <Button appearance="primary" onClick={p.doInsert} disabled={busy || !block || !caps.merges}>
          插入
        </Button>
        <Button onClick={p.doPreview} disabled={busy || !block || !caps.merges}>
          按当前表预览
        </Button>
        {busy ? <Spinner size="tiny" label="处理中…" /> : null}
      </div>
      {!caps.merges && (
        <Caption1 className={styles.muted} data-testid="insert-unavailable">
          {INSERT_NEEDS_MERGES}
        </Caption1>
      )}

      <StatusBar status={p.status} />
      <SlotList after={p.after} busy={busy} onSelect={p.doSelect} onRecheck={p.doRecheck} />

      <Divider />
      <IndicatorSearch p={p} />

      <Divider />
      <BlankTableForm p={p} />
    </div>
  );
}

export default TemplatePanel;
