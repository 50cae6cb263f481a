/**
 * The exceljs reader (src/adapters/exceljs/read.ts): reading for checking only (merged areas kept as
 * a list, not materialised cell by cell) gives exactly the grid of a full exceljs load, is much
 * faster on sheets with many merged areas, and reads files exceljs itself refuses.
 */
import fs from 'fs';
import { loadExcelWorkbook, readWorkbookGrid, workbookToGrid } from '../../src/adapters/exceljs/read';
import { FIXTURE_FILES } from '../checker/fixture-files';
import { buildBigWorkbook } from '../fixtures/big';
import { HOSTILE, storedZip } from './hostile';

jest.setTimeout(60_000);

const full = async (buf: Buffer) => workbookToGrid(await loadExcelWorkbook(buf));

test.each(FIXTURE_FILES)('%s: the read-only grid equals the full-load grid', async (file) => {
  const buf = fs.readFileSync(file);
  expect(await readWorkbookGrid(buf)).toEqual(await full(buf));
});

test('a 30-table workbook and the hostile workbooks: same grids', async () => {
  const cases: [string, Buffer][] = [['big-30', await buildBigWorkbook(30)]];
  // (overlapping merges: exceljs refuses them, below; 10,000 merges and the million-row sheet: too slow to load fully here)
  for (const h of HOSTILE) if (!['overlapping-merges', 'merges-10000', 'limits'].includes(h.name)) cases.push([h.name, await h.build()]);
  for (const [name, buf] of cases) expect({ name, grid: await readWorkbookGrid(buf) }).toEqual({ name, grid: await full(buf) });
});

test('merged cells: only the top-left cell of an area keeps a value, even when the file repeats it', async () => {
  // a minimal workbook as another tool writes it: the covered cells C2 and D3 of B2:D3 hold values too
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const buf = minimalXlsx(
    `<sheetData><row r="2">${cell('B2', '项目名称')}${cell('C2', '项目名称')}</row><row r="3">${cell('D3', 'covered')}</row></sheetData>` +
      '<mergeCells count="1"><mergeCell ref="B2:D3"/></mergeCells>',
  );
  const grid = await readWorkbookGrid(buf);
  expect(grid.sheets[0].merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 3 }]);
  expect(grid.sheets[0].cells).toEqual([['项目名称']]);
  expect(grid.sheets[0]).toMatchObject({ rowOffset: 1, colOffset: 1 });
  expect(grid).toEqual(await full(buf));
});

test('a workbook exceljs refuses (overlapping merged areas) is still read for checking', async () => {
  const buf = await HOSTILE.find((h) => h.name === 'overlapping-merges')!.build();
  await expect(loadExcelWorkbook(buf)).rejects.toThrow(/文件已损坏/);
  const grid = await readWorkbookGrid(buf);
  expect(grid.sheets[0].merges).toEqual(expect.arrayContaining([
    { top: 19, left: 0, bottom: 20, right: 2 },
    { top: 20, left: 1, bottom: 21, right: 3 },
  ]));
});

test('annotating still gets a fully loaded workbook (merged cells materialised)', async () => {
  const wb = await loadExcelWorkbook(fs.readFileSync('test/fixtures/clean.xlsx'));
  const ws = wb.worksheets[0];
  const merged: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => c.isMerged && merged.push(c.address)));
  expect(merged.length).toBeGreaterThan(0);
});

/** A one-sheet .xlsx written by hand (no exceljs), with the given <sheetData>… XML. */
function minimalXlsx(sheetXml: string): Buffer {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
  const NS = 'http://schemas.openxmlformats.org';
  return storedZip([
    {
      name: '[Content_Types].xml',
      data: xml(
        `<Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    {
      name: 'xl/workbook.xml',
      data: xml(`<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: xml(`<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
    { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet xmlns="${NS}/spreadsheetml/2006/main">${sheetXml}</worksheet>`) },
  ]);
}
