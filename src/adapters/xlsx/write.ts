/**
 * A small SpreadsheetML writer for the workbooks we generate ourselves (the batch summary of the command line
 * and of the checker page): sheets of text, numbers and hyperlinks, a few cell styles, column widths, a frozen
 * header row and an auto-filter. Browser-safe (no Node imports).
 *
 * Why not exceljs, which the command line used before: its browser build is 258 KB gzipped, almost the whole
 * first-load budget of the checker page (300 KB), and it needs Node's Buffer and stream shims there; the parts
 * below are what ECMA-376 Part 1 requires of such a workbook (§12.3 package parts, §18.3 worksheet, §18.8
 * styles, §18.4 shared strings), written with our zip writer.
 */
import { colLetters } from '../../core/grid';
import { escapeXml as esc } from './annotate';
import { writeZip } from './zip-write';

export interface CellStyle {
  bold?: boolean;
  /** Solid fill, ARGB ("FFF2F2F2"). */
  fill?: string;
  /** Font colour, ARGB. */
  color?: string;
  underline?: boolean;
  wrap?: boolean;
  vertical?: 'top' | 'center';
}

export interface BookCell {
  value: string | number | null;
  style?: CellStyle;
  /** An external hyperlink (a file or an address), shown as `value`. */
  link?: { target: string; tooltip?: string };
}

export interface BookSheet {
  name: string;
  rows: BookCell[][];
  /** Width (in characters) and style of each column, from column A. */
  columns?: { width?: number; style?: CellStyle }[];
  /** Rows frozen at the top. */
  freezeRows?: number;
  /** An auto-filter over the used columns of rows 1 to the last row. */
  autoFilter?: boolean;
}

export interface Book {
  sheets: BookSheet[];
  creator?: string;
}

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Cell styles to cellXfs indexes (0 is the default style); fonts and fills deduplicated. */
class Styles {
  private readonly fonts = ['<font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>'];
  // the first two fills are reserved by the format (none, gray125)
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>([['{}', 0]]);

  index(style: CellStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify(style);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const font = this.add(
      this.fonts,
      `<font>${style.bold ? '<b/>' : ''}${style.underline ? '<u/>' : ''}<sz val="11"/>${style.color ? `<color rgb="${style.color}"/>` : ''}<name val="等线"/><family val="2"/><charset val="134"/></font>`,
    );
    const fill = style.fill
      ? this.add(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const align =
      style.wrap || style.vertical
        ? `<alignment${style.vertical ? ` vertical="${style.vertical}"` : ''}${style.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    const xf =
      `<xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"` +
      `${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${align ? ' applyAlignment="1">' + align + '</xf>' : '/>'}`;
    const i = this.add(this.xfs, xf);
    this.byKey.set(key, i);
    return i;
  }

  private add(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    return list.length - 1;
  }

  xml(): string {
    return (
      `${DECL}<styleSheet xmlns="${NS_MAIN}">` +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

class SharedStrings {
  private readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  private count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  xml(): string {
    const items = this.list.map((s) => `<si><t${/^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : ''}>${esc(s)}</t></si>`).join('');
    return `${DECL}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

function sheetXml(sheet: BookSheet, styles: Styles, strings: SharedStrings): { xml: string; links: { id: string; target: string }[] } {
  const width = Math.max(1, sheet.columns?.length ?? 0, ...sheet.rows.map((r) => r.length));
  const last = Math.max(1, sheet.rows.length);
  const colStyles = (sheet.columns ?? []).map((c) => styles.index(c.style));
  const links: { id: string; target: string }[] = [];
  const linkXml: string[] = [];
  const rows = sheet.rows.map((row, r) => {
    const cells = row.map((cell, c) => {
      const ref = `${colLetters(c)}${r + 1}`;
      const s = cell.style ? styles.index(cell.style) : (colStyles[c] ?? 0);
      const attr = s ? ` s="${s}"` : '';
      if (cell.link) {
        const id = `rId${links.length + 1}`;
        links.push({ id, target: cell.link.target });
        linkXml.push(`<hyperlink ref="${ref}" r:id="${id}"${cell.link.tooltip ? ` tooltip="${esc(cell.link.tooltip)}"` : ''}/>`);
      }
      if (cell.value === null || cell.value === '') return s ? `<c r="${ref}"${attr}/>` : '';
      if (typeof cell.value === 'number' && Number.isFinite(cell.value)) return `<c r="${ref}"${attr}><v>${cell.value}</v></c>`;
      return `<c r="${ref}"${attr} t="s"><v>${strings.id(String(cell.value))}</v></c>`;
    });
    return `<row r="${r + 1}">${cells.join('')}</row>`;
  });
  const frozen = sheet.freezeRows
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.freezeRows}" topLeftCell="A${sheet.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${sheet.freezeRows + 1}" sqref="A${sheet.freezeRows + 1}"/></sheetView></sheetViews>`
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = sheet.columns?.length
    ? `<cols>${sheet.columns
        .map(
          (c, i) =>
            `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 9}"${c.width ? ' customWidth="1"' : ''}${colStyles[i] ? ` style="${colStyles[i]}"` : ''}/>`,
        )
        .join('')}</cols>`
    : '';
  const filter = sheet.autoFilter ? `<autoFilter ref="A1:${colLetters(width - 1)}${last}"/>` : '';
  const xml =
    `${DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${colLetters(width - 1)}${last}"/>${frozen}<sheetFormatPr defaultRowHeight="15"/>${cols}` +
    `<sheetData>${rows.join('')}</sheetData>${filter}` +
    `${linkXml.length ? `<hyperlinks>${linkXml.join('')}</hyperlinks>` : ''}` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  return { xml, links };
}

/** The workbook as .xlsx bytes. */
export function writeWorkbook(book: Book): Uint8Array {
  const styles = new Styles();
  const strings = new SharedStrings();
  const enc = new TextEncoder();
  const parts: [string, string][] = [];
  const sheetParts = book.sheets.map((s, i) => ({ sheet: s, ...sheetXml(s, styles, strings), n: i + 1 }));
  const filters = sheetParts
    .filter((p) => p.sheet.autoFilter)
    .map((p) => {
      const width = Math.max(1, p.sheet.columns?.length ?? 0, ...p.sheet.rows.map((r) => r.length));
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${p.n - 1}" hidden="1">'${esc(p.sheet.name.replace(/'/g, "''"))}'!$A$1:$${colLetters(width - 1)}$${Math.max(1, p.sheet.rows.length)}</definedName>`;
    });
  parts.push([
    '[Content_Types].xml',
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheetParts
        .map(
          (p) =>
            `<Override PartName="/xl/worksheets/sheet${p.n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
  ]);
  parts.push([
    '_rels/.rels',
    `${DECL}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  ]);
  parts.push([
    'docProps/core.xml',
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
      `${book.creator ? `<dc:creator>${esc(book.creator)}</dc:creator>` : ''}</cp:coreProperties>`,
  ]);
  parts.push([
    'xl/workbook.xml',
    `${DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>` +
      sheetParts.map((p) => `<sheet name="${esc(p.sheet.name)}" sheetId="${p.n}" r:id="rId${p.n}"/>`).join('') +
      `</sheets>${filters.length ? `<definedNames>${filters.join('')}</definedNames>` : ''}</workbook>`,
  ]);
  const n = sheetParts.length;
  parts.push([
    'xl/_rels/workbook.xml.rels',
    `${DECL}<Relationships xmlns="${NS_PKG_REL}">` +
      sheetParts.map((p) => `<Relationship Id="rId${p.n}" Type="${REL}/worksheet" Target="worksheets/sheet${p.n}.xml"/>`).join('') +
      `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ]);
  for (const p of sheetParts) {
    parts.push([`xl/worksheets/sheet${p.n}.xml`, p.xml]);
    if (p.links.length)
      parts.push([
        `xl/worksheets/_rels/sheet${p.n}.xml.rels`,
        `${DECL}<Relationships xmlns="${NS_PKG_REL}">` +
          p.links
            .map((l) => `<Relationship Id="${l.id}" Type="${REL}/hyperlink" Target="${esc(l.target)}" TargetMode="External"/>`)
            .join('') +
          '</Relationships>',
      ]);
  }
  parts.push(['xl/styles.xml', styles.xml()]);
  parts.push(['xl/sharedStrings.xml', strings.xml()]);
  return writeZip(
    new Uint8Array(0),
    [],
    new Map(),
    parts.map(([name, xml]) => [name, enc.encode(xml)]),
  );
}
