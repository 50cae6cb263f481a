/**
 * Bookkeeping of test/fixtures/odd: every file there is read by a test in test/reader and listed in the
 * README, and the committed files are exactly what make.ts writes (so the XML in make.ts is what is tested).
 */
import fs from 'fs';
import path from 'path';
import { oddFiles } from '../fixtures/odd/make';
import { ODD } from './helpers';

/** Files of the folder that are not test inputs. */
const SUPPORT = ['README.md', 'make.ts', 'make_openpyxl.py'];
/** Written by make_openpyxl.py, not make.ts. */
const FROM_OPENPYXL = ['18-openpyxl.xlsx'];

const testSources = () =>
  fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.ts') && f !== path.basename(__filename))
    .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'))
    .join('\n');

test('every file in test/fixtures/odd is covered by a test and listed in its README', () => {
  const files = fs.readdirSync(ODD).filter((f) => !SUPPORT.includes(f));
  const sources = testSources();
  const readme = fs.readFileSync(path.join(ODD, 'README.md'), 'utf8');
  const untested = files.filter((f) => !sources.includes(`'${f}'`));
  const unlisted = files.filter((f) => !readme.includes(f));
  expect({ untested, unlisted }).toEqual({ untested: [], unlisted: [] });
  for (const f of SUPPORT) expect(fs.existsSync(path.join(ODD, f))).toBe(true);
});

test('the committed files are exactly what make.ts writes, and nothing it writes is missing', () => {
  const made = oddFiles();
  const committed = fs.readdirSync(ODD).filter((f) => !SUPPORT.includes(f) && !FROM_OPENPYXL.includes(f));
  expect(committed.sort()).toEqual([...made.keys()].sort());
  for (const [name, bytes] of made) {
    const same = Buffer.from(bytes).equals(fs.readFileSync(path.join(ODD, name)));
    expect({ name, same }).toEqual({ name, same: true });
  }
  for (const f of FROM_OPENPYXL) expect(fs.existsSync(path.join(ODD, f))).toBe(true);
});
