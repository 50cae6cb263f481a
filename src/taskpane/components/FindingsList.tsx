/**
 * The findings to review (task pane and checker page): worst first across the workbook, or table by table;
 * 上一个/下一个 step through them and select each one's cell; the list is one Tab stop (arrow keys, Home and End
 * move within it, Enter or a click selects).
 */
import * as React from 'react';
import { Button, Caption1, Subtitle2, ToggleButton, mergeClasses } from '@fluentui/react-components';
import { useStyles } from './findings-styles';
import type { CheckResult, Finding, Severity } from '../../core/findings';
import { type Grouping, type ReviewGroup, findingKey, orderKeys, reviewGroups, reviewOrder, reviewRows, windowGroups } from './review';
import { SEVERITY_TEXT } from './severity';
import { PLACEHOLDER_CODE, membersOf, shortList } from '../../core/fold';

/** "11、13、15" (1-based rows), the first eight and 等 with how many. */
function rowNumbers(fs: readonly Finding[]): string {
  const rows = [...new Set(fs.map((f) => f.row + 1))];
  return rows.length > 8 ? `${shortList(rows)} ${rows.length}` : shortList(rows);
}

export interface FindingsListProps {
  result: CheckResult;
  shown: Set<Severity>;
  onSelect: (f: Finding) => void;
  /**
   * Rows rendered at once (findings, and tables without findings): a window that moves with 上一个/下一个, a pick in
   * the sheet and the 显示前面/再显示 buttons, so that the list stays small however many findings there are.
   */
  pageSize?: number;
  /** How the list starts: worst first across the workbook (default) or table by table. */
  grouping?: Grouping;
  /** 忽略此条 for the active finding (the task pane; absent on the checker page). */
  onIgnore?: (f: Finding) => void;
  /** Actions are unavailable (the pane is busy). */
  disabled?: boolean;
  /** 修正 for the active finding when it has one safe correction (the task pane; absent on the checker page). */
  onFix?: (f: Finding) => void;
  /** 删除空白行 for the active placeholder-row item (one row, or a table's folded line of them; the task pane). */
  onDeleteRows?: (f: Finding) => void;
  /** The finding of the cell the user selected in the sheet: made the active item and scrolled into view. */
  picked?: { finding: Finding; seq: number } | null;
}

/**
 * The list's state: grouping, the active finding, the window of rows, and moving among them. A new window or
 * grouping is rendered as a transition (React.startTransition): React renders it in slices and the UI thread stays
 * free for the user's next click (issue #13: no task over 100 ms after the results).
 */
function useReview(props: FindingsListProps) {
  const [grouping, setGrouping] = React.useState<Grouping>(props.grouping ?? 'severity');
  const [active, setActive] = React.useState<string | null>(null);
  const [start, setStart] = React.useState(0);
  const listRef = React.useRef<HTMLDivElement>(null);
  const all = React.useMemo(() => reviewGroups(props.result, props.shown, grouping), [props.result, props.shown, grouping]);
  const order = React.useMemo(() => reviewOrder(all), [all]);
  const rows = React.useMemo(() => reviewRows(all), [all]);
  const size = props.pageSize ?? Infinity;
  const first = Math.min(start, Math.max(0, rows.rows.length - 1));
  const end = Math.min(rows.rows.length, first + size);
  const groups = React.useMemo(() => windowGroups(all, rows, first, end), [all, rows, first, end]);
  const keys = React.useMemo(() => orderKeys(order), [order]);
  const position = active === null ? -1 : (keys.get(active) ?? -1);
  const inWindow = (i: number) => i >= 0 && rows.rowOf[i] >= first && rows.rowOf[i] < end;
  /** Moves the window so that finding `i` is in it (a quarter of the window above it). */
  const reveal = (i: number) => {
    if (!inWindow(i)) setStart(Math.max(0, rows.rowOf[i] - Math.floor(Math.min(size, rows.rows.length) / 4)));
  };
  const find = (key: string, focus: boolean) =>
    requestAnimationFrame(() => {
      const el = listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
      if (focus) el?.focus();
      el?.scrollIntoView?.({ block: 'nearest' });
    });
  const go = (i: number, select: boolean) => {
    if (i < 0 || i >= order.length) return;
    const key = findingKey(order[i]);
    reveal(i);
    setActive(key);
    find(key, true);
    if (select) props.onSelect(order[i]);
  };
  // a cell selected in the sheet: its finding becomes the active item (focus stays where it is, in Excel)
  const picked = props.picked;
  React.useEffect(() => {
    if (!picked) return;
    const i = keys.get(findingKey(picked.finding)) ?? -1;
    if (i < 0) return;
    const key = findingKey(order[i]);
    reveal(i);
    setActive(key);
    find(key, false);
    // (only a new pick moves the list, not a new order)
  }, [picked]);
  // the one item of the list in the Tab order: the active one when rendered, else the first rendered
  const firstShown = groups.find((x) => x.findings.length)?.findings[0];
  const tabKey = position >= 0 && inWindow(position) ? active : firstShown ? findingKey(firstShown) : null;
  return {
    grouping,
    setGrouping,
    active,
    setActive,
    listRef,
    all,
    order,
    groups,
    position,
    first,
    end,
    rows,
    size,
    setStart,
    go,
    tabKey,
  };
}

type Review = ReturnType<typeof useReview>;

interface ActionProps {
  show: boolean;
  disabled?: boolean;
  onClick: () => void;
  title: string;
  testId: string;
  label: string;
}

/** An action on the active finding (忽略此条, 修正, 删除空白行), shown only where it applies. */
function Action(a: ActionProps): React.ReactElement | null {
  if (!a.show) return null;
  return (
    <Button size="small" appearance="subtle" disabled={a.disabled} onClick={a.onClick} title={a.title} data-testid={a.testId}>
      {a.label}
    </Button>
  );
}

function Toolbar({ r, props }: { r: Review; props: FindingsListProps }): React.ReactElement {
  const styles = useStyles();
  const { position, order } = r;
  const total = order.length;
  const current = position >= 0 ? order[position] : null;
  return (
    <div className={styles.bar} role="toolbar" aria-label="逐条查看">
      <Button
        size="small"
        disabled={total === 0 || position === 0}
        onClick={() => r.go(position < 0 ? 0 : position - 1, true)}
        data-testid="prev"
      >
        上一个
      </Button>
      <Button size="small" disabled={total === 0 || position === total - 1} onClick={() => r.go(position + 1, true)} data-testid="next">
        下一个
      </Button>
      <Caption1 className={styles.muted} aria-live="polite" data-testid="position">
        {position >= 0 ? `第 ${position + 1} / ${total} 个` : `共 ${total} 个`}
      </Caption1>
      <Action
        show={!!props.onIgnore}
        disabled={props.disabled || !current}
        onClick={() => current && props.onIgnore!(current)}
        title="忽略所选的这条问题：不再列出、不再标色，记录在工作簿中，可随时恢复"
        testId="ignore"
        label="忽略此条"
      />
      <Action
        show={!!props.onFix && !!current?.fix}
        disabled={props.disabled}
        onClick={() => current && props.onFix!(current)}
        title="把单元格改为建议的写法（可撤销）"
        testId="fix"
        label="修正"
      />
      <Action
        show={!!props.onDeleteRows && current?.code === PLACEHOLDER_CODE}
        disabled={props.disabled}
        onClick={() => current && props.onDeleteRows!(current)}
        title="删除只含“指标N:”或空白的占位行（可撤销）"
        testId="delete-rows"
        label="删除空白行"
      />
      <span className={styles.grow} />
      <ToggleButton
        size="small"
        checked={r.grouping === 'table'}
        onClick={() => React.startTransition(() => r.setGrouping(r.grouping === 'table' ? 'severity' : 'table'))}
        data-testid="group-by-table"
      >
        按表格分组
      </ToggleButton>
    </div>
  );
}

interface ItemProps {
  f: Finding;
  active: boolean;
  tabbable: boolean;
  /** Say the table after the message (the list is not grouped by table). */
  where: boolean;
  onActive: (key: string) => void;
  onSelect: (f: Finding) => void;
}

/** One finding (memoised: stepping through re-renders the two items whose state changes, not the whole window). */
const Item = React.memo(function Item({ f, active, tabbable, where, onActive, onSelect }: ItemProps): React.ReactElement {
  const styles = useStyles();
  const key = findingKey(f);
  return (
    <li className={styles.row}>
      <button
        type="button"
        className={mergeClasses(styles.item, active && styles.active)}
        tabIndex={tabbable ? 0 : -1}
        aria-current={active ? 'true' : undefined}
        data-testid="finding"
        data-key={key}
        data-cell={`${f.sheet}!${f.cell}`}
        onFocus={() => onActive(key)}
        onClick={() => {
          onActive(key);
          onSelect(f);
        }}
      >
        <span className={mergeClasses(styles.tag, styles[f.severity])}>{SEVERITY_TEXT[f.severity]}</span>
        <span>
          {f.message}
          {where && <span className={styles.where}> · {f.table || f.sheet}</span>}
        </span>
        <span className={styles.cell}>{f.cell}</span>
      </button>
    </li>
  );
});

function Group({ g, r, props }: { g: ReviewGroup; r: Review; props: FindingsListProps }): React.ReactElement {
  const styles = useStyles();
  const count = g.count;
  return (
    <section className={styles.group} aria-label={g.title}>
      <div className={styles.header}>
        <Subtitle2 as="h3" style={{ margin: 0 }}>
          {g.title}
        </Subtitle2>
        {g.tableId !== undefined && (
          <Caption1 className={styles.muted} data-testid="group-caption">
            {g.caption} · {count ? `${count} 个问题` : '未发现问题'}
          </Caption1>
        )}
      </div>
      <ul className={styles.list}>
        {g.findings.map((f) => {
          const key = findingKey(f);
          return (
            <Item
              key={key}
              f={f}
              active={r.active === key}
              tabbable={r.tabKey === key}
              where={g.tableId === undefined}
              onActive={r.setActive}
              onSelect={props.onSelect}
            />
          );
        })}
      </ul>
    </section>
  );
}

export function FindingsList(props: FindingsListProps): React.ReactElement {
  const styles = useStyles();
  const r = useReview(props);
  const { order, position, rows, first, end, size } = r;
  const current = position >= 0 ? order[position] : null;
  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = position >= 0 ? position : 0;
    const last = order.length - 1;
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null) return;
    e.preventDefault();
    r.go(Math.max(0, Math.min(last, to)), false);
  };
  const before = first;
  const after = rows.rows.length - end;
  return (
    <div className={styles.root}>
      <Toolbar r={r} props={props} />
      {props.onFix && current?.fix && (
        <Caption1 className={styles.muted} data-testid="fix-preview">
          修正建议：{current.sheet}!{current.cell} 「{String(current.fix.before)}」→「{current.fix.after}」
        </Caption1>
      )}
      {props.onDeleteRows && current?.code === PLACEHOLDER_CODE && (
        <Caption1 className={styles.muted} data-testid="delete-rows-preview">
          删除建议：{current.sheet} 第 {rowNumbers(membersOf(current))} 行中只含“指标N:”或空白的行（其他行保留；可撤销）
        </Caption1>
      )}
      <div data-testid="findings" ref={r.listRef} onKeyDown={onKeyDown}>
        {before > 0 && (
          <Button
            size="small"
            onClick={() => React.startTransition(() => r.setStart(Math.max(0, first - size)))}
            data-testid="earlier-findings"
          >
            显示前面的 {Math.min(before, size)} 个（前面还有 {before} 个）
          </Button>
        )}
        {r.groups.length === 0 && (
          <Caption1 className={styles.muted}>{props.result.findings.length ? '没有符合筛选条件的问题。' : '未发现问题。'}</Caption1>
        )}
        {r.groups.map((g) => (
          <Group key={g.id} g={g} r={r} props={props} />
        ))}
        {after > 0 && (
          <Button size="small" onClick={() => React.startTransition(() => r.setStart(first + size))} data-testid="more-findings">
            再显示 {Math.min(after, size)} 个（后面还有 {after} 个）
          </Button>
        )}
      </div>
    </div>
  );
}
