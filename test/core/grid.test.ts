import { a1, colLetters, normalizeMerges, parseA1 } from '../../src/core/grid';
import { agree, dec } from '../../src/core/money';

test('A1 addresses round-trip', () => {
  expect(a1(0, 0)).toBe('A1');
  expect(a1(11, 5)).toBe('F12');
  expect(colLetters(26)).toBe('AA');
  expect(colLetters(16383)).toBe('XFD');
  for (const [r, c] of [
    [0, 0],
    [99, 27],
    [1048575, 16383],
  ])
    expect(parseA1(a1(r, c))).toEqual({ row: r, col: c });
  expect(parseA1('nope')).toBeNull();
});

test('normalizeMerges keeps only the top-left value (exceljs repeats it)', () => {
  const s = normalizeMerges({
    name: 's',
    rowOffset: 0,
    colOffset: 0,
    cells: [
      ['a', 'a'],
      ['a', 'a'],
    ],
    merges: [{ top: 0, left: 0, bottom: 1, right: 1 }],
  });
  expect(s.cells).toEqual([
    ['a', null],
    [null, null],
  ]);
});

test('amounts agree to the precision written', () => {
  expect(agree(dec('15')!, dec('14.996')!, '15')).toBe(true);
  expect(agree(dec('7')!, dec('8.05')!, '7')).toBe(false);
  expect(agree(dec('14253.69625')!, dec('14253.696251')!, '14253.69625')).toBe(true);
  expect(agree(dec('0.77')!, dec('0.768')!, '0.77')).toBe(true);
  // whole units written: 4.49 rounds to 4, so they agree; 4.5 does not
  expect(agree(dec('4')!, dec('4.49')!, '4', '4.49')).toBe(true);
  expect(agree(dec('4')!, dec('4.5')!, '4', '4.5')).toBe(false);
});

test('normalizeText: fast path leaves plain text alone, markup and full-width forms are normalised', async () => {
  const { normalizeText } = await import('../../src/core/text');
  expect(normalizeText('产出指标')).toBe('产出指标');
  expect(normalizeText(' 产出指标 ')).toBe('产出指标');
  expect(normalizeText('$322 \\times 10=3220$ 万元')).toBe('322 × 10=3220 万元');
  expect(normalizeText('>=90%')).toBe('≥90%');
  expect(normalizeText('其中：财政拨款（万元）')).toBe('其中:财政拨款(万元)');
  expect(normalizeText('<p>任务</p>')).toBe('任务');
});
