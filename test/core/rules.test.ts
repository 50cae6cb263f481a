import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import { newTextMemo, normalizeText, withTextMemo } from '../../src/core/text';
import { sheetOf, tableA } from './helpers';

const pairs = (fs: Finding[]) => fs.map((f) => `${f.code}@${f.cell}`).sort();
const run = (rows: Parameters<typeof sheetOf>[0], profile: 'LOCAL' | 'C2021' = 'LOCAL') => checkWorkbook(sheetOf(rows), { profile });

describe('rules on a synthetic layout-A table', () => {
  test('a clean table has no findings at all', () => {
    const r = run(tableA());
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0]).toMatchObject({ name: '干部培训经费', layout: 'A', range: 'A1:E15', kind: 'project', indicators: 6 });
    expect(pairs(r.findings)).toEqual([]);
  });
  test('missing-value at the 指标值 cell, for empty and placeholder values', () => {
    expect(pairs(run(tableA({ '9,4': null, '10,4': 'XX' })).findings)).toEqual(['missing-value@E10', 'missing-value@E11']);
  });
  test('placeholder-row for an unnamed 指标N:', () => {
    const rows = tableA();
    rows.splice(10, 0, [null, null, null, '指标2:', null]);
    expect(pairs(run(rows).findings)).toEqual(['placeholder-row@D11']);
  });
  test('missing-field for an empty 项目名称 and 实施单位', () => {
    const merged = sheetOf(tableA({ '1,2': null, '2,4': null }), [{ top: 1, left: 0, bottom: 1, right: 1 }]);
    expect(pairs(checkWorkbook(merged).findings)).toEqual(['missing-field@C2', 'missing-field@E3']);
    // without the merge the value belongs in the next cell
    expect(pairs(run(tableA({ '1,2': null })).findings)).toEqual(['missing-field@B2']);
  });
  test('sum-mismatch: 年度资金总额 ≠ 财政拨款 + 其他资金, at the total', () => {
    const f = run(tableA({ '5,2': '其中:财政拨款15', '6,2': '其他资金3' })).findings;
    expect(pairs(f)).toEqual(['sum-mismatch@C5']);
    expect(f[0].message).toContain('18');
  });
  test('sum-mismatch agrees to the precision written', () => {
    expect(pairs(run(tableA({ '4,2': '年度资金总额(含本级和市县) 20', '5,2': '其中:财政拨款19.996' })).findings)).toEqual([]);
    expect(pairs(run(tableA({ '4,2': '年度资金总额(含本级和市县) 20.00', '5,2': '其中:财政拨款19.996' })).findings)).toEqual([]);
    expect(pairs(run(tableA({ '4,2': '年度资金总额(含本级和市县) 20.000', '5,2': '其中:财政拨款19.996' })).findings)).toEqual([
      'sum-mismatch@C5',
    ]);
  });
  test('sum-mismatch: itemised 成本 vs the budget', () => {
    const rows = tableA({ '12,4': '≤12万元' });
    rows.splice(13, 0, [null, null, null, '指标2:教材费', '≤9万元']);
    expect(pairs(run(rows).findings)).toEqual(['sum-mismatch@C5']);
    expect(pairs(run(tableA({ '12,4': '≤25万元' })).findings)).toEqual(['sum-mismatch@E13']);
  });
  test('text-amount-mismatch: a wrong calculation and goal amounts over the budget', () => {
    const f = run(tableA({ '7,2': '年度总体绩效目标(含本级和市县) 1.培训100人×2天×300元=7万元 2.教材预计15万元' })).findings;
    expect(pairs(f)).toEqual(['text-amount-mismatch@C8']);
    expect(f[0].message).toMatch(/应为6万元/);
    expect(f[0].message).toMatch(/合计22万元/);
  });
  test('structure: unknown 二级, misplaced 二级 and an empty 一级', () => {
    expect(pairs(run(tableA({ '13,2': '经济效率指标' })).findings)).toEqual(['structure@C14']);
    expect(pairs(run(tableA({ '14,2': '数量指标' })).findings)).toContain('structure@C15');
    const rows = tableA();
    rows.splice(13, 1);
    expect(pairs(run(rows).findings)).toEqual(['structure@B9']);
  });
  test('C2021 profile: 成本 must be a 一级; 可持续影响 under 效益 passes (湘西 2023, see docs/rules.md)', () => {
    const f = run(tableA({ '13,2': '可持续影响指标' }), 'C2021').findings;
    expect(pairs(f)).toEqual(expect.arrayContaining(['structure@C13']));
    expect(pairs(f)).not.toContain('structure@C14');
  });
  test('value-format, duplicate-indicator and vague-value', () => {
    const rows = tableA({ '10,4': '≥9595%及以上', '13,4': '进一步提升' });
    rows.splice(10, 0, [null, null, null, '指标2:培训班次', '≥10次']);
    expect(pairs(run(rows).findings)).toEqual(['duplicate-indicator@D11', 'vague-value@E15', 'value-format@E12'].sort());
  });
  test('rules can be turned off and severities changed', () => {
    const r = checkWorkbook(sheetOf(tableA({ '9,4': null })), { rules: { 'missing-value': 'warning' } });
    expect(r.findings[0].severity).toBe('warning');
    expect(checkWorkbook(sheetOf(tableA({ '9,4': null })), { rules: { 'missing-value': 'off' } }).findings).toEqual([]);
  });
  test('the input grid is never changed', () => {
    const wb = sheetOf(tableA({ '9,4': null }), [{ top: 1, left: 0, bottom: 1, right: 1 }]);
    const before = JSON.stringify(wb);
    checkWorkbook(wb);
    expect(JSON.stringify(wb)).toBe(before);
  });
});

describe('spending plan (layout B)', () => {
  const b = (plan: (number | string | null)[]) => [
    ['1、测试项目绩效目标表', null, null, null, null, null, null],
    ['项目编码', 'X-1', null, '项目名称', '测试项目', null, null],
    ['预算规模及资金用途', '预算数', 10, '其中：财政资金', 10, '其他资金', null],
    ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底', null, null],
    [null, ...plan, null, null],
    ['绩效目标', '完成任务', null, null, null, null, null],
    [null, '一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
    ['绩效指标', '产出指标', '数量指标', '培训人次', '描述', '≥100人次', null],
    [null, '效益指标', '社会效益指标', '培训合格率', '描述', '≥95%', null],
    [null, '满意度指标', '服务对象满意度指标', '群众满意度', '描述', '≥90%', null],
  ];
  test('a rising plan to 100 is fine, also as fractions of a %-formatted cell', () => {
    expect(pairs(run(b([25, 50, 75, 100])).findings)).toEqual([]);
    expect(pairs(run(b(['25%', '50%', '75%', '100%'])).findings)).toEqual([]);
    expect(pairs(run(b([0.25, 0.5, 0.75, 1])).findings)).toEqual([]);
  });
  test('falling, over 100, not 100 at 12月底, empty', () => {
    expect(pairs(run(b([30, 20, 80, 100])).findings)).toEqual(['spending-plan@C5']);
    expect(pairs(run(b([25, 50, 120, 100])).findings)).toEqual(['spending-plan@D5']);
    expect(pairs(run(b([25, 50, 75, 90])).findings)).toEqual(['spending-plan@E5']);
    expect(pairs(run(b([25, 50, 75, null])).findings)).toEqual(['spending-plan@E5']);
  });
  test('预算数 ≠ 财政资金 + 其他资金', () => {
    const rows = b([25, 50, 75, 100]);
    rows[2][6] = 5;
    expect(pairs(run(rows).findings)).toEqual(['sum-mismatch@C3']);
  });
});

describe('detection', () => {
  test('a sheet without a table yields no tables and says so', () => {
    const r = checkWorkbook(sheetOf([['说明'], ['本工作簿用于汇总']], [], '说明'));
    expect(r.tables).toEqual([]);
    expect(r.sheetsWithoutTables).toEqual(['说明']);
  });
  test('tables stacked at an offset are found with exact ranges', () => {
    const t = tableA();
    const pad = (rows: typeof t) => rows.map((r) => [null, null, ...r]);
    const rows = [[null], [null], ...pad(t), [null], [null], ...pad(tableA({ '1,2': '第二个项目', '9,4': null }))];
    const r = checkWorkbook(sheetOf(rows));
    expect(r.tables.map((x) => `${x.name} ${x.range}`)).toEqual(['干部培训经费 C3:G17', '第二个项目 C20:G34']);
    expect(pairs(r.findings)).toEqual(['missing-value@G29']);
  });
  test('the model validates with zod and keeps cell addresses', () => {
    const [t] = parseWorkbook(sheetOf(tableA()));
    expect(t.budget?.amount).toBe('20');
    expect(t.indicators[0]).toMatchObject({
      level1: '产出指标',
      level2: '数量指标',
      name: '培训班次',
      index: 1,
      value: { comparator: '≥', number: '10', unit: '次' },
    });
  });
});

describe('label variants of other templates', () => {
  test('财预〔2021〕-style header: 主管部门及代码, 上年结转资金, 中期资金总额, 总体目标', () => {
    const rows = tableA({
      '2,0': '主管部门及代码',
      '4,2': '年度资金总额 20',
      '4,3': '中期资金总额 60',
      '5,2': '其中:财政拨款15',
      '5,3': '其中:财政拨款60',
      '6,2': '上年结转资金5',
      '6,3': '其他资金',
      '7,2': '年度目标 完成培训任务,预计培训费12万元',
      '7,3': '中期目标 三年内培训干部1500人次,预计45万元',
    });
    const r = run(rows);
    expect(pairs(r.findings)).toEqual([]);
    const [t] = parseWorkbook(sheetOf(rows));
    expect(t.budget?.amount).toBe('20');
    expect(t.funds.map((g) => `${g.scope}:${g.total?.amount}=${g.parts.map((p) => p.amount ?? '空').join('+')}`)).toEqual([
      ':20=15+5',
      '中期:60=60+空',
    ]);
  });
  test('a 中期 goal over the annual budget is not compared with it', () => {
    expect(pairs(run(tableA({ '7,3': '中期目标 三年内预计45万元' })).findings)).toEqual([]);
  });
});

describe('per-check state (the check context in check.ts)', () => {
  test('the text memo is used only while its check runs, and is put back on a throw', () => {
    const m = newTextMemo();
    expect(() =>
      withTextMemo(m, () => {
        normalizeText('ＡＢＣ　'); // full-width: the slow path, remembered
        throw new Error('a rule failed');
      }),
    ).toThrow('a rule failed');
    expect([...m.slow.keys()]).toEqual(['ＡＢＣ　']);
    normalizeText('ＤＥＦ　'); // outside any check: nothing is remembered anywhere
    expect(m.slow.size).toBe(1);
  });
  test('a check does not depend on the checks before it', () => {
    const a = sheetOf(tableA({ '9,4': null, '10,4': '≥9595%' }));
    const b = sheetOf(tableA({ '1,2': '第二个项目', '12,4': '≤25万元' }));
    const alone = checkWorkbook(a);
    checkWorkbook(b);
    expect(checkWorkbook(a)).toEqual(alone);
  });
});
