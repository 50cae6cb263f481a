/**
 * The documented Excel rules the simulated workbook keeps, exercised through Microsoft's own
 * client library (excel-web-16.00.debug.js): each test names its source, and
 * test/office-host/README.md lists them.
 */
import { createHost } from '.';
import { getCell, key, newWorkbook } from './model';
import { saveAndReopen } from './xlsx';

type Ctx = any;
const run = (host: ReturnType<typeof createHost>, fn: (ctx: Ctx) => Promise<unknown>) => (host.Excel as any).run(fn);

function book() {
  const wb = newWorkbook(['表1', 'Sheet2']);
  wb.sheets[0].cells.set(key(0, 0), { v: '项目名称' });
  wb.sheets[0].merges.push({ top: 1, left: 1, bottom: 3, right: 2 }); // B2:C4
  return wb;
}

describe('Excel rules through the real client library', () => {
  test("requests are the client library's own: PropertyNotLoaded, OfficeExtension.Error, sizes measured", async () => {
    const host = createHost(book());
    await run(host, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('表1').getRange('A1');
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      r.load('values');
      await ctx.sync();
      expect(r.values).toEqual([['项目名称']]);
    });
    // the batch's sync, then the end of Excel.run releasing the range Excel kept a reference to
    expect(host.stats.syncs).toBe(2);
    expect(host.stats.maxRequestBytes).toBeGreaterThan(200); // the serialised ObjectPaths and Actions
    const err = await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('没有这个表').load('name');
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(host.OfficeExtension.Error as unknown as new () => unknown);
    expect(err).toMatchObject({ code: 'ItemNotFound', name: 'RichApi.Error' });
  });

  // Microsoft Learn, "Resource limits and performance optimization for Office Add-ins": Excel on
  // the web limits a request and a response to 5 MB (RequestPayloadSizeLimitExceeded)
  test('a request over 5 MB is refused before anything runs', async () => {
    const host = createHost(book());
    const err = await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表1');
      ws.getRange('A2').values = [['x']];
      ws.getRange('A3').values = [['y'.repeat(6 * 1024 * 1024)]];
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(getCell(host.model.sheets[0], 1, 0)).toBeUndefined();
  });

  // Worksheet.delete reference and "Work with worksheets" (Microsoft Learn); office-js #365
  test('a very hidden worksheet cannot be deleted; made hidden first, it can', async () => {
    const host = createHost(book());
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet2').visibility = 'VeryHidden';
      await ctx.sync();
    });
    const err = await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet2').delete();
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidOperation' });
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet2');
      ws.visibility = 'Hidden';
      ws.delete();
      await ctx.sync();
    });
    expect(host.model.sheets.map((s) => s.name)).toEqual(['表1']);
  });

  // office-js #3611, #1590: a merge is reported only when its top-left cell is in the range
  test.each([
    ['clipped', ['表1!B3:C4']],
    ['full', ['表1!B2:C4']],
    ['topLeft', []],
  ] as const)('merged areas of B3:D9 reported %s', async (mode, expected) => {
    const host = createHost(book(), { mergeReport: mode });
    const got = await run(host, async (ctx) => {
      const m = ctx.workbook.worksheets.getItem('表1').getRange('B3:D9').getMergedAreasOrNullObject();
      m.load('address');
      await ctx.sync();
      return m.isNullObject ? [] : m.address.split(',');
    });
    expect(got).toEqual(expected);
  });

  // "Excel JavaScript API requirement sets": getMergedAreasOrNullObject is ExcelApi 1.13
  test("an API above the host's requirement set fails with ApiNotFound", async () => {
    const host = createHost(book(), { apiVersion: '1.8' });
    const err = await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('表1').getRange('A1:D9').getMergedAreasOrNullObject().load('address');
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ApiNotFound' });
  });

  // Worksheet.getRanges (ExcelApi 1.9) and RangeAreas.format: one write for many cells
  test('a fill written on a RangeAreas lands on every area', async () => {
    const host = createHost(book());
    await run(host, async (ctx) => {
      ctx.workbook.worksheets.getItem('表1').getRanges('A1, D5:E5').format.fill.color = '#FFC7CE';
      await ctx.sync();
    });
    const fill = (r: number, c: number) => getCell(host.model.sheets[0], r, c)?.style?.fill?.color;
    expect([fill(0, 0), fill(4, 3), fill(4, 4), fill(4, 5)]).toEqual(['#FFC7CE', '#FFC7CE', '#FFC7CE', undefined]);
  });

  // Workbook.customXmlParts (ExcelApi 1.5): parts are kept in the file
  test('custom XML parts: add, find by namespace, read, replace, delete; kept through save and reopen', async () => {
    const host = createHost(book());
    const ns = 'urn:example:test';
    await run(host, async (ctx) => {
      ctx.workbook.customXmlParts.add(`<r xmlns="${ns}"><a>1</a></r>`);
      ctx.workbook.customXmlParts.add('<other xmlns="urn:other"/>');
      await ctx.sync();
    });
    host.setModel(await saveAndReopen(host.model));
    const xml = await run(host, async (ctx) => {
      const parts = ctx.workbook.customXmlParts.getByNamespace(ns);
      parts.load('items/id');
      await ctx.sync();
      expect(parts.items).toHaveLength(1);
      const text = parts.items[0].getXml();
      parts.items[0].setXml(`<r xmlns="${ns}"><a>2</a></r>`);
      await ctx.sync();
      return text.value;
    });
    expect(xml).toBe(`<r xmlns="${ns}"><a>1</a></r>`);
    await run(host, async (ctx) => {
      const parts = ctx.workbook.customXmlParts.getByNamespace(ns);
      parts.load('items');
      await ctx.sync();
      parts.items.forEach((p: any) => p.delete());
      await ctx.sync();
    });
    expect(host.model.customXmlParts?.map((p) => p.namespaceUri)).toEqual(['urn:other']);
  });

  // Microsoft Learn, "Performance optimization using the Excel JavaScript API" (untrack); Excel.run
  // cleans up the references created in its batch (office-js-docs #32)
  test('in an Excel.run a range serves later syncs too; untracked, it serves only its first', async () => {
    const host = createHost(book());
    const reused = await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.add('新表');
      await ctx.sync();
      const r = ws.getRange('A2');
      r.load('address');
      await ctx.sync();
      r.values = [['second sync']];
      await ctx.sync();
      const u = ws.getRange('A3').untrack();
      u.load('address');
      await ctx.sync();
      try {
        u.values = [['x']]; // the client refuses it as it is queued
        await ctx.sync();
        return 'used';
      } catch (e) {
        return (e as { code: string }).code;
      }
    });
    expect(reused).toBe('InvalidObjectPath');
    expect(getCell(host.model.sheets[2], 1, 0)?.v).toBe('second sync');
  });

  // Range.getCellProperties / setCellProperties references (ExcelApi 1.9; office-js-snippets 42-range/cell-properties):
  // every cell's format read in one call, written back in one call
  test("a cell's properties read with getCellProperties and written with setCellProperties give the same format", async () => {
    const wb = newWorkbook(['表1']);
    const styles = [
      { fill: { pattern: 'Solid', color: '#FFC7CE', patternColor: null }, font: { bold: true, color: '#9C0006', size: 12 } },
      { border: { top: { style: 'thin', color: '#00B050' }, bottom: { style: 'medium' }, left: { style: 'dashed', color: '#FF0000' } } },
      { alignment: { horizontal: 'center', vertical: 'middle', wrapText: true, indent: 2 }, locked: false },
      {},
    ];
    styles.forEach((style, c) => wb.sheets[0].cells.set(key(0, c), { v: c === 3 ? null : `x${c}`, style }));
    const host = createHost(wb);
    await run(host, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('表1');
      const props = ws.getRange('A1:D1').getCellProperties({
        format: {
          fill: true,
          font: true,
          borders: true,
          horizontalAlignment: true,
          verticalAlignment: true,
          wrapText: true,
          indentLevel: true,
          protection: { locked: true },
        },
      });
      await ctx.sync();
      expect(props.value[0][0].format.fill).toMatchObject({ color: '#FFC7CE', pattern: 'Solid' });
      expect(props.value[0][2].format.protection).toEqual({ locked: false });
      expect(props.value[0][0].address).toBeUndefined(); // not asked for
      ws.getRange('A3:D3').setCellProperties(props.value);
      await ctx.sync();
    });
    styles.forEach((style, c) => expect(getCell(host.model.sheets[0], 2, c)?.style ?? {}).toEqual(style));
    // (the array must have the range's size)
    const err = await run(host, async (ctx) => {
      ctx.workbook.worksheets
        .getItem('表1')
        .getRange('A5:B5')
        .setCellProperties([[{}]]);
      await ctx.sync();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidArgument' });
  });
});
