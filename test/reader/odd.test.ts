/**
 * The .xlsx reader on odd but legitimate packages (test/fixtures/odd, written by make.ts from hand-written
 * XML; 18 by openpyxl). Every expected grid here is written by hand from the XML in make.ts (or what
 * make_openpyxl.py wrote) and the specification (ECMA-376 Part 1 SpreadsheetML, Part 2 OPC; ISO/IEC 29500
 * Strict), never taken from a reader's output. Conventions: src/core/grid.ts and src/core/cellvalue.ts.
 */
import { LONG_SHEET_NAME } from '../fixtures/odd/make';
import { area, readOdd, recordingOutput, sheet } from './helpers';

jest.setTimeout(10_000);

test('1. rows and cells without r attributes: positions follow from order, mixed with explicit r', async () => {
  // §18.3.1.73 row@r and §18.3.1.4 c@r are optional: a row without r follows the previous row, a cell without
  // r follows the previous cell of its row (the first one is in column A, the first row is row 1)
  const grid = await readOdd('01-no-refs.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('无引用', [
      ['甲', 1], //            row 1 (no r): A1, B1
      [], //                   row 2: absent
      [null, 2, 3], //         row 3: B3, then C3
      [4, null, null, 5, 6], // row 4 (no r): A4, D4, then E4
      [], //                   row 5: <row/>
      [null, '乙'], //         row 6 (no r): B6
      [], //                   row 7: absent
      ['丙'], //               row 8: A8 (no r on the cell)
    ]),
  ]);
});

test('2. x:-prefixed SpreadsheetML (Open XML SDK) in workbook, sheet, sharedStrings and styles', async () => {
  // the prefix is only a name for the SpreadsheetML namespace (Namespaces in XML 1.0): same meaning as the default namespace
  const grid = await readOdd('02-x-prefixed.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet(
      '数据',
      [
        ['项目名称', '办公经费', '标题'], // shared strings 0, 1 (runs "办公"+"经费", phonetic run dropped), 2; D1 is under C1:D1
        ['完成率', '95%'], // B2: 0.95 in cellXfs[1] = built-in 9 "0%"
        ['合计', 0.95], //    A3: t="str" cached text; B3: cached number, no style
      ],
      { merges: [area('C1:D1')] },
    ),
  ]);
});

test('3. ISO/IEC 29500 Strict namespaces and relationship types', async () => {
  // purl.oclc.org/ooxml/spreadsheetml/main and .../officeDocument/relationships/*; workbookPr date1904="false"
  const grid = await readOdd('03-strict.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet(
      '严格',
      [
        ['项目名称', '年度目标'],
        ['90%'], //               0.9 in built-in 9 "0%"
        ['2024-03-15', true], //  45366 in built-in 14 (1900 system: 45000 = 2023-03-15, +366 days across 2024-02-29)
      ],
      { merges: [area('B2:C2')] },
    ),
  ]);
});

test('4. absolute relationship targets and a workbook part at a non-standard path found via _rels/.rels', async () => {
  // the main part is the target of the officeDocument relationship (/custom/wbk.xml); targets resolve per
  // OPC (Part 2, §9.3): "/xl/worksheets/sheet1.xml" from the root, "sheets/second.xml" and "../strings/sst.xml"
  // against /custom/. Sheet order is the order of <sheets>, not of the relationships.
  const grid = await readOdd('04-absolute-targets.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('第一', [['第一张', '50%']]), // custom/sheets/second.xml; B1 0.5 in built-in 9
    sheet('第二', [['第二张']]), //       /xl/worksheets/sheet1.xml
  ]);
});

test('5. duplicate sheet names differing only in case and a name over 31 characters: read as written, silently', async () => {
  expect(LONG_SHEET_NAME.length).toBeGreaterThan(31);
  const { result: grid, output } = await recordingOutput(() => readOdd('05-sheet-names.xlsx'));
  expect(output).toEqual([]);
  expect(grid.sheets).toStrictEqual([sheet('Sheet1', [['一']]), sheet('SHEET1', [['二']]), sheet(LONG_SHEET_NAME, [['三']])]);
});

test('6. error values t="e" in plain cells and as formula results, in an amount-like layout', async () => {
  // §18.18.11 ST_CellType "e": <v> holds the error literal; a formula's cached error likewise
  const grid = await readOdd('06-error-values.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('错误值', [
      ['项目', '财政拨款', '其他资金', '合计'],
      ['办公经费', 2, '#REF!', 2],
      ['公式', '#DIV/0!', '#N/A', '#DIV/0!'],
      ['其他', '#VALUE!', '#NAME?', '#NUM!', '#NULL!'],
    ]),
  ]);
});

test('7. numbers in exponent form in <v>, rounded to 15 significant digits', async () => {
  // xsd:double lexical forms; 12345678901234567890 -> 1.23456789012346e19 (15 digits: ...345|67 rounds up to ...346)
  const grid = await readOdd('07-exponents.xlsx');
  expect(grid.sheets).toStrictEqual([sheet('指数', [[2e21, 1.5e-7, -325, 1e308, 12345678901234600000, 0.3]])]);
});

test('8. t="d" ISO 8601 dates with and without a date format', async () => {
  // §18.17.4: ISO 8601 date-times; the calendar date as written, whatever the cell's format and the machine's time zone
  const grid = await readOdd('08-iso-dates.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('ISO日期', [
      [
        '2024-03-15', // A1 2024-03-15T00:00:00, General
        '2024-03-15', // B1 same, built-in 14
        '2024-03-15', // C1 2024-03-15 (date only), General
        '2024-03-15', // D1 date only, custom yyyy-mm-dd
        '2024-03-15', // E1 2024-03-15T23:30:00 (late in the day: no shift into the 16th)
        '2024-03-15', // F1 built-in 9 (0%): a date is not a percentage
        '2024-03-15', // G1 2024-03-15T00:00:00Z
      ],
    ]),
  ]);
});

test('9. date1904 "1", "true" and absent: serials 0 and 45000 in a date format', async () => {
  // 1900 system (shared convention of core/cellvalue.ts serialToDateText, epoch 1899-12-30, exact from serial 61 on):
  //   45000 = 1970-01-01 + (45000 - 25569) days = 1970-01-01 + 19431 days; 53 years 1970..2022 = 53*365 + 13 leap
  //   days (1972..2020) = 19358 days -> 2023-01-01, then 73 more days: Jan 31 + Feb 28 = 59 -> Mar 1 + 14 = 2023-03-15.
  //   Serial 0 lies below the 1900 system's lower limit (serial 1 = 1900-01-01; Excel shows "1900-01-00"); the shared
  //   convention gives 1899-12-30, the same text the add-in produces for the same cell.
  // 1904 system (§18.17.4.1): serial 0 = 1904-01-01; a 1904 serial is the 1900 serial minus 1462, the days from
  //   1899-12-30 to 1904-01-01: 2 (Dec 30 -> 1900-01-01) + 4 * 365 (1900..1903, none of them leap) = 1462.
  //   45000 -> 1900 serial 46462 -> 2023-03-15 + 1462 days: to 2027-03-15 is 366 (through 2024-02-29) + 3 * 365
  //   = 1461 days, plus 1 -> 2027-03-16.
  // C1: 45000 in General stays a number; D1: t="d" is an ISO date, not a serial: no shift.
  for (const [file, expected] of [
    ['09-date1900.xlsx', ['1899-12-30', '2023-03-15', 45000, '2024-03-15']],
    ['09-date1904-1.xlsx', ['1904-01-01', '2027-03-16', 45000, '2024-03-15']],
    ['09-date1904-true.xlsx', ['1904-01-01', '2027-03-16', 45000, '2024-03-15']],
  ] as const) {
    const grid = await readOdd(file);
    expect({ file, sheets: grid.sheets }).toStrictEqual({ file, sheets: [sheet('日期', [[...expected]])] });
  }
});

test('10. inline and shared strings: rich runs, phonetic runs, _xHHHH_ escapes, xml:space="preserve"', async () => {
  // rPh and phoneticPr are readings, not text (§18.4.6, §18.4.3); _xHHHH_ is the UTF-16 code unit HHHH,
  // _x005F_ an escaped underscore (§22.9.2.19); an empty <t/> is no value
  const grid = await readOdd('10-strings.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('文本', [
      ['项目名称', '项目名称'], //                 inline runs + rPh; shared string 0 (runs, rPr, rPh, phoneticPr)
      ['第一行\r\n第二行', '行一\r\n行二'], //       _x000D_ = CR, then a literal LF (&#10;)
      ['  前后空格  ', ' 内联 ', '金额 合计'], //   preserved spaces, also inside a run
      ['A_x0041_B', '中文', null, '绩效'], //      _x005F_x0041_ -> "_x0041_"; _x4E2D__x6587_; empty; rPh dropped
    ]),
  ]);
});

test('11. formulas: cached values by type, no cached value, a shared formula whose master is missing, t="str"', async () => {
  // §18.3.1.40 f: a reader takes the cached value <v> interpreted by c@t; without one the cell is empty
  const grid = await readOdd('11-formulas.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('公式', [
      [2, null, '项目', '1', null, '2024-03-15', true], // E1: t="str" with an empty <v/> is empty text; F1: 45366 in built-in 14
      [null, 5, null, '后'], //                          si="7" has no master: A2, C2 uncached -> null; B2 cached 5
      [6, 6], //                                         a complete shared formula; C3 uncached
      [8], //                                            array formula, cached 8
    ]),
  ]);
});

test('12. booleans t="b" (1/0)', async () => {
  // §18.18.11 ST_CellType "b": 1 true, 0 false; D1 has no <v>; E1 a formula's cached false
  const grid = await readOdd('12-booleans.xlsx');
  expect(grid.sheets).toStrictEqual([sheet('布尔', [['是否完成', true, false, null, false]])]);
});

test('13. number formats resolved through cellXfs: built-in 9, 10, 14, 22, custom 万元, 0"%", 年月日, 0.0%, General', async () => {
  // §18.8.30 numFmt: built-in ids (9 "0%", 10 "0.00%", 14 date, 22 "m/d/yyyy h:mm") and format codes; a percent format
  // shows the number times 100 at the number's own precision (core/cellvalue.ts numberCellValue), a quoted "%"
  // is a literal after the number as stored
  const grid = await readOdd('13-number-formats.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('数字格式', [
      ['0%', '95%'], //                         0.95, cellXfs[1] = 9
      ['0.00%', '95.5%'], //                    0.955, cellXfs[2] = 10
      ['14', '2024-03-15'], //                  45366, cellXfs[3] = 14
      ['0.00"万元"', '11.5万元'], //            11.5, cellXfs[4] = 164
      ['0"%"', '90%'], //                       90, cellXfs[5] = 165: literal percent sign
      ['yyyy"年"m"月"d"日"', '2024-03-15'], //  45366, cellXfs[6] = 166: a date format (y, m, d outside the quotes)
      ['0.0%', '12.5%'], //                     0.125, cellXfs[7] = 167
      ['22', '2024-03-15'], //                  45366.75 (18:00), cellXfs[8] = 22
      ['General', 0.95, 3, 1234.5], //          cellXfs[0], cellXfs[9] (General again), no s
      ['文本', '95%以上'], //                   text in a percent format stays text
    ]),
  ]);
});

test('14. merged cells: values under merges dropped, overlapping merges tolerated, a merge past the last row kept', async () => {
  const grid = await readOdd('14-merges.xlsx');
  expect(grid.sheets).toHaveLength(1);
  const s = grid.sheets[0];
  expect({ name: s.name, rowOffset: s.rowOffset, colOffset: s.colOffset, hidden: s.hidden, protected: s.protected }).toEqual({
    name: '合并',
    rowOffset: 0,
    colOffset: 0,
    hidden: false,
    protected: false,
  });
  // A5:B6 and B6:C7 overlap at B6 (§18.3.1.55: merged areas must not overlap; Excel repairs the file): the first
  // area holds; no value is written where the two disagree (B6, C6, B7, C7), so the cells are the same either way
  expect(s.cells).toStrictEqual([
    ['标题'], //              A1 of A1:C1; B1 "重复" is covered
    ['项目', '值'], //        B2 of B2:C3
    [], //                    C3 "被覆盖" is covered by B2:C3
    [],
    ['甲'], //                A5 of A5:B6; B5 "覆盖" is covered
    [],
    [null, null, null, '乙'], // D7, outside both areas
    ['长'], //                A8 of A8:B12, which runs four rows past the last row with a value
  ]);
  const kept = [area('A1:C1'), area('B2:C3'), area('A5:B6'), area('A8:B12')];
  expect(s.merges).toEqual(expect.arrayContaining(kept));
  // nothing else than these, and at most the overlapping second area (which a repair may drop)
  for (const m of s.merges) expect([...kept, area('B6:C7')]).toContainEqual(m);
});

test('15. hidden and very hidden sheets, sheet protection, hidden rows and columns', async () => {
  // sheet@state (§18.2.19); sheetProtection@sheet, default false (§18.3.1.85); row@hidden (§18.3.1.73);
  // col@hidden covers min..max, 1-based (§18.3.1.13); xsd:boolean: 1/true hidden, 0 not
  const grid = await readOdd('15-visibility.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet('可见', [['一', 1, null, null, null, 6], [], ['三'], [], ['五'], ['六']], {
      protected: true,
      hiddenRows: [2, 4, 6], // rows 3 (hidden="1"), 5 (hidden="true"), 7 (hidden, no cells); not 6 (hidden="0")
      hiddenCols: [1, 2, 4], // B:C (min 2 max 3), E (hidden="true"); not F (hidden="0")
    }),
    sheet('隐藏', [['隐']], { hidden: true }),
    sheet('深度隐藏', [['深']], { hidden: true }),
    sheet('保护', [['护']], { protected: true }), // sheet="true", state="visible"
    sheet('未保护', [['未']]), //                   sheetProtection without @sheet
  ]);
});

test('16. cells beyond Excel bounds (A1048577, XFE1) are dropped next to normal cells', async () => {
  // Excel's sheet: rows 1..1,048,576, columns A..XFD (16,384); XFD1 is the last column and stays
  const grid = await readOdd('16-bounds.xlsx');
  // (a row this sparse keeps its holes: the grid's memory grows with the cells present, src/core/grid.ts)
  const first: (string | null)[] = new Array(16384);
  first[0] = '左';
  first[16383] = '右';
  expect(grid.sheets).toStrictEqual([sheet('边界', [first, [null, 1]])]);
});

test('17. drawing, chart, image, comments (legacy VML), table and custom XML parts are ignored', async () => {
  // the parts use default namespaces and absolute targets; the VML is not well-formed (unclosed <br>); the
  // custom XML part has a DOCTYPE. None of them holds a cell value: the grid is the sheet's own four cells.
  const { result: grid, output } = await recordingOutput(() => readOdd('17-unused-parts.xlsx'));
  expect(output).toEqual([]);
  expect(grid.sheets).toStrictEqual([
    sheet('名称', [
      ['名称', '金额'],
      ['办公', 5],
    ]),
  ]);
});

test('18. an openpyxl-written workbook: text, percent, date, merged area, comment, image, chart, table', async () => {
  // make_openpyxl.py: inline strings, B2 0.95 with "0%" (built-in 9), B3 the date 2024-03-15 (serial 45366)
  // with custom "yyyy-mm-dd", A5:C5 merged, a table over A7:B9; comment, image and chart hold no cell values
  const grid = await readOdd('18-openpyxl.xlsx');
  expect(grid.sheets).toStrictEqual([
    sheet(
      '绩效目标',
      [
        ['项目名称', '办公经费'],
        ['完成率', '95%'],
        ['日期', '2024-03-15'],
        [],
        ['合并区域'],
        [],
        ['指标', '数值'],
        ['数量', 10],
        ['质量', 20],
      ],
      { merges: [area('A5:C5')] },
    ),
  ]);
});
