/**
 * An .xlsx package being rewritten: its parts as stored, the parts replaced or added, relationships and content
 * types. Parts never touched are copied compressed as they are (zip-write.ts). Pure (no Node imports).
 */
import { WorkbookReadError } from '../file/errors';
import { decodePart, parseXml } from './xml';
import { Edits, attr, attrLocal, escapeXml, prefixOf, scanTags } from './xml-edit';
import { ZipPackage, partKey, relsPartOf, resolveTarget } from './zip';
import { type ZipEntry, readZipEntries, writeZip } from './zip-write';

export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_R_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_MAIN_STRICT = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
export const NS_PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
export const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
export const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
export const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export class Pkg {
  readonly zip: ZipPackage;
  /** Stored entry names by part key. */
  readonly names = new Map<string, string>();
  readonly replaced = new Map<string, Uint8Array>();
  readonly added: [string, Uint8Array][] = [];
  readonly addedKeys = new Set<string>();

  /**
   * @param copy what is being written, for messages: 批注副本 (the annotated copy), 修正副本 (the corrected one)
   */
  constructor(
    bytes: Uint8Array,
    entryNames: string[],
    readonly copy = '批注副本',
  ) {
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
      throw new WorkbookReadError(`文件中的「${part}」是 UTF-16 编码，无法写入${this.copy}`);
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

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export const relKind = (type: string) => type.slice(type.lastIndexOf('/') + 1);

export function readRels(pkg: Pkg, part: string): Rel[] {
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
export function addRel(pkg: Pkg, part: string, type: string, target: string): string {
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
export function addContentType(pkg: Pkg, kind: 'Default' | 'Override', key: string, type: string): void {
  const t = pkg.text('[Content_Types].xml');
  if (!t) throw new WorkbookReadError(`文件中没有 [Content_Types].xml，无法写入${pkg.copy}`);
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

/** A workbook package opened for rewriting: its parts, the workbook part, the worksheet parts by sheet name. */
export interface OpenWorkbook {
  pkg: Pkg;
  entries: ZipEntry[];
  workbookPart: string;
  /** Worksheet parts by sheet name (chartsheets and dialog sheets left out). */
  sheetParts: Map<string, string>;
  stylesPart: string | null;
  wbRels: Rel[];
}

/** Opens `bytes` for rewriting (`copy`: what is written, for messages); throws a WorkbookReadError when unreadable. */
export function openWorkbook(bytes: Uint8Array, copy?: string): OpenWorkbook {
  let entries;
  try {
    entries = readZipEntries(bytes);
  } catch {
    throw new WorkbookReadError('文件已损坏或不是有效的 .xlsx 文件（压缩包无法解开）');
  }
  const pkg = new Pkg(
    bytes,
    entries.map((e) => e.name),
    copy,
  );
  let workbookPart: string | null = null;
  for (const r of readRels(pkg, ''))
    if (!r.external && relKind(r.type) === 'officeDocument' && pkg.has(r.target)) workbookPart ??= r.target;
  if (!workbookPart && pkg.has('xl/workbook.xml')) workbookPart = 'xl/workbook.xml';
  if (!workbookPart || /\.bin$/i.test(workbookPart)) throw new WorkbookReadError('不是有效的 .xlsx 文件（压缩包中没有工作簿）');
  const wbRels = readRels(pkg, workbookPart);
  const stylesPart =
    wbRels.find((r) => !r.external && relKind(r.type) === 'styles')?.target ??
    (wbRels.length === 0 && pkg.has('xl/styles.xml') ? 'xl/styles.xml' : null);
  return { pkg, entries, workbookPart, sheetParts: worksheetParts(pkg, workbookPart, wbRels), stylesPart, wbRels };
}

/** The worksheet part of each sheet of the workbook, by name (the first sheet of a name wins). */
function worksheetParts(pkg: Pkg, workbookPart: string, wbRels: Rel[]): Map<string, string> {
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
  return sheetParts;
}

/** The rewritten package's bytes: every part not replaced or added copied as stored. */
export function packageBytes(bytes: Uint8Array, wb: OpenWorkbook): Uint8Array {
  return writeZip(bytes, wb.entries, wb.pkg.replaced, wb.pkg.added);
}
