/**
 * Placeholder rows folded: a table's unnamed "指标N:" rows are many and alike (a real sheet had 206 of them), so
 * the command line's report and the task pane's list show them as one line per table, naming their cells. Pure;
 * both faces take the words from here.
 */
import type { Finding } from './findings';

export const PLACEHOLDER_CODE = 'placeholder-row';

/** Folded only from this many rows of one table on (one or two are listed as they are). */
export const FOLD_FROM = 3;

/** The cells named in the folded line: the first eight, then 等. */
export function foldedCells(cells: readonly string[]): string {
  return cells.length > 8 ? `${cells.slice(0, 8).join('、')} 等` : cells.join('、');
}

/** The folded line's message (without the rule code). */
export function foldedMessage(cells: readonly string[]): string {
  return `${cells.length} 处未命名的“指标N:”空白占位行（${foldedCells(cells)}），不需要时请删除`;
}

/** A table's placeholder-row findings shown as one: the first of them, its message the folded line's. */
export interface FoldedFinding extends Finding {
  /** The findings folded into this one, in row order (the first is the one whose cell this finding names). */
  folded: Finding[];
}

export const isFolded = (f: Finding): f is FoldedFinding => Array.isArray((f as Partial<FoldedFinding>).folded);

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
