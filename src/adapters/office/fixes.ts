/**
 * 修正 in the task pane: a finding's one safe correction (core Fix) written into its cell on the user's click, and
 * 撤销, which puts the cell back as it was. Both check the cell first, in the same Excel.run (two syncs each):
 *
 * - a cell holding a formula is never changed (the grid cannot tell a formula from its value, see core Fix);
 * - a fix applies only while the cell still holds what the checker read (`before`), and 撤销 only while the cell
 *   still holds the corrected text: a cell the user changed in between is left alone, with a message saying so.
 *
 * The corrected text is written as text. Where the cell held a number ("0.95" → "95%"), its number format is set to
 * text (@) first, so that Excel keeps the text as written rather than reading it as a number again; 撤销 puts the
 * number format back too. Excel's own undo may not cover add-in writes (capabilities.undoKept), hence 撤销 here.
 */
import type { Fix } from '../../core/findings';
import type { OfficeEnv } from './context';
import { officeCellValue } from './values';

/** What 撤销 needs: the fix and the cell as it was. */
export interface AppliedFix {
  fix: Fix;
  /** The cell's value before the fix, as Excel gave it (a number stays a number). */
  value: unknown;
  /** The cell's number format before the fix. */
  numberFormat: string;
  /** The number format was set to text for the fix. */
  formatChanged: boolean;
}

export type FixOutcome = { applied: AppliedFix } | { refused: string };

interface CellNow {
  formula: unknown;
  value: unknown;
  numberFormat: string;
}

async function readCell(ctx: Excel.RequestContext, fix: Fix): Promise<{ range: Excel.Range; now: CellNow }> {
  const range = ctx.workbook.worksheets.getItem(fix.sheet).getRange(fix.cell).load('formulas,values,numberFormat');
  await ctx.sync();
  const f = (range.formulas as unknown[][])[0][0];
  const nf = (range.numberFormat as unknown[][])[0][0];
  return { range, now: { formula: f, value: (range.values as unknown[][])[0][0], numberFormat: typeof nf === 'string' ? nf : 'General' } };
}

const isFormula = (f: unknown) => typeof f === 'string' && f.startsWith('=');

/** Writes the fix into its cell (two syncs), or says why not. */
export async function applyFix(env: OfficeEnv, fix: Fix): Promise<FixOutcome> {
  return env.run(async (ctx) => {
    const { range, now } = await readCell(ctx, fix);
    if (isFormula(now.formula)) return { refused: `${fix.sheet}!${fix.cell} 是公式，未修改。` };
    if (officeCellValue(now.value, now.numberFormat) !== fix.before)
      return { refused: `${fix.sheet}!${fix.cell} 的内容已改变，未修正。请重新校验。` };
    const formatChanged = typeof now.value === 'number';
    if (formatChanged) range.numberFormat = [['@']];
    range.values = [[fix.after]];
    await ctx.sync();
    return { applied: { fix, value: now.value, numberFormat: now.numberFormat, formatChanged } };
  });
}

/** Puts the cell back as it was before the fix (two syncs), or says why not. */
export async function undoFix(env: OfficeEnv, a: AppliedFix): Promise<FixOutcome> {
  return env.run(async (ctx) => {
    const { range, now } = await readCell(ctx, a.fix);
    if (isFormula(now.formula) || now.value !== a.fix.after) return { refused: `${a.fix.sheet}!${a.fix.cell} 在修正后又被修改，未撤销。` };
    if (a.formatChanged) range.numberFormat = [[a.numberFormat]];
    range.values = [[a.value as string | number | boolean]];
    await ctx.sync();
    return { applied: a };
  });
}
