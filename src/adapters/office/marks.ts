/**
 * Highlight bookkeeping, stored inside the workbook so that 清除标记 works after save/close/reopen:
 * a very hidden worksheet "__jxmb_marks__" holds one row per highlighted cell with the cell's
 * original fill (pattern, colour, pattern colour, tints) and the colour we painted.
 * The core ignores sheets named "__jxmb…" (isOwnSheet), so the checker never reads it.
 */
import type { Severity } from '../../core/findings';

export const MARKS_SHEET = '__jxmb_marks__';
export const REPORT_SHEET = '校验报告';

/** Excel's own "Bad" / "Neutral" fills and a light blue for 提示. */
export const MARK_COLORS: Record<Severity, string> = {
  error: '#FFC7CE',
  warning: '#FFEB9C',
  info: '#DDEBF7',
};

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
export const worse = (a: Severity, b: Severity): Severity => (RANK[a] >= RANK[b] ? a : b);

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
