/** Which placeholder rows may be deleted (core/row-deletion), on a grid shaped like the 宁夏 template's rows. */
import type { Finding } from '../../src/core/findings';
import type { SheetGrid } from '../../src/core/grid';
import fc from 'fast-check';
import { afterDeletion, keepReason, placeholderRowDeletion, rowAfterDeletion, rowBeforeDeletion } from '../../src/core/row-deletion';

// rows 0-5 (1-6): 一级 A1:A6 merged, 二级 B1:B4 and B5:B6, 三级 C1:C2, C3:C4; D holds the 指标N: labels
const grid: SheetGrid = {
  name: '表',
  rowOffset: 0,
  colOffset: 0,
  cells: [
    ['产出指标', '数量指标', '培训人数', '指标1: 培训人数', '≥100人'],
    [null, null, null, '指标2:', null],
    [null, null, '完成率', '指标1：完成率', '100%'],
    [null, null, null, '指标２：', null],
    [null, '质量指标', null, '指标1:', null],
    [null, null, null, null, null, '备注'],
  ],
  merges: [
    { top: 0, left: 0, bottom: 5, right: 0 },
    { top: 0, left: 1, bottom: 3, right: 1 },
    { top: 4, left: 1, bottom: 5, right: 1 },
    { top: 0, left: 2, bottom: 1, right: 2 },
    { top: 2, left: 2, bottom: 3, right: 2 },
  ],
};

const finding = (row: number): Finding => ({
  code: 'placeholder-row',
  severity: 'info',
  sheet: '表',
  cell: `D${row + 1}`,
  row,
  col: 3,
  table: '',
  tableId: '1-1',
  message: '',
});

test('a row of labels under merged areas that begin above it can go; a row where an area begins, or with other text, stays', () => {
  expect(keepReason(grid, 1)).toBeNull();
  expect(keepReason(grid, 3)).toBeNull(); // full-width digit and colon: still the label
  expect(keepReason(grid, 4)).toBe('第 5 行是合并单元格 B5:B6 的首行（删除会丢失其中的内容）');
  expect(keepReason(grid, 5)).toBe('第 6 行的 F6 还有内容「备注」');
  expect(keepReason(grid, 0)).toBe('第 1 行是合并单元格 A1:A6 的首行（删除会丢失其中的内容）');
  const d = placeholderRowDeletion(grid, [finding(3), finding(1), finding(4), finding(1)]);
  expect(d.rows).toEqual([1, 3]);
  expect(d.cells).toEqual(['D2', 'D4']);
  expect(d.kept.map((k) => k.row)).toEqual([4]);
  // every area crossing a deleted row below its first row
  expect(d.shrunk).toEqual([grid.merges[0], grid.merges[1], grid.merges[3], grid.merges[4]]);
});

test('a merged area after the deletion: shorter by the rows it loses, moved up by those above it; one cell is no area', () => {
  expect(afterDeletion({ top: 0, left: 0, bottom: 5, right: 0 }, [1, 3])).toEqual({ top: 0, left: 0, bottom: 3, right: 0 });
  expect(afterDeletion({ top: 0, left: 2, bottom: 1, right: 2 }, [1, 3])).toBeNull();
  expect(afterDeletion({ top: 4, left: 1, bottom: 5, right: 1 }, [1, 3])).toEqual({ top: 2, left: 1, bottom: 3, right: 1 });
  expect(afterDeletion({ top: 2, left: 2, bottom: 3, right: 3 }, [3])).toEqual({ top: 2, left: 2, bottom: 2, right: 3 });
});

test('a row not deleted goes back where it was: rowBeforeDeletion undoes rowAfterDeletion (property)', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.nat(200), { maxLength: 20 }), fc.nat(250), (deleted, row) => {
      const rows = [...deleted].sort((a, b) => a - b);
      const after = rowAfterDeletion(row, rows);
      if (rows.includes(row)) return after === null;
      return after !== null && after <= row && rowBeforeDeletion(after, rows) === row;
    }),
  );
});
