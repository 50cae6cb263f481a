/**
 * .xlsx <-> fake-host workbook model, through exceljs (Node only).
 * Values are converted the way Excel's API reports them: formulas give their cached result,
 * rich text its plain text, dates their serial number, errors their "#N/A"-style text.
 * Theme and indexed colours are resolved to RGB with the default Office theme.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  BorderModel,
  CellModel,
  CellValue,
  EdgeModel,
  FillModel,
  FontModel,
  Rect,
  SheetModel,
  StyleModel,
  WorkbookModel,
  type CustomXmlPartModel,
  applyTint,
  key,
  newSheet,
  unkey,
} from './model';

const INDEXED = [
  '000000',
  'FFFFFF',
  'FF0000',
  '00FF00',
  '0000FF',
  'FFFF00',
  'FF00FF',
  '00FFFF',
  '000000',
  'FFFFFF',
  'FF0000',
  '00FF00',
  '0000FF',
  'FFFF00',
  'FF00FF',
  '00FFFF',
  '800000',
  '008000',
  '000080',
  '808000',
  '800080',
  '008080',
  'C0C0C0',
  '808080',
  '9999FF',
  '993366',
  'FFFFCC',
  'CCFFFF',
  '660066',
  'FF8080',
  '0066CC',
  'CCCCFF',
  '000080',
  'FF00FF',
  'FFFF00',
  '00FFFF',
  '800080',
  '800000',
  '008080',
  '0000FF',
  '00CCFF',
  'CCFFFF',
  'CCFFCC',
  'FFFF99',
  '99CCFF',
  'FF99CC',
  'CC99FF',
  'FFCC99',
  '3366FF',
  '33CCCC',
  '99CC00',
  'FFCC00',
  'FF9900',
  'FF6600',
  '666699',
  '969696',
  '003366',
  '339966',
  '003300',
  '333300',
  '993300',
  '993366',
  '333399',
  '333333',
  '000000',
  'FFFFFF',
];

/** Default Office theme, in the index order spreadsheet files use (lt1, dk1, lt2, dk2, accents). */
const THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];

type XColor = Partial<{ argb: string; theme: number; tint: number; indexed: number }> | undefined;

function color(c: XColor, fallback: string | null): string | null {
  if (!c) return fallback;
  if (c.argb) return `#${c.argb.slice(-6).toUpperCase()}`;
  if (c.theme !== undefined) return `#${applyTint(THEME[c.theme] ?? '000000', c.tint ?? 0)}`;
  if (c.indexed !== undefined) return `#${INDEXED[c.indexed] ?? '000000'}`;
  return fallback;
}

const argb = (hex: string): { argb: string } => ({ argb: `FF${hex.replace('#', '').toUpperCase()}` });

const PATTERN_TO_API: Record<string, string> = {
  solid: 'Solid',
  mediumGray: 'Gray50',
  darkGray: 'Gray75',
  lightGray: 'Gray25',
  darkHorizontal: 'Horizontal',
  darkVertical: 'Vertical',
  darkDown: 'Down',
  darkUp: 'Up',
  darkGrid: 'Checker',
  darkTrellis: 'SemiGray75',
  lightHorizontal: 'LightHorizontal',
  lightVertical: 'LightVertical',
  lightDown: 'LightDown',
  lightUp: 'LightUp',
  lightGrid: 'Grid',
  lightTrellis: 'CrissCross',
  gray125: 'Gray16',
  gray0625: 'Gray8',
};
const PATTERN_FROM_API = Object.fromEntries(Object.entries(PATTERN_TO_API).map(([k, v]) => [v, k]));

function importFill(f: ExcelJS.Fill | undefined): FillModel | undefined {
  if (!f || f.type !== 'pattern' || !f.pattern || f.pattern === 'none') return undefined;
  const pattern = PATTERN_TO_API[f.pattern] ?? 'Solid';
  if (pattern === 'Solid') return { pattern, color: color(f.fgColor as XColor, '#000000')!, patternColor: null };
  return { pattern, color: color(f.bgColor as XColor, '#FFFFFF')!, patternColor: color(f.fgColor as XColor, null) };
}

function exportFill(fill: FillModel): ExcelJS.Fill {
  // a tint is saved applied (the file keeps the colour the user sees)
  const f = fill.tint ? { ...fill, color: `#${applyTint(fill.color.replace('#', ''), fill.tint)}` } : fill;
  if (f.pattern === 'Solid') return { type: 'pattern', pattern: 'solid', fgColor: argb(f.color), bgColor: { indexed: 64 } as never };
  return {
    type: 'pattern',
    pattern: (PATTERN_FROM_API[f.pattern] ?? 'solid') as ExcelJS.FillPatterns,
    fgColor: f.patternColor ? argb(f.patternColor) : ({ indexed: 64 } as never),
    bgColor: argb(f.color),
  };
}

function importFont(f: Partial<ExcelJS.Font> | undefined): FontModel | undefined {
  if (!f) return undefined;
  const out: FontModel = {};
  if (f.name) out.name = f.name;
  if (f.size) out.size = f.size;
  const c = color(f.color as XColor, null);
  if (c) out.color = c;
  if (f.bold) out.bold = true;
  if (f.italic) out.italic = true;
  if (f.underline) out.underline = f.underline === true ? 'single' : String(f.underline);
  if (f.strike) out.strike = true;
  // the workbook default font (exceljs writes it for every styled cell) is no font of its own
  const isDefault = out.name === 'Calibri' && out.size === 11 && (out.color ?? '#000000') === '#000000' && Object.keys(out).length <= 3;
  return Object.keys(out).length && !isDefault ? out : undefined;
}

function exportFont(f: FontModel): Partial<ExcelJS.Font> {
  const out: Partial<ExcelJS.Font> = {};
  if (f.name) out.name = f.name;
  if (f.size) out.size = f.size;
  if (f.color) out.color = argb(f.color);
  if (f.bold) out.bold = true;
  if (f.italic) out.italic = true;
  if (f.underline) out.underline = f.underline as ExcelJS.Font['underline'];
  if (f.strike) out.strike = true;
  return out;
}

function importEdge(e: Partial<ExcelJS.Border> | undefined): EdgeModel | undefined {
  if (!e || !e.style) return undefined;
  const c = color(e.color as XColor, null);
  return c ? { style: e.style, color: c } : { style: e.style };
}

function importBorder(b: Partial<ExcelJS.Borders> | undefined): BorderModel | undefined {
  if (!b) return undefined;
  const out: BorderModel = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const e = importEdge(b[side]);
    if (e) out[side] = e;
  }
  const d = b.diagonal as (Partial<ExcelJS.Border> & { up?: boolean; down?: boolean }) | undefined;
  const de = importEdge(d);
  if (de && (d?.up || d?.down)) out.diagonal = { ...de, up: !!d.up, down: !!d.down };
  return Object.keys(out).length ? out : undefined;
}

function exportBorder(b: BorderModel): Partial<ExcelJS.Borders> {
  const out: Record<string, unknown> = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const e = b[side];
    if (e) out[side] = e.color ? { style: e.style, color: argb(e.color) } : { style: e.style };
  }
  if (b.diagonal) {
    const d = b.diagonal;
    out.diagonal = { style: d.style, up: !!d.up, down: !!d.down, ...(d.color ? { color: argb(d.color) } : {}) };
  }
  return out as Partial<ExcelJS.Borders>;
}

function importStyle(s: Partial<ExcelJS.Style>): StyleModel | undefined {
  const out: StyleModel = {};
  if (s.numFmt && s.numFmt !== 'General') out.numFmt = s.numFmt;
  const fill = importFill(s.fill);
  if (fill) out.fill = fill;
  const font = importFont(s.font);
  if (font) out.font = font;
  const border = importBorder(s.border);
  if (border) out.border = border;
  if (s.alignment) {
    const a = s.alignment;
    const al: StyleModel['alignment'] = {};
    if (a.horizontal) al.horizontal = a.horizontal;
    if (a.vertical) al.vertical = a.vertical;
    if (a.wrapText) al.wrapText = true;
    if (a.indent) al.indent = a.indent;
    if (typeof a.textRotation === 'number' && a.textRotation) al.textRotation = a.textRotation;
    if (Object.keys(al).length) out.alignment = al;
  }
  if (s.protection && s.protection.locked === false) out.locked = false;
  return Object.keys(out).length ? out : undefined;
}

function exportStyle(s: StyleModel): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (s.numFmt) out.numFmt = s.numFmt;
  if (s.fill) out.fill = exportFill(s.fill);
  if (s.font) out.font = exportFont(s.font);
  if (s.border) out.border = exportBorder(s.border);
  if (s.alignment) out.alignment = { ...s.alignment } as Partial<ExcelJS.Alignment>;
  if (s.locked === false) out.protection = { locked: false };
  return out;
}

const EPOCH = Date.UTC(1899, 11, 30);

function scalar(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return (v.getTime() - EPOCH) / 86400000;
  if (typeof v === 'object') {
    const o = v as { error?: string; richText?: { text: string }[]; text?: unknown };
    if (o.error) return o.error;
    if (o.richText) return o.richText.map((r) => r.text).join('') || null;
    if (o.text !== undefined) return scalar(o.text);
  }
  return String(v);
}

function importCell(cell: ExcelJS.Cell): CellModel | null {
  const out: CellModel = { v: null };
  const isSlave = cell.isMerged && cell.master !== cell;
  if (!isSlave) {
    const v = cell.value as unknown;
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      const o = v as { formula?: string; sharedFormula?: string; result?: unknown; hyperlink?: string; text?: unknown };
      if (o.formula !== undefined || o.sharedFormula !== undefined) {
        out.f = `=${cell.formula ?? o.formula}`;
        out.v = scalar(o.result);
      } else if (o.hyperlink !== undefined) {
        out.v = scalar(o.text);
        const h = o.hyperlink;
        out.hyperlink = h.startsWith('#') ? { documentReference: h.slice(1) } : { address: h };
      } else out.v = scalar(v);
    } else out.v = scalar(v);
  }
  const style = importStyle(cell.style ?? {});
  if (style) out.style = style;
  return out.v === null && !out.f && !out.style && !out.hyperlink ? null : out;
}

const STATE_TO_VIS: Record<string, SheetModel['visibility']> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };
const VIS_TO_STATE: Record<SheetModel['visibility'], ExcelJS.WorksheetState> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

export function modelFromExcelJS(book: ExcelJS.Workbook): WorkbookModel {
  const sheets: SheetModel[] = [];
  book.eachSheet((ws) => {
    const s = newSheet(ws.name);
    s.visibility = STATE_TO_VIS[ws.state] ?? 'Visible';
    const prot = (
      ws as unknown as { sheetProtection?: { sheet?: boolean; formatCells?: boolean; insertRows?: boolean; deleteRows?: boolean } }
    ).sheetProtection;
    if (prot?.sheet) {
      s.protection = {
        protected: true,
        allowFormatCells: !!prot.formatCells,
        allowInsertRows: !!prot.insertRows,
        allowDeleteRows: !!prot.deleteRows,
      };
    }
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.height) s.rowHeights.set(r - 1, row.height);
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const m = importCell(cell);
        if (m) s.cells.set(key(r - 1, c - 1), m);
      });
    });
    const cols = (ws as unknown as { _columns?: ExcelJS.Column[] })._columns ?? [];
    cols.forEach((col, i) => {
      if (col && col.width) s.colWidths.set(i, col.width);
    });
    const merges = (ws as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })
      ._merges;
    for (const d of Object.values(merges)) {
      const m = d.model;
      s.merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
    }
    const tab = color(ws.properties?.tabColor as XColor, null);
    if (tab) s.tabColor = tab;
    const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
    if (view?.state === 'frozen' && view.ySplit) s.frozenRows = view.ySplit;
    sheets.push(s);
  });
  const active = Math.max(0, Math.min(sheets.length - 1, (book.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0));
  return {
    sheets,
    activeSheet: active,
    selection: { sheet: active, rect: { top: 0, left: 0, bottom: 0, right: 0 } },
    structureProtected: false,
  };
}

export async function loadXlsx(pathOrBuffer: string | Buffer | ArrayBuffer): Promise<WorkbookModel> {
  const book = new ExcelJS.Workbook();
  if (typeof pathOrBuffer === 'string') await book.xlsx.readFile(pathOrBuffer);
  else await book.xlsx.load(pathOrBuffer as ArrayBuffer);
  const model = modelFromExcelJS(book);
  // exceljs neither reads nor writes custom XML parts: they are read from the package here
  const data = typeof pathOrBuffer === 'string' ? await import('node:fs/promises').then((fs) => fs.readFile(pathOrBuffer)) : pathOrBuffer;
  const parts = await readCustomXml(data);
  if (parts.length) model.customXmlParts = parts;
  return model;
}

// Custom XML parts as Excel stores them (ECMA-376 Part 1, 15.2.5 and 22.5): customXml/itemN.xml
// with its properties part customXml/itemPropsN.xml (datastoreItem itemID), related from the
// workbook part.
const REL_CUSTOM_XML = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml';
const REL_CUSTOM_XML_PROPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps';
const CT_CUSTOM_XML_PROPS = 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml';

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function readCustomXml(data: Buffer | ArrayBuffer): Promise<CustomXmlPartModel[]> {
  const zip = await JSZip.loadAsync(data);
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!rels) return [];
  const out: CustomXmlPartModel[] = [];
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    if (!m[0].includes(`Type="${REL_CUSTOM_XML}"`)) continue;
    const target = /Target="([^"]*)"/.exec(m[0])?.[1];
    if (!target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/xl\/\.\.\//, '');
    const xml = await zip.file(path)?.async('string');
    if (xml === undefined) continue;
    const name = path.split('/').pop()!;
    const itemRels = await zip.file(path.replace(name, `_rels/${name}.rels`))?.async('string');
    const propsTarget = itemRels ? /Target="([^"]*)"/.exec(itemRels)?.[1] : undefined;
    const props = propsTarget ? await zip.file(`customXml/${propsTarget}`)?.async('string') : undefined;
    const id = props ? /itemID="([^"]*)"/.exec(props)?.[1] : undefined;
    const ns = /^\s*(?:<\?xml[^>]*\?>\s*)?<[^>\s]+[^>]*?xmlns(?::[\w.-]+)?="([^"]*)"/.exec(xml)?.[1] ?? '';
    out.push({ id: id ?? `{${String(out.length + 1).padStart(8, '0')}-0000-0000-0000-000000000000}`, namespaceUri: ns, xml });
  }
  return out;
}

async function writeCustomXml(buf: Buffer, parts: CustomXmlPartModel[]): Promise<Buffer> {
  if (parts.length === 0) return buf;
  const zip = await JSZip.loadAsync(buf);
  let rels = (await zip.file('xl/_rels/workbook.xml.rels')!.async('string')) ?? '';
  let types = await zip.file('[Content_Types].xml')!.async('string');
  parts.forEach((p, i) => {
    const n = i + 1;
    zip.file(`customXml/item${n}.xml`, p.xml);
    zip.file(
      `customXml/itemProps${n}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="${xmlEscape(p.id)}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`,
    );
    zip.file(
      `customXml/_rels/item${n}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_CUSTOM_XML_PROPS}" Target="itemProps${n}.xml"/></Relationships>`,
    );
    rels = rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdJxmbCustomXml${n}" Type="${REL_CUSTOM_XML}" Target="../customXml/item${n}.xml"/></Relationships>`,
    );
    types = types.replace('</Types>', `<Override PartName="/customXml/itemProps${n}.xml" ContentType="${CT_CUSTOM_XML_PROPS}"/></Types>`);
  });
  zip.file('xl/_rels/workbook.xml.rels', rels);
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export function modelToExcelJS(wb: WorkbookModel): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  for (const s of wb.sheets) {
    const ws = book.addWorksheet(s.name, { state: VIS_TO_STATE[s.visibility] });
    for (const m of s.merges) ws.mergeCellsWithoutStyle(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    for (const [k, c] of s.cells) {
      const { row, col } = unkey(k);
      const cell = ws.getCell(row + 1, col + 1);
      if (c.f) cell.value = { formula: c.f.slice(1), result: c.v ?? undefined } as ExcelJS.CellFormulaValue;
      else if (c.hyperlink && (c.hyperlink.address || c.hyperlink.documentReference)) {
        cell.value = {
          text: c.v === null ? '' : String(c.v),
          hyperlink: c.hyperlink.address ?? `#${c.hyperlink.documentReference}`,
          ...(c.hyperlink.screenTip ? { tooltip: c.hyperlink.screenTip } : {}),
        } as ExcelJS.CellHyperlinkValue;
      } else if (c.v !== null) cell.value = c.v;
      if (c.style) cell.style = exportStyle(c.style);
    }
    for (const [col, w] of s.colWidths) ws.getColumn(col + 1).width = w;
    for (const [row, h] of s.rowHeights) ws.getRow(row + 1).height = h;
    if (s.tabColor) ws.properties.tabColor = argb(s.tabColor);
    if (s.frozenRows) ws.views = [{ state: 'frozen', ySplit: s.frozenRows }];
    if (s.protection.protected) {
      void ws.protect('', {
        formatCells: !!s.protection.allowFormatCells,
        insertRows: !!s.protection.allowInsertRows,
        deleteRows: !!s.protection.allowDeleteRows,
      });
    }
  }
  book.views = [{ activeTab: wb.activeSheet } as ExcelJS.WorkbookView];
  return book;
}

export async function saveXlsx(wb: WorkbookModel): Promise<Buffer> {
  const buf = await modelToExcelJS(wb).xlsx.writeBuffer();
  return writeCustomXml(Buffer.from(buf as ArrayBuffer), wb.customXmlParts ?? []);
}

/** Simulates "save, close, reopen": the workbook goes through an .xlsx file and back. */
export async function saveAndReopen(wb: WorkbookModel): Promise<WorkbookModel> {
  return loadXlsx(await saveXlsx(wb));
}

export type { Rect };
