/**
 * The 年度重点工作任务 / 年度主要任务 block of a department table: its header (name, content, amount and goal columns)
 * and its tasks, one per row.
 */
import type { Segment } from '../detect';
import type { Task } from '../model';
import { type MoneyUnit, parseMoneyWritten } from '../money';
import { SheetView } from '../sheet';
import { labelKey } from '../text';
import { bracketUnit } from './funds';
import { matchField } from './labels';

export interface TaskHeader {
  row: number;
  /** First task row (after a second header row 总额 | 财政拨款 | 其他资金, if any) and the row after the last. */
  first: number;
  end: number;
  name: number | null;
  content: number | null;
  amount: number | null;
  goal: number | null;
}

/**
 * The header of the 年度重点工作任务 / 年度主要任务 block of a department table: 拟投入的资金 (local templates), or
 * 任务名称 with 预算金额 (the central template, whose 预算金额 splits into 总额 | 财政拨款 | 其他资金 on a second
 * row). The block ends at the indicator header or at a goal label below the tasks (年度总体目标).
 */
const TASK_BUDGET_RE = /^(预算金额|预算资金|投入资金|资金金额)/;

export function findTaskHeader(view: SheetView, seg: Segment): TaskHeader | null {
  for (let r = seg.top; r < seg.headerRow; r++) {
    const cells = view.rowCells(r, seg.left, seg.right);
    // (a cheap look first: a header row has an amount column; most rows of most tables have none)
    let amountLike = false;
    for (let i = 0; i < cells.length && !amountLike; i++)
      amountLike = cells[i].key.startsWith('拟投入') || TASK_BUDGET_RE.test(cells[i].key);
    if (!amountLike) continue;
    const name = cells.find((c) => /名称$/.test(c.key));
    // (支出项目名称 | 预算金额: the 年度履职目标 block of 宁德 2019 部门整体支出绩效目标表)
    const amount =
      cells.find((c) => c.key.startsWith('拟投入')) ??
      (name && (/^(任务)?名称$/.test(name.key) || (seg.kind === 'department' && /^(支出)?项目名称$/.test(name.key)))
        ? cells.find((c) => TASK_BUDGET_RE.test(c.key))
        : undefined);
    if (!amount) continue;
    const h: TaskHeader = {
      row: r,
      first: r + 1,
      end: seg.headerRow,
      amount: amount.col,
      name: name?.col ?? null,
      content: cells.find((c) => /实施内容|主要内容/.test(c.key))?.col ?? null,
      goal: cells.find((c) => /期望达到|目标/.test(c.key))?.col ?? null,
    };
    // a second header row under the amount: 总额 | 财政拨款 | 其他资金
    const span = view.mergeAt(r, amount.col);
    const sub = r + 1 < seg.headerRow ? view.rowCells(r + 1, amount.col, span ? span.right : amount.col) : [];
    if (sub.length > 0 && sub.every((c) => /^(总额|合计|小计|金额|财政拨款|财政资金|其他资金)/.test(c.key))) {
      h.first = r + 2;
      h.amount = sub.find((c) => /^(总额|合计|小计|金额)/.test(c.key))?.col ?? amount.col;
    }
    const nameCol = h.name ?? seg.left + 1;
    for (let t = h.first; t < seg.headerRow; t++) {
      const lead = view.rowCells(t, seg.left, nameCol - 1);
      if (lead.some((c) => matchField(c.text, seg.kind, c.key)?.def.kind === 'goal')) {
        h.end = t;
        break;
      }
    }
    return h;
  }
  return null;
}

/** The tasks of the block under `taskHeader`, one per row with a name (not a 合计 row nor a "任务1:…" placeholder). */
export function readTasks(view: SheetView, seg: Segment, taskHeader: TaskHeader, unit: MoneyUnit): Task[] {
  const tasks: Task[] = [];
  // the amount column says its unit ("拟投入的资金(万元)"), else the table's
  const amountKey = taskHeader.amount !== null ? view.key(taskHeader.row, taskHeader.amount) : '';
  const taskUnit = bracketUnit(amountKey) ?? unit;
  for (let r = taskHeader.first; r < taskHeader.end; r++) {
    const nameCol = taskHeader.name ?? seg.left + 1;
    const name = view.text(r, nameCol);
    if (!name || /^(其他需完成的任务|(金额)?(合计|小计|总计))/.test(labelKey(name))) continue;
    if (/^任务\d*[:：]?\s*[.。…]*$/.test(name.replace(/\s+/g, ''))) continue;
    const amountRaw = taskHeader.amount !== null ? view.text(r, taskHeader.amount) : '';
    const written = amountRaw ? parseMoneyWritten(amountRaw, taskUnit) : null;
    tasks.push({
      name,
      nameCell: { row: r, col: nameCol },
      content: taskHeader.content !== null ? view.text(r, taskHeader.content) : '',
      contentCell: taskHeader.content !== null ? { row: r, col: taskHeader.content } : null,
      goal: taskHeader.goal !== null ? view.text(r, taskHeader.goal) : '',
      amountRaw,
      amount: written,
      amountCell: taskHeader.amount !== null ? { row: r, col: taskHeader.amount } : null,
    });
  }
  return tasks;
}
