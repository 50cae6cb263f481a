/**
 * Applies template plans with Office.js in a constant number of context.sync() calls, whatever
 * the block size (this module is the public face; the work is in the template-* modules):
 *
 * - insertBlockAtSelection: 2 syncs to read the active sheet (used ranges + selection; then values,
 *   number formats and merged areas), the core parser finds the table at the cursor and the core
 *   planner plans the rows; 1 sync applies everything (row inserts, formats copied from the table's
 *   own rows, values, merges, cursor). 3 syncs in all. (template-sheet, template-plan, template-insert;
 *   a failed applying sync: template-recover)
 * - previewAtSelection: the 2 reading syncs only.
 * - insertBlankTable: new sheet 2 syncs (sheet names, write); at the selection 3 (read, write). (template-blank)
 * - recheckTable: 2 syncs to read the sheet again, then the core checker. (template-recheck)
 *
 * Outcomes carry a Chinese `message` (the cause first, no Excel codes) and, when Excel failed, a
 * `detail` with Excel's code and message for the 详细信息 disclosure.
 */
export { tableAt } from './template-sheet';
export { type InsertRequest, type ProfileChoice, type SuggestOutcome, suggestAtSelection } from './template-plan';
export { INSERT_NEEDS_MERGES, type InsertOutcome, applyBlockPlan, insertBlockAtSelection, previewAtSelection } from './template-insert';
export { rowsText } from './template-recover';
export { BLANK_AT_SELECTION_NEEDS_MERGES, type BlankOutcome, type BlankRequest, applyBlankPlan, insertBlankTable } from './template-blank';
export { type RecheckOutcome, recheckTable } from './template-recheck';
