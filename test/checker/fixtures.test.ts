/** The checker on real .xlsx fixtures built from the seeds: detection, exact findings, no false alarms. */
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';
import type { CheckResult } from '../../src/core/findings';
import { FIXTURE_FILES } from './fixture-files';
import expected from '../fixtures/expected.json';
import manifest from '../fixtures/manifest.json';

const results = new Map<string, CheckResult>();
beforeAll(async () => {
  for (const f of FIXTURE_FILES) results.set(f, checkWorkbook(await readWorkbookGrid(f)));
});
const res = (f: string) => results.get(f)!;
const find = (f: string, code: string, cell: string, sheet?: string) =>
  res(f).findings.find((x) => x.code === code && x.cell === cell && (!sheet || x.sheet === sheet));

describe.each(FIXTURE_FILES)('%s', (file) => {
  test('finds every table of the manifest with its name, range and layout', () => {
    const want = (manifest as { file: string; sheet: string; range: string; layout: string; name: string }[])
      .filter((m) => m.file === file)
      .map((m) => `${m.sheet}!${m.range} ${m.layout} ${m.name}`);
    const got = res(file).tables.map((t) => `${t.sheet}!${t.range} ${t.layout} ${t.name}`);
    expect(got).toEqual(want);
  });
  test('reports exactly the expected errors and warnings, cell by cell', () => {
    const got = res(file)
      .findings.filter((x) => x.severity !== 'info')
      .map((x) => `${x.code} ${x.sheet}!${x.cell}`);
    expect(got).toEqual((expected as Record<string, { problems: string[] }>)[file].problems);
  });
  test('reports the expected number of hints per rule', () => {
    const infos: Record<string, number> = {};
    for (const x of res(file).findings.filter((y) => y.severity === 'info')) infos[x.code] = (infos[x.code] ?? 0) + 1;
    expect(infos).toEqual((expected as Record<string, { infos: Record<string, number> }>)[file].infos);
  });
  test('every finding has a Chinese message and a cell inside its table', () => {
    for (const f of res(file).findings) {
      expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
      const t = res(file).tables.find((x) => x.id === f.tableId)!;
      const [a, b] = t.range.split(':');
      const rowOf = (s: string) => parseInt(s.replace(/[A-Z]+/, ''), 10) - 1;
      expect(f.row).toBeGreaterThanOrEqual(rowOf(a));
      expect(f.row).toBeLessThanOrEqual(rowOf(b));
    }
  });
});

describe('the real problems of the seeds', () => {
  const A = 'test/fixtures/layoutA-ningxia.xlsx';
  const B = 'test/fixtures/layoutB-beidaihe.xlsx';
  const C = 'test/fixtures/layoutC-hengdong.xlsx';
  const D = 'test/fixtures/layoutD-suixi.xlsx';
  test('办公经费: goal-text amounts exceed its 5万元, in both goal cells', () => {
    expect(find(A, 'text-amount-mismatch', 'C39')?.message).toMatch(/8\.22万元.*5万元/);
    expect(find(A, 'text-amount-mismatch', 'D39')?.message).toMatch(/17\.92万元.*5万元/);
  });
  test('驻村: the calculations are right and 4.49 agrees with 4 at whole units', () => {
    expect(res(A).findings.filter((f) => f.table === '驻村工作队员保障经费' && f.code === 'text-amount-mismatch')).toEqual([]);
  });
  test('网络设备: 成本 "≤11.5" has no money unit', () => {
    expect(find(A, 'value-format', 'E18')?.message).toMatch(/金额单位/);
  });
  test('duplicated indicators in one 一级 block', () => {
    expect(find(A, 'duplicate-indicator', 'D384')?.message).toMatch(/覆盖率/);
    expect(find(A, 'duplicate-indicator', 'D395')?.message).toMatch(/社区阵地打造情况/);
  });
  test('任务21: the text computes 8.05万元 against 7', () => {
    expect(find(D, 'text-amount-mismatch', 'C32')?.message).toMatch(/8\.05万元.*7万元/);
    // 任务20: 149960元 = 14.996万元 agrees with 15 written to whole units
    expect(res(D).findings.filter((f) => f.code === 'text-amount-mismatch')).toHaveLength(1);
  });
  test('department money adds up to the precision written', () => {
    expect(res(D).findings.filter((f) => f.code === 'sum-mismatch')).toEqual([]);
  });
  test('garbled values of the Beidaihe export', () => {
    expect(find(B, 'value-format', 'F11', '1、党代表活动经费')?.message).toMatch(/重复录入.*成本指标应以金额/);
    expect(find(B, 'value-format', 'F15', '8、关于提前下达2020年老党员生活补贴中央补助经费预算的通知')?.message).toMatch(/矛盾/);
    expect(find(B, 'value-format', 'F12', '4、干部考察、干部实绩及工作日志经费')?.message).toMatch(/按计划完成/);
    expect(find(B, 'value-format', 'F10', '6、干部培训、管理经费')?.message).toMatch(/百分比/);
  });
  test('Hengdong: the misspelt 二级 and itemised 成本 adding up to 233万元', () => {
    expect(find(C, 'structure', 'C63')?.message).toMatch(/经济效益指标/);
    expect(res(C).findings.filter((f) => f.code === 'sum-mismatch')).toEqual([]);
  });
  test('clean tables of every layout: no findings at all', () => {
    expect(res('test/fixtures/clean.xlsx').findings).toEqual([]);
    expect(res('test/fixtures/clean.xlsx').tables.map((t) => t.layout)).toEqual(['A', 'B', 'C', 'D']);
  });
  test('sheets without a table are named', () => {
    expect(res(B).sheetsWithoutTables).toEqual(['部门整体']);
    expect(res('test/fixtures/variants.xlsx').sheetsWithoutTables).toEqual(['空白']);
  });
  test('the same table stacked at an offset, unmerged or with full-width punctuation gives the same findings', () => {
    const norm = (f: string, sheet: string, shift: number) =>
      res(f)
        .findings.filter((x) => x.sheet === sheet && x.table === '驻村工作队员保障经费')
        .map((x) => `${x.code} ${x.row - shift}`);
    const base = norm(A, '项目支出绩效目标表', 57);
    expect(norm('test/fixtures/variants.xlsx', '全角半角', 0)).toEqual(base);
    expect(norm('test/fixtures/variants.xlsx', '堆叠偏移', 60)).toEqual(base);
  });
});
