/** Shared checks for the template tests. */
import type { Finding } from '../../src/core/findings';
import type { CellValue, Merge, SheetGrid } from '../../src/core/grid';
import { a1, cellAt } from '../../src/core/grid';
import type { BlockPlan, RowInsertion } from '../../src/core/templates/plan';
import { shiftRow } from '../../src/core/templates/plan';

function filled(v: CellValue): boolean {
  return !(v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));
}

/** Every non-empty cell of `before` (merges normalised: value in top-left only). */
export function nonEmptyCells(g: SheetGrid): { row: number; col: number; v: CellValue }[] {
  const out: { row: number; col: number; v: CellValue }[] = [];
  g.cells.forEach((r, i) =>
    (r ?? []).forEach((v, j) => {
      if (filled(v)) out.push({ row: g.rowOffset + i, col: g.colOffset + j, v });
    }),
  );
  return out;
}

/** Problems when a pre-existing value moved or changed (rows shifted by the insertions). */
export function changedValues(before: SheetGrid, after: SheetGrid, insertions: RowInsertion[]): string[] {
  const problems: string[] = [];
  for (const c of nonEmptyCells(before)) {
    const r = shiftRow(c.row, insertions);
    const v = cellAt(after, r, c.col);
    if (v !== c.v) problems.push(`${a1(c.row, c.col)} -> ${a1(r, c.col)}: ${JSON.stringify(c.v)} became ${JSON.stringify(v)}`);
  }
  return problems;
}

/** Problems with merges: overlaps, degenerate areas, values hidden under a merge. */
export function mergeProblems(g: SheetGrid): string[] {
  const out: string[] = [];
  const ms = g.merges;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i];
    if (m.top > m.bottom || m.left > m.right) out.push(`bad merge ${JSON.stringify(m)}`);
    for (let j = i + 1; j < ms.length; j++) {
      const o = ms[j];
      if (m.top <= o.bottom && o.top <= m.bottom && m.left <= o.right && o.left <= m.right)
        out.push(`overlap ${JSON.stringify(m)} ${JSON.stringify(o)}`);
    }
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if ((r !== m.top || c !== m.left) && filled(cellAt(g, r, c))) out.push(`value under merge ${a1(m.top, m.left)} at ${a1(r, c)}`);
      }
    }
  }
  return out;
}

/** True when `big` contains `small`. */
export function contains(big: Merge, small: Merge): boolean {
  return big.top <= small.top && big.bottom >= small.bottom && big.left <= small.left && big.right >= small.right;
}

const fkey = (f: Pick<Finding, 'code' | 'row' | 'col'>) => `${f.code}@${f.row}:${f.col}`;

/**
 * Findings after insertion that are neither a finding of the table before (its cell shifted)
 * nor a missing-value at one of the plan's slots; and slots the checker did not report.
 */
export function unexpectedFindings(
  before: Finding[],
  after: Finding[],
  plan: BlockPlan | { insertions: RowInsertion[]; added: BlockPlan['added'] },
): { extra: string[]; unreported: string[] } {
  const known = new Set(before.map((f) => fkey({ code: f.code, row: shiftRow(f.row, plan.insertions), col: f.col })));
  const slots = new Set(
    plan.added.filter((a) => a.slot).map((a) => fkey({ code: 'missing-value', row: a.valueCell.row, col: a.valueCell.col })),
  );
  const extra = after.filter((f) => !known.has(fkey(f)) && !slots.has(fkey(f))).map((f) => `${f.code}@${f.cell} ${f.message}`);
  const reported = new Set(after.map(fkey));
  const unreported = [...slots].filter((k) => !reported.has(k));
  return { extra, unreported };
}
