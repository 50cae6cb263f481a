/**
 * Clean tables with an empty indicator area (header fields, funds and goal filled, no indicator yet), for
 * inserting whole blocks and checking the result: layout A (项目支出) and layout D (部门整体).
 */
import type { CellValue, SheetGrid } from '../../src/core/grid';
import { readTranscription } from '../corpus/format';

function grid(rows: CellValue[][], name: string): SheetGrid {
  const width = Math.max(...rows.map((r) => r.length));
  const cells = rows.map((r) => [...r, ...Array<CellValue>(width - r.length).fill(null)]);
  return { name, rowOffset: 0, colOffset: 0, cells, merges: [] };
}

/** A 项目支出绩效目标表 (budget 20 万元 = 18 + 2) whose indicator area is only its header row. */
export function baseProjectGrid(goal = '按年度工作计划组织实施项目，规范使用项目资金。', name = '项目表'): SheetGrid {
  return grid(
    [
      ['项目支出绩效目标表'],
      ['项目名称', '测试项目'],
      ['主管部门', '某县某局'],
      ['实施单位', '某县某局'],
      ['项目属性', '经常性项目'],
      ['项目期', '2025年1-12月'],
      ['年度资金总额', 20],
      ['其中:财政拨款', 18],
      ['其他资金', 2],
      ['年度绩效目标', goal],
      ['一级指标', '二级指标', '三级指标', '指标值'],
    ],
    name,
  );
}

/** The grid of a corpus transcription (test/corpus/tables/<id>.txt), merges as transcribed. */
export function corpusGrid(id: string): SheetGrid {
  const t = readTranscription(id);
  return { name: id.slice(0, 31), rowOffset: 0, colOffset: 0, cells: t.cells.map((r) => [...r]), merges: t.merges.map((m) => ({ ...m })) };
}
