/**
 * Plans a whole blank 绩效目标表 of layout A (项目支出, 宁夏 style), B (项目 with 资金支出计划,
 * 北戴河 style) or D (部门整体, 遂溪 style) at a position: cells, merges and styles as data.
 * With a block, its indicators are pre-filled; every other 二级 of the profile gets one empty row.
 *
 * Pure TypeScript: no Office, no Node imports.
 */
import type { Merge, SheetGrid } from '../grid';
import { a1, cellAt, rangeA1 } from '../grid';
import { type Block, type Library, type ResolvedIndicator, type TemplateProfile, getLibrary, materializeBlock, skeleton } from './library';
import type { CellRole, PlannedIndicator, PlanResult, PlannedWrite } from './plan';

import { BLANK_LAYOUTS, BLANK_LAYOUT_LABEL, type BlankLayout } from '../layouts';

export { BLANK_LAYOUTS, type BlankLayout };
/** The blank layouts' labels (core/layouts). */
export const LAYOUT_LABEL = BLANK_LAYOUT_LABEL;

/** A style as data; adapters map it to ExcelJS or Office.js. */
export interface CellStyle {
  bold?: boolean;
  fontSize?: number;
  /** "#RRGGBB" solid fill. */
  fill?: string;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Thin borders on every edge of every cell of the range. */
  border?: boolean;
  /** Number format "@" (text), so that "100%" stays text. */
  text?: boolean;
}

export interface StyleRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  style: CellStyle;
}

export interface BlankPlan {
  kind: 'blank';
  layout: BlankLayout;
  profile: TemplateProfile;
  top: number;
  left: number;
  bottom: number;
  right: number;
  cells: PlannedWrite[];
  merges: Merge[];
  /** Applied in order (later ranges override earlier ones). */
  styles: StyleRange[];
  /** Column widths in characters, from `left`. */
  columnWidths: number[];
  added: PlannedIndicator[];
}

export interface BlankOptions {
  top?: number;
  left?: number;
  profile?: TemplateProfile;
  block?: Block | null;
  /** The sheet the table goes to; the target area must be empty. */
  grid?: SheetGrid | null;
  /** Budget used for values such as ≤{年度资金总额}万元 (null: left as a slot). */
  budget?: string | null;
  lib?: Library;
}

const STYLE_TITLE: CellStyle = { bold: true, fontSize: 16, hAlign: 'center', vAlign: 'middle' };
const STYLE_BODY: CellStyle = { border: true, wrap: true, vAlign: 'middle', fontSize: 11 };
const STYLE_LABEL: CellStyle = { bold: true, hAlign: 'center', fill: '#F2F2F2' };
const STYLE_HEADER: CellStyle = { bold: true, hAlign: 'center', fill: '#DDEBF7' };
const STYLE_CATEGORY: CellStyle = { hAlign: 'center' };
const STYLE_VALUE: CellStyle = { text: true, hAlign: 'center' };

class Builder {
  readonly cells: PlannedWrite[] = [];
  readonly merges: Merge[] = [];
  readonly styles: StyleRange[] = [];
  constructor(
    readonly top: number,
    readonly left: number,
  ) {}
  /** Writes at (r, c) relative to the table's top-left; merges up to (r2, c2) when given. */
  put(r: number, c: number, value: string, role: CellRole, r2 = r, c2 = c): void {
    if (value !== '') this.cells.push({ row: this.top + r, col: this.left + c, value, role });
    if (r2 > r || c2 > c) this.merge(r, c, r2, c2);
  }
  merge(r: number, c: number, r2: number, c2: number): void {
    if (r2 > r || c2 > c) this.merges.push({ top: this.top + r, left: this.left + c, bottom: this.top + r2, right: this.left + c2 });
  }
  style(r: number, c: number, r2: number, c2: number, style: CellStyle): void {
    this.styles.push({ top: this.top + r, left: this.left + c, bottom: this.top + r2, right: this.left + c2, style });
  }
}

interface Row {
  level1: string;
  level2: string;
  item: ResolvedIndicator | null;
}

function indicatorRows(profile: TemplateProfile, block: Block | null, budget: string | null, lib: Library): Row[] {
  const items = block ? materializeBlock(block, profile, { budget }, lib) : [];
  const rows: Row[] = [];
  for (const p of skeleton(profile, lib)) {
    const mine = items.filter((i) => i.level1 === p.level1 && i.level2 === p.level2);
    if (mine.length === 0) rows.push({ level1: p.level1, level2: p.level2, item: null });
    for (const it of mine) rows.push({ level1: p.level1, level2: p.level2, item: it });
  }
  return rows;
}

interface IndicatorCols {
  level1: number;
  level2: number;
  name: number;
  value: number;
  /** Name prefix style: 'section' (指标1 per 二级), 'global' (指标1..N), 'none'. */
  numbering: 'section' | 'global' | 'none';
}

/** Writes the indicator rows starting at relative row `r0`; returns the last relative row and the added list. */
/** The five-column indicator area (layouts A and D): header row at `h`, rows below, the 绩效指标 label merged down column 0. */
function writeIndicatorArea(
  b: Builder,
  h: number,
  rows: Row[],
  numbering: IndicatorCols['numbering'],
): { last: number; added: PlannedIndicator[] } {
  b.put(h, 1, '一级指标', 'header');
  b.put(h, 2, '二级指标', 'header');
  b.put(h, 3, '三级指标', 'header');
  b.put(h, 4, '指标值', 'header');
  const res = writeIndicators(b, h + 1, rows, { level1: 1, level2: 2, name: 3, value: 4, numbering });
  b.put(h, 0, '绩效指标', 'label', res.last, 0);
  return res;
}

function writeIndicators(b: Builder, r0: number, rows: Row[], cols: IndicatorCols): { last: number; added: PlannedIndicator[] } {
  const added: PlannedIndicator[] = [];
  let r = r0;
  let global = 1;
  let i = 0;
  while (i < rows.length) {
    const l1 = rows[i].level1;
    let j = i;
    while (j < rows.length && rows[j].level1 === l1) j++;
    b.put(r, cols.level1, l1, 'level1', r + (j - i) - 1, cols.level1);
    let k = i;
    while (k < j) {
      const l2 = rows[k].level2;
      let m = k;
      while (m < j && rows[m].level2 === l2) m++;
      b.put(r + (k - i), cols.level2, l2, 'level2', r + (m - i) - 1, cols.level2);
      let n = 1;
      for (let q = k; q < m; q++) {
        const row = b.top + r + (q - i);
        const it = rows[q].item;
        if (it) {
          const idx = cols.numbering === 'global' ? global++ : n++;
          const name = cols.numbering === 'none' ? it.name : `指标${idx}：${it.name}`;
          b.put(r + (q - i), cols.name, name, 'name');
          if (!it.slot) b.put(r + (q - i), cols.value, it.text, 'value');
          added.push({
            name: it.name,
            level1: it.level1,
            level2: it.level2,
            row,
            nameCell: { row, col: b.left + cols.name },
            valueCell: { row, col: b.left + cols.value },
            text: it.text,
            slot: it.slot,
            expected: it.expected,
          });
        }
      }
      k = m;
    }
    r += j - i;
    i = j;
  }
  return { last: r - 1, added };
}

function layoutA(b: Builder, rows: Row[]): { bottom: number; right: number; widths: number[]; added: PlannedIndicator[] } {
  const R = 4; // columns A..E
  b.put(0, 0, '项目支出绩效目标表', 'title', 0, R);
  b.put(1, 0, '项目名称', 'label', 1, 1);
  b.merge(1, 2, 1, R);
  b.put(2, 0, '主管部门', 'label', 2, 1);
  b.put(2, 3, '实施单位', 'label');
  b.put(3, 0, '项目属性', 'label', 3, 1);
  b.put(3, 3, '项目期', 'label');
  b.put(4, 0, '项目资金（万元）', 'label', 6, 1);
  b.put(4, 2, '年度资金总额', 'label');
  b.merge(4, 3, 4, R);
  b.put(5, 2, '其中：财政拨款', 'label');
  b.merge(5, 3, 5, R);
  b.put(6, 2, '其他资金', 'label');
  b.merge(6, 3, 6, R);
  b.put(7, 0, '年度绩效目标', 'label', 7, 1);
  b.merge(7, 2, 7, R);
  const h = 8;
  const { last, added } = writeIndicatorArea(b, h, rows, 'section');
  b.style(0, 0, 0, R, STYLE_TITLE);
  b.style(1, 0, last, R, STYLE_BODY);
  b.style(1, 0, 7, 1, STYLE_LABEL);
  for (const [r, c] of [
    [2, 3],
    [3, 3],
    [4, 2],
    [5, 2],
    [6, 2],
  ])
    b.style(r, c, r, c, STYLE_LABEL);
  b.style(7, 2, 7, R, { hAlign: 'left', vAlign: 'top' });
  b.style(h, 0, last, 0, STYLE_LABEL);
  b.style(h, 1, h, R, STYLE_HEADER);
  b.style(h + 1, 1, last, 2, STYLE_CATEGORY);
  b.style(h + 1, 4, last, 4, STYLE_VALUE);
  return { bottom: last, right: R, widths: [10, 14, 18, 36, 18], added };
}

function layoutB(b: Builder, rows: Row[]): { bottom: number; right: number; widths: number[]; added: PlannedIndicator[] } {
  const R = 5; // columns A..F
  b.put(0, 0, '项目绩效目标表', 'title', 0, R);
  b.put(1, 0, '项目编码', 'label');
  b.put(1, 2, '项目名称', 'label');
  b.merge(1, 3, 1, R);
  b.put(2, 0, '预算规模及资金用途', 'label', 4, 0);
  b.put(2, 1, '预算数', 'label');
  b.put(3, 1, '其中：财政资金', 'label');
  b.put(4, 1, '其他资金', 'label');
  b.put(2, 3, '资金用途', 'label', 4, 3);
  b.merge(2, 4, 4, R);
  b.put(5, 0, '资金支出计划（%）', 'label', 6, 0);
  b.put(5, 1, '3月底', 'header');
  b.put(5, 2, '6月底', 'header');
  b.put(5, 3, '10月底', 'header');
  b.put(5, 4, '12月底', 'header');
  b.put(7, 0, '绩效目标', 'label');
  b.merge(7, 1, 7, R);
  const h = 8;
  ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'].forEach((t, c) => b.put(h, c, t, 'header'));
  const { last, added } = writeIndicators(b, h + 1, rows, { level1: 0, level2: 1, name: 2, value: 4, numbering: 'none' });
  b.style(0, 0, 0, R, STYLE_TITLE);
  b.style(1, 0, last, R, STYLE_BODY);
  for (const [r, c] of [
    [1, 0],
    [1, 2],
    [2, 0],
    [2, 1],
    [3, 1],
    [4, 1],
    [2, 3],
    [5, 0],
    [7, 0],
  ])
    b.style(r, c, r, c, STYLE_LABEL);
  b.style(5, 1, 5, R, STYLE_HEADER);
  b.style(6, 1, 6, R, { text: true, hAlign: 'center' });
  b.style(h, 0, h, R, STYLE_HEADER);
  b.style(h + 1, 0, last, 1, STYLE_CATEGORY);
  b.style(h + 1, 4, last, 4, STYLE_VALUE);
  return { bottom: last, right: R, widths: [14, 16, 28, 24, 16, 18], added };
}

function layoutD(b: Builder, rows: Row[]): { bottom: number; right: number; widths: number[]; added: PlannedIndicator[] } {
  const R = 4; // columns A..E
  b.put(0, 0, '部门整体支出绩效目标表', 'title', 0, R);
  b.put(1, 0, '部门名称', 'label');
  b.merge(1, 1, 1, R);
  b.put(2, 0, '基本信息', 'label');
  b.put(2, 1, '财政供养人员数', 'label');
  b.put(2, 3, '下属二级单位数', 'label');
  b.put(3, 0, '预算整体情况', 'label', 8, 0);
  b.put(3, 1, '部门预算支出', 'header');
  b.put(3, 2, '预算金额（万元）', 'header');
  b.put(3, 3, '收入来源', 'header');
  b.put(3, 4, '预算金额（万元）', 'header');
  b.put(4, 1, '基本支出', 'label');
  b.put(4, 3, '财政拨款', 'label');
  b.put(5, 1, '项目支出', 'label');
  b.put(5, 3, '其他资金', 'label');
  b.put(6, 1, '事业发展性支出', 'header');
  b.put(6, 2, '预算金额（万元）', 'header');
  b.put(7, 1, '财政专项资金', 'label');
  b.put(8, 1, '其他事业发展性支出', 'label');
  b.merge(6, 3, 8, R);
  b.put(9, 0, '总体绩效目标', 'label');
  b.merge(9, 1, 9, R);
  b.put(10, 0, '年度重点工作任务', 'label', 13, 0);
  b.put(10, 1, '名称', 'header');
  b.put(10, 2, '主要实施内容', 'header');
  b.put(10, 3, '拟投入的资金（万元）', 'header');
  b.put(10, 4, '期望达到的目标（概述）', 'header');
  for (let k = 1; k <= 3; k++) b.put(10 + k, 1, `任务${k}：`, 'field');
  const h = 14;
  const { last, added } = writeIndicatorArea(b, h, rows, 'global');
  b.style(0, 0, 0, R, STYLE_TITLE);
  b.style(1, 0, last, R, STYLE_BODY);
  for (const [r, c] of [
    [1, 0],
    [2, 0],
    [2, 1],
    [2, 3],
    [3, 0],
    [4, 1],
    [4, 3],
    [5, 1],
    [5, 3],
    [7, 1],
    [8, 1],
    [9, 0],
    [10, 0],
  ]) {
    b.style(r, c, r, c, STYLE_LABEL);
  }
  b.style(3, 1, 3, R, STYLE_HEADER);
  b.style(6, 1, 6, 2, STYLE_HEADER);
  b.style(10, 1, 10, R, STYLE_HEADER);
  b.style(h, 0, last, 0, STYLE_LABEL);
  b.style(h, 1, h, R, STYLE_HEADER);
  b.style(h + 1, 1, last, 2, STYLE_CATEGORY);
  b.style(h + 1, 4, last, 4, STYLE_VALUE);
  return { bottom: last, right: R, widths: [14, 18, 22, 36, 24], added };
}

/** Plans a blank table; refuses when the target area of `grid` is not empty. */
export function planBlankTable(layout: BlankLayout, opts: BlankOptions = {}): PlanResult<BlankPlan> {
  const lib = opts.lib ?? getLibrary();
  const profile = opts.profile ?? 'LOCAL';
  const top = opts.top ?? 0;
  const left = opts.left ?? 0;
  if (!BLANK_LAYOUTS.includes(layout)) return { ok: false, message: `不支持的表样：${String(layout)}（可选 A、B、D）。` };
  const rows = indicatorRows(profile, opts.block ?? null, opts.budget ?? null, lib);
  const b = new Builder(top, left);
  const res = layout === 'A' ? layoutA(b, rows) : layout === 'B' ? layoutB(b, rows) : layoutD(b, rows);
  const plan: BlankPlan = {
    kind: 'blank',
    layout,
    profile,
    top,
    left,
    bottom: top + res.bottom,
    right: left + res.right,
    cells: b.cells,
    merges: b.merges,
    styles: b.styles,
    columnWidths: res.widths,
    added: res.added,
  };
  if (opts.grid) {
    const busy = firstBusyCell(opts.grid, plan);
    if (busy) {
      return {
        ok: false,
        message: `目标区域 ${rangeA1(plan.top, plan.left, plan.bottom, plan.right)} 不是空的（${busy} 已有内容或合并单元格），不会覆盖。请选择空白位置，或插入到新工作表。`,
      };
    }
  }
  return { ok: true, plan };
}

/** The first non-empty or merged cell of the plan's area, as "F12", or null. */
export function firstBusyCell(grid: SheetGrid, area: { top: number; left: number; bottom: number; right: number }): string | null {
  for (let r = area.top; r <= area.bottom; r++) {
    for (let c = area.left; c <= area.right; c++) {
      const v = cellAt(grid, r, c);
      if (v !== null && !(typeof v === 'string' && v.trim() === '')) return a1(r, c);
    }
  }
  for (const m of grid.merges) {
    if (m.top <= area.bottom && area.top <= m.bottom && m.left <= area.right && area.left <= m.right) return a1(m.top, m.left);
  }
  return null;
}

/** The blank plan as a SheetGrid (for tests and the ExcelJS adapter). */
export function blankPlanToGrid(plan: BlankPlan, name = 'Sheet1'): SheetGrid {
  const cells: (string | null)[][] = [];
  for (let r = 0; r <= plan.bottom; r++) cells.push(new Array(plan.right + 1).fill(null));
  for (const c of plan.cells) cells[c.row][c.col] = c.value;
  return { name, rowOffset: 0, colOffset: 0, cells, merges: plan.merges.map((m) => ({ ...m })) };
}
