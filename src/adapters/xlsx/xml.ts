/**
 * One streaming pass over an XML part with saxes, for every part the reader needs.
 *
 * Element names are reduced to their local names ('x:c' → 'c'): the transitional, strict and prefixed ('x:')
 * spellings of SpreadsheetML differ only in prefixes and namespace URIs, and the reader looks at names only.
 * Attributes are given as written: SpreadsheetML's own are unprefixed in every spelling (they belong to no
 * namespace); the one prefixed attribute the reader needs, a sheet's relationship id, is found with attrLocal.
 * A DOCTYPE is refused (no entity of ours is ever expanded).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { WorkbookReadError } from '../file/errors';

export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  /** Text and CDATA inside elements (may come in several pieces). */
  text?(text: string): void;
}

/** Local name of a possibly prefixed XML name. */
export function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** The value of the attribute with local name `name` in any namespace prefix ('r:id', 'ns1:id'). */
export function attrLocal(attrs: Record<string, string>, name: string): string | undefined {
  if (attrs[name] !== undefined) return attrs[name];
  const suffix = `:${name}`;
  for (const k in attrs) if (k.endsWith(suffix) && !k.startsWith('xmlns')) return attrs[k];
  return undefined;
}

/** Decodes at most this much UTF-8 at a time (the part itself is in memory already; its text need not be). */
const SLICE = 4 * 1024 * 1024;

export function parseXml(part: string, bytes: Uint8Array, h: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('doctype', () => {
    throw new WorkbookReadError(`文件中的「${part}」含有不允许的 DOCTYPE 声明，已停止读取（可能是恶意构造的文件）`);
  });
  const open = h.open;
  parser.on('opentag', (tag: SaxesTagPlain) => open(tag.name.indexOf(':') < 0 ? tag.name : local(tag.name), tag.attributes as Record<string, string>));
  const close = h.close;
  if (close) parser.on('closetag', (tag) => close(tag.name.indexOf(':') < 0 ? tag.name : local(tag.name)));
  const text = h.text;
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const decoder = new TextDecoder('utf-8');
  try {
    // a byte-order mark is not part of the document
    let start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (; start < bytes.length && !failure; start += SLICE) {
      parser.write(decoder.decode(bytes.subarray(start, Math.min(bytes.length, start + SLICE)), { stream: true }));
    }
    if (!failure) parser.write(decoder.decode()).close();
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    failure ??= e as Error;
  }
  if (failure) {
    const why = String((failure as Error).message ?? failure).replace(/^undefined:/, '').slice(0, 60);
    throw new WorkbookReadError(`文件已损坏：「${part}」不是有效的 XML（${why}）`);
  }
}
