/** Property-based tests: arbitrary and mutated grids never make the parser or the rules throw. */
import fc from 'fast-check';
import { checkWorkbook } from '../../src/core/check';
import type { CellValue, Merge, SheetGrid } from '../../src/core/grid';
import { parseValue } from '../../src/core/value';
import { findCalculations, statedTotal } from '../../src/core/calc';
import { tableA } from './helpers';

const VOCAB = [
  '项目名称',
  '部门名称',
  '项目支出名称',
  '一级指标',
  '二级指标',
  '三级指标',
  '指标值',
  '绩效指标',
  '产出指标',
  '效益指标',
  '效果指标',
  '满意度指标',
  '成本指标',
  '数量指标',
  '质量指标',
  '时效指标',
  '社会效益指标',
  '可持续影响指标',
  '服务对象满意度指标',
  '经济效率指标',
  '指标1:',
  '指标2:培训班次',
  '指标1: 指标2:',
  '≥90%',
  '≥9090%及以上',
  '100等于100%',
  '≤5万元',
  '提升',
  'XX',
  '-',
  '资金支出计划（%）',
  '3月底',
  '6月底',
  '12月底',
  '年度资金总额(含本级) 11.5',
  '其中:财政拨款11.5',
  '其他资金',
  '预算数',
  '其中：财政资金',
  '基本支出',
  '项目支出',
  '财政拨款',
  '年度重点工作任务',
  '名称',
  '拟投入的资金(万元)',
  '主要实施内容',
  '322×10×0.1=322万元',
  '任务1: 业务费',
  '绩效目标',
  '年度绩效目标(含本级) 预计5万元',
  '备注',
  '2024年部门项目支出预算绩效目标表',
  '(1人*360天*100元/天/人=3.72万元)',
];

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.constantFrom(...VOCAB) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
);

const sheetArb: fc.Arbitrary<SheetGrid> = fc
  .record({
    rows: fc.array(fc.array(cellArb, { maxLength: 8 }), { maxLength: 40 }),
    rowOffset: fc.nat(50),
    colOffset: fc.nat(5),
    merges: fc.array(fc.record({ top: fc.nat(60), left: fc.nat(12), h: fc.nat(4), w: fc.nat(3) }), { maxLength: 10 }),
  })
  .map(({ rows, rowOffset, colOffset, merges }) => ({
    name: 'S',
    rowOffset,
    colOffset,
    cells: rows,
    merges: merges.map((m): Merge => ({ top: m.top, left: m.left, bottom: m.top + m.h, right: m.left + m.w })),
  }));

const MAX_ROW = 1048576;
const MAX_COL = 16384;

test('arbitrary grids never throw; findings lie inside the sheet; output is deterministic', () => {
  fc.assert(
    fc.property(sheetArb, (sheet) => {
      const wb = { sheets: [sheet] };
      const a = checkWorkbook(wb);
      for (const f of a.findings) {
        expect(f.row).toBeGreaterThanOrEqual(0);
        expect(f.col).toBeGreaterThanOrEqual(0);
        expect(f.row).toBeLessThan(MAX_ROW);
        expect(f.col).toBeLessThan(MAX_COL);
        expect(f.message.length).toBeGreaterThan(0);
      }
      expect(checkWorkbook(wb)).toEqual(a);
    }),
    { numRuns: 400 },
  );
});

test('mutated real tables never throw and keep finding cells inside the table area', () => {
  const base = tableA();
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(4), cellArb), { maxLength: 12 }), (muts) => {
      const rows = base.map((r) => r.slice());
      for (const [r, c, v] of muts) rows[r][c] = v;
      const res = checkWorkbook({ sheets: [{ name: 'S', rowOffset: 0, colOffset: 0, cells: rows, merges: [] }] });
      for (const f of res.findings) {
        expect(f.row).toBeLessThan(rows.length + 2);
        expect(f.col).toBeLessThan(8);
      }
    }),
    { numRuns: 300 },
  );
});

test('value and text parsers never throw', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), fc.constantFrom(...VOCAB), (s, v) => {
      parseValue(s);
      parseValue(v + s);
      findCalculations(s + v);
      statedTotal(v + s);
    }),
    { numRuns: 1000 },
  );
});
