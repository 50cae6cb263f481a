/**
 * A batch no file can stop (issue #12): 400 good files with every hostile case among them — a row numbered
 * 100,000,000, values in A and XFD on 100,000 rows, 1,000 whole-column merged areas, 30 areas reaching row
 * 9,999,999, 1.5 million shared strings, a FIFO named .xlsx, a 10 MB goal text and a 3 M-character text full of
 * amounts — finishes with --jobs 1 and --jobs 2 within the per-file bounds, and every good file is reported
 * exactly as when its source is checked alone. Nothing here is timed: the bounds end what they must.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import * as ExcelJS from 'exceljs';
import { cleanB } from '../fixtures/data';
import { writeTable } from '../fixtures/layouts';
import { CLEAN, EXAMPLE, HENGDONG, ROOT, buildCliBundle, run } from './helpers';
import { hugeSharedStrings, sheetPackage } from './hostile-files';

jest.setTimeout(600_000);

const SOURCES = [
  CLEAN,
  HENGDONG,
  EXAMPLE,
  path.join(ROOT, 'test/fixtures/layoutB-beidaihe.xlsx'),
  path.join(ROOT, 'test/fixtures/layoutD-suixi.xlsx'),
];
const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

function col(n: number): string {
  let s = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

async function tableWithGoal(text: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目表');
  writeTable(ws, 1, 1, { layout: 'B', data: cleanB });
  ws.getCell('B5').value = text;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

let bin: string;
let dir: string;
const hostile: string[] = [];
let fifo: string | null = null;
const alone = new Map<string, unknown>();

beforeAll(async () => {
  bin = buildCliBundle('batch');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-batch-'));
  for (let i = 0; i < 400; i++) fs.copyFileSync(SOURCES[i % SOURCES.length], path.join(dir, `good-${String(i).padStart(3, '0')}.xlsx`));
  const put = (name: string, bytes: Uint8Array) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    hostile.push(path.join(dir, name));
  };
  put(
    'h1-row-100000000.xlsx',
    sheetPackage(
      `${HEAD}<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="100000000"><c r="A100000000"><v>2</v></c></row></sheetData></worksheet>`,
    ),
  );
  const wide: string[] = [];
  for (let r = 1; r <= 100_000; r++) wide.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="XFD${r}"><v>${r}</v></c></row>`);
  put('h2-a-and-xfd.xlsx', sheetPackage(`${HEAD}<sheetData>${wide.join('')}</sheetData></worksheet>`));
  const columns: string[] = [];
  for (let c = 0; c < 1000; c++) columns.push(`<mergeCell ref="${col(c)}1:${col(c)}1048576"/>`);
  put(
    'h3-column-merges.xlsx',
    sheetPackage(
      `${HEAD}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>${columns.join('')}</mergeCells></worksheet>`,
    ),
  );
  const tall: string[] = [];
  for (let i = 0; i < 30; i++) tall.push(`<mergeCell ref="X${i * 2 + 1}:X9999999"/>`);
  put(
    'h4-tall-merges.xlsx',
    sheetPackage(
      `${HEAD}<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>${tall.join('')}</mergeCells></worksheet>`,
    ),
  );
  put('h5-strings-1.5m.xlsx', hugeSharedStrings(1_500_000));
  put('h6-goal-10mb.xlsx', await tableWithGoal('组织培训3期，每期费用1.5万元；'.repeat(700_000)));
  put('h7-amounts-3m.xlsx', await tableWithGoal('1万元+'.repeat(600_000)));
  try {
    execFileSync('mkfifo', [path.join(dir, 'h8-pipe.xlsx')]);
    fifo = path.join(dir, 'h8-pipe.xlsx');
  } catch {
    fifo = null;
  }
  for (const s of SOURCES) {
    const r = run(bin, ['--format', 'json', '--jobs', '1', s]);
    alone.set(s, JSON.parse(r.out).files[0]);
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const EXPECTED_OUTCOME: Record<string, string> = {
  'h1-row-100000000.xlsx': 'checked',
  'h2-a-and-xfd.xlsx': 'checked',
  'h3-column-merges.xlsx': 'checked',
  'h4-tall-merges.xlsx': 'checked',
  'h5-strings-1.5m.xlsx': 'checked',
  'h6-goal-10mb.xlsx': 'checked',
  'h7-amounts-3m.xlsx': 'checked',
};

const BOUND_LINES = [/^超过时间限制（\d+(\.\d+)? 秒），已跳过$/, /^内存不足，已跳过$/];

describe.each([['1'], ['2']])('--jobs %s', (jobs) => {
  test('the batch finishes; every good file as alone; every hostile file has a result or one bound line', () => {
    const r = run(bin, ['--format', 'json', '--jobs', jobs, dir], {
      env: { JXMB_FILE_TIMEOUT_MS: '15000', JXMB_FILE_MEMORY_MB: '512' },
      timeout: 560_000,
    });
    const files: { file: string; error?: string }[] = JSON.parse(r.out).files;
    const names = files.map((f) => path.basename(f.file));
    // the FIFO is never opened (nor listed: only regular files are read)
    expect(names).toEqual(
      fs
        .readdirSync(dir)
        .filter((n) => n !== 'h8-pipe.xlsx' || !fifo)
        .sort(),
    );
    files.forEach((f, i) => {
      if (i >= 400) return;
      const source = SOURCES[i % SOURCES.length];
      expect({ ...f, file: source }).toEqual({ ...(alone.get(source) as object), file: source });
    });
    expect(files).toHaveLength(400 + hostile.length);
    const outcome: Record<string, string> = {};
    for (const h of hostile) {
      const f = files.find((x) => x.file === h)!;
      if (f.error) expect(BOUND_LINES.some((re) => re.test(f.error!))).toBe(true);
      outcome[path.basename(h)] = f.error ?? 'checked';
    }
    // what each hostile case came to: the reader drops cells beyond Excel's sheet, keeps sparse rows sparse and
    // sweeps merged areas by row, and the text scans are linear, so every one is checked within the bounds (a
    // shared-strings part too large to inflate is refused by the reader: test/reader/refusals.test.ts; the bounds
    // themselves: bounds.test.ts)
    expect(outcome).toEqual(EXPECTED_OUTCOME);
    expect([1, 2]).toContain(r.code);
  });
});
