/**
 * Scale of the text scan in src/core/calc.ts (issue #12): the work of amountsIn grows linearly with the
 * number of amounts and calculations in a text (counted, never timed), and a text with more amounts than a
 * call can take arguments still gets its total.
 */
import { type TextCalc, amountsIn, findAmounts, statedTotal } from '../../src/core/calc';
import { Decimal } from '../../src/core/money';

/** "2×3=6万元，办公费5万元，" k times, with the calculations where calculationsIn would find them. */
function text(k: number): { s: string; calcs: TextCalc[] } {
  const unit = '2×3=6万元，办公费5万元，';
  const s = unit.repeat(k);
  const calcs: TextCalc[] = [];
  for (let i = 0; i < k; i++) {
    const start = i * unit.length;
    calcs.push({
      expr: '2×3',
      resultWritten: '6',
      resultUnit: '万元',
      result: new Decimal(6),
      computed: new Decimal(6),
      ok: true,
      isMoney: false,
      start,
      end: start + 7,
    });
  }
  return { s, calcs };
}

/** Reads of the calculations list's elements while amountsIn runs. */
function reads(k: number): { n: number; amounts: number } {
  const { s, calcs } = text(k);
  let n = 0;
  const counted = new Proxy(calcs, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) n++;
      return Reflect.get(target, key, receiver);
    },
  });
  const amounts = amountsIn(s, counted).length;
  return { n, amounts };
}

test('amountsIn: the calculations are read a number of times linear in their count (n and 2n)', () => {
  const a = reads(2000);
  const b = reads(4000);
  expect(a.amounts).toBe(2000); // the 6万元 inside each calculation is not counted again
  expect(b.amounts).toBe(4000);
  // n log n from the sort at most: well under the factor 4 of amounts × calculations
  expect(b.n / a.n).toBeLessThan(2.5);
});

test('amountsIn gives what it gave before on mixed texts', () => {
  const s = '会议费2×3=6万元，其中：场地费1.5万元，每人200元，资料费0.25万元，合计7.75万元';
  const found = findAmounts(s).map((a) => [a.written, a.unit, a.isRate, a.isTotal, a.fromCalc]);
  expect(found).toEqual([
    ['6', '万元', false, true, true],
    ['1.5', '万元', false, false, false],
    ['0.02', '元', true, false, false],
    ['0.25', '万元', false, false, false],
    ['7.75', '万元', false, true, false],
  ]);
  expect(statedTotal('办公费1.5万元、印刷费0.25万元、差旅费2万元')?.written).toBe('3.75');
});

test('statedTotal: a text with 400,000 amounts (2.4 M characters) does not overflow the stack', () => {
  const t = statedTotal('1.5万元、'.repeat(400_000));
  expect(t?.explicit).toBe(false);
  expect(t?.written).toBe('600000.0');
  expect(t?.items.length).toBe(400_000);
});
