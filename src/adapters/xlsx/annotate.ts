/**
 * The annotated copy of a workbook, written by adding to the original package: finding cells get a fill by
 * severity and a note with the messages; every other part, and every other byte of the parts we touch, stays
 * as it was. Pure (no Node imports): runs in a browser too.
 *
 * Touched, by textual insertion only (never a re-serialisation):
 * - the styles part: one <fill> per severity used appended to <fills>, one cloned <xf> per (cell format,
 *   severity) pair appended to <cellXfs>, their count attributes updated (a minimal styles part is created
 *   when the workbook has none, with its relationship and content type);
 * - each sheet with findings: the s attribute of the finding cells; empty cells and rows inserted where a
 *   finding points at a cell the XML does not hold; a <legacyDrawing> when the sheet had none;
 * - that sheet's legacy comments part and VML drawing (created when missing, with their relationships and
 *   content types): a user's note keeps its text and author, ours is appended after a separator line.
 * Never touched: sheet and workbook protection, defined names, print settings, calculation properties, document
 * properties, VBA, charts, images, tables, threaded comments and every other part (copied compressed as is).
 */
import type { Finding, Severity } from '../../core/findings';
import { SEVERITY_ARGB, SEVERITY_LABEL, SEVERITY_RANK as RANK } from '../../core/severity';
import { a1 } from '../../core/grid';
import { WorkbookReadError } from '../file/errors';
import { decodePart, parseXml, textOf } from './xml';
import { ZipPackage, partKey, relsPartOf, resolveTarget } from './zip';
import { readZipEntries, writeZip } from './zip-write';

/** Fill colours by severity (ARGB), the same as the add-in's highlights (core/severity). */
export { SEVERITY_ARGB };

/** The author of our notes. */
export const NOTE_AUTHOR = '绩效目标表助手';
/** The line between a user's note and ours. */
export const NOTE_SEPARATOR = '\n———— 绩效目标表助手 ————\n';

const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_R_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_MAIN_STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const NS_PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface AnnotateResult {
  bytes: Uint8Array;
  /** Cells marked. */
  marked: number;
  /** Sheets with findings that were left as they were, with the reason (English, for logs). */
  skipped: { sheet: string; reason: string }[];
}

/** The annotated copy's package bytes; `bytes` is never modified. */
export function annotateXlsx(bytes: Uint8Array, findings: Finding[]): Uint8Array {
  return annotateXlsxReport(bytes, findings).bytes;
}

// ---------------------------------------------------------------------------------------------
// a position-aware scan of well-formed XML (the part is checked with parseXml first)

interface Attr {
  name: string;
  value: string;
  /** Raw value span xml[valueStart, valueEnd) (inside the quotes). */
  valueStart: number;
  valueEnd: number;
}

interface Tag {
  /** Local name. */
  name: string;
  qname: string;
  kind: 'open' | 'close' | 'empty';
  start: number;
  /** Just after '>'. */
  end: number;
  /** Just after the element name. */
  nameEnd: number;
  attrs: Attr[];
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function scanTags(xml: string, onTag: (t: Tag, depth: number) => void): void {
  let depth = 0;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      i = xml.indexOf('-->', lt + 4) + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      i = xml.indexOf(']]>', lt + 9) + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      i = xml.indexOf('>', lt) + 1;
      continue;
    }
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    let j = lt + (closing ? 2 : 1);
    const n0 = j;
    while (j < n && !isSpace(xml.charCodeAt(j)) && xml[j] !== '>' && xml[j] !== '/') j++;
    const qname = xml.slice(n0, j);
    const name = qname.slice(qname.indexOf(':') + 1);
    const nameEnd = j;
    const attrs: Attr[] = [];
    let kind: Tag['kind'] = closing ? 'close' : 'open';
    for (;;) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml[j] === '>') {
        j++;
        break;
      }
      if (xml[j] === '/') {
        kind = 'empty';
        j += 2;
        break;
      }
      const a0 = j;
      while (j < n && xml[j] !== '=' && !isSpace(xml.charCodeAt(j))) j++;
      const attrName = xml.slice(a0, j);
      j = xml.indexOf('=', j) + 1;
      while (isSpace(xml.charCodeAt(j))) j++;
      const q = xml[j];
      const e = xml.indexOf(q, j + 1);
      attrs.push({ name: attrName, value: textOf(xml, j + 1, e, false), valueStart: j + 1, valueEnd: e });
      j = e + 1;
    }
    const tag: Tag = { name, qname, kind, start: lt, end: j, nameEnd, attrs };
    if (kind === 'close') depth--;
    onTag(tag, depth);
    if (kind === 'open') depth++;
    i = j;
  }
}

const attr = (t: Tag, name: string) => t.attrs.find((a) => a.name === name);
const attrLocal = (t: Tag, name: string) =>
  t.attrs.find((a) => a.name === name || (a.name.endsWith(`:${name}`) && !a.name.startsWith('xmlns')));
/** Where a new attribute goes: after the last one. */
const attrsEnd = (t: Tag) => (t.attrs.length > 0 ? t.attrs[t.attrs.length - 1].valueEnd + 1 : t.nameEnd);
const prefixOf = (t: Tag) => (t.qname.includes(':') ? t.qname.slice(0, t.qname.indexOf(':') + 1) : '');

interface Edit {
  at: number;
  del: number;
  text: string;
  seq: number;
}

class Edits {
  private list: Edit[] = [];
  add(at: number, del: number, text: string): void {
    this.list.push({ at, del, text, seq: this.list.length });
  }
  get size(): number {
    return this.list.length;
  }
  apply(s: string): string {
    const sorted = [...this.list].sort((a, b) => a.at - b.at || a.seq - b.seq);
    let out = '';
    let from = 0;
    for (const e of sorted) {
      out += s.slice(from, e.at) + e.text;
      from = e.at + e.del;
    }
    return out + s.slice(from);
  }
}

/** Characters XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF. */
const notXmlChar = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;

/** `s` without the characters XML cannot hold (messages are ours, but a cell's text may end up in one). */
export function xmlSafe(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) if (!notXmlChar(s.charCodeAt(i))) out += s[i];
  return out;
}

/** Text for an XML attribute or element: characters XML cannot carry dropped, markup characters escaped. */
export const escapeXml = (s: string) =>
  xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 'AB12' → [11, 27] (either part -1 when missing). */
function parseRef(ref: string): [number, number] {
  const m = /^\$?([A-Za-z]*)\$?([0-9]*)$/.exec(ref.trim());
  if (!m) return [-1, -1];
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [m[2] ? Number(m[2]) - 1 : -1, m[1] ? col - 1 : -1];
}

// ---------------------------------------------------------------------------------------------
// the package

class Pkg {
  readonly zip: ZipPackage;
  /** Stored entry names by part key. */
  readonly names = new Map<string, string>();
  readonly replaced = new Map<string, Uint8Array>();
  readonly added: [string, Uint8Array][] = [];
  readonly addedKeys = new Set<string>();

  constructor(bytes: Uint8Array, entryNames: string[]) {
    this.zip = new ZipPackage(bytes);
    for (const n of entryNames) if (!this.names.has(partKey(n))) this.names.set(partKey(n), n);
  }

  has(part: string): boolean {
    return this.names.has(partKey(part)) || this.addedKeys.has(partKey(part));
  }

  /** The current bytes of a part (ours when we changed or added it). */
  bytes(part: string): Uint8Array | null {
    const name = this.names.get(partKey(part));
    if (name !== undefined) return this.replaced.get(name) ?? this.zip.read(part);
    const a = this.added.find(([n]) => partKey(n) === partKey(part));
    return a ? a[1] : null;
  }

  /** The part as text, checked to be well-formed XML. */
  text(part: string): { xml: string; bom: boolean } | null {
    const b = this.bytes(part);
    if (!b) return null;
    if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
      throw new WorkbookReadError(`文件中的「${part}」是 UTF-16 编码，无法写入批注副本`);
    }
    parseXml(part, b, { open() {} });
    return { xml: decodePart(b), bom: b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf };
  }

  put(part: string, data: Uint8Array | string, bom = false): void {
    const raw = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const out = bom ? concat(new Uint8Array([0xef, 0xbb, 0xbf]), raw) : raw;
    const name = this.names.get(partKey(part));
    if (name !== undefined) this.replaced.set(name, out);
    else {
      const i = this.added.findIndex(([n]) => partKey(n) === partKey(part));
      if (i >= 0) this.added[i][1] = out;
      else {
        this.added.push([part, out]);
        this.addedKeys.add(partKey(part));
      }
    }
  }

  /** The first unused part name `${prefix}${n}${suffix}`, n from 1. */
  freeName(prefix: string, suffix: string): string {
    for (let n = 1; ; n++) if (!this.has(`${prefix}${n}${suffix}`)) return `${prefix}${n}${suffix}`;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

const relKind = (type: string) => type.slice(type.lastIndexOf('/') + 1);

function readRels(pkg: Pkg, part: string): Rel[] {
  const t = pkg.text(relsPartOf(part));
  if (!t) return [];
  const out: Rel[] = [];
  scanTags(t.xml, (tag) => {
    if (tag.name !== 'Relationship' || tag.kind === 'close') return;
    const external = attr(tag, 'TargetMode')?.value === 'External';
    const target = attr(tag, 'Target')?.value ?? '';
    out.push({
      id: attr(tag, 'Id')?.value ?? '',
      type: attr(tag, 'Type')?.value ?? '',
      target: external ? target : resolveTarget(part, target),
      external,
    });
  });
  return out;
}

/** Relative target from the folder of `source` to `target` (both part names without '/'). */
function relativeTarget(source: string, target: string): string {
  const from = source.split('/').slice(0, -1);
  const to = target.split('/');
  let k = 0;
  while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
  return [...from.slice(k).map(() => '..'), ...to.slice(k)].join('/');
}

/** Adds a relationship to `part`'s rels (created when missing); returns its id. */
function addRel(pkg: Pkg, part: string, type: string, target: string): string {
  const relsPart = relsPartOf(part);
  const t = pkg.text(relsPart);
  const ids = new Set(readRels(pkg, part).map((r) => r.id));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const el = (prefix: string) => `<${prefix}Relationship Id="${id}" Type="${type}" Target="${escapeXml(relativeTarget(part, target))}"/>`;
  if (!t) {
    pkg.put(relsPart, `${DECL}<Relationships xmlns="${NS_PKG_RELS}">${el('')}</Relationships>`);
    return id;
  }
  const edits = new Edits();
  scanTags(t.xml, (tag, depth) => {
    if (depth !== 0 || tag.name !== 'Relationships') return;
    const p = prefixOf(tag);
    if (tag.kind === 'empty') edits.add(tag.end - 2, 2, `>${el(p)}</${tag.qname}>`);
    else if (tag.kind === 'close') edits.add(tag.start, 0, el(p));
  });
  pkg.put(relsPart, edits.apply(t.xml), t.bom);
  return id;
}

/** Adds a Default or Override to [Content_Types].xml unless one is there. */
function addContentType(pkg: Pkg, kind: 'Default' | 'Override', key: string, type: string): void {
  const t = pkg.text('[Content_Types].xml');
  if (!t) throw new WorkbookReadError('文件中没有 [Content_Types].xml，无法写入批注副本');
  let present = false;
  const edits = new Edits();
  scanTags(t.xml, (tag, depth) => {
    if (tag.name === kind && tag.kind !== 'close') {
      const v = attr(tag, kind === 'Default' ? 'Extension' : 'PartName')?.value ?? '';
      if (kind === 'Default' ? v.toLowerCase() === key.toLowerCase() : partKey(v) === partKey(key)) present = true;
    }
    if (depth === 0 && tag.name === 'Types' && tag.kind === 'close') {
      const p = prefixOf(tag);
      edits.add(
        tag.start,
        0,
        kind === 'Default'
          ? `<${p}Default Extension="${key}" ContentType="${type}"/>`
          : `<${p}Override PartName="/${escapeXml(key)}" ContentType="${type}"/>`,
      );
    }
  });
  if (!present) pkg.put('[Content_Types].xml', edits.apply(t.xml), t.bom);
}

// ---------------------------------------------------------------------------------------------
// styles

/** The number of xf elements in cellXfs of the styles part (0 when there is no part or no cellXfs). */
function countCellXfs(pkg: Pkg, stylesPart: string | null): number {
  const t = stylesPart && pkg.has(stylesPart) ? pkg.text(stylesPart) : null;
  if (!t) return 0;
  let n = 0;
  let inXfs = false;
  scanTags(t.xml, (tag, depth) => {
    if (depth === 1 && tag.name === 'cellXfs') inXfs = tag.kind === 'open';
    else if (depth === 2 && inXfs && tag.name === 'xf' && tag.kind !== 'close') n++;
  });
  return n;
}

class Styles {
  /** New xf index by `${base}|${severity}`. */
  private readonly xfs = new Map<string, number>();
  private readonly order: [base: number, sev: Severity][] = [];
  /** The index of the first new xf: after the existing ones (a styles part or cellXfs we create holds one). */
  private readonly first: number;

  constructor(existingXfs: number) {
    this.first = Math.max(1, existingXfs);
  }

  xfFor(base: number, sev: Severity): string {
    const k = `${base}|${sev}`;
    let v = this.xfs.get(k);
    if (v === undefined) {
      v = this.first + this.order.length;
      this.xfs.set(k, v);
      this.order.push([base, sev]);
    }
    return String(v);
  }

  get used(): boolean {
    return this.order.length > 0;
  }

  /** Writes the styles part with the fills and xfs handed out. */
  write(pkg: Pkg, workbookPart: string, stylesPart: string | null): void {
    if (!stylesPart || !pkg.has(stylesPart)) {
      stylesPart = resolveTarget(workbookPart, 'styles.xml');
      if (pkg.has(stylesPart)) stylesPart = pkg.freeName(resolveTarget(workbookPart, 'styles'), '.xml');
      const strict = (pkg.text(workbookPart)?.xml ?? '').includes(NS_MAIN_STRICT);
      pkg.put(
        stylesPart,
        `${DECL}<styleSheet xmlns="${strict ? NS_MAIN_STRICT : NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
          `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
          `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
          `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
          `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
          `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
      );
      addRel(pkg, workbookPart, `${strict ? NS_R_STRICT : NS_R}/styles`, stylesPart);
      addContentType(pkg, 'Override', stylesPart, CT_STYLES);
    }
    const t = pkg.text(stylesPart)!;
    const xml = t.xml;
    const edits = new Edits();
    let prefix = '';
    type Fills = { open: Tag; close: Tag | null; count: number };
    type CellXfs = { open: Tag; close: Tag | null; xfs: [number, number][] };
    let fills0: Fills | null = null;
    let cellXfs0: CellXfs | null = null;
    let xfStart = -1;
    let rootClose: Tag | null = null;
    let rootEmpty: Tag | null = null;
    const afterFills = ['borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
    const afterXfs = ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
    let beforeFills: Tag | null = null;
    let beforeXfs: Tag | null = null;
    scanTags(xml, (tag, depth) => {
      if (depth === 0) {
        prefix = prefixOf(tag);
        if (tag.kind === 'close') rootClose = tag;
        if (tag.kind === 'empty') rootEmpty = tag;
        return;
      }
      if (depth === 1 && tag.kind !== 'close') {
        if (!fills0 && !beforeFills && afterFills.includes(tag.name)) beforeFills = tag;
        if (!cellXfs0 && !beforeXfs && afterXfs.includes(tag.name)) beforeXfs = tag;
      }
      if (depth === 1 && tag.name === 'fills') {
        if (tag.kind === 'close') fills0!.close = tag;
        else fills0 = { open: tag, close: null, count: 0 };
      } else if (depth === 2 && tag.name === 'fill' && tag.kind !== 'close' && fills0 && !fills0.close) fills0.count++;
      else if (depth === 1 && tag.name === 'cellXfs') {
        if (tag.kind === 'close') cellXfs0!.close = tag;
        else cellXfs0 = { open: tag, close: null, xfs: [] };
      } else if (depth === 2 && tag.name === 'xf' && cellXfs0 && !cellXfs0.close) {
        if (tag.kind === 'empty') cellXfs0.xfs.push([tag.start, tag.end]);
        else if (tag.kind === 'open') xfStart = tag.start;
        else cellXfs0.xfs.push([xfStart, tag.end]);
      }
    });
    const fills = fills0 as Fills | null;
    const cellXfs = cellXfs0 as CellXfs | null;
    if (rootEmpty) throw new WorkbookReadError(`文件中的「${stylesPart}」没有任何样式，无法写入批注副本`);
    const sevs = [...new Set(this.order.map(([, s]) => s))].sort((a, b) => RANK[a] - RANK[b]);
    const firstFill = fills ? (fills.count === 0 ? 2 : fills.count) : 2;
    const fillId = new Map(sevs.map((s, i) => [s, firstFill + i]));
    const fillXml =
      (fills && fills.count > 0
        ? ''
        : `<${prefix}fill><${prefix}patternFill patternType="none"/></${prefix}fill><${prefix}fill><${prefix}patternFill patternType="gray125"/></${prefix}fill>`) +
      sevs
        .map(
          (s) =>
            `<${prefix}fill><${prefix}patternFill patternType="solid"><${prefix}fgColor rgb="${SEVERITY_ARGB[s]}"/><${prefix}bgColor indexed="64"/></${prefix}patternFill></${prefix}fill>`,
        )
        .join('');
    const fillCount = firstFill + sevs.length;
    const setCount = (open: Tag, count: number) => {
      const c = attr(open, 'count');
      if (c) edits.add(c.valueStart, c.valueEnd - c.valueStart, String(count));
    };
    if (!fills) {
      const at = beforeFills ? (beforeFills as Tag).start : (rootClose as Tag | null)!.start;
      edits.add(at, 0, `<${prefix}fills count="${fillCount}">${fillXml}</${prefix}fills>`);
    } else if (fills.open.kind === 'empty') {
      edits.add(fills.open.end - 2, 2, `>${fillXml}</${fills.open.qname}>`);
      setCount(fills.open, fillCount);
    } else {
      edits.add(fills.close!.start, 0, fillXml);
      setCount(fills.open, fillCount);
    }
    const existing = cellXfs ? cellXfs.xfs.map(([s, e]) => xml.slice(s, e)) : [];
    const baseXfs = existing.length > 0 ? existing : [`<${prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`];
    const first = baseXfs.length;
    if (first !== this.first) throw new Error(`cellXfs counted ${this.first}, found ${first}`);
    const cloned = this.order.map(([base, sev]) =>
      cloneXf(
        base < existing.length ? existing[base] : `<${prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
        fillId.get(sev)!,
      ),
    );
    const xfXml = (existing.length > 0 ? '' : baseXfs[0]) + cloned.join('');
    const xfCount = first + cloned.length;
    if (!cellXfs) {
      const at = beforeXfs ? (beforeXfs as Tag).start : (rootClose as Tag | null)!.start;
      edits.add(at, 0, `<${prefix}cellXfs count="${xfCount}">${xfXml}</${prefix}cellXfs>`);
    } else if (cellXfs.open.kind === 'empty') {
      edits.add(cellXfs.open.end - 2, 2, `>${xfXml}</${cellXfs.open.qname}>`);
      setCount(cellXfs.open, xfCount);
    } else {
      edits.add(cellXfs.close!.start, 0, xfXml);
      setCount(cellXfs.open, xfCount);
    }
    pkg.put(stylesPart, edits.apply(xml), t.bom);
  }
}

/** The xf element `xf` (its text) with fillId set and applyFill="1", all else as written. */
function cloneXf(xf: string, fillId: number): string {
  let open: Tag | null = null;
  scanTags(xf, (tag) => {
    open ??= tag;
  });
  const tag = open as unknown as Tag;
  const edits = new Edits();
  const set = (name: string, value: string) => {
    const a = attr(tag, name);
    if (a) edits.add(a.valueStart, a.valueEnd - a.valueStart, value);
    else edits.add(attrsEnd(tag), 0, ` ${name}="${value}"`);
  };
  set('fillId', String(fillId));
  set('applyFill', '1');
  return edits.apply(xf);
}

// ---------------------------------------------------------------------------------------------
// one sheet

interface Mark {
  row: number;
  col: number;
  severity: Severity;
  lines: string[];
  /** The new xf index (set while the sheet is edited). */
  xf?: string;
}

interface SheetScan {
  prefix: string;
  rNsPrefix: string | null;
  strict: boolean;
  sheetData: { open: Tag; close: Tag | null } | null;
  rows: { row: number; open: Tag; close: Tag | null; style: number | null; cells: { row: number; col: number; tag: Tag }[] }[];
  cols: { min: number; max: number; style: number }[];
  merges: { top: number; left: number; bottom: number; right: number }[];
  legacyDrawingId: string | null;
  /** Where a new legacyDrawing element goes. */
  legacyAt: number;
  problem: string | null;
}

function scanSheet(xml: string): SheetScan {
  const s: SheetScan = {
    prefix: '',
    rNsPrefix: null,
    strict: false,
    sheetData: null,
    rows: [],
    cols: [],
    merges: [],
    legacyDrawingId: null,
    legacyAt: -1,
    problem: null,
  };
  const after = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
  let row = -1;
  let col = -1;
  let inData = false;
  let current: SheetScan['rows'][number] | null = null;
  scanTags(xml, (tag, depth) => {
    if (depth === 0) {
      if (tag.kind !== 'close') {
        s.prefix = prefixOf(tag);
        for (const a of tag.attrs) {
          if ((a.value === NS_R || a.value === NS_R_STRICT) && a.name.startsWith('xmlns:')) s.rNsPrefix = a.name.slice(6);
          if (a.value === NS_MAIN_STRICT || a.value === NS_R_STRICT) s.strict = true;
        }
      } else if (s.legacyAt < 0) s.legacyAt = tag.start;
      return;
    }
    if (depth === 1 && tag.kind !== 'close' && s.legacyAt < 0 && after.includes(tag.name)) s.legacyAt = tag.start;
    if (depth === 1 && tag.name === 'legacyDrawing' && tag.kind !== 'close') s.legacyDrawingId = attrLocal(tag, 'id')?.value ?? '';
    if (depth === 1 && tag.name === 'sheetData') {
      if (tag.kind === 'close') {
        s.sheetData!.close = tag;
        inData = false;
      } else {
        s.sheetData = { open: tag, close: null };
        inData = tag.kind === 'open';
      }
      return;
    }
    if (depth === 2 && tag.name === 'col' && tag.kind !== 'close') {
      const min = Number(attr(tag, 'min')?.value);
      const max = Number(attr(tag, 'max')?.value ?? attr(tag, 'min')?.value);
      const style = Number(attr(tag, 'style')?.value ?? 0);
      if (Number.isInteger(min) && Number.isInteger(max) && style > 0) s.cols.push({ min: min - 1, max: max - 1, style });
      return;
    }
    if (depth === 2 && tag.name === 'mergeCell' && tag.kind !== 'close') {
      const ref = attr(tag, 'ref')?.value ?? '';
      const [a, b = a] = ref.split(':');
      const [r0, c0] = parseRef(a);
      const [r1, c1] = parseRef(b);
      if (r0 >= 0 && c0 >= 0 && r1 >= 0 && c1 >= 0)
        s.merges.push({ top: Math.min(r0, r1), left: Math.min(c0, c1), bottom: Math.max(r0, r1), right: Math.max(c0, c1) });
      return;
    }
    if (!inData) return;
    if (depth === 2 && tag.name === 'row') {
      if (tag.kind === 'close') {
        current!.close = tag;
        return;
      }
      // as the reader does: a row without r follows the previous one
      const ref = attr(tag, 'r')?.value;
      const r = ref ? parseInt(ref, 10) - 1 : row + 1;
      row = Number.isFinite(r) ? r : row + 1;
      col = -1;
      const custom = attr(tag, 'customFormat')?.value;
      const st = attr(tag, 's')?.value;
      current = { row, open: tag, close: null, style: (custom === '1' || custom === 'true') && st ? Number(st) : null, cells: [] };
      s.rows.push(current);
      return;
    }
    if (depth === 3 && tag.name === 'c' && tag.kind !== 'close' && current) {
      const ref = attr(tag, 'r')?.value;
      if (ref) {
        const [rr, cc] = parseRef(ref);
        col = cc >= 0 ? cc : col + 1;
        if (rr >= 0) row = rr;
      } else col++;
      if (row !== current.row) s.problem = `cell ${ref ?? '(no r)'} is not in its row ${current.row + 1}`;
      current.cells.push({ row, col, tag });
    }
  });
  return s;
}

function annotateSheet(
  pkg: Pkg,
  sheetName: string,
  part: string,
  marks: Map<string, Mark>,
  styles: Styles,
  plan: NotePlan[],
): string | null {
  const t = pkg.text(part)!;
  const xml = t.xml;
  const s = scanSheet(xml);
  if (s.problem) return s.problem;
  if (!s.sheetData) return 'the sheet has no sheetData';
  // merged areas: the top-left cell
  const byCell = new Map<string, Mark>();
  for (const m of marks.values()) {
    const area = s.merges.find((a) => m.row >= a.top && m.row <= a.bottom && m.col >= a.left && m.col <= a.right);
    const row = area ? area.top : m.row;
    const col = area ? area.left : m.col;
    const k = `${row},${col}`;
    const prev = byCell.get(k);
    if (prev) {
      prev.lines.push(...m.lines);
      if (RANK[m.severity] < RANK[prev.severity]) prev.severity = m.severity;
    } else byCell.set(k, { row, col, severity: m.severity, lines: [...m.lines] });
  }
  const p = s.prefix;
  const edits = new Edits();
  const targets = [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const colStyle = (col: number) => s.cols.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
  const rowsByNumber = new Map<number, SheetScan['rows'][number]>();
  for (const r of s.rows) if (!rowsByNumber.has(r.row)) rowsByNumber.set(r.row, r);
  const newCell = (m: Mark, base: number) => {
    m.xf = styles.xfFor(base, m.severity);
    return `<${p}c r="${a1(m.row, m.col)}" s="${m.xf}"/>`;
  };
  // a self-closing <row/> or <sheetData/> that gets children: opened once, closed after them
  const opened = new Set<Tag>();
  const openEmpty = (tag: Tag) => {
    if (!opened.has(tag)) edits.add(tag.end - 2, 2, '>');
    opened.add(tag);
    return tag.end;
  };
  const newRows = new Map<number, Mark[]>();
  for (const m of targets) {
    const r = rowsByNumber.get(m.row);
    if (!r) {
      (newRows.get(m.row) ?? newRows.set(m.row, []).get(m.row)!).push(m);
      continue;
    }
    const cell = r.cells.find((c) => c.col === m.col);
    if (cell) {
      const sa = attr(cell.tag, 's');
      m.xf = styles.xfFor(sa ? Number(sa.value) || 0 : 0, m.severity);
      if (sa) edits.add(sa.valueStart, sa.valueEnd - sa.valueStart, m.xf);
      else edits.add(attrsEnd(cell.tag), 0, ` s="${m.xf}"`);
      continue;
    }
    const text = newCell(m, r.style ?? colStyle(m.col));
    const next = r.cells.find((c) => c.col > m.col);
    if (next) edits.add(next.tag.start, 0, text);
    else if (r.open.kind === 'empty') edits.add(openEmpty(r.open), 0, text);
    else edits.add(r.close!.start, 0, text);
  }
  for (const tag of opened) edits.add(tag.end, 0, `</${tag.qname}>`);
  const sd = s.sheetData;
  for (const [row, list] of [...newRows.entries()].sort((a, b) => a[0] - b[0])) {
    const text = `<${p}row r="${row + 1}">${list.map((m) => newCell(m, colStyle(m.col))).join('')}</${p}row>`;
    const next = s.rows.find((r) => r.row > row);
    if (next) edits.add(next.open.start, 0, text);
    else if (sd.open.kind === 'empty') edits.add(openEmpty(sd.open), 0, text);
    else edits.add(sd.close!.start, 0, text);
  }
  if (opened.has(sd.open)) edits.add(sd.open.end, 0, `</${sd.open.qname}>`);
  // notes
  const rels = readRels(pkg, part);
  const commentsRel = rels.find((r) => !r.external && relKind(r.type) === 'comments');
  const vmlRel = s.legacyDrawingId !== null ? rels.find((r) => r.id === s.legacyDrawingId && !r.external) : undefined;
  if (s.legacyDrawingId !== null && !vmlRel) return 'the sheet has a legacyDrawing whose relationship is missing';
  if (!vmlRel) {
    const vmlPart = pkg.freeName('xl/drawings/vmlDrawing', '.vml');
    const legacyId = addRel(pkg, part, `${s.strict ? NS_R_STRICT : NS_R}/vmlDrawing`, vmlPart);
    plan.push({
      sheet: sheetName,
      sheetPart: part,
      commentsPart: commentsRel?.target ?? null,
      vmlPart,
      vmlNew: true,
      cells: targets,
      strict: s.strict,
      bom: t.bom,
    });
    const rAttr = s.rNsPrefix ? `${s.rNsPrefix}:id="${legacyId}"` : `xmlns:r="${s.strict ? NS_R_STRICT : NS_R}" r:id="${legacyId}"`;
    edits.add(s.legacyAt, 0, `<${p}legacyDrawing ${rAttr}/>`);
  } else {
    plan.push({
      sheet: sheetName,
      sheetPart: part,
      commentsPart: commentsRel?.target ?? null,
      vmlPart: vmlRel.target,
      vmlNew: false,
      cells: targets,
      strict: s.strict,
      bom: t.bom,
    });
  }
  pkg.put(part, edits.apply(xml), t.bom);
  return null;
}

// ---------------------------------------------------------------------------------------------
// notes: comments part and VML drawing

interface NotePlan {
  sheet: string;
  sheetPart: string;
  commentsPart: string | null;
  vmlPart: string;
  vmlNew: boolean;
  cells: Mark[];
  strict: boolean;
  bom: boolean;
}

const noteText = (m: Mark) => m.lines.join('\n');
/** One rich-text run in the font Excel gives new notes (9 pt; 宋体 reads Chinese in every Excel and WPS). */
const run = (p: string, text: string) =>
  `<${p}r><${p}rPr><${p}sz val="9"/><${p}color indexed="81"/><${p}rFont val="宋体"/><${p}charset val="134"/></${p}rPr><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}r>`;

/** Writes the notes of one sheet; returns the cells that need a new VML shape. */
function writeComments(pkg: Pkg, plan: NotePlan): Mark[] {
  let part = plan.commentsPart;
  if (!part || !pkg.has(part)) {
    part = pkg.freeName('xl/comments', '.xml');
    pkg.put(
      part,
      `${DECL}<comments xmlns="${plan.strict ? NS_MAIN_STRICT : NS_MAIN}"><authors></authors><commentList></commentList></comments>`,
    );
    addRel(pkg, plan.sheetPart, `${plan.strict ? NS_R_STRICT : NS_R}/comments`, part);
    addContentType(pkg, 'Override', part, CT_COMMENTS);
  }
  const t = pkg.text(part)!;
  const xml = t.xml;
  const edits = new Edits();
  let p = '';
  let authors: { open: Tag; close: Tag | null; names: string[]; start: number } | null = null;
  let list: { open: Tag; close: Tag | null } | null = null;
  let rootClose: Tag | null = null;
  let inAuthor = -1;
  const comments = new Map<string, { textClose: Tag | null; textOpen: Tag | null; tail: number }>();
  let current: { textClose: Tag | null; textOpen: Tag | null; tail: number } | null = null;
  scanTags(xml, (tag, depth) => {
    if (depth === 0) {
      p = prefixOf(tag);
      if (tag.kind === 'close') rootClose = tag;
      return;
    }
    if (depth === 1 && tag.name === 'authors') {
      if (tag.kind === 'close') authors!.close = tag;
      else authors = { open: tag, close: null, names: [], start: 0 };
    } else if (depth === 2 && tag.name === 'author' && authors && !authors.close) {
      if (tag.kind === 'empty') authors.names.push('');
      else if (tag.kind === 'open') inAuthor = tag.end;
      else authors.names.push(textOf(xml, inAuthor, tag.start, false));
    } else if (depth === 1 && tag.name === 'commentList') {
      if (tag.kind === 'close') list!.close = tag;
      else list = { open: tag, close: null };
    } else if (depth === 2 && tag.name === 'comment' && tag.kind !== 'close') {
      current = { textClose: null, textOpen: null, tail: -1 };
      const ref = attr(tag, 'ref')?.value ?? '';
      const [r, c] = parseRef(ref.split(':')[0]);
      if (!comments.has(`${r},${c}`)) comments.set(`${r},${c}`, current);
    } else if (depth === 3 && tag.name === 'text' && current) {
      if (tag.kind === 'close') current.textClose = tag;
      else current.textOpen = tag;
    } else if (depth === 4 && (tag.name === 'rPh' || tag.name === 'phoneticPr') && current && current.tail < 0 && tag.kind !== 'close')
      current.tail = tag.start;
  });
  if (!list || !rootClose) throw new WorkbookReadError(`文件中的「${part}」不是有效的批注部件，无法写入批注副本`);
  let authorId = authors ? (authors as { names: string[] }).names.indexOf(NOTE_AUTHOR) : -1;
  const needShape: Mark[] = [];
  const added: string[] = [];
  for (const m of plan.cells) {
    const existing = comments.get(`${m.row},${m.col}`);
    if (existing && existing.textOpen) {
      const r = run(p, NOTE_SEPARATOR + noteText(m));
      if (existing.tail >= 0) edits.add(existing.tail, 0, r);
      else if (existing.textOpen.kind === 'empty') edits.add(existing.textOpen.end - 2, 2, `>${r}</${existing.textOpen.qname}>`);
      else edits.add(existing.textClose!.start, 0, r);
      continue;
    }
    if (existing) continue; // a comment without text: left alone
    if (authorId < 0) {
      const a = authors as { open: Tag; close: Tag | null; names: string[] } | null;
      authorId = a ? a.names.length : 0;
      const el = `<${p}author>${escapeXml(NOTE_AUTHOR)}</${p}author>`;
      if (!a) edits.add((list as { open: Tag }).open.start, 0, `<${p}authors>${el}</${p}authors>`);
      else if (a.open.kind === 'empty') edits.add(a.open.end - 2, 2, `>${el}</${a.open.qname}>`);
      else edits.add(a.close!.start, 0, el);
    }
    added.push(`<${p}comment ref="${a1(m.row, m.col)}" authorId="${authorId}"><${p}text>${run(p, noteText(m))}</${p}text></${p}comment>`);
    needShape.push(m);
  }
  const l = list as { open: Tag; close: Tag | null };
  if (added.length > 0) {
    if (l.open.kind === 'empty') edits.add(l.open.end - 2, 2, `>${added.join('')}</${l.open.qname}>`);
    else edits.add(l.close!.start, 0, added.join(''));
  }
  if (edits.size > 0) pkg.put(part, edits.apply(xml), t.bom);
  return needShape;
}

const VML_NS =
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"';
const SHAPETYPE =
  `<v:shapetype ${VML_NS} id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function shapeXml(id: number, m: Mark, z: number): string {
  return (
    `<v:shape ${VML_NS} id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>` +
    `<x:Anchor>${m.col + 1}, 15, ${m.row}, 2, ${m.col + 4}, 15, ${m.row + 5}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${m.row}</x:Row><x:Column>${m.col}</x:Column></x:ClientData></v:shape>`
  );
}

/** VML parts are often not well-formed XML: read as Latin-1 (ASCII-safe), edited by insertion before </xml>. */
const latin1 = (b: Uint8Array) => {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
};

function writeVml(pkg: Pkg, plan: NotePlan, shapes: Mark[], idBlock: { next: number }): void {
  if (plan.vmlNew) {
    // shape ids come in blocks of 1,024 (o:idmap lists the blocks of this drawing; id n*1024 itself is not used)
    const first = idBlock.next;
    const blocks = Math.max(1, Math.ceil((shapes.length + 1) / 1024));
    idBlock.next += blocks;
    const data = Array.from({ length: blocks }, (_, i) => first + i).join(',');
    let id = first * 1024 + 1;
    const body = shapes.map((m, i) => shapeXml(id++, m, i + 1)).join('');
    pkg.put(
      plan.vmlPart,
      `<xml ${VML_NS}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${data}"/></o:shapelayout>${SHAPETYPE}${body}</xml>`,
    );
    addContentType(pkg, 'Default', 'vml', CT_VML);
    return;
  }
  if (shapes.length === 0) return;
  const b = pkg.bytes(plan.vmlPart);
  if (!b) throw new WorkbookReadError(`文件中缺少「${plan.vmlPart}」，无法写入批注副本`);
  const s = latin1(b);
  const end = s.toLowerCase().lastIndexOf('</xml>');
  if (end < 0) throw new WorkbookReadError(`文件中的「${plan.vmlPart}」不是有效的 VML，无法写入批注副本`);
  let max = 0;
  for (const m of s.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  const idmap = /data="(\d+)/.exec(s);
  let id = Math.max(max, idmap ? Number(idmap[1]) * 1024 : 1024) + 1;
  const insert = (s.includes('_x0000_t202') ? '' : SHAPETYPE) + shapes.map((m, i) => shapeXml(id++, m, i + 1)).join('');
  const ins = new TextEncoder().encode(insert);
  const out = new Uint8Array(b.length + ins.length);
  out.set(b.subarray(0, end));
  out.set(ins, end);
  out.set(b.subarray(end), end + ins.length);
  pkg.put(plan.vmlPart, out);
}

// ---------------------------------------------------------------------------------------------

/** The annotated copy, with the count of marked cells and the sheets left as they were. */
export function annotateXlsxReport(bytes: Uint8Array, findings: Finding[]): AnnotateResult {
  let entries;
  try {
    entries = readZipEntries(bytes);
  } catch {
    throw new WorkbookReadError('文件已损坏或不是有效的 .xlsx 文件（压缩包无法解开）');
  }
  const pkg = new Pkg(
    bytes,
    entries.map((e) => e.name),
  );
  let workbookPart: string | null = null;
  for (const r of readRels(pkg, ''))
    if (!r.external && relKind(r.type) === 'officeDocument' && pkg.has(r.target)) workbookPart ??= r.target;
  if (!workbookPart && pkg.has('xl/workbook.xml')) workbookPart = 'xl/workbook.xml';
  if (!workbookPart || /\.bin$/i.test(workbookPart)) throw new WorkbookReadError('不是有效的 .xlsx 文件（压缩包中没有工作簿）');
  const wbRels = readRels(pkg, workbookPart);
  const sheetParts = new Map<string, string>();
  const wb = pkg.text(workbookPart)!;
  let index = 0;
  scanTags(wb.xml, (tag) => {
    if (tag.name !== 'sheet' || tag.kind === 'close') return;
    index++;
    const name = attr(tag, 'name')?.value ?? '';
    const rid = attrLocal(tag, 'id')?.value ?? '';
    const rel = wbRels.find((r) => r.id === rid && !r.external);
    if (rel && relKind(rel.type) !== 'worksheet') return;
    const part = rel ? rel.target : wbRels.length === 0 ? `xl/worksheets/sheet${index}.xml` : null;
    if (part && pkg.has(part) && !sheetParts.has(name)) sheetParts.set(name, part);
  });
  const stylesPart =
    wbRels.find((r) => !r.external && relKind(r.type) === 'styles')?.target ??
    (wbRels.length === 0 && pkg.has('xl/styles.xml') ? 'xl/styles.xml' : null);

  // findings by sheet and cell: the most severe decides the fill, every message goes into the note
  const bySheet = new Map<string, Map<string, Mark>>();
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  for (const f of sorted) {
    let row = f.row;
    let col = f.col;
    if (!(Number.isInteger(row) && Number.isInteger(col) && row >= 0 && col >= 0)) [row, col] = parseRef(f.cell);
    // outside Excel's sheet (1,048,576 rows, XFD columns): nothing to mark
    if (row < 0 || col < 0 || row > 1048575 || col > 16383) continue;
    const sheet = bySheet.get(f.sheet) ?? bySheet.set(f.sheet, new Map()).get(f.sheet)!;
    const k = `${row},${col}`;
    const line = `【${SEVERITY_LABEL[f.severity]}】${f.message}`;
    const m = sheet.get(k);
    if (m) {
      if (!m.lines.includes(line)) m.lines.push(line);
    } else sheet.set(k, { row, col, severity: f.severity, lines: [line] });
  }

  const styles = new Styles(countCellXfs(pkg, stylesPart));
  const skipped: AnnotateResult['skipped'] = [];
  const plans: NotePlan[] = [];
  for (const [sheet, marks] of bySheet) {
    const part = sheetParts.get(sheet);
    if (!part) {
      skipped.push({ sheet, reason: 'no worksheet of that name' });
      continue;
    }
    const problem = annotateSheet(pkg, sheet, part, marks, styles, plans);
    if (problem) skipped.push({ sheet, reason: problem });
  }
  // idmap blocks already used by VML drawings in the package
  let maxBlock = 0;
  for (const name of pkg.names.values()) {
    if (!/\.vml$/i.test(name)) continue;
    const b = pkg.zip.read(name);
    if (b)
      for (const m of latin1(b).matchAll(/idmap[^>]*data="([\d,\s]+)"/g))
        for (const d of m[1].split(/[,\s]+/)) if (d) maxBlock = Math.max(maxBlock, Number(d));
  }
  const idBlock = { next: maxBlock + 1 };
  let marked = 0;
  for (const plan of plans) {
    const shapes = writeComments(pkg, plan);
    writeVml(pkg, plan, shapes, idBlock);
    marked += plan.cells.length;
  }
  if (styles.used) styles.write(pkg, workbookPart, stylesPart);
  const out = writeZip(bytes, entries, pkg.replaced, pkg.added);
  return { bytes: out, marked, skipped };
}
