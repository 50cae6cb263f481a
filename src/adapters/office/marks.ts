/**
 * Highlight bookkeeping, stored inside the workbook so that 清除标记 works after save/close/reopen:
 * one record per highlighted cell with the cell's original fill (pattern, colour, pattern colour,
 * tints) and the colour we painted.
 *
 * Since version 2 the records live in custom XML parts of the workbook (namespace MARKS_NS,
 * ExcelApi 1.5), not on a sheet: Excel refuses to delete a very hidden sheet (Worksheet.delete
 * reference; office-js #365), and adding or deleting a sheet clears Excel's undo history. Large
 * records are split over several parts of one generation; a reader takes the newest complete
 * generation, so a write that Excel stopped half-way leaves the previous record in force.
 * Version 1 kept them on a very hidden sheet "__jxmb_marks__" (MARKS_SHEET); such a sheet is still
 * read and removed on the next write. The core ignores sheets named "__jxmb…" (isOwnSheet).
 */
import type { Severity } from '../../core/findings';
import { SEVERITY_FILL } from '../../core/severity';

/** Version 1 storage (a very hidden sheet), read for workbooks marked by earlier releases. */
export const MARKS_SHEET = '__jxmb_marks__';
/** Namespace of the custom XML parts that hold the records (version 2). */
export const MARKS_NS = 'urn:jxmb:marks:2';
export const REPORT_SHEET = '校验报告';

/** Excel's own "Bad" / "Neutral" fills and a light blue for 提示 (core/severity). */
export const MARK_COLORS: Readonly<Record<Severity, string>> = SEVERITY_FILL;
export { worse } from '../../core/severity';

export interface FillState {
  /** FillPattern ("None" = no fill); null when the host cannot tell (ExcelApi < 1.9). */
  pattern: string | null;
  color: string;
  patternColor: string | null;
  tintAndShade: number;
  patternTintAndShade: number;
}

export interface MarkRecord {
  sheet: string;
  /** A1 address of one cell. */
  cell: string;
  /** Colour we painted ("#RRGGBB"). */
  mark: string;
  original: FillState;
}

const MAGIC = 'jxmb-marks';
const VERSION = '1';
export const MARK_COLUMNS = 9;
const HEADER = [MAGIC, VERSION, 'sheet', 'cell', 'mark', 'pattern', 'color', 'patternColor', 'tint|patternTint'];

/** A cell without any fill (Office.js reports no fill as white; with ExcelApi 1.9 as pattern "None"). */
export function hasNoFill(f: FillState): boolean {
  if (f.pattern === null) return sameColor(f.color, '#FFFFFF');
  return f.pattern === 'None';
}

export function sameColor(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? '').replace('#', '').toUpperCase() === (b ?? '').replace('#', '').toUpperCase();
}

/** Whether two fills look the same (pattern colour only matters for patterned fills). */
export function sameFill(a: FillState, b: FillState): boolean {
  if (hasNoFill(a) || hasNoFill(b)) return hasNoFill(a) && hasNoFill(b);
  if (!sameColor(a.color, b.color)) return false;
  if (a.pattern === null || b.pattern === null) return true;
  if (a.pattern !== b.pattern) return false;
  if (a.pattern !== 'Solid' && !sameColor(a.patternColor, b.patternColor)) return false;
  return a.tintAndShade === b.tintAndShade && (a.pattern === 'Solid' || a.patternTintAndShade === b.patternTintAndShade);
}

/**
 * What a recorded cell shows now:
 * - `original`: its original fill (never painted, or already restored, e.g. after a batch that
 *   Excel stopped half-way) — nothing to do;
 * - `marked`: our highlight, or a state half-way between the original and the highlight (a batch
 *   stopped between two commands for the same cell: the highlight colour is always the first
 *   command of painting and the last one to go when restoring) — restore it;
 * - `user`: anything else, i.e. the user re-coloured the cell since — leave it alone.
 */
export type MarkState = 'original' | 'marked' | 'user';

export function markState(current: FillState, rec: MarkRecord): MarkState {
  if (sameFill(current, rec.original)) return 'original';
  if (!hasNoFill(current) && sameColor(current.color, rec.mark)) return 'marked';
  // original colour and pattern but another tint: restoring stopped before its last command
  if (!hasNoFill(current) && sameColor(current.color, rec.original.color) && current.pattern === rec.original.pattern) return 'marked';
  return 'user';
}

/** Whether a cell still shows the highlight we painted (otherwise the user changed it since). */
export function stillMarked(current: FillState, rec: MarkRecord): boolean {
  return markState(current, rec) === 'marked';
}

/** Rows for the marks sheet (all strings; the sheet's cells are formatted as text). */
export function encodeRecords(records: MarkRecord[]): string[][] {
  const rows: string[][] = [HEADER.slice()];
  for (const r of records) {
    const o = r.original;
    rows.push([
      '',
      '',
      r.sheet,
      r.cell,
      r.mark,
      o.pattern ?? '',
      o.color,
      o.patternColor ?? '',
      `${o.tintAndShade}|${o.patternTintAndShade}`,
    ]);
  }
  return rows;
}

/** Reads the marks sheet's values; [] when empty, null when it is not in our format. */
export function decodeRecords(values: unknown[][] | null | undefined): MarkRecord[] | null {
  if (!values || values.length === 0) return [];
  const head = values[0].map((v) => String(v ?? ''));
  if (head[0] === '' && values.every((r) => r.every((v) => v === '' || v === null))) return [];
  if (head[0] !== MAGIC || head[1] !== VERSION) return null;
  const out: MarkRecord[] = [];
  for (const row of values.slice(1)) {
    const s = row.map((v) => (v === null || v === undefined ? '' : String(v)));
    if (!s[2] || !s[3]) continue;
    const [tint, ptint] = (s[8] || '0|0').split('|').map((x) => Number(x) || 0);
    out.push({
      sheet: s[2],
      cell: s[3],
      mark: s[4],
      original: {
        pattern: s[5] === '' ? null : s[5],
        color: s[6] || '#FFFFFF',
        patternColor: s[7] === '' ? null : s[7],
        tintAndShade: tint,
        patternTintAndShade: ptint,
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// version 2: custom XML parts

/** Characters of XML per part at most (a part is written in one command). */
export const PART_CHARS = 500_000;

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A value for an XML attribute of our custom XML parts (the records here, the ignored findings in review.ts):
 * characters XML cannot carry dropped, markup characters escaped, and line breaks and tabs as character references
 * (an XML processor would turn them into spaces in an attribute).
 */
export const esc = (v: string): string =>
  v
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
/** The value of an attribute written by esc (or by any XML writer). */
export const unesc = (v: string): string =>
  v.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name];
  });

function recordXml(r: MarkRecord): string {
  const o = r.original;
  const attrs: [string, string][] = [
    ['s', r.sheet],
    ['c', r.cell],
    ['k', r.mark],
    ['p', o.pattern ?? ''],
    ['o', o.color],
    ['pc', o.patternColor ?? ''],
    ['t', String(o.tintAndShade)],
    ['pt', String(o.patternTintAndShade)],
  ];
  return `<m ${attrs.map(([k, v]) => `${k}="${esc(v)}"`).join(' ')}/>`;
}

/** The parts (XML documents) of one generation of records; none for no records. */
export function encodeParts(records: MarkRecord[], generation: number, maxChars = PART_CHARS): string[] {
  const bodies: string[][] = [];
  let cur: string[] = [];
  let n = 0;
  for (const r of records) {
    const x = recordXml(r);
    if (cur.length && n + x.length > maxChars) {
      bodies.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(x);
    n += x.length;
  }
  if (cur.length) bodies.push(cur);
  return bodies.map(
    (b, i) => `<marks xmlns="${MARKS_NS}" generation="${generation}" part="${i + 1}" parts="${bodies.length}">${b.join('')}</marks>`,
  );
}

export interface DecodedPart {
  generation: number;
  part: number;
  parts: number;
  records: MarkRecord[];
}

/** One part's records; null when it is not in our format. */
export function decodePart(xml: string): DecodedPart | null {
  const root = /<marks\b([^>]*?)(\/?)>/.exec(xml);
  if (!root) return null;
  const attr = (src: string, name: string): string | null => {
    const m = new RegExp(`\\b${name}="([^"]*)"`).exec(src);
    return m ? unesc(m[1]) : null;
  };
  const generation = Number(attr(root[1], 'generation'));
  const part = Number(attr(root[1], 'part'));
  const parts = Number(attr(root[1], 'parts'));
  if (attr(root[1], 'xmlns') !== MARKS_NS || !Number.isInteger(generation) || !(part >= 1) || !(parts >= part)) return null;
  const records: MarkRecord[] = [];
  for (const m of xml.matchAll(/<m\b([^>]*?)\/>/g)) {
    const a = (name: string) => attr(m[1], name) ?? '';
    if (!a('s') || !a('c')) continue;
    records.push({
      sheet: a('s'),
      cell: a('c'),
      mark: a('k'),
      original: {
        pattern: a('p') === '' ? null : a('p'),
        color: a('o') || '#FFFFFF',
        patternColor: a('pc') === '' ? null : a('pc'),
        tintAndShade: Number(a('t')) || 0,
        patternTintAndShade: Number(a('pt')) || 0,
      },
    });
  }
  return { generation, part, parts, records };
}

export interface StoredRecords {
  /** Records of the newest complete generation ([] when there is none). */
  records: MarkRecord[];
  /** The generation they belong to (0 when none). */
  generation: number;
  /** The newest generation present, complete or not (a new write takes the next one). */
  latest: number;
  /** Parts in our namespace that could not be read (not ours, damaged). */
  unreadable: number;
}

/** The records in force: the newest generation whose parts are all present. */
export function pickGeneration(xmls: string[]): StoredRecords {
  const decoded = xmls.map(decodePart);
  const gens = new Map<number, DecodedPart[]>();
  for (const d of decoded) if (d) gens.set(d.generation, [...(gens.get(d.generation) ?? []), d]);
  const unreadable = decoded.filter((d) => d === null).length;
  const complete = [...gens.entries()]
    .filter(([, ps]) => ps.length > 0 && new Set(ps.map((p) => p.part)).size === ps[0].parts && ps.every((p) => p.parts === ps[0].parts))
    .sort((a, b) => b[0] - a[0]);
  const latest = Math.max(0, ...gens.keys());
  if (complete.length === 0) return { records: [], generation: 0, latest, unreadable };
  const [generation, ps] = complete[0];
  return { records: ps.sort((a, b) => a.part - b.part).flatMap((p) => p.records), generation, latest, unreadable };
}
