/** Entry points of the core: parse a workbook grid into tables, run the rules, return findings. */
import { type Config, resolveConfig } from './config';
import { findSegments } from './detect';
import { type CheckResult, type Finding, type Severity, type TableSummary, summarize } from './findings';
import { fixOf } from './fixes';
import { type SheetGrid, type WorkbookGrid, a1, rangeA1 } from './grid';
import type { Table } from './model';
import { type ParseMemo, newParseMemo, parseSegment, withParseMemo } from './parse';
import { RULES } from './rules';
import { SheetView } from './sheet';
import { type TextMemo, newTextMemo, withTextMemo } from './text';

/** Sheets the add-in writes itself (its records, its reports 校验报告, 校验报告(2), …); never checked. */
export function isOwnSheet(name: string): boolean {
  return /^__jxmb/.test(name) || /^校验报告(\(\d+\))?$/.test(name);
}

export interface ParsedSheet {
  sheet: string;
  tables: Table[];
}

export function parseWorkbook(wb: WorkbookGrid, config?: Partial<Config>): Table[] {
  return parseSheets(wb, resolveConfig(config)).flatMap((s) => s.tables);
}

function parseSheets(wb: WorkbookGrid, config: Config): ParsedSheet[] {
  const out: ParsedSheet[] = [];
  forEachSheet(wb, config, (sheet, table) => {
    if (!table) out.push({ sheet: sheet.name, tables: [] });
    else out[out.length - 1].tables.push(table);
  });
  return out;
}

/**
 * Parses (and validates) every table, sheet by sheet, calling `visit(sheet, null)` when a sheet starts and
 * `visit(sheet, table)` for each of its tables as soon as it is parsed, so that a caller can check a table and
 * drop it: the models of 1,000 tables never need to be alive at once (far less garbage-collection work).
 */
function forEachSheet(wb: WorkbookGrid, config: Config, visit: (sheet: SheetGrid, table: Table | null) => void): void {
  const step = stepper(wb, config, visit);
  while (step()) {
    /* one sheet or table per step */
  }
}

/**
 * The same walk in steps: each call of the function returned parses one sheet's segments or one table and visits
 * it, inside the check's memos (CheckContext), and says whether there is more. A caller may stop between steps
 * (checkWorkbookInSlices gives the browser's UI thread its turn there).
 */
function stepper(wb: WorkbookGrid, config: Config, visit: (sheet: SheetGrid, table: Table | null) => void): () => boolean {
  const ctx = newCheckContext();
  const work: (() => void)[] = [];
  wb.sheets.forEach((sheet, si) => {
    if (isOwnSheet(sheet.name)) return;
    work.push(() => {
      const view = new SheetView(sheet);
      const segs = findSegments(view);
      visit(sheet, null);
      // the sheet's tables come next, before the following sheet
      const tables = segs.map((seg, ti) => () => visit(sheet, parseSegment(view, seg, config.profile, `${si + 1}-${ti + 1}`)));
      work.splice(next, 0, ...tables);
    });
  });
  let next = 0;
  return () => {
    if (next >= work.length) return false;
    const job = work[next++];
    withTextMemo(ctx.text, () => withParseMemo(ctx.parse, job));
    return next < work.length;
  };
}

/**
 * The state of one check (one parseWorkbook or checkWorkbook): what it remembers of texts and labels that recur
 * across the tables of the workbook. Created when the check starts and dropped when it ends (also on a throw), so
 * nothing is carried from one check to the next and two checks never share state. Detection and parsing reach it
 * through withTextMemo / withParseMemo rather than a parameter (their signatures belong to detect.ts, sheet.ts and
 * parse.ts); the rules get their own context (RuleContext) as a parameter.
 *
 * Module-level data that stays: fixed data computed from constants, the same for every input (the rules' compiled
 * message templates in rules/types.ts, vocab.ts's category matches and parents of the fixed vocabulary). Other
 * modules' memos keyed by workbook text (calc.ts's text analyses, indicator-area.ts's header roles) are named memos
 * of the text memo (text.ts checkMemo): part of this context too.
 */
interface CheckContext {
  text: TextMemo;
  parse: ParseMemo;
}

function newCheckContext(): CheckContext {
  return { text: newTextMemo(), parse: newParseMemo() };
}

/**
 * The table as the result lists it. Its range covers every cell its findings name (`findings`): a table whose
 * header area begins above the row where detection put its top (a label row read as part of it) is listed with
 * that row, so that every finding lies inside the range listed for its table.
 */
export function summarizeTable(t: Table, findings: readonly Finding[] = []): TableSummary {
  let named = 0;
  for (const i of t.indicators) if (!i.placeholder) named++;
  let [top, left, bottom, right] = [t.top, t.left, t.bottom, t.right];
  for (const f of findings) {
    if (f.row < top) top = f.row;
    if (f.row > bottom) bottom = f.row;
    if (f.col < left) left = f.col;
    if (f.col > right) right = f.col;
  }
  return {
    id: t.id,
    sheet: t.sheet,
    range: rangeA1(top, left, bottom, right),
    kind: t.kind,
    layout: t.layout,
    name: t.name,
    indicators: named,
  };
}

/** Checks every 绩效目标表 of a workbook. Never changes the input. */
export function checkWorkbook(wb: WorkbookGrid, configInput?: Partial<Config>): CheckResult {
  const run = checkRun(wb, configInput);
  while (run.step()) {
    /* one sheet or table per step */
  }
  return run.result();
}

/** How far a sliced check is: sheets begun of the sheets to check. */
export interface CheckProgress {
  done: number;
  total: number;
}

/**
 * checkWorkbook in slices of about `sliceMs` of work, giving the UI thread its turn between them (`pause`, e.g. a
 * zero timeout), so that a page stays responsive while 1,000 tables are checked. `cancelled()` is asked between
 * slices: true ends the check with a CheckCancelled error (nothing was changed: checking never changes its input).
 * The result is checkWorkbook's.
 */
export async function checkWorkbookInSlices(
  wb: WorkbookGrid,
  configInput: Partial<Config> | undefined,
  options: { sliceMs?: number; pause: () => Promise<void>; cancelled?: () => boolean; onProgress?: (p: CheckProgress) => void },
): Promise<CheckResult> {
  const run = checkRun(wb, configInput);
  const slice = options.sliceMs ?? 40;
  for (;;) {
    const until = Date.now() + slice;
    let more = true;
    while (more && Date.now() < until) more = run.step();
    if (!more) return run.result();
    options.onProgress?.(run.progress());
    await options.pause();
    if (options.cancelled?.()) throw new CheckCancelled();
  }
}

/** A sliced check ended by its caller (checkWorkbookInSlices). */
export class CheckCancelled extends Error {
  constructor() {
    super('check cancelled');
    this.name = 'CheckCancelled';
  }
}

/** One check, step by step: the findings and tables gathered as the walk goes (same order as parsing everything first). */
function checkRun(wb: WorkbookGrid, configInput?: Partial<Config>) {
  const config = resolveConfig(configInput);
  const findings: Finding[] = [];
  const tables: TableSummary[] = [];
  const sheetsWithoutTables: string[] = [];
  let current: string | null = null;
  let count = 0;
  let sheets = 0;
  const step = stepper(wb, config, (sheet, t) => {
    if (!t) {
      sheets++;
      if (current !== null && count === 0) sheetsWithoutTables.push(current);
      current = sheet.name;
      count = 0;
      return;
    }
    count++;
    const found = checkTable(t, config, sheet);
    tables.push(summarizeTable(t, found));
    for (let i = 0; i < found.length; i++) findings.push(found[i]);
  });
  return {
    step,
    progress: (): CheckProgress => ({ done: sheets, total: wb.sheets.filter((x) => !isOwnSheet(x.name)).length }),
    result(): CheckResult {
      const without = current !== null && count === 0 ? [...sheetsWithoutTables, current] : sheetsWithoutTables;
      return { tables, findings, sheetsWithoutTables: without, summary: summarize(findings) };
    },
  };
}

/**
 * Runs the enabled rules on one table; findings on the same cell from one rule are merged (a merged finding keeps
 * a fix only when every one of them proposed the same). Fixes need the sheet's grid (`grid`, the one the table was
 * parsed from): without it, no finding has a fix.
 */
export function checkTable(t: Table, config: Config, grid?: SheetGrid): Finding[] {
  const out: Finding[] = [];
  const ctx = { profile: config.profile };
  for (const rule of RULES) {
    const setting = config.rules[rule.code];
    if (setting === 'off') continue;
    const severity: Severity = setting ?? rule.defaultSeverity;
    const raw = rule.check(t, ctx);
    if (raw.length === 0) continue; // most rules find nothing in most tables
    const byCell = new Map<string, Finding>();
    for (const r of raw) {
      const cell = a1(r.cell.row, r.cell.col);
      const message = rule.format(r.messageId, r.data);
      const fix = r.fix && grid ? fixOf(grid, r.cell, r.fix) : undefined;
      const prev = byCell.get(cell);
      if (prev) {
        if (!prev.message.includes(message)) prev.message += `；${message}`;
        if (prev.fix && prev.fix.after !== fix?.after) delete prev.fix;
        continue;
      }
      const f: Finding = {
        code: rule.code,
        severity,
        sheet: t.sheet,
        cell,
        row: r.cell.row,
        col: r.cell.col,
        table: t.name,
        tableId: t.id,
        message,
      };
      if (fix) f.fix = fix;
      byCell.set(cell, f);
      out.push(f);
    }
  }
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  return out;
}
