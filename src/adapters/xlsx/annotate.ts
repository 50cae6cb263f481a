/**
 * The annotated copy of a workbook, written by adding to the original package: finding cells get a fill by
 * severity and a note with the messages; every other part, and every other byte of the parts we touch, stays
 * as it was. Pure (no Node imports): runs in a browser too.
 *
 * Touched, by textual insertion only (never a re-serialisation):
 * - the styles part: one <fill> per severity used appended to <fills>, one cloned <xf> per (cell format,
 *   severity) pair appended to <cellXfs>, their count attributes updated (a minimal styles part is created
 *   when the workbook has none, with its relationship and content type);
 * - each sheet with findings: the s attribute of the finding cells; empty cells and rows inserted where a
 *   finding points at a cell the XML does not hold; a <legacyDrawing> when the sheet had none;
 * - that sheet's legacy comments part and VML drawing (created when missing, with their relationships and
 *   content types): a user's note keeps its text and author, ours is appended after a separator line.
 * Never touched: sheet and workbook protection, defined names, print settings, calculation properties, document
 * properties, VBA, charts, images, tables, threaded comments and every other part (copied compressed as is).
 */
import type { Finding } from '../../core/findings';
import { SEVERITY_ARGB, SEVERITY_LABEL, SEVERITY_RANK as RANK } from '../../core/severity';
import { a1 } from '../../core/grid';
import { Styles, countCellXfs } from './annotate-styles';
import { type Mark, type NotePlan, latin1, writeComments, writeVml } from './notes';
import { NS_R, NS_R_STRICT, type Pkg, addRel, openWorkbook, packageBytes, readRels, relKind } from './package';
import { type SheetScan, scanSheet } from './sheet-scan';
import { Edits, type Tag, attr, attrsEnd, parseRef } from './xml-edit';

/** Fill colours by severity (ARGB), the same as the add-in's highlights (core/severity). */
export { SEVERITY_ARGB };
export { NOTE_AUTHOR, NOTE_SEPARATOR } from './notes';
export { escapeXml, xmlSafe } from './xml-edit';

export interface AnnotateResult {
  bytes: Uint8Array;
  /** Cells marked. */
  marked: number;
  /** Sheets with findings that were left as they were, with the reason (English, for logs). */
  skipped: { sheet: string; reason: string }[];
}

/** The annotated copy's package bytes; `bytes` is never modified. */
export function annotateXlsx(bytes: Uint8Array, findings: Finding[]): Uint8Array {
  return annotateXlsxReport(bytes, findings).bytes;
}

/** Marks the cells of one sheet and plans its notes; returns why the sheet was left as it was, or null. */
function annotateSheet(
  pkg: Pkg,
  sheetName: string,
  part: string,
  marks: Map<string, Mark>,
  styles: Styles,
  plan: NotePlan[],
): string | null {
  const t = pkg.text(part)!;
  const s = scanSheet(t.xml);
  if (s.problem) return s.problem;
  if (!s.sheetData) return 'the sheet has no sheetData';
  const targets = mergedTargets(s, marks);
  const edits = new Edits();
  styleCells(s, targets, styles, edits);
  // notes
  const rels = readRels(pkg, part);
  const commentsRel = rels.find((r) => !r.external && relKind(r.type) === 'comments');
  const vmlRel = s.legacyDrawingId !== null ? rels.find((r) => r.id === s.legacyDrawingId && !r.external) : undefined;
  if (s.legacyDrawingId !== null && !vmlRel) return 'the sheet has a legacyDrawing whose relationship is missing';
  const note = {
    sheet: sheetName,
    sheetPart: part,
    commentsPart: commentsRel?.target ?? null,
    cells: targets,
    strict: s.strict,
    bom: t.bom,
  };
  if (!vmlRel) {
    const vmlPart = pkg.freeName('xl/drawings/vmlDrawing', '.vml');
    const legacyId = addRelFor(pkg, part, s, vmlPart);
    plan.push({ ...note, vmlPart, vmlNew: true });
    const rAttr = s.rNsPrefix ? `${s.rNsPrefix}:id="${legacyId}"` : `xmlns:r="${s.strict ? NS_R_STRICT : NS_R}" r:id="${legacyId}"`;
    edits.add(s.legacyAt, 0, `<${s.prefix}legacyDrawing ${rAttr}/>`);
  } else plan.push({ ...note, vmlPart: vmlRel.target, vmlNew: false });
  pkg.put(part, edits.apply(t.xml), t.bom);
  return null;
}

function addRelFor(pkg: Pkg, part: string, s: SheetScan, vmlPart: string): string {
  return addRel(pkg, part, `${s.strict ? NS_R_STRICT : NS_R}/vmlDrawing`, vmlPart);
}

/** The marks moved to the top-left cell of their merged area (several in one area: one mark), in sheet order. */
function mergedTargets(s: SheetScan, marks: Map<string, Mark>): Mark[] {
  const byCell = new Map<string, Mark>();
  for (const m of marks.values()) {
    const area = s.merges.find((a) => m.row >= a.top && m.row <= a.bottom && m.col >= a.left && m.col <= a.right);
    const row = area ? area.top : m.row;
    const col = area ? area.left : m.col;
    const k = `${row},${col}`;
    const prev = byCell.get(k);
    if (prev) {
      prev.lines.push(...m.lines);
      if (RANK[m.severity] < RANK[prev.severity]) prev.severity = m.severity;
    } else byCell.set(k, { row, col, severity: m.severity, lines: [...m.lines] });
  }
  return [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}

/**
 * Gives every target cell its new style: the s attribute of a cell the XML holds, else a new empty cell in its
 * row, or a new row, in sheet order.
 */
function styleCells(s: SheetScan, targets: Mark[], styles: Styles, edits: Edits): void {
  const p = s.prefix;
  const colStyle = (col: number) => s.cols.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
  const rowsByNumber = new Map<number, SheetScan['rows'][number]>();
  for (const r of s.rows) if (!rowsByNumber.has(r.row)) rowsByNumber.set(r.row, r);
  const newCell = (m: Mark, base: number) => {
    m.xf = styles.xfFor(base, m.severity);
    return `<${p}c r="${a1(m.row, m.col)}" s="${m.xf}"/>`;
  };
  // a self-closing <row/> or <sheetData/> that gets children: opened once, closed after them
  const opened = new Set<Tag>();
  const openEmpty = (tag: Tag) => {
    if (!opened.has(tag)) edits.add(tag.end - 2, 2, '>');
    opened.add(tag);
    return tag.end;
  };
  const newRows = new Map<number, Mark[]>();
  for (const m of targets) {
    const r = rowsByNumber.get(m.row);
    if (!r) {
      (newRows.get(m.row) ?? newRows.set(m.row, []).get(m.row)!).push(m);
      continue;
    }
    const cell = r.cells.find((c) => c.col === m.col);
    if (cell) {
      const sa = attr(cell.tag, 's');
      m.xf = styles.xfFor(sa ? Number(sa.value) || 0 : 0, m.severity);
      if (sa) edits.add(sa.valueStart, sa.valueEnd - sa.valueStart, m.xf);
      else edits.add(attrsEnd(cell.tag), 0, ` s="${m.xf}"`);
      continue;
    }
    const text = newCell(m, r.style ?? colStyle(m.col));
    const next = r.cells.find((c) => c.col > m.col);
    if (next) edits.add(next.tag.start, 0, text);
    else if (r.open.kind === 'empty') edits.add(openEmpty(r.open), 0, text);
    else edits.add(r.close!.start, 0, text);
  }
  for (const tag of opened) edits.add(tag.end, 0, `</${tag.qname}>`);
  const sd = s.sheetData!;
  for (const [row, list] of [...newRows.entries()].sort((a, b) => a[0] - b[0])) {
    const text = `<${p}row r="${row + 1}">${list.map((m) => newCell(m, colStyle(m.col))).join('')}</${p}row>`;
    const next = s.rows.find((r) => r.row > row);
    if (next) edits.add(next.open.start, 0, text);
    else if (sd.open.kind === 'empty') edits.add(openEmpty(sd.open), 0, text);
    else edits.add(sd.close!.start, 0, text);
  }
  if (opened.has(sd.open)) edits.add(sd.open.end, 0, `</${sd.open.qname}>`);
}

// ---------------------------------------------------------------------------------------------

/** The annotated copy, with the count of marked cells and the sheets left as they were. */
export function annotateXlsxReport(bytes: Uint8Array, findings: Finding[]): AnnotateResult {
  const wb = openWorkbook(bytes);
  const { pkg } = wb;
  const styles = new Styles(countCellXfs(pkg, wb.stylesPart));
  const skipped: AnnotateResult['skipped'] = [];
  const plans: NotePlan[] = [];
  for (const [sheet, marks] of marksBySheet(findings)) {
    const part = wb.sheetParts.get(sheet);
    if (!part) {
      skipped.push({ sheet, reason: 'no worksheet of that name' });
      continue;
    }
    const problem = annotateSheet(pkg, sheet, part, marks, styles, plans);
    if (problem) skipped.push({ sheet, reason: problem });
  }
  const idBlock = { next: usedVmlBlocks(pkg) + 1 };
  let marked = 0;
  for (const plan of plans) {
    const shapes = writeComments(pkg, plan);
    writeVml(pkg, plan, shapes, idBlock);
    marked += plan.cells.length;
  }
  if (styles.used) styles.write(pkg, wb.workbookPart, wb.stylesPart);
  return { bytes: packageBytes(bytes, wb), marked, skipped };
}

/** Findings by sheet and cell: the most severe decides the fill, every message goes into the note. */
function marksBySheet(findings: Finding[]): Map<string, Map<string, Mark>> {
  const bySheet = new Map<string, Map<string, Mark>>();
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  for (const f of sorted) {
    let row = f.row;
    let col = f.col;
    if (!(Number.isInteger(row) && Number.isInteger(col) && row >= 0 && col >= 0)) [row, col] = parseRef(f.cell);
    // outside Excel's sheet (1,048,576 rows, XFD columns): nothing to mark
    if (row < 0 || col < 0 || row > 1048575 || col > 16383) continue;
    const sheet = bySheet.get(f.sheet) ?? bySheet.set(f.sheet, new Map()).get(f.sheet)!;
    const k = `${row},${col}`;
    const line = `【${SEVERITY_LABEL[f.severity]}】${f.message}`;
    const m = sheet.get(k);
    if (m) {
      if (!m.lines.includes(line)) m.lines.push(line);
    } else sheet.set(k, { row, col, severity: f.severity, lines: [line] });
  }
  return bySheet;
}

/** The highest idmap block used by the VML drawings already in the package (0 for none). */
function usedVmlBlocks(pkg: Pkg): number {
  let maxBlock = 0;
  for (const name of pkg.names.values()) {
    if (!/\.vml$/i.test(name)) continue;
    const b = pkg.zip.read(name);
    if (b)
      for (const m of latin1(b).matchAll(/idmap[^>]*data="([\d,\s]+)"/g))
        for (const d of m[1].split(/[,\s]+/)) if (d) maxBlock = Math.max(maxBlock, Number(d));
  }
  return maxBlock;
}
