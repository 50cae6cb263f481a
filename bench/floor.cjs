/**
 * The floor for reading an .xlsx: the least work any reader of cell values must do, as a plain
 * node process. Unzips the file with fflate (`unzipSync`, only the parts listed below are
 * inflated) and makes ONE SAX pass with saxes over xl/sharedStrings.xml and every worksheet part
 * (xl/worksheets/*.xml), in 64 KB pieces decoded as UTF-8. Nothing else: no cell values, no
 * strings kept; the handlers only count. Each part's bytes are dropped as soon as it is parsed.
 *
 * Prints one JSON line: {"parts":N,"xmlBytes":N,"elements":N,"attributes":N,"texts":N,"textChars":N}.
 * `npm run bench` runs it with the same preload as the command line (`node --require bench/rss.cjs`),
 * so both report their peak RSS the same way.
 * Usage: node bench/floor.cjs FILE.xlsx
 */
'use strict';
const fs = require('fs');
const { unzipSync } = require('fflate');
const { SaxesParser } = require('saxes');

const PART = /^xl\/(sharedStrings\.xml|worksheets\/[^/]+\.xml)$/;
const CHUNK = 64 * 1024;

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/floor.cjs FILE.xlsx\n');
  process.exit(2);
}
const zip = unzipSync(fs.readFileSync(file), { filter: (f) => PART.test(f.name) });
const names = Object.keys(zip).sort((a, b) => (a === 'xl/sharedStrings.xml' ? -1 : b === 'xl/sharedStrings.xml' ? 1 : 0));
const count = { parts: 0, xmlBytes: 0, elements: 0, attributes: 0, texts: 0, textChars: 0 };
for (const name of names) {
  const bytes = zip[name];
  delete zip[name];
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (tag) => {
    count.elements++;
    for (const _ in tag.attributes) count.attributes++;
  });
  parser.on('text', (t) => {
    count.texts++;
    count.textChars += t.length;
  });
  parser.on('error', (e) => {
    throw new Error(`${name}: ${e.message}`);
  });
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < bytes.length; i += CHUNK) parser.write(decoder.decode(bytes.subarray(i, i + CHUNK), { stream: true }));
  parser.write(decoder.decode());
  parser.close();
  count.parts++;
  count.xmlBytes += bytes.length;
}
if (!names.some((n) => n.startsWith('xl/worksheets/'))) throw new Error(`${file}: no worksheet part`);
process.stdout.write(JSON.stringify(count) + '\n');
