/**
 * .xls (Excel 97–2003, BIFF8) bytes -> the core's grid. Browser-safe: no Node imports, Uint8Array only.
 *
 * The compound file container is read by ./cfb.ts, the Workbook stream by ./biff.ts; this module decides
 * what the container holds and turns every failure into a WorkbookReadError with a Chinese message.
 * What is read and what is refused: docs/xls.md.
 */
import type { WorkbookGrid } from '../../core/grid';
import { WorkbookReadError } from '../file/errors';
import { BiffError, readBiff8 } from './biff';
import { CfbError, CompoundFile, STREAM, type DirEntry } from './cfb';

export const XLS_MESSAGES = {
  password: '文件设置了打开密码；请在 Excel 或 WPS 中取消密码后再检查',
  old: '这是 Excel 95 或更早的格式；请在 Excel 或 WPS 中另存为 .xlsx 后再检查',
  notExcel: '不是 Excel 工作簿（可能是 Word 等其他文件）',
  wps: '无法读取该 WPS 表格文件；请在 WPS 中另存为 .xlsx 后再检查',
  corrupt: (reason: string) => `文件已损坏：${reason}`,
} as const;

/** Reads .xls (or a BIFF8 .et) bytes; throws WorkbookReadError with a Chinese reason for anything else. */
export function readXls(bytes: Uint8Array): WorkbookGrid {
  try {
    return readCompound(bytes);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    if (e instanceof CfbError) throw new WorkbookReadError(XLS_MESSAGES.corrupt(e.reason));
    if (e instanceof BiffError) throw new WorkbookReadError(e.kind === 'corrupt' ? XLS_MESSAGES.corrupt(e.reason) : XLS_MESSAGES[e.kind]);
    // a fault of this reader on a file it did not expect: still the one error callers handle (cause kept for tests)
    const err = new WorkbookReadError(XLS_MESSAGES.corrupt(`无法解析（${String((e as Error)?.message ?? e).slice(0, 60)}）`));
    (err as { cause?: unknown }).cause = e;
    throw err;
  }
}

function readCompound(bytes: Uint8Array): WorkbookGrid {
  const cf = new CompoundFile(bytes);
  const stream = (name: string): DirEntry | undefined => {
    const e = cf.find(name);
    return e && e.type === STREAM ? e : undefined;
  };
  // [MS-OFFCRYPTO] 2.3.4: an encrypted .xlsx/.docx is an OLE file holding EncryptionInfo and EncryptedPackage
  if (stream('EncryptionInfo') && stream('EncryptedPackage')) throw new WorkbookReadError(XLS_MESSAGES.password);
  // [MS-XLS] 2.1.2: BIFF8 lives in the stream "Workbook"; Excel 5.0/95 (BIFF5/BIFF7) wrote "Book". The BOF
  // record's version decides (a few third-party writers put BIFF8 in "Book"; BIFF5 in "Workbook" is refused too)
  const workbook = stream('Workbook') ?? stream('Book');
  if (workbook) {
    try {
      return readBiff8(cf.read(workbook));
    } catch (e) {
      if (e instanceof BiffError && e.kind === 'old') throw new WorkbookReadError(isWps(cf) ? XLS_MESSAGES.wps : XLS_MESSAGES.old);
      throw e;
    }
  }
  // a Word or PowerPoint file (WPS writes these too: its name in them does not make them spreadsheets)
  if (stream('WordDocument') || stream('PowerPoint Document')) throw new WorkbookReadError(XLS_MESSAGES.notExcel);
  if (isWps(cf)) throw new WorkbookReadError(XLS_MESSAGES.wps);
  throw new WorkbookReadError(XLS_MESSAGES.notExcel);
}

const WPS_MARKS = ['WPS', 'Kingsoft', 'KSO'];

/**
 * Whether the file was written by WPS Office (Kingsoft): its summary information (application name) or
 * CompObj (user type) names it. A heuristic, used only to word the refusal of a file that is not BIFF8.
 */
function isWps(cf: CompoundFile): boolean {
  for (const name of ['\u0005SummaryInformation', '\u0005DocumentSummaryInformation', '\u0001CompObj', 'CompObj']) {
    const e = cf.find(name);
    if (!e || e.type !== STREAM || e.size > 65536) continue;
    let text: string;
    try {
      const b = cf.read(e);
      let ascii = '';
      let utf16 = '';
      for (let i = 0; i < b.length; i++) ascii += b[i] >= 0x20 && b[i] < 0x7f ? String.fromCharCode(b[i]) : ' ';
      for (let i = 0; i + 1 < b.length; i += 2) utf16 += String.fromCharCode(b[i] | (b[i + 1] << 8));
      text = `${ascii}\n${utf16}`;
    } catch {
      continue;
    }
    if (WPS_MARKS.some((m) => text.includes(m))) return true;
  }
  return false;
}
