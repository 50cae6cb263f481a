/**
 * Our XML tokenizer (src/adapters/xlsx/xml.ts) against saxes, a conforming XML parser: the same events (element
 * local names, attributes, character data) on every part of every test workbook and on generated documents,
 * and a refusal wherever saxes refuses a truncated document.
 */
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { type XmlHandlers, decodePart, local, textOf, tokenize } from '../../src/adapters/xlsx/xml';
import { FIXTURE_FILES } from '../checker/fixture-files';

type Event = string;

/** Events as saxes reports them: open/close with local names, attributes in order, text runs joined. */
function saxesEvents(xml: string): Event[] | 'error' {
  const out: Event[] = [];
  let text: string | null = null;
  let depth = 0;
  const flush = () => {
    if (text !== null && depth > 0) out.push(`T ${JSON.stringify(text)}`);
    text = null;
  };
  const p = new SaxesParser({ xmlns: false, position: false });
  let failed = false;
  p.on('error', () => {
    failed = true;
  });
  p.on('opentag', (t) => {
    flush();
    depth++;
    out.push(`O ${local(t.name)} ${JSON.stringify(Object.entries(t.attributes))}`);
  });
  p.on('closetag', (t) => {
    flush();
    depth--;
    out.push(`C ${local(t.name)}`);
  });
  const add = (s: string) => (text = (text ?? '') + s);
  p.on('text', add);
  p.on('cdata', add);
  try {
    p.write(xml).close();
  } catch {
    failed = true;
  }
  return failed ? 'error' : out;
}

function ourEvents(xml: string): Event[] | 'error' {
  const out: Event[] = [];
  let text: string | null = null;
  const flush = () => {
    if (text !== null) out.push(`T ${JSON.stringify(text)}`);
    text = null;
  };
  const h: XmlHandlers = {
    open(name, a) {
      flush();
      const list: [string, string][] = [];
      for (let i = 0; i < a.length; i++) list.push(a.at(i));
      out.push(`O ${name} ${JSON.stringify(list)}`);
    },
    close(name) {
      flush();
      out.push(`C ${name}`);
    },
    text(xml, s, e, cdata) {
      text = (text ?? '') + textOf(xml, s, e, cdata);
    },
  };
  try {
    tokenize(xml, h, () => {
      throw new Error('doctype');
    });
  } catch {
    return 'error';
  }
  return out;
}

/** Every XML part of every workbook the tests use. */
function parts(): [string, string][] {
  const files = [
    ...FIXTURE_FILES,
    ...fs
      .readdirSync('test/fixtures/odd')
      .filter((f) => f.endsWith('.xlsx') && !f.startsWith('refuse-'))
      .map((f) => path.join('test/fixtures/odd', f)),
  ];
  const out: [string, string][] = [];
  for (const f of files) {
    const zip = unzipSync(new Uint8Array(fs.readFileSync(f)));
    for (const [name, bytes] of Object.entries(zip))
      if (/\.(xml|rels|vml)$/i.test(name) && bytes.length) out.push([`${f}:${name}`, decodePart(bytes)]);
  }
  return out;
}

test('every part of every test workbook: the same events as saxes', () => {
  const all = parts();
  expect(all.length).toBeGreaterThan(150);
  let compared = 0;
  for (const [name, xml] of all) {
    const theirs = saxesEvents(xml);
    if (theirs === 'error') continue; // (case 17's VML is not well-formed XML on purpose; the reader never opens it)
    expect({ name, events: ourEvents(xml) }).toEqual({ name, events: theirs });
    compared++;
  }
  expect(compared).toBeGreaterThan(150);
});

// generated documents: names (some prefixed), attribute values and text with every character the tokenizer treats
// specially, entity and character references, CDATA, comments and processing instructions
const nameArb = fc.constantFrom('c', 'v', 'row', 'x:c', 'x:row', 'r:id', 't', 'is', 'rPh', 'a_b', 'a.b', 'a-1');
const pieceArb = fc.constantFrom(
  'a',
  '项目',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&apos;',
  '&#10;',
  '&#x41;',
  '&#13;',
  '"',
  "'",
  '>',
  '100%',
  '_x000D_',
);
const textArb = fc.array(pieceArb, { maxLength: 6 }).map((a) => a.join('').replace(/["']/g, ''));
const attrValueArb = fc.array(pieceArb, { maxLength: 6 }).map((a) => a.join('').replace(/>/g, '&gt;'));

interface Node {
  name: string;
  attrs: [string, string][];
  children: (Node | string)[];
}
const nodeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.record({
    name: nameArb,
    attrs: fc
      .uniqueArray(fc.tuple(fc.constantFrom('r', 's', 't', 'x:a', 'ref', 'xml:space'), attrValueArb, fc.constantFrom('"', "'")), {
        maxLength: 3,
        selector: (a) => a[0],
      })
      .map((list) =>
        list.map(([n, v, q]) => [n, q === '"' ? `"${v.replace(/"/g, '&quot;')}"` : `'${v.replace(/'/g, '&apos;')}'`] as [string, string]),
      ),
    children: fc.array(
      fc.oneof(
        { depthSize: 'small', maxDepth: 4 },
        textArb,
        tie('node'),
        textArb.map((t) => `<![CDATA[${t.replace(/&/g, '')}]]>`),
        fc.constant('<!-- a comment -->'),
        fc.constant('<?pi data?>'),
      ),
      { maxLength: 4 },
    ),
  }),
})).node;

function serialise(n: Node, selfClose: boolean): string {
  const attrs = n.attrs.map(([k, v]) => ` ${k}=${v}`).join('');
  if (n.children.length === 0 && selfClose) return `<${n.name}${attrs}/>`;
  return `<${n.name}${attrs}>${n.children.map((c) => (typeof c === 'string' ? c : serialise(c, selfClose))).join('')}</${n.name} >`;
}

test('generated documents: the same events as saxes', () => {
  fc.assert(
    fc.property(nodeArb, fc.boolean(), fc.boolean(), (root, selfClose, decl) => {
      const xml = `${decl ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' : ''}${serialise(root, selfClose)}\n`;
      const theirs = saxesEvents(xml);
      expect(theirs).not.toBe('error');
      expect(ourEvents(xml)).toEqual(theirs);
    }),
    { numRuns: 400 },
  );
});

test('truncated or corrupted documents: refused wherever saxes refuses them', () => {
  fc.assert(
    fc.property(nodeArb, fc.nat(), fc.constantFrom('cut', '<', '&', 'swap'), (root, at, how) => {
      const xml = serialise(root, true);
      const i = at % xml.length;
      const bad =
        how === 'cut'
          ? xml.slice(0, i)
          : how === 'swap'
            ? xml.replace(`</${root.name} >`, '</wrong>')
            : xml.slice(0, i) + how + xml.slice(i);
      if (saxesEvents(bad) === 'error') expect(ourEvents(bad)).toBe('error');
    }),
    { numRuns: 600 },
  );
});
