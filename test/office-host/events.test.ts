/**
 * Events through Microsoft's client library: WorksheetCollection.onChanged / onSelectionChanged (ExcelApi 1.9;
 * Microsoft Learn, "Work with events using the Excel JavaScript API"), delivered by the host after the request that
 * caused them, with the event arguments the library builds (WorksheetChangedEventArgs: address, worksheetId,
 * changeType, source, details, triggerSource).
 */
import { createHost } from './index';
import { newWorkbook, touchCell } from './model';

function host(apiVersion = '1.17') {
  const wb = newWorkbook(['表1', '表2']);
  touchCell(wb.sheets[0], 0, 0).v = 'a';
  return createHost(wb, { apiVersion });
}

test('onChanged: a user edit reaches the handler with the address, the sheet id and the values before and after', async () => {
  const h = host();
  const seen: any[] = [];
  await (h.Excel as any).run(async (ctx: any) => {
    ctx.workbook.worksheets.onChanged.add(async (e: any) => {
      seen.push(e);
    });
    await ctx.sync();
  });
  await h.userEdit('表1', 'B2', '95%');
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({
    type: 'WorksheetChanged',
    address: 'B2',
    changeType: 'RangeEdited',
    source: 'Local',
    triggerSource: 'Unknown',
  });
  expect(seen[0].details).toEqual({ valueBefore: '', valueAfter: '95%', valueTypeBefore: undefined, valueTypeAfter: undefined });
  let id = '';
  await (h.Excel as any).run(async (ctx: any) => {
    const ws = ctx.workbook.worksheets.getItem('表1').load('id');
    await ctx.sync();
    id = ws.id;
  });
  expect(seen[0].worksheetId).toBe(id);
});

test("onChanged: the add-in's own writes carry triggerSource ThisLocalAddin (ExcelApi 1.14), none before", async () => {
  for (const [api, want] of [
    ['1.17', 'ThisLocalAddin'],
    ['1.12', undefined],
  ] as const) {
    const h = host(api);
    const seen: any[] = [];
    await (h.Excel as any).run(async (ctx: any) => {
      ctx.workbook.worksheets.onChanged.add(async (e: any) => {
        seen.push(e);
      });
      await ctx.sync();
      ctx.workbook.worksheets.getItem('表2').getRange('C3:D4').values = [
        [1, 2],
        [3, 4],
      ];
      await ctx.sync();
    });
    await h.eventsDelivered();
    expect(seen.map((e) => [e.address, e.triggerSource])).toEqual([['C3:D4', want]]);
  }
});

test('onSelectionChanged: user selections reach the handler; nothing is sent before a handler is added or after it is removed', async () => {
  const h = host();
  const seen: string[] = [];
  await h.userSelect('表1', 'C5');
  let remove: () => Promise<void> = async () => undefined;
  await (h.Excel as any).run(async (ctx: any) => {
    const r = ctx.workbook.worksheets.onSelectionChanged.add(async (e: any) => {
      seen.push(e.address);
    });
    await ctx.sync();
    remove = async () => {
      r.remove();
      await ctx.sync();
    };
  });
  await h.userSelect('表2', 'A1:B3');
  expect(seen).toEqual(['A1:B3']);
  await remove();
  await h.userSelect('表1', 'D4');
  expect(seen).toEqual(['A1:B3']);
  expect(h.model.selection).toEqual({ sheet: 0, rect: { top: 3, left: 3, bottom: 3, right: 3 } });
});

test('the events need ExcelApi 1.9', async () => {
  const h = host('1.8');
  await expect(
    (h.Excel as any).run(async (ctx: any) => {
      ctx.workbook.worksheets.onChanged.add(async () => undefined);
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
});
