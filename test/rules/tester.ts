/**
 * RuleTester, after ESLint's: one rule, `valid` tables (no finding of the rule) and `invalid` tables (each finding
 * of the rule: cell, message id, the exact Chinese text, and for a message holding sub-messages their ids).
 *
 * A table is a real transcription from test/corpus/tables (`corpus: id`, optionally with cells changed, like a
 * mutation: `set: { E18: '≥9090%' }`) or a small text grid (`grid`): one line per row, cells separated by `|`
 * (spaces around them ignored), `^` / `<` for a cell merged with the one above / on the left (the corpus format,
 * test/corpus/README.md), plain numbers become numeric cells.
 *
 * Each case runs the rule alone on every table the checker detects (its raw findings, formatted by the rule), and the
 * whole checker (checkWorkbook): the rule must be reported on exactly the cells of the expected findings.
 */
import type { Profile } from '../../src/core/config';
import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import { type CellValue, type WorkbookGrid, a1 } from '../../src/core/grid';
import type { Messages, PlaceholderValue, TypedRule } from '../../src/core/rules/types';
import { a1ToRC, parseTranscription, readExpected, readTranscription } from '../corpus/format';

export interface TableSource {
  /** Id of a real table in test/corpus/tables (its profile is the one its expectations name). */
  corpus?: string;
  /** A small grid (see above) when no real table shows the case. */
  grid?: string;
  /** Cells to change (A1 -> value; '' or null empties the cell), applied to the corpus table or the grid. */
  set?: Record<string, CellValue | ''>;
  /** The indicator system to check with (default: the corpus table's, else LOCAL). */
  profile?: Profile;
}

export interface ValidCase extends TableSource {
  /** What the case shows (the test's name). */
  name: string;
}

export interface ExpectedFinding<M extends Messages> {
  cell: string;
  messageId: keyof M & string;
  /** The exact text the user reads. */
  message: string;
  /** Ids of the sub-messages inside the message (value-format's problems), when it has any. */
  parts?: (keyof M & string)[];
}

export interface InvalidCase<M extends Messages> extends ValidCase {
  /** Every finding of the rule, in report order (row, then column, then as the rule returns them). */
  errors: ExpectedFinding<M>[];
  /**
   * The one-click corrections (修正) the whole checker offers on the rule's findings: cell -> { before, after }.
   * Every other finding of the rule must have none (omitted: no finding of the case has a fix).
   */
  fixes?: Record<string, { before: CellValue; after: string }>;
}

export interface RuleTests<M extends Messages> {
  valid: ValidCase[];
  invalid: InvalidCase<M>[];
}

/** A grid of `|`-separated cells as the corpus format (TAB-separated) and parsed by its reader. */
export function gridOf(text: string): { cells: CellValue[][]; merges: WorkbookGrid['sheets'][number]['merges'] } {
  const lines = text.replace(/^\n+|\s+$/g, '').split('\n');
  const body = lines.map((l) =>
    l
      .trim()
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'))
      .join('\t'),
  );
  const t = parseTranscription('grid', `---\n${body.join('\n')}\n`);
  return { cells: t.cells, merges: t.merges };
}

/** The workbook and profile of a case. */
export function workbookOf(src: TableSource): { wb: WorkbookGrid; profile: Profile } {
  let cells: CellValue[][];
  let merges: WorkbookGrid['sheets'][number]['merges'];
  let profile: Profile = src.profile ?? 'LOCAL';
  if (src.corpus) {
    const t = readTranscription(src.corpus);
    cells = t.cells;
    merges = t.merges;
    profile = src.profile ?? readExpected(src.corpus).profile ?? 'LOCAL';
  } else if (src.grid !== undefined) ({ cells, merges } = gridOf(src.grid));
  else throw new Error('a case needs `corpus` or `grid`');
  cells = cells.map((r) => r.slice());
  for (const [addr, v] of Object.entries(src.set ?? {})) {
    const [r, c] = a1ToRC(addr);
    while (cells.length <= r) cells.push([]);
    cells[r][c] = v === '' ? null : v;
  }
  return { wb: { sheets: [{ name: 'Sheet1', rowOffset: 0, colOffset: 0, cells, merges }] }, profile };
}

/** The findings of one rule on a case's tables: raw (before merging per cell), formatted by the rule. */
export function findingsOf<M extends Messages>(rule: TypedRule<M>, src: TableSource): ExpectedFinding<M>[] {
  const { wb, profile } = workbookOf(src);
  const out: (ExpectedFinding<M> & { row: number; col: number })[] = [];
  for (const t of parseWorkbook(wb, { profile })) {
    for (const r of rule.check(t, { profile })) {
      const f: ExpectedFinding<M> & { row: number; col: number } = {
        row: r.cell.row,
        col: r.cell.col,
        cell: a1(r.cell.row, r.cell.col),
        messageId: r.messageId,
        message: rule.format(r.messageId, r.data),
      };
      const parts = subMessageIds(r.data);
      if (parts.length) f.parts = parts as (keyof M & string)[];
      out.push(f);
    }
  }
  // (a stable sort: findings of one cell keep the rule's order)
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  return out.map(({ row: _r, col: _c, ...f }) => f);
}

function subMessageIds(data: Readonly<Record<string, PlaceholderValue>> | undefined): string[] {
  const ids: string[] = [];
  for (const v of Object.values(data ?? {}))
    if (typeof v === 'object') for (const m of v.items) ids.push(m.messageId, ...subMessageIds(m.data));
  return ids;
}

/** The cells at which the whole checker reports `code` (findings of one rule on one cell are merged). */
function checkerCells(code: string, src: TableSource): string[] {
  const { wb, profile } = workbookOf(src);
  return checkWorkbook(wb, { profile })
    .findings.filter((f) => f.code === code)
    .map((f) => f.cell);
}

/** The fixes the whole checker offers on findings of `code`, by cell. */
export function checkerFixes(code: string, src: TableSource): Record<string, { before: CellValue; after: string }> {
  const { wb, profile } = workbookOf(src);
  const out: Record<string, { before: CellValue; after: string }> = {};
  for (const f of checkWorkbook(wb, { profile }).findings) {
    if (f.code !== code || !f.fix) continue;
    expect([f.fix.sheet, f.fix.cell, f.fix.row, f.fix.col]).toEqual([f.sheet, f.cell, f.row, f.col]);
    out[f.cell] = { before: f.fix.before, after: f.fix.after };
  }
  return out;
}

/** Registers the jest tests of one rule. */
export function ruleTester<M extends Messages>(rule: TypedRule<M>, tests: RuleTests<M>): void {
  describe(rule.code, () => {
    describe('valid', () => {
      for (const c of tests.valid) {
        test(c.name, () => {
          expect(findingsOf(rule, c)).toEqual([]);
          expect(checkerCells(rule.code, c)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of tests.invalid) {
        test(c.name, () => {
          expect(c.errors.length).toBeGreaterThan(0);
          expect(findingsOf(rule, c)).toEqual(c.errors);
          expect(checkerCells(rule.code, c).sort()).toEqual([...new Set(c.errors.map((e) => e.cell))].sort());
          expect(checkerFixes(rule.code, c)).toEqual(c.fixes ?? {});
        });
      }
    });
  });
}

/**
 * A small layout-A project table (宁夏 "指标1:" template, test/core/helpers.ts tableA) for cases no real table
 * shows: no finding of any rule as it is.
 */
export const TABLE_A = `
2024年部门项目支出预算绩效目标表 |  |  |  |
项目名称 |  | 干部培训经费 |  |
主管部门 |  | 中共某县委组织部 | 实施单位 | 中共某县委组织部
项目属性 |  | 一年期项目 | 项目期 | 2024年1-12月
项目资金 (万元) |  | 年度资金总额(含本级和市县) 20 | 年度资金总额(含本级) 20 |
 |  | 其中:财政拨款20 | 其中:财政拨款20 |
 |  | 其他资金 | 其他资金 |
绩效目标 |  | 年度总体绩效目标(含本级和市县) 完成培训任务 | 年度绩效目标(含本级) 完成培训任务 |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值
 | 产出指标 | 数量指标 | 指标1:培训班次 | ≥10次
 |  | 质量指标 | 指标1:培训合格率 | ≥95%
 |  | 时效指标 | 指标1:培训计划按期完成率 | 100%
 |  | 成本指标 | 指标1:培训经费 | ≤20万元
 | 效益指标 | 社会效益指标 | 指标1:参训人员履职能力达标率 | ≥90%
 | 满意度指标 | 服务对象满意度指标 | 指标1:参训人员满意度 | ≥90%
`;

/**
 * A layout-B project table with a 资金支出计划 (北戴河 2020 template, ../shared/seeds/layoutB-beidaihe-2020-…):
 * cumulative shares at 3月底 | 6月底 | 10月底 | 12月底 in B5:E5. No finding of any rule as it is.
 */
export const TABLE_B = `
1、测试项目绩效目标表 |  |  |  |  |  |
项目编码 | X-1 |  | 项目名称 | 测试项目 |  |
预算规模及资金用途 | 预算数 | 10 | 其中：财政资金 | 10 | 其他资金 |
资金支出计划（%） | 3月底 | 6月底 | 10月底 | 12月底 |  |
 | 25 | 50 | 75 | 100 |  |
绩效目标 | 完成任务 |  |  |  |  |
 | 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据
绩效指标 | 产出指标 | 数量指标 | 培训人次 | 描述 | ≥100人次 |
 | 效益指标 | 社会效益指标 | 培训合格率 | 描述 | ≥95% |
 | 满意度指标 | 服务对象满意度指标 | 群众满意度 | 描述 | ≥90% |
`;

/** A grid with `lines` inserted after its row `row` (1-based, as in A1), rows below moving down. */
export function insertRows(grid: string, row: number, ...lines: string[]): string {
  const rows = grid.replace(/^\n+|\s+$/g, '').split('\n');
  rows.splice(row, 0, ...lines);
  return `\n${rows.join('\n')}\n`;
}
