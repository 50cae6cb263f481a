/**
 * The order in which findings are reviewed, as Excel's own error checking steps through a workbook: the worst
 * first (every error of the workbook, then every warning, then every hint), in workbook order within each
 * (tables in the order found, then row, then column); or, as a choice, table by table. Pure: the task pane and
 * the checker page render the same order.
 */
import type { CheckResult, Finding, Severity } from '../../core/findings';
import { SEVERITIES, SEVERITY_LABEL, SEVERITY_RANK } from '../../core/severity';
import { type WorkbookGrid, parseA1 } from '../../core/grid';
import { foldPlaceholders, isFolded, membersOf } from '../../core/fold';

export { membersOf };

export type Grouping = 'severity' | 'table';

export interface ReviewGroup {
  /** A stable key ("error", "warning", "info", or a table id). */
  id: string;
  title: string;
  caption: string;
  findings: Finding[];
  /** The findings the group holds (a folded line counts as the rows it stands for; the whole group's, in a window too). */
  count: number;
  /** The group's table, when grouped by table (listed even without findings). */
  tableId?: string;
}

export function tableTitle(t: CheckResult['tables'][number]): string {
  return t.name || `（未命名${t.kind === 'department' ? '部门整体' : '项目'}表）`;
}

/**
 * The groups of findings the user reviews, for the severities `shown`. By table, every table found is a group
 * (an empty one reads 未发现问题), findings worst first within it; findings whose table is not in the result (not
 * expected) come last. A table's placeholder-row findings are folded into one (core/fold FoldedFinding).
 */
export function reviewGroups(result: CheckResult, shown: ReadonlySet<Severity>, grouping: Grouping): ReviewGroup[] {
  const tableIndex = new Map(result.tables.map((t, i) => [t.id, i]));
  const at = (f: Finding) => tableIndex.get(f.tableId) ?? result.tables.length;
  const inWorkbookOrder = (a: Finding, b: Finding) => at(a) - at(b) || a.row - b.row || a.col - b.col;
  // a table's many placeholder rows are one item, as in the command line's report (core/fold)
  const visible = foldPlaceholders(result.findings.filter((f) => shown.has(f.severity)));
  if (grouping === 'severity') {
    const groups: ReviewGroup[] = [];
    for (const s of SEVERITIES) {
      const list = visible.filter((f) => f.severity === s).sort(inWorkbookOrder);
      const n = countOf(list);
      if (list.length) groups.push({ id: s, title: `${SEVERITY_LABEL[s]}（${n}）`, caption: '', findings: list, count: n });
    }
    return groups;
  }
  const byTable = new Map<string, Finding[]>();
  for (const f of visible) {
    const list = byTable.get(f.tableId) ?? [];
    list.push(f);
    byTable.set(f.tableId, list);
  }
  const worstFirst = (a: Finding, b: Finding) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.row - b.row || a.col - b.col;
  const groups: ReviewGroup[] = result.tables.map((t) => {
    const findings = (byTable.get(t.id) ?? []).sort(worstFirst);
    return { id: t.id, tableId: t.id, title: tableTitle(t), caption: `${t.sheet} · ${t.range}`, findings, count: countOf(findings) };
  });
  for (const t of result.tables) byTable.delete(t.id);
  for (const [id, findings] of byTable)
    groups.push({
      id,
      title: findings[0].table || '其他',
      caption: findings[0].sheet,
      findings: findings.sort(worstFirst),
      count: countOf(findings),
    });
  return groups;
}

/** The findings listed items stand for (a folded line: its rows). */
const countOf = (listed: readonly Finding[]) => listed.reduce((n, f) => n + membersOf(f).length, 0);

/** The findings of the groups, in review order (what 上一个/下一个 step through). */
export function reviewOrder(groups: readonly ReviewGroup[]): Finding[] {
  return groups.flatMap((g) => g.findings);
}

/**
 * Each listed finding's position in `order` by its key, and the keys of findings folded into one by that one's
 * position (so that a placeholder row picked in the sheet finds its folded line).
 */
export function orderKeys(order: readonly Finding[]): Map<string, number> {
  const keys = new Map<string, number>();
  order.forEach((f, i) => {
    if (isFolded(f)) for (const m of f.folded) keys.set(findingKey(m), i);
    keys.set(findingKey(f), i);
  });
  return keys;
}

/** A finding's key in the list (a cell can hold findings of several rules). */
export function findingKey(f: Finding): string {
  return `${f.sheet}!${f.cell}:${f.code}:${f.tableId}`;
}

/** The severity shown alone, or null. */
export function onlyShown(shown: ReadonlySet<Severity>): Severity | null {
  return shown.size === 1 ? [...shown][0] : null;
}

/** A click on a count: only that severity; a second click on it: all of them again. */
export function toggleOnly(shown: ReadonlySet<Severity>, s: Severity): Set<Severity> {
  return onlyShown(shown) === s ? new Set(SEVERITIES) : new Set([s]);
}

/**
 * The finding of the cell at the top left of `address` (a cell the user selected in `sheet`), or of the merged area
 * that holds it; the worst when several; null when the cell has none. Ignored findings are not shown, so not found.
 */
export function findingAt(
  o: { result: CheckResult; grid: WorkbookGrid; ignored?: readonly Finding[] },
  sheet: string,
  address: string,
): Finding | null {
  const at = parseA1(address.split(':')[0].replace(/\$/g, ''));
  if (!at) return null;
  const merge = o.grid.sheets
    .find((s) => s.name === sheet)
    ?.merges.find((m) => at.row >= m.top && at.row <= m.bottom && at.col >= m.left && at.col <= m.right);
  const area = merge ?? { top: at.row, bottom: at.row, left: at.col, right: at.col };
  const hidden = new Set(o.ignored ?? []);
  let best: Finding | null = null;
  for (const f of o.result.findings) {
    if (f.sheet !== sheet || hidden.has(f) || f.row < area.top || f.row > area.bottom || f.col < area.left || f.col > area.right) continue;
    if (!best || SEVERITY_RANK[f.severity] < SEVERITY_RANK[best.severity]) best = f;
  }
  return best;
}

/**
 * The list's rows: each finding is a row, and so is a group without findings (a table with 未发现问题), so that a
 * window of rows bounds what is rendered however the findings fall (1,000 clean tables are 1,000 rows too).
 */
export interface ReviewRows {
  /** Rows in order: [group index, finding index within the group, or -1 for an empty group]. */
  rows: [number, number][];
  /** The row of each finding of reviewOrder(groups), by its position there. */
  rowOf: number[];
}

export function reviewRows(groups: readonly ReviewGroup[]): ReviewRows {
  const rows: [number, number][] = [];
  const rowOf: number[] = [];
  groups.forEach((g, gi) => {
    if (g.findings.length === 0) rows.push([gi, -1]);
    g.findings.forEach((_f, fi) => {
      rowOf.push(rows.length);
      rows.push([gi, fi]);
    });
  });
  return { rows, rowOf };
}

/** The groups cut to the rows [start, end): groups outside left out, groups across an edge cut. */
export function windowGroups(groups: readonly ReviewGroup[], r: ReviewRows, start: number, end: number): ReviewGroup[] {
  const out: ReviewGroup[] = [];
  let last = -1;
  for (let i = Math.max(0, start); i < Math.min(end, r.rows.length); i++) {
    const [gi, fi] = r.rows[i];
    if (gi !== last) {
      out.push({ ...groups[gi], findings: [] });
      last = gi;
    }
    if (fi >= 0) out[out.length - 1].findings.push(groups[gi].findings[fi]);
  }
  return out;
}
