/**
 * Scores the checker on the corpus of real tables:
 *
 *   npm run corpus                  per template and in total: tables detected, precision, recall
 *   npm run corpus -- --details     also every false alarm and every miss, with the checker's message
 *   npm run corpus -- --json        one JSON document (used by the corpus test)
 *
 * Each transcription is written to an .xlsx in memory (generate.ts) and read back through the command line's
 * reader. Precision = errors and warnings that match a hand-written `must` or `may` (same cell, same code) /
 * all errors and warnings. Recall = `must` entries reported (as an error or a warning) / all `must` entries.
 * Mutations (mutations.json) are scored the same way on the changed table, their recall on their own musts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';
import type { Finding } from '../../src/core/findings';
import { rawTexts, workbookBuffer } from './generate';
import {
  Expected,
  ExpectedFinding,
  TABLES_DIR,
  Transcription,
  applyMutation,
  listTableIds,
  readExpected,
  readMutations,
  readTranscription,
} from './format';

export interface CaseResult {
  id: string;
  template: string;
  mutation: boolean;
  tablesExpected: number;
  tablesDetected: number;
  /** Names expected but not found (or found under another name). */
  nameProblems: string[];
  reported: number;
  right: number;
  musts: number;
  found: number;
  falseAlarms: Finding[];
  misses: ExpectedFinding[];
}

export interface Totals {
  cases: number;
  tablesExpected: number;
  tablesDetected: number;
  reported: number;
  right: number;
  musts: number;
  found: number;
}

const codes = (e: ExpectedFinding): string[] => (Array.isArray(e.code) ? e.code : [e.code]);
const matches = (f: Finding, e: ExpectedFinding): boolean => f.cell === e.cell && codes(e).includes(f.code);
const scored = (f: Finding): boolean => f.severity === 'error' || f.severity === 'warning';
const normName = (s: string): string => s.replace(/[\s\u3000]+/g, '');

async function runCase(
  id: string,
  template: string,
  t: Transcription,
  raw: string[][],
  expected: Expected,
  musts: ExpectedFinding[],
  allowed: ExpectedFinding[],
  mutation: boolean,
): Promise<CaseResult> {
  const grid = await readWorkbookGrid(await workbookBuffer(t, raw));
  const result = checkWorkbook(grid, { profile: expected.profile ?? 'LOCAL' });
  const nameProblems: string[] = [];
  const names = result.tables.map((x) => normName(x.name));
  expected.tables.forEach((e, i) => {
    // (a mutation may empty the name itself: only the tables are counted)
    if (mutation ? !result.tables[i] : names[i] !== normName(e.name))
      nameProblems.push(`expected「${e.name}」, got ${result.tables[i] ? `「${result.tables[i].name}」` : 'no table'}`);
  });
  for (let i = expected.tables.length; i < result.tables.length; i++)
    nameProblems.push(`extra table「${result.tables[i].name}」${result.tables[i].range}`);
  // a table whose stored copy ends inside the indicator area: a block said to be absent may be in the part cut off
  const truncated = /^yes/.test(t.header.truncated ?? '');
  const reportedFindings = result.findings.filter(
    (f) => scored(f) && !(truncated && f.code === 'structure' && /^表中没有一级指标/.test(f.message)),
  );
  const falseAlarms = reportedFindings.filter((f) => !allowed.some((e) => matches(f, e)));
  const misses = musts.filter((e) => !reportedFindings.some((f) => matches(f, e)));
  return {
    id,
    template,
    mutation,
    tablesExpected: expected.tables.length,
    tablesDetected: expected.tables.length - nameProblems.filter((p) => p.startsWith('expected')).length,
    nameProblems,
    reported: reportedFindings.length,
    right: reportedFindings.length - falseAlarms.length,
    musts: musts.length,
    found: musts.length - misses.length,
    falseAlarms,
    misses,
  };
}

export async function scoreCorpus(): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const loaded = new Map<string, { t: Transcription; e: Expected; raw: string[][] }>();
  for (const id of listTableIds()) {
    if (!fs.existsSync(path.join(TABLES_DIR, `${id}.expected.json`))) {
      process.stderr.write(`${id}: no expected findings yet, skipped\n`);
      continue;
    }
    const t = readTranscription(id);
    const e = readExpected(id);
    const raw = rawTexts(id);
    loaded.set(id, { t, e, raw });
    out.push(await runCase(id, t.header.template ?? '?', t, raw, e, e.must, [...e.must, ...e.may], false));
  }
  for (const mu of readMutations()) {
    const base = loaded.get(mu.base);
    if (!base) throw new Error(`mutation ${mu.id}: no table ${mu.base}`);
    const allowed = [...base.e.must, ...base.e.may, ...mu.must, ...mu.may];
    out.push(await runCase(mu.id, base.t.header.template ?? '?', applyMutation(base.t, mu), base.raw, base.e, mu.must, allowed, true));
  }
  return out;
}

export function totals(cases: CaseResult[]): Totals {
  const t: Totals = { cases: 0, tablesExpected: 0, tablesDetected: 0, reported: 0, right: 0, musts: 0, found: 0 };
  for (const c of cases) {
    t.cases++;
    t.tablesExpected += c.tablesExpected;
    t.tablesDetected += c.tablesDetected;
    t.reported += c.reported;
    t.right += c.right;
    t.musts += c.musts;
    t.found += c.found;
  }
  return t;
}

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function report(cases: CaseResult[], details: boolean): string {
  const lines: string[] = [];
  const templates = [...new Set(cases.map((c) => c.template))].sort();
  lines.push(row(['template', 'tables (+mutations)', 'detected', 'precision (right/E+W)', 'recall (found/musts)']));
  lines.push(row(['---', '---', '---', '---', '---']));
  const line = (name: string, cs: CaseResult[]) => {
    const t = totals(cs);
    const muts = cs.filter((c) => c.mutation).length;
    const pub = totals(cs.filter((c) => !c.mutation));
    lines.push(
      row([
        name,
        `${t.cases - muts}${muts ? ` (+${muts})` : ''}`,
        `${pub.tablesDetected}/${pub.tablesExpected}`,
        `${pct(t.right, t.reported)} (${t.right}/${t.reported})`,
        `${pct(t.found, t.musts)} (${t.found}/${t.musts})`,
      ]),
    );
  };
  for (const tpl of templates)
    line(
      tpl,
      cases.filter((c) => c.template === tpl),
    );
  line(
    '**published tables**',
    cases.filter((c) => !c.mutation),
  );
  line(
    '**mutations**',
    cases.filter((c) => c.mutation),
  );
  line('**total**', cases);
  if (details) {
    for (const c of cases) {
      if (!c.nameProblems.length && !c.falseAlarms.length && !c.misses.length) continue;
      lines.push('', `${c.id}${c.mutation ? ' (mutation)' : ''}`);
      for (const p of c.nameProblems) lines.push(`  table: ${p}`);
      for (const f of c.falseAlarms) lines.push(`  false alarm ${f.severity} ${f.cell} ${f.code}: ${f.message}`);
      for (const m of c.misses) lines.push(`  miss ${m.cell} ${codes(m).join('|')}: ${m.why ?? ''}`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const cases = await scoreCorpus();
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ totals: totals(cases), cases }, null, 2) + '\n');
    return;
  }
  process.stdout.write(report(cases, args.includes('--details')) + '\n');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
