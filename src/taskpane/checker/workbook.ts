/** 清除标记, 导出报告, navigation and 移除全部校验痕迹. */
import type { Finding } from '../../core/findings';
import { describeError } from '../../adapters/office/errors';
import { type Traces, removeTraces, surveyTraces } from '../../adapters/office/traces';
import { clearMarks, exportReport, selectCell } from '../../adapters/office/workbook';

import type { Ctx } from './state';

export function makeClear(c: Ctx) {
  return async () => {
    c.patch({ busy: 'clear', error: null, notice: null });
    try {
      const r = await clearMarks(c.env);
      const text = r.restored ? `已清除 ${r.restored} 个单元格的标记，原有填充色已恢复。` : '工作簿中没有需要清除的标记。';
      c.update((s) => ({
        ...s,
        busy: null,
        outcome: s.outcome ? { ...s.outcome, marked: 0 } : null,
        notice: { intent: r.notes.length ? 'warning' : 'success', text: [text, ...r.notes].join(' ') },
      }));
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
}

export function makeReport(c: Ctx) {
  return async () => {
    const outcome = c.get().outcome;
    if (!outcome) return;
    c.patch({ busy: 'export', error: null, notice: null });
    try {
      const r = await exportReport(c.env, outcome.result);
      c.patch({
        busy: null,
        notice: { intent: 'success', text: `已将 ${r.rows} 个问题导出到工作表“${r.sheet}”，点击其中的单元格地址可跳转。` },
      });
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
}

export function makeSelect(c: Ctx) {
  return async (f: Finding) => {
    try {
      await selectCell(c.env, f.sheet, f.cell);
    } catch (e) {
      const d = describeError(e);
      c.patch({
        notice: {
          intent: 'warning',
          text: `无法跳转到 ${f.sheet}!${f.cell}：工作表可能已隐藏、改名或删除。${d.kind === 'busy' ? d.message : ''}`,
        },
      });
    }
  };
}

/** What 移除全部校验痕迹 would remove, in the user's words (the confirmation). */
export function removalText(t: Traces): string {
  const parts: string[] = [];
  if (t.marks) parts.push(`恢复 ${t.marks} 个已标记单元格原来的填充色`);
  if (t.reports.length) parts.push(`删除本加载项导出的报告工作表“${t.reports.join('”“')}”`);
  if (t.review) parts.push('删除忽略记录和规则设置');
  return parts.length ? `将${parts.join('，')}。您填写的内容不会改变。` : '工作簿中没有本加载项留下的内容。';
}

/** 移除全部校验痕迹: first what would go (asked), then, on 确定, all of it. */
export function makeRemoval(c: Ctx) {
  const ask = async () => {
    c.patch({ busy: 'remove', error: null, notice: null });
    try {
      const traces = await surveyTraces(c.env);
      const nothing = !traces.marks && !traces.reports.length && !traces.review;
      c.patch(nothing ? { busy: null, notice: { intent: 'info', text: removalText(traces) } } : { busy: null, removal: traces });
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
  const confirm = async () => {
    c.patch({ busy: 'remove', removal: null });
    try {
      const r = await removeTraces(c.env);
      const what = [
        r.restored ? `恢复 ${r.restored} 个单元格的填充色` : '',
        r.reports.length ? `删除报告工作表“${r.reports.join('”“')}”` : '',
      ].filter(Boolean);
      const text = `已移除本加载项留下的全部内容${what.length ? `（${what.join('，')}）` : ''}。`;
      c.update((s) => ({
        ...s,
        busy: null,
        outcome: null,
        live: null,
        notice: { intent: r.notes.length ? 'warning' : 'success', text: [text, ...r.notes].join(' ') },
      }));
    } catch (e) {
      c.patch({ busy: null, error: describeError(e) });
    }
  };
  return { ask, confirm, cancel: () => c.patch({ removal: null }) };
}
