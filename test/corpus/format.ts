/**
 * The corpus transcription format (see README.md): `#` header lines, `---`, then one TAB-separated line per
 * sheet row; a cell that is exactly `^` or `<` belongs to the merged area above / to the left.
 * Also the hand-written expectations (<id>.expected.json) and the mutations file, validated with zod.
 */
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';

export const CORPUS_DIR = __dirname;
export const TABLES_DIR = path.join(__dirname, 'tables');

/** A cell of the transcription: text as published, or a plain number (written as a numeric cell). */
export type CorpusCell = string | number | null;

export interface CorpusMerge {
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Transcription {
  id: string;
  header: Record<string, string>;
  cells: CorpusCell[][];
  merges: CorpusMerge[];
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Unescapes `\n`, `\\`, `\^`, `\<` in one cell's text. */
function unescapeCell(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

export function parseTranscription(id: string, text: string): Transcription {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '---') break;
    const m = /^#\s*([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (m) header[m[1]] = m[2].trim();
    else if (line.trim() && !line.startsWith('#')) throw new Error(`${id}: line ${i + 1} before "---" is not a header line`);
  }
  if (i >= lines.length) throw new Error(`${id}: no "---" line`);
  const body = lines.slice(i + 1);
  while (body.length && body[body.length - 1].trim() === '') body.pop();
  // owner[r][c] = index of the merged area (or single cell) the cell belongs to
  const raw = body.map((l) => l.split('\t'));
  const cells: CorpusCell[][] = [];
  const owner: number[][] = [];
  const areas: CorpusMerge[] = [];
  raw.forEach((row, r) => {
    cells.push([]);
    owner.push([]);
    row.forEach((s, c) => {
      if (s === '^' || s === '<') {
        const [ar, ac] = s === '^' ? [r - 1, c] : [r, c - 1];
        const o = owner[ar]?.[ac];
        if (o === undefined) throw new Error(`${id}: row ${r + 1} col ${c + 1}: "${s}" with no cell to merge into`);
        owner[r][c] = o;
        const a = areas[o];
        a.bottom = Math.max(a.bottom, r);
        a.right = Math.max(a.right, c);
        cells[r][c] = null;
        return;
      }
      const v = unescapeCell(s);
      owner[r][c] = areas.length;
      areas.push({ top: r, left: c, bottom: r, right: c });
      cells[r][c] = v === '' ? null : PLAIN_NUMBER.test(v.trim()) ? Number(v.trim()) : v;
    });
  });
  // every area must be a full rectangle of cells owned by it
  const merges: CorpusMerge[] = [];
  areas.forEach((a, k) => {
    if (a.top === a.bottom && a.left === a.right) return;
    for (let r = a.top; r <= a.bottom; r++)
      for (let c = a.left; c <= a.right; c++)
        if (owner[r]?.[c] !== k)
          throw new Error(`${id}: merged area at row ${a.top + 1} col ${a.left + 1} is not a rectangle (row ${r + 1} col ${c + 1})`);
    merges.push(a);
  });
  return { id, header, cells, merges };
}

const CellA1 = z.string().regex(/^[A-Z]{1,3}[1-9]\d*$/, 'an A1 address such as D14');
const Code = z.enum([
  'missing-value',
  'missing-field',
  'placeholder-row',
  'structure',
  'sum-mismatch',
  'text-amount-mismatch',
  'spending-plan',
  'value-format',
  'duplicate-indicator',
  'vague-value',
  'unreadable-value',
]);
const Expect = z.object({ cell: CellA1, code: z.union([Code, z.array(Code).min(1)]), why: z.string().optional() });
export type ExpectedFinding = z.infer<typeof Expect>;

export const ExpectedSchema = z.object({
  tables: z.array(z.object({ name: z.string(), kind: z.enum(['project', 'department']) })).min(1),
  must: z.array(Expect),
  may: z.array(Expect).default([]),
  /** The indicator system the issuer uses (default LOCAL). */
  profile: z.enum(['LOCAL', 'C2021']).optional(),
  notes: z.string().optional(),
});
export type Expected = z.infer<typeof ExpectedSchema>;

export const MutationSchema = z.object({
  /** Stable id, e.g. "hubei-ezhou-2022-project-dalou#blank-D14". */
  id: z.string(),
  base: z.string(),
  /** What the mutation does, in words (for the report). */
  label: z.string(),
  /** Cells to set: A1 -> new text ("" empties the cell). */
  set: z.record(CellA1, z.union([z.string(), z.number()])),
  /** The finding(s) the change must raise, in addition to the base table's. */
  must: z.array(Expect).min(1),
  /** Further findings the change may raise. */
  may: z.array(Expect).default([]),
});
export type Mutation = z.infer<typeof MutationSchema>;

export function listTableIds(): string[] {
  if (!fs.existsSync(TABLES_DIR)) return [];
  return fs
    .readdirSync(TABLES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function readTranscription(id: string): Transcription {
  return parseTranscription(id, fs.readFileSync(path.join(TABLES_DIR, `${id}.txt`), 'utf8'));
}

export function readExpected(id: string): Expected {
  const file = path.join(TABLES_DIR, `${id}.expected.json`);
  const parsed = ExpectedSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${id}.expected.json: ${parsed.error.message}`);
  return parsed.data;
}

export function readMutations(): Mutation[] {
  const file = path.join(CORPUS_DIR, 'mutations.json');
  if (!fs.existsSync(file)) return [];
  return z.array(MutationSchema).parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** "D14" -> [13, 3] (0-based row, col). */
export function a1ToRC(a1: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`bad A1 ${a1}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, col - 1];
}

/** Applies a mutation's cell changes to a copy of a transcription. */
export function applyMutation(t: Transcription, mu: Mutation): Transcription {
  const cells = t.cells.map((r) => r.slice());
  for (const [addr, v] of Object.entries(mu.set)) {
    const [r, c] = a1ToRC(addr);
    while (cells.length <= r) cells.push([]);
    const s = typeof v === 'number' ? v : v === '' ? null : PLAIN_NUMBER.test(v.trim()) ? Number(v.trim()) : v;
    cells[r][c] = s;
  }
  return { ...t, id: mu.id, cells };
}
