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
import { parseXml, textOf } from './xml';
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

/** 'A1' → 0-based column, or -1 when the reference has no column part. */
function refColumn(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return i === 0 ? -1 : col - 1;
}

/** 'A12' → 11 (0-based row), or -1 when the reference has no row part. */
function refRow(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 0x39) i++;
  let n = 0;
  const start = i;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return i === start ? -1 : n - 1;
}

/** 'A1:C3' (or 'A1', '$A$1:$C$3') → the merged area, or null. */
function mergeArea(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const colon = ref.indexOf(':');
  const a = (colon < 0 ? ref : ref.slice(0, colon)).replace(/\$/g, '');
  const b = colon < 0 ? a : ref.slice(colon + 1).replace(/\$/g, '');
  const r0 = refRow(a);
  const c0 = refColumn(a);
  const r1 = refRow(b);
  const c1 = refColumn(b);
  if (r0 < 0 || c0 < 0 || r1 < 0 || c1 < 0) return null;
  return { top: Math.min(r0, r1), left: Math.min(c0, c1), bottom: Math.max(r0, r1), right: Math.max(c0, c1) };
}

interface SheetEntry {
  name: string;
  hidden: boolean;
  part: string | null;
}

function readSheet(pkg: ZipPackage, entry: SheetEntry, strings: string[], styles: NumberReader[]): SheetGrid {
  const b = new SheetGridBuilder();
  const bytes = entry.part ? pkg.read(entry.part) : null;
  if (!bytes || !entry.part) return b.build({ name: entry.name, hidden: entry.hidden });
  let isProtected = false;
  let row = -1;
  let col = -1;
  // the cell being read
  let type = '';
  let style = 0;
  let inV = false;
  let v = '';
  let hasV = false;
  let inIs = false;
  let hasIs = false;
  const inline = new TextCollector();
  const finishCell = () => {
    let value: CellValue;
    if (hasIs && type !== 's') value = inline.result();
    else if (type === 'inlineStr') value = null;
    else if (!hasV) value = null;
    else if (type === 's') {
      const i = Number(v);
      value = Number.isInteger(i) && i >= 0 && i < strings.length ? strings[i] : null;
    } else if (type === 'str') value = decodeEscapes(v);
    else if (type === 'b') value = truthy(v.trim());
    else if (type === 'e') value = v.trim();
    else if (type === 'd') value = isoDateText(v);
    else {
      const t = v.trim();
      const n = t === '' ? NaN : Number(t);
      if (Number.isFinite(n)) value = (styles[style] ?? plainNumber)(n);
      else value = t; // not a number Excel could store: kept as written, never NaN or Infinity
    }
    b.cell(row, col, value);
  };
  parseXml(entry.part, bytes, {
    open(name, a) {
      switch (name) {
        case 'c': {
          const r = a.get('r');
          if (r) {
            const c = refColumn(r);
            const rr = refRow(r);
            col = c >= 0 ? c : col + 1;
            if (rr >= 0) row = rr;
          } else col++;
          type = a.get('t') ?? '';
          const st = a.get('s');
          style = st ? Number(st) : 0;
          hasV = false;
          v = '';
          inIs = false;
          hasIs = false;
          return;
        }
        case 'v':
          inV = true;
          hasV = true;
          return;
        case 'row': {
          const ref = a.get('r');
          const r = ref ? parseInt(ref, 10) - 1 : row + 1;
          row = Number.isFinite(r) ? r : row + 1;
          col = -1;
          if (truthy(a.get('hidden'))) b.hiddenRows.push(row);
          return;
        }
        case 'is':
          inIs = true;
          hasIs = true;
          inline.reset();
          return;
        case 'mergeCell': {
          const m = mergeArea(a.get('ref') ?? '');
          if (m) b.merge(m);
          return;
        }
        case 'col':
          if (truthy(a.get('hidden'))) {
            const min = a.get('min') ?? '';
            const lo = Math.max(1, parseInt(min, 10));
            const hi = Math.min(MAX_COL + 1, parseInt(a.get('max') ?? min, 10));
            for (let c = lo; c <= hi; c++) b.hiddenCols.push(c - 1);
          }
          return;
        case 'sheetProtection':
          isProtected = truthy(a.get('sheet'));
          return;
        default:
          if (inIs) inline.open(name);
      }
    },
    close(name) {
      if (name === 'v') inV = false;
      else if (name === 'c') finishCell();
      else if (inIs) {
        if (name === 'is') inIs = false;
        else inline.close(name);
      }
    },
    text(xml, start, end, cdata) {
      if (inV) v += textOf(xml, start, end, cdata);
      else if (inIs) inline.text(xml, start, end, cdata);
    },
  });
  return b.build({ name: entry.name, hidden: entry.hidden, protected: isProtected });
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
