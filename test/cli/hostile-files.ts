/**
 * Workbooks that no batch may be stopped by (test/cli/bounds.test.ts), built at test time as minimal .xlsx
 * packages with fflate: a sheet so large that checking it takes long (for a small time bound), and a
 * shared-strings part so large that reading it needs more memory than a small memory bound.
 */
import { strToU8, zipSync } from 'fflate';

export function sheetPackage(sheet: string | string[], sharedStrings?: string): Uint8Array {
  const sheets = typeof sheet === 'string' ? [sheet] : sheet;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map(
            (_, k) =>
              `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        (sharedStrings
          ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          : '') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets>${sheets.map((_, k) => `<sheet name="Sheet${k + 1}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets
          .map(
            (_, k) =>
              `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`,
          )
          .join('') +
        (sharedStrings
          ? '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          : '') +
        '</Relationships>',
    ),
  };
  sheets.forEach((xml, k) => (files[`xl/worksheets/sheet${k + 1}.xml`] = strToU8(xml)));
  if (sharedStrings) files['xl/sharedStrings.xml'] = strToU8(sharedStrings);
  return zipSync(files, { level: 1 });
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** `rows` rows of ten numeric cells each: reading and scanning them takes time in proportion. */
export function slowSheet(rows: number): Uint8Array {
  return sheetPackage(sheetXml(rows));
}

/**
 * `sheets` sheets of `rows` rows of ten cells: every part is small (the pre-check of the part sizes lets the
 * file through), but the cells of all sheets together need more memory than a small bound.
 */
export function manySheets(sheets: number, rows: number): Uint8Array {
  const xml = sheetXml(rows);
  return sheetPackage(Array.from({ length: sheets }, () => xml));
}

function sheetXml(rows: number): string {
  const parts: string[] = [SHEET_HEAD];
  const cols = 'ABCDEFGHIJ';
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols.length; c++) row += `<c r="${cols[c]}${r}"><v>${r * 10 + c}</v></c>`;
    parts.push(row + '</row>');
  }
  parts.push(SHEET_TAIL);
  return parts.join('');
}

/** A shared-strings part of `count` distinct strings of `length` characters (one cell uses the first). */
export function hugeSharedStrings(count: number, length = 40): Uint8Array {
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">`,
  ];
  const pad = 'x'.repeat(length);
  for (let i = 0; i < count; i++) parts.push(`<si><t>${i}${pad}</t></si>`);
  parts.push('</sst>');
  return sheetPackage(`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`, parts.join(''));
}
