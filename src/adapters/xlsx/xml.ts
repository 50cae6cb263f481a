/**
 * One pass over an XML part, for every part the reader needs: a tokenizer of well-formed XML 1.0 without a
 * DTD, written here for speed.
 *
 * Why not a library: the goal for the command line is at most twice the time of unzipping a workbook plus one
 * SAX pass over it with saxes (bench/floor.cjs). saxes alone is that floor, and checking 1,000 tables costs
 * about as much again, so a reader built on saxes cannot meet the goal. Worksheet XML needs a small part of XML:
 * elements, attributes, text, the predefined entities and character references, CDATA, comments and processing
 * instructions. test/reader/xml.test.ts compares every event this tokenizer emits with saxes's on every part of
 * every test workbook and on generated documents (fast-check), and checks that it refuses what saxes refuses
 * among truncated and corrupted documents.
 *
 * - Element names are given as local names ('x:c' → 'c'): the transitional, strict and prefixed ('x:') spellings
 *   of SpreadsheetML differ only in prefixes and namespace URIs, and the reader looks at names only.
 * - Attributes are given as written (SpreadsheetML's own are unprefixed in every spelling); a sheet's
 *   relationship id is found by its local name with `Attrs.local`.
 * - Line ends are normalised (XML 1.0 §2.11) and attribute values normalised (§3.3.3) as a conforming parser does.
 * - A DOCTYPE is refused: no entity of ours is ever declared or expanded.
 */
import { WorkbookReadError } from '../file/errors';
import { XmlError, decodePart, expand, holds, isSpace, local, nameEnd, normalise, special } from './xml-text';

export { decodePart, local, textOf } from './xml-text';

/**
 * The attributes of the element being opened; one object reused for every element (valid during `open` only).
 * Only positions are recorded while tokenizing: a name or value becomes a string when it is asked for, so the
 * attributes nobody reads (spans, x14ac:dyDescent, ht …: most of a sheet's) cost no allocation.
 */
export class Attrs {
  private xml = '';
  /** Per attribute: name start, name end, value start, value end, special-character bits of the value (see special()). */
  private pos = new Int32Array(40);
  length = 0;

  /** @internal */
  reset(xml: string): void {
    this.xml = xml;
    this.length = 0;
  }

  private nameIs(i: number, name: string): boolean {
    const p = this.pos;
    const s = p[i * 5];
    return p[i * 5 + 1] - s === name.length && this.xml.startsWith(name, s);
  }

  private value(i: number): string {
    const p = this.pos;
    const k = i * 5;
    const sp = p[k + 4];
    if (sp === 0) return this.xml.slice(p[k + 2], p[k + 3]);
    return sp & 1 ? expand(this.xml, p[k + 2], p[k + 3], true) : normalise(this.xml, p[k + 2], p[k + 3], true);
  }

  get(name: string): string | undefined {
    for (let i = 0; i < this.length; i++) if (this.nameIs(i, name)) return this.value(i);
    return undefined;
  }

  /** The index of attribute `name`, or -1: with the accessors below, a value is read in place, without a copy. */
  find(name: string): number {
    for (let i = 0; i < this.length; i++) if (this.nameIs(i, name)) return i;
    return -1;
  }

  /** The value of attribute i as a string (what `get` gives). */
  valueAt(i: number): string {
    return this.value(i);
  }

  /** Whether the value of attribute i is its raw text, xml[valueStart(i), valueEnd(i)) (no reference, tab or line end). */
  plainAt(i: number): boolean {
    return this.pos[i * 5 + 4] === 0;
  }

  /** The document being tokenized and where the raw value of attribute i starts and ends in it. */
  get source(): string {
    return this.xml;
  }

  valueStart(i: number): number {
    return this.pos[i * 5 + 2];
  }

  valueEnd(i: number): number {
    return this.pos[i * 5 + 3];
  }

  /** The attribute with local name `name` under any prefix ('r:id'), or unprefixed. */
  local(name: string): string | undefined {
    const own = this.get(name);
    if (own !== undefined) return own;
    const suffix = `:${name}`;
    for (let i = 0; i < this.length; i++) {
      const n = this.nameAt(i);
      if (n.endsWith(suffix) && !n.startsWith('xmlns')) return this.value(i);
    }
    return undefined;
  }

  private nameAt(i: number): string {
    return this.xml.slice(this.pos[i * 5], this.pos[i * 5 + 1]);
  }

  /** Name and value of attribute i (for tests). */
  at(i: number): [string, string] {
    return [this.nameAt(i), this.value(i)];
  }

  /**
   * @internal Records an attribute; false when the element already has one of that name. The value's references
   * are checked here (expand throws on a bad one), whether or not anyone reads it.
   */
  push(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, sp: number): boolean {
    const xml = this.xml;
    const len = nameEnd - nameStart;
    for (let i = 0; i < this.length; i++) {
      const s = this.pos[i * 5];
      if (this.pos[i * 5 + 1] - s !== len) continue;
      let k = 0;
      while (k < len && xml.charCodeAt(s + k) === xml.charCodeAt(nameStart + k)) k++;
      if (k === len) return false;
    }
    if (sp & 1) expand(xml, valueStart, valueEnd, true);
    if ((this.length + 1) * 5 > this.pos.length) {
      const grown = new Int32Array(this.pos.length * 2);
      grown.set(this.pos);
      this.pos = grown;
    }
    const k = this.length * 5;
    this.pos[k] = nameStart;
    this.pos[k + 1] = nameEnd;
    this.pos[k + 2] = valueStart;
    this.pos[k + 3] = valueEnd;
    this.pos[k + 4] = sp;
    this.length++;
    return true;
  }
}

export interface XmlHandlers {
  open(name: string, attrs: Attrs): void;
  close?(name: string): void;
  /**
   * Character data inside the root element: raw text xml[start, end) (read it with `textOf`), or the content of a
   * CDATA section (`cdata` true: no entities, only line ends to normalise). May come in several pieces.
   */
  text?(xml: string, start: number, end: number, cdata: boolean): void;
}

/** Tokenizes `xml`, calling the handlers; throws XmlError for anything not well-formed. */
export function tokenize(xml: string, h: XmlHandlers, onDoctype: () => never): void {
  new Tokenizer(xml, h, onDoctype).run();
}

/** One pass over one document: each kind of markup in its own method, the position in `i`. */
class Tokenizer {
  private readonly attrs = new Attrs();
  /** Names of the open elements, as written (prefix included). */
  private readonly stack: string[] = [];
  private readonly n: number;
  private rootSeen = false;
  private i = 0;

  constructor(
    private readonly xml: string,
    private readonly h: XmlHandlers,
    private readonly onDoctype: () => never,
  ) {
    this.n = xml.length;
  }

  run(): void {
    const xml = this.xml;
    const n = this.n;
    while (this.i < n) {
      const lt = xml.indexOf('<', this.i);
      const stop = lt < 0 ? n : lt;
      if (stop > this.i) this.text(this.i, stop);
      if (lt < 0) break;
      const c = xml.charCodeAt(lt + 1);
      if (c === 0x2f /* / */) this.endTag(lt);
      else if (c === 0x21 /* ! */) this.markup(lt);
      else if (c === 0x3f /* ? */) this.instruction(lt);
      else this.startTag(lt);
    }
    if (this.stack.length > 0) throw new XmlError(`标签 <${this.stack[this.stack.length - 1]}> 未结束`);
    if (!this.rootSeen) throw new XmlError('没有根元素');
  }

  /** Character data xml[start, stop) between two pieces of markup. */
  private text(start: number, stop: number): void {
    const xml = this.xml;
    if (this.stack.length > 0) {
      // references are checked here, whether or not the handler reads this text
      if (holds(xml, start, stop, 0x26 /* & */)) expand(xml, start, stop, false);
      if (this.h.text) this.h.text(xml, start, stop, false);
    } else {
      for (let k = start; k < stop; k++) if (!isSpace(xml.charCodeAt(k))) throw new XmlError('根元素之外有文本');
    }
  }

  /** An end tag at `lt`: it must name the open element (compared in place, no copy of the name). */
  private endTag(lt: number): void {
    const xml = this.xml;
    const open = this.stack.pop();
    if (open === undefined) throw new XmlError('多余的结束标签');
    let e = lt + 2 + open.length;
    if (!xml.startsWith(open, lt + 2)) throw new XmlError(`标签 <${open}> 与结束标签不匹配`);
    while (e < this.n && isSpace(xml.charCodeAt(e))) e++;
    if (xml.charCodeAt(e) !== 0x3e /* > */) throw new XmlError(`标签 <${open}> 与结束标签不匹配`);
    if (this.h.close) this.h.close(open.indexOf(':') < 0 ? open : local(open));
    this.i = e + 1;
  }

  /** '<!': a comment, a CDATA section or a DOCTYPE (refused). */
  private markup(lt: number): void {
    const xml = this.xml;
    if (xml.startsWith('<!--', lt)) {
      const e = xml.indexOf('-->', lt + 4);
      // ('--' may appear only in the comment's end)
      if (e < 0 || xml.indexOf('--', lt + 4) !== e) throw new XmlError('注释未结束或含有 --');
      this.i = e + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const e = xml.indexOf(']]>', lt + 9);
      if (e < 0 || this.stack.length === 0) throw new XmlError('CDATA 未结束或在根元素之外');
      if (this.h.text) this.h.text(xml, lt + 9, e, true);
      this.i = e + 3;
    } else if (xml.startsWith('<!DOCTYPE', lt)) {
      this.onDoctype();
    } else throw new XmlError('无法识别的标记 <!');
  }

  /** A processing instruction (the XML declaration among them): its target must be a name. */
  private instruction(lt: number): void {
    const e = this.xml.indexOf('?>', lt + 2);
    if (e < 0) throw new XmlError('处理指令未结束');
    nameEnd(this.xml, lt + 2, e);
    this.i = e + 2;
  }

  /** A start tag at `lt`: its name, then attributes up to '>' or '/>'. */
  private startTag(lt: number): void {
    const xml = this.xml;
    const j = nameEnd(xml, lt + 1, this.n);
    const name = xml.slice(lt + 1, j);
    if (this.stack.length === 0 && this.rootSeen) throw new XmlError('有多个根元素');
    this.attrs.reset(xml);
    const end = this.attributes(name, j);
    this.rootSeen = true;
    const ln = name.indexOf(':') < 0 ? name : local(name);
    this.h.open(ln, this.attrs);
    if (end < 0) {
      if (this.h.close) this.h.close(ln);
      this.i = -end;
    } else {
      this.stack.push(name);
      this.i = end;
    }
  }

  /** The attributes of start tag `name` from `j`: the position after the tag, negated when it is self-closing. */
  private attributes(name: string, j: number): number {
    const xml = this.xml;
    const n = this.n;
    for (;;) {
      const s0 = j;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) throw new XmlError(`标签 <${name}> 未结束`);
      const d = xml.charCodeAt(j);
      if (d === 0x3e /* > */) return j + 1;
      if (d === 0x2f /* / */) {
        if (xml.charCodeAt(j + 1) !== 0x3e) throw new XmlError(`标签 <${name}> 未正确结束`);
        return -(j + 2);
      }
      if (j === s0) throw new XmlError(`标签 <${name}> 的属性之间缺少空格`);
      j = this.attribute(j);
    }
  }

  /** One attribute at `a0` (name = "value"), recorded in `attrs`: the position after it. */
  private attribute(a0: number): number {
    const xml = this.xml;
    const n = this.n;
    let j = nameEnd(xml, a0, n);
    const a1 = j;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    if (xml.charCodeAt(j) !== 0x3d) throw new XmlError(`属性 ${xml.slice(a0, a1)} 缺少取值`);
    j++;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    const q = xml.charCodeAt(j);
    if (q !== 0x22 && q !== 0x27) throw new XmlError(`属性 ${xml.slice(a0, a1)} 的取值没有引号`);
    const end = xml.indexOf(q === 0x22 ? '"' : "'", j + 1);
    if (end < 0) throw new XmlError(`属性 ${xml.slice(a0, a1)} 的取值未结束`);
    const sp = special(xml, j + 1, end);
    if (sp & 2) throw new XmlError(`属性 ${xml.slice(a0, a1)} 的取值含有 <`);
    if (!this.attrs.push(a0, a1, j + 1, end, sp)) throw new XmlError(`属性 ${xml.slice(a0, a1)} 重复`);
    return end + 1;
  }
}

/** Parses one part of the package; a Chinese WorkbookReadError names the part when it is not well-formed XML. */
export function parseXml(part: string, bytes: Uint8Array, h: XmlHandlers): void {
  const doctype = (): never => {
    throw new WorkbookReadError(`文件中的「${part}」含有不允许的 DOCTYPE 声明，已停止读取（可能是恶意构造的文件）`);
  };
  try {
    tokenize(decodePart(bytes), h, doctype);
  } catch (e) {
    if (e instanceof XmlError) throw new WorkbookReadError(`文件已损坏：「${part}」不是有效的 XML（${e.message.slice(0, 60)}）`);
    throw e;
  }
}
