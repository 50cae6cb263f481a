/** Findings grouped by table; each one is a button that selects its cell in the sheet. */
import * as React from 'react';
import { Badge, Button, Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { CheckResult, Finding, Severity } from '../../core/findings';
import { SEVERITY_BADGE, SEVERITY_TEXT } from './severity';

const useStyles = makeStyles({
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
});

interface Group {
  id: string;
  title: string;
  caption: string;
  findings: Finding[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then hints; in sheet order within each. */
function bySeverityThenCell(a: Finding, b: Finding): number {
  return RANK[a.severity] - RANK[b.severity] || a.row - b.row || a.col - b.col;
}

export function groupFindings(result: CheckResult, shown: Set<Severity>): Group[] {
  const byTable = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (!shown.has(f.severity)) continue;
    const list = byTable.get(f.tableId) ?? [];
    list.push(f);
    byTable.set(f.tableId, list);
  }
  const groups: Group[] = [];
  for (const t of result.tables) {
    const findings = byTable.get(t.id);
    if (!findings) continue;
    byTable.delete(t.id);
    groups.push({
      id: t.id,
      title: t.name || `（未命名${t.kind === 'department' ? '部门整体' : '项目'}表）`,
      caption: `${t.sheet} · ${t.range}`,
      findings: findings.sort(bySeverityThenCell),
    });
  }
  for (const [id, findings] of byTable) groups.push({ id, title: findings[0].table || '其他', caption: findings[0].sheet, findings });
  return groups;
}

/** The first `limit` findings of the groups, in order (groups cut or left out past it). */
function firstFindings(groups: Group[], limit: number): Group[] {
  const out: Group[] = [];
  let left = limit;
  for (const g of groups) {
    if (left <= 0) break;
    out.push(g.findings.length <= left ? g : { ...g, findings: g.findings.slice(0, left) });
    left -= g.findings.length;
  }
  return out;
}

export function FindingsList(props: {
  result: CheckResult;
  shown: Set<Severity>;
  onSelect: (f: Finding) => void;
  /** Render this many findings at first and as many more per click (a workbook may have thousands). */
  pageSize?: number;
}): React.ReactElement {
  const styles = useStyles();
  const [active, setActive] = React.useState<string | null>(null);
  const [limit, setLimit] = React.useState(props.pageSize ?? Infinity);
  const all = React.useMemo(() => groupFindings(props.result, props.shown), [props.result, props.shown]);
  if (all.length === 0) return <Caption1 className={styles.muted}>没有符合筛选条件的问题。</Caption1>;
  const total = all.reduce((n, g) => n + g.findings.length, 0);
  const groups = total > limit ? firstFindings(all, limit) : all;
  const rest = total - Math.min(total, limit);
  return (
    <div data-testid="findings">
      {groups.map((g) => (
        <section key={g.id} className={styles.group} aria-label={g.title}>
          <div className={styles.header}>
            <Subtitle2 as="h3" style={{ margin: 0 }}>
              {g.title}
            </Subtitle2>
            <Caption1 className={styles.muted}>
              {g.caption} · {all.find((x) => x.id === g.id)?.findings.length ?? g.findings.length} 个问题
            </Caption1>
          </div>
          <ul className={styles.list}>
            {g.findings.map((f, i) => {
              const key = `${f.sheet}!${f.cell}:${f.code}:${i}`;
              return (
                <li key={key}>
                  <button
                    type="button"
                    className={mergeClasses(styles.item, active === key && styles.active)}
                    aria-label={`${SEVERITY_TEXT[f.severity]}：${f.message}。单元格 ${f.sheet}!${f.cell}`}
                    data-testid="finding"
                    data-cell={`${f.sheet}!${f.cell}`}
                    onClick={() => {
                      setActive(key);
                      props.onSelect(f);
                    }}
                  >
                    <Badge appearance="tint" color={SEVERITY_BADGE[f.severity]} size="small">
                      {SEVERITY_TEXT[f.severity]}
                    </Badge>
                    <span>{f.message}</span>
                    <span className={styles.cell}>{f.cell}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {rest > 0 && (
        <Button size="small" onClick={() => setLimit(limit + (props.pageSize ?? rest))} data-testid="more-findings">
          再显示 {Math.min(rest, props.pageSize ?? rest)} 个问题（还有 {rest} 个）
        </Button>
      )}
    </div>
  );
}
