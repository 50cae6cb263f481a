/** The layout of a worksheet part as the package writers need it: rows and cells with their tags, columns, merges. */
import { NS_MAIN_STRICT, NS_R, NS_R_STRICT } from './package';
import { type Tag, attr, attrLocal, parseRef, prefixOf, scanTags } from './xml-edit';

export interface SheetScan {
  prefix: string;
  rNsPrefix: string | null;
  strict: boolean;
  sheetData: { open: Tag; close: Tag | null } | null;
  rows: { row: number; open: Tag; close: Tag | null; style: number | null; cells: { row: number; col: number; tag: Tag }[] }[];
  cols: { min: number; max: number; style: number }[];
  merges: { top: number; left: number; bottom: number; right: number }[];
  legacyDrawingId: string | null;
  /** Where a new legacyDrawing element goes. */
  legacyAt: number;
  problem: string | null;
}

export function scanSheet(xml: string): SheetScan {
  const s: SheetScan = {
    prefix: '',
    rNsPrefix: null,
    strict: false,
    sheetData: null,
    rows: [],
    cols: [],
    merges: [],
    legacyDrawingId: null,
    legacyAt: -1,
    problem: null,
  };
  const after = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
  let row = -1;
  let col = -1;
  let inData = false;
  let current: SheetScan['rows'][number] | null = null;
  scanTags(xml, (tag, depth) => {
    if (depth === 0) {
      if (tag.kind !== 'close') {
        s.prefix = prefixOf(tag);
        for (const a of tag.attrs) {
          if ((a.value === NS_R || a.value === NS_R_STRICT) && a.name.startsWith('xmlns:')) s.rNsPrefix = a.name.slice(6);
          if (a.value === NS_MAIN_STRICT || a.value === NS_R_STRICT) s.strict = true;
        }
      } else if (s.legacyAt < 0) s.legacyAt = tag.start;
      return;
    }
    if (depth === 1 && tag.kind !== 'close' && s.legacyAt < 0 && after.includes(tag.name)) s.legacyAt = tag.start;
    if (depth === 1 && tag.name === 'legacyDrawing' && tag.kind !== 'close') s.legacyDrawingId = attrLocal(tag, 'id')?.value ?? '';
    if (depth === 1 && tag.name === 'sheetData') {
      if (tag.kind === 'close') {
        s.sheetData!.close = tag;
        inData = false;
      } else {
        s.sheetData = { open: tag, close: null };
        inData = tag.kind === 'open';
      }
      return;
    }
    if (depth === 2 && tag.name === 'col' && tag.kind !== 'close') {
      const min = Number(attr(tag, 'min')?.value);
      const max = Number(attr(tag, 'max')?.value ?? attr(tag, 'min')?.value);
      const style = Number(attr(tag, 'style')?.value ?? 0);
      if (Number.isInteger(min) && Number.isInteger(max) && style > 0) s.cols.push({ min: min - 1, max: max - 1, style });
      return;
    }
    if (depth === 2 && tag.name === 'mergeCell' && tag.kind !== 'close') {
      const ref = attr(tag, 'ref')?.value ?? '';
      const [a, b = a] = ref.split(':');
      const [r0, c0] = parseRef(a);
      const [r1, c1] = parseRef(b);
      if (r0 >= 0 && c0 >= 0 && r1 >= 0 && c1 >= 0)
        s.merges.push({ top: Math.min(r0, r1), left: Math.min(c0, c1), bottom: Math.max(r0, r1), right: Math.max(c0, c1) });
      return;
    }
    if (!inData) return;
    if (depth === 2 && tag.name === 'row') {
      if (tag.kind === 'close') {
        current!.close = tag;
        return;
      }
      // as the reader does: a row without r follows the previous one
      const ref = attr(tag, 'r')?.value;
      const r = ref ? parseInt(ref, 10) - 1 : row + 1;
      row = Number.isFinite(r) ? r : row + 1;
      col = -1;
      const custom = attr(tag, 'customFormat')?.value;
      const st = attr(tag, 's')?.value;
      current = { row, open: tag, close: null, style: (custom === '1' || custom === 'true') && st ? Number(st) : null, cells: [] };
      s.rows.push(current);
      return;
    }
    if (depth === 3 && tag.name === 'c' && tag.kind !== 'close' && current) {
      const ref = attr(tag, 'r')?.value;
      if (ref) {
        const [rr, cc] = parseRef(ref);
        col = cc >= 0 ? cc : col + 1;
        if (rr >= 0) row = rr;
      } else col++;
      if (row !== current.row) s.problem = `cell ${ref ?? '(no r)'} is not in its row ${current.row + 1}`;
      current.cells.push({ row, col, tag });
    }
  });
  return s;
}
