/**
 * The checker page's Web Worker: reads each file with the command line's readers, checks it with the core,
 * and keeps the bytes and the grid so that the page can ask for the cells around a finding, the annotated
 * copy (the command line's lossless writer) and the summary workbook. Nothing here touches the network.
 *
 * The page cancels by terminating the worker (the only way to stop a long read or check) and starts a new one.
 */
import { isZip, readWorkbookBytes, WorkbookReadError } from '../adapters/file/read';
import { annotateXlsx } from '../adapters/xlsx/annotate';
import { checkWorkbook } from '../core/check';
import type { CheckResult } from '../core/findings';
import { cellAt, type SheetGrid, type WorkbookGrid } from '../core/grid';
import { numberToPlain } from '../core/text';
import type { FileResult } from '../cli/report';
import { copyCell, summaryBook, summaryRows } from '../report/summary';
import type { CellWindow, Reply, Request } from './protocol';

interface Held {
  name: string;
  bytes: Uint8Array;
  grid: WorkbookGrid;
  result: CheckResult;
}

const held = new Map<number, Held>();

const post = (m: Reply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

/** The bytes as a buffer of their own, to hand to the page without a copy (our writers' output already is one). */
function transferable(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
}

function shown(v: ReturnType<typeof cellAt>): string {
  if (v === null) return '';
  if (typeof v === 'number') return numberToPlain(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

/** The cells of `rows` × `cols` from (top, left), as shown, with the merged areas and hidden rows and columns there. */
export function cellWindow(sheet: SheetGrid, top: number, left: number, rows: number, cols: number): CellWindow {
  const cells: string[][] = [];
  for (let r = top; r < top + rows; r++) {
    const line: string[] = [];
    for (let c = left; c < left + cols; c++) line.push(shown(cellAt(sheet, r, c)));
    cells.push(line);
  }
  const bottom = top + rows - 1;
  const right = left + cols - 1;
  const merges = sheet.merges.filter((m) => m.top <= bottom && m.bottom >= top && m.left <= right && m.right >= left);
  const within = (list: number[] | undefined, lo: number, hi: number) => (list ?? []).filter((x) => x >= lo && x <= hi);
  return {
    sheet: sheet.name,
    top,
    left,
    cells,
    merges,
    hiddenRows: within(sheet.hiddenRows, top, bottom),
    hiddenCols: within(sheet.hiddenCols, left, right),
  };
}

async function handle(m: Request): Promise<void> {
  switch (m.kind) {
    case 'check': {
      const bytes = new Uint8Array(m.bytes);
      try {
        post({ kind: 'progress', id: m.id, stage: 'read' });
        const grid = await readWorkbookBytes(bytes);
        post({ kind: 'progress', id: m.id, stage: 'check' });
        const result = checkWorkbook(grid, m.config);
        held.set(m.id, { name: m.name, bytes, grid, result });
        post({ kind: 'checked', id: m.id, result, format: isZip(bytes) ? 'xlsx' : 'xls' });
      } catch (e) {
        const error = e instanceof WorkbookReadError ? e.message : `检查时出错：${(e as Error).message}`;
        post({ kind: 'failed', id: m.id, error });
      }
      return;
    }
    case 'window': {
      const h = held.get(m.id);
      const sheet = h?.grid.sheets.find((s) => s.name === m.sheet);
      post({ kind: 'window', id: m.id, window: sheet ? cellWindow(sheet, m.top, m.left, m.rows, m.cols) : null });
      return;
    }
    case 'annotate': {
      const h = held.get(m.id);
      if (!h || !isZip(h.bytes)) {
        post({ kind: 'annotated', id: m.id, bytes: null, error: '该文件不能生成标注副本' });
        return;
      }
      try {
        const out = annotateXlsx(h.bytes, h.result.findings);
        const buf = transferable(out);
        post({ kind: 'annotated', id: m.id, bytes: buf }, [buf]);
      } catch (e) {
        post({
          kind: 'annotated',
          id: m.id,
          bytes: null,
          error: e instanceof WorkbookReadError ? e.message : `生成标注副本时出错：${(e as Error).message}`,
        });
      }
      return;
    }
    case 'summary': {
      try {
        const results: FileResult[] = m.files.map((f) =>
          f.result ? { file: f.name, result: f.result } : { file: f.name, error: f.error ?? '无法读取' },
        );
        const rows = summaryRows(results, (i) => {
          const name = m.files[i].copyName;
          return name ? copyCell(name) : null;
        });
        const out = summaryBook(rows);
        const buf = transferable(out);
        post({ kind: 'summary', bytes: buf }, [buf]);
      } catch (e) {
        post({ kind: 'summary', bytes: null, error: `生成汇总表时出错：${(e as Error).message}` });
      }
      return;
    }
    case 'forget':
      held.delete(m.id);
      return;
  }
}

// messages are handled one at a time, in order (a check finishes before the next file is read)
let queue: Promise<void> = Promise.resolve();
self.onmessage = (e: MessageEvent<Request>) => {
  queue = queue.then(() => handle(e.data));
};
