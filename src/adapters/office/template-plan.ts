/**
 * Planning glue of the template actions: from the sheet read at the cursor to the core's plan for a request (a block
 * or picked indicators, the profile, proposed values), and the project types suggested for the table at the cursor.
 */
import { parseWorkbook } from '../../core/check';
import { type SheetGrid, a1 } from '../../core/grid';
import type { Table } from '../../core/model';
import {
  type ResolvedIndicator,
  type TemplateProfile,
  getBlock,
  materializeBlock,
  materializeIndicator,
} from '../../core/templates/library';
import { type BlockPlan, planIndicatorsInsertion } from '../../core/templates/plan';
import { detectProfile } from '../../core/templates/profile';
import { type Proposal, applyProposals, proposeValues, suggestBlocks } from '../../core/templates/suggest';
import { type SheetRead, counted, errorDetail, readSheet, tableAt } from './template-sheet';

export type ProfileChoice = TemplateProfile | 'auto';

export interface InsertRequest {
  /** Block id or project type; or `indicators` (e.g. picked by search). */
  block?: string;
  indicators?: { block: string; name: string }[];
  profile?: ProfileChoice;
  /** Write the proposed values (recomputed from the table at insertion) instead of leaving those slots empty. */
  acceptProposals?: boolean;
}

/** The project types suggested for the table at the cursor. */
export interface SuggestOutcome {
  ok: boolean;
  message: string;
  /** Excel's error code and message, for 详细信息 (only when Excel failed). */
  detail?: string;
  tableName?: string;
  suggestions: { blockId: string; type: string; score: number; reasons: string[]; present: string[] }[];
  syncs: number;
}

/** The plan of a request for the table at the cursor, or why there is none (Chinese). */
export type RequestPlan =
  { ok: true; table: Table; profile: TemplateProfile; plan: BlockPlan; proposals: Proposal[] } | { ok: false; message: string };

function pickedIndicators(req: InsertRequest, profile: TemplateProfile, budget: string | null): ResolvedIndicator[] {
  const out: ResolvedIndicator[] = [];
  for (const p of req.indicators ?? []) {
    const b = getBlock(p.block);
    const ind = b?.indicators.find((i) => i.name === p.name);
    const r = ind ? materializeIndicator(ind, profile, { budget }) : null;
    if (r && !out.some((o) => o.name === r.name)) out.push(r);
  }
  return out;
}

/** Plans the request for the table at the selected cell of the sheet read (no Excel call). */
export function planRequest(grid: SheetGrid, sel: SheetRead['sel'], req: InsertRequest): RequestPlan {
  const tables = parseWorkbook({ sheets: [grid] });
  const table = tableAt(tables, sel.row, sel.col);
  if (!table)
    return {
      ok: false,
      message: `在工作表「${grid.name}」的光标位置（${a1(sel.row, sel.col)}）没有找到绩效目标表。请先点击表内任意单元格，或用「新建空白表」。`,
    };
  const profile: TemplateProfile = !req.profile || req.profile === 'auto' ? (detectProfile(table) ?? 'LOCAL') : req.profile;
  let result;
  let proposals: Proposal[] = [];
  if (req.indicators && req.indicators.length > 0) {
    const items = pickedIndicators(req, profile, table.budget?.amount ?? null);
    if (items.length === 0) return { ok: false, message: '所选指标不适用于当前的指标体系。' };
    result = planIndicatorsInsertion(table, grid, items, profile);
  } else {
    const block = req.block ? getBlock(req.block) : null;
    if (!block) return { ok: false, message: '请先选择项目类型。' };
    proposals = proposeValues(table, block, profile);
    const items = materializeBlock(block, profile, { budget: table.budget?.amount ?? null });
    result = planIndicatorsInsertion(table, grid, req.acceptProposals ? applyProposals(items, proposals) : items, profile);
  }
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, table, profile, plan: result.plan, proposals };
}

/** Suggests project types for the table at the cursor from its name, goal and indicators (2 syncs, no change). */
export async function suggestAtSelection(): Promise<SuggestOutcome> {
  return Excel.run(async (context) => {
    const s = counted(context);
    let read: SheetRead;
    try {
      read = await readSheet(context, s.sync, context.workbook.worksheets.getActiveWorksheet());
    } catch (e) {
      return {
        ok: false,
        message: '读取工作表时 Excel 出错，没有做任何修改。请重试。',
        detail: errorDetail(e),
        suggestions: [],
        syncs: s.count(),
      };
    }
    const { grid, sel } = read;
    const table = tableAt(parseWorkbook({ sheets: [grid] }), sel.row, sel.col);
    if (!table) {
      return {
        ok: false,
        message: `在工作表「${grid.name}」的光标位置（${a1(sel.row, sel.col)}）没有找到绩效目标表。请先点击表内任意单元格。`,
        suggestions: [],
        syncs: s.count(),
      };
    }
    const suggestions = suggestBlocks(table).map((x) => ({
      blockId: x.block.id,
      type: x.block.type,
      score: x.score,
      reasons: x.reasons,
      present: x.present,
    }));
    return {
      ok: true,
      message: `按「${table.name || '未命名表'}」的项目名称、绩效目标和已有指标推荐。`,
      tableName: table.name,
      suggestions,
      syncs: s.count(),
    };
  });
}
