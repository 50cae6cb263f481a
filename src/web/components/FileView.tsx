/** One file on the checker page: its state, the tables found, the findings (the task pane's list) and a preview. */
import * as React from 'react';
import { Badge, Body1Strong, Button, Caption1, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { CheckResult, Finding, Severity, TableSummary } from '../../core/findings';
import { LAYOUT_LABEL } from '../../core/layouts';
import { FindingsList } from '../../taskpane/components/FindingsList';
import { SeverityFilter } from '../../taskpane/components/SeverityFilter';
import { Summary } from '../../taskpane/components/Summary';
import { onlyShown, tableTitle, toggleOnly } from '../../taskpane/components/review';
import type { CellWindow } from '../protocol';
import type { FileEntry } from '../session';
import { SheetPreview } from './SheetPreview';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '10px',
    padding: '12px 14px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: 'flex', alignItems: 'center', columnGap: '8px', flexWrap: 'wrap', rowGap: '6px' },
  name: { overflowWrap: 'anywhere', flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground3 },
  tables: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', rowGap: '2px' },
  body: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    columnGap: '16px',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  sticky: { position: 'sticky', top: '8px', alignSelf: 'start' },
});

const STATUS: Record<FileEntry['status'], string> = {
  queued: '等待检查',
  read: '正在读取…',
  check: '正在校验…',
  done: '',
  failed: '无法检查',
  cancelled: '已取消',
};

function sizeText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Findings shown at first (and added per click): a workbook with 1,000 tables has thousands. */
const FINDINGS_PAGE = 200;
/** Tables listed without a click. */
const TABLES_OPEN = 6;

function TableList({ result }: { result: CheckResult }): React.ReactElement {
  const styles = useStyles();
  const [open, setOpen] = React.useState(result.tables.length <= TABLES_OPEN);
  const counts = React.useMemo(() => {
    const m = new Map<string, Record<Severity, number>>();
    for (const f of result.findings) {
      const n = m.get(f.tableId) ?? { error: 0, warning: 0, info: 0 };
      n[f.severity]++;
      m.set(f.tableId, n);
    }
    return m;
  }, [result]);
  return (
    <div>
      <Button size="small" appearance="transparent" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="toggle-tables">
        {open ? '收起' : '展开'}找到的绩效目标表（{result.tables.length} 张）
      </Button>
      {open && (
        <ol className={styles.tables} aria-label="找到的绩效目标表">
          {result.tables.map((t) => (
            <TableItem key={t.id} t={t} n={counts.get(t.id) ?? { error: 0, warning: 0, info: 0 }} />
          ))}
        </ol>
      )}
    </div>
  );
}

function TableItem({ t, n }: { t: TableSummary; n: Record<Severity, number> }): React.ReactElement {
  const styles = useStyles();
  const counts = n.error + n.warning + n.info ? `错误 ${n.error}，警告 ${n.warning}，提示 ${n.info}` : '未发现问题';
  return (
    <li data-testid="table">
      <span>{tableTitle(t)}</span>
      <Caption1 className={styles.muted}>
        {' '}
        · {t.sheet} · {t.range} · {LAYOUT_LABEL[t.layout]} · {counts}
      </Caption1>
    </li>
  );
}

export interface FileViewProps {
  entry: FileEntry;
  onRemove: () => void;
  onDownloadCopy: () => void;
  /** The cells around a finding (asked of the worker). */
  loadWindow: (f: Finding) => Promise<CellWindow | null>;
}

export function FileView({ entry, onRemove, onDownloadCopy, loadWindow }: FileViewProps): React.ReactElement {
  const styles = useStyles();
  const [shown, setShown] = React.useState<Set<Severity>>(() => new Set<Severity>(['error', 'warning', 'info']));
  const [preview, setPreview] = React.useState<{ finding: Finding; window: CellWindow | null; loading: boolean } | null>(null);
  const result = entry.result;
  React.useEffect(() => setPreview(null), [result]);

  const select = (f: Finding) => {
    setPreview({ finding: f, window: null, loading: true });
    void loadWindow(f).then(
      (w) => setPreview((p) => (p && p.finding === f ? { finding: f, window: w, loading: false } : p)),
      () => setPreview((p) => (p && p.finding === f ? { finding: f, window: null, loading: false } : p)),
    );
  };

  const busy = entry.status === 'queued' || entry.status === 'read' || entry.status === 'check';
  const counts = result ? { error: result.summary.errors, warning: result.summary.warnings, info: result.summary.infos } : null;
  return (
    <section className={styles.card} aria-label={entry.name} data-testid="file" data-file={entry.name}>
      <div className={styles.head}>
        <Body1Strong className={styles.name}>{entry.name}</Body1Strong>
        <Caption1 className={styles.muted}>{sizeText(entry.size)}</Caption1>
        {busy && <Spinner size="extra-tiny" label={STATUS[entry.status]} />}
        {entry.status === 'failed' && <Badge color="danger">无法检查</Badge>}
        {entry.status === 'cancelled' && <Badge color="informative">已取消</Badge>}
        {entry.status === 'done' && entry.format === 'xlsx' && (
          <Button size="small" onClick={onDownloadCopy} data-testid="download-copy">
            下载标注副本
          </Button>
        )}
        <Button size="small" appearance="subtle" onClick={onRemove} aria-label={`移除 ${entry.name}`}>
          移除
        </Button>
      </div>
      {entry.status === 'failed' && (
        <MessageBar intent="error" data-testid="file-error">
          <MessageBarBody>{entry.error}</MessageBarBody>
        </MessageBar>
      )}
      {result && entry.format === 'xls' && (
        <Caption1 className={styles.muted} data-testid="xls-note">
          这是 .xls 等旧格式文件，无法直接生成标注副本；如需标注副本，请在 Excel 或 WPS 中另存为 .xlsx 后再检查。
        </Caption1>
      )}
      {result && result.tables.length === 0 && (
        <Caption1 data-testid="no-tables">
          未找到绩效目标表：本工具查找含“项目名称/部门名称”及“一级指标/二级指标/三级指标/指标值”表头的表格。
          {result.sheetsWithoutTables.length > 0 && `（已查看的工作表：${result.sheetsWithoutTables.join('、')}）`}
        </Caption1>
      )}
      {result && result.tables.length > 0 && counts && (
        <>
          <Summary result={result} only={onlyShown(shown)} onOnly={(s) => setShown(toggleOnly(shown, s))} />
          <TableList result={result} />
          {result.findings.length > 0 && (
            <div className={styles.body}>
              <div>
                <SeverityFilter shown={shown} counts={counts} onChange={setShown} />
                <FindingsList result={result} shown={shown} onSelect={select} pageSize={FINDINGS_PAGE} />
              </div>
              <div className={styles.sticky} aria-live="polite">
                {preview ? (
                  preview.window ? (
                    <SheetPreview window={preview.window} finding={preview.finding} />
                  ) : preview.loading ? (
                    <Spinner size="tiny" label="正在显示单元格…" />
                  ) : (
                    <Caption1>无法显示该单元格附近的内容。</Caption1>
                  )
                ) : (
                  <Caption1 className={styles.muted}>点击左侧的问题，在这里查看该单元格在表中的位置。</Caption1>
                )}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
