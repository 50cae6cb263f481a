/**
 * The typed model of a parsed 绩效目标表 (reused by templates and adapters), as zod schemas.
 * Coordinates are absolute 0-based sheet positions (see grid.ts).
 *
 * The schemas are the contract the parser's output is tested against (test/checker/model.test.ts: every table of
 * every fixture and corpus table validates); the parser's output is our own data and is not validated again at
 * run time: that cost 11% of the command line's check of 1,000 tables (a compiled parser, 114 of 1,036 ms) and
 * more in the task pane. zod stays at the boundaries where data comes from outside (configuration, settings,
 * the template library).
 */
import { z } from 'zod';

/** Coordinates: 0-based row and column indices. */
const Coord = z.number().int().nonnegative();

export const CellRefSchema = z.object({
  row: Coord,
  col: Coord,
});
export type CellRef = z.infer<typeof CellRefSchema>;

export const ComparatorSchema = z.enum(['≥', '≤', '>', '<', '=']);
export type Comparator = z.infer<typeof ComparatorSchema>;

/** A 指标值 as read: comparator, number, unit for 定量; text for 定性. */
export const ParsedValueSchema = z.object({
  /** 'error': a formula error such as #DIV/0! or #REF! shown in the cell. */
  /** 'unitOnly': a unit without its number ("公里", "≥%"). */
  kind: z.enum(['empty', 'placeholder', 'error', 'unitOnly', 'quantitative', 'qualitative']),
  comparator: ComparatorSchema.nullable(),
  /** Decimal string (exact), null for 定性. */
  number: z.string().nullable(),
  /** Unit as written after the number (may be '' when missing), null for 定性. */
  unit: z.string().nullable(),
  /** Text after the number/unit that is not a unit (e.g. "及以上", "按计划完成"). */
  rest: z.string(),
  /** The normalised raw text. */
  text: z.string(),
  /** An approximate number: "200余次", "30多人", "约50人". */
  approx: z.boolean().optional(),
});
export type ParsedValue = z.infer<typeof ParsedValueSchema>;

export const IndicatorSchema = z.object({
  /** Canonical 一级 name (e.g. "产出指标"), null when unknown or missing. */
  level1: z.string().nullable(),
  level1Raw: z.string(),
  level1Cell: CellRefSchema.nullable(),
  /** Canonical 二级 name (e.g. "数量指标"), null when unknown or missing. */
  level2: z.string().nullable(),
  level2Raw: z.string(),
  level2Cell: CellRefSchema.nullable(),
  /** N of a "指标N:" prefix, null when there is none. */
  index: z.number().int().nullable(),
  /** 三级 name without the "指标N:" prefix; '' for an unnamed placeholder row. */
  name: z.string(),
  nameCell: CellRefSchema,
  placeholder: z.boolean(),
  rawValue: z.string(),
  /** The 指标值 cell (where a value is or should be written). */
  valueCell: CellRefSchema,
  value: ParsedValueSchema,
  /** Unit declared outside the value: in the name, e.g. "(%)" or "(元)", or in a 计量单位 column. */
  nameUnit: z.string().nullable(),
  /** The unit written in the row's 计量单位 column, when the table has one and it holds a unit. */
  columnUnit: z.string().nullable().optional(),
  row: Coord,
  /**
   * 1 for the second indicator area of a table that has two (中期 | 年度 side by side); 2, 3 … for blocks stacked
   * under a repeated header (长期绩效指标 then 年度绩效指标: 宁乡 2021 项目绩效目标表); absent for the first.
   */
  area: z.number().int().optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const MoneyFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  raw: z.string(),
  /** Exact decimal string in 万元; null when the cell is empty or unreadable. */
  amount: z.string().nullable(),
  cell: CellRefSchema,
});
export type MoneyField = z.infer<typeof MoneyFieldSchema>;

/** A total that must equal the sum of its parts (年度资金总额 = 财政拨款 + 其他资金). */
export const FundsGroupSchema = z.object({
  scope: z.string(),
  total: MoneyFieldSchema.nullable(),
  parts: z.array(MoneyFieldSchema),
  /** An itemised cost breakdown with its 合计 row (项目预算成本构成), not the table's funds: never the budget. */
  breakdown: z.boolean().optional(),
});
export type FundsGroup = z.infer<typeof FundsGroupSchema>;

export const HeaderFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.string(),
  /** Cell holding (or meant to hold) the value. */
  cell: CellRefSchema,
  labelCell: CellRefSchema,
  required: z.boolean(),
});
export type HeaderField = z.infer<typeof HeaderFieldSchema>;

export const GoalTextSchema = z.object({
  label: z.string(),
  /** Which funds scope this goal belongs to (matches FundsGroup.scope), '' if none. */
  scope: z.string(),
  text: z.string(),
  cell: CellRefSchema,
});
export type GoalText = z.infer<typeof GoalTextSchema>;

export const SpendingPointSchema = z.object({
  label: z.string(),
  raw: z.string(),
  /** Percent as exact decimal string (25 for 25%), null if empty/unreadable. */
  percent: z.string().nullable(),
  cell: CellRefSchema,
});
export const SpendingPlanSchema = z.object({
  labelCell: CellRefSchema,
  points: z.array(SpendingPointSchema),
});
export type SpendingPlan = z.infer<typeof SpendingPlanSchema>;

/** A 年度重点工作任务 row of a department table. */
export const TaskSchema = z.object({
  name: z.string(),
  nameCell: CellRefSchema,
  content: z.string(),
  contentCell: CellRefSchema.nullable(),
  goal: z.string(),
  amountRaw: z.string(),
  amount: z.string().nullable(),
  amountCell: CellRefSchema.nullable(),
});
export type Task = z.infer<typeof TaskSchema>;

/** Columns of the indicator header row (一级指标 | 二级指标 | 三级指标 | 指标值 ...). */
export const IndicatorHeaderSchema = z.object({
  row: z.number().int().nonnegative(),
  level1Col: z.number().int().nullable(),
  level2Col: z.number().int().nullable(),
  level3Col: z.number().int().nullable(),
  valueCol: z.number().int().nullable(),
  /** Columns that hold neither name nor value (绩效指标描述, 指标值确定依据, 绩效标准). */
  otherCols: z.array(z.number().int()),
});
export type IndicatorHeader = z.infer<typeof IndicatorHeaderSchema>;

/** A 一级/二级 label met in the indicator area (known, synonym, or unknown). */
export const CategoryLabelSchema = z.object({
  text: z.string(),
  cell: CellRefSchema,
  /** 1 or 2 as used in the table; null when the label is not a known category. */
  level: z.union([z.literal(1), z.literal(2)]).nullable(),
  canonical: z.string().nullable(),
  /** The 一级 in force when a 二级 label appeared. */
  parent: z.string().nullable(),
  alias: z.boolean(),
  suggestion: z.string().nullable(),
  /** The indicator area of the label (see IndicatorSchema.area); absent for the first. */
  area: z.number().int().optional(),
});
export type CategoryLabel = z.infer<typeof CategoryLabelSchema>;

export const TableKindSchema = z.enum(['project', 'department']);
export const LayoutSchema = z.enum(['A', 'B', 'C', 'D', '?']);

export const TableSchema = z.object({
  id: z.string(),
  sheet: z.string(),
  kind: TableKindSchema,
  layout: LayoutSchema,
  /** 项目名称 / 部门名称 ('' when missing). */
  name: z.string(),
  top: z.number().int().nonnegative(),
  left: z.number().int().nonnegative(),
  bottom: z.number().int().nonnegative(),
  right: z.number().int().nonnegative(),
  fields: z.array(HeaderFieldSchema),
  funds: z.array(FundsGroupSchema),
  /** The amount indicators and goal texts are compared with (年度资金总额 / 预算数 / ...). */
  budget: MoneyFieldSchema.nullable(),
  /** Department tables: expenses (基本支出...) must equal incomes (财政拨款 + 其他资金). */
  expenses: z.array(MoneyFieldSchema),
  incomes: z.array(MoneyFieldSchema),
  goals: z.array(GoalTextSchema),
  spendingPlan: SpendingPlanSchema.nullable(),
  tasks: z.array(TaskSchema),
  header: IndicatorHeaderSchema.nullable(),
  indicators: z.array(IndicatorSchema),
  categories: z.array(CategoryLabelSchema),
});
export type Table = z.infer<typeof TableSchema>;
