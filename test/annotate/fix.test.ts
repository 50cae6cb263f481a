/** The corrected copy (修正副本): fixXlsx writes only the fixed cells, as inline strings, and only where they apply. */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import path from 'path';
import { fixXlsx } from '../../src/adapters/xlsx/fix';
import { readXlsx } from '../../src/adapters/xlsx/read';
import { checkWorkbook } from '../../src/core/check';
import type { Fix } from '../../src/core/findings';
import { cellAt } from '../../src/core/grid';
import { parts, rawEntries, text, values } from './helpers';

const BEIDAIHE = path.join(__dirname, '../fixtures/layoutB-beidaihe.xlsx');

function fix(sheet: string, cell: string, before: Fix['before'], after: string): Fix {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return { sheet, cell, row: Number(m[2]) - 1, col: m[1].charCodeAt(0) - 65, before, after };
}

async function smallBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  ws.getCell('A1').value = '≥9090%';
  ws.getCell('A1').font = { bold: true };
  ws.getCell('A2').value = 0.95;
  ws.getCell('A3').value = { formula: '"≥80"&"80%"', result: '≥8080%' } as ExcelJS.CellFormulaValue;
  ws.getCell('A4').value = '其他';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('fixXlsx', () => {
  test('a real workbook: exactly the fixed cells change, every other part is stored as it was, the input is untouched', () => {
    const input = new Uint8Array(readFileSync(BEIDAIHE));
    const copyOfInput = input.slice();
    const grid = readXlsx(input);
    const checked = checkWorkbook(grid);
    const fixes = checked.findings.flatMap((f) => (f.fix ? [f.fix] : []));
    expect(fixes.length).toBeGreaterThan(10);
    const out = fixXlsx(input, fixes, grid);
    expect(out.skipped).toEqual([]);
    expect(out.applied).toEqual(fixes);
    expect(input).toEqual(copyOfInput);
    // cell values: the fixed ones hold `after`, all others as before
    const before = values(grid);
    const after = values(readXlsx(out.bytes));
    const fixed = new Map(fixes.map((f) => [`${f.sheet}!${f.cell}`, f.after]));
    for (const [k, v] of before) expect([k, after.get(k)]).toEqual([k, fixed.get(k) ?? v]);
    expect(after.size).toBe(before.size);
    // parts: only the sheets holding fixes differ; the shared strings are untouched
    const sheetsTouched = new Set(fixes.map((f) => f.sheet));
    const a = rawEntries(input);
    const b = rawEntries(out.bytes);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const changed = [...a.keys()].filter((k) => Buffer.compare(Buffer.from(a.get(k)!.data), Buffer.from(b.get(k)!.data)) !== 0);
    expect(changed.every((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k))).toBe(true);
    expect(changed.length).toBe(sheetsTouched.size);
    // inside the changed sheets, every byte outside the fixed cells is as it was
    const withoutFixed = (xml: string, sheetFixes: Fix[]) =>
      sheetFixes.reduce((x, f) => x.replace(new RegExp(`<c r="${f.cell}"[^>]*?(/>|>.*?</c>)`), ''), xml);
    for (const k of changed) {
      const cellsHere = fixes.filter(
        (f) => new RegExp(`<c r="${f.cell}"[^>]*>`).test(text(out.bytes, k)) && text(out.bytes, k).includes(f.after),
      );
      expect(withoutFixed(text(out.bytes, k), cellsHere)).toBe(withoutFixed(text(input, k), cellsHere));
    }
    // the fixed cell keeps its style
    expect(text(out.bytes, changed[0])).toMatch(/<c r="F\d+" s="6" t="inlineStr"><is><t xml:space="preserve">≥\d+%[^<]*<\/t><\/is><\/c>/);
    // checked again: none of the fixed findings is left
    const again = checkWorkbook(readXlsx(out.bytes));
    const left = again.findings.filter((f) => fixed.has(`${f.sheet}!${f.cell}`) && f.code === 'value-format');
    expect(left).toEqual([]);
    expect(again.findings.length).toBe(checked.findings.length - fixes.length);
  });

  test('a number becomes text; a formula, a changed cell and a missing sheet are left alone', async () => {
    const input = await smallBook();
    const out = fixXlsx(input, [
      fix('表1', 'A1', '≥9090%', '≥90%'),
      fix('表1', 'A2', 0.95, '95%'),
      fix('表1', 'A3', '≥8080%', '≥80%'),
      fix('表1', 'A4', '已改', '改过'),
      fix('表9', 'A1', '≥9090%', '≥90%'),
    ]);
    expect(out.applied.map((f) => f.cell)).toEqual(['A1', 'A2']);
    expect(out.skipped.map((s) => [s.fix.sheet, s.fix.cell, s.reason])).toEqual([
      ['表1', 'A4', 'the cell no longer holds the value checked'],
      ['表9', 'A1', 'the cell no longer holds the value checked'],
      ['表1', 'A3', 'the cell holds a formula'],
    ]);
    const grid = readXlsx(out.bytes);
    const s = grid.sheets[0];
    expect([0, 1, 2, 3].map((r) => cellAt(s, r, 0))).toEqual(['≥90%', '95%', '≥8080%', '其他']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.bytes) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('表1')!.getCell('A1').font?.bold).toBe(true);
    expect(wb.getWorksheet('表1')!.getCell('A3').formula).toBe('"≥80"&"80%"');
  });

  test('nothing to apply: the bytes are the input, unchanged', async () => {
    const input = await smallBook();
    const out = fixXlsx(input, [fix('表1', 'A4', '别的', '改过')]);
    expect(out.applied).toEqual([]);
    expect(Buffer.compare(Buffer.from(out.bytes), Buffer.from(input))).toBe(0);
    expect(Object.keys(parts(out.bytes)).length).toBeGreaterThan(0);
  });
});
