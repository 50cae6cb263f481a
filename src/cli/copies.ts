/**
 * The copies of `--annotate DIR` (annotated copies) and `--fix DIR` (corrected copies), on the side of the thread
 * that runs the batch: where each copy goes, whether it may be written, and the final move from the temporary file
 * (filled by whoever checked the file, maybe a worker thread) to its name. See safe-write.ts for the guarantees.
 *
 * A copy written earlier in the same run may be replaced without --force: two inputs with the same name give
 * one copy, the last one's (pool.ts writes them in input order), as the --summary workbook says.
 */
import path from 'path';
import { annotatedName as copyName } from '../report/names';
import { WriteError, commitTemp, discardTemp, newTemp, targetProblemSync } from './safe-write';

export const COPY = '标注副本';
export const FIXED_COPY = '修正副本';

/** A kind of copy: what it is called (in messages) and where it goes. */
export interface CopyKind {
  what: string;
  path(file: string, dir: string): string | null;
}

/** The name of the annotated copy of `file`: X-已标注.xlsx, or X-已标注.xlsm for a macro-enabled X.xlsm. */
export function annotatedName(file: string): string {
  return copyName(path.basename(file));
}

/** Where `--annotate DIR` writes the marked copy of `file` (null when it would be the input itself). */
export function annotatedPath(file: string, annotateDir: string): string | null {
  const out = path.join(annotateDir, annotatedName(file));
  return path.resolve(out) === path.resolve(file) ? null : out;
}

/** The name of the corrected copy of `file`: X-已修正.xlsx, or X-已修正.xlsm for a macro-enabled X.xlsm. */
export function fixedName(file: string): string {
  const base = path.basename(file);
  const ext = /\.xlsm$/i.test(base) ? '.xlsm' : '.xlsx';
  return base.replace(/\.(xlsx|xlsm|xls|et)$/i, '') + '-已修正' + ext;
}

/** Where `--fix DIR` writes the corrected copy of `file` (null when it would be the input itself). */
export function fixedPath(file: string, fixDir: string): string | null {
  const out = path.join(fixDir, fixedName(file));
  return path.resolve(out) === path.resolve(file) ? null : out;
}

export const ANNOTATED: CopyKind = { what: COPY, path: annotatedPath };
export const FIXED: CopyKind = { what: FIXED_COPY, path: fixedPath };

/** The plan for one file's copy. `tmp` null: no copy will be written (`problem` says why, when there is one). */
export interface CopyPlan {
  target: string | null;
  tmp: string | null;
  problem: string | null;
}

/** The copies of one kind of a batch (AnnotatedCopies: --annotate; with kind FIXED: --fix). */
export class AnnotatedCopies {
  private readonly written = new Set<string>();

  constructor(
    readonly dir: string,
    readonly force: boolean,
    readonly kind: CopyKind = ANNOTATED,
  ) {}

  /** Decides, before `file` is checked, where its copy goes (a registered temporary file) or why it cannot. */
  plan(file: string): CopyPlan {
    const target = this.kind.path(file, this.dir);
    if (!target) return { target: null, tmp: null, problem: null };
    const problem = targetProblemSync(target, { what: this.kind.what, force: this.force || this.written.has(path.resolve(target)) });
    if (problem) return { target, tmp: null, problem };
    return { target, tmp: newTemp(target), problem: null };
  }

  /**
   * After the check: moves the filled temporary file to the copy's name (`filled`), or removes it. Returns
   * the problem of this copy (a Chinese line) or null.
   */
  async finish(plan: CopyPlan, filled: boolean): Promise<string | null> {
    if (!plan.tmp || !plan.target) return plan.problem;
    if (!filled) {
      discardTemp(plan.tmp);
      return null;
    }
    const key = path.resolve(plan.target);
    try {
      await commitTemp(plan.tmp, plan.target, { what: this.kind.what, force: this.force || this.written.has(key) });
      this.written.add(key);
      return null;
    } catch (e) {
      if (e instanceof WriteError) return e.message;
      throw e;
    }
  }

  /** The file was not checked to the end (time or memory bound, crash): its temporary file goes. */
  abandon(plan: CopyPlan): void {
    if (plan.tmp) discardTemp(plan.tmp);
  }
}
