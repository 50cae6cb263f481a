/**
 * The indicator area's header: the columns of 一级/二级/三级指标 and 指标值 (and of 计量单位, 序号 …), a second area
 * right of the first (中期 then 年度), and the unit a header or a 计量单位 column declares.
 */
import type { Segment } from '../detect';
import type { IndicatorHeader } from '../model';
import { SheetView } from '../sheet';
import { unitFromName } from '../value';
import { columnRole } from '../indicator-area';

// (anchored as a whole: same as /^(本年度|年度|中期|实施期)?绩效指标$|^产出$|^指标$/, without retrying every position)
// (also any short label ending in 绩效指标, tested apart: 部门整体支出年度绩效指标)
export const FRAME_RE = /^(?:(本年度|年度|中期|实施期)?绩效指标$|产出$|指标$)/;

/** Column of a second 一级指标/二级指标 header right of the 指标值 column (a second indicator area), else null. */
export function secondAreaStart(view: SheetView, seg: Segment, row: number, valueCol: number): number | null {
  const cells = view.rowCells(row, valueCol + 1, seg.right);
  // (with the area in brackets: 二级指标(年度), 一级指标(长期))
  for (let i = 0; i < cells.length; i++)
    if (/^(一级指标|二级指标)(\((长期|中期|年度|本年度|当年|实施期)\))?$/.test(cells[i].key)) return cells[i].col;
  return null;
}

export function readIndicatorHeader(view: SheetView, seg: Segment): IndicatorHeader {
  // (no header row: the area starts at headerRow, read as if its header were the row above)
  if (seg.headerless) return { row: seg.headerRow - 1, level1Col: null, level2Col: null, level3Col: null, valueCol: null, otherCols: [] };
  const h: IndicatorHeader = { row: seg.headerRow, level1Col: null, level2Col: null, level3Col: null, valueCol: null, otherCols: [] };
  // the first 指标值 column counts (a second one is the 年度 area of the central template), unless it was only
  // guessed from a "三级指标 指标值" cell
  let guessed = false;
  /** Header cells whose text has no role (indicator-area.ts): ignored, unless they turn out left of the names. */
  const unknown: number[] = [];
  const scan = (r: number) => {
    const rowCs = view.rowCells(r, seg.left, seg.right);
    for (let ci = 0; ci < rowCs.length; ci++) {
      const c = rowCs[ci];
      const k = c.key;
      const role = columnRole(k);
      if (role === 'level1') h.level1Col ??= c.col;
      else if (role === 'level2') h.level2Col ??= c.col;
      else if (role === 'level3') {
        h.level3Col ??= c.col;
        if (/指标值/.test(k) && h.valueCol === null) {
          h.valueCol = view.spanRight(r, c.col) + 1;
          guessed = true;
        }
      } else if (role === 'value') {
        if (h.valueCol === null || guessed) h.valueCol = c.col;
        guessed = false;
      } else if (role === 'unit' || role === 'serial' || role === 'other') h.otherCols.push(c.col);
      else if (r === seg.headerRow && !FRAME_RE.test(k)) unknown.push(c.col);
    }
  };
  scan(seg.headerRow);
  if (h.valueCol === null && seg.headerRow + 1 <= seg.bottom) scan(seg.headerRow + 1);
  const namesEnd = Math.max(h.level3Col ?? -1, h.level2Col ?? -1);
  if (h.valueCol === null) {
    // no 指标值 header: one target column per place (区域目标值: 西坪镇尧山村 | 桃舟乡吾培村 …, 福建 水利专项资金绩效目标表)
    // headed by names of no known role; the first is read as the value
    const places = unknown.filter((col) => col > namesEnd);
    if (places.length > 0) h.valueCol = Math.min(...places);
    else if (h.level3Col !== null) h.valueCol = view.spanRight(seg.headerRow, h.level3Col) + 1;
  }
  // a column headed by a text of no known role, right of the names and the 指标值, holds neither
  const end = Math.max(namesEnd, h.valueCol ?? -1);
  for (const col of unknown) if (col > end && !h.otherCols.includes(col)) h.otherCols.push(col);
  return h;
}

/** The column of a separate 度量单位/计量单位 header (budget-system exports), null when there is none. */
export function unitColumn(view: SheetView, seg: Segment, h: IndicatorHeader): number | null {
  for (const r of [h.row, h.row + 1]) {
    if (r > seg.bottom) break;
    const cells = view.rowCells(r, seg.left, seg.right);
    for (let i = 0; i < cells.length; i++) if (columnRole(cells[i].key) === 'unit') return cells[i].col;
  }
  return null;
}

/** The unit in the 指标值 header ("指标值(%)", "指标值(万元)"), null when there is none ("指标值(含单位)"). */
export function valueHeaderUnit(view: SheetView, seg: Segment, h: IndicatorHeader): string | null {
  if (h.valueCol === null) return null;
  for (const r of [h.row, h.row + 1]) {
    if (r > seg.bottom) break;
    const t = view.text(r, h.valueCol);
    if (t.startsWith('指标值')) return unitFromName(t);
  }
  return null;
}
