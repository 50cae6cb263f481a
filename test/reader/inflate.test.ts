/**
 * The Node reader inflates with zlib (src/adapters/file/node.ts zlibInflate), the browser's with fflate: both
 * must give the same bytes for every part of every test workbook, and for the data that is not what its
 * directory says (truncated, corrupt, longer or shorter than declared, empty), where fflate's result decides.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { zlibInflate } from '../../src/adapters/file/node';
import { fflateInflate, readZipEntries } from '../../src/adapters/xlsx/zip';
import { FIXTURE_FILES } from '../checker/fixture-files';
import { ODD } from './helpers';

const ROOT = path.join(__dirname, '..', '..');

/** fflate's outcome: its bytes, or the fact that it throws. */
function outcome(f: (d: Uint8Array, n: number) => Uint8Array, data: Uint8Array, size: number): Uint8Array | 'throws' {
  try {
    return Uint8Array.from(f(data, size));
  } catch {
    return 'throws';
  }
}

const expectSame = (data: Uint8Array, size: number) => expect(outcome(zlibInflate, data, size)).toEqual(outcome(fflateInflate, data, size));

const workbooks = [
  ...FIXTURE_FILES.map((f) => path.join(ROOT, f)),
  ...fs
    .readdirSync(ODD)
    .filter((f) => /\.xls[xm]$/i.test(f))
    .map((f) => path.join(ODD, f)),
];

test.each(workbooks)('every deflated part of %s inflates to the same bytes', (file) => {
  const bytes = new Uint8Array(fs.readFileSync(file));
  let entries;
  try {
    entries = readZipEntries(bytes);
  } catch {
    return; // not a zip this reader reads: nothing is inflated
  }
  for (const e of entries) {
    if (e.method !== 8 || e.dataOffset < 0) continue;
    expectSame(bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize), e.size);
  }
});

test('data that is not what the directory declares: fflate decides', () => {
  const text = new TextEncoder().encode('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(2000));
  const data = new Uint8Array(zlib.deflateRawSync(text));
  expectSame(data, text.length);
  expectSame(data, text.length - 1000); // more data than declared: truncated
  expectSame(data, text.length + 1000); // less than declared
  expectSame(data, 0);
  expectSame(data.subarray(0, data.length - 10), text.length); // cut off
  expectSame(new Uint8Array(0), 100); // empty
  const corrupt = data.slice();
  corrupt[0] ^= 0xff;
  expectSame(corrupt, text.length);
  expectSame(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 100);
  // a stored block (no compression) and trailing bytes after the last block
  const stored = new Uint8Array(zlib.deflateRawSync(text, { level: 0 }));
  expectSame(stored, text.length);
  expectSame(new Uint8Array([...data, 1, 2, 3]), text.length);
});
