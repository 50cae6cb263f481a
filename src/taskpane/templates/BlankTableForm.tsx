/** 新建空白表: the layout, where it goes, and the button. */
import * as React from 'react';
import { Button, Caption1, Field, Radio, RadioGroup, Subtitle2 } from '@fluentui/react-components';
import { BLANK_LAYOUTS, type BlankLayout, LAYOUT_LABEL } from '../../core/templates/blank';
import { undoNotes } from '../../adapters/office/capabilities';
import { BLANK_AT_SELECTION_NEEDS_MERGES } from '../../adapters/office/templates';
import { useStyles } from './styles';
import type { TemplatePanelState } from './useTemplatePanel';

export function BlankTableForm({ p }: { p: TemplatePanelState }): React.ReactElement {
  const styles = useStyles();
  const { caps } = p;
  return (
    <>
      <Subtitle2 as="h2">新建空白表</Subtitle2>
      <Field label="表样">
        <RadioGroup value={p.layout} onChange={(_, d) => p.setLayout(d.value as BlankLayout)}>
          {BLANK_LAYOUTS.map((l) => (
            <Radio key={l} value={l} label={LAYOUT_LABEL[l]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="位置">
        <RadioGroup value={p.where} onChange={(_, d) => p.setWhere(d.value as 'new-sheet' | 'selection')} layout="horizontal">
          <Radio value="new-sheet" label="新工作表" />
          <Radio value="selection" label="当前选中的单元格" disabled={!caps.merges} />
        </RadioGroup>
      </Field>
      {!caps.merges && (
        <Caption1 className={styles.muted} data-testid="blank-selection-unavailable">
          {BLANK_AT_SELECTION_NEEDS_MERGES}
        </Caption1>
      )}
      <Caption1 className={styles.muted} data-testid="templates-undo-note">
        {undoNotes(caps).templates}
      </Caption1>
      <Caption1 className={styles.muted}>空白表会预填上面所选项目类型的指标；目标区域不是空的时不会写入。</Caption1>
      <div className={styles.row}>
        <Button onClick={p.doBlank} disabled={p.busy}>
          新建空白表
        </Button>
      </div>
    </>
  );
}
