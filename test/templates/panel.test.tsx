/** The 插入模板 tab renders (server-side, no DOM) with the picker, the preview and the buttons. */
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { TemplatePanel } from '../../src/taskpane/templates/TemplatePanel';
import { StatusBar } from '../../src/taskpane/templates/StatusBar';
import { listBlocks } from '../../src/core/templates/library';
import { createHost } from '../office-host';
import { newWorkbook } from '../office-host/model';

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
    ...[
      '插入',
      '按当前表预览',
      '新建空白表',
      '按指标名称搜索',
      '培训合格率',
      '≥95%',
      '待填写（≥□期）',
      '指标值缺失',
      '新工作表',
      '当前选中的单元格',
    ],
    // suggestions for the table at the cursor; the block's grounding; examples and budget-based values
    ...['按当前表推荐类型', 'data-testid="block-notes"', '张真实表', '例 ≥3期', '按本表年度资金总额填写'],
    '<table',
    'aria-label="将插入的指标"',
    'role="radiogroup"',
  ];
  expect(wanted.map(missing).filter(Boolean)).toEqual([]);
});

// "disable what is unavailable before the click": without ExcelApi 1.13 the insertion buttons are
// off and the pane says why; before ExcelApi 1.20 it says that the undo history is cleared
test.each([
  ['1.8', false],
  ['1.13', true],
  ['1.20', true],
])('on ExcelApi %s the insertion is offered: %s', (version, offered) => {
  const host = createHost(newWorkbook(['Sheet1']), { apiVersion: version });
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = g.Office;
  g.Office = host.Office;
  try {
    const html = renderToString(
      <FluentProvider theme={webLightTheme}>
        <TemplatePanel onInserted={() => undefined} />
      </FluentProvider>,
    ).replace(/<!-- -->/g, '');
    expect(html.includes('data-testid="insert-unavailable"')).toBe(!offered);
    expect(html.includes('data-testid="blank-selection-unavailable"')).toBe(!offered);
    expect(html).toContain(
      version === '1.20' ? '插入到新工作表时，Excel 的撤销记录会被清空' : '会清空 Excel 的撤销记录（之后无法用 Ctrl+Z',
    );
  } finally {
    g.Office = saved;
  }
});

// Excel's codes only behind 详细信息: the main text says the cause, the closed disclosure holds the code
test('the status bar keeps Excel error codes behind a closed 详细信息 disclosure', () => {
  const html = renderToString(
    <FluentProvider theme={webLightTheme}>
      <StatusBar
        status={{
          intent: 'error',
          text: '读取工作表时 Excel 出错，没有做任何修改。请重试。',
          detail: 'GeneralException: An internal error has occurred.',
        }}
      />
    </FluentProvider>,
  ).replace(/<!-- -->/g, '');
  const details = /<details>([\s\S]*)<\/details>/.exec(html)?.[1] ?? '';
  expect(details).toContain('<summary>');
  expect(details).toContain('详细信息');
  expect(details).toContain('GeneralException: An internal error has occurred.');
  expect(html).not.toContain('<details open');
  expect(html.replace(/<details>[\s\S]*<\/details>/, '')).not.toContain('GeneralException');
  expect(html).toContain('读取工作表时 Excel 出错，没有做任何修改。请重试。');
  // without a detail there is no disclosure
  const plain = renderToString(
    <FluentProvider theme={webLightTheme}>
      <StatusBar status={{ intent: 'success', text: '已插入 3 行指标。' }} />
    </FluentProvider>,
  );
  expect(plain).not.toContain('<details');
});
