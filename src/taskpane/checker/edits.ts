/** 忽略此条, 规则设置 and 修正: what the user changes, each followed by a new check. */
import type { RuleSetting } from '../../core/config';
import type { Finding, Fix } from '../../core/findings';
import { type AppliedFix, applyFix, undoFix } from '../../adapters/office/fixes';
import { type AppliedRows, type RowsOutcome, deleteRows, undoDeleteRows } from '../../adapters/office/rows';
import { type RowDeletion, placeholderRowDeletion, rowAfterDeletion, rowBeforeDeletion } from '../../core/row-deletion';
import { a1, parseA1 } from '../../core/grid';
import { membersOf, shortList } from '../../core/fold';
import { describeError } from '../../adapters/office/errors';
import { type IgnoredEntry, entryOf } from '../../adapters/office/review';
import { setReview } from '../../adapters/office/workbook';

import type { Ctx, Profile } from './state';

const ignoredWhat = (f: Finding) => {
  const n = membersOf(f).length;
  return n > 1 ? `${f.sheet} 的 ${n} 处空白占位行` : `${f.sheet}!${f.cell} 的这条问题`;
};

/**
 * 忽略此条 / 恢复: the list of ignored findings (those of the last result still ignored, plus or minus `f`) is
 * stored in the workbook, then the workbook is checked again (the ignored cells lose their marks).
 */
export function makeReview(c: Ctx, check: (p: Profile, h: boolean) => Promise<unknown>) {
  return async (change: { ignore: Finding } | { restore: Finding | 'all' }) => {
    const outcome = c.get().outcome;
    if (!outcome) return;
    const now = outcome.ignored ?? [];
    // (a folded line of placeholder rows is ignored as the rows it stands for)
    const next =
      'ignore' in change ? [...now, ...membersOf(change.ignore)] : change.restore === 'all' ? [] : now.filter((f) => f !== change.restore);
    c.patch({ busy: 'ignore', error: null, notice: null });
    try {
      await setReview(c.env, next.map(entryOf), outcome.rules ?? {});
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
      return;
    }
    await check(c.last.profile, c.last.paintHints);
    const text = 'ignore' in change ? `已忽略 ${ignoredWhat(change.ignore)}（记录在工作簿中，可在“已忽略”中恢复）。` : '已恢复。';
    c.update((s) => (s.error ? s : { ...s, notice: { intent: 'success', text } }));
  };
}

/**
 * 规则设置: the rules turned off or graded otherwise (the others at their default), kept in the workbook with the
 * ignored findings; then the workbook is checked again. `said` is the notice afterwards.
 */
export function makeRuleSettings(c: Ctx, check: (p: Profile, h: boolean) => Promise<unknown>) {
  return async (rules: Readonly<Record<string, RuleSetting>>, said: string) => {
    const outcome = c.get().outcome;
    if (!outcome) return;
    c.patch({ busy: 'ignore', error: null, notice: null });
    try {
      await setReview(c.env, (outcome.ignored ?? []).map(entryOf), rules);
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
      return;
    }
    await check(c.last.profile, c.last.paintHints);
    c.update((s) => (s.error ? s : { ...s, notice: { intent: 'success', text: `${said}设置记录在工作簿中。` } }));
  };
}

/**
 * After a 修正, a deletion of rows or their 撤销: what 撤销 would undo (`fixed`, null after an 撤销) kept, the sheet
 * checked again, then the notice, with 撤销 beside it while there is something to undo.
 */
async function settle(
  c: Ctx,
  recheckSheet: (sheet: string) => Promise<void>,
  sheet: string,
  fixed: AppliedFix | AppliedRows | null,
  text: string,
): Promise<void> {
  c.patch({ busy: null, fixed });
  await recheckSheet(sheet);
  c.update((s) => (s.error ? s : { ...s, notice: { intent: 'success', text, undo: fixed !== null } }));
}

/** 修正 and 撤销: the cell written on the user's click (or placeholder rows deleted), then its sheet checked again. */
export function makeFix(c: Ctx, recheckSheet: (sheet: string) => Promise<void>) {
  const act = async (what: 'fix' | 'undo', f: Fix | AppliedFix) => {
    c.patch({ busy: 'fix', error: null, notice: null });
    try {
      const r = what === 'fix' ? await applyFix(c.env, f as Fix) : await undoFix(c.env, f as AppliedFix);
      const fix = 'fix' in f ? f.fix : (f as Fix);
      if ('refused' in r) {
        c.patch({ busy: null, notice: { intent: 'warning', text: r.refused } });
        return;
      }
      const text =
        what === 'fix'
          ? `已修正 ${fix.sheet}!${fix.cell}：「${String(fix.before)}」改为「${fix.after}」。`
          : `已撤销对 ${fix.sheet}!${fix.cell} 的修正，恢复为「${String(fix.before)}」。`;
      await settle(c, recheckSheet, fix.sheet, what === 'fix' ? r.applied : null, text);
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
  const rows = makeRows(c, recheckSheet);
  return {
    fix: (f: Fix) => act('fix', f),
    undo: (a: AppliedFix | AppliedRows) => ('deletion' in a ? rows.undo(a) : act('undo', a)),
    deleteRows: rows.remove,
  };
}

const rowList = (rows: readonly number[]) => shortList(rows.map((r) => r + 1));

/** The words for what a deletion of placeholder rows did (and what it left, with why). */
export function deletionText(d: RowDeletion): string {
  const kept = d.kept.length
    ? `另有 ${d.kept.length} 行未删除（第 ${rowList(d.kept.map((k) => k.row))} 行），因为${d.kept[0].reason}${d.kept.length > 1 ? '等' : ''}。`
    : '';
  return `已删除 ${d.sheet} 的 ${d.rows.length} 行空白占位行（第 ${rowList(d.rows)} 行）。${kept}`;
}

/** An ignored finding's entry where its cell is after rows moved (none when its row went). */
function movedEntry(e: IgnoredEntry, sheet: string, move: (row: number) => number | null): IgnoredEntry[] {
  const at = e.sheet === sheet ? parseA1(e.cell) : null;
  if (!at) return [e];
  const row = move(at.row);
  return row === null ? [] : [{ ...e, cell: a1(row, at.col) }];
}

/** 删除空白行 for a placeholder-row finding or a table's folded line of them, and its 撤销. */
function makeRows(c: Ctx, recheckSheet: (sheet: string) => Promise<void>) {
  const done = (sheet: string, fixed: AppliedRows | null, text: string) => settle(c, recheckSheet, sheet, fixed, text);
  const run = async (work: () => Promise<RowsOutcome>, after: (a: AppliedRows) => Promise<void>) => {
    c.patch({ busy: 'fix', error: null, notice: null });
    try {
      const r = await work();
      if ('refused' in r) c.patch({ busy: null, notice: { intent: 'warning', text: r.refused } });
      else await after(r.applied);
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
  // the findings the user ignored are kept by cell: those below the rows follow them (and back on 撤销)
  const moveIgnored = async (d: RowDeletion, move: (row: number) => number | null, back: readonly IgnoredEntry[] = []) => {
    const outcome = c.get().outcome;
    const now = (outcome?.ignored ?? []).map(entryOf);
    const next = [...now.flatMap((e) => movedEntry(e, d.sheet, move)), ...back];
    if (JSON.stringify(next) !== JSON.stringify(now)) await setReview(c.env, next, outcome?.rules ?? {});
  };
  return {
    remove: async (f: Finding) => {
      const grid = c.get().outcome?.grid.sheets.find((s) => s.name === f.sheet);
      if (!grid) return;
      const d = placeholderRowDeletion(grid, membersOf(f));
      await run(
        () => deleteRows(c.env, d, grid),
        async (a) => {
          const gone = (c.get().outcome?.ignored ?? []).filter((g) => g.sheet === d.sheet && d.rows.includes(g.row)).map(entryOf);
          await moveIgnored(d, (r) => rowAfterDeletion(r, d.rows));
          await done(f.sheet, { ...a, ignoredInRows: gone }, deletionText(d));
        },
      );
    },
    undo: (a: AppliedRows) =>
      run(
        () => undoDeleteRows(c.env, a),
        async () => {
          const d = a.deletion;
          await moveIgnored(d, (r) => rowBeforeDeletion(r, d.rows), a.ignoredInRows);
          await done(d.sheet, null, `已撤销删除，${d.sheet} 的 ${d.rows.length} 行已恢复原样。`);
        },
      ),
  };
}
