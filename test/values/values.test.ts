/**
 * Values as written: a real table (layout B, 北戴河, written by exceljs) whose cells are then rewritten the way
 * other tools store them (error values, exponent form, t="d" dates, the 1904 date system, phonetic runs,
 * a shared formula without its master). Expected findings are written from what each cell holds.
 *
 * The clean table: C4 预算数 10, E4 财政资金 8, G4 其他资金 2, B7..F7 spending plan, F10.. 指标值.
 */
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';
import { cleanB } from '../fixtures/data';
import { writeTable } from '../fixtures/layouts';

async function tableB(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  writeTable(wb.addWorksheet('项目表'), 1, 1, { layout: 'B', data: cleanB });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Replaces whole cells (`<c r="E4" …>…</c>`) of sheet1, and optionally other XML of a part. */
function patch(bytes: Uint8Array, cells: Record<string, string>, parts: Record<string, (xml: string) => string> = {}): Uint8Array {
  const files = unzipSync(bytes);
  let sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  for (const [ref, xml] of Object.entries(cells)) {
    const re = new RegExp(`<c r="${ref}"(?: [^>]*)?(?:/>|>[\\s\\S]*?</c>)`);
    expect(re.test(sheet)).toBe(true);
    sheet = sheet.replace(re, xml);
  }
  files['xl/worksheets/sheet1.xml'] = strToU8(sheet);
  for (const [name, edit] of Object.entries(parts)) files[name] = strToU8(edit(strFromU8(files[name])));
  return zipSync(files);
}

async function findings(bytes: Uint8Array): Promise<string[]> {
  const r = checkWorkbook(await readWorkbookGrid(bytes));
  return r.findings.map((f) => `${f.cell} ${f.code} ${f.message}`);
}

test('the clean table has no findings (the baseline of every case below)', async () => {
  expect(await findings(await tableB())).toEqual([]);
});

test('an error value in a source is reported, never counted as 0 (10 = #REF! + 2 is not checked as 10 = 2)', async () => {
  const f = await findings(patch(await tableB(), { E4: '<c r="E4" t="e"><f>X1*2</f><v>#REF!</v></c>' }));
  expect(f).toEqual(['E4 sum-mismatch 「财政资金」是错误值 #REF!，无法核对金额；请检查该单元格的公式或直接填写金额']);
});

test('#DIV/0! in 预算数: reported as an error value, no amount "0万元" read from its name', async () => {
  const f = await findings(patch(await tableB(), { C4: '<c r="C4" t="e"><f>E4/0</f><v>#DIV/0!</v></c>' }));
  expect(f).toEqual(['C4 sum-mismatch 「预算数」是错误值 #DIV/0!，无法核对金额；请检查该单元格的公式或直接填写金额']);
});

test('an amount in exponent form keeps its exponent: 8 replaced by 2E+21 makes the sources disagree with 10', async () => {
  const f = await findings(patch(await tableB(), { E4: '<c r="E4"><v>2E+21</v></c>' }));
  expect(f).toEqual(['C4 sum-mismatch 「预算数」10万元不等于财政资金、其他资金之和2E+21万元']);
});

test('a t="d" date in 预算数 is a date, never 2024万元', async () => {
  const f = await findings(patch(await tableB(), { C4: '<c r="C4" t="d"><v>2024-03-15T00:00:00</v></c>' }));
  expect(f).toEqual(['C4 missing-field 「预算数」的内容「2024-03-15」无法识别为金额']);
});

test('date1904="true": a date serial is read in the 1904 system (45000 → 2027-03-16, not 2023-03-15)', async () => {
  const base = patch(
    await tableB(),
    { C4: '<c r="C4" s="99"><v>45000</v></c>' },
    {
      'xl/workbook.xml': (x) => x.replace(/<workbookPr([^>]*?)\/>/, '<workbookPr$1 date1904="true"/>'),
      // a cell format 99 with the built-in date format 14
      'xl/styles.xml': (x) =>
        x.replace(
          /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/,
          (_, n, xfs) =>
            `<cellXfs count="${Number(n) + 1}">${xfs}${'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'.repeat(99 - Number(n))}<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`,
        ),
    },
  );
  expect(await findings(base)).toEqual(['C4 missing-field 「预算数」的内容「2027-03-16」无法识别为金额']);
});

test('a phonetic run inside the 项目名称 label does not hide the label: the table is found, clean', async () => {
  const bytes = await tableB();
  const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
  const ref = /<c r="([A-Z]+3)"[^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/g;
  const strings = strFromU8(unzipSync(bytes)['xl/sharedStrings.xml']).match(/<si>[\s\S]*?<\/si>/g)!;
  const at = [...sheet.matchAll(ref)].find((m) => strings[Number(m[2])].includes('>项目名称<'))![1];
  const f = await findings(
    patch(bytes, {
      [at]: `<c r="${at}" t="inlineStr"><is><r><t>项目</t></r><r><t>名称</t></r><rPh sb="0" eb="4"><t>xiangmumingcheng</t></rPh></is></c>`,
    }),
  );
  expect(f).toEqual([]);
  const grid = await readWorkbookGrid(
    patch(bytes, { [at]: `<c r="${at}" t="inlineStr"><is><t>项目名称</t><rPh sb="0" eb="4"><t>こう</t></rPh></is></c>` }),
  );
  expect(checkWorkbook(grid).tables.map((t) => t.name)).toEqual(['农村干部健康体检经费']);
});

test('a shared formula whose master is missing is an empty 指标值, never "[object Object]"', async () => {
  const f = await findings(patch(await tableB(), { F10: '<c r="F10"><f t="shared" si="7"/></c>' }));
  expect(f).toEqual(['F10 missing-value 三级指标「体检人数」的指标值未填写']);
});

describe('numbers in messages as Excel shows them', () => {
  // (imported here: the money module is pure core)
  const { Decimal, fmt } = jest.requireActual('../../src/core/money') as typeof import('../../src/core/money');
  const { numberToPlain } = jest.requireActual('../../src/core/text') as typeof import('../../src/core/text');
  test.each([
    ['10', '10'],
    ['8.05', '8.05'],
    ['-3.5', '-3.5'],
    ['0', '0'],
    ['123456789012345', '123456789012345'],
    ['1234567890123456', '1.23456789012346E+15'],
    ['123456789012345678901234567890', '1.23456789012346E+29'],
    ['2000000000000000000002', '2E+21'],
    ['0.000000001', '0.000000001'],
    ['0.00000000012', '1.2E-10'],
  ])('fmt(%s) = %s', (d, shown) => expect(fmt(new Decimal(d))).toBe(shown));
  test.each([
    [2e21, '2000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-325, '-325'],
    [1e308, '1' + '0'.repeat(308)],
    [0.3, '0.3'],
  ])('numberToPlain(%p) has no exponent', (n, plain) => expect(numberToPlain(n)).toBe(plain));
});

describe('sheet bounds', () => {
  async function withBlock(gap: number): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目表');
    const rect = writeTable(ws, 1, 1, { layout: 'B', data: cleanB });
    // a block of other data below the table: an ordinary budget list
    const start = rect.bottom + 1 + gap + 1;
    ws.getRow(start).values = ['科目编码', '科目名称', '金额', '备注'];
    for (let i = 0; i < 8; i++) ws.getRow(start + 1 + i).values = [`2010${i}`, `行政运行${i}`, 3 + i, i % 2 ? '' : '待定'];
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test('5 blank rows end a table: the block of data below is not read into it', async () => {
    const r = checkWorkbook(await readWorkbookGrid(await withBlock(5)));
    expect(r.tables.map((t) => t.range)).toEqual(['A1:G17']);
    expect(r.findings).toEqual([]);
  });

  test('a cell past row 1,048,576 or column XFD is not in the grid (no finding can point outside the sheet)', async () => {
    const bytes = patch(
      await tableB(),
      {},
      {
        'xl/worksheets/sheet1.xml': (x) =>
          x.replace('</sheetData>', '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>项目名称</t></is></c></row></sheetData>'),
      },
    );
    const grid = await readWorkbookGrid(bytes);
    const s = grid.sheets[0];
    expect(s.rowOffset + s.cells.length).toBeLessThanOrEqual(1048576);
    expect(await findings(bytes)).toEqual([]);
  });
});
