/** Task pane shell: theme, header (name, version, 帮助), tabs (校验 / 插入模板). */
import * as React from 'react';
import { Caption1, FluentProvider, Link, Spinner, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import type { OfficeEnv } from '../adapters/office/workbook';
import { CheckPanel, type CheckPanelHandle } from './CheckPanel';
import { type OfficeThemeColors, themeFor } from './theme';

// Loaded on first use, so it is not part of the first load.
const TemplatePanel = React.lazy(() => import('./templates/TemplatePanel'));

const useStyles = makeStyles({
  root: { minHeight: '100vh', padding: '8px 12px', boxSizing: 'border-box' },
  header: { display: 'flex', alignItems: 'baseline', columnGap: '8px', flexWrap: 'wrap' },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  grow: { flexGrow: 1 },
});

declare const __JXMB_VERSION__: string | undefined;
/** The version of this build (webpack's DefinePlugin; "dev" where the pane is not built by webpack). */
export const VERSION = typeof __JXMB_VERSION__ === 'string' ? __JXMB_VERSION__ : 'dev';

type TabId = 'check' | 'templates';

export function App({ env, theme }: { env: OfficeEnv; theme?: OfficeThemeColors }): React.ReactElement {
  const styles = useStyles();
  const [tab, setTab] = React.useState<TabId>('check');
  const check = React.useRef<CheckPanelHandle>(null);
  return (
    <FluentProvider theme={themeFor(theme)} className={styles.root} lang="zh-CN">
      <header className={styles.header}>
        <span className={styles.name}>绩效目标表助手</span>
        <Caption1 className={styles.muted} data-testid="version">
          {VERSION}
        </Caption1>
        <span className={styles.grow} />
        {/* the user guide, served by the add-in's own origin (help.html, built from docs/addin.md) */}
        <Link href="help.html" target="_blank" rel="noopener" data-testid="help">
          帮助
        </Link>
      </header>
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
