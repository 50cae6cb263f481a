/**
 * The command line's worker pool (src/cli/pool.ts): output order = input order, the JSON document,
 * the report and the exit code identical to --jobs 1, annotated copies with the same name written in
 * input order, progress only on a terminal, and a dying worker costs only its own file (the time and
 * memory bounds per file: test/cli/bounds.test.ts).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { checkFiles } from '../../src/cli/pool';
import type { FileResult } from '../../src/cli/report';
import { resolveConfig } from '../../src/core/config';
import { FIXTURE_FILES } from '../checker/fixture-files';
import { noteText } from '../cli/helpers';
import { ROOT, buildCliBundle, runCli } from './cli-bundle';

jest.setTimeout(60_000);

let bin: string;
let tmp: string;
let inputs: string[];

beforeAll(() => {
  bin = buildCliBundle('pool');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-pool-'));
  const corrupt = path.join(tmp, '损坏.xlsx');
  fs.writeFileSync(corrupt, 'PK\u0003\u0004 not a zip');
  // unreadable files among readable ones, so error lines must come out in input order
  inputs = [
    FIXTURE_FILES[0],
    path.join(tmp, 'missing-1.xlsx'),
    ...FIXTURE_FILES.slice(1, 4),
    corrupt,
    ...FIXTURE_FILES.slice(4),
    path.join(tmp, 'missing-2.xlsx'),
  ];
});

describe('--jobs N gives exactly what --jobs 1 gives', () => {
  test('JSON: the same document and exit code for 1, 2, 3 jobs and the default', () => {
    const ref = runCli(bin, ['--format', 'json', '--jobs', '1', ...inputs]);
    expect(ref.code).toBe(2);
    expect(ref.err).toBe('');
    const doc = JSON.parse(ref.out);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual(inputs);
    for (const jobs of [['--jobs', '2'], ['--jobs=3'], []]) {
      const r = runCli(bin, ['--format', 'json', ...jobs, ...inputs]);
      expect({ jobs, code: r.code, err: r.err }).toEqual({ jobs, code: ref.code, err: '' });
      expect(r.out).toBe(ref.out);
    }
  });

  test('table: the same report on stdout and the same error lines, in input order, on stderr', () => {
    const ref = runCli(bin, ['--jobs', '1', ...inputs]);
    const par = runCli(bin, ['--jobs', '2', ...inputs]);
    expect(par.code).toBe(ref.code);
    expect(par.out).toBe(ref.out);
    expect(par.err).toBe(ref.err);
    expect(
      par.err
        .trim()
        .split('\n')
        .map((l) => l.replace(/：.*/, '')),
    ).toEqual([`无法检查 ${inputs[1]}`, `无法检查 ${inputs[5]}`, `无法检查 ${inputs[inputs.length - 1]}`]);
  });

  test('exit codes 0 and 1 are kept', () => {
    expect(runCli(bin, ['--jobs', '2', 'test/fixtures/clean.xlsx', 'test/fixtures/layoutD-suixi.xlsx']).code).toBe(0);
    expect(runCli(bin, ['--jobs', '2', 'test/fixtures/clean.xlsx', 'examples/示例-绩效目标表.xlsx']).code).toBe(1);
  });

  test('several worker threads are really used, and --jobs 1 checks in one worker thread (isolated from the main thread)', () => {
    const log = path.join(tmp, 'threads.log');
    // each thread that loads the preload writes "load <threadId>"
    const loads = (jobs: string) => {
      fs.rmSync(log, { force: true });
      const r = runCli(bin, ['--format', 'json', '--jobs', jobs, ...FIXTURE_FILES], {
        node: ['--require', path.join(__dirname, 'preload/no-network.cjs')],
        env: { JXMB_NET_LOG: log },
      });
      expect(r.code).toBe(1);
      return new Set(
        fs
          .readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('load ')),
      );
    };
    expect(loads('1')).toEqual(new Set(['load 0', 'load 1']));
    expect(loads('2')).toEqual(new Set(['load 0', 'load 1', 'load 2']));
  });
});

test('progress on stderr only when it is a terminal and the format is table', () => {
  const tty = { node: ['--require', path.join(__dirname, 'preload/fake-tty.cjs')] };
  const files = FIXTURE_FILES.slice(0, 4);
  const plain = runCli(bin, ['--jobs', '2', ...files]);
  const table = runCli(bin, ['--jobs', '2', ...files], tty);
  expect(plain.err).toBe('');
  expect(table.err).toMatch(/\r正在检查 \d+\/4：/);
  expect(table.err.endsWith('\r\x1b[K')).toBe(true);
  expect(table.out).toBe(plain.out);
  const json = runCli(bin, ['--format', 'json', '--jobs', '2', ...files], tty);
  expect(json.err).toBe('');
  const seq = runCli(bin, ['--jobs', '1', ...files], tty);
  expect(seq.err).toMatch(/\r正在检查 1\/4：/);
});

test('--annotate: inputs with the same name are annotated in input order (the last one wins, as in a sequential run)', async () => {
  const sources = [
    'examples/示例-绩效目标表.xlsx',
    'test/fixtures/clean.xlsx',
    'test/fixtures/layoutC-hengdong.xlsx',
    'test/fixtures/layoutD-suixi.xlsx',
  ];
  const same = sources.map((src, i) => {
    const dir = path.join(tmp, `d${i}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(ROOT, src), path.join(dir, 'a.xlsx'));
    return path.join(dir, 'a.xlsx');
  });
  const out = path.join(tmp, 'annotated');
  const r = runCli(bin, ['--jobs', '3', '--format', 'json', '--annotate', out, ...same, 'test/fixtures/layoutB-beidaihe.xlsx']);
  expect(r.code).toBe(1);
  expect(fs.readdirSync(out).sort()).toEqual(['a-已标注.xlsx', 'layoutB-beidaihe-已标注.xlsx']);
  // the copy left is the one of the last input named a.xlsx (layoutD: note at C32)
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, 'a-已标注.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toEqual(['部门整体绩效目标表']);
  expect(noteText(wb.getWorksheet('部门整体绩效目标表')!.getCell('C32').note)).toMatch(/【警告】/);
});

test('wrong --jobs values exit 2 with a Chinese message', () => {
  for (const v of [['--jobs', '0'], ['--jobs', 'abc'], ['--jobs=-1'], ['--jobs']]) {
    const r = runCli(bin, [...v, 'test/fixtures/clean.xlsx']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--jobs 只能是正整数|缺少取值|未知参数/);
  }
});

describe('pool internals (in process, with a stand-in worker)', () => {
  const config = resolveConfig({});
  const fake = path.join(__dirname, 'preload/fake-worker.cjs');

  test('a worker that exits or throws costs only its file; order is kept; the rest is checked', async () => {
    const files = ['a.xlsx', 'b-crash.xlsx', 'c.xlsx', 'd-throw.xlsx', 'e.xlsx', 'f.xlsx', 'g-crash.xlsx', 'h.xlsx'];
    const order: number[] = [];
    const results = await checkFiles(files, { config, annotate: null, jobs: 3, script: fake }, { onResult: (_r, i) => order.push(i) });
    expect(order).toEqual(files.map((_, i) => i));
    expect(results.map((r) => r.file)).toEqual(files);
    results.forEach((r, i) => {
      if (/crash/.test(files[i])) expect(r.error).toBe('检查时出错：工作线程意外退出（代码 3）');
      else if (/throw/.test(files[i])) expect(r.error).toBe('检查时出错：boom');
      else expect(r.result?.sheetsWithoutTables).toEqual([files[i]]);
    });
  });

  test('when no worker can start, the files are checked in this thread with the same results', async () => {
    const files = [...FIXTURE_FILES.slice(0, 3), 'test/fixtures/none.xlsx'];
    const strip = (rs: FileResult[]) => JSON.stringify(rs);
    const seq = await checkFiles(files, { config, annotate: null, jobs: 1 });
    const broken = await checkFiles(files, { config, annotate: null, jobs: 2, script: path.join(tmp, 'no-such-worker.cjs') });
    expect(strip(broken)).toBe(strip(seq));
    expect(seq[3].error).toBe('文件不存在');
  });
});
