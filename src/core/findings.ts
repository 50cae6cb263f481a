/** Findings shared by the core, the adapters and the UI (severities: ./severity, re-exported here). */
import type { Severity } from './severity';

export { type Severity, SEVERITIES, SEVERITY_LABEL } from './severity';

export interface Finding {
  /** Stable rule code, e.g. "missing-value". */
  code: string;
  severity: Severity;
  sheet: string;
  /** A1 address of the one cell to fix. */
  cell: string;
  /** Absolute 0-based row and column of `cell`. */
  row: number;
  col: number;
  /** Project or department name of the table ('' when the table has none). */
  table: string;
  /** Id of the table within the check result. */
  tableId: string;
  /** Chinese message for the user. */
  message: string;
  /** The one safe correction of this finding, when there is one (see Fix). */
  fix?: Fix;
}

/**
 * A one-click correction (修正) of a finding: write `after` into one cell. Offered only where the finding has
 * exactly one safe correction and the cell holds the text the rule read (not a value merged in from another cell,
 * not a label and value sharing one cell). The grid cannot tell a formula from a typed value: whoever applies a
 * fix must leave a formula cell alone (the command line reads the package; the task pane reads the cell's
 * formula) and apply it only while the cell still holds `before`.
 */
export interface Fix {
  sheet: string;
  /** A1 address of the cell to change (the finding's cell). */
  cell: string;
  /** Absolute 0-based row and column of `cell`. */
  row: number;
  col: number;
  /** The cell's value as the checker read it (the grid's value: a number stays a number). */
  before: string | number | boolean;
  /** The corrected text to write (a string, even where `before` is a number: "0.95" becomes "95%"). */
  after: string;
}

export interface TableSummary {
  id: string;
  sheet: string;
  /** A1 range, e.g. "A1:F40". */
  range: string;
  kind: 'project' | 'department';
  layout: 'A' | 'B' | 'C' | 'D' | '?';
  name: string;
  indicators: number;
}

export interface CheckResult {
  tables: TableSummary[];
  findings: Finding[];
  /** Names of sheets in which no 绩效目标表 was found. */
  sheetsWithoutTables: string[];
  summary: { errors: number; warnings: number; infos: number };
}

export function summarize(findings: Finding[]): CheckResult['summary'] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
