import type { CellValue, Merge, WorkbookGrid } from '../../src/core/grid';

/** A one-sheet workbook grid from literal rows (null = empty). */
export function sheetOf(rows: CellValue[][], merges: Merge[] = [], name = 'Sheet1'): WorkbookGrid {
  return { sheets: [{ name, rowOffset: 0, colOffset: 0, cells: rows, merges }] };
}

/** A small layout-A project table; `over` replaces cells by [row, col]. */
export function tableA(over: Record<string, CellValue> = {}): CellValue[][] {
  const rows: CellValue[][] = [
    ['2024年部门项目支出预算绩效目标表', null, null, null, null],
    ['项目名称', null, '干部培训经费', null, null],
    ['主管部门', null, '中共某县委组织部', '实施单位', '中共某县委组织部'],
    ['项目属性', null, '一年期项目', '项目期', '2024年1-12月'],
    ['项目资金 (万元)', null, '年度资金总额(含本级和市县) 20', '年度资金总额(含本级) 20', null],
    [null, null, '其中:财政拨款20', '其中:财政拨款20', null],
    [null, null, '其他资金', '其他资金', null],
    ['绩效目标', null, '年度总体绩效目标(含本级和市县) 完成培训任务', '年度绩效目标(含本级) 完成培训任务', null],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
    [null, '产出指标', '数量指标', '指标1:培训班次', '≥10次'],
    [null, null, '质量指标', '指标1:培训合格率', '≥95%'],
    [null, null, '时效指标', '指标1:培训计划按期完成率', '100%'],
    [null, null, '成本指标', '指标1:培训经费', '≤20万元'],
    [null, '效益指标', '社会效益指标', '指标1:参训人员履职能力达标率', '≥90%'],
    [null, '满意度指标', '服务对象满意度指标', '指标1:参训人员满意度', '≥90%'],
  ];
  for (const [k, v] of Object.entries(over)) {
    const [r, c] = k.split(',').map(Number);
    while (rows.length <= r) rows.push([null, null, null, null, null]);
    rows[r][c] = v;
  }
  return rows;
}
