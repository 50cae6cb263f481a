/**
 * Number formats by id, as SpreadsheetML defines the built-in ones (ECMA-376 Part 1, §18.8.30 numFmt), and
 * what each makes of a stored number.
 *
 * Ids 27–36 and 50–58 are locale-dependent in the standard; in the Chinese, Japanese and Korean locales they
 * are all dates and times (zh-CN: 27 = yyyy"年"m"月", 31 = yyyy"年"m"月"d"日", 32 = h"时"mm"分", …), so they
 * are read as date formats here: a file from a Chinese Excel that stores a date with id 31 must not show a
 * serial number as money.
 */
import type { CellValue } from '../../core/grid';
import { formatSuffix, isDateFormat, isPercentFormat, plainNumber, serialToDateText } from '../../core/cellvalue';
import { numberToPlain } from '../../core/text';

const BUILTIN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** The format code of a built-in id; the CJK date ids get a representative date code. */
export function builtinFormat(id: number): string {
  if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return 'yyyy"年"m"月"d"日"';
  return BUILTIN[id] ?? 'General';
}

/** How numbers in a format are read into the grid. */
export type NumberReader = (n: number) => CellValue;

/**
 * The reader for a format code (see core/cellvalue.ts numberCellValue: dates as YYYY-MM-DD, percent formats
 * as the displayed percent, a literal suffix kept); `date1904` shifts serial dates to the 1900 system.
 */
export function numberReader(code: string, date1904: boolean): NumberReader {
  if (!code || code === 'General' || code === '@') return plainNumber;
  if (isDateFormat(code)) return date1904 ? (n) => serialToDateText(n + 1462) : serialToDateText;
  if (isPercentFormat(code)) return (n) => `${numberToPlain(plainNumber(n * 100))}%`;
  const suffix = formatSuffix(code);
  return suffix ? (n) => `${numberToPlain(plainNumber(n))}${suffix}` : plainNumber;
}
