/** Office.js adapter of the add-in (task pane side). */
export { detectCapabilities, MIN_API } from './capabilities';
export type { Capabilities } from './capabilities';
export { OperationError, describeError } from './errors';
export type { DescribedError, ErrorKind } from './errors';
export { MARKS_SHEET, REPORT_SHEET, MARK_COLORS } from './marks';
export { clearMarks, exportReport, officeEnv, runCheck, selectCell } from './workbook';
export type { CheckOptions, CheckOutcome, ClearOutcome, OfficeEnv, Progress, SkippedSheet } from './workbook';
