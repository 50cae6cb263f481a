/**
 * Scale of the .xlsx reader: a workbook of 70,000 one-cell sheets (more than 65,535 zip entries, written by a tool
 * that lets the entry count wrap instead of writing zip64) is read whole, every sheet in order. exceljs took
 * 7 min 46 s for 100,000 sheets (quadratic sheet lookups); the jest timeout here only guards against a hang, the
 * time is a goal of `npm run bench`.
 */
import { strToU8, zipSync } from 'fflate';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';

jest.setTimeout(120_000);

test('70,000 sheets: every one read, in order, with its value and merged area', async () => {
  const N = 70_000;
  const NS = 'http://schemas.openxmlformats.org';
  const files: Record<string, Uint8Array> = {};
  files['_rels/.rels'] = strToU8(
    `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const sheets: string[] = [];
  const rels: string[] = [];
  for (let i = 1; i <= N; i++) {
    sheets.push(`<sheet name="S${i}" sheetId="${i}" r:id="rId${i}"/>`);
    rels.push(`<Relationship Id="rId${i}" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`);
    files[`xl/worksheets/sheet${i}.xml`] = strToU8(
      `<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData><row r="2"><c r="B2"><v>${i}</v></c></row></sheetData><mergeCells><mergeCell ref="B2:C3"/></mergeCells></worksheet>`,
    );
  }
  files['xl/workbook.xml'] = strToU8(
    `<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets>${sheets.join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(`<Relationships xmlns="${NS}/package/2006/relationships">${rels.join('')}</Relationships>`);
  const grid = await readWorkbookGrid(zipSync(files, { level: 1 }));
  expect(grid.sheets).toHaveLength(N);
  grid.sheets.forEach((s, i) => {
    if (s.name !== `S${i + 1}` || s.cells[0][0] !== i + 1 || s.rowOffset !== 1 || s.colOffset !== 1)
      throw new Error(`sheet ${i + 1}: ${JSON.stringify(s)}`);
  });
  expect(grid.sheets[N - 1].merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 2 }]);
});

test('values in A and XFD on 100,000 rows, 1,000 merged areas and 30 reaching row 9,999,999: read and checked, the grid as sparse as the file', async () => {
  const NS = 'http://schemas.openxmlformats.org';
  const rows: string[] = [];
  for (let r = 1; r <= 100_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="XFD${r}"><v>${r}</v></c></row>`);
  const merges: string[] = [];
  for (let i = 0; i < 1000; i++) merges.push(`<mergeCell ref="B${i + 1}:C${i + 1}"/>`);
  for (let i = 0; i < 30; i++)
    merges.push(`<mergeCell ref="${String.fromCharCode(68 + (i % 20))}${2000 + i * 3}:${String.fromCharCode(68 + (i % 20))}9999999"/>`);
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(
      `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData><mergeCells>${merges.join('')}</mergeCells></worksheet>`,
    ),
  };
  const grid = await readWorkbookGrid(zipSync(files));
  const s = grid.sheets[0];
  expect(s.cells).toHaveLength(100_000);
  // every row holds its two cells and nothing else: no 16,384-wide rows of nulls
  for (let i = 0; i < s.cells.length; i++) {
    const keys = Object.keys(s.cells[i]);
    if (keys.length !== 2 || s.cells[i][0] !== i + 1 || s.cells[i][16383] !== i + 1)
      throw new Error(`row ${i + 1}: ${keys.length} entries`);
  }
  // areas reaching past the sheet end at its last row
  expect(s.merges.filter((m) => m.bottom === 1_048_575)).toHaveLength(30);
  expect(checkWorkbook(grid).tables).toEqual([]);
});
