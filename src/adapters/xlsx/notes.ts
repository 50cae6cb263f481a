/** The notes of the annotated copy: the legacy comments part and the VML drawing of each sheet. */
import type { Severity } from '../../core/findings';
import { a1 } from '../../core/grid';
import { WorkbookReadError } from '../file/errors';
import { CT_COMMENTS, CT_VML, DECL, NS_MAIN, NS_MAIN_STRICT, NS_R, NS_R_STRICT, type Pkg, addContentType, addRel } from './package';
import { Edits, type Tag, attr, escapeXml, parseRef, prefixOf, scanTags } from './xml-edit';
import { textOf } from './xml';

/** The author of our notes. */
export const NOTE_AUTHOR = '绩效目标表助手';
/** The line between a user's note and ours. */
export const NOTE_SEPARATOR = '\n———— 绩效目标表助手 ————\n';

// one sheet

export interface Mark {
  row: number;
  col: number;
  severity: Severity;
  lines: string[];
  /** The new xf index (set while the sheet is edited). */
  xf?: string;
}

export interface NotePlan {
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
export function writeComments(pkg: Pkg, plan: NotePlan): Mark[] {
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
  const c = scanComments(t.xml);
  if (!c.list || !c.rootClose) throw new WorkbookReadError(`文件中的「${part}」不是有效的批注部件，无法写入批注副本`);
  const { p, authors, list } = c;
  const edits = new Edits();
  let authorId = authors ? authors.names.indexOf(NOTE_AUTHOR) : -1;
  const needShape: Mark[] = [];
  const added: string[] = [];
  for (const m of plan.cells) {
    const existing = c.comments.get(`${m.row},${m.col}`);
    if (existing && existing.textOpen) {
      const r = run(p, NOTE_SEPARATOR + noteText(m));
      if (existing.tail >= 0) edits.add(existing.tail, 0, r);
      else if (existing.textOpen.kind === 'empty') edits.add(existing.textOpen.end - 2, 2, `>${r}</${existing.textOpen.qname}>`);
      else edits.add(existing.textClose!.start, 0, r);
      continue;
    }
    if (existing) continue; // a comment without text: left alone
    if (authorId < 0) {
      authorId = authors ? authors.names.length : 0;
      const el = `<${p}author>${escapeXml(NOTE_AUTHOR)}</${p}author>`;
      if (!authors) edits.add(list.open.start, 0, `<${p}authors>${el}</${p}authors>`);
      else if (authors.open.kind === 'empty') edits.add(authors.open.end - 2, 2, `>${el}</${authors.open.qname}>`);
      else edits.add(authors.close!.start, 0, el);
    }
    added.push(`<${p}comment ref="${a1(m.row, m.col)}" authorId="${authorId}"><${p}text>${run(p, noteText(m))}</${p}text></${p}comment>`);
    needShape.push(m);
  }
  if (added.length > 0) {
    if (list.open.kind === 'empty') edits.add(list.open.end - 2, 2, `>${added.join('')}</${list.open.qname}>`);
    else edits.add(list.close!.start, 0, added.join(''));
  }
  if (edits.size > 0) pkg.put(part, edits.apply(t.xml), t.bom);
  return needShape;
}

interface CommentAt {
  textClose: Tag | null;
  textOpen: Tag | null;
  /** Where the rich text of the note ends (its phonetic runs follow), -1 when at the text's end. */
  tail: number;
}

interface CommentsScan {
  p: string;
  authors: { open: Tag; close: Tag | null; names: string[] } | null;
  list: { open: Tag; close: Tag | null } | null;
  rootClose: Tag | null;
  /** The first comment of each cell, by "row,col". */
  comments: Map<string, CommentAt>;
}

function scanComments(xml: string): CommentsScan & { list: { open: Tag; close: Tag | null } } {
  const c: CommentsScan = { p: '', authors: null, list: null, rootClose: null, comments: new Map() };
  let inAuthor = -1;
  let current: CommentAt | null = null;
  scanTags(xml, (tag, depth) => {
    if (depth === 0) {
      c.p = prefixOf(tag);
      if (tag.kind === 'close') c.rootClose = tag;
      return;
    }
    const authors = c.authors;
    if (depth === 1 && tag.name === 'authors') {
      if (tag.kind === 'close') authors!.close = tag;
      else c.authors = { open: tag, close: null, names: [] };
    } else if (depth === 2 && tag.name === 'author' && authors && !authors.close) {
      if (tag.kind === 'empty') authors.names.push('');
      else if (tag.kind === 'open') inAuthor = tag.end;
      else authors.names.push(textOf(xml, inAuthor, tag.start, false));
    } else if (depth === 1 && tag.name === 'commentList') {
      if (tag.kind === 'close') c.list!.close = tag;
      else c.list = { open: tag, close: null };
    } else if (depth === 2 && tag.name === 'comment' && tag.kind !== 'close') {
      current = { textClose: null, textOpen: null, tail: -1 };
      const ref = attr(tag, 'ref')?.value ?? '';
      const [r, col] = parseRef(ref.split(':')[0]);
      if (!c.comments.has(`${r},${col}`)) c.comments.set(`${r},${col}`, current);
    } else if (depth === 3 && tag.name === 'text' && current) {
      if (tag.kind === 'close') current.textClose = tag;
      else current.textOpen = tag;
    } else if (depth === 4 && (tag.name === 'rPh' || tag.name === 'phoneticPr') && current && current.tail < 0 && tag.kind !== 'close')
      current.tail = tag.start;
  });
  return c as CommentsScan & { list: { open: Tag; close: Tag | null } };
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
export const latin1 = (b: Uint8Array) => {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
};

export function writeVml(pkg: Pkg, plan: NotePlan, shapes: Mark[], idBlock: { next: number }): void {
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
