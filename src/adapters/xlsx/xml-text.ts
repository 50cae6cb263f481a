/**
 * The characters of XML text for the tokenizer (xml.ts): local names, entity and character references, line-end
 * and attribute-value normalisation, and the decoding of a part's bytes.
 */
/** Local name of a possibly prefixed XML name. */
export function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export class XmlError extends Error {}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Expands entity and character references of xml[start, end) (no '&' is common: a plain slice). */
export function expand(xml: string, start: number, end: number, attribute: boolean): string {
  let out = '';
  let from = start;
  for (let i = start; i < end; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x26 /* & */) {
      const semi = xml.indexOf(';', i);
      if (semi < 0 || semi >= end) throw new XmlError('未结束的实体引用');
      const ref = xml.slice(i + 1, semi);
      let ch: string;
      if (ref.charCodeAt(0) === 0x23 /* # */) {
        const code = ref.charCodeAt(1) === 0x78 /* x */ ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || !/^#(x[0-9A-Fa-f]+|[0-9]+)$/.test(ref))
          throw new XmlError(`无效的字符引用 &${ref};`);
        ch = String.fromCodePoint(code);
      } else {
        const p = PREDEFINED[ref];
        if (p === undefined) throw new XmlError(`未定义的实体 &${ref};`);
        ch = p;
      }
      out += normalise(xml, from, i, attribute) + ch;
      i = semi;
      from = semi + 1;
    }
  }
  return from === start ? normalise(xml, start, end, attribute) : out + normalise(xml, from, end, attribute);
}

/** Line ends to '\n' (§2.11); in attribute values every tab, line end and CR LF to one space (§3.3.3). */
export function normalise(xml: string, start: number, end: number, attribute: boolean): string {
  const s = xml.slice(start, end);
  if (attribute)
    return holds(xml, start, end, 0x09) || holds(xml, start, end, 0x0a) || holds(xml, start, end, 0x0d)
      ? s.replace(/\r\n|[\t\n\r]/g, ' ')
      : s;
  return holds(xml, start, end, 0x0d) ? s.replace(/\r\n?/g, '\n') : s;
}

/**
 * What xml[start, end) holds that needs more than a slice, in one scan: bit 1 a '&', bit 2 a '<', bit 4 a tab,
 * line feed or carriage return (0 for plain text, the common case).
 */
export function special(xml: string, start: number, end: number): number {
  let out = 0;
  for (let k = start; k < end; k++) {
    const c = xml.charCodeAt(k);
    if (c > 0x3c) continue;
    if (c === 0x26) out |= 1;
    else if (c === 0x3c) out |= 2;
    else if (c === 0x09 || c === 0x0a || c === 0x0d) out |= 4;
  }
  return out;
}

/** Whether xml[start, end) holds the character `code` (a scan of the range only, never beyond it). */
export function holds(xml: string, start: number, end: number, code: number): boolean {
  for (let k = start; k < end; k++) if (xml.charCodeAt(k) === code) return true;
  return false;
}

/** The text of a `text` event, entities expanded and line ends normalised. */
export function textOf(xml: string, start: number, end: number, cdata: boolean): string {
  if (cdata || !holds(xml, start, end, 0x26 /* & */)) return normalise(xml, start, end, false);
  return expand(xml, start, end, false);
}

export const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * The end of the XML Name (§2.3) starting at `start`, close enough to tell names from markup debris: letters,
 * digits, '.', '-', '_', ':' and everything from U+00B7 up, no digit, '.' or '-' first. Throws when there is none
 * or when it runs into a character no name or delimiter can be.
 */
export function nameEnd(xml: string, start: number, n: number): number {
  let j = start;
  for (; j < n; j++) {
    const c = xml.charCodeAt(j);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xb7) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d) {
      if (j === start) throw new XmlError('名称不能以数字、点或连字符开头');
      continue;
    }
    break;
  }
  if (j === start) throw new XmlError('缺少名称');
  if (j < n) {
    const c = xml.charCodeAt(j);
    if (!(isSpace(c) || c === 0x3e || c === 0x2f || c === 0x3d || c === 0x3f)) throw new XmlError(`名称中有不允许的字符「${xml[j]}」`);
  }
  return j;
}

/** Decodes a part: UTF-8 (a byte-order mark skipped), or UTF-16 when it starts with a UTF-16 byte-order mark. */
export function decodePart(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder('utf-8').decode(start ? bytes.subarray(start) : bytes);
}
