/**
 * The shapes of an insertion plan: the rows it inserts (original coordinates), and in final coordinates the cells it
 * writes, the merges it changes or creates, the formats it copies and the indicators it adds or skips.
 */
import type { Merge } from '../../grid';
import type { CellRef } from '../../model';
import type { Library, TemplateProfile } from '../library';

/** What a new cell holds, for styling and for the UI. */
export type CellRole = 'title' | 'label' | 'field' | 'header' | 'level1' | 'level2' | 'name' | 'value';

export interface PlannedWrite {
  row: number;
  col: number;
  value: string;
  role: CellRole;
}

/** An indicator row the plan adds (final coordinates). */
export interface PlannedIndicator {
  name: string;
  level1: string;
  level2: string;
  row: number;
  nameCell: CellRef;
  valueCell: CellRef;
  /** Text written into the value cell ('' for a slot). */
  text: string;
  /** True when the value cell is left empty for the user. */
  slot: boolean;
  /** What to write, e.g. "≥□次". */
  expected: string;
}

export interface RowInsertion {
  /** Original 0-based row before which `count` whole rows are inserted (cells shift down). */
  at: number;
  count: number;
}

export interface MergeChange {
  /** The merge as it is after the row insertions (null: a new merge). */
  from: Merge | null;
  to: Merge;
}

export interface FormatCopy {
  /** Final row whose formats are copied. */
  sourceRow: number;
  targetTop: number;
  targetBottom: number;
  left: number;
  right: number;
}

export interface SkippedIndicator {
  name: string;
  reason: string;
}

export interface BlockPlan {
  kind: 'block';
  sheet: string;
  tableId: string;
  profile: TemplateProfile;
  /** Ascending by `at`, original coordinates, whole rows. */
  insertions: RowInsertion[];
  writes: PlannedWrite[];
  merges: MergeChange[];
  formats: FormatCopy[];
  added: PlannedIndicator[];
  skipped: SkippedIndicator[];
}

export type PlanResult<T> = { ok: true; plan: T } | { ok: false; message: string };

export interface PlanOptions {
  lib?: Library;
}
