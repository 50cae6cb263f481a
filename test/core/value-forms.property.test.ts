/**
 * Property tests for the value forms real tables use (approximations, several quantities, dates and periods,
 * counted nouns): generated in their many spellings, each must read the same way, and mutating a clean value
 * into a garbled one must never be read as clean.
 */
import fc from 'fast-check';
import type { Indicator } from '../../src/core/model';
import { isDateText, parseValue } from '../../src/core/value';
import { restKind, valueProblems } from '../../src/core/rules/value-format';
import { isUnreadable } from '../../src/core/rules/unreadable-value';

const SEED = Number(process.env.FC_SEED ?? 20261201);
const run = (p: fc.IAsyncPropertyWithHooks<unknown> | fc.IPropertyWithHooks<unknown>) =>
  fc.assert(p as fc.IProperty<unknown>, { seed: SEED, numRuns: 300 });

function ind(name: string, raw: string, level2 = '数量指标'): Indicator {
  return {
    level1: '产出指标',
    level1Raw: '产出指标',
    level1Cell: null,
    level2,
    level2Raw: level2,
    level2Cell: null,
    index: null,
    name,
    nameCell: { row: 0, col: 2 },
    placeholder: false,
    rawValue: raw,
    valueCell: { row: 0, col: 3 },
    value: parseValue(raw),
    nameUnit: null,
    row: 0,
  };
}

const count = fc.integer({ min: 1, max: 99999 }).map(String);
const unit = fc.constantFrom('次', '人', '人次', '个', '户', '条', '场', '期', '批', '本', '家', '项', '公里', '亩', '台');
const comparator = fc.constantFrom('', '≥', '>=', '不少于', '≤', '=');

describe('value forms of real tables', () => {
  test('an approximation (200余次, 30多人, 约50人) is a quantity with its unit, never a format problem', () => {
    run(
      fc.property(count, unit, fc.constantFrom('余', '多', '约'), (n, u, w) => {
        const raw = w === '约' ? `约${n}${u}` : `${n}${w}${u}`;
        const v = parseValue(raw);
        expect([raw, v.kind, v.number, v.unit, v.approx]).toEqual([raw, 'quantitative', n, u, true]);
        expect([raw, valueProblems(ind('开展次数', raw))]).toEqual([raw, []]);
      }),
    );
  });

  test('several quantities in one value (313批/374人次, 6期,每期500本) are read, never called a contradiction', () => {
    run(
      fc.property(
        comparator,
        count,
        unit,
        fc.constantFrom('/', ',', '，', '+', '、', ';'),
        fc.constantFrom('', '每期', '共'),
        count,
        unit,
        (c, a, u1, sep, w0, b, u2) => {
          // ("次/共" would be a unit per something, like 次/年: after a slash comes the second number itself)
          const w = sep === '/' ? '' : w0;
          const raw = `${c}${a}${u1}${sep}${w}${b}${u2}`;
          const v = parseValue(raw);
          expect([raw, restKind(v.number!, v.comparator !== null, v.unit ?? '', v.rest)]).toEqual([raw, 'more']);
          expect([raw, valueProblems(ind('检测数量', raw)).filter((p) => /矛盾|重复/.test(p))]).toEqual([raw, []]);
          expect([raw, isUnreadable(ind('检测数量', raw))]).toEqual([raw, false]);
        },
      ),
    );
  });

  test('dates and periods in their spellings are dates', () => {
    const y = fc.integer({ min: 2015, max: 2030 });
    const m = fc.integer({ min: 1, max: 12 });
    const d = fc.integer({ min: 1, max: 28 });
    const forms = fc.oneof(
      fc.tuple(y, m, d).map(([a, b, c]) => `${a}年${b}月${c}日前`),
      fc.tuple(y, m, m).map(([a, b, c]) => `${a}.${String(b).padStart(2, '0')}-${a}.${String(c).padStart(2, '0')}`),
      fc.tuple(y, m).map(([a, b]) => `${a}年1月-${b}月`),
      fc.tuple(y, m).map(([a, b]) => `${a}年1-${b}月`),
      fc.tuple(m, fc.constantFrom('到位', '前完成', '底前完成', '底', '底前拨付到位')).map(([b, w]) => `${b}月${w}`),
      fc.tuple(y, m).map(([a, b]) => `${a}-${String(b).padStart(2, '0')}-30`),
    );
    run(
      fc.property(forms, (raw) => {
        expect([raw, isDateText(raw)]).toEqual([raw, true]);
        expect([raw, valueProblems(ind('完成时间', raw, '时效指标'))]).toEqual([raw, []]);
      }),
    );
  });

  test('a number alone, a count or a rate is never a date', () => {
    run(
      fc.property(count, fc.constantFrom('', '%', '次', '人'), (n, u) => {
        expect([`${n}${u}`, isDateText(`${n}${u}`)]).toEqual([`${n}${u}`, false]);
      }),
    );
  });

  test('a rate typed twice is still reported, whatever else follows it', () => {
    run(
      fc.property(fc.integer({ min: 10, max: 99 }), fc.constantFrom('', '以上', '及以上', '合格', '完成'), (n, tail) => {
        const raw = `≥${n}${n}%${tail}`;
        expect([raw, valueProblems(ind('验收合格率', raw, '质量指标')).join()]).toEqual([raw, expect.stringMatching(/重复录入/)]);
      }),
    );
  });
});
