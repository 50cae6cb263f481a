/** Helpers of the annotated-copy tests: findings, packages written by hand (with data descriptors), part access. */
import ExcelJS from 'exceljs';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';
import type { Finding, Severity } from '../../src/core/findings';
import { crc32, readZipEntries } from '../../src/adapters/xlsx/zip-write';
import { type WorkbookGrid, a1 } from '../../src/core/grid';

export function finding(sheet: string, cell: string, severity: Severity, message: string): Finding {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { code: 'test', severity, sheet, cell, row: Number(m[2]) - 1, col: col - 1, table: '', tableId: 't1', message };
}

/** Every part, decompressed, by name. */
export function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export const text = (bytes: Uint8Array, part: string) => strFromU8(parts(bytes)[part]);

/** The raw stored entries (method, CRC, sizes, compressed data) by name. */
export function rawEntries(bytes: Uint8Array) {
  return new Map(
    readZipEntries(bytes).map((e) => [
      e.name,
      {
        method: e.method,
        crc: e.crc,
        size: e.size,
        compressedSize: e.compressedSize,
        data: bytes.slice(e.dataOffset, e.dataOffset + e.compressedSize),
      },
    ]),
  );
}

/**
 * A zip written here: every entry deflated with general-purpose flag bit 3 (CRC and sizes in a data
 * descriptor after the data, zero in the local header), as streaming writers do.
 */
export function zipWithDescriptors(files: Record<string, string | Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const raw = typeof content === 'string' ? strToU8(content) : content;
    const data = deflateSync(raw);
    const nameBytes = strToU8(name);
    const crc = crc32(raw);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0808, true);
    lv.setUint16(8, 8, true);
    lv.setUint16(10, 0, true);
    lv.setUint16(12, 0x5821, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const desc = new Uint8Array(16);
    const dv = new DataView(desc.buffer);
    dv.setUint32(0, 0x08074b50, true);
    dv.setUint32(4, crc, true);
    dv.setUint32(8, data.length, true);
    dv.setUint32(12, raw.length, true);
    const cd = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0808, true);
    cv.setUint16(10, 8, true);
    cv.setUint16(14, 0x5821, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, raw.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    cd.set(nameBytes, 46);
    chunks.push(local, data, desc);
    central.push(cd);
    offset += local.length + data.length + desc.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, central.length, true);
  ev.setUint16(10, central.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A cell's note text as exceljs reads it ('' when none). */
export function noteOf(cell: ExcelJS.Cell): string {
  const n = cell.note as unknown;
  if (!n) return '';
  if (typeof n === 'string') return n;
  return ((n as { texts?: { text: string }[] }).texts ?? []).map((t) => t.text).join('');
}

export async function loadExcel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

export function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
}

// ---------------------------------------------------------------------------------------------
// a hand-written .xlsm with everything that must survive

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PR = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const rel = (id: string, kind: string, target: string, ns = R) => `<Relationship Id="${id}" Type="${ns}/${kind}" Target="${target}"/>`;

export const KITCHEN_SHEET1 =
  `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><sheetPr codeName="Sheet1"/><dimension ref="A1:D9"/>` +
  '<cols><col min="5" max="5" width="12" style="1" customWidth="1"/></cols>' +
  '<sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1" t="inlineStr"><is><t>办公经费</t></is></c></row>' +
  '<row r="2" ht="30" customHeight="1"><c r="A2" t="inlineStr"><is><t>金额</t></is></c><c r="B2" s="1"><v>0.95</v></c></row>' +
  '<row r="3"><c r="A3"><v>1</v></c><c r="D3"><v>3</v></c></row>' +
  '<row r="4"/>' +
  '<row r="5"><c><v>5</v></c><c><v>6</v></c></row>' +
  '<row r="7"><c r="A7" t="inlineStr"><is><t>合并</t></is></c></row>' +
  '</sheetData>' +
  '<sheetProtection algorithmName="SHA-512" hashValue="q1w2e3r4t5y6u7i8o9p0AAAAAAAAAAAAAAAAAAAAAAA=" saltValue="c2FsdHNhbHQ=" spinCount="100000" sheet="1" objects="1" scenarios="1"/>' +
  '<mergeCells count="2"><mergeCell ref="A7:B8"/><mergeCell ref="B8:C9"/></mergeCells>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape"/>' +
  '<drawing r:id="rId1"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts></worksheet>';

export const KITCHEN_STYLES =
  `${DECL}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/**
 * The kitchen sink's first sheet; `refs` true gives row 5's cells an r and drops the overlapping merge, the two
 * things exceljs cannot open (it fails on the original too).
 */
export const kitchenSheet1 = (refs: boolean) =>
  refs
    ? KITCHEN_SHEET1.replace(
        '<row r="5"><c><v>5</v></c><c><v>6</v></c></row>',
        '<row r="5"><c r="A5"><v>5</v></c><c r="B5"><v>6</v></c></row>',
      ).replace(
        '<mergeCells count="2"><mergeCell ref="A7:B8"/><mergeCell ref="B8:C9"/></mergeCells>',
        '<mergeCells count="1"><mergeCell ref="A7:B8"/></mergeCells>',
      )
    : KITCHEN_SHEET1;

export function kitchenSink(opts: { styles: boolean; refs?: boolean }): Record<string, string | Uint8Array> {
  const vba = new Uint8Array(512).map((_, i) => (i * 37 + 11) & 0xff);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const V = 'application/vnd.openxmlformats-officedocument';
  return {
    '[Content_Types].xml':
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
      o('/xl/workbook.xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml') +
      o('/xl/worksheets/sheet1.xml', `${V}.spreadsheetml.worksheet+xml`) +
      o('/xl/worksheets/sheet2.xml', `${V}.spreadsheetml.worksheet+xml`) +
      (opts.styles ? o('/xl/styles.xml', `${V}.spreadsheetml.styles+xml`) : '') +
      o('/xl/drawings/drawing1.xml', `${V}.drawing+xml`) +
      o('/xl/charts/chart1.xml', `${V}.drawingml.chart+xml`) +
      o('/xl/tables/table1.xml', `${V}.spreadsheetml.table+xml`) +
      o('/docProps/custom.xml', `${V}.custom-properties+xml`) +
      '</Types>',
    '_rels/.rels': `${DECL}<Relationships xmlns="${PR}">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}${rel('rId2', 'custom-properties', 'docProps/custom.xml')}</Relationships>`,
    'docProps/custom.xml':
      `${DECL}<Properties xmlns="${'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties'}" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="预算年度"><vt:lpwstr>2025</vt:lpwstr></property></Properties>',
    'xl/workbook.xml':
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr codeName="ThisWorkbook"/>` +
      '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="aGFzaGhhc2g=" workbookSaltValue="c2FsdA==" workbookSpinCount="100000" lockStructure="1"/>' +
      '<sheets><sheet name="数据" sheetId="1" r:id="rId1"/><sheet name="其他" sheetId="2" r:id="rId2"/></sheets>' +
      `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'数据'!$A$1:$D$9</definedName><definedName name="本表金额" localSheetId="0">'数据'!$B$2</definedName></definedNames>` +
      '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${DECL}<Relationships xmlns="${PR}">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'worksheet', 'worksheets/sheet2.xml')}` +
      (opts.styles ? rel('rId3', 'styles', 'styles.xml') : '') +
      rel('rId4', 'vbaProject', 'vbaProject.bin', 'http://schemas.microsoft.com/office/2006/relationships') +
      '</Relationships>',
    'xl/vbaProject.bin': vba,
    ...(opts.styles ? { 'xl/styles.xml': KITCHEN_STYLES } : {}),
    'xl/worksheets/sheet1.xml': kitchenSheet1(opts.refs ?? false),
    'xl/worksheets/_rels/sheet1.xml.rels': `${DECL}<Relationships xmlns="${PR}">${rel('rId1', 'drawing', '../drawings/drawing1.xml')}${rel('rId2', 'table', '../tables/table1.xml')}</Relationships>`,
    'xl/worksheets/sheet2.xml': `${DECL}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>`,
    'xl/drawings/drawing1.xml':
      `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      '<xdr:oneCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="100" cy="100"/>' +
      `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="图片 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${R}" r:embed="rId1"/></xdr:blipFill><xdr:spPr/></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>` +
      '</xdr:wsDr>',
    'xl/drawings/_rels/drawing1.xml.rels': `${DECL}<Relationships xmlns="${PR}">${rel('rId1', 'image', '../media/image1.png')}${rel('rId2', 'chart', '../charts/chart1.xml')}</Relationships>`,
    'xl/media/image1.png': png,
    'xl/charts/chart1.xml': `${DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea><c:layout/></c:plotArea></c:chart></c:chartSpace>`,
    'xl/tables/table1.xml':
      `${DECL}<table xmlns="${MAIN}" id="1" name="表1" displayName="表1" ref="A1:B3" totalsRowShown="0"><autoFilter ref="A1:B3"/>` +
      '<tableColumns count="2"><tableColumn id="1" name="项目名称"/><tableColumn id="2" name="办公经费"/></tableColumns></table>',
  };
}

/** Every non-empty cell value by "sheet!A1". */
export function values(wb: WorkbookGrid): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const s of wb.sheets)
    s.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined) out.set(`${s.name}!${a1(r + s.rowOffset, c + s.colOffset)}`, v);
      }),
    );
  return out;
}
