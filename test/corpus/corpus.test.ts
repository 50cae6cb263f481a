/**
 * The checker on the corpus of real tables (test/corpus/README.md): every table found with its right name, and per
 * template precision 100% and recall at least 95%, on the published tables and on their labelled mutations.
 * Expectations are hand-written; this test only compares.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CaseResult, report, scoreCorpus, totals } from './score';
import { TABLES_DIR, listTableIds, parseTranscription, readExpected, readMutations, readTranscription } from './format';

let cases: CaseResult[] = [];

beforeAll(async () => {
  cases = await scoreCorpus();
});

describe('corpus files', () => {
  test('at least 40 published tables from at least 12 templates, each with hand-written expectations', () => {
    const ids = listTableIds();
    const tables = ids.reduce((n, id) => n + readExpected(id).tables.length, 0);
    const templates = new Set(ids.map((id) => readTranscription(id).header.template));
    expect(tables).toBeGreaterThanOrEqual(40);
    expect(templates.size).toBeGreaterThanOrEqual(12);
    for (const id of ids) expect(fs.existsSync(path.join(TABLES_DIR, `${id}.expected.json`))).toBe(true);
  });

  test('every transcription names its source, template and form', () => {
    for (const id of listTableIds()) {
      const h = readTranscription(id).header;
      expect([id, h.source]).toEqual([id, expect.stringMatching(/^https?:\/\//)]);
      expect([id, h.template]).toEqual([id, expect.stringMatching(/^[a-z0-9-]+$/)]);
      expect([id, !!h.form]).toEqual([id, true]);
    }
  });

  test('every mutation changes its base table and names a must', () => {
    const ids = new Set(listTableIds());
    for (const mu of readMutations()) {
      expect([mu.id, ids.has(mu.base)]).toEqual([mu.id, true]);
      expect(mu.must.length).toBeGreaterThan(0);
    }
  });

  test('merge marks: areas are rectangles, marks with nothing to merge into are refused', () => {
    const t = parseTranscription('x', '---\nA\t<\t<\n^\t^\t^\nB\tC\n');
    expect(t.merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 2 }]);
    expect(t.cells[2]).toEqual(['B', 'C']);
    expect(() => parseTranscription('x', '---\n^\n')).toThrow(/no cell to merge into/);
    expect(() => parseTranscription('x', '---\nA\t<\n^\tB\n')).toThrow(/not a rectangle/);
    expect(parseTranscription('x', '---\n\\^\t2.00\ta\\nb\n').cells[0]).toEqual(['^', 2, 'a\nb']);
  });
});

describe('the checker on real tables', () => {
  test('report (npm run corpus)', () => {
    // printed for the log; the assertions follow
    console.log(report(cases, true));
    expect(cases.length).toBeGreaterThan(0);
  });

  test('every published table is found, with its name', () => {
    const problems = cases.filter((c) => c.nameProblems.length > 0).map((c) => `${c.id}: ${c.nameProblems.join('; ')}`);
    expect(problems).toEqual([]);
  });

  test.each(['published', 'mutation'])('per template, %s: precision 100%, recall at least 95%', (which) => {
    const subset = cases.filter((c) => c.mutation === (which === 'mutation'));
    const bad: string[] = [];
    for (const tpl of new Set(subset.map((c) => c.template))) {
      const t = totals(subset.filter((c) => c.template === tpl));
      if (t.right < t.reported) bad.push(`${tpl}: precision ${t.right}/${t.reported}`);
      if (t.musts > 0 && t.found / t.musts < 0.95) bad.push(`${tpl}: recall ${t.found}/${t.musts}`);
    }
    expect(bad).toEqual([]);
  });

  test('no false alarm anywhere (cell, code and message listed when one appears)', () => {
    const alarms = cases.flatMap((c) => c.falseAlarms.map((f) => `${c.id} ${f.cell} ${f.code}: ${f.message}`));
    expect(alarms).toEqual([]);
  });
});
