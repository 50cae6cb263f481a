/**
 * The add-in reads what the command line reads on the realistic tables of test/checker/unseen-tables.ts (layouts
 * the checker was not developed on: C2021 costs, offsets, amounts in 元, wide merges, 度量单位 columns, the central
 * 申报表 templates, side-by-side tables, percent and custom number formats): 一键校验 on the fake Office.js host,
 * with ExcelApi 1.9 special cells and without, gives exactly the command line's tables and findings, and
 * highlights exactly the finding cells.
 */
import ExcelJS from 'exceljs';
import { runCheck } from '../../src/adapters/office/workbook';
import { valueSnapshot } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import * as U from '../checker/unseen-tables';
import { changedCells, cliResult, content, expectedMarks, fillAt, hostFor } from './helpers';

const BLOCKS: [string, U.Block | (() => U.Block)][] = [
  ['U01', U.u01C2021],
  ['U01b', U.u01bCosts],
  ['U02', U.u02Offset],
  ['U03', U.u03Amounts],
  ['U04', U.u04WideMerges],
  ['U05', U.u05OldNames],
  ['U06', U.u06Department],
  ['U07', () => U.u07Plan()],
  ['U07b', () => U.u07Plan([20, 45, 40, 100])],
  ['U09', U.u09Notes],
  ['U09b', U.u09Signature],
  ['U10', U.u10Values],
  ['U11', U.u11LayoutC],
  ['U12', U.u12UnitColumn],
  ['U12b', U.u12Direction],
  ['U13', U.u13TwoRowHeader],
  ['U14', () => U.u14DeptIncome()],
  ['U14b', () => U.u14DeptIncome(300)],
  ['U15', U.u15Yuan],
  ['U16', U.u16Instructions],
  ['U17', U.u17SharedValue],
  ['U18', U.u18CentralDept],
  ['U19', () => U.u19CentralProject()],
  ['U19b', () => U.u19CentralProject(true)],
  ['U20', U.u20SelfRaised],
  ['U21', U.u21UnitLabels],
  ['U22', U.u22LineBreaks],
  ['U22b', U.u22bLineBreaksA],
  ['U22c', U.u22cBrokenCategories],
  ['U23', U.u23Numbered],
  ['U23b', U.u23bDigits],
  ['U24', U.u24FullWidth],
  ['U25', () => U.u25Thousands()],
  ['U25b', U.u25bYuanText],
  ['U25c', U.u25cSeparateCells],
  ['U27', U.u27Spaces],
  ['U28', () => U.u28HeaderUnit()],
  ['U28b', () => U.u28HeaderUnit(120)],
  ['U29', U.u29Words],
  ['U30', () => U.u30Score()],
  ['U30b', () => U.u30Score('权重(分)')],
  ['U31', () => U.u31UnitColumn()],
  ['U31b', () => U.u31UnitColumn('计量单位')],
  ['U32', () => U.u32ThreeParts()],
  ['U32b', () => U.u32bLevels()],
  ['U32x', () => U.u32bLevels(20)],
  ['U33', U.u33DeptUnitName],
  ['U34', () => U.u34PlanAmounts()],
  ['U34x', () => U.u34PlanAmounts([5, 12, 10, 20])],
  ['U35', U.u35Formulas],
  ['U36', U.u36Cover],
  ['U37', () => U.u37SerialColumn()],
  ['U37b', () => U.u37SerialColumn(null)],
  ['U38', () => U.u38NameWithValue()],
  ['U40', () => U.u40NumberedGoal()],
  ['U40x', () => U.u40NumberedGoal(15)],
  ['U41', U.u41Rates],
  ['U42', U.u42Ranges],
  ['U43', () => U.u43Qualitative()],
  ['U43b', () => U.u43Qualitative(true)],
  ['U44', () => U.u44Dates()],
  ['U44b', () => U.u44Dates('yyyy"年"m"月"d"日"')],
  ['U45', () => U.u45FundsList()],
  ['U45x', () => U.u45FundsList(26)],
  ['U46', U.u46DeptTasks],
  ['U47', U.u47HeaderFields],
  ['U50', () => U.u50Suixi()],
  ['U50x', () => U.u50Suixi({ basic: 600.03 })],
  ['U51', U.u51TaskAmounts],
  ['U52', () => U.u52CarryOver()],
  ['U52x', () => U.u52CarryOver(600)],
  ['P1', U.p1EmptyValue],
  ['P2', U.p2Funds],
  ['P4', U.p4Garbled],
];

/** Every block on its own sheet (at C3 for every third one), plus two sheets of tables side by side and stacked. */
async function unseenWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  BLOCKS.forEach(([name, b], i) => {
    const at = i % 3 === 2 ? 3 : 1;
    U.put(wb.addWorksheet(name), at, at, typeof b === 'function' ? b() : b);
  });
  const side = wb.addWorksheet('并排');
  const left = U.put(side, 1, 1, U.small('左表项目', 10));
  U.put(side, 1, left.right + 2, U.p1EmptyValue);
  const stacked = wb.addWorksheet('上下');
  const top = U.put(stacked, 1, 1, U.small('上表项目', 8));
  U.put(stacked, top.bottom + 2, 1, U.p2Funds);
  return U.bufferOf(wb);
}

let buf: Buffer;
beforeAll(async () => {
  buf = await unseenWorkbook();
});

test.each([
  ['with ExcelApi 1.9 special cells', true],
  ['without them (number formats of every cell)', false],
])(
  '一键校验 %s: the command line’s tables and findings, highlights on exactly the finding cells',
  async (_name, special) => {
    const cli = await cliResult(buf);
    // the workbook is a real test: many tables, some with problems
    expect(cli.tables.length).toBeGreaterThanOrEqual(BLOCKS.length + 2);
    expect(cli.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);

    const original = await loadXlsx(buf);
    const { host, env } = await hostFor(await loadXlsx(buf));
    if (!special) env.capabilities = { ...env.capabilities, specialCells: false };
    const out = await runCheck(env);
    expect(out.result).toEqual(cli);
    expect(out.notes).toEqual([]);
    expect(host.stats.syncs).toBe(5);

    const expected = expectedMarks(original, cli.findings);
    expect(out.marked).toBe(expected.size);
    for (const [k, color] of expected) expect([k, fillAt(host.model, k)]).toMatchObject([k, { color, pattern: 'Solid' }]);
    expect(changedCells(original, host.model)).toEqual(
      new Set(
        [...expected.keys()].filter((k) => fillAt(original, k)?.color !== expected.get(k) || fillAt(original, k)?.pattern !== 'Solid'),
      ),
    );
    expect([...valueSnapshot(host.model, content)]).toEqual([...valueSnapshot(original, content)]);
  },
  60_000,
);
