/**
 * Batches that no file can stop (issue #12, part 3): every file is checked in its own worker thread with a
 * time and a memory bound (small bounds here, through JXMB_FILE_TIMEOUT_MS / JXMB_FILE_MEMORY_MB), also with
 * --jobs 1; a file that hits a bound gets one line and the batch goes on; a FIFO named .xlsx is never opened;
 * good files are reported exactly as when checked alone; the table report comes out file by file.
 */
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DEFAULT_FILE_MEMORY_MB, DEFAULT_FILE_TIMEOUT_MS, MIN_FILE_MEMORY_MB, fileBounds, timeoutMessage } from '../../src/cli/pool';
import { CLEAN, EXAMPLE, HENGDONG, ROOT, buildCliBundle, run } from './helpers';
import { hugeSharedStrings, manySheets, slowSheet } from './hostile-files';

jest.setTimeout(300_000);

let bin: string;
let tmp: string;
let good: string[];
let slow: string;
let sst: string;
let many: string;
let fifo: string | null = null;

/**
 * Time bound of the slow case. The slow file is checked for ever (JXMB_TEST_STALL, src/cli/worker.ts), so
 * only the bound ends it, on any machine; good files take a fraction of the bound even on a busy one.
 */
const TIMEOUT_MS = 8000;
const STALL = { JXMB_TEST_STALL: 'b-slow.xlsx' };
/** Memory bound of the shared-strings case (the good files need well under it). */
const MEMORY_MB = 64;

beforeAll(() => {
  bin = buildCliBundle('bounds');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-bounds-'));
  const dir = path.join(tmp, 'in');
  fs.mkdirSync(dir);
  good = [
    ['a-example.xlsx', EXAMPLE],
    ['c-clean.xlsx', CLEAN],
    ['e-hengdong.xlsx', HENGDONG],
  ].map(([name, src]) => {
    fs.copyFileSync(src, path.join(dir, name));
    return path.join(dir, name);
  });
  slow = path.join(dir, 'b-slow.xlsx');
  fs.writeFileSync(slow, slowSheet(2_000));
  sst = path.join(dir, 'd-strings.xlsx');
  fs.writeFileSync(sst, hugeSharedStrings(1_000_000));
  // outside the folder of the time case (checking it takes seconds)
  many = path.join(tmp, 'g-many.xlsx');
  fs.writeFileSync(many, manySheets(12, 20_000));
  try {
    execFileSync('mkfifo', [path.join(dir, 'f-pipe.xlsx')]);
    fifo = path.join(dir, 'f-pipe.xlsx');
  } catch {
    fifo = null; // no mkfifo here (Windows)
  }
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface JsonFile {
  file: string;
  error?: string;
}

const alone = new Map<string, JsonFile>();
function checkedAlone(file: string): JsonFile {
  if (!alone.has(file)) {
    const r = run(bin, ['--format', 'json', '--jobs', '1', file]);
    alone.set(file, JSON.parse(r.out).files[0]);
  }
  return alone.get(file)!;
}

test('the bounds: defaults, the environment, the floor of the memory bound', () => {
  expect(fileBounds({})).toEqual({ timeoutMs: DEFAULT_FILE_TIMEOUT_MS, memoryMb: DEFAULT_FILE_MEMORY_MB });
  expect(DEFAULT_FILE_TIMEOUT_MS).toBe(120_000);
  expect(DEFAULT_FILE_MEMORY_MB).toBe(1024);
  expect(fileBounds({ JXMB_FILE_TIMEOUT_MS: '500', JXMB_FILE_MEMORY_MB: '200' })).toEqual({ timeoutMs: 500, memoryMb: 200 });
  expect(fileBounds({ JXMB_FILE_TIMEOUT_MS: 'x', JXMB_FILE_MEMORY_MB: '0' })).toEqual({
    timeoutMs: DEFAULT_FILE_TIMEOUT_MS,
    memoryMb: DEFAULT_FILE_MEMORY_MB,
  });
  expect(fileBounds({ JXMB_FILE_MEMORY_MB: '8' }).memoryMb).toBe(MIN_FILE_MEMORY_MB);
  expect(timeoutMessage(120_000)).toBe('超过时间限制（120 秒），已跳过');
  expect(timeoutMessage(2500)).toBe('超过时间限制（2.5 秒），已跳过');
});

describe.each([['1'], ['2']])('--jobs %s', (jobs) => {
  test('a file over the time bound is skipped with one line; the FIFO is not opened; good files as alone', () => {
    const dir = path.dirname(slow);
    const r = run(bin, ['--format', 'json', '--jobs', jobs, dir], {
      env: { ...STALL, JXMB_FILE_TIMEOUT_MS: String(TIMEOUT_MS), JXMB_FILE_MEMORY_MB: '1024' },
      timeout: 120_000,
    });
    expect(r.code).toBe(2);
    const files: JsonFile[] = JSON.parse(r.out).files;
    // the FIFO is not among the files: it is never opened (the run would block for ever on it)
    expect(files.map((f) => path.basename(f.file))).toEqual([
      'a-example.xlsx',
      'b-slow.xlsx',
      'c-clean.xlsx',
      'd-strings.xlsx',
      'e-hengdong.xlsx',
    ]);
    expect(files[1].error).toBe(timeoutMessage(TIMEOUT_MS));
    for (const g of good) expect(files.find((f) => f.file === g)).toEqual(checkedAlone(g));
  });

  test('files over the memory bound are skipped with one line each; good files as alone', () => {
    // d-strings: one part too large for the bound (skipped before it is read); g-many: small parts whose cells
    // together exceed the bound (the worker runs out of memory and is stopped)
    const files = [good[0], sst, good[1], many, good[2]];
    const env = { JXMB_FILE_MEMORY_MB: String(MEMORY_MB) };
    const r = run(bin, ['--jobs', jobs, ...files], { env, timeout: 120_000 });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`无法检查 ${sst}：内存不足，已跳过\n无法检查 ${many}：内存不足，已跳过\n`);
    const json = run(bin, ['--format', 'json', '--jobs', jobs, ...files], { env, timeout: 120_000 });
    const doc: JsonFile[] = JSON.parse(json.out).files;
    expect(doc[1]).toEqual({ file: sst, error: '内存不足，已跳过', tables: [], findings: [] });
    expect(doc[3]).toEqual({ file: many, error: '内存不足，已跳过', tables: [], findings: [] });
    for (const g of good) expect(doc.find((f) => f.file === g)).toEqual(checkedAlone(g));
  });
});

test('a FIFO named on the command line gets one line and is not opened', () => {
  if (!fifo) return;
  const r = run(bin, [fifo, CLEAN], { timeout: 60_000 });
  expect(r.code).toBe(2);
  expect(r.err).toBe(`无法检查 ${fifo}：不是普通文件（可能是管道或设备），未打开\n`);
});

test('the table report is printed file by file: file 1 is on stdout while file 2 is still being checked', async () => {
  const child = spawn(process.execPath, [bin, '--jobs', '1', good[0], slow], {
    cwd: ROOT,
    env: { ...process.env, ...STALL, JXMB_FILE_TIMEOUT_MS: '60000', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  const seen = new Promise<string>((resolve) => {
    child.stdout.on('data', (d: string) => {
      out += d;
      if (/小计：7 张表/.test(out)) resolve(out);
    });
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const first = await seen;
  // the first file's report is complete, the second file's is not there yet, nor the totals
  expect(first).toMatch(new RegExp(`^文件：${good[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
  expect(first).not.toContain('b-slow.xlsx');
  expect(first).not.toContain('汇总：');
  child.kill('SIGTERM');
  await exited;
});

test('the streamed table report is the same text as the whole report rendered at once (toTable)', async () => {
  const { toTable } = await import('../../src/cli/report');
  const { checkFiles } = await import('../../src/cli/pool');
  const { resolveConfig } = await import('../../src/core/config');
  const files = [good[0], path.join(tmp, 'missing.xlsx'), good[1], good[2]];
  const table = run(bin, ['--jobs', '2', ...files]);
  expect(table.code).toBe(2);
  // in this thread (jest runs the TypeScript sources: no worker script), all at once
  const results = await checkFiles(files, { config: resolveConfig({}), annotate: null, jobs: 1 });
  expect(table.out).toBe(toTable(results) + '\n');
});

test('largestPartSize reads the declared sizes from the central directory (null when it is no zip)', async () => {
  const { largestPartSize } = await import('../../src/adapters/xlsx/zip');
  const { unzipSync } = await import('fflate');
  const bytes = fs.readFileSync(EXAMPLE);
  const parts = unzipSync(new Uint8Array(bytes));
  expect(largestPartSize(bytes)).toBe(Math.max(...Object.values(parts).map((p) => p.length)));
  expect(largestPartSize(new TextEncoder().encode('PK not a zip at all, just text'))).toBeNull();
  expect(largestPartSize(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBeNull();
});
