/**
 * The parsed model of every seed table against its transcription: names, funds and the named
 * indicators (counted independently from the transcription data, not from the parser).
 */
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { parseWorkbook } from '../../src/core/check';
import { type Table, TableSchema } from '../../src/core/model';
import { listTableIds, readTranscription } from '../corpus/format';
import { rawTexts, workbookBuffer } from '../corpus/generate';
import { FIXTURE_FILES } from './fixture-files';
import { layoutATables, layoutBTables, layoutCTables, layoutDTables } from '../fixtures/data';
import type { CellV } from '../fixtures/data';

/** Named 三级 in a name cell as typed: "指标1:X 指标2:" has one, "党代表调研次数" has one. */
function namedIn(cell: CellV): number {
  const s = String(cell).normalize('NFKC').trim();
  if (!s) return 0;
  const parts = s.split(/(?=指标\s*\d+\s*[:：.、])/).map((p) => p.replace(/^指标\s*\d+\s*[:：.、]\s*/, '').trim());
  return parts.filter(Boolean).length;
}
const num = (s: string) => /(\d+(?:\.\d+)?)\s*(万元)?\s*$/.exec(s)?.[1] ?? null;

let A: Table[];
let B: Table[];
let C: Table[];
let D: Table[];
beforeAll(async () => {
  A = parseWorkbook(await readWorkbookGrid('test/fixtures/layoutA-ningxia.xlsx'));
  B = parseWorkbook(await readWorkbookGrid('test/fixtures/layoutB-beidaihe.xlsx'));
  C = parseWorkbook(await readWorkbookGrid('test/fixtures/layoutC-hengdong.xlsx'));
  D = parseWorkbook(await readWorkbookGrid('test/fixtures/layoutD-suixi.xlsx'));
});

test('layout A: 19 tables, names, both funds columns and named indicators', () => {
  expect(A).toHaveLength(layoutATables.length);
  layoutATables.forEach((src, i) => {
    const t = A[i];
    expect(t.name).toBe(src.name);
    expect(t.funds.map((g) => g.total?.amount ?? null)).toEqual([num(src.funds[0][0]), num(src.funds[0][1])]);
    expect(t.funds.map((g) => g.parts.find((p) => p.key === 'fiscal')?.amount ?? null)).toEqual([
      num(src.funds[1][0]),
      num(src.funds[1][1]),
    ]);
    const want = src.indicators.flatMap((b) => b.groups.flatMap((g) => g.rows.map((r) => namedIn(r[0])))).reduce((a, b) => a + b, 0);
    expect(t.indicators.filter((x) => !x.placeholder).length).toBe(want);
    expect(t.goals).toHaveLength(2);
  });
});

test('layout B: 14 tables with 预算数, 财政资金, 资金支出计划 and indicators', () => {
  expect(B).toHaveLength(layoutBTables.length);
  layoutBTables.forEach((src, i) => {
    const t = B[i];
    expect(t.name).toBe(src.name);
    expect(t.fields.find((f) => f.key === 'projectCode')?.value).toBe(src.code);
    expect(Number(t.budget?.amount)).toBe(Number(src.budget));
    expect(Number(t.funds[0].parts.find((p) => p.key === 'fiscal')?.amount)).toBe(Number(src.fiscal));
    expect(t.spendingPlan?.points.map((p) => Number(p.percent))).toEqual(src.plan.map(Number));
    expect(t.indicators.filter((x) => !x.placeholder).length).toBe(src.indicators.flatMap((b) => b.rows).length);
    expect(t.indicators.map((x) => x.rawValue)).toEqual(src.indicators.flatMap((b) => b.rows.map((r) => String(r[3]))));
  });
});

test('layout C: the Hengdong table with 233万元 and its 58 indicators', () => {
  expect(C).toHaveLength(1);
  const [src] = layoutCTables;
  expect(C[0].name).toBe(src.name);
  expect(C[0].budget?.amount).toBe('233');
  const want = src.indicators.flatMap((b) => b.groups.flatMap((g) => g.rows)).length;
  expect(C[0].indicators).toHaveLength(want);
});

test('layout D: the department table, its money, 45 tasks and 58 indicators', () => {
  expect(D).toHaveLength(1);
  const [src] = layoutDTables;
  const t = D[0];
  expect(t.kind).toBe('department');
  expect(t.name).toBe(src.department);
  expect(t.expenses.filter((e) => e.amount !== null).map((e) => Number(e.amount))).toEqual([
    Number(src.basic),
    Number(src.project),
    Number(src.devOther),
  ]);
  expect(t.incomes.map((e) => e.amount)).toEqual([String(src.fiscal), null]);
  expect(t.tasks).toHaveLength(src.tasks.length);
  expect(t.tasks[20]).toMatchObject({ amount: '7' });
  expect(t.tasks[20].name).toMatch(/^任务21/);
  const want = src.indicators.flatMap((b) => b.groups.flatMap((g) => g.rows.map((r) => namedIn(r[0])))).reduce((a, b) => a + b, 0);
  expect(t.indicators.filter((x) => !x.placeholder)).toHaveLength(want);
  expect(new Set(t.indicators.map((x) => x.level1))).toEqual(new Set(['产出指标', '效益指标', '满意度指标']));
});

describe('the model contract (TableSchema): the parser is not validated at run time, so it is here', () => {
  test('every table of every fixture and corpus table validates against TableSchema, unchanged by it', async () => {
    const tables: Table[] = [];
    for (const f of FIXTURE_FILES) tables.push(...parseWorkbook(await readWorkbookGrid(f)));
    for (const id of listTableIds())
      tables.push(...parseWorkbook(await readWorkbookGrid(await workbookBuffer(readTranscription(id), rawTexts(id)))));
    expect(tables.length).toBeGreaterThan(80);
    for (const t of tables) expect(TableSchema.parse(t)).toEqual(t);
  });

  test('the contract can fail: a table with a fractional, negative cell is rejected', () => {
    const bad = structuredClone(A[0]);
    bad.indicators[0].nameCell = { row: 1.5, col: -1 };
    expect(() => TableSchema.parse(bad)).toThrow();
  });
});
