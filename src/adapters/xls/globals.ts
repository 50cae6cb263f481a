/**
 * The workbook globals substream of a BIFF8 stream: its BOF, DATEMODE, FORMAT and XF records (how numbers are shown),
 * BOUNDSHEET8 (the sheets and where their substreams start), the SST; FILEPASS (an encrypted file) refuses.
 */
import { BiffError, RT, Records, corrupt, readSst, recordString } from './records';

/** BOF records of BIFF2, BIFF3 and BIFF4 ([MS-XLS] 2.4.21 names only the BIFF8 one, 0x0809). */
const OLD_BOFS = new Set([0x0009, 0x0209, 0x0409]);
/** BOF dt values ([MS-XLS] 2.4.21). */
const DT_GLOBALS = 0x0005;
export const DT_WORKSHEET = 0x0010;

/** A sheet as BOUNDSHEET8 lists it. */
export interface SheetEntry {
  name: string;
  pos: number;
  hidden: boolean;
  /** BOUNDSHEET8 dt: 0 worksheet or dialog sheet, 1 macro sheet, 2 chart sheet, 6 VB module. */
  dt: number;
}

/** What the globals say: the date system, number formats per XF, the sheets, the shared strings; `end` where they end. */
export interface Globals {
  date1904: boolean;
  formats: Map<number, string>;
  xfFormat: number[];
  sheets: SheetEntry[];
  sst: string[];
  end: number;
}

/** The BOF record `r` opening a substream of type `dt` (BIFF8 only). */
function checkBof(r: Records, dt: number, what: string): void {
  if (OLD_BOFS.has(r.type)) throw new BiffError('old');
  if (r.type !== RT.BOF) corrupt(`${what}不以 BOF 记录开头`);
  r.need(4, 'BOF');
  if (r.u16(0) !== 0x0600) throw new BiffError('old');
  if (r.u16(2) !== dt) corrupt(`${what}的类型不对`);
}

/** The globals substream at the start of the stream. */
export function readGlobals(data: Uint8Array): Globals {
  const r = new Records(data, 0, data.length);
  if (!r.next()) corrupt('工作簿数据流是空的');
  checkBof(r, DT_GLOBALS, '工作簿数据流');
  const g: Globals = { date1904: false, formats: new Map(), xfFormat: [], sheets: [], sst: [], end: 0 };
  while (r.next()) {
    switch (r.type) {
      case RT.EOF:
        g.end = r.pos;
        return g;
      case RT.FILEPASS:
        throw new BiffError('password');
      case RT.DATEMODE:
        r.need(2, 'DATEMODE');
        g.date1904 = r.u16(0) === 1;
        break;
      case RT.FORMAT:
        r.need(2, 'FORMAT');
        g.formats.set(r.u16(0), recordString(r, 2, 2, 'FORMAT'));
        break;
      case RT.XF:
        r.need(4, 'XF');
        g.xfFormat.push(r.u16(2));
        break;
      case RT.BOUNDSHEET8:
        r.need(8, 'BOUNDSHEET');
        g.sheets.push({ pos: r.u32(0), hidden: (r.u8(4) & 3) !== 0, dt: r.u8(5), name: recordString(r, 6, 1, 'BOUNDSHEET') });
        break;
      case RT.SST:
        g.sst = readSst(r.withContinues());
        break;
      case RT.BOF:
        corrupt('工作簿全局记录中出现了嵌套的 BOF');
    }
  }
  return corrupt('工作簿全局记录不完整（没有 EOF）');
}
