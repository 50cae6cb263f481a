/** The checker page: pick or drop workbooks, see each one's tables and findings, download copies and the summary. */
import * as React from 'react';
import {
  Button,
  Caption1,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Title3,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import type { Finding } from '../core/findings';
import { parseA1 } from '../core/grid';
import { annotatedName } from '../report/names';
import type { CheckerClient } from './client';
import { DropZone } from './components/DropZone';
import { FileView } from './components/FileView';
import { Toolbar } from './components/Toolbar';
import type { CellWindow } from './protocol';
import type { FileEntry, Session, SessionState } from './session';

const useStyles = makeStyles({
  page: { minHeight: '100vh', boxSizing: 'border-box', padding: '16px 20px 40px', backgroundColor: tokens.colorNeutralBackground2 },
  main: { maxWidth: '1200px', margin: '0 auto', display: 'flex', flexDirection: 'column', rowGap: '14px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const PREVIEW_ROWS = 11;
const PREVIEW_MAX_COLS = 10;

/** Saves bytes as a download (a blob: address made by this page; nothing is sent anywhere). */
export function download(bytes: Uint8Array, name: string): void {
  const blob = new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The columns of the finding's table (at most PREVIEW_MAX_COLS around the cell) and rows around it. */
function previewArea(entry: FileEntry, f: Finding): { top: number; left: number; rows: number; cols: number } {
  const t = entry.result?.tables.find((x) => x.id === f.tableId);
  let left = Math.max(0, f.col - 3);
  let cols = 7;
  if (t) {
    const [a, b] = t.range.split(':').map(parseA1);
    if (a && b) {
      left = a.col;
      cols = b.col - a.col + 1;
      if (cols > PREVIEW_MAX_COLS) {
        left = Math.max(a.col, Math.min(f.col - Math.floor(PREVIEW_MAX_COLS / 2), b.col - PREVIEW_MAX_COLS + 1));
        cols = PREVIEW_MAX_COLS;
      }
    }
  }
  return { top: Math.max(0, f.row - Math.floor(PREVIEW_ROWS / 2)), left, rows: PREVIEW_ROWS, cols };
}

function useDarkScheme(): boolean {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = React.useState(query?.matches ?? false);
  React.useEffect(() => {
    if (!query) return;
    const on = () => setDark(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return dark;
}

/** A file dropped beside the zone would make the browser open it in this tab, and the results would be lost. */
function useWindowDropGuard(): void {
  React.useEffect(() => {
    const stop = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);
}

/** The downloads (annotated copy, summary) and the cell windows of the preview; `notice` says what failed. */
function useFileActions(session: Session, client: CheckerClient, state: SessionState) {
  const [notice, setNotice] = React.useState<string | null>(null);

  const downloadCopy = async (entry: FileEntry) => {
    const src = session.source(entry.id);
    if (!src) return;
    setNotice(null);
    const r = await client.annotate(src, session.config()).catch((e: Error) => ({ error: e.message }));
    if ('bytes' in r) download(r.bytes, annotatedName(entry.name));
    else setNotice(`无法生成“${entry.name}”的标注副本：${r.error}`);
  };

  const downloadSummary = async () => {
    setNotice(null);
    const files = state.files
      .filter((f) => f.status === 'done' || f.status === 'failed')
      .map((f) => ({
        name: f.name,
        result: f.result,
        error: f.error,
        copyName: f.status === 'done' && f.format === 'xlsx' ? annotatedName(f.name) : null,
      }));
    const r = await client.summary(files).catch((e: Error) => ({ error: e.message }));
    if ('bytes' in r) download(r.bytes, '绩效目标表校验汇总.xlsx');
    else setNotice(r.error);
  };

  const loadWindow =
    (entry: FileEntry) =>
    (f: Finding): Promise<CellWindow | null> => {
      const src = session.source(entry.id);
      if (!src) return Promise.resolve(null);
      const a = previewArea(entry, f);
      return client.window(src, session.config(), f.sheet, a.top, a.left, a.rows, a.cols);
    };

  return { notice, setNotice, downloadCopy, downloadSummary, loadWindow };
}

export function WebApp({ session, client, version }: { session: Session; client: CheckerClient; version: string }): React.ReactElement {
  const styles = useStyles();
  const state = React.useSyncExternalStore(session.subscribe, session.getState);
  const dark = useDarkScheme();
  useWindowDropGuard();
  const { notice, setNotice, downloadCopy, downloadSummary, loadWindow } = useFileActions(session, client, state);

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} lang="zh-CN">
      <div className={styles.page}>
        <main className={styles.main}>
          <header>
            <Title3 as="h1" style={{ margin: 0 }}>
              绩效目标表助手 · 网页版
            </Title3>
            <Caption1 block className={styles.muted}>
              版本 {version} · 检查绩效目标表中未填写的指标值、不相符的金额、资金支出计划等问题；无需安装，WPS 用户也可使用。
            </Caption1>
          </header>
          <DropZone onFiles={(files) => session.add(files)} />
          <Toolbar session={session} state={state} onSummary={() => void downloadSummary()} />
          {state.progress && (
            <Field validationMessage={state.progress.message} validationState="none" aria-live="polite">
              <ProgressBar value={state.progress.fraction} max={1} data-testid="progress" />
            </Field>
          )}
          {notice && (
            <MessageBar intent="warning" data-testid="notice">
              <MessageBarBody>{notice}</MessageBarBody>
              <Button size="small" appearance="transparent" onClick={() => setNotice(null)} aria-label="关闭提示">
                ×
              </Button>
            </MessageBar>
          )}
          {state.files.length === 0 && (
            <Caption1 className={styles.muted}>
              可以一次选择多个文件。检查规则与 Excel 加载项、命令行版本完全相同；结果只显示在本页面中，可下载带标注的副本和汇总表。
            </Caption1>
          )}
          {state.files.map((f) => (
            <FileView
              key={f.id}
              entry={f}
              onRemove={() => session.remove(f.id)}
              onDownloadCopy={() => void downloadCopy(f)}
              loadWindow={loadWindow(f)}
            />
          ))}
        </main>
      </div>
    </FluentProvider>
  );
}
