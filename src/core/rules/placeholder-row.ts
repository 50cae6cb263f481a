import { type RawFinding, defineRule } from './types';

const messages = {
  row: '「{labels}」是未填写名称的空白占位行，不需要时请删除',
} as const;
type Found = RawFinding<typeof messages>;

/** An unnamed "指标N:" row left in the table. */
export const placeholderRow = defineRule({
  code: 'placeholder-row',
  /** Short Chinese name (reports' 规则 column). */
  title: '空白占位行',
  defaultSeverity: 'info',
  description: '表中留有未命名的“指标N:”空白占位行',
  messages,
  check(table) {
    const byCell = new Map<string, { cell: Found['cell']; labels: string[] }>();
    for (const i of table.indicators) {
      if (!i.placeholder) continue;
      const k = `${i.nameCell.row}:${i.nameCell.col}`;
      const label = i.index !== null ? `指标${i.index}:` : '空白行';
      const e = byCell.get(k);
      if (e) e.labels.push(label);
      else byCell.set(k, { cell: i.nameCell, labels: [label] });
    }
    return [...byCell.values()].map((e) => ({ cell: e.cell, messageId: 'row', data: { labels: e.labels.join('、') } }));
  },
});
