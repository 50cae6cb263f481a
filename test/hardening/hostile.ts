/**
 * Hostile workbooks, generated with exceljs: Excel's size limits, thousands of merged areas, formula
 * errors, numbers stored as text, dates where numbers belong, 32,767-character cells, hidden /
 * veryHidden / protected sheets, no 绩效目标表 at all, no sheet at all, and files that are not
 * workbooks. Used by hostile.test.ts (and handy for manual runs: `npx tsx test/hardening/hostile.ts DIR`).
 */
import { promises as fs } from 'fs';
import path from 'path';
import * as ExcelJS from 'exceljs';
import { cleanA, cleanB, cleanC, cleanD } from '../fixtures/data';
import { writeTable } from '../fixtures/layouts';
import { rawZip } from '../reader/helpers';

/** Excel's limits: 1,048,576 rows, 16,384 columns (XFD), 32,767 characters in a cell. */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
export const MAX_CELL_CHARS = 32767;

export interface Hostile {
  name: string;
  /** What the case is about, in a few words. */
  about: string;
  build(): Promise<Buffer>;
}

async function buffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * ws.mergeCells checks the new area against every area already merged (quadratic: 10,000 areas take
 * ~15 s); the areas written here never overlap, so each is merged against an empty list.
 */
export function mergeFast(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  const w = ws as unknown as { _merges: Record<string, unknown> };
  const all = w._merges;
  w._merges = {};
  try {
    ws.mergeCells(top, left, bottom, right);
    Object.assign(all, w._merges);
  } finally {
    w._merges = all;
  }
}

/** Fills `text` up to exactly `n` characters by repetition. */
export function fill(text: string, n = MAX_CELL_CHARS): string {
  return text.repeat(Math.ceil(n / text.length)).slice(0, n);
}

/**
 * cleanB at A1 (layout B, 北戴河): C4 预算数 10, E4 财政资金 8, G4 其他资金 2, B7/C7/D7/F7 spending plan
 * 25/50/75/100, F10..F17 指标值 (F10 体检人数 ≥200人, F11 体检覆盖率 ≥95%, F13 体检费 ≤8万元).
 */
function sheetB(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  writeTable(ws, 1, 1, { layout: 'B', data: cleanB });
  return ws;
}

export const HOSTILE: Hostile[] = [
  {
    name: 'limits',
    about: 'a cell at XFD1048576 beside a table; a table ending at the last row and column',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ws = sheetB(wb, '末尾单元格');
      ws.getCell('XFD1048576').value = '末尾';
      // cleanA is 18 rows x 5 columns: its bottom-right cell is XFD1048576
      const corner = wb.addWorksheet('右下角');
      const rect = writeTable(corner, MAX_ROWS - 17, MAX_COLS - 4, { layout: 'A', data: cleanA });
      if (rect.bottom !== MAX_ROWS || rect.right !== MAX_COLS) throw new Error(`cleanA moved: ${JSON.stringify(rect)}`);
      corner.getCell(MAX_ROWS, MAX_COLS).value = null; // the last 指标值 left empty: missing-value at XFD1048576
      return buffer(wb);
    },
  },
  {
    name: 'merges-10000',
    about: '10,000 merged areas: empty ones beside a table, labelled ones on a second sheet',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ws = sheetB(wb, '空合并');
      for (let i = 0; i < 5000; i++) {
        mergeFast(ws, 20 + i, 10, 20 + i, 11); // J:K
        mergeFast(ws, 20 + i, 13, 20 + i, 15); // M:O
      }
      const ws2 = sheetB(wb, '带文字的合并');
      for (let i = 0; i < 5000; i++) {
        ws2.getCell(20 + 2 * i, 1).value = `附注${i + 1}`;
        mergeFast(ws2, 20 + 2 * i, 1, 21 + 2 * i, 2); // A:B, two rows
        ws2.getCell(20 + 2 * i, 3).value = i % 7 === 0 ? '指标1:' : null;
        mergeFast(ws2, 20 + 2 * i, 3, 21 + 2 * i, 7); // C:G, two rows
      }
      return buffer(wb);
    },
  },
  {
    name: 'overlapping-merges',
    about: 'merged areas that overlap (written by some tools; Excel repairs them, exceljs refuses them)',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ws = sheetB(wb, '重叠合并');
      ws.getCell('A20').value = '备注';
      mergeFast(ws, 20, 1, 21, 3); // A20:C21
      mergeFast(ws, 21, 2, 22, 4); // B21:D22 overlaps A20:C21
      return buffer(wb);
    },
  },
  {
    name: 'formula-errors',
    about: 'formulas whose cached results are #REF!, #DIV/0!, #N/A in money, plan and 指标值 cells',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ws = sheetB(wb, '公式错误');
      ws.getCell('C4').value = { formula: 'E4+G4+#REF!', result: { error: '#REF!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('E4').value = { formula: 'C4-G4', result: 8 } as ExcelJS.CellFormulaValue;
      ws.getCell('C7').value = { formula: 'B7*2/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('F10').value = { formula: '200/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      ws.getCell('F11').value = { formula: 'VLOOKUP(D11,X:Y,2,0)', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
      ws.getCell('F13').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      return buffer(wb);
    },
  },
  {
    name: 'text-numbers',
    about: 'numbers stored as text (with spaces, full-width digits); one real mismatch among them',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ok = sheetB(wb, '文本数字');
      ok.getCell('C4').value = '10';
      ok.getCell('E4').value = ' 8 ';
      ok.getCell('G4').value = '２';
      ok.getCell('B7').value = '25';
      ok.getCell('C7').value = '50.0';
      ok.getCell('D7').value = '７５';
      ok.getCell('F7').value = '100';
      const bad = sheetB(wb, '文本数字不平');
      bad.getCell('C4').value = '10';
      bad.getCell('E4').value = '8';
      bad.getCell('G4').value = '3';
      return buffer(wb);
    },
  },
  {
    name: 'dates',
    about: 'dates where numbers belong: 预算数, a spending-plan percentage, a 指标值',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ws = sheetB(wb, '日期');
      ws.getCell('C4').value = new Date(Date.UTC(2024, 0, 10));
      ws.getCell('C4').numFmt = 'yyyy-mm-dd';
      ws.getCell('C7').value = new Date(Date.UTC(1900, 1, 19)); // serial 50 shown as a date
      ws.getCell('C7').numFmt = 'm/d/yy';
      ws.getCell('F10').value = new Date(Date.UTC(2024, 11, 31));
      return buffer(wb);
    },
  },
  {
    name: 'long-cells',
    about: '32,767-character cells: name, goal text full of calculations, 指标值, a label',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('超长文本');
      writeTable(ws, 1, 1, { layout: 'A', data: cleanA });
      // cleanA at A1: C2 项目名称 value, C8/D8 goals, E10.. 指标值
      ws.getCell('C2').value = fill('干部教育培训经费');
      ws.getCell('C8').value = '年度总体绩效目标(含本级和市县) ' + fill('培训费10期×1.5万元/期=15万元,', MAX_CELL_CHARS - 20);
      ws.getCell('D8').value = fill('1×2×3×4×5×6×7×8×9×');
      ws.getCell('E10').value = '≥' + fill('9090', MAX_CELL_CHARS - 1);
      ws.getCell('E11').value = fill('进一步提升');
      ws.getCell('E12').value = fill('1.', MAX_CELL_CHARS - 1) + '%';
      ws.getCell('A20').value = fill('项目名称');
      ws.getCell('B21').value = fill('一级指标 ');
      const ws2 = wb.addWorksheet('超长算式');
      writeTable(ws2, 1, 1, { layout: 'D', data: cleanD });
      ws2.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string' && /100×1\.2=120万元/.test(c.value))
            c.value = fill('(1+2)*3/4=5万元;' + '((((((((', MAX_CELL_CHARS);
        }),
      );
      return buffer(wb);
    },
  },
  {
    name: 'hidden-protected',
    about: 'tables on a hidden, a veryHidden and a protected sheet',
    async build() {
      const wb = new ExcelJS.Workbook();
      writeTable(wb.addWorksheet('可见'), 1, 1, { layout: 'A', data: cleanA });
      const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
      writeTable(hidden, 1, 1, { layout: 'B', data: cleanB });
      const veryHidden = wb.addWorksheet('深度隐藏', { state: 'veryHidden' });
      writeTable(veryHidden, 1, 1, { layout: 'C', data: cleanC });
      const prot = wb.addWorksheet('受保护');
      writeTable(prot, 1, 1, { layout: 'D', data: cleanD });
      await prot.protect('secret', { selectLockedCells: true, spinCount: 1000 });
      return buffer(wb);
    },
  },
  {
    name: 'no-table',
    about: 'an ordinary budget workbook without any 绩效目标表',
    async build() {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('收入支出决算表');
      ws.addRow(['科目编码', '科目名称', '年初预算数', '调整预算数', '决算数']);
      for (let i = 0; i < 300; i++)
        ws.addRow([`2010${String(i).padStart(3, '0')}`, `行政运行${i}`, i * 1.5, i * 1.6, { formula: `C${i + 2}*1.1`, result: i * 1.65 }]);
      ws.mergeCells('A303:B303');
      ws.getCell('A303').value = '合计';
      const notes = wb.addWorksheet('说明');
      notes.getCell('A1').value = '本表不含绩效目标表；项目名称见附件。';
      return buffer(wb);
    },
  },
  {
    name: 'empty-sheet',
    about: 'a workbook with one empty sheet',
    async build() {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1');
      return buffer(wb);
    },
  },
  {
    name: 'no-sheets',
    about: 'a workbook with no worksheet at all',
    async build() {
      return buffer(new ExcelJS.Workbook());
    },
  },
];

/** Files that are not workbooks although they look like one. */
export const NOT_WORKBOOKS: Hostile[] = [
  {
    name: 'zip-not-xlsx',
    about: 'a valid zip archive holding a text file',
    async build() {
      return storedZip([{ name: 'readme.txt', data: Buffer.from('不是工作簿') }]);
    },
  },
  {
    name: 'truncated',
    about: 'the first half of a real workbook',
    async build() {
      const wb = new ExcelJS.Workbook();
      writeTable(wb.addWorksheet('A'), 1, 1, { layout: 'A', data: cleanA });
      const full = await buffer(wb);
      return full.subarray(0, Math.floor(full.length / 2));
    },
  },
  {
    name: 'empty-file',
    about: 'a zero-byte .xlsx',
    async build() {
      return Buffer.alloc(0);
    },
  },
];

/** A zip archive with stored (uncompressed) entries. */
export function storedZip(entries: { name: string; data: Buffer }[]): Buffer {
  return rawZip(entries);
}

/** Writes every case to DIR as NAME.xlsx; returns the paths. */
export async function writeAll(dir: string, cases: Hostile[] = [...HOSTILE, ...NOT_WORKBOOKS]): Promise<Map<string, string>> {
  await fs.mkdir(dir, { recursive: true });
  const out = new Map<string, string>();
  for (const c of cases) {
    const file = path.join(dir, `${c.name}.xlsx`);
    await fs.writeFile(file, await c.build());
    out.set(c.name, file);
  }
  return out;
}

if (require.main === module) {
  const dir = process.argv[2] ?? 'test/output/hostile';
  writeAll(dir).then((m) => console.log([...m.values()].join('\n')));
}
