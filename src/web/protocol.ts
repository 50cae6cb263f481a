/**
 * Messages between the checker page and its Web Worker (worker.ts). The page sends the file's bytes and gets
 * back the same CheckResult the command line prints; the grid and the bytes stay in the worker, which answers
 * later questions about them (the cells around a finding, the annotated copy, the summary workbook).
 */
import type { Config } from '../core/config';
import type { CheckResult } from '../core/findings';

export type Stage = 'read' | 'check';

export type Request =
  | { kind: 'check'; id: number; name: string; bytes: ArrayBuffer; config: Config }
  | { kind: 'window'; id: number; sheet: string; top: number; left: number; rows: number; cols: number }
  | { kind: 'annotate'; id: number }
  | { kind: 'summary'; files: SummaryFile[] }
  | { kind: 'forget'; id: number };

/** One file of the summary workbook: its result (or the reason it could not be checked) and its copy's name. */
export interface SummaryFile {
  name: string;
  result?: CheckResult;
  error?: string;
  copyName: string | null;
}

/** The cells around a finding, as shown (text), with the merged areas that touch the window. */
export interface CellWindow {
  sheet: string;
  top: number;
  left: number;
  cells: string[][];
  merges: { top: number; left: number; bottom: number; right: number }[];
  hiddenRows: number[];
  hiddenCols: number[];
}

export type Reply =
  | { kind: 'progress'; id: number; stage: Stage }
  | { kind: 'checked'; id: number; result: CheckResult; format: 'xlsx' | 'xls' }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'window'; id: number; window: CellWindow | null }
  | { kind: 'annotated'; id: number; bytes: ArrayBuffer | null; error?: string }
  | { kind: 'summary'; bytes: ArrayBuffer | null; error?: string };
