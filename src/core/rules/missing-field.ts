import { isErrorValue } from '../errors';
import { UNIT_FIELD_KEYS } from '../header-labels';
import { type RawFinding, defineRule } from './types';

const messages = {
  empty: '「{label}」未填写',
  notMoney: '「{label}」的内容「{value}」无法识别为金额',
  noProjectName: '未找到「项目名称」，无法确认这张表属于哪个项目',
  noDepartmentName: '未找到「部门名称」，无法确认这张表属于哪个部门',
} as const;
type Found = RawFinding<typeof messages>;

/** A required header field (项目名称, budget amount, 绩效目标, …) is empty or unreadable. */
export const missingField = defineRule({
  code: 'missing-field',
  /** Short Chinese name (reports' 规则 column). */
  title: '必填项未填写',
  defaultSeverity: 'error',
  description: '项目名称、主管部门、实施单位、资金总额、绩效目标等必填项为空或金额无法识别（同一模板的两个口径只填了一个不算漏填）',
  messages,
  check(table) {
    const out: Found[] = [];
    // (a total that is an error value such as #REF! is reported by sum-mismatch, with the error named)
    // Scope pairs (含本级和市县 / 含本级, 中期 / 年度): a county unit fills the scope that applies to it; an empty
    // twin of a filled amount or goal is not missing (docs/rules.md, 宁夏 template)
    const amountFilled = table.funds.some((g) => g.total && g.total.raw.trim());
    const goalFilled = table.goals.some((g) => g.text.trim());
    for (const f of table.fields) {
      if (!f.required) continue;
      if (f.key === 'total' && amountFilled) continue;
      if (!f.value.trim()) out.push({ cell: f.cell, messageId: 'empty', data: { label: f.label } });
    }
    for (const g of table.funds) {
      const t = g.total;
      if (t && t.raw.trim() && t.amount === null && !isErrorValue(t.raw))
        out.push({ cell: t.cell, messageId: 'notMoney', data: { label: t.label, value: t.raw } });
    }
    for (const g of table.goals) {
      if (!g.text.trim() && !(g.scope && goalFilled))
        out.push({ cell: g.cell, messageId: 'empty', data: { label: g.label || '绩效目标' } });
    }
    if (table.kind === 'department') {
      const fiscal = table.incomes.find((i) => i.key === 'fiscal');
      if (fiscal && !fiscal.raw.trim()) out.push({ cell: fiscal.cell, messageId: 'empty', data: { label: '财政拨款' } });
    }
    // only a table with nothing that says whose it is (no name, no unit) cannot be attributed
    const hasName = table.fields.some(
      (f) => f.key === 'projectName' || f.key === 'departmentName' || (UNIT_FIELD_KEYS.includes(f.key) && f.value.trim()),
    );
    if (!hasName) {
      out.push({
        cell: { row: table.top, col: table.left },
        messageId: table.kind === 'department' ? 'noDepartmentName' : 'noProjectName',
      });
    }
    return out;
  },
});
