/** Review order of the findings list (task pane and checker page), on the example workbook's real result. */
import { readFileSync } from 'fs';
import path from 'path';
import { cliResult } from '../addin/helpers';
import { findingKey, membersOf, onlyShown, orderKeys, reviewGroups, reviewOrder, toggleOnly } from '../../src/taskpane/components/review';
import { isFolded } from '../../src/core/fold';
import type { CheckResult, Severity } from '../../src/core/findings';

const ALL = new Set<Severity>(['error', 'warning', 'info']);
let result: CheckResult;

beforeAll(async () => {
  result = await cliResult(readFileSync(path.join(__dirname, '../../examples/示例-绩效目标表.xlsx')));
  // the example has every severity, in several tables: the orders below can differ from the report's
  expect(result.summary.errors).toBeGreaterThan(0);
  expect(result.summary.warnings).toBeGreaterThan(0);
  expect(result.summary.infos).toBeGreaterThan(0);
});

const tableAt = (r: CheckResult) => new Map(r.tables.map((t, i) => [t.id, i]));

test('worst first across the workbook: every error, then every warning, then every hint, each in workbook order', () => {
  const groups = reviewGroups(result, ALL, 'severity');
  expect(groups.map((g) => g.id)).toEqual(['error', 'warning', 'info']);
  expect(groups.map((g) => g.title)).toEqual([
    `错误（${result.summary.errors}）`,
    `警告（${result.summary.warnings}）`,
    `提示（${result.summary.infos}）`,
  ]);
  const order = reviewOrder(groups);
  // every finding listed once: itself, or folded into its table's line of placeholder rows
  const members = order.flatMap(membersOf);
  expect(members).toHaveLength(result.findings.length);
  expect(new Set(members)).toEqual(new Set(result.findings));
  const at = tableAt(result);
  const rank = { error: 0, warning: 1, info: 2 };
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [order[i - 1], order[i]];
    const key = (f: typeof a) => [rank[f.severity], at.get(f.tableId)!, f.row, f.col];
    const [ka, kb] = [key(a), key(b)];
    const cmp = ka.findIndex((v, k) => v !== kb[k]);
    expect(cmp === -1 || ka[cmp] < kb[cmp]).toBe(true);
  }
  // the first finding to review is an error, although the first table's first finding is not
  expect(order[0].severity).toBe('error');
  expect(result.findings[0].severity).not.toBe('error');
});

test('table by table: every table found is a group, one without findings too; worst first within a table', () => {
  const groups = reviewGroups(result, new Set<Severity>(['error']), 'table');
  expect(groups.map((g) => g.tableId)).toEqual(result.tables.map((t) => t.id));
  expect(groups.some((g) => g.findings.length === 0)).toBe(true);
  expect(reviewOrder(groups).every((f) => f.severity === 'error')).toBe(true);
  for (const g of reviewGroups(result, ALL, 'table')) {
    const ranks = g.findings.map((f) => ({ error: 0, warning: 1, info: 2 })[f.severity]);
    expect(ranks).toEqual([...ranks].sort());
  }
});

test('a count clicked shows only its severity; clicked again, all of them', () => {
  const errorsOnly = toggleOnly(ALL, 'error');
  expect([...errorsOnly]).toEqual(['error']);
  expect(onlyShown(errorsOnly)).toBe('error');
  expect(toggleOnly(errorsOnly, 'error')).toEqual(ALL);
  expect([...toggleOnly(errorsOnly, 'info')]).toEqual(['info']);
  expect(onlyShown(ALL)).toBeNull();
});

test("a table's placeholder rows are one item, as in the command line's report; a picked row finds it", () => {
  const placeholders = result.findings.filter((f) => f.code === 'placeholder-row');
  const byTable = new Map<string, number>();
  for (const f of placeholders) byTable.set(f.tableId, (byTable.get(f.tableId) ?? 0) + 1);
  // the example has a table with many of them (else this test proves nothing)
  expect(Math.max(...byTable.values())).toBeGreaterThanOrEqual(3);
  for (const grouping of ['severity', 'table'] as const) {
    const order = reviewOrder(reviewGroups(result, ALL, grouping));
    const folds = order.filter(isFolded);
    expect(folds.map((f) => f.tableId).sort()).toEqual(
      [...byTable]
        .filter(([, n]) => n >= 3)
        .map(([id]) => id)
        .sort(),
    );
    for (const fold of folds) {
      const rows = placeholders.filter((f) => f.tableId === fold.tableId).sort((a, b) => a.row - b.row);
      expect(fold.folded).toEqual(rows);
      expect(fold.cell).toBe(rows[0].cell);
      const named =
        rows
          .slice(0, 8)
          .map((f) => f.cell)
          .join('、') + (rows.length > 8 ? ' 等' : '');
      expect(fold.message).toBe(`${rows.length} 处未命名的“指标N:”空白占位行（${named}），不需要时请删除`);
      expect(fold.fix).toBeUndefined();
      const keys = orderKeys(order);
      for (const m of rows) expect(keys.get(findingKey(m))).toBe(order.indexOf(fold));
    }
    // tables with one or two are listed row by row
    for (const [id, n] of byTable) if (n < 3) expect(order.filter((f) => f.tableId === id && f.code === 'placeholder-row')).toHaveLength(n);
  }
});
