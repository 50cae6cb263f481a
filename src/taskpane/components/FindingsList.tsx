/**
 * The findings to review (task pane and checker page): worst first across the workbook, or table by table;
 * 上一个/下一个 step through them and select each one's cell; the list is one Tab stop (arrow keys, Home and End
 * move within it, Enter or a click selects).
 */
import * as React from 'react';
import { Badge, Button, Caption1, Subtitle2, ToggleButton, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { CheckResult, Finding, Severity } from '../../core/findings';
import { type Grouping, type ReviewGroup, findingKey, reviewGroups, reviewOrder } from './review';
import { SEVERITY_BADGE, SEVERITY_TEXT } from './severity';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '8px' },
  bar: { display: 'flex', alignItems: 'center', columnGap: '6px', rowGap: '6px', flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  group: { display: 'flex', flexDirection: 'column', rowGap: '2px', marginBottom: '12px' },
  header: { display: 'flex', flexDirection: 'column', paddingBottom: '4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    columnGap: '8px',
    alignItems: 'start',
    width: '100%',
    padding: '6px 4px',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    background: 'transparent',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorBrandForeground1, whiteSpace: 'nowrap' },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** The first `limit` findings of the groups, in order (groups cut or left out past it; empty groups kept in place). */
function firstFindings(groups: ReviewGroup[], limit: number): ReviewGroup[] {
  const out: ReviewGroup[] = [];
  let left = limit;
  for (const g of groups) {
    if (left <= 0) break;
    out.push(g.findings.length <= left ? g : { ...g, findings: g.findings.slice(0, left) });
    left -= g.findings.length;
  }
  return out;
}

export interface FindingsListProps {
  result: CheckResult;
  shown: Set<Severity>;
  onSelect: (f: Finding) => void;
  /** Render this many findings at first and as many more per click (a workbook may have thousands). */
  pageSize?: number;
  /** How the list starts: worst first across the workbook (default) or table by table. */
  grouping?: Grouping;
  /** 忽略此条 for the active finding (the task pane; absent on the checker page). */
  onIgnore?: (f: Finding) => void;
  /** Actions are unavailable (the pane is busy). */
  disabled?: boolean;
  /** 修正 for the active finding when it has one safe correction (the task pane; absent on the checker page). */
  onFix?: (f: Finding) => void;
  /** The finding of the cell the user selected in the sheet: made the active item and scrolled into view. */
  picked?: { finding: Finding; seq: number } | null;
}

export function FindingsList(props: FindingsListProps): React.ReactElement {
  const styles = useStyles();
  const [grouping, setGrouping] = React.useState<Grouping>(props.grouping ?? 'severity');
  const [active, setActive] = React.useState<string | null>(null);
  const [limit, setLimit] = React.useState(props.pageSize ?? Infinity);
  const listRef = React.useRef<HTMLDivElement>(null);
  const all = React.useMemo(() => reviewGroups(props.result, props.shown, grouping), [props.result, props.shown, grouping]);
  const order = React.useMemo(() => reviewOrder(all), [all]);
  const total = order.length;
  const groups = total > limit ? firstFindings(all, limit) : all;
  const rendered = Math.min(total, limit);
  const position = active === null ? -1 : order.findIndex((f) => findingKey(f) === active);
  const counts = React.useMemo(() => new Map(all.map((g) => [g.id, g.findings.length])), [all]);
  // the one item of the list in the Tab order: the active one, else the first
  const tabKey = position >= 0 && position < rendered ? active : order.length ? findingKey(order[0]) : null;

  // a cell selected in the sheet: its finding becomes the active item (focus stays where it is, in Excel)
  const picked = props.picked;
  React.useEffect(() => {
    if (!picked) return;
    const key = findingKey(picked.finding);
    const i = order.findIndex((f) => findingKey(f) === key);
    if (i < 0) return;
    if (i >= limit) setLimit(i + 1);
    setActive(key);
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.scrollIntoView?.({ block: 'nearest' }),
    );
    // (only a new pick moves the list, not a new order)
  }, [picked]);

  const focusKey = (key: string) => {
    requestAnimationFrame(() => {
      const el = listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
      el?.focus();
      el?.scrollIntoView?.({ block: 'nearest' });
    });
  };
  const go = (i: number, select: boolean) => {
    if (i < 0 || i >= total) return;
    if (i >= limit) setLimit(Math.max(limit + (props.pageSize ?? total), i + 1));
    const f = order[i];
    const key = findingKey(f);
    setActive(key);
    focusKey(key);
    if (select) props.onSelect(f);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = position >= 0 ? position : 0;
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? rendered - 1 : null;
    if (to === null) return;
    e.preventDefault();
    go(Math.max(0, Math.min(rendered - 1, to)), false);
  };

  return (
    <div className={styles.root}>
      <div className={styles.bar} role="toolbar" aria-label="逐条查看">
        <Button
          size="small"
          disabled={total === 0 || position === 0}
          onClick={() => go(position < 0 ? 0 : position - 1, true)}
          data-testid="prev"
        >
          上一个
        </Button>
        <Button size="small" disabled={total === 0 || position === total - 1} onClick={() => go(position + 1, true)} data-testid="next">
          下一个
        </Button>
        <Caption1 className={styles.muted} aria-live="polite" data-testid="position">
          {position >= 0 ? `第 ${position + 1} / ${total} 个` : `共 ${total} 个`}
        </Caption1>
        {props.onIgnore && (
          <Button
            size="small"
            appearance="subtle"
            disabled={props.disabled || position < 0}
            onClick={() => position >= 0 && props.onIgnore!(order[position])}
            title="忽略所选的这条问题：不再列出、不再标色，记录在工作簿中，可随时恢复"
            data-testid="ignore"
          >
            忽略此条
          </Button>
        )}
        {props.onFix && position >= 0 && order[position].fix && (
          <Button
            size="small"
            appearance="subtle"
            disabled={props.disabled}
            onClick={() => props.onFix!(order[position])}
            title="把单元格改为建议的写法（可撤销）"
            data-testid="fix"
          >
            修正
          </Button>
        )}
        <span className={styles.grow} />
        <ToggleButton
          size="small"
          checked={grouping === 'table'}
          onClick={() => setGrouping(grouping === 'table' ? 'severity' : 'table')}
          data-testid="group-by-table"
        >
          按表格分组
        </ToggleButton>
      </div>
      {props.onFix && position >= 0 && order[position].fix && (
        <Caption1 className={styles.muted} data-testid="fix-preview">
          修正建议：{order[position].sheet}!{order[position].cell} 「{String(order[position].fix!.before)}」→「{order[position].fix!.after}
          」
        </Caption1>
      )}
      <div data-testid="findings" ref={listRef} onKeyDown={onKeyDown}>
        {groups.length === 0 && (
          <Caption1 className={styles.muted}>{props.result.findings.length ? '没有符合筛选条件的问题。' : '未发现问题。'}</Caption1>
        )}
        {groups.map((g) => (
          <section key={g.id} className={styles.group} aria-label={g.title}>
            <div className={styles.header}>
              <Subtitle2 as="h3" style={{ margin: 0 }}>
                {g.title}
              </Subtitle2>
              {g.tableId !== undefined && (
                <Caption1 className={styles.muted} data-testid="group-caption">
                  {g.caption} · {counts.get(g.id) ? `${counts.get(g.id)} 个问题` : '未发现问题'}
                </Caption1>
              )}
            </div>
            <ul className={styles.list}>
              {g.findings.map((f) => {
                const key = findingKey(f);
                return (
                  <li key={key}>
                    <button
                      type="button"
                      className={mergeClasses(styles.item, active === key && styles.active)}
                      tabIndex={key === tabKey ? 0 : -1}
                      aria-current={active === key ? 'true' : undefined}
                      data-testid="finding"
                      data-key={key}
                      data-cell={`${f.sheet}!${f.cell}`}
                      onFocus={() => setActive(key)}
                      onClick={() => {
                        setActive(key);
                        props.onSelect(f);
                      }}
                    >
                      <Badge appearance="tint" color={SEVERITY_BADGE[f.severity]} size="small">
                        {SEVERITY_TEXT[f.severity]}
                      </Badge>
                      <span>
                        {f.message}
                        {g.tableId === undefined && <span className={styles.where}> · {f.table || f.sheet}</span>}
                      </span>
                      <span className={styles.cell}>{f.cell}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
        {total > rendered && (
          <Button size="small" onClick={() => setLimit(limit + (props.pageSize ?? total))} data-testid="more-findings">
            再显示 {Math.min(total - rendered, props.pageSize ?? total)} 个问题（还有 {total - rendered} 个）
          </Button>
        )}
      </div>
    </div>
  );
}
