/**
 * The .xls reader on hand-built BIFF8 records and compound files (test/xls/build.ts). Every expected value
 * comes from the specifications ([MS-XLS], [MS-CFB]) as cited, never from running the reader.
 */
import { decodeRk } from '../../src/adapters/xls/biff';
import { readXls, XLS_MESSAGES } from '../../src/adapters/xls/read';
import { WorkbookReadError } from '../../src/adapters/file/errors';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid';
import {
  T,
  boolerr,
  compoundFile,
  concat,
  dimensions,
  f64,
  format,
  formula,
  formulaValue,
  label,
  labelSst,
  latin1,
  number,
  rec,
  rk,
  u16,
  u32,
  u8,
  utf16,
  workbookStream,
  xf,
  xlString,
  xlsFile,
  type SheetSpec,
} from './build';

const read = (globals: Uint8Array[], sheets: SheetSpec[]): WorkbookGrid => readXls(xlsFile(workbookStream(globals, sheets)));
const one = (records: Uint8Array[], globals: Uint8Array[] = []): SheetGrid => read(globals, [{ name: 'S', records }]).sheets[0];

function refusal(bytes: Uint8Array): string {
  try {
    readXls(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as { cause?: unknown }).cause).toBeUndefined(); // a refusal by design, not the safety net
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

/** Fifteen style XFs and the default cell XF (index 15) in General, then cell XFs with the given formats. */
const xfs = (...ifmts: number[]) => [...new Array(16).fill(0).map(() => xf(0)), ...ifmts.map(xf)];

describe('RK numbers ([MS-XLS] RkNumber, 2.4.220 RK)', () => {
  test.each(
    [
      // fInt: a 30-bit signed integer in bits 2–31
      [(42 << 2) | 2, 42],
      [((-5 << 2) | 2) >>> 0, -5],
      [((536870911 << 2) | 2) >>> 0, 536870911],
      [((-536870912 << 2) | 2) >>> 0, -536870912],
      // fInt and fX100: the integer divided by 100
      [(1234 << 2) | 3, 12.34],
      [((-1 << 2) | 3) >>> 0, -0.01],
      // a double whose low 34 bits are 0: the high 30 bits given, 1.0 = 0x3FF00000_00000000
      [0x3ff00000, 1],
      [0x3ff80000, 1.5],
      [0xc0590000, -100],
      // the same double with fX100: 1.5 / 100
      [0x3ff80001, 0.015],
    ].map(([raw, value]) => [`0x${(raw >>> 0).toString(16).padStart(8, '0')}`, raw >>> 0, value]),
  )('RK %s', (_hex, raw, value) => {
    expect(decodeRk(raw)).toBe(value);
  });

  test('RK, MULRK and NUMBER cells', () => {
    const s = one([
      rk(0, 0, (7 << 2) | 2),
      rk(0, 1, 0x40240000), // 10.0
      // MULRK ([MS-XLS] 2.4.175): rw, colFirst, (ixfe, RK) per column, colLast
      rec(T.MULRK, u16(1), u16(2), u16(15), u32((1 << 2) | 2), u16(15), u32((250 << 2) | 3), u16(15), u32(0x3fe00000), u16(4)),
      number(2, 0, 0.1 + 0.2),
      number(2, 1, 1e12),
    ]);
    expect(s.rowOffset).toBe(0);
    expect(s.colOffset).toBe(0);
    // 0.1 + 0.2 read with 15 significant digits (core/cellvalue.ts)
    expect(s.cells).toEqual([
      [7, 10],
      [null, null, 1, 2.5, 0.5],
      [0.3, 1e12],
    ]);
  });
});

describe('number formats through XF and FORMAT records', () => {
  test('built-in ids, FORMAT records, the 1900 and the 1904 date system', () => {
    const globals = (mode: number) => [
      rec(T.DATEMODE, u16(mode)),
      format(164, '0.0"万元"'),
      format(165, 'yyyy"年"m"月"d"日"'),
      ...xfs(9, 10, 14, 164, 165, 31),
    ];
    // XF 16: 0%, 17: 0.00%, 18: mm-dd-yy, 19: 0.0"万元", 20: a custom date, 21: built-in 31 (zh-CN date)
    const cells = [
      number(0, 0, 0.95, 16),
      number(0, 1, 0.125, 17),
      number(0, 2, 11.5, 19),
      number(1, 0, 45366, 18),
      number(1, 1, 45366, 20),
      number(1, 2, 45366, 21),
      number(1, 3, 45366, 15),
    ];
    // serial 45366 in the 1900 system is 2024-03-15; in the 1904 system it counts from 1904-01-01, 1462 days later
    expect(one(cells, globals(0)).cells).toEqual([
      ['95%', '12.5%', '11.5万元'],
      ['2024-03-15', '2024-03-15', '2024-03-15', 45366],
    ]);
    expect(one(cells, globals(1)).cells).toEqual([
      ['95%', '12.5%', '11.5万元'],
      ['2028-03-16', '2028-03-16', '2028-03-16', 45366],
    ]);
  });

  test('an XF index past the XF records reads as General', () => {
    expect(one([number(0, 0, 0.5, 400)], xfs()).cells).toEqual([[0.5]]);
  });
});

describe('strings: SST ([MS-XLS] 2.4.265) across CONTINUE (2.4.58), LABEL', () => {
  /** XLUnicodeRichExtendedString header: cch, flags (fHighByte 1, fExtSt 4, fRichSt 8), [cRun], [cbExtRst]. */
  const head = (cch: number, high: boolean, runs = 0, ext = 0) => [
    ...u16(cch),
    (high ? 1 : 0) | (runs ? 8 : 0) | (ext ? 4 : 0),
    ...(runs ? u16(runs) : []),
    ...(ext ? u32(ext) : []),
  ];
  const cells = (n: number) => Array.from({ length: n }, (_, i) => labelSst(i, 0, i));
  const texts = (s: SheetGrid) => s.cells.map((r) => r[0]);

  test('a string split inside its characters, UTF-16 then compressed: the CONTINUE starts with a flags byte', () => {
    const sst = rec(T.SST, u32(2), u32(2), head(5, true), utf16('中文'));
    const cont = rec(T.CONTINUE, [0x00], latin1('abc'), head(2, false), latin1('ok'));
    expect(texts(one(cells(2), [sst, cont]))).toEqual(['中文abc', 'ok']);
  });

  test('compressed then UTF-16 after the CONTINUE', () => {
    const sst = rec(T.SST, u32(1), u32(1), head(5, false), latin1('abc'));
    const cont = rec(T.CONTINUE, [0x01], utf16('中文'));
    expect(texts(one(cells(1), [sst, cont]))).toEqual(['abc中文']);
  });

  test('a split between two strings: the CONTINUE starts with the next string, no flags byte', () => {
    const sst = rec(T.SST, u32(2), u32(2), head(3, false), latin1('one'));
    const cont = rec(T.CONTINUE, head(3, true), utf16('第二个'));
    expect(texts(one(cells(2), [sst, cont]))).toEqual(['one', '第二个']);
  });

  test('the header at the very end of the record: the characters start after a flags byte in the CONTINUE', () => {
    const sst = rec(T.SST, u32(1), u32(1), head(2, false));
    const cont = rec(T.CONTINUE, [0x01], utf16('预算'));
    expect(texts(one(cells(1), [sst, cont]))).toEqual(['预算']);
  });

  test('rich-text runs and phonetic data are skipped, also when they continue in the next record (no flags byte)', () => {
    // string 1: 2 runs (4 bytes each: ich, ifnt) and 6 bytes of ExtRst; the runs break across the CONTINUE
    const runs = [...u16(0), ...u16(1), ...u16(1), ...u16(2)];
    const ext = [1, 2, 3, 4, 5, 6];
    const sst = rec(T.SST, u32(3), u32(3), head(2, true, 2, ext.length), utf16('绩效'), runs.slice(0, 3));
    const cont1 = rec(T.CONTINUE, runs.slice(3), ext.slice(0, 2));
    const cont2 = rec(T.CONTINUE, ext.slice(2), head(1, false, 1), latin1('x'), u16(0), u16(0), head(0, false));
    // the third string is empty: no value (the grid's convention)
    expect(texts(one(cells(3), [sst, cont1, cont2]))).toEqual(['绩效', 'x']);
  });

  test('a long SST over several CONTINUE records', () => {
    const strings = Array.from({ length: 3000 }, (_, i) => `指标${i}`);
    // at most 8,224 bytes per record ([MS-XLS] 2.1.4): a string header is never split; when the characters
    // are, the next CONTINUE starts with the flags byte (fHighByte = 1 here)
    let cur: number[] = [];
    const out: number[][] = [];
    const atomic = (bytes: number[]) => {
      if (cur.length + bytes.length > 8224) {
        out.push(cur);
        cur = [];
      }
      cur.push(...bytes);
    };
    const chars = (bytes: number[]) => {
      for (let i = 0; i < bytes.length; i += 2) {
        if (cur.length + 2 > 8224) {
          out.push(cur);
          cur = [0x01];
        }
        cur.push(bytes[i], bytes[i + 1]);
      }
    };
    atomic([...u32(strings.length), ...u32(strings.length)]);
    for (const s of strings) {
      atomic(head(s.length, true));
      chars(utf16(s));
    }
    out.push(cur);
    const recs = out.map((b, i) => rec(i === 0 ? T.SST : T.CONTINUE, b));
    expect(recs.length).toBeGreaterThan(3);
    expect(out.slice(1).some((b) => b[0] === 0x01)).toBe(true);
    const cellRecs = strings.map((_, i) => labelSst(i % 1000, Math.floor(i / 1000), i));
    const s = one(cellRecs, recs);
    expect(s.cells[999][2]).toBe('指标2999');
    expect(s.cells.flat()).toEqual(Array.from({ length: 1000 }, (_, r) => [strings[r], strings[r + 1000], strings[r + 2000]]).flat());
  });

  test('LABEL and RSTRING cells (a string in the record), compressed and UTF-16', () => {
    const s = one([
      label(0, 0, 'café'),
      label(0, 1, '项目名称'),
      rec(T.RSTRING, u16(1), u16(0), u16(0), xlString('富文本'), u16(1), u16(0), u16(0)),
    ]);
    expect(s.cells).toEqual([['café', '项目名称'], ['富文本']]);
  });

  test('empty text is no value; BLANK and MULBLANK are nothing', () => {
    const s = one([
      label(0, 0, ''),
      rec(T.BLANK, u16(1), u16(1), u16(0)),
      rec(T.MULBLANK, u16(2), u16(0), u16(0), u16(0), u16(0), u16(2)),
      label(3, 3, 'x'),
    ]);
    expect(s).toMatchObject({ rowOffset: 3, colOffset: 3, cells: [['x']] });
  });
});

describe('booleans and errors: BOOLERR ([MS-XLS] 2.4.24) and BErr', () => {
  test('every error code as its text, booleans as booleans', () => {
    const codes: [number, string][] = [
      [0x00, '#NULL!'],
      [0x07, '#DIV/0!'],
      [0x0f, '#VALUE!'],
      [0x17, '#REF!'],
      [0x1d, '#NAME?'],
      [0x24, '#NUM!'],
      [0x2a, '#N/A'],
    ];
    const s = one([...codes.map(([code], i) => boolerr(0, i, code, true)), boolerr(1, 0, 1, false), boolerr(1, 1, 0, false)]);
    expect(s.cells).toEqual([codes.map(([, text]) => text), [true, false]]);
  });
});

describe('formulas: the cached result ([MS-XLS] 2.4.127 FORMULA, 2.5.133 FormulaValue, 2.4.268 STRING)', () => {
  test('number, string (STRING record), boolean, error, empty string', () => {
    const s = one(
      [
        formula(0, 0, f64(0.95), 16),
        formula(0, 1, formulaValue(0)),
        rec(T.STRING, xlString('合计')),
        formula(0, 2, formulaValue(1, 1)),
        formula(0, 3, formulaValue(1, 0)),
        formula(0, 4, formulaValue(2, 0x17)),
        formula(0, 5, formulaValue(3)),
        // a shared formula's SHRFMLA may stand between FORMULA and STRING ([MS-XLS] worksheet substream grammar, CELL)
        formula(1, 0, formulaValue(0)),
        rec(T.SHRFMLA, u16(1), u16(1), u8(0), u8(0), u16(0), u16(0)),
        rec(T.STRING, xlString('共享')),
        // a string longer than one record continues in a CONTINUE record with its own flags byte
        formula(2, 0, formulaValue(0)),
        rec(T.STRING, u16(6), [1], utf16('资金')),
        rec(T.CONTINUE, [0], latin1('plan')),
        // a FORMULA saying "string" without its STRING record: nothing
        formula(3, 0, formulaValue(0)),
        number(3, 1, 5),
        rec(T.STRING, xlString('stray')),
      ],
      xfs(9),
    );
    expect(s.cells).toEqual([['95%', '合计', true, false, '#REF!'], ['共享'], ['资金plan'], [null, 5]]);
  });
});

describe('sheets: BOUNDSHEET8 ([MS-XLS] 2.4.28), PROTECT, WSBOOL (2.4.351), ROW (2.4.221), COLINFO (2.4.53), MERGECELLS (2.4.168)', () => {
  test('hidden and very hidden sheets, protection, chart/macro/module sheets and dialog sheets skipped', () => {
    const wb = read(
      [],
      [
        { name: '可见', records: [label(0, 0, 'a'), rec(T.PROTECT, u16(0))] },
        { name: '隐藏', state: 1, records: [label(0, 0, 'b')] },
        { name: '深度隐藏', state: 2, records: [label(0, 0, 'c')] },
        { name: '受保护', records: [rec(T.PROTECT, u16(1)), label(0, 0, 'd')] },
        { name: '图表', dt: 2, records: [label(0, 0, 'chart')] },
        { name: '宏表', dt: 1, records: [label(0, 0, 'macro')] },
        { name: '模块', dt: 6, records: [] },
        { name: '对话框', records: [rec(T.WSBOOL, u16(0x0010)), label(0, 0, 'dialog')] },
        { name: 'BOF 是图表', bofDt: 0x0020, records: [] },
      ],
    );
    expect(wb.sheets.map((s) => [s.name, s.hidden, s.protected, s.cells])).toEqual([
      ['可见', false, false, [['a']]],
      ['隐藏', true, false, [['b']]],
      ['深度隐藏', true, false, [['c']]],
      ['受保护', false, true, [['d']]],
    ]);
  });

  test('a compressed sheet name is Latin-1', () => {
    expect(read([], [{ name: 'Résumé', records: [] }]).sheets[0].name).toBe('Résumé');
  });

  test('hidden rows and columns; merged areas keep only the top-left value', () => {
    // ROW: rw, colMic, colMac, miyRw, 2 reserved, 2 unused, flags (fDyZero = 0x20 hides the row)
    const row = (r: number, flags: number) => rec(T.ROW, u16(r), u16(0), u16(3), u16(300), u16(0), u16(0), u16(flags), u16(0x0f));
    // COLINFO: colFirst, colLast, coldx, ixfe, flags (fHidden = bit 0), reserved
    const colinfo = (a: number, b: number, flags: number) => rec(T.COLINFO, u16(a), u16(b), u16(0x0900), u16(15), u16(flags), u16(0));
    const s = one([
      colinfo(1, 2, 1),
      colinfo(4, 4, 0),
      colinfo(254, 256, 1), // Excel's "to the last column" (256) stays within the 256 BIFF8 columns
      dimensions(),
      row(0, 0x0100),
      row(3, 0x0120),
      label(0, 0, '合并'),
      label(0, 1, '被覆盖'),
      label(1, 0, '也被覆盖'),
      label(3, 0, '隐藏行'),
      rec(T.MERGECELLS, u16(2), u16(0), u16(1), u16(0), u16(2), u16(5), u16(6), u16(3), u16(3)),
    ]);
    expect(s.hiddenRows).toEqual([3]);
    expect(s.hiddenCols).toEqual([1, 2, 254, 255]);
    expect(s.merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 2 },
      { top: 5, left: 3, bottom: 6, right: 3 },
    ]);
    expect(s.cells).toEqual([['合并'], [], [], ['隐藏行']]);
  });

  test("an embedded chart's substream inside a worksheet is not read as cells", () => {
    const s = one([
      label(0, 0, 'cell'),
      rec(T.BOF, u16(0x0600), u16(0x0020), u16(0), u16(0), u32(0), u32(0)),
      label(5, 5, 'in chart'),
      rec(T.EOF),
      label(1, 0, 'after'),
    ]);
    expect(s.cells).toEqual([['cell'], ['after']]);
  });

  test('columns past BIFF8’s 256 are not cells', () => {
    expect(one([label(0, 0, 'a'), label(0, 256, 'b')]).cells).toEqual([['a']]);
  });
});

describe('the compound file container ([MS-CFB])', () => {
  const wb = workbookStream([], [{ name: 'S', records: [label(0, 0, '容器')] }]);
  const big = workbookStream(
    [],
    [{ name: 'S', records: [label(0, 0, '大'), ...Array.from({ length: 800 }, (_, i) => number(i + 1, 0, i))] }],
  );

  test('a Workbook stream in the mini stream (under 4,096 bytes) and in regular sectors; version 3 and 4', () => {
    expect(wb.length).toBeLessThan(4096);
    expect(big.length).toBeGreaterThan(4096);
    for (const version of [3, 4] as const) {
      expect(readXls(compoundFile([{ name: 'Workbook', data: wb }], { version })).sheets[0].cells).toEqual([['容器']]);
      expect(readXls(compoundFile([{ name: 'Workbook', data: big }], { version })).sheets[0].cells[800]).toEqual([799]);
    }
  });

  test('more than 109 FAT sectors: the rest listed in DIFAT sectors ([MS-CFB] 2.5)', () => {
    const file = compoundFile(
      [
        { name: '\u0005SummaryInformation', data: new Uint8Array(200) },
        { name: 'Workbook', data: big },
      ],
      { minFatSectors: 240 },
    );
    expect(file.length).toBeGreaterThan(240 * 512);
    expect(readXls(file).sheets[0].cells[0]).toEqual(['大']);
  });

  test('stream names compare case-insensitively; a Workbook inside a sub-storage is not the workbook', () => {
    expect(readXls(compoundFile([{ name: 'WORKBOOK', data: wb }])).sheets[0].cells).toEqual([['容器']]);
    expect(refusal(compoundFile([{ name: 'MBD0001', children: [{ name: 'Workbook', data: wb }] }]))).toBe(XLS_MESSAGES.notExcel);
  });
});

describe('refusals', () => {
  const wb = workbookStream([], [{ name: 'S', records: [label(0, 0, 'x')] }]);

  test('FILEPASS: a password to open', () => {
    // FILEPASS ([MS-XLS] 2.4.117): wEncryptionType 1 (RC4) and an RC4 header; the rest of the stream is encrypted
    const filepass = rec(T.FILEPASS, u16(1), u16(1), u16(1), new Array(48).fill(0x5a));
    expect(refusal(xlsFile(workbookStream([filepass], [{ name: 'S', records: [label(0, 0, 'x')] }])))).toBe(XLS_MESSAGES.password);
    expect(XLS_MESSAGES.password).toBe('文件设置了打开密码；请在 Excel 或 WPS 中取消密码后再检查');
  });

  test('an encrypted .xlsx: EncryptionInfo and EncryptedPackage streams ([MS-OFFCRYPTO] 2.3.4)', () => {
    expect(
      refusal(
        compoundFile([
          { name: 'EncryptionInfo', data: new Uint8Array(300).fill(4) },
          { name: 'EncryptedPackage', data: new Uint8Array(5000).fill(7) },
        ]),
      ),
    ).toBe(XLS_MESSAGES.password);
  });

  test('BIFF5/BIFF7: a "Book" stream, or a BOF of version 0x0500; BIFF2–4 BOF records', () => {
    const biff5 = workbookStream([], [{ name: 'S', records: [] }], { vers: 0x0500 });
    const msg = '这是 Excel 95 或更早的格式；请在 Excel 或 WPS 中另存为 .xlsx 后再检查';
    expect(refusal(compoundFile([{ name: 'Book', data: biff5 }]))).toBe(msg);
    // the version decides, not the stream's name: BIFF8 in a "Book" stream is read
    expect(readXls(compoundFile([{ name: 'Book', data: wb }])).sheets[0].cells).toEqual([['x']]);
    expect(refusal(xlsFile(biff5))).toBe(msg);
    // BIFF4 BOF 0x0409: vers, dt
    expect(refusal(xlsFile(concat([rec(0x0409, u16(0), u16(0x0010)), rec(T.EOF)])))).toBe(msg);
  });

  test('an OLE file that is not a workbook (a Word document)', () => {
    expect(
      refusal(
        compoundFile([
          { name: 'WordDocument', data: new Uint8Array(600).fill(0xec) },
          { name: '1Table', data: new Uint8Array(100) },
        ]),
      ),
    ).toBe('不是 Excel 工作簿（可能是 Word 等其他文件）');
  });

  test('a WPS file that is not BIFF8: the WPS message', () => {
    // a summary information property set ([MS-OLEPS] PropertySetStream): one section (FMTID_SummaryInformation) with
    // PIDSI_APPNAME (0x12) as VT_LPSTR (0x1E) "WPS Office"
    const app = [...latin1('WPS Office'), 0, 0];
    const section = [...u32(8 + 8 + 8 + app.length), ...u32(1), ...u32(0x12), ...u32(16), ...u32(0x1e), ...u32(app.length), ...app];
    const fmtid = [0xe0, 0x85, 0x9f, 0xf2, 0xf9, 0x4f, 0x68, 0x10, 0xab, 0x91, 0x08, 0x00, 0x2b, 0x27, 0xb3, 0xd9];
    const props = [...u16(0xfffe), ...u16(0), ...u32(0x00020006), ...new Array(16).fill(0), ...u32(1), ...fmtid, ...u32(48), ...section];
    const summary = { name: '\u0005SummaryInformation', data: new Uint8Array(props) };
    expect(refusal(compoundFile([summary, { name: 'ETData', data: new Uint8Array(700).fill(3) }]))).toBe(
      '无法读取该 WPS 表格文件；请在 WPS 中另存为 .xlsx 后再检查',
    );
    const biff5 = workbookStream([], [{ name: 'S', records: [] }], { vers: 0x0500 });
    expect(refusal(compoundFile([summary, { name: 'Workbook', data: biff5 }]))).toBe(XLS_MESSAGES.wps);
    // a WPS-written Word document is not a spreadsheet
    expect(refusal(compoundFile([summary, { name: 'WordDocument', data: new Uint8Array(600) }]))).toBe(XLS_MESSAGES.notExcel);
    // a WPS file in BIFF8 is read like any .xls
    expect(readXls(compoundFile([summary, { name: 'Workbook', data: wb }])).sheets[0].cells).toEqual([['x']]);
  });

  test('random bytes after an OLE signature', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    const bytes = new Uint8Array(4096).map(rnd);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refusal(bytes)).toMatch(/^文件已损坏：/);
    // only the signature, the rest zero (what the command-line test feeds)
    expect(refusal(concat([[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(512)]))).toMatch(/^文件已损坏：/);
    expect(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatch(/^文件已损坏：/);
  });

  test('truncated container, truncated stream, a record running past the stream', () => {
    const file = xlsFile(workbookStream([], [{ name: 'S', records: Array.from({ length: 600 }, (_, i) => number(i, 0, i)) }]));
    for (const n of [600, 1024, 2048, file.length - 512]) expect(refusal(file.subarray(0, n))).toMatch(/^文件已损坏：/);
    // cut inside the padding of the last sector: every byte of the stream is still there
    expect(readXls(file.subarray(0, file.length - 1)).sheets[0].cells[599]).toEqual([599]);
    // the last record claims 100 bytes more than the stream holds
    const w = workbookStream([], [{ name: 'S', records: [label(0, 0, 'x')] }]);
    const cut = concat([w.subarray(0, w.length - 4), u16(T.EOF), u16(100)]);
    expect(refusal(xlsFile(cut))).toBe('文件已损坏：记录超出数据流末尾（文件可能不完整）');
    // the stream ends without the sheet's EOF
    expect(refusal(xlsFile(w.subarray(0, w.length - 4)))).toMatch(/^文件已损坏：工作表数据不完整/);
  });

  test('a FAT chain that loops ends with a refusal, not a hang', () => {
    const file = compoundFile([
      { name: 'Workbook', data: workbookStream([], [{ name: 'S', records: Array.from({ length: 600 }, (_, i) => number(i, 0, i)) }]) },
    ]);
    // sector 0 is the FAT (entry k: the sector after k); the directory is sector 1, the Workbook stream starts
    // at sector 2 (build.ts). Its fourth sector now points back to its first.
    const fat = new DataView(file.buffer, 512, 512);
    expect(new DataView(file.buffer).getUint32(48, true)).toBe(1);
    fat.setUint32(5 * 4, 2, true);
    expect(refusal(file)).toBe('文件已损坏：扇区链循环');
  });

  test('a cell pointing past the shared string table; a sheet offset outside the stream', () => {
    const sst = rec(T.SST, u32(1), u32(1), u16(1), [0], latin1('a'));
    expect(refusal(xlsFile(workbookStream([sst], [{ name: 'S', records: [labelSst(0, 0, 5)] }])))).toBe(
      '文件已损坏：单元格引用的共享字符串不存在',
    );
    const w = workbookStream([], [{ name: 'S', records: [] }]);
    // the BOF record is 4 + 16 bytes, BOUNDSHEET8 follows; its lbPlyPos is the first field: point it past the stream
    expect(w[20]).toBe(0x85);
    const bad = w.slice();
    bad.set(u32(0x00ffffff), 24);
    expect(refusal(xlsFile(bad))).toBe('文件已损坏：工作表位置不对');
  });

  test('a record too short for its fields', () => {
    expect(refusal(xlsFile(workbookStream([], [{ name: 'S', records: [rec(T.NUMBER, u16(0), u16(0), u16(0), [1, 2])] }])))).toBe(
      '文件已损坏：NUMBER 记录长度不对',
    );
  });
});
