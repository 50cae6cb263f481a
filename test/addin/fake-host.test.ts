/**
 * The fake Office.js host must behave like Excel where the add-in relies on it; otherwise the
 * adapter tests prove nothing. These tests pin the semantics down.
 */
import ExcelJS from 'exceljs';
import { createHost } from '../office-host';
import { formatSnapshot, getCell, key, newWorkbook, valueSnapshot } from '../office-host/model';
import { loadXlsx, modelFromExcelJS, saveAndReopen } from '../office-host/xlsx';
import { FIXTURE_FILES, fixtureModel } from './helpers';

type Ctx = any;

function sample() {
  const wb = newWorkbook(['表1', 'Other Sheet']);
  const s = wb.sheets[0];
  s.cells.set(key(0, 0), { v: '项目名称' });
  s.cells.set(key(0, 1), { v: '测试' });
  s.cells.set(key(1, 0), { v: 12.5, style: { fill: { pattern: 'Solid', color: '#FFFF00', patternColor: null } } });
  s.cells.set(key(2, 2), { v: null, style: { border: { top: { style: 'thin' } } } });
  s.merges.push({ top: 0, left: 1, bottom: 0, right: 3 });
  return wb;
}

function run(host: ReturnType<typeof createHost>, fn: (ctx: Ctx) => Promise<void>) {
  return (host.Excel as any).run(fn);
}

describe('fake Office.js host', () => {
  test('properties must be loaded and synced before they are read', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表1').getRange('A1:B2');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([
        ['项目名称', '测试'],
        [12.5, ''],
      ]);
      expect(() => r.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  test('writes are queued until sync and run in order with loads', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem('表1').getRange('E1');
      const before = ctx.workbook.worksheets.getItem('表1').getRange('A2').format.fill.load('color');
      ctx.workbook.worksheets.getItem('表1').getRange('A2').format.fill.color = '#112233';
      const after = ctx.workbook.worksheets.getItem('表1').getRange('A2').format.fill.load('color');
      cell.values = [['x']];
      expect(getCell(host.model.sheets[0], 0, 4)).toBeUndefined();
      await ctx.sync();
      expect(getCell(host.model.sheets[0], 0, 4)?.v).toBe('x');
      expect(before.color).toBe('#FFFF00');
      expect(after.color).toBe('#112233');
    });
    // the batch's sync, then the end of Excel.run releasing the ranges Excel kept a reference to
    expect(host.stats.syncs).toBe(2);
  });

  test('merged cells: only the top-left holds a value; writing elsewhere fails', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表1').getRange('B1:D1').load('values');
      await ctx.sync();
      expect(r.values).toEqual([['测试', '', '']]);
      ctx.workbook.worksheets.getItem('表1').getRange('C1').values = [['no']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    });
  });

  test('a failing command rejects the sync; earlier commands stay applied', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('表1').getRange('E5').values = [['done']];
      ctx.workbook.worksheets.getItem('nope').getRange('A1').values = [['x']];
      ctx.workbook.worksheets.getItem('表1').getRange('E6').values = [['never']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
    expect(getCell(host.model.sheets[0], 4, 4)?.v).toBe('done');
    expect(getCell(host.model.sheets[0], 5, 4)).toBeUndefined();
  });

  test('OrNullObject variants and isNullObject', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
      const present = ctx.workbook.worksheets.getItemOrNullObject('other sheet').load('name');
      const emptyUsed = ctx.workbook.worksheets.getItem('Other Sheet').getUsedRangeOrNullObject();
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe('Other Sheet');
      expect(emptyUsed.isNullObject).toBe(true);
    });
  });

  test('no fill reads as white with pattern None; clear() removes a fill entirely', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const none = ctx.workbook.worksheets.getItem('表1').getRange('A1').format.fill.load('color,pattern');
      const solid = ctx.workbook.worksheets.getItem('表1').getRange('A2').format.fill.load('color,pattern');
      await ctx.sync();
      expect([none.color, none.pattern]).toEqual(['#FFFFFF', 'None']);
      expect([solid.color, solid.pattern]).toEqual(['#FFFF00', 'Solid']);
      ctx.workbook.worksheets.getItem('表1').getRange('A2').format.fill.clear();
      await ctx.sync();
    });
    expect(getCell(host.model.sheets[0], 1, 0)?.style).toBeUndefined();
  });

  test('requirement sets: newer APIs fail on an older host', async () => {
    const host = createHost(sample(), { apiVersion: '1.8' });
    const office = host.Office as any;
    expect(office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(false);
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('表1').getRange('A1:D1').getMergedAreasOrNullObject().load('address');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
      ctx.workbook.worksheets.getItem('表1').getRange('A1').format.fill.load('pattern');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
  });

  test('merged areas: clipped or full, and more than 512 areas fail', async () => {
    const wb = newWorkbook(['S']);
    for (let i = 0; i < 600; i++) wb.sheets[0].merges.push({ top: i, left: 0, bottom: i, right: 1 });
    wb.sheets[0].merges.push({ top: 700, left: 0, bottom: 710, right: 0 });
    for (const mode of ['clipped', 'full'] as const) {
      const host = createHost(wb, { mergeReport: mode });
      await run(host, async (ctx) => {
        const a = ctx.workbook.worksheets.getItem('S').getRange('A705:B720').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
        expect(a.address).toBe(mode === 'clipped' ? 'S!A705:A711' : 'S!A701:A711');
        ctx.workbook.worksheets.getItem('S').getRange('A1:B600').getMergedAreasOrNullObject().load('address');
        await expect(ctx.sync()).rejects.toMatchObject({ code: 'GeneralException' });
      });
    }
  });

  test('payload limit per sync', async () => {
    const wb = newWorkbook(['S']);
    for (let r = 0; r < 200; r++) wb.sheets[0].cells.set(key(r, 0), { v: 'x'.repeat(100) });
    const host = createHost(wb, { payloadLimit: 10_000 });
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1:A200').load('values');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      const small = ctx.workbook.worksheets.getItem('S').getRange('A1:A50').load('values');
      await ctx.sync();
      expect(small.values).toHaveLength(50);
    });
  });

  test('protected sheets refuse format changes unless formatting is allowed', async () => {
    const wb = sample();
    wb.sheets[0].protection = { protected: true };
    const host = createHost(wb);
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('表1').getRange('A1').format.fill.color = '#FF0000';
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    });
    wb.sheets[0].protection = { protected: true, allowFormatCells: true };
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('表1').getRange('A1').format.fill.color = '#FF0000';
      await ctx.sync();
    });
    expect(getCell(wb.sheets[0], 0, 0)?.style?.fill?.color).toBe('#FF0000');
  });

  test('Range.insert(down) shifts values, formats and merges of the columns below', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表1');
      ws.getRange('A1:D2').insert('Down');
      await ctx.sync();
    });
    const s = host.model.sheets[0];
    expect(getCell(s, 2, 0)?.v).toBe('项目名称');
    expect(getCell(s, 3, 0)?.v).toBe(12.5);
    expect(getCell(s, 3, 0)?.style?.fill?.color).toBe('#FFFF00');
    expect(s.merges).toEqual([{ top: 2, left: 1, bottom: 2, right: 3 }]);
    expect(getCell(s, 0, 0)?.v ?? null).toBeNull();
    // a partial-column insert through a merge is refused, like Excel does
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('表1').getRange('B1:B1').insert('Down');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    });
  });

  test('copyFrom formats copies styles and merges; merge/getResizedRange/getOffsetRange', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表1');
      ws.getRange('A10').copyFrom('A1:D2', 'Formats');
      const r = ws.getRange('F1').getResizedRange(1, 2).getOffsetRange(1, 0).load('address');
      ws.getRange('F20:G21').merge();
      await ctx.sync();
      expect(r.address).toBe('表1!F2:H3');
    });
    const s = host.model.sheets[0];
    expect(getCell(s, 10, 0)?.style?.fill?.color).toBe('#FFFF00');
    expect(getCell(s, 10, 0)?.v).toBe(null);
    expect(s.merges).toContainEqual({ top: 9, left: 1, bottom: 9, right: 3 });
    expect(s.merges).toContainEqual({ top: 19, left: 5, bottom: 20, right: 6 });
  });

  test('worksheets.add, visibility, activate/select, delete', async () => {
    const host = createHost(sample());
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.add('新表');
      ws.visibility = 'VeryHidden';
      ctx.workbook.worksheets.getItem('Other Sheet').getRange('C3').select();
      await ctx.sync();
      ctx.workbook.worksheets.getItem('新表').activate();
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    });
    expect(host.model.sheets.map((s) => s.name)).toEqual(['表1', 'Other Sheet', '新表']);
    expect(host.model.sheets[2].visibility).toBe('VeryHidden');
    expect(host.model.activeSheet).toBe(1);
    expect(host.model.selection).toEqual({ sheet: 1, rect: { top: 2, left: 2, bottom: 2, right: 2 } });
  });

  test('xlsx round trip keeps values, merges, fills (incl. no fill), fonts, borders, number formats', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('样表');
    ws.getCell('A1').value = '标题';
    ws.getCell('A1').font = { name: '宋体', size: 14, bold: true, color: { argb: 'FF1F4E79' } };
    ws.mergeCells('A1:C1');
    ws.getCell('A2').value = 0.95;
    ws.getCell('A2').numFmt = '0%';
    ws.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    ws.getCell('C2').fill = { type: 'pattern', pattern: 'gray125', fgColor: { argb: 'FFFF0000' }, bgColor: { argb: 'FFFFFFFF' } };
    ws.getCell('A3').border = { top: { style: 'thin' }, bottom: { style: 'medium', color: { argb: 'FF00B050' } } };
    ws.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { theme: 4, tint: 0.3999 } as Partial<ExcelJS.Color> };
    const m0 = modelFromExcelJS(book);
    const m1 = await saveAndReopen(m0);
    expect([...formatSnapshot(m1)]).toEqual([...formatSnapshot(m0)]);
    expect([...valueSnapshot(m1)]).toEqual([...valueSnapshot(m0)]);
    expect(getCell(m0.sheets[0], 1, 2)?.style?.fill).toEqual({ pattern: 'Gray16', color: '#FFFFFF', patternColor: '#FF0000' });
    expect(getCell(m0.sheets[0], 1, 0)?.style?.fill).toBeUndefined();
  });

  test.each(FIXTURE_FILES)('fixture %s survives save and reopen in the fake host unchanged', async (file) => {
    const m0 = await fixtureModel(file);
    const m1 = await saveAndReopen(m0);
    expect([...formatSnapshot(m1)]).toEqual([...formatSnapshot(m0)]);
    expect([...valueSnapshot(m1)]).toEqual([...valueSnapshot(m0)]);
    expect(m0.sheets.length).toBeGreaterThan(0);
    expect(await loadXlsx(Buffer.from(await (await import('../office-host/xlsx')).saveXlsx(m1)))).toBeTruthy();
  });
});

describe('fake Office.js host: special cells (ExcelApi 1.9)', () => {
  /**
   *      A            B          C            D          E:F (merged)
   *   1  项目         1          2            TRUE       7
   *   2  x            3          4            #N/A
   *   3  2024-10-31   =B1+B2→4   =A1→"项目"   =""
   *   4               6          0.95 (0%)
   */
  function specialSample() {
    const wb = newWorkbook(['S', 'Empty']);
    const s = wb.sheets[0];
    s.cells.set(key(0, 0), { v: '项目' });
    s.cells.set(key(0, 1), { v: 1 });
    s.cells.set(key(0, 2), { v: 2 });
    s.cells.set(key(0, 3), { v: true });
    s.cells.set(key(0, 4), { v: 7, style: { numFmt: '0.00' } });
    s.merges.push({ top: 0, left: 4, bottom: 1, right: 5 });
    s.cells.set(key(1, 0), { v: 'x' });
    s.cells.set(key(1, 1), { v: 3 });
    s.cells.set(key(1, 2), { v: 4 });
    s.cells.set(key(1, 3), { v: '#N/A' });
    s.cells.set(key(2, 0), { v: 45596, style: { numFmt: 'yyyy-mm-dd' } });
    s.cells.set(key(2, 1), { v: 4, f: '=B1+B2' });
    s.cells.set(key(2, 2), { v: '项目', f: '=A1' });
    s.cells.set(key(2, 3), { v: null, f: '=""' });
    s.cells.set(key(3, 1), { v: 6 });
    s.cells.set(key(3, 2), { v: 0.95, style: { numFmt: '0%' } });
    return wb;
  }

  test('numeric constants and numeric formula results are told apart; dates are numbers; areas are rectangles', async () => {
    const host = createHost(specialSample());
    await run(host, async (ctx) => {
      const used = ctx.workbook.worksheets.getItem('S').getRange('A1:F4');
      const constants = used.getSpecialCells('Constants', 'Numbers').load('address,areaCount,cellCount');
      constants.areas.load('items/address,items/numberFormat,items/values');
      const X = host.Excel as any;
      const formulas = used.getSpecialCells(X.SpecialCellType.formulas, X.SpecialCellValueType.numbers).load('address');
      await ctx.sync();
      // B1:C2 is one area (same columns in both rows), the merged E1:F2 holds its value in E1 only
      expect(constants.address).toBe('S!B1:C2,S!E1,S!A3,S!B4:C4');
      expect(constants.areaCount).toBe(4);
      expect(constants.cellCount).toBe(8);
      expect(constants.areas.items.map((r: any) => [r.address, r.numberFormat, r.values])).toEqual([
        [
          'S!B1:C2',
          [
            ['General', 'General'],
            ['General', 'General'],
          ],
          [
            [1, 2],
            [3, 4],
          ],
        ],
        ['S!E1', [['0.00']], [[7]]],
        ['S!A3', [['yyyy-mm-dd']], [[45596]]],
        ['S!B4:C4', [['General', '0%']], [[6, 0.95]]],
      ]);
      expect(formulas.address).toBe('S!B3');
    });
  });

  test('value types combine; a formula giving "" counts as text; the default is every type', async () => {
    const host = createHost(specialSample());
    await run(host, async (ctx) => {
      const used = ctx.workbook.worksheets.getItem('S').getRange('A1:F4');
      const q = (type: string, valueType?: string) => used.getSpecialCells(type, valueType).load('address');
      const logicalNumbers = q('Constants', 'LogicalNumbers');
      const errorsText = q('Constants', 'ErrorsText');
      const allConstants = q('Constants');
      const formulaText = q('Formulas', 'Text');
      const allFormulas = q('Formulas', 'All');
      await ctx.sync();
      expect(logicalNumbers.address).toBe('S!B1:E1,S!B2:C2,S!A3,S!B4:C4');
      expect(errorsText.address).toBe('S!A1:A2,S!D2');
      expect(allConstants.address).toBe('S!A1:E1,S!A2:D2,S!A3,S!B4:C4');
      expect(formulaText.address).toBe('S!C3:D3');
      expect(allFormulas.address).toBe('S!B3:D3');
    });
  });

  test('nothing matching: getSpecialCells fails with ItemNotFound, getSpecialCellsOrNullObject gives a null object', async () => {
    const host = createHost(specialSample());
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      const none = ws.getRange('A1:A2').getSpecialCellsOrNullObject('Constants', 'Numbers');
      none.areas.load('items/address');
      const some = ws.getRange('A1:B2').getSpecialCellsOrNullObject('Constants', 'Numbers').load('address');
      const emptySheet = ctx.workbook.worksheets.getItem('Empty').getRange('A1:Z100').getSpecialCellsOrNullObject('Formulas');
      expect(() => none.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      expect(emptySheet.isNullObject).toBe(true);
      expect(some.isNullObject).toBe(false);
      expect(some.address).toBe('S!B1:B2');
      ws.getRange('G1').values = [['before']];
      ws.getRange('A1:A2').getSpecialCells('Constants', 'Numbers').load('address');
      ws.getRange('G2').values = [['after']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
    expect(getCell(host.model.sheets[0], 0, 6)?.v).toBe('before');
    expect(getCell(host.model.sheets[0], 1, 6)).toBeUndefined();
  });

  test('properties and areas must be loaded and synced before they are read', async () => {
    const host = createHost(specialSample());
    await run(host, async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem('S').getRange('A1:F4').getSpecialCellsOrNullObject('Constants', 'Numbers');
      areas.load('areaCount');
      expect(() => areas.areaCount).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(() => areas.areas.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      areas.areas.load('items/address');
      await ctx.sync();
      expect(areas.areaCount).toBe(4);
      expect(() => areas.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(areas.areas.items).toHaveLength(4);
      expect(() => areas.areas.items[0].numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  test('requirement set ExcelApi 1.9; invalid arguments are refused', async () => {
    const old = createHost(specialSample(), { apiVersion: '1.8' });
    expect((old.Office as any).context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(false);
    await run(old, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('A1:F4').getSpecialCellsOrNullObject('Constants', 'Numbers').load('address');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
      ws.getRange('A1:F4').getSpecialCells('Constants', 'Numbers').load('address');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
    const host = createHost(specialSample());
    await run(host, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('S').getRange('A1:F4');
      range.getSpecialCellsOrNullObject('Numbers').load('address');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      range.getSpecialCellsOrNullObject('Constants', 'Number').load('address');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      range.getSpecialCellsOrNullObject('Blanks').load('address');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'NotImplemented' });
    });
  });

  test('the areas loaded count toward the response payload and its limit', async () => {
    const wb = newWorkbook(['S']);
    for (let r = 0; r < 200; r++) wb.sheets[0].cells.set(key(r, 2 * (r % 2)), { v: r, style: { numFmt: '0.000%' } });
    const load = (ctx: Ctx) => {
      const a = ctx.workbook.worksheets.getItem('S').getRange('A1:C200').getSpecialCellsOrNullObject('Constants', 'Numbers');
      a.areas.load('items/address,items/numberFormat');
      return a;
    };
    const host = createHost(wb);
    await run(host, async (ctx) => {
      const a = load(ctx);
      await ctx.sync();
      // alternate columns A and C: no two rows share a run, so 200 one-cell areas
      expect(a.areas.items).toHaveLength(200);
    });
    expect(host.stats.maxResponseBytes).toBeGreaterThan(200 * 'S!A1'.length + 200 * '[["0.000%"]]'.length);
    const small = createHost(wb, { payloadLimit: 2_000 });
    await run(small, async (ctx) => {
      load(ctx);
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    });
  });
});
