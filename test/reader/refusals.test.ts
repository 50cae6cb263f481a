/**
 * Files the .xlsx reader refuses, each with a WorkbookReadError whose Chinese message names the reason
 * (asserted by its key phrase, not the exact text). The zip bomb is assembled here at test time (never
 * committed); the other files are in test/fixtures/odd (make.ts).
 */
import { expectRefusal, oddPath, rawZip, repeatedDeflate } from './helpers';

// a hang guard (an expanded billion laughs would never finish), not a time bound: nothing here is timed
jest.setTimeout(10_000);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** A valid package whose one worksheet is `sheet` (deflated elsewhere); `declaredSize` lets the headers lie. */
function bomb(declaredSize?: number): { zip: Buffer; expanded: number } {
  const sheet = repeatedDeflate(
    `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}"><sheetData>`,
    '<row/>'.repeat(1 << 18),
    128,
    '</sheetData></worksheet>',
  );
  const zip = rawZip([
    {
      name: '[Content_Types].xml',
      data: utf8(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: utf8(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: utf8(
        `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: utf8(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', deflated: sheet, declaredSize },
  ]);
  return { zip, expanded: sheet.size };
}

test('zip bomb: a worksheet of 200 MB of repeated <row/> in a small zip is refused (解压后超过)', async () => {
  const honest = bomb();
  expect(honest.expanded).toBeGreaterThan(200_000_000);
  expect(honest.zip.length).toBeLessThan(1_000_000);
  // (33 million <row/>: far past Excel's 1,048,576 rows too, but the size bound must stop it before rows are counted)
  expect(honest.expanded / '<row/>'.length).toBeGreaterThan(1_048_576);
  await expectRefusal(honest.zip, /解压后超过/);
  // the same stream with headers claiming 1,000 bytes: inflating must stop at the bound (or notice the lie)
  const lying = bomb(1000);
  await expectRefusal(lying.zip, /解压后超过|文件已损坏/);
});

test('a DOCTYPE with entity declarations (billion laughs) in a worksheet is refused, never expanded', async () => {
  const err = await expectRefusal(oddPath('refuse-doctype-sheet.xlsx'), /DOCTYPE/);
  expect(err.message).not.toMatch(/哈哈/);
});

test('a DOCTYPE with entity declarations (billion laughs) in sharedStrings is refused, never expanded', async () => {
  const err = await expectRefusal(oddPath('refuse-doctype-sst.xlsx'), /DOCTYPE/);
  expect(err.message).not.toMatch(/哈哈/);
});

test('malformed XML in a worksheet is refused (文件已损坏)', async () => {
  await expectRefusal(oddPath('refuse-malformed-sheet.xlsx'), /文件已损坏/);
});

test('a zip without a workbook part is refused (没有工作簿)', async () => {
  await expectRefusal(oddPath('refuse-no-workbook.xlsx'), /没有工作簿/);
});

test('an .xlsb-style zip (xl/workbook.bin) is refused (xlsb)', async () => {
  await expectRefusal(oddPath('refuse-xlsb.xlsx'), /xlsb/);
});

test('random bytes after a "PK" signature are refused (文件已损坏)', async () => {
  await expectRefusal(oddPath('refuse-pk-noise.xlsx'), /文件已损坏/);
  await expectRefusal(oddPath('refuse-pk0304-noise.xlsx'), /文件已损坏/);
});
