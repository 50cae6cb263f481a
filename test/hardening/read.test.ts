/**
 * Our own .xlsx reader (src/adapters/xlsx) against an independent second reading: exceljs's full load turned
 * into a grid (src/adapters/exceljs/read.ts workbookToGrid). On every file both can read, the grids are equal;
 * where they differ, the case is listed below with the reason (exceljs reads the value wrong).
 */
import fs from 'fs';
import { loadExcelWorkbook, workbookToGrid } from '../../src/adapters/exceljs/read';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { FIXTURE_FILES } from '../checker/fixture-files';
import { applyMutation, listTableIds, readMutations, readTranscription } from '../corpus/format';
import { rawTexts, workbookBuffer } from '../corpus/generate';
import { buildBigWorkbook } from '../fixtures/big';
import { HOSTILE, storedZip } from './hostile';

jest.setTimeout(120_000);

const full = async (buf: Buffer) => workbookToGrid(await loadExcelWorkbook(buf));

test.each(FIXTURE_FILES)("%s: our grid equals exceljs's", async (file) => {
  const buf = fs.readFileSync(file);
  expect(await readWorkbookGrid(buf)).toEqual(await full(buf));
});

test('every corpus table and mutation, written by exceljs: same grids', async () => {
  const ids = listTableIds();
  expect(ids.length).toBeGreaterThan(50);
  const byId = new Map(ids.map((id) => [id, readTranscription(id)]));
  const cases: [string, Buffer][] = [];
  for (const id of ids) cases.push([id, await workbookBuffer(byId.get(id)!, rawTexts(id))]);
  for (const mu of readMutations()) cases.push([mu.id, await workbookBuffer(applyMutation(byId.get(mu.base)!, mu), rawTexts(mu.base))]);
  for (const [name, buf] of cases) expect({ name, grid: await readWorkbookGrid(buf) }).toEqual({ name, grid: await full(buf) });
});

/**
 * Where exceljs reads a value wrong: the cell (sheet index, absolute row and column), what the file holds and
 * so what we read. 'no-table' E2 is `<f>C2*1.1</f><v>0</v>`: a cached result of 0, which Excel shows and
 * exceljs drops.
 */
const EXCELJS_WRONG: Record<string, { sheet: number; row: number; col: number; value: unknown }[]> = {
  'no-table': [{ sheet: 0, row: 1, col: 4, value: 0 }],
};

test('a 30-table workbook and the hostile workbooks: same grids', async () => {
  const cases: [string, Buffer][] = [['big-30', await buildBigWorkbook(30)]];
  // (overlapping merges: exceljs refuses them, below; 10,000 merges and the million-row sheet: too slow to load fully)
  for (const h of HOSTILE) if (!['overlapping-merges', 'merges-10000', 'limits'].includes(h.name)) cases.push([h.name, await h.build()]);
  let compared = 0;
  for (const [name, buf] of cases) {
    let theirs: Awaited<ReturnType<typeof full>>;
    try {
      theirs = await full(buf);
    } catch {
      continue; // files exceljs cannot read: the refusals are tested in hostile.test.ts
    }
    for (const w of EXCELJS_WRONG[name] ?? []) {
      const s = theirs.sheets[w.sheet];
      (s.cells[w.row - s.rowOffset] ??= [])[w.col - s.colOffset] = w.value as never;
    }
    expect({ name, grid: await readWorkbookGrid(buf) }).toEqual({ name, grid: theirs });
    compared++;
  }
  expect(compared).toBeGreaterThanOrEqual(8);
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

test('a workbook exceljs refuses (overlapping merged areas) is read', async () => {
  const buf = await HOSTILE.find((h) => h.name === 'overlapping-merges')!.build();
  await expect(loadExcelWorkbook(buf)).rejects.toThrow(/文件已损坏/);
  const grid = await readWorkbookGrid(buf);
  expect(grid.sheets[0].merges).toEqual(
    expect.arrayContaining([
      { top: 19, left: 0, bottom: 20, right: 2 },
      { top: 20, left: 1, bottom: 21, right: 3 },
    ]),
  );
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
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: xml(`<worksheet xmlns="${NS}/spreadsheetml/2006/main">${sheetXml}</worksheet>`) },
  ]);
}
