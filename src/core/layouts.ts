/**
 * Layouts (表样) as users read them: the forms a checked table is recognised as (A, B, C, D), and the blank tables
 * the product can make (A, B, D) with the names of the sheets it puts them on. One place for the command line's
 * report, the summary workbook, the checker page, `npm run new` and the task pane's 插入模板.
 */
import type { TableSummary } from './findings';

export type Layout = TableSummary['layout'];

/** A recognised table's layout, in reports. */
export const LAYOUT_LABEL: Readonly<Record<Layout, string>> = {
  A: '项目支出表（A 式）',
  B: '项目表含资金支出计划（B 式）',
  C: '项目支出表（C 式）',
  D: '部门整体表（D 式）',
  '?': '绩效目标表',
};

export type BlankLayout = 'A' | 'B' | 'D';
export const BLANK_LAYOUTS: readonly BlankLayout[] = ['A', 'B', 'D'];

/** A blank table's layout, where the user chooses one. */
export const BLANK_LAYOUT_LABEL: Readonly<Record<BlankLayout, string>> = {
  A: 'A 项目支出绩效目标表（年度资金总额）',
  B: 'B 项目绩效目标表（预算数＋资金支出计划）',
  D: 'D 部门整体支出绩效目标表',
};

/** The sheet a new blank table goes on (a new workbook's, or a new sheet of the open one). */
export const BLANK_SHEET_NAME: Readonly<Record<BlankLayout, string>> = {
  A: '项目支出绩效目标表',
  B: '项目绩效目标表',
  D: '部门整体绩效目标表',
};
