/** Edge cases of the annotated copy and of the zip writer. */
import fs from 'fs';
import path from 'path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { annotateXlsx, annotateXlsxReport, SEVERITY_ARGB } from '../../src/adapters/xlsx/annotate';
import { crc32, readZipEntries, writeZip } from '../../src/adapters/xlsx/zip-write';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { fillOf, finding, kitchenSink, loadExcel, noteOf, rawEntries, text, zipWithDescriptors } from './helpers';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

describe('zip writer', () => {
  test('crc32 of "123456789" is CBF43926', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
  });

  test('stored and deflated entries are copied as they are; a replaced entry is deflated anew', () => {
    const input = zipSync({
      'a.txt': [strToU8('stored text'), { level: 0 }],
      'b.xml': [strToU8('<b>deflated</b>'), { level: 9 }],
      'c.bin': new Uint8Array([1, 2, 3]),
    });
    const entries = readZipEntries(input);
    const out = writeZip(input, entries, new Map([['b.xml', strToU8('<b>changed</b>')]]), [['d/new.xml', strToU8('<new/>')]]);
    const a = rawEntries(input);
    const b = rawEntries(out);
    expect([...b.keys()]).toEqual(['a.txt', 'b.xml', 'c.bin', 'd/new.xml']);
    for (const k of ['a.txt', 'c.bin']) expect(b.get(k)).toEqual(a.get(k));
    expect(b.get('a.txt')!.method).toBe(0);
    expect(b.get('b.xml')!.crc).toBe(crc32(strToU8('<b>changed</b>')));
    expect(text(out, 'b.xml')).toBe('<b>changed</b>');
    expect(text(out, 'd/new.xml')).toBe('<new/>');
  });

  test('entries with data descriptors are copied with the sizes of the central directory, bit 3 cleared', () => {
    const input = zipWithDescriptors({ 'x.xml': '<x>一二三</x>', 'y.xml': '<y/>' });
    const out = writeZip(input, readZipEntries(input), new Map(), []);
    const entries = readZipEntries(out);
    expect(entries.map((e) => e.flags & 0x8)).toEqual([0, 0]);
    expect(text(out, 'x.xml')).toBe('<x>一二三</x>');
    const v = new DataView(out.buffer);
    // the local header holds CRC and sizes now
    expect(v.getUint32(14, true)).toBe(entries[0].crc);
    expect(v.getUint32(18, true)).toBe(entries[0].compressedSize);
  });
});

describe('sheets without their own parts', () => {
  test('a sheet with no .rels, no xmlns:r and an empty sheetData gets rels, a legacyDrawing with its namespace, a row', async () => {
    const files = kitchenSink({ styles: true, refs: true });
    files['xl/worksheets/sheet2.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
    const original = zipWithDescriptors(files);
    const copy = annotateXlsx(original, [finding('其他', 'C3', 'error', '空表')]);
    expect(text(copy, 'xl/worksheets/sheet2.xml')).toBe(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData><row r="3"><c r="C3" s="2"/></row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><legacyDrawing xmlns:r="${R}" r:id="rId1"/></worksheet>`,
    );
    expect(text(copy, 'xl/worksheets/_rels/sheet2.xml.rels')).toContain(
      `<Relationship Id="rId1" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId2" Type="${R}/comments" Target="../comments1.xml"/>`,
    );
    expect(await readWorkbookGrid(copy)).toEqual(await readWorkbookGrid(original));
    const ws = (await loadExcel(copy)).getWorksheet('其他')!;
    expect(fillOf(ws.getCell('C3'))).toBe(SEVERITY_ARGB.error);
    expect(noteOf(ws.getCell('C3'))).toBe('【错误】空表');
  });

  test('a sheet whose legacyDrawing holds a form control but no notes: a comments part is added, the shapes go into that VML', () => {
    const files = kitchenSink({ styles: true, refs: true });
    const vml =
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="3"/></o:shapelayout><v:shape id="_x0000_s3073" type="#_x0000_t201"><x:ClientData ObjectType="Button"><br></x:ClientData></v:shape></xml>';
    files['xl/drawings/vmlDrawing7.vml'] = vml;
    files['xl/worksheets/sheet1.xml'] = (files['xl/worksheets/sheet1.xml'] as string).replace(
      '<tableParts',
      '<legacyDrawing r:id="rId9"/><tableParts',
    );
    files['xl/worksheets/_rels/sheet1.xml.rels'] = (files['xl/worksheets/_rels/sheet1.xml.rels'] as string).replace(
      '</Relationships>',
      `<Relationship Id="rId9" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing7.vml"/></Relationships>`,
    );
    files['[Content_Types].xml'] = (files['[Content_Types].xml'] as string).replace(
      '</Types>',
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>',
    );
    const original = zipWithDescriptors(files);
    const copy = annotateXlsx(original, [finding('数据', 'B2', 'warning', '按钮旁')]);
    const after = text(copy, 'xl/drawings/vmlDrawing7.vml');
    expect(after.startsWith(vml.slice(0, vml.lastIndexOf('</xml>')))).toBe(true);
    expect(after).toContain('id="_x0000_t202"');
    expect(after).toContain('id="_x0000_s3074"');
    expect(after).toContain('<x:Row>1</x:Row><x:Column>1</x:Column>');
    // no second legacyDrawing, no second vml Default
    expect(text(copy, 'xl/worksheets/sheet1.xml').match(/<legacyDrawing/g)).toHaveLength(1);
    expect(text(copy, '[Content_Types].xml').match(/Extension="vml"/g)).toHaveLength(1);
    expect(text(copy, 'xl/comments1.xml')).toContain('<comment ref="B2" authorId="0">');
    expect(rawEntries(copy).has('xl/drawings/vmlDrawing1.vml')).toBe(false);
  });

  test('threaded comments are left untouched; the legacy counterpart gets our text', () => {
    const files = kitchenSink({ styles: true, refs: true });
    const threaded = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="B2" dT="2024-01-01T00:00:00.00" personId="{00000000-0000-0000-0000-000000000001}" id="{00000000-0000-0000-0000-000000000002}"><text>线程批注</text></threadedComment></ThreadedComments>`;
    files['xl/threadedComments/threadedComment1.xml'] = threaded;
    files['xl/comments1.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>tc={00000000-0000-0000-0000-000000000002}</author></authors><commentList><comment ref="B2" authorId="0" shapeId="0"><text><t>[Threaded comment]线程批注</t></text></comment></commentList></comments>`;
    files['xl/worksheets/_rels/sheet1.xml.rels'] = (files['xl/worksheets/_rels/sheet1.xml.rels'] as string).replace(
      '</Relationships>',
      `<Relationship Id="rId5" Type="${R}/comments" Target="../comments1.xml"/><Relationship Id="rId6" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>`,
    );
    const original = zipWithDescriptors(files);
    const copy = annotateXlsx(original, [finding('数据', 'B2', 'error', '金额')]);
    expect(rawEntries(copy).get('xl/threadedComments/threadedComment1.xml')).toEqual(
      rawEntries(original).get('xl/threadedComments/threadedComment1.xml'),
    );
    expect(text(copy, 'xl/comments1.xml')).toContain('<t>[Threaded comment]线程批注</t><r>');
  });

  test('findings on a sheet the workbook does not have are reported as skipped; the package is otherwise unchanged', () => {
    const original = zipWithDescriptors(kitchenSink({ styles: true }));
    const r = annotateXlsxReport(original, [finding('没有的表', 'A1', 'error', '一')]);
    expect(r.skipped).toEqual([{ sheet: '没有的表', reason: 'no worksheet of that name' }]);
    expect(r.marked).toBe(0);
    const a = rawEntries(original);
    const b = rawEntries(r.bytes);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k)).toEqual(v);
  });

  test('a cell whose r names another row than its row element: the sheet is skipped with the reason', () => {
    const files = kitchenSink({ styles: true, refs: true });
    files['xl/worksheets/sheet2.xml'] =
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A2"><v>1</v></c></row></sheetData></worksheet>`;
    const r = annotateXlsxReport(zipWithDescriptors(files), [finding('其他', 'A1', 'error', '一')]);
    expect(r.skipped).toEqual([{ sheet: '其他', reason: 'cell A2 is not in its row 1' }]);
  });
});

describe('many notes', () => {
  test('2,000 finding cells: one VML with two id blocks, every note and fill read back by exceljs', async () => {
    const files = kitchenSink({ styles: true, refs: true });
    const original = zipWithDescriptors(files);
    const findings = Array.from({ length: 2000 }, (_, i) =>
      finding(
        '其他',
        `${String.fromCharCode(65 + (i % 20))}${Math.floor(i / 20) + 1}`,
        (['error', 'warning', 'info'] as const)[i % 3],
        `第 ${i} 条`,
      ),
    );
    const t0 = Date.now();
    const copy = annotateXlsx(original, findings);
    expect(Date.now() - t0).toBeLessThan(5000);
    const vml = text(copy, 'xl/drawings/vmlDrawing1.vml');
    expect(vml).toContain('<o:idmap v:ext="edit" data="1,2"/>');
    expect(vml.match(/ObjectType="Note"/g)).toHaveLength(2000);
    expect(vml).toContain('id="_x0000_s3024"');
    const ws = (await loadExcel(copy)).getWorksheet('其他')!;
    expect(noteOf(ws.getCell('T100'))).toBe('【警告】第 1999 条');
    expect(fillOf(ws.getCell('T100'))).toBe(SEVERITY_ARGB.warning);
    expect(ws.getCell('A1').value).toBe(42);
    expect(await readWorkbookGrid(copy)).toEqual(await readWorkbookGrid(original));
  });
});

describe('spellings', () => {
  test('x-prefixed SpreadsheetML: inserted rows, cells and legacyDrawing carry the prefix', async () => {
    const original = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'odd', '02-x-prefixed.xlsx')));
    const copy = annotateXlsx(original, [
      finding('数据', 'B2', 'error', '一'),
      finding('数据', 'E2', 'warning', '二'),
      finding('数据', 'A9', 'info', '三'),
    ]);
    const sheet = text(copy, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<x:c r="E2" s="');
    expect(sheet).toContain('<x:row r="9"><x:c r="A9" s="');
    expect(sheet).toMatch(/<x:legacyDrawing r:id="rId\d+"\/><\/x:worksheet>$/);
    expect(await readWorkbookGrid(copy)).toEqual(await readWorkbookGrid(original));
  });

  test('a sheet part with a UTF-8 byte-order mark keeps it; findings outside the sheet bounds are ignored', async () => {
    const files = kitchenSink({ styles: true, refs: true });
    const body = new TextEncoder().encode(
      `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>`,
    );
    files['xl/worksheets/sheet2.xml'] = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const original = zipWithDescriptors(files);
    const copy = annotateXlsx(original, [
      finding('其他', 'A1', 'error', '一'),
      { ...finding('其他', 'A1', 'error', '界外'), cell: 'A1048577', row: 1048576 },
    ]);
    const raw = unzipSync(copy)['xl/worksheets/sheet2.xml'];
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(copy, 'xl/worksheets/sheet2.xml')).toContain('<c r="A1" s="2"><v>42</v></c>');
    expect(text(copy, 'xl/comments1.xml')).not.toContain('界外');
    expect(await readWorkbookGrid(copy)).toEqual(await readWorkbookGrid(original));
  });
});
