/** The Office.js environment of the add-in, its small helpers, sheet metadata (sync 1 of every operation) and the outcome types of 一键校验. */
import { type Config, type RuleSetting } from '../../core/config';
import type { CheckResult, Finding } from '../../core/findings';
import { type WorkbookGrid } from '../../core/grid';
import { type Capabilities, detectCapabilities } from './capabilities';
import { MARKS_NS, MARKS_SHEET } from './marks';
import { type Limits, type Rect } from './plan';
import { REVIEW_NS } from './review';

export interface OfficeEnv {
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Excel.run with an earlier context (removing event handlers needs the context that added them). */
  runIn?<T>(ctx: Excel.RequestContext, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  capabilities: Capabilities;
  limits?: Limits;
}

/** The environment of the real Office.js host (globals). */
export function officeEnv(): OfficeEnv {
  return {
    run: (batch) => Excel.run(batch),
    runIn: (ctx, batch) => Excel.run(ctx, batch),
    capabilities: detectCapabilities((name, v) => Office.context.requirements.isSetSupported(name, v)),
  };
}

export interface Progress {
  /** 0..1 */
  fraction: number;
  message: string;
}
export type OnProgress = (p: Progress) => void;

export interface SheetMeta {
  name: string;
  visibility: string;
  protected: boolean;
  /** Formats may be changed (not protected, or protected with "format cells" allowed). */
  formatAllowed: boolean;
}

export interface Meta {
  sheets: SheetMeta[];
  structureProtected: boolean;
  /** Ids of the custom XML parts in MARKS_NS (the records of earlier highlights). */
  partIds: string[];
  /** A version-1 record sheet (MARKS_SHEET) exists. */
  legacySheet: boolean;
  /** Ids of the custom XML parts in REVIEW_NS (the findings the user ignored). */
  reviewPartIds: string[];
}

// ---------------------------------------------------------------------------------------------
// small Office.js helpers

export class Sheets {
  private cache = new Map<string, Excel.Worksheet>();
  constructor(private readonly ctx: Excel.RequestContext) {}
  get(name: string): Excel.Worksheet {
    let ws = this.cache.get(name);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.cache.set(name, ws);
    }
    return ws;
  }
  /**
   * A range used within one sync. Untracked: Excel keeps no reference to it, so the end of the
   * Excel.run does not have to release thousands of them (Microsoft Learn, "Performance
   * optimization using the Excel JavaScript API", untrack).
   */
  range(name: string, r: Rect): Excel.Range {
    return this.get(name)
      .getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1)
      .untrack();
  }
  cell(name: string, row: number, col: number): Excel.Range {
    return this.get(name).getCell(row, col).untrack();
  }
}

export async function readMeta(ctx: Excel.RequestContext): Promise<Meta> {
  const items = ctx.workbook.worksheets.load('items/name,items/visibility,items/protection/protected,items/protection/options');
  const wbProt = ctx.workbook.protection.load('protected');
  const parts = ctx.workbook.customXmlParts.getByNamespace(MARKS_NS).load('items/id');
  const review = ctx.workbook.customXmlParts.getByNamespace(REVIEW_NS).load('items/id');
  await ctx.sync();
  return {
    structureProtected: wbProt.protected,
    partIds: parts.items.map((p) => p.id),
    reviewPartIds: review.items.map((p) => p.id),
    legacySheet: items.items.some((ws) => ws.name === MARKS_SHEET),
    sheets: items.items.map((ws) => {
      const prot = ws.protection.protected;
      return {
        name: ws.name,
        visibility: ws.visibility,
        protected: prot,
        formatAllowed: !prot || !!ws.protection.options?.allowFormatCells,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// 一键校验

export interface SkippedSheet {
  sheet: string;
  cells: number;
}

export interface CheckOutcome {
  result: CheckResult;
  grid: WorkbookGrid;
  /** Cells highlighted. */
  marked: number;
  /** The cells of hints were painted too (CheckOptions.paintHints). */
  paintedHints?: boolean;
  /** Findings of `result` the user ignored (忽略此条, kept in the workbook): listed apart, never painted. */
  ignored?: Finding[];
  /** The rule settings kept in the workbook (规则设置), as applied unless the check was given its own. */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Protected sheets whose findings could not be highlighted. */
  skippedSheets: SkippedSheet[];
  /** Earlier highlights left alone because the user changed those cells' fill since. */
  keptUserFills: number;
  /** Chinese notes: degraded features, protection, etc. */
  notes: string[];
  /** A check again (CheckOptions.only) found nothing changed: this is the earlier outcome. */
  unchanged?: boolean;
}

export interface CheckOptions {
  config?: Partial<Config>;
  /** Paint highlights (default true). */
  highlight?: boolean;
  /** Paint the cells of hints (提示) too (default true; the task pane asks for them only when the user does). */
  paintHints?: boolean;
  onProgress?: OnProgress;
  /**
   * Check again after the user edited `sheets`: only those (and sheets the earlier grid lacks) are read, the other
   * sheets come from `previous`. When nothing read differs from `previous`, it is returned as it is (`unchanged`).
   */
  only?: { previous: CheckOutcome; sheets: string[] };
  /**
   * 取消: asked between the stages and between slices of the check; true ends runCheck with CheckCancelled before
   * anything is written (once painting has begun the check finishes).
   */
  cancelled?: () => boolean;
}
