/** Random finding sets: the copy re-reads to the same grid and every finding cell has its most severe fill. */
import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { annotateXlsx, annotateXlsxReport, SEVERITY_ARGB, xmlSafe } from '../../src/adapters/xlsx/annotate';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import type { Severity } from '../../src/core/findings';
import { fillOf, finding, loadExcel, noteOf } from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const colName = (c: number) =>
  c < 26 ? String.fromCharCode(65 + c) : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26));

const findingsArb = fc.array(
  fc.record({
    row: fc.integer({ min: 0, max: 130 }),
    col: fc.integer({ min: 0, max: 30 }),
    severity: fc.constantFrom<Severity>('error', 'warning', 'info'),
    message: fc.string({ maxLength: 12 }),
  }),
  { minLength: 1, maxLength: 25 },
);

describe.each(['layoutA-ningxia.xlsx', 'layoutC-hengdong.xlsx'])('%s', (file) => {
  const original = new Uint8Array(fs.readFileSync(path.join(FIXTURES, file)));

  test('same grid, most severe fill on every finding cell, every message in its note', async () => {
    const grid = await readWorkbookGrid(original);
    const sheet = grid.sheets[0].name;
    await fc.assert(
      fc.asyncProperty(findingsArb, async (list) => {
        const findings = list.map((f) => finding(sheet, `${colName(f.col)}${f.row + 1}`, f.severity, f.message));
        const copy = annotateXlsx(original, findings);
        expect(await readWorkbookGrid(copy)).toEqual(grid);
        const ws = (await loadExcel(copy)).getWorksheet(sheet)!;
        // the cell that carries the mark: the top-left of a merged area
        const expected = new Map<string, { severity: Severity; messages: string[] }>();
        for (const f of findings) {
          const cell = ws.getCell(f.cell);
          const addr = cell.isMerged ? cell.master.address : f.cell;
          const e = expected.get(addr);
          if (!e) expected.set(addr, { severity: f.severity, messages: [f.message] });
          else {
            if (RANK[f.severity] < RANK[e.severity]) e.severity = f.severity;
            e.messages.push(f.message);
          }
        }
        for (const [addr, e] of expected) {
          expect(fillOf(ws.getCell(addr))).toBe(SEVERITY_ARGB[e.severity]);
          const note = noteOf(ws.getCell(addr));
          for (const m of e.messages) expect(note).toContain(xmlSafe(m));
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('the odd fixtures (no r, x-prefixed, strict, absolute targets, merges, …)', () => {
  const dir = path.join(FIXTURES, 'odd');
  for (const file of fs.readdirSync(dir).filter((f) => /^\d.*\.xlsx$/.test(f))) {
    test(`${file}: annotated, the copy reads back to the same grid`, async () => {
      const original = new Uint8Array(fs.readFileSync(path.join(dir, file)));
      const grid = await readWorkbookGrid(original);
      const findings = grid.sheets.flatMap((s) => [
        finding(s.name, 'A1', 'error', '一'),
        finding(s.name, 'B2', 'warning', '二'),
        finding(s.name, 'D9', 'info', '三'),
      ]);
      const result = annotateXlsxReport(original, findings);
      expect(result.skipped).toEqual([]);
      expect(await readWorkbookGrid(result.bytes)).toEqual(grid);
    });
  }
});
