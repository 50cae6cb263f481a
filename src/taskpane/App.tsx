/** Task pane shell: theme, tabs (校验 / 插入模板). */
import * as React from 'react';
import { FluentProvider, Spinner, Tab, TabList, makeStyles } from '@fluentui/react-components';
import type { OfficeEnv } from '../adapters/office/workbook';
import { CheckPanel, type CheckPanelHandle } from './CheckPanel';
import { type OfficeThemeColors, themeFor } from './theme';

// Loaded on first use, so it is not part of the first load.
const TemplatePanel = React.lazy(() => import('./templates/TemplatePanel'));

const useStyles = makeStyles({
  root: { minHeight: '100vh', padding: '8px 12px', boxSizing: 'border-box' },
});

type TabId = 'check' | 'templates';

export function App({ env, theme }: { env: OfficeEnv; theme?: OfficeThemeColors }): React.ReactElement {
  const styles = useStyles();
  const [tab, setTab] = React.useState<TabId>('check');
  const check = React.useRef<CheckPanelHandle>(null);
  return (
    <FluentProvider theme={themeFor(theme)} className={styles.root} lang="zh-CN">
      <TabList selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as TabId)} aria-label="功能">
        <Tab value="check" data-testid="tab-check">
          校验
        </Tab>
        <Tab value="templates" data-testid="tab-templates">
          插入模板
        </Tab>
      </TabList>
      <div hidden={tab !== 'check'}>
        <CheckPanel ref={check} env={env} onTemplates={() => setTab('templates')} />
      </div>
      {tab === 'templates' && (
        <React.Suspense fallback={<Spinner size="small" label="正在加载…" />}>
          <TemplatePanel onInserted={() => check.current?.markStale()} />
        </React.Suspense>
      )}
    </FluentProvider>
  );
}
