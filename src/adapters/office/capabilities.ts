/**
 * Requirement sets detected at run time (Office.context.requirements.isSetSupported), and what the
 * add-in does without them. The manifest asks for ExcelApi 1.7 (Excel 2019 and later); newer sets
 * improve fidelity but are optional.
 */
export const MIN_API = '1.7';

export interface Capabilities {
  /** ExcelApi 1.7: reading, highlighting, hyperlinks in the report. Without it nothing works. */
  supported: boolean;
  /** ExcelApi 1.13: getMergedAreasOrNullObject. Without it merged cells are read as separate cells. */
  merges: boolean;
  /** ExcelApi 1.9: fill pattern, pattern colour, tint. Without it "no fill" is told apart by its white colour. */
  fillDetails: boolean;
  /**
   * ExcelApi 1.9: Range.getSpecialCellsOrNullObject (constants / formulas with numeric values).
   * 一键校验 then loads cell values only, plus the number formats of the numeric cells; without it
   * the number format of every cell is loaded too (same result, more bytes per sync, so very large
   * workbooks need more syncs). No user note: nothing is lost but speed.
   */
  specialCells: boolean;
  /**
   * ExcelApi 1.9: Worksheet.getRanges. Highlights are painted, restored and read for many cells
   * per command; without it cell by cell (more syncs for very many findings, same result).
   */
  rangeAreas: boolean;
  /**
   * Changes made by add-ins stay in Excel's undo history: "Undo support with the Excel JavaScript
   * API" and the ExcelApi 1.20 requirement-set page (a review comment says 1.19: the later, documented
   * set is taken). Before it every API write clears the history; Worksheet.delete clears it in every
   * version, and worksheets.add is reported to (office-js #6170). The task pane says so before such
   * a click (UNDO_NOTES).
   */
  undoKept: boolean;
  /**
   * ExcelApi 1.9: WorksheetCollection.onChanged and onSelectionChanged. The pane re-checks a sheet the user edits
   * and shows the finding of a cell the user selects; without them a notice asks for a new check.
   */
  events: boolean;
  /** Chinese notes about what is unavailable (shown in the task pane). */
  notes: string[];
}

/**
 * The Excel versions that have a requirement set, in the user's words. From "Excel JavaScript API
 * requirement sets" (Microsoft Learn): volume-licensed Office 2019 goes up to ExcelApi 1.7, Office
 * 2021 up to 1.14, Office 2024 up to 1.17; Microsoft 365, Excel on the web and Excel for Mac get
 * every set as they update.
 */
export function excelVersionsFor(apiVersion: string): string {
  const [major, minor] = apiVersion.split('.').map(Number);
  const v = major * 1000 + (minor || 0);
  if (v <= 1007) return 'Excel 2019 及以上版本、Microsoft 365、网页版 Excel 或 Mac 版 Excel';
  if (v <= 1014) return 'Excel 2021 及以上版本、Microsoft 365、网页版 Excel 或 Mac 版 Excel';
  if (v <= 1017) return 'Excel 2024、Microsoft 365、网页版 Excel 或 Mac 版 Excel';
  return '最新的 Microsoft 365、网页版 Excel 或 Mac 版 Excel';
}

export type IsSetSupported = (name: string, minVersion: string) => boolean;

export function detectCapabilities(isSetSupported: IsSetSupported): Capabilities {
  const has = (v: string): boolean => {
    try {
      return isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  const supported = has(MIN_API);
  const merges = supported && has('1.13');
  const fillDetails = supported && has('1.9');
  const specialCells = supported && has('1.9');
  const rangeAreas = supported && has('1.9');
  const undoKept = supported && has('1.20');
  const events = supported && has('1.9');
  const notes: string[] = [];
  if (!supported) {
    notes.push(`当前 Excel 版本过旧，无法运行本加载项（需要 ExcelApi 1.7 及以上，即 ${excelVersionsFor('1.7')}）。`);
  } else {
    if (!merges) {
      notes.push(
        `当前 Excel 版本不支持读取合并单元格（需要 ExcelApi 1.13，即 ${excelVersionsFor('1.13')}），合并单元格将按普通单元格读取，部分表格可能识别不完整；在选中位置插入空白表也不可用。`,
      );
    }
    if (!fillDetails) {
      notes.push(
        `当前 Excel 版本不支持读取填充图案（需要 ExcelApi 1.9，即 ${excelVersionsFor('1.9')}）：清除标记时，原本为白色填充的单元格会恢复为无填充，图案填充会恢复为纯色。`,
      );
    }
  }
  return { supported, merges, fillDetails, specialCells, rangeAreas, undoKept, events, notes };
}

/** What the task pane says, before the click, about Excel's undo history (see Capabilities.undoKept). */
export function undoNotes(caps: Pick<Capabilities, 'undoKept'>): { check: string; templates: string } {
  return caps.undoKept
    ? {
        check: '提示：“导出报告”会新建（或替换）工作表，Excel 的撤销记录会被清空。',
        templates: '提示：“新建空白表”插入到新工作表时，Excel 的撤销记录会被清空。',
      }
    : {
        check:
          '提示：当前 Excel 版本中，“一键校验”“清除标记”和“导出报告”会清空 Excel 的撤销记录（之后无法用 Ctrl+Z 撤销此前的编辑），建议先保存工作簿。',
        templates:
          '提示：当前 Excel 版本中，插入模板和新建空白表会清空 Excel 的撤销记录（之后无法用 Ctrl+Z 撤销此前的编辑），建议先保存工作簿。',
      };
}
