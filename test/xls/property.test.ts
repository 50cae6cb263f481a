/**
 * Arbitrary damage to the example .xls only ever yields a grid or a WorkbookReadError (never another
 * exception, never a hang): truncation, random byte corruption of the file, and corruption aimed at the
 * Workbook stream's record headers (types and lengths), re-wrapped in a valid container so that the BIFF
 * reader itself meets it. The reader's safety net (an unexpected exception turned into a WorkbookReadError
 * with the exception as `cause`) must never be what answers.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { WorkbookReadError } from '../../src/adapters/file/errors';
import { CompoundFile } from '../../src/adapters/xls/cfb';
import { readXls } from '../../src/adapters/xls/read';
import { compoundFile } from './build';

// a hang guard, not a time bound: nothing here is timed
jest.setTimeout(120_000);

const FILE = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'xls', '示例-绩效目标表.xls')));
const cf = new CompoundFile(FILE);
const WORKBOOK = cf.read(cf.find('Workbook')!);
/** Offsets of the record headers in the Workbook stream. */
const HEADERS: number[] = [];
for (let p = 0; p + 4 <= WORKBOOK.length; p += 4 + (WORKBOOK[p + 2] | (WORKBOOK[p + 3] << 8))) HEADERS.push(p);

function outcome(bytes: Uint8Array): 'grid' | 'refused' {
  try {
    const g = readXls(bytes);
    expect(Array.isArray(g.sheets)).toBe(true);
    for (const s of g.sheets) {
      expect(typeof s.name).toBe('string');
      expect(Array.isArray(s.cells)).toBe(true);
    }
    return 'grid';
  } catch (e) {
    if (!(e instanceof WorkbookReadError)) throw e;
    expect((e as { cause?: unknown }).cause).toBeUndefined();
    expect(e.message).not.toBe('');
    return 'refused';
  }
}

test('the undamaged file reads', () => {
  expect(outcome(FILE)).toBe('grid');
  expect(HEADERS.length).toBeGreaterThan(500);
});

test('any truncation', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: FILE.length - 1 }), (n) => {
      outcome(FILE.subarray(0, n));
    }),
    { numRuns: 400 },
  );
});

test('random bytes overwritten anywhere in the file', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: FILE.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 24 }),
      (edits) => {
        const b = FILE.slice();
        for (const [at, v] of edits) b[at] = v;
        outcome(b);
      },
    ),
    { numRuns: 400 },
  );
});

test('the header and first sectors (FAT, directory) overwritten', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 2047 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      (edits) => {
        const b = FILE.slice();
        for (const [at, v] of edits) b[at] = v;
        outcome(b);
      },
    ),
    { numRuns: 400 },
  );
});

test('record types and lengths of the Workbook stream damaged, payload bytes overwritten', () => {
  const edit = fc.oneof(
    // a record's length (2 bytes) set to anything
    fc.tuple(fc.constant('len' as const), fc.integer({ min: 0, max: HEADERS.length - 1 }), fc.integer({ min: 0, max: 0xffff })),
    // a record's type set to another record's type (or anything)
    fc.tuple(
      fc.constant('type' as const),
      fc.integer({ min: 0, max: HEADERS.length - 1 }),
      fc.oneof(
        fc.constantFrom(0x0809, 0x000a, 0x003c, 0x00fc, 0x00fd, 0x00bd, 0x027e, 0x0006, 0x0207, 0x00e5, 0x0085, 0x002f, 0x041e, 0x00e0),
        fc.integer({ min: 0, max: 0xffff }),
      ),
    ),
    // a byte of a record's payload
    fc.tuple(fc.constant('byte' as const), fc.integer({ min: 0, max: WORKBOOK.length - 1 }), fc.integer({ min: 0, max: 255 })),
  );
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), (edits, cut) => {
      let w = WORKBOOK.slice();
      for (const [kind, i, v] of edits) {
        if (kind === 'byte') w[i] = v;
        else {
          const at = HEADERS[i] + (kind === 'len' ? 2 : 0);
          w[at] = v & 0xff;
          w[at + 1] = v >> 8;
        }
      }
      if (cut) w = w.subarray(0, Math.floor(w.length / 2));
      outcome(compoundFile([{ name: 'Workbook', data: w }]));
    }),
    { numRuns: 500 },
  );
});
