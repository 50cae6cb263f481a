/**
 * Bugs found in src/core by the hardening work, written as `test.failing`: each body states the
 * behaviour we want and fails today. When the core is fixed the test starts failing as a reminder:
 * change `test.failing` to `test`.
 *
 * Inputs are pure grids (test/core/helpers tableA: a layout-A table at A1; 指标值 in column E,
 * rows 10..15 = 培训班次, 培训合格率, 培训计划按期完成率, 培训经费, 履职能力达标率, 满意度).
 * The CLI and the add-in both read a date cell as "YYYY-MM-DD" and a formula error as its code.
 */
import { checkWorkbook } from '../../src/core/check';
import type { CellValue } from '../../src/core/grid';
import { countRegexExecs } from '../checker/count';
import { sheetOf, tableA } from '../core/helpers';

const at = (over: Record<string, CellValue>, cell: string) => checkWorkbook(sheetOf(tableA(over))).findings.filter((f) => f.cell === cell);

describe('bugs found by hardening, fixed', () => {
  // E10 (培训班次) = "#DIV/0!", "#N/A", "#VALUE!", "#NAME?": no finding at all today.
  // A formula error is not a target value: missing-value (or value-format) should flag it.
  test.each(['#DIV/0!', '#N/A', '#VALUE!', '#NAME?', '#REF!'])('a formula error %s as 指标值 is reported', (err) => {
    expect(at({ '9,4': err }, 'E10').length).toBeGreaterThan(0);
  });

  // D5/C5 money cell holding a date (read as "2024-01-10"): today sum-mismatch says
  // "「年度资金总额(含本级和市县)」2024万元不等于…": the year is taken for an amount.
  test('a date in a money cell is not read as an amount', () => {
    const f = at({ '4,2': '年度资金总额(含本级和市县) 2024-01-10' }, 'C5');
    expect(f.length).toBeGreaterThan(0);
    expect(f.map((x) => x.message).join('')).not.toContain('2024万元');
  });

  // 时效指标 with a real date cell: E12 "2024-12-31" for 培训完成时间. Today: value-format warning
  // "比较符和数值「2024」与文字说明「-12-31」矛盾" (there is no comparator). "2024年12月31日前" passes.
  test('a date as the value of a 时效 indicator is accepted', () => {
    expect(at({ '11,3': '指标1:培训完成时间', '11,4': '2024-12-31' }, 'E12')).toEqual([]);
  });

  // The 三级 name cell merged over the (empty) 指标值 column: D10:E10 merged, E10 empty. missing-value
  // is reported at F10, outside the table A1:E15 (the header's 指标值 column is E). Found by
  // mutation.property.test.ts on the layout-B fixture (stale merged areas).
  test('missing-value stays inside the table when the name cell is merged over the value column', () => {
    const r = checkWorkbook(sheetOf(tableA({ '9,4': null }), [{ top: 9, left: 3, bottom: 9, right: 4 }]));
    expect(r.tables.map((t) => t.range)).toEqual(['A1:E15']);
    expect(r.findings.map((f) => `${f.cell} ${f.code}`)).toEqual(['E10 missing-value']);
  });

  // Quadratic text scan: findAmounts/analyseText call clauseBefore() for every amount, which walked back
  // to the previous punctuation mark, i.e. to the start of a text without any. A 32,000-character
  // goal text "1万元1万元…" (C8) took ~3 s to check, 16,000 characters ~0.8 s (doubling = x4); a
  // sheet of such cells took minutes. Fixed by a bounded look-back (the keywords sit right before the amount).
  // Counted, not timed: the look-back tests one character per regular-expression execution, so the
  // executions of the whole check grow like the text (x2 per doubling) when the scan is linear, x4 when not.
  test('a goal text full of amounts costs work linear in its length (8,000 vs 16,000 characters)', () => {
    const execsWith = (amounts: number) =>
      countRegexExecs(() => checkWorkbook(sheetOf(tableA({ '7,2': '年度总体绩效目标(含本级和市县) ' + '1万元'.repeat(amounts) }))));
    const base = countRegexExecs(() => checkWorkbook(sheetOf(tableA())));
    const n = execsWith(2_666) - base;
    const n2 = execsWith(5_332) - base;
    expect(n).toBeGreaterThan(2_666); // the amounts are really scanned
    expect(n2).toBeLessThanOrEqual(2.2 * n);
  });

  // A stray cell far below a table joins the table: range "A1:XFD100001" for a 15-row table here,
  // "A1:XFD1048576" on the real sheet of test/hardening/hostile.ts case "limits" (sheet 末尾单元格).
  test('a stray cell 100,000 rows below does not stretch the table range', () => {
    const wb = sheetOf(tableA());
    const rows = wb.sheets[0].cells;
    rows[100000] = [];
    rows[100000][16383] = '末尾';
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    expect(checkWorkbook(wb).tables.map((t) => t.range)).toEqual(['A1:E15']);
  });

  // Found by mutation.property.test.ts (seed 230139503): the title cell emptied and a merge B1:C3
  // laid over the 项目名称 value; missing-field pointed at the merge's top-left B1, above the table.
  test('a merge starting above the table never puts a finding outside it', () => {
    const rows = tableA({ '0,0': null });
    const merges = [
      { top: 1, left: 0, bottom: 1, right: 1 },
      { top: 0, left: 1, bottom: 2, right: 2 },
    ];
    const r = checkWorkbook(sheetOf(rows, merges));
    expect(r.findings.find((f) => f.code === 'missing-field')?.cell).toBe('C2');
    for (const f of r.findings) {
      const t = r.tables.find((x) => x.id === f.tableId)!;
      const top = parseInt(t.range.split(':')[0].replace(/[A-Z]+/, ''), 10) - 1;
      expect(f.row).toBeGreaterThanOrEqual(top);
    }
  });
});
