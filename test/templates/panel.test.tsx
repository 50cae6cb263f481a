/** The 插入模板 tab renders (server-side, no DOM) with the picker, the preview and the buttons. */
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { TemplatePanel } from '../../src/taskpane/templates/TemplatePanel';
import { listBlocks } from '../../src/core/templates/library';

test('TemplatePanel renders the project types, a preview with slots, and the actions', () => {
  const raw = renderToString(
    <FluentProvider theme={webLightTheme}>
      <TemplatePanel onInserted={() => undefined} />
    </FluentProvider>,
  );
  const html = raw.replace(/<!-- -->/g, '');
  const missing = (t: string) => (html.includes(t) ? null : t);
  const wanted = [
    ...listBlocks().map((b) => b.type),
    ...['插入', '按当前表预览', '新建空白表', '按指标名称搜索', '培训合格率', '≥95%', '待填写（≥□次）', '指标值缺失', '新工作表', '当前选中的单元格'],
    '<table',
    'aria-label="将插入的指标"',
    'role="radiogroup"',
  ];
  expect(wanted.map(missing).filter(Boolean)).toEqual([]);
});
