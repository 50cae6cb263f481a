/**
 * Our own .xlsx reader: a package (zip) of SpreadsheetML parts to the core's WorkbookGrid, on fflate (inflate)
 * and saxes (streaming XML). Runs in Node and in a browser.
 *
 * What it reads (ECMA-376 Part 1; the strict and 'x:'-prefixed spellings too, see xml.ts):
 * - the workbook part found through the package relationships (§ Part 2, 9.3), its sheets in order with their
 *   state (hidden, veryHidden), and the 1904 date system (§18.2.28 workbookPr, every xsd:boolean spelling);
 * - shared strings (§18.4): rich-text runs joined, phonetic runs (rPh) left out, _xHHHH_ escapes decoded;
 * - styles (§18.8): the number format of each cell format (cellXfs), built-in ids included (formats.ts);
 * - worksheets (§18.3): cells by type (§18.18.11 ST_CellType: n, s, str, inlineStr, b, e, d), formula
 *   results (the cached value; a formula without one is empty), rows and cells without 'r' placed after the
 *   previous one, merged areas, sheet protection, hidden rows and columns.
 * Every other part (drawings, charts, comments, tables, pivots, VBA, custom XML) is never opened, so none
 * of them can make a file unreadable.
 */
import type { CellValue, SheetGrid, WorkbookGrid } from '../../core/grid';
import { plainNumber } from '../../core/cellvalue';
import { WorkbookReadError } from '../file/errors';
import { SheetGridBuilder, MAX_COL } from '../file/grid-builder';
import { type NumberReader, builtinFormat, numberReader } from './formats';
import { type Attrs, type XmlHandlers, parseXml, textOf } from './xml';
import { ZipPackage, relsPartOf, resolveTarget } from './zip';

interface Relationship {
  type: string;
  target: string;
}

/** xsd:boolean: 'true' | '1' are true ('false' | '0' and anything else false). */
const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** The last segment of a relationship type: '…/relationships/worksheet' → 'worksheet' (transitional and strict alike). */
const relKind = (type: string) => type.slice(type.lastIndexOf('/') + 1);

function readRels(pkg: ZipPackage, part: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const relsPart = relsPartOf(part);
  const bytes = pkg.read(relsPart);
  if (!bytes) return rels;
  parseXml(relsPart, bytes, {
    open(name, a) {
      const id = a.get('Id');
      const target = a.get('Target');
      if (name === 'Relationship' && id && target && a.get('TargetMode') !== 'External') {
        rels.set(id, { type: a.get('Type') ?? '', target: resolveTarget(part, target) });
      }
    },
  });
  return rels;
}

/** Text of an si / is element: its t elements, outside phonetic runs. */
class TextCollector {
  private depthRph = 0;
  private inT = false;
  value = '';
  reset(): void {
    this.value = '';
    this.depthRph = 0;
    this.inT = false;
  }
  open(name: string): void {
    if (name === 'rPh') this.depthRph++;
    else if (name === 't') this.inT = this.depthRph === 0;
  }
  close(name: string): void {
    if (name === 'rPh') this.depthRph--;
    else if (name === 't') this.inT = false;
  }
  text(xml: string, start: number, end: number, cdata: boolean): void {
    if (this.inT) this.value += textOf(xml, start, end, cdata);
  }
  result(): string {
    return decodeEscapes(this.value);
  }
}

/** _xHHHH_ escapes of characters XML cannot hold (§22.9.2.19 ST_Xstring); _x005F_ escapes the underscore. */
function decodeEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function readSharedStrings(pkg: ZipPackage, part: string | null): string[] {
  const out: string[] = [];
  const bytes = part ? pkg.read(part) : null;
  if (!bytes || !part) return out;
  const t = new TextCollector();
  parseXml(part, bytes, {
    open(name) {
      if (name === 'si') t.reset();
      else t.open(name);
    },
    close(name) {
      if (name === 'si') out.push(t.result());
      else t.close(name);
    },
    text: (xml, s, e, cdata) => t.text(xml, s, e, cdata),
  });
  return out;
}

/** The number reader of each cell format index (cellXfs order). */
function readStyles(pkg: ZipPackage, part: string | null, date1904: boolean): NumberReader[] {
  const bytes = part ? pkg.read(part) : null;
  if (!bytes || !part) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  parseXml(part, bytes, {
    open(name, a) {
      const id = a.get('numFmtId');
      if (name === 'numFmt' && id !== undefined) custom.set(Number(id), a.get('formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(id ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const byId = new Map<number, NumberReader>();
  return xfFormats.map((id) => {
    let r = byId.get(id);
    if (!r) byId.set(id, (r = numberReader(custom.get(id) ?? builtinFormat(id), date1904)));
    return r;
  });
}

/** An ISO 8601 date of a t="d" cell as the grid's date text ("2024-03-15"); other text as written. */
function isoDateText(v: string): string {
  const m = /^\s*(\d{4}-\d{2}-\d{2})/.exec(v);
  return m ? m[1] : v.trim();
}

/** 'A1' → 0-based column, or -1 when the reference has no column part; of s[from, to) (the whole string by default). */
function refColumn(s: string, from = 0, to = s.length): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20; // lower-case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === from ? -1 : col - 1;
}

/** 'A12' → 11 (0-based row), or -1 when the reference has no row part; of s[from, to) (the whole string by default). */
function refRow(s: string, from = 0, to = s.length): number {
  let i = from;
  while (i < to && s.charCodeAt(i) > 0x39) i++;
  let n = 0;
  const start = i;
  for (; i < to; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return i === start ? -1 : n - 1;
}

/** 'A1:C3' (or 'A1', '$A$1:$C$3') → the merged area, or null. */
function mergeArea(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const colon = ref.indexOf(':');
  if (ref.indexOf('$') >= 0) {
    const a = (colon < 0 ? ref : ref.slice(0, colon)).replace(/\$/g, '');
    const b = colon < 0 ? a : ref.slice(colon + 1).replace(/\$/g, '');
    return areaOf(refRow(a), refColumn(a), refRow(b), refColumn(b));
  }
  // no '$' (the common case): both ends read in place
  const end = colon < 0 ? ref.length : colon;
  const from = colon < 0 ? 0 : colon + 1;
  return areaOf(refRow(ref, 0, end), refColumn(ref, 0, end), refRow(ref, from), refColumn(ref, from));
}

function areaOf(r0: number, c0: number, r1: number, c1: number): { top: number; left: number; bottom: number; right: number } | null {
  if (r0 < 0 || c0 < 0 || r1 < 0 || c1 < 0) return null;
  return { top: Math.min(r0, r1), left: Math.min(c0, c1), bottom: Math.max(r0, r1), right: Math.max(c0, c1) };
}

interface SheetEntry {
  name: string;
  hidden: boolean;
  part: string | null;
}

function readSheet(pkg: ZipPackage, entry: SheetEntry, strings: string[], styles: NumberReader[]): SheetGrid {
  const bytes = entry.part ? pkg.read(entry.part) : null;
  if (!bytes || !entry.part) return new SheetGridBuilder().build({ name: entry.name, hidden: entry.hidden });
  const reader = new SheetReader(strings, styles);
  parseXml(entry.part, bytes, reader);
  return reader.grid.build({ name: entry.name, hidden: entry.hidden, protected: reader.isProtected });
}

/** A digit string of at most 9 digits in s[from, to) as a number, else -1 (then the caller parses the string). */
function smallInt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The handlers of one worksheet part: its cells, rows, merged areas, hidden columns and protection. */
class SheetReader implements XmlHandlers {
  readonly grid = new SheetGridBuilder();
  isProtected = false;
  private row = -1;
  private col = -1;
  // the cell being read
  private type = '';
  private style = 0;
  private inV = false;
  private v = '';
  private hasV = false;
  private inIs = false;
  private hasIs = false;
  private readonly inline = new TextCollector();

  constructor(
    private readonly strings: string[],
    private readonly styles: NumberReader[],
  ) {}

  open(name: string, a: Attrs): void {
    switch (name) {
      case 'c':
        return this.openCell(a);
      case 'v':
        this.inV = true;
        this.hasV = true;
        return;
      case 'row': {
        const ref = a.get('r');
        const r = ref ? parseInt(ref, 10) - 1 : this.row + 1;
        this.row = Number.isFinite(r) ? r : this.row + 1;
        this.col = -1;
        if (truthy(a.get('hidden'))) this.grid.hiddenRows.push(this.row);
        return;
      }
      case 'is':
        this.inIs = true;
        this.hasIs = true;
        this.inline.reset();
        return;
      case 'mergeCell': {
        const m = mergeArea(a.get('ref') ?? '');
        if (m) this.grid.merge(m);
        return;
      }
      case 'col':
        return this.hiddenColumns(a);
      case 'sheetProtection':
        this.isProtected = truthy(a.get('sheet'));
        return;
      default:
        if (this.inIs) this.inline.open(name);
    }
  }

  close(name: string): void {
    if (name === 'v') this.inV = false;
    else if (name === 'c') this.finishCell();
    else if (this.inIs) {
      if (name === 'is') this.inIs = false;
      else this.inline.close(name);
    }
  }

  text(xml: string, start: number, end: number, cdata: boolean): void {
    if (this.inV) this.v += textOf(xml, start, end, cdata);
    else if (this.inIs) this.inline.text(xml, start, end, cdata);
  }

  /** A c element: where it is (its r, else after the previous cell), its type and style. Most cells are empty. */
  private openCell(a: Attrs): void {
    const ri = a.find('r');
    // the reference and the style are read in place when plain (the common case): no string for either
    if (ri >= 0 && a.plainAt(ri)) this.place(a.source, a.valueStart(ri), a.valueEnd(ri));
    else if (ri >= 0) {
      const r = a.valueAt(ri);
      this.place(r, 0, r.length);
    } else this.col++;
    this.type = a.get('t') ?? '';
    const si = a.find('s');
    const plain = si >= 0 && a.plainAt(si) ? smallInt(a.source, a.valueStart(si), a.valueEnd(si)) : -1;
    if (plain >= 0) this.style = plain;
    else {
      const st = si >= 0 ? a.valueAt(si) : undefined;
      this.style = st ? Number(st) : 0;
    }
    this.hasV = false;
    this.v = '';
    this.inIs = false;
    this.hasIs = false;
  }

  /** The cell's reference s[from, to): an empty one places it after the previous cell, as a missing one does. */
  private place(s: string, from: number, to: number): void {
    if (to <= from) {
      this.col++;
      return;
    }
    const c = refColumn(s, from, to);
    const rr = refRow(s, from, to);
    this.col = c >= 0 ? c : this.col + 1;
    if (rr >= 0) this.row = rr;
  }

  private hiddenColumns(a: Attrs): void {
    if (!truthy(a.get('hidden'))) return;
    const min = a.get('min') ?? '';
    const lo = Math.max(1, parseInt(min, 10));
    const hi = Math.min(MAX_COL + 1, parseInt(a.get('max') ?? min, 10));
    for (let c = lo; c <= hi; c++) this.grid.hiddenCols.push(c - 1);
  }

  private finishCell(): void {
    const { type, v } = this;
    let value: CellValue;
    if (this.hasIs && type !== 's') value = this.inline.result();
    else if (type === 'inlineStr') value = null;
    else if (!this.hasV) value = null;
    else if (type === 's') {
      const i = Number(v);
      value = Number.isInteger(i) && i >= 0 && i < this.strings.length ? this.strings[i] : null;
    } else if (type === 'str') value = decodeEscapes(v);
    else if (type === 'b') value = truthy(v.trim());
    else if (type === 'e') value = v.trim();
    else if (type === 'd') value = isoDateText(v);
    else {
      const t = v.trim();
      const n = t === '' ? NaN : Number(t);
      if (Number.isFinite(n)) value = (this.styles[this.style] ?? plainNumber)(n);
      else value = t; // not a number Excel could store: kept as written, never NaN or Infinity
    }
    this.grid.cell(this.row, this.col, value);
  }
}

/** Reads .xlsx / .xlsm bytes into the core's grid; throws WorkbookReadError with a Chinese reason. */
export function readXlsx(bytes: Uint8Array): WorkbookGrid {
  const pkg = new ZipPackage(bytes);
  // the workbook part: the package's officeDocument relationship, else the usual place
  let workbookPart: string | null = null;
  for (const r of readRels(pkg, '').values()) {
    if (relKind(r.type) === 'officeDocument' && pkg.has(r.target)) {
      workbookPart = r.target;
      break;
    }
  }
  if (!workbookPart) workbookPart = pkg.has('xl/workbook.xml') ? 'xl/workbook.xml' : null;
  if (!workbookPart || /\.bin$/i.test(workbookPart)) {
    if (pkg.has('xl/workbook.bin') || (workbookPart && /\.bin$/i.test(workbookPart))) {
      throw new WorkbookReadError('这是 .xlsb（二进制工作簿）格式；请在 Excel 或 WPS 中另存为 .xlsx 后再检查');
    }
    throw new WorkbookReadError('不是有效的 .xlsx 文件（压缩包中没有工作簿）');
  }
  const rels = readRels(pkg, workbookPart);
  const sheets: { name: string; hidden: boolean; rid: string }[] = [];
  let date1904 = false;
  parseXml(workbookPart, pkg.read(workbookPart)!, {
    open(name, a) {
      const state = a.get('state');
      if (name === 'sheet')
        sheets.push({ name: a.get('name') ?? '', hidden: state === 'hidden' || state === 'veryHidden', rid: a.local('id') ?? '' });
      else if (name === 'workbookPr') date1904 = truthy(a.get('date1904'));
    },
  });
  let stringsPart: string | null = null;
  let stylesPart: string | null = null;
  for (const r of rels.values()) {
    const kind = relKind(r.type);
    if (kind === 'sharedStrings') stringsPart ??= r.target;
    else if (kind === 'styles') stylesPart ??= r.target;
  }
  // a package without the relationships still has its parts in the usual places
  if (!stringsPart && rels.size === 0 && pkg.has('xl/sharedStrings.xml')) stringsPart = 'xl/sharedStrings.xml';
  if (!stylesPart && rels.size === 0 && pkg.has('xl/styles.xml')) stylesPart = 'xl/styles.xml';
  const strings = readSharedStrings(pkg, stringsPart);
  const styles = readStyles(pkg, stylesPart, date1904);
  const out: SheetGrid[] = [];
  for (const [i, s] of sheets.entries()) {
    const rel = rels.get(s.rid);
    let part: string | null = rel ? rel.target : null;
    if (rel && relKind(rel.type) !== 'worksheet') continue; // chart, dialog and macro sheets hold no table
    if (!rel && rels.size === 0 && pkg.has(`xl/worksheets/sheet${i + 1}.xml`)) part = `xl/worksheets/sheet${i + 1}.xml`;
    out.push(readSheet(pkg, { name: s.name, hidden: s.hidden, part: part && pkg.has(part) ? part : null }, strings, styles));
  }
  return { sheets: out };
}
