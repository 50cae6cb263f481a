/**
 * Position-aware editing of well-formed XML (a part is checked with parseXml first): a scan that reports every
 * tag with its attributes' raw spans, and a list of textual edits applied in one pass. Used by the package writers
 * (the annotated copy, the corrected copy) to change a part by insertion and replacement only, never by
 * re-serialising it. Pure (no Node imports).
 */
import { isSpace } from './xml-text';
import { textOf } from './xml';

export interface Attr {
  name: string;
  value: string;
  /** Raw value span xml[valueStart, valueEnd) (inside the quotes). */
  valueStart: number;
  valueEnd: number;
}

export interface Tag {
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

export function scanTags(xml: string, onTag: (t: Tag, depth: number) => void): void {
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

export const attr = (t: Tag, name: string) => t.attrs.find((a) => a.name === name);
export const attrLocal = (t: Tag, name: string) =>
  t.attrs.find((a) => a.name === name || (a.name.endsWith(`:${name}`) && !a.name.startsWith('xmlns')));
/** Where a new attribute goes: after the last one. */
export const attrsEnd = (t: Tag) => (t.attrs.length > 0 ? t.attrs[t.attrs.length - 1].valueEnd + 1 : t.nameEnd);
export const prefixOf = (t: Tag) => (t.qname.includes(':') ? t.qname.slice(0, t.qname.indexOf(':') + 1) : '');

interface Edit {
  at: number;
  del: number;
  text: string;
  seq: number;
}

export class Edits {
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
export function parseRef(ref: string): [number, number] {
  const m = /^\$?([A-Za-z]*)\$?([0-9]*)$/.exec(ref.trim());
  if (!m) return [-1, -1];
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [m[2] ? Number(m[2]) - 1 : -1, m[1] ? col - 1 : -1];
}
