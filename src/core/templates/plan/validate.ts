/**
 * The invariants of a plan, checked before it is returned (see plan.ts): writes only into new rows and never inside a
 * merge but at its top-left; merges grown only over new rows or empty cells, overlapping no other.
 */
import type { Merge, SheetGrid } from '../../grid';
import { a1, cellAt } from '../../grid';
import { finalMergesOf, isEmptyValue, mergeContaining, originalRow, overlaps, shiftMerge } from './grid';
import type { BlockPlan, PlannedWrite } from './types';

/** Label writes (repeat style) that would fall inside a merge are dropped; names and values never are. */
export function dropCoveredLabelWrites(writes: PlannedWrite[], merges: Merge[]): PlannedWrite[] {
  return writes.filter((w) => {
    if (w.role !== 'level1' && w.role !== 'level2') return true;
    const m = mergeContaining(merges, w.row, w.col);
    return !m || (m.top === w.row && m.left === w.col);
  });
}

/** Returns a Chinese message when the plan would break an invariant, else null. */
export function validateBlockPlan(grid: SheetGrid, plan: BlockPlan, newRows?: Set<number>): string | null {
  const fresh = newRows ?? new Set(plan.added.map((a) => a.row));
  const merges = finalMergesOf(grid, plan);
  for (let i = 0; i < merges.length; i++) {
    const m = merges[i];
    if (m.top > m.bottom || m.left > m.right) return `内部错误：合并区域无效 ${a1(m.top, m.left)}`;
    for (let j = i + 1; j < merges.length; j++) {
      if (overlaps(m, merges[j])) {
        return `插入位置附近的合并单元格（${a1(m.top, m.left)} 与 ${a1(merges[j].top, merges[j].left)}）互相重叠，无法安全插入；请先取消这些合并单元格。`;
      }
    }
  }
  const seen = new Set<string>();
  for (const w of plan.writes) {
    const k = `${w.row}:${w.col}`;
    if (seen.has(k)) return `内部错误：同一单元格 ${a1(w.row, w.col)} 写入两次`;
    seen.add(k);
    if (!fresh.has(w.row)) return `内部错误：写入了原有行 ${a1(w.row, w.col)}`;
    const m = mergeContaining(merges, w.row, w.col);
    if (m && !(m.top === w.row && m.left === w.col)) {
      return `第${w.row + 1}行附近有跨行合并的单元格（${a1(m.top, m.left)}），新行会落在合并区域内，无法安全插入；请先取消该合并。`;
    }
  }
  // extended merges may only take in new rows or cells that are empty
  const shifted = grid.merges.map((m) => shiftMerge(m, plan.insertions));
  for (const ch of plan.merges) {
    const before = ch.from;
    for (let r = ch.to.top; r <= ch.to.bottom; r++) {
      for (let c = ch.to.left; c <= ch.to.right; c++) {
        if (before && r >= before.top && r <= before.bottom && c >= before.left && c <= before.right) continue;
        if (r === ch.to.top && c === ch.to.left) continue;
        if (fresh.has(r)) {
          if (plan.writes.some((w) => w.row === r && w.col === c))
            return `内部错误：合并区域 ${a1(ch.to.top, ch.to.left)} 覆盖了新写入的 ${a1(r, c)}`;
          continue;
        }
        const orig = originalRow(r, plan.insertions);
        if (orig === null || !isEmptyValue(cellAt(grid, orig, c)) || mergeContaining(shifted, r, c)) {
          return `扩展合并区域 ${a1(ch.to.top, ch.to.left)} 会覆盖已有内容（${a1(r, c)}），无法安全插入。`;
        }
      }
    }
  }
  return null;
}
