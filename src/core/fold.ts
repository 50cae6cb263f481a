/**
 * Placeholder rows folded: a table's unnamed "指标N:" rows are many and alike (a real sheet had 206 of them), so
 * the command line's report and the task pane's list show them as one line per table, naming their cells. Pure;
 * both faces take the words from here.
 */
import type { Finding } from './findings';
import { placeholderRow } from './rules/placeholder-row';

export const PLACEHOLDER_CODE = placeholderRow.code;

/** Folded only from this many rows of one table on (one or two are listed as they are). */
export const FOLD_FROM = 3;

/** A list as the folded line names its cells (and the pane its rows): the first eight, then 等. */
export function shortList(items: readonly (string | number)[]): string {
  return items.length > 8 ? `${items.slice(0, 8).join('、')} 等` : items.join('、');
}

/** The folded line's message (without the rule code). */
export function foldedMessage(cells: readonly string[]): string {
  return `${cells.length} 处未命名的“指标N:”空白占位行（${shortList(cells)}），不需要时请删除`;
}

/** A table's placeholder-row findings shown as one: the first of them, its message the folded line's. */
export interface FoldedFinding extends Finding {
  /** The findings folded into this one, in row order (the first is the one whose cell this finding names). */
  folded: Finding[];
}

export const isFolded = (f: Finding): f is FoldedFinding => Array.isArray((f as Partial<FoldedFinding>).folded);

/** The findings one listed item stands for: those folded into it, or itself. */
export function membersOf(f: Finding): Finding[] {
  return isFolded(f) ? f.folded : [f];
}

/**
 * `findings` with each table's placeholder-row findings folded into one (when FOLD_FROM or more), at the place of
 * the first of them; other findings and their order unchanged.
 */
export function foldPlaceholders(findings: readonly Finding[]): Finding[] {
  const byTable = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.code !== PLACEHOLDER_CODE) continue;
    const list = byTable.get(f.tableId) ?? [];
    list.push(f);
    byTable.set(f.tableId, list);
  }
  const out: Finding[] = [];
  for (const f of findings) {
    const list = f.code === PLACEHOLDER_CODE ? byTable.get(f.tableId) : undefined;
    if (!list || list.length < FOLD_FROM) {
      out.push(f);
      continue;
    }
    if (list[0] !== f) continue;
    const rows = [...list].sort((a, b) => a.row - b.row || a.col - b.col);
    const fold: FoldedFinding = { ...rows[0], message: foldedMessage(rows.map((x) => x.cell)), folded: rows };
    delete fold.fix;
    out.push(fold);
  }
  return out;
}
