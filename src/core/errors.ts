/**
 * Excel's error values as the grid holds them: their literal text, the way every reader and Office.js
 * (Range.values) give a cell whose value or formula result is an error. Typing one of these in Excel also
 * enters the error value itself, so a cell holding this text is an error value.
 */
export const FORMULA_ERROR_RE =
  /^#(DIV\/0!|N\/A|VALUE!|NAME\?|REF!|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)$/;

/** Whether a cell's text (trimmed) is an Excel error value such as #REF!. */
export function isErrorValue(text: string): boolean {
  const t = text.trim();
  return t.charCodeAt(0) === 0x23 /* # */ && FORMULA_ERROR_RE.test(t);
}
