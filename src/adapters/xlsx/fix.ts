/**
 * The corrected copy (修正副本) of a workbook: the findings' one-click corrections (core Finding.fix) written into
 * the original package. Only the fixed cells change: each becomes an inline string holding the corrected text,
 * with its other attributes (its style among them) as they were; every other part, and every other byte of the
 * sheets touched, stays as it was (no shared string is added or removed: the shared strings part is not touched).
 * Pure (no Node imports): runs in a browser too.
 *
 * A fix is applied only while the cell holds exactly the value the checker read (`before`, compared with this
 * package read again unless the caller passes the grid it checked), and never to a formula cell.
 */
import type { Fix } from '../../core/findings';
import { type WorkbookGrid, cellAt } from '../../core/grid';
import { type Pkg, openWorkbook, packageBytes } from './package';
import { readXlsx } from './read';
import { type ScannedCell, scanSheet } from './sheet-scan';
import { Edits, escapeXml } from './xml-edit';

export interface FixResult {
  bytes: Uint8Array;
  /** The fixes written, in the order given. */
  applied: Fix[];
  /** The fixes left out, with the reason (English, for logs and tests). */
  skipped: { fix: Fix; reason: string }[];
}

/**
 * The corrected copy of `bytes` (never modified) with `fixes` applied where they still apply. `grid`: the
 * workbook as the checker read it from these very bytes (read again when not given).
 */
export function fixXlsx(bytes: Uint8Array, fixes: readonly Fix[], grid?: WorkbookGrid): FixResult {
  const wb = openWorkbook(bytes, '修正副本');
  const read = grid ?? readXlsx(bytes);
  const applied: Fix[] = [];
  const skipped: FixResult['skipped'] = [];
  const bySheet = new Map<string, Fix[]>();
  for (const f of fixes) {
    const sheet = read.sheets.find((s) => s.name === f.sheet);
    const now = sheet ? cellAt(sheet, f.row, f.col) : null;
    if (!sheet || now !== f.before) skipped.push({ fix: f, reason: 'the cell no longer holds the value checked' });
    else (bySheet.get(f.sheet) ?? bySheet.set(f.sheet, []).get(f.sheet)!).push(f);
  }
  for (const [sheet, list] of bySheet) {
    const part = wb.sheetParts.get(sheet);
    if (!part) {
      for (const fix of list) skipped.push({ fix, reason: 'no worksheet of that name' });
      continue;
    }
    const done = fixSheet(wb.pkg, part, list, skipped);
    applied.push(...done);
  }
  const order = new Map(fixes.map((f, i) => [f, i]));
  applied.sort((a, b) => order.get(a)! - order.get(b)!);
  return { bytes: applied.length > 0 ? packageBytes(bytes, wb) : bytes.slice(), applied, skipped };
}

/** Writes the fixes of one sheet; returns those applied (the others are pushed onto `skipped`). */
function fixSheet(pkg: Pkg, part: string, fixes: Fix[], skipped: FixResult['skipped']): Fix[] {
  const t = pkg.text(part)!;
  const s = scanSheet(t.xml);
  if (s.problem) {
    for (const fix of fixes) skipped.push({ fix, reason: s.problem });
    return [];
  }
  const cells = new Map<string, ScannedCell>();
  for (const r of s.rows) for (const c of r.cells) if (!cells.has(`${c.row},${c.col}`)) cells.set(`${c.row},${c.col}`, c);
  const edits = new Edits();
  const applied: Fix[] = [];
  const seen = new Set<string>();
  for (const fix of fixes) {
    const k = `${fix.row},${fix.col}`;
    const cell = cells.get(k);
    const reason = !cell
      ? 'the file holds no such cell'
      : cell.formula
        ? 'the cell holds a formula'
        : seen.has(k)
          ? 'another fix of the same cell'
          : null;
    if (reason) {
      skipped.push({ fix, reason });
      continue;
    }
    seen.add(k);
    edits.add(cell!.tag.start, (cell!.close ?? cell!.tag).end - cell!.tag.start, inlineCell(t.xml, cell!, s.prefix, fix.after));
    applied.push(fix);
  }
  if (applied.length > 0) pkg.put(part, edits.apply(t.xml), t.bom);
  return applied;
}

/** Attributes a cell loses when it becomes an inline string: its type, and value and cell metadata. */
const DROPPED = new Set(['t', 'vm', 'cm']);

/** The cell `cell` as an inline string holding `text`, its other attributes written as they were. */
function inlineCell(xml: string, cell: ScannedCell, p: string, text: string): string {
  let attrs = '';
  for (const a of cell.tag.attrs) {
    const q = xml[a.valueStart - 1];
    if (!DROPPED.has(a.name)) attrs += ` ${a.name}=${q}${xml.slice(a.valueStart, a.valueEnd)}${q}`;
  }
  const name = cell.tag.qname;
  return `<${name}${attrs} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}is></${name}>`;
}
