/** Entry points of the core: parse a workbook grid into tables, run the rules, return findings. */
import { type Config, resolveConfig } from './config';
import { findSegments } from './detect';
import { type CheckResult, type Finding, type Severity, type TableSummary, summarize } from './findings';
import { type WorkbookGrid, a1, rangeA1 } from './grid';
import { type Table, TableSchema } from './model';
import { parseSegment } from './parse';
import { RULES } from './rules';
import { formatMessage } from './rules/types';
import { SheetView } from './sheet';

/** Sheets the add-in writes itself; never checked. */
export function isOwnSheet(name: string): boolean {
  return /^__jxmb/.test(name) || name === '校验报告';
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
  wb.sheets.forEach((sheet, si) => {
    if (isOwnSheet(sheet.name)) return;
    const view = new SheetView(sheet);
    const tables = findSegments(view).map((seg, ti) => {
      const t = parseSegment(view, seg, config.profile, `${si + 1}-${ti + 1}`);
      return TableSchema.parse(t) as Table;
    });
    out.push({ sheet: sheet.name, tables });
  });
  return out;
}

export function summarizeTable(t: Table): TableSummary {
  return {
    id: t.id,
    sheet: t.sheet,
    range: rangeA1(t.top, t.left, t.bottom, t.right),
    kind: t.kind,
    layout: t.layout,
    name: t.name,
    indicators: t.indicators.filter((i) => !i.placeholder).length,
  };
}

/** Checks every 绩效目标表 of a workbook. Never changes the input. */
export function checkWorkbook(wb: WorkbookGrid, configInput?: Partial<Config>): CheckResult {
  const config = resolveConfig(configInput);
  const sheets = parseSheets(wb, config);
  const findings: Finding[] = [];
  const tables: TableSummary[] = [];
  const sheetsWithoutTables: string[] = [];
  for (const s of sheets) {
    if (s.tables.length === 0) sheetsWithoutTables.push(s.sheet);
    for (const t of s.tables) {
      tables.push(summarizeTable(t));
      findings.push(...checkTable(t, config));
    }
  }
  return { tables, findings, sheetsWithoutTables, summary: summarize(findings) };
}

/** Runs the enabled rules on one table; findings on the same cell from one rule are merged. */
export function checkTable(t: Table, config: Config): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.code];
    if (setting === 'off') continue;
    const severity: Severity = setting ?? rule.defaultSeverity;
    const raw = rule.check(t, { profile: config.profile });
    const byCell = new Map<string, Finding>();
    for (const r of raw) {
      const cell = a1(r.cell.row, r.cell.col);
      const message = formatMessage(rule.messages[r.messageId] ?? r.messageId, r.data);
      const prev = byCell.get(cell);
      if (prev) {
        if (!prev.message.includes(message)) prev.message += `；${message}`;
        continue;
      }
      const f: Finding = { code: rule.code, severity, sheet: t.sheet, cell, row: r.cell.row, col: r.cell.col, table: t.name, tableId: t.id, message };
      byCell.set(cell, f);
      out.push(f);
    }
  }
  out.sort((a, b) => a.row - b.row || a.col - b.col);
  return out;
}
