/** Names of the files we write next to a user's workbook (browser-safe: works on a bare file name). */

/** The annotated copy of the file named `base` (no folder): X-已标注.xlsx, or X-已标注.xlsm for a macro-enabled X.xlsm. */
export function annotatedName(base: string): string {
  const ext = /\.xlsm$/i.test(base) ? '.xlsm' : '.xlsx';
  return base.replace(/\.(xlsx|xlsm|xls|et)$/i, '') + '-已标注' + ext;
}
