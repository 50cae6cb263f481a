/** The annotated copy written by adding to the original package (src/adapters/xlsx/annotate.ts). */
import fs from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { strFromU8 } from 'fflate';
import { annotateXlsx, annotateXlsxReport, NOTE_SEPARATOR, SEVERITY_ARGB } from '../../src/adapters/xlsx/annotate';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import {
  KITCHEN_SHEET1,
  KITCHEN_STYLES,
  fillOf,
  finding,
  kitchenSink,
  loadExcel,
  noteOf,
  parts,
  rawEntries,
  text,
  zipWithDescriptors,
} from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RPR = '<rPr><sz val="9"/><color indexed="81"/><rFont val="宋体"/><charset val="134"/></rPr>';
const note = (text: string) => `<text><r>${RPR}<t xml:space="preserve">${text}</t></r></text>`;

/** Every entry not in `changed` is stored exactly as in the original (method, CRC, sizes, compressed bytes). */
function expectUnchangedExcept(original: Uint8Array, copy: Uint8Array, changed: string[], added: string[]): void {
  const a = rawEntries(original);
  const b = rawEntries(copy);
  expect([...b.keys()]).toEqual([...a.keys(), ...added]);
  for (const [name, e] of a) {
    const c = b.get(name)!;
    if (changed.includes(name)) {
      expect(Buffer.from(parts(copy)[name]).equals(Buffer.from(parts(original)[name]))).toBe(false);
      continue;
    }
    expect({ name, method: c.method, crc: c.crc, size: c.size, compressedSize: c.compressedSize }).toEqual({
      name,
      method: e.method,
      crc: e.crc,
      size: e.size,
      compressedSize: e.compressedSize,
    });
    expect(Buffer.from(c.data).equals(Buffer.from(e.data))).toBe(true);
  }
}

const KITCHEN_FINDINGS = [
  finding('数据', 'B2', 'error', '金额不能为空'),
  finding('数据', 'B2', 'info', '请核对单位'),
  finding('数据', 'C3', 'warning', '缺少指标值'),
  finding('数据', 'D4', 'info', '行 4 没有内容'),
  finding('数据', 'B5', 'warning', '无引用的单元格'),
  finding('数据', 'B8', 'error', '合并区域内的单元格'),
  finding('数据', 'E12', 'warning', '新的一行 <&>'),
];

describe('a hand-written .xlsm with protection, names, print area, custom properties, VBA, chart, image, a table without style and overlapping merges', () => {
  const original = zipWithDescriptors(kitchenSink({ styles: true }));
  const result = annotateXlsxReport(original, KITCHEN_FINDINGS);
  const copy = result.bytes;

  test('marks every finding cell and skips nothing; the input is not modified', () => {
    const again = zipWithDescriptors(kitchenSink({ styles: true }));
    expect(Buffer.from(original).equals(Buffer.from(again))).toBe(true);
    expect(result.skipped).toEqual([]);
    expect(result.marked).toBe(6);
  });

  test('every other part (VBA, workbook with protection, names, calcPr, custom properties, drawing, chart, image, table) is copied byte for byte', () => {
    expectUnchangedExcept(
      original,
      copy,
      ['[Content_Types].xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels'],
      ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml'],
    );
    const wb = text(copy, 'xl/workbook.xml');
    expect(wb).toContain('workbookHashValue="aGFzaGhhc2g="');
    expect(wb).toContain(`<definedName name="本表金额" localSheetId="0">'数据'!$B$2</definedName>`);
    expect(wb).toContain('fullCalcOnLoad="1"');
    expect(text(copy, '[Content_Types].xml')).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
    );
  });

  test('styles: the original with one fill per severity and one cloned xf per (format, severity) inserted', () => {
    const fill = (argb: string) =>
      `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
    const expected = KITCHEN_STYLES.replace('<fills count="2">', '<fills count="5">')
      .replace('</fills>', `${fill(SEVERITY_ARGB.error)}${fill(SEVERITY_ARGB.warning)}${fill(SEVERITY_ARGB.info)}</fills>`)
      .replace('<cellXfs count="2">', '<cellXfs count="7">')
      .replace(
        '</cellXfs>',
        '<xf numFmtId="9" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"><alignment horizontal="center"/></xf>' +
          '<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>' +
          '<xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1"/>' +
          '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>' +
          // E12: an empty cell in column E takes the column's style (xf 1)
          '<xf numFmtId="9" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"><alignment horizontal="center"/></xf>' +
          '</cellXfs>',
      );
    expect(text(copy, 'xl/styles.xml')).toBe(expected);
  });

  test('the sheet: only the s attributes of the finding cells, the inserted cells and row, and the legacyDrawing', () => {
    const expected = KITCHEN_SHEET1.replace('<c r="B2" s="1">', '<c r="B2" s="2">')
      .replace('<c r="D3">', '<c r="C3" s="3"/><c r="D3">')
      .replace('<row r="4"/>', '<row r="4"><c r="D4" s="4"/></row>')
      .replace('<row r="5"><c><v>5</v></c><c><v>6</v></c></row>', '<row r="5"><c><v>5</v></c><c s="3"><v>6</v></c></row>')
      .replace('<c r="A7" t="inlineStr">', '<c r="A7" t="inlineStr" s="5">')
      .replace('</sheetData>', '<row r="12"><c r="E12" s="6"/></row></sheetData>')
      .replace('<tableParts', '<legacyDrawing r:id="rId3"/><tableParts');
    expect(text(copy, 'xl/worksheets/sheet1.xml')).toBe(expected);
    // sheetProtection with its hash is untouched
    expect(text(copy, 'xl/worksheets/sheet1.xml')).toContain(
      'hashValue="q1w2e3r4t5y6u7i8o9p0AAAAAAAAAAAAAAAAAAAAAAA=" saltValue="c2FsdHNhbHQ="',
    );
  });

  test('relationships and content types: the original with exactly the new entries; the new comments part', () => {
    const files = kitchenSink({ styles: true });
    expect(text(copy, 'xl/worksheets/_rels/sheet1.xml.rels')).toBe(
      (files['xl/worksheets/_rels/sheet1.xml.rels'] as string).replace(
        '</Relationships>',
        `<Relationship Id="rId3" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId4" Type="${R}/comments" Target="../comments1.xml"/></Relationships>`,
      ),
    );
    expect(text(copy, '[Content_Types].xml')).toBe(
      (files['[Content_Types].xml'] as string).replace(
        '</Types>',
        '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/></Types>',
      ),
    );
    expect(text(copy, 'xl/comments1.xml')).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>绩效目标表助手</author></authors><commentList>' +
        `<comment ref="B2" authorId="0">${note('【错误】金额不能为空\n【提示】请核对单位')}</comment>` +
        `<comment ref="C3" authorId="0">${note('【警告】缺少指标值')}</comment>` +
        `<comment ref="D4" authorId="0">${note('【提示】行 4 没有内容')}</comment>` +
        `<comment ref="B5" authorId="0">${note('【警告】无引用的单元格')}</comment>` +
        `<comment ref="A7" authorId="0">${note('【错误】合并区域内的单元格')}</comment>` +
        `<comment ref="E12" authorId="0">${note('【警告】新的一行 &lt;&amp;&gt;')}</comment>` +
        '</commentList></comments>',
    );
    const vml = text(copy, 'xl/drawings/vmlDrawing1.vml');
    expect(vml).toContain('<o:idmap v:ext="edit" data="1"/>');
    expect(vml.match(/ObjectType="Note"/g)).toHaveLength(6);
    expect([...vml.matchAll(/<x:Row>(\d+)<\/x:Row><x:Column>(\d+)<\/x:Column>/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 1],
      [6, 0],
      [11, 4],
    ]);
  });

  test('our reader reads the same grid from the copy', async () => {
    expect(await readWorkbookGrid(copy)).toEqual(await readWorkbookGrid(original));
  });

  test('exceljs opens the copy and sees the fills and notes (the variant exceljs can open: r on every cell, no overlapping merges)', async () => {
    const wb = await loadExcel(annotateXlsx(zipWithDescriptors(kitchenSink({ styles: true, refs: true })), KITCHEN_FINDINGS));
    const ws = wb.getWorksheet('数据')!;
    expect(fillOf(ws.getCell('B2'))).toBe(SEVERITY_ARGB.error);
    expect(fillOf(ws.getCell('C3'))).toBe(SEVERITY_ARGB.warning);
    expect(fillOf(ws.getCell('D4'))).toBe(SEVERITY_ARGB.info);
    expect(fillOf(ws.getCell('A7'))).toBe(SEVERITY_ARGB.error);
    expect(fillOf(ws.getCell('E12'))).toBe(SEVERITY_ARGB.warning);
    expect(ws.getCell('B2').numFmt).toBe('0%');
    expect(noteOf(ws.getCell('B2'))).toBe('【错误】金额不能为空\n【提示】请核对单位');
    expect(noteOf(ws.getCell('E12'))).toBe('【警告】新的一行 <&>');
    expect(fillOf(ws.getCell('B5'))).toBe(SEVERITY_ARGB.warning);
    expect(ws.getCell('B5').value).toBe(6);
  });

  test('without a styles part: a minimal one is added with its relationship and content type', async () => {
    const bare = zipWithDescriptors(kitchenSink({ styles: false }));
    const out = annotateXlsx(bare, KITCHEN_FINDINGS);
    expectUnchangedExcept(
      bare,
      out,
      ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels'],
      ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/styles.xml'],
    );
    expect(text(out, 'xl/_rels/workbook.xml.rels')).toContain(`Type="${R}/styles" Target="styles.xml"`);
    expect(text(out, '[Content_Types].xml')).toContain('<Override PartName="/xl/styles.xml"');
    expect(await readWorkbookGrid(out)).toEqual(await readWorkbookGrid(bare));
    const ws = (
      await loadExcel(annotateXlsx(zipWithDescriptors(kitchenSink({ styles: false, refs: true })), KITCHEN_FINDINGS))
    ).getWorksheet('数据')!;
    expect(fillOf(ws.getCell('B2'))).toBe(SEVERITY_ARGB.error);
    expect(noteOf(ws.getCell('D4'))).toBe('【提示】行 4 没有内容');
  });
});

describe('18-openpyxl.xlsx: chart, image, table and a user comment', () => {
  const original = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'odd', '18-openpyxl.xlsx')));
  const findings = [
    finding('绩效目标', 'B1', 'warning', '名称过长'),
    finding('绩效目标', 'B1', 'error', '名称不规范'),
    finding('绩效目标', 'B2', 'info', '完成率偏高'),
    finding('绩效目标', 'C5', 'error', '合并区域'),
  ];
  const copy = annotateXlsx(original, findings);

  test('only styles, the sheet, its comments and VML change', () => {
    expectUnchangedExcept(
      original,
      copy,
      ['xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/comments/comment1.xml', 'xl/drawings/commentsDrawing1.vml'],
      [],
    );
  });

  test("the user's comment keeps its text and author, ours is appended after the separator", async () => {
    const c = text(copy, 'xl/comments/comment1.xml');
    expect(c).toContain('<authors><author>审核人</author><author>绩效目标表助手</author></authors>');
    expect(c).toContain(
      `<comment ref="B1" authorId="0" shapeId="0"><text><t>请核对项目名称</t><r>${RPR}<t xml:space="preserve">${NOTE_SEPARATOR}【错误】名称不规范\n【警告】名称过长</t></r></text></comment>`,
    );
    expect(c).toContain(`<comment ref="A5" authorId="1">${note('【错误】合并区域')}</comment>`);
    expect(c).toContain(`<comment ref="B2" authorId="1">${note('【提示】完成率偏高')}</comment>`);
    // (exceljs cannot open this file, even the original: it fails on openpyxl's drawing; the fills are checked here)
    const sheet = text(copy, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<c r="B1" t="inlineStr" s="3">');
    expect(sheet).toContain('<c r="B2" s="4" t="n">');
    expect(sheet).toContain('<c r="A5" t="inlineStr" s="3">');
    const styles = text(copy, 'xl/styles.xml');
    expect(styles).toContain(
      '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" pivotButton="0" quotePrefix="0" xfId="0" applyFill="1"/><xf numFmtId="9" fontId="0" fillId="3" borderId="0" pivotButton="0" quotePrefix="0" xfId="0" applyFill="1"/></cellXfs>',
    );
    expect(styles).toContain(
      `<fgColor rgb="${SEVERITY_ARGB.error}"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="${SEVERITY_ARGB.info}"/>`,
    );
  });

  test('the VML keeps its shapes and gains one per new note', () => {
    const before = strFromU8(parts(original)['xl/drawings/commentsDrawing1.vml']);
    const after = text(copy, 'xl/drawings/commentsDrawing1.vml');
    expect(after.startsWith(before.slice(0, before.lastIndexOf('</xml>')))).toBe(true);
    expect(after.match(/ObjectType="Note"/g)).toHaveLength(3);
  });

  test('our reader reads the same grid from the copy', async () => {
    expect(await readWorkbookGrid(copy)).toEqual(await readWorkbookGrid(original));
  });
});

describe('a workbook written by exceljs with a note', () => {
  test('the note is kept and ours appended; new notes on other cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表一');
    ws.getCell('A1').value = '项目名称';
    ws.getCell('B1').value = 12;
    ws.getCell('B1').note = '用户的批注';
    ws.getCell('C2').value = 0.5;
    ws.getCell('C2').numFmt = '0.00%';
    ws.mergeCells('A4:B5');
    const original = new Uint8Array(await wb.xlsx.writeBuffer());
    const copy = annotateXlsx(original, [
      finding('表一', 'B1', 'error', '金额有误'),
      finding('表一', 'C2', 'warning', '比例'),
      finding('表一', 'B5', 'info', '合并'),
    ]);
    expect(await readWorkbookGrid(copy)).toEqual(await readWorkbookGrid(original));
    const back = (await loadExcel(copy)).getWorksheet('表一')!;
    expect(noteOf(back.getCell('B1'))).toBe(`用户的批注${NOTE_SEPARATOR}【错误】金额有误`);
    expect(noteOf(back.getCell('C2'))).toBe('【警告】比例');
    expect(noteOf(back.getCell('A4'))).toBe('【提示】合并');
    expect(fillOf(back.getCell('B1'))).toBe(SEVERITY_ARGB.error);
    expect(fillOf(back.getCell('C2'))).toBe(SEVERITY_ARGB.warning);
    expect(back.getCell('C2').numFmt).toBe('0.00%');
    expect(fillOf(back.getCell('A4'))).toBe(SEVERITY_ARGB.info);
  });
});

describe('the fixtures', () => {
  for (const file of [
    'clean.xlsx',
    'layoutA-ningxia.xlsx',
    'layoutB-beidaihe.xlsx',
    'layoutC-hengdong.xlsx',
    'layoutD-suixi.xlsx',
    'variants.xlsx',
  ]) {
    test(`${file}: the copy reads back to the same grid, exceljs sees the fills`, async () => {
      const original = new Uint8Array(fs.readFileSync(path.join(FIXTURES, file)));
      const grid = await readWorkbookGrid(original);
      const sheet = grid.sheets[0].name;
      const copy = annotateXlsx(original, [
        finding(sheet, 'A1', 'error', '一'),
        finding(sheet, 'C3', 'warning', '二'),
        finding(sheet, 'Z200', 'info', '三'),
      ]);
      expect(await readWorkbookGrid(copy)).toEqual(grid);
      const ws = (await loadExcel(copy)).getWorksheet(sheet)!;
      expect(fillOf(ws.getCell('Z200'))).toBe(SEVERITY_ARGB.info);
      expect(noteOf(ws.getCell('Z200'))).toBe('【提示】三');
    });
  }
});
