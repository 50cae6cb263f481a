/**
 * `npm run bench` — speed at scale, as ratios and counts.
 *
 *   npm run bench                              full run (~3-5 min): readable table on stderr, ONE JSON object on stdout;
 *                                              exit status 1 when a goal is missed (or its section could not be measured)
 *   npm run bench -- --write bench/RESULTS.md  also writes the figures as Markdown
 *   npm run bench -- --quick                   smaller sizes, fewer repetitions (a smoke run, not for the record)
 *   npm run bench -- --only taskpane,syncs     only these sections
 *
 * Sections (each is null with a reason when it cannot be measured, the others still run):
 *  core      core check time / exceljs load time on a 1,000-table workbook, first run and steady state
 *  cli       the command line on 200 workbooks: files per second, speed-up of the worker pool over --jobs 1
 *  memory    peak RSS of the command line on the 1,000-table workbook
 *  floor     the whole command line (`node dist/cli/jxmb.cjs --format json --jobs 1`) against the floor of reading
 *            the same 1,000-table workbook (bench/floor.cjs: fflate unzip + one saxes pass over sharedStrings and every
 *            worksheet, nothing else): median wall time and peak RSS of each, ratios against the goals
 *            (time <= 2x, memory <= 1.5x)
 *  syncs     context.sync() calls of 一键校验 (read + highlight), 清除标记 and template insertion on
 *            1, 10, 200, 1,000 tables, on the fake Office.js host (test/office-host)
 *  taskpane  the task pane's first-load JavaScript, gzipped, and its largest modules (webpack production build)
 *  pane      the task pane in Chromium (Debian's, playwright-core) on the 1,000-table workbook: click to results,
 *            longest UI task while checking and after the results (goal <= 100 ms), elements in the page
 *
 * Goals (exit status 1 when one is missed): core steady check / exceljs load < 10%; CLI / floor time <= 2x and
 * peak RSS <= 1.5x; the whole CLI on the hostile workbook of 10,000 merged areas per sheet < 10 s. The test suite
 * bounds only counts (passes, syncs, bytes, calls), never time: wall-clock goals live here, where a miss is
 * visible without making CI flaky.
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import { promises as fsp } from 'fs';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import { parseWorkbook } from '../src/core/check';
import { FIXTURE_FILES } from '../test/checker/fixture-files';
import { buildBigWorkbook } from '../test/fixtures/big';
import type { PaneFigures } from '../test/browser/pane';

const ROOT = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const WRITE = argv.includes('--write') ? argv[argv.indexOf('--write') + 1] : null;
/** `--only core,syncs`: run only these sections (for working on one of them). */
const ONLY = argv.includes('--only') ? new Set(argv[argv.indexOf('--only') + 1].split(',')) : null;
const BIG = QUICK ? 200 : 1000;
const SYNC_SIZES = QUICK ? [1, 10, 200] : [1, 10, 200, 1000];
const CLI_FILES = QUICK ? 40 : 200;
const CLI_REPEATS = QUICK ? 1 : 3;
/** Timed runs of each side in the floor section (alternating floor, CLI, floor, CLI, ...). */
const FLOOR_RUNS = QUICK ? 3 : 7;
/** Goals of the CLI against the floor: at most this many times the floor's wall time / peak RSS. */
const FLOOR_GOALS = { time: 2, memory: 1.5 };
/**
 * The whole CLI on the hostile workbook with 10,000 merged areas per sheet (test/hardening/hostile.ts
 * merges-10000): read and checked in seconds, not minutes (exceljs's own merge handling is quadratic: ~15 s).
 * The bound hostile.test.ts had before wall-clock bounds left the test suite.
 */
const MERGES_GOAL_MS = 10_000;
const MERGES_RUNS = 3;
const JOBS = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const CLI = path.join(ROOT, 'dist/cli/jxmb.cjs');
const FLOOR = path.join(ROOT, 'bench/floor.cjs');
const RSS_PRELOAD = path.join(ROOT, 'bench/rss.cjs');
const READER_FILE = 'src/adapters/xlsx/read.ts';

type Maybe<T> = T | null;
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

interface Result {
  command: string;
  /** git HEAD when measured (and whether the reader had uncommitted changes). */
  commit?: string;
  machine: {
    node: string;
    cpus: number;
    availableParallelism: number;
    cpuModel: string;
    memoryGB: number;
    loadavgStart: number[];
    loadavgEnd?: number[];
  };
  core: Maybe<{
    tables: number;
    merges: number;
    findings: number;
    firstRunCheckOverLoad: number;
    steadyCheckOverLoad: number;
    steadyCheckOverOurReader: number;
    parseShareOfCheck: number;
    ourReaderOverExceljsLoad: number;
    goal: string;
    met: boolean;
    ms: Record<string, number>;
  }>;
  coreReason?: string;
  cli: Maybe<{
    files: number;
    tables: number;
    jobs: number;
    filesPerSecondJobs1: number;
    filesPerSecondPool: number;
    poolSpeedup: number;
    /** N x t1 / tN of a pure CPU loop on N threads, measured around the CLI runs: what the machine offered. */
    parallelCapacity: number;
    /** The same files split over N separate `--jobs 1` processes run at once: the best any pool could do here. */
    separateProcessesSpeedup: number;
    identicalOutput: boolean;
    repeats: number;
    ms: { jobs1: number; pool: number };
  }>;
  cliReason?: string;
  memory: Maybe<{
    tables: number;
    xlsxKB: number;
    peakRssMB: number;
    baselineRssMB: number;
    peakOverBaseline: number;
    rssPerXlsxByte: number;
    ms: number;
  }>;
  memoryReason?: string;
  floor: Maybe<{
    tables: number;
    xlsxKB: number;
    /** What the floor parsed: XML parts (sharedStrings + worksheets), their inflated size, SAX events. */
    parts: number;
    xmlMB: number;
    elements: number;
    attributes: number;
    texts: number;
    /** Tables in the CLI's JSON output (checked against the workbook: a CLI that reads nothing would look fast). */
    cliTables: number;
    runs: number;
    /** Medians of the runs (wall time of the whole child process, start-up included). */
    floorMs: number;
    cliMs: number;
    /** Medians of the runs' peak RSS (process.resourceUsage().maxRSS at exit, bench/rss.cjs). */
    floorRssMB: number;
    cliRssMB: number;
    timeRatio: number;
    memoryRatio: number;
    /** Medians of the runs' CPU time (user + system, all threads; no goal: less sensitive to a busy machine than wall time). */
    floorCpuMs: number;
    cliCpuMs: number;
    cpuRatio: number;
    goals: { time: number; memory: number };
    timeMet: boolean;
    memoryMet: boolean;
    /** First line of text of src/adapters/xlsx/read.ts when the CLI was built, and whether it imports exceljs. */
    reader: string;
    readerUsesExceljs: boolean;
    /** Every run, in order. */
    allMs: { floor: number[]; cli: number[] };
    allRssMB: { floor: number[]; cli: number[] };
    /** The same pair on the hostile workbook of 10,000 merged areas per sheet (medians of MERGES_RUNS runs). */
    merges: Maybe<{
      mergedAreas: number;
      tables: number;
      xlsxKB: number;
      runs: number;
      floorMs: number;
      cliMs: number;
      timeRatio: number;
      goalMs: number;
      met: boolean;
    }>;
    mergesReason?: string;
  }>;
  floorReason?: string;
  /** Goals missed in this run (also: goal sections that could not be measured); non-empty = exit status 1. */
  goalsMissed?: string[];
  syncs: Maybe<{
    sizes: number[];
    check: number[];
    recheck: number[];
    clear: number[];
    insertTemplate: number[];
    report: number[];
    findings: number[];
    tablesFound: number[];
    maxRequestKB: number[];
    maxResponseKB: number[];
    constant: boolean;
  }>;
  syncsReason?: string;
  taskpane: Maybe<{
    firstLoadFiles: string[];
    firstLoadKB: number;
    firstLoadGzipKB: number;
    lazyChunksGzipKB: number;
    officeJsGzipKB: number | null;
    /** Attribution of the minified first-load bytes to packages and modules, through the source map. */
    largestPackages: { name: string; share: number; minifiedKB: number }[];
    largestModules: { name: string; share: number; minifiedKB: number }[];
  }>;
  taskpaneReason?: string;
  /** The task pane in Chromium on the 1,000-table workbook (test/browser/pane.ts measurePane). */
  pane: Maybe<PaneFigures & { goalMs: number; met: boolean }>;
  paneReason?: string;
}

/** Longest main-thread task after the results arrived, while the user reviews them (issue #13). */
const PANE_TASK_GOAL_MS = 100;

async function measurePaneSection(): Promise<NonNullable<Result['pane']>> {
  // imported here only: Chromium and the webpack build are this section's alone
  const { measurePane } = await import('../test/browser/pane');
  const f = await measurePane(BIG);
  return { ...f, goalMs: PANE_TASK_GOAL_MS, met: f.longestAfterResults <= PANE_TASK_GOAL_MS };
}

async function section<T>(name: string, fn: () => Promise<T>): Promise<[Maybe<T>, string | undefined]> {
  if (ONLY && !ONLY.has(name)) return [null, 'not run (--only)'];
  const t0 = Date.now();
  try {
    const v = await fn();
    log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return [v, undefined];
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0].slice(0, 300);
    log(`${name}: not measured (${reason})`);
    return [null, reason];
  }
}

function buildCli(): void {
  execFileSync('npm', ['run', '-s', 'build:cli'], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * bench/core-child.ts bundled exactly as the command line is (scripts/build-cli.mjs, the build of `npm run
 * build:cli`, given this entry), so that the core is measured as it ships rather than through tsx's on-the-fly
 * transpilation (which adds wrappers and runs the same check ~10-20% slower).
 */
function buildCoreChild(): string {
  const out = path.join(ROOT, 'dist/bench/core-child.cjs');
  execFileSync(process.execPath, ['scripts/build-cli.mjs', out, 'bench/core-child.ts'], { cwd: ROOT, stdio: 'pipe' });
  return out;
}

/** core: a separate plain node process per measurement (fresh JIT: "first run" means it). */
async function measureCore(bigFile: string): Promise<NonNullable<Result['core']>> {
  const child = buildCoreChild();
  const out = execFileSync(process.execPath, ['--expose-gc', child, bigFile, QUICK ? '2' : '5', QUICK ? '4' : '20'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  return {
    tables: r.tables,
    merges: r.merges,
    findings: r.findings,
    firstRunCheckOverLoad: round(r.firstRatio),
    steadyCheckOverLoad: round(r.steadyRatio),
    steadyCheckOverOurReader: round(r.steadyRatioVsReader),
    parseShareOfCheck: round(r.parseShare),
    ourReaderOverExceljsLoad: round(r.readMs / r.loadMs),
    goal: 'steady check / exceljs load < 0.10',
    met: r.steadyRatio < 0.1,
    ms: {
      exceljsLoadFirst: round(r.firstLoadMs, 0),
      exceljsLoad: round(r.loadMs, 0),
      ourReader: round(r.readMs, 0),
      checkFirst: round(r.firstCheckMs, 0),
      checkSteady: round(r.steadyCheckMs, 0),
      parseSteady: round(r.steadyParseMs, 0),
    },
  };
}

function timeCli(args: string[], env: NodeJS.ProcessEnv = {}, node: string[] = []): { ms: number; out: string; code: number | null } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...node, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI exit ${r.status}: ${r.stderr.slice(0, 200)}`);
  return { ms, out: r.stdout, code: r.status };
}

async function measureCli(tmp: string): Promise<NonNullable<Result['cli']>> {
  const dir = path.join(tmp, 'batch');
  await fsp.mkdir(dir, { recursive: true });
  for (let i = 0; i < CLI_FILES; i++) {
    const src = FIXTURE_FILES[i % FIXTURE_FILES.length];
    await fsp.copyFile(path.join(ROOT, src), path.join(dir, `${String(i).padStart(3, '0')}-${path.basename(src)}`));
  }
  const args = (jobs: number) => ['--format', 'json', '--jobs', String(jobs), dir];
  const capacity: number[] = [measureCapacity()];
  const seq: number[] = [];
  const par: number[] = [];
  const shards: number[] = [];
  const names = (await fsp.readdir(dir)).sort().map((f) => path.join(dir, f));
  let ref = '';
  let identical = true;
  timeCli(args(1)); // warm the file cache
  for (let i = 0; i < CLI_REPEATS; i++) {
    const a = timeCli(args(1));
    const b = timeCli(args(JOBS));
    seq.push(a.ms);
    par.push(b.ms);
    shards.push(await timeShards(names, JOBS));
    ref ||= a.out;
    identical &&= a.out === ref && b.out === ref;
  }
  capacity.push(measureCapacity());
  const doc = JSON.parse(ref) as { files: { tables: unknown[] }[] };
  const t1 = median(seq);
  const tn = median(par);
  return {
    files: CLI_FILES,
    tables: doc.files.reduce((n, f) => n + f.tables.length, 0),
    jobs: JOBS,
    filesPerSecondJobs1: round((CLI_FILES * 1000) / t1, 1),
    filesPerSecondPool: round((CLI_FILES * 1000) / tn, 1),
    poolSpeedup: round(t1 / tn, 2),
    parallelCapacity: round(Math.min(...capacity), 2),
    separateProcessesSpeedup: round(t1 / median(shards), 2),
    identicalOutput: identical,
    repeats: CLI_REPEATS,
    ms: { jobs1: round(t1, 0), pool: round(tn, 0) },
  };
}

/** Wall time of N `--jobs 1` processes started together, each on every N-th file. */
function timeShards(files: string[], n: number): Promise<number> {
  const t0 = performance.now();
  return Promise.all(
    Array.from({ length: n }, (_, k) => {
      const mine = files.filter((_, i) => i % n === k);
      return new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, [CLI, '--format', 'json', '--jobs', '1', ...mine], {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'ignore'],
        });
        p.on('error', reject);
        p.on('exit', () => resolve());
      });
    }),
  ).then(() => performance.now() - t0);
}

function measureCapacity(): number {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'bench/capacity.cjs'), String(JOBS)], { encoding: 'utf8' });
  return JSON.parse(out).capacity as number;
}

async function measureMemory(tmp: string, bigFile: string, tables: number): Promise<NonNullable<Result['memory']>> {
  const rssFile = path.join(tmp, 'rss.txt');
  const peak = (args: string[]) => {
    fs.rmSync(rssFile, { force: true });
    const r = timeCli(args, { JXMB_RSS_OUT: rssFile }, ['--require', path.join(ROOT, 'bench/rss.cjs')]);
    return { kb: parseInt(fs.readFileSync(rssFile, 'utf8'), 10), ms: r.ms };
  };
  const base = peak(['--format', 'json', path.join(ROOT, 'test/fixtures/clean.xlsx')]);
  const big = peak(['--format', 'json', bigFile]);
  const bytes = fs.statSync(bigFile).size;
  return {
    tables,
    xlsxKB: round(bytes / 1024, 0),
    peakRssMB: round(big.kb / 1024, 0),
    baselineRssMB: round(base.kb / 1024, 0),
    peakOverBaseline: round(big.kb / base.kb, 2),
    rssPerXlsxByte: round((big.kb * 1024) / bytes, 1),
    ms: round(big.ms, 0),
  };
}

/**
 * Which .xlsx reader the command line was built with, read when the CLI is built: the first line of text of
 * src/adapters/xlsx/read.ts (comment markers stripped) and whether it imports exceljs.
 */
function readerInfo(): { line: string; exceljs: boolean } {
  let text: string;
  try {
    text = fs.readFileSync(path.join(ROOT, READER_FILE), 'utf8');
  } catch {
    return { line: `(${READER_FILE} not found)`, exceljs: false };
  }
  const line = text
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*(\/\*\*?|\*\/|\*|\/\/)\s?/, '')
        .replace(/\s*\*\/\s*$/, '')
        .trim(),
    )
    .find((l) => /\w/.test(l));
  return { line: line ?? '', exceljs: /from\s+['"][^'"]*exceljs[^'"]*['"]|require\(['"][^'"]*exceljs/.test(text) };
}

function gitCommit(): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', READER_FILE], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${head} (${READER_FILE} with uncommitted changes)` : head;
  } catch {
    return undefined;
  }
}

/**
 * One fresh plain-node process under the preload bench/rss.cjs: wall time of the whole process (start-up
 * included) as seen from here, and its peak RSS (process.resourceUsage().maxRSS, written at exit: the whole
 * process, worker threads included). Output is discarded unless `capture`.
 */
function runMeasured(
  script: string,
  args: string[],
  rssFile: string,
  capture = false,
): { ms: number; rssKB: number; cpuMs: number; out: string } {
  fs.rmSync(rssFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', RSS_PRELOAD, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, JXMB_RSS_OUT: rssFile },
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  const name = path.relative(ROOT, script);
  if (r.error) throw r.error;
  if (r.signal || (r.status !== 0 && r.status !== 1))
    throw new Error(`${name} ended with ${r.signal ?? `exit ${r.status}`}: ${(r.stderr ?? '').slice(0, 200)}`);
  if (!fs.existsSync(rssFile)) throw new Error(`${name} reported no peak RSS (bench/rss.cjs)`);
  const [rssKB, cpuUs] = fs.readFileSync(rssFile, 'utf8').trim().split(/\s+/).map(Number);
  return { ms, rssKB, cpuMs: cpuUs / 1000, out: r.stdout ?? '' };
}

/**
 * floor: the whole command line against the least work of reading the same workbook (bench/floor.cjs), each a
 * fresh process, run alternately so that the machine's load falls on both alike.
 */
async function measureFloor(
  tmp: string,
  bigFile: string,
  tables: number,
  reader: { line: string; exceljs: boolean },
): Promise<NonNullable<Result['floor']>> {
  const rssFile = path.join(tmp, 'rss-floor.txt');
  const cliArgs = ['--format', 'json', '--jobs', '1', bigFile];
  // one untimed run of each (file cache), with the output kept to check what each did
  const f0 = runMeasured(FLOOR, [bigFile], rssFile, true);
  const counts = JSON.parse(f0.out.trim().split('\n').pop()!) as {
    parts: number;
    xmlBytes: number;
    elements: number;
    attributes: number;
    texts: number;
  };
  const c0 = runMeasured(CLI, cliArgs, rssFile, true);
  const doc = JSON.parse(c0.out) as { files: { error?: string; tables?: unknown[] }[] };
  if (doc.files.length !== 1 || doc.files[0].error)
    throw new Error(`the CLI did not read the workbook: ${doc.files[0]?.error ?? `${doc.files.length} files`}`);
  const cliTables = doc.files[0].tables?.length ?? 0;
  if (cliTables !== tables) throw new Error(`the CLI found ${cliTables} of the ${tables} tables`);
  const ms = { floor: [] as number[], cli: [] as number[] };
  const kb = { floor: [] as number[], cli: [] as number[] };
  const cpu = { floor: [] as number[], cli: [] as number[] };
  for (let i = 0; i < FLOOR_RUNS; i++) {
    const f = runMeasured(FLOOR, [bigFile], rssFile);
    const c = runMeasured(CLI, cliArgs, rssFile);
    ms.floor.push(f.ms);
    kb.floor.push(f.rssKB);
    cpu.floor.push(f.cpuMs);
    ms.cli.push(c.ms);
    kb.cli.push(c.rssKB);
    cpu.cli.push(c.cpuMs);
    log(
      `floor run ${i + 1}/${FLOOR_RUNS}: floor ${round(f.ms, 0)} ms ${round(f.rssKB / 1024, 0)} MB, CLI ${round(c.ms, 0)} ms ${round(c.rssKB / 1024, 0)} MB`,
    );
  }
  const timeRatio = median(ms.cli) / median(ms.floor);
  const memoryRatio = median(kb.cli) / median(kb.floor);
  let merges: NonNullable<Result['floor']>['merges'] = null;
  let mergesReason: string | undefined;
  try {
    merges = await measureMerges(tmp, rssFile);
  } catch (e) {
    mergesReason = (e as Error).message.split('\n')[0].slice(0, 300);
    log(`floor: 10,000 merged areas not measured (${mergesReason})`);
  }
  return {
    tables,
    xlsxKB: round(fs.statSync(bigFile).size / 1024, 0),
    parts: counts.parts,
    xmlMB: round(counts.xmlBytes / 1024 ** 2, 1),
    elements: counts.elements,
    attributes: counts.attributes,
    texts: counts.texts,
    cliTables,
    runs: FLOOR_RUNS,
    floorMs: round(median(ms.floor), 0),
    cliMs: round(median(ms.cli), 0),
    floorRssMB: round(median(kb.floor) / 1024, 0),
    cliRssMB: round(median(kb.cli) / 1024, 0),
    timeRatio: round(timeRatio, 2),
    memoryRatio: round(memoryRatio, 2),
    floorCpuMs: round(median(cpu.floor), 0),
    cliCpuMs: round(median(cpu.cli), 0),
    cpuRatio: round(median(cpu.cli) / median(cpu.floor), 2),
    goals: FLOOR_GOALS,
    timeMet: timeRatio <= FLOOR_GOALS.time,
    memoryMet: memoryRatio <= FLOOR_GOALS.memory,
    reader: reader.line,
    readerUsesExceljs: reader.exceljs,
    allMs: { floor: ms.floor.map((x) => round(x, 0)), cli: ms.cli.map((x) => round(x, 0)) },
    allRssMB: { floor: kb.floor.map((x) => round(x / 1024, 0)), cli: kb.cli.map((x) => round(x / 1024, 0)) },
    merges,
    mergesReason,
  };
}

/** The floor pair on test/hardening/hostile.ts's merges-10000 workbook: the CLI's whole run against MERGES_GOAL_MS. */
async function measureMerges(tmp: string, rssFile: string): Promise<NonNullable<NonNullable<Result['floor']>['merges']>> {
  const { HOSTILE } = await import('../test/hardening/hostile');
  const hostile = HOSTILE.find((h) => h.name === 'merges-10000');
  if (!hostile) throw new Error('test/hardening/hostile.ts has no case merges-10000');
  const file = path.join(tmp, 'merges-10000.xlsx');
  await fsp.writeFile(file, await hostile.build());
  const cliArgs = ['--format', 'json', '--jobs', '1', file];
  runMeasured(FLOOR, [file], rssFile); // untimed: file cache
  const doc = JSON.parse(runMeasured(CLI, cliArgs, rssFile, true).out) as { files: { error?: string; tables?: unknown[] }[] };
  if (doc.files[0]?.error) throw new Error(`the CLI did not read the merges-10000 workbook: ${doc.files[0].error}`);
  const ms = { floor: [] as number[], cli: [] as number[] };
  for (let i = 0; i < MERGES_RUNS; i++) {
    ms.floor.push(runMeasured(FLOOR, [file], rssFile).ms);
    ms.cli.push(runMeasured(CLI, cliArgs, rssFile).ms);
  }
  const cliMs = median(ms.cli);
  // merged areas as listed in the file (<mergeCell ref=...>), counted on the inflated worksheets
  const { unzipSync, strFromU8 } = await import('fflate');
  const parts = unzipSync(fs.readFileSync(file), { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  const mergedAreas = Object.values(parts).reduce((n, u8) => n + (strFromU8(u8).match(/<mergeCell\b/g)?.length ?? 0), 0);
  return {
    mergedAreas,
    tables: doc.files[0]?.tables?.length ?? 0,
    xlsxKB: round(fs.statSync(file).size / 1024, 0),
    runs: MERGES_RUNS,
    floorMs: round(median(ms.floor), 0),
    cliMs: round(cliMs, 0),
    timeRatio: round(cliMs / median(ms.floor), 2),
    goalMs: MERGES_GOAL_MS,
    met: cliMs < MERGES_GOAL_MS,
  };
}

/** Goals missed (or not measurable) in this run; sections skipped with --only are not judged. */
function missedGoals(r: Result): string[] {
  const out: string[] = [];
  const judged = (name: string) => !ONLY || ONLY.has(name);
  if (judged('core')) {
    if (!r.core) out.push(`core check / exceljs load < 10%: not measured (${r.coreReason})`);
    else if (!r.core.met) out.push(`core check / exceljs load ${pct(r.core.steadyCheckOverLoad)}, goal < 10%`);
  }
  if (judged('floor')) {
    if (!r.floor) out.push(`CLI against the floor: not measured (${r.floorReason})`);
    else {
      if (!r.floor.timeMet) out.push(`CLI / floor wall time ${r.floor.timeRatio}×, goal <= ${r.floor.goals.time}×`);
      if (!r.floor.memoryMet) out.push(`CLI / floor peak RSS ${r.floor.memoryRatio}×, goal <= ${r.floor.goals.memory}×`);
      if (!r.floor.merges)
        out.push(`CLI on 10,000 merged areas per sheet < ${MERGES_GOAL_MS / 1000} s: not measured (${r.floor.mergesReason})`);
      else if (!r.floor.merges.met)
        out.push(`CLI on 10,000 merged areas per sheet: ${r.floor.merges.cliMs} ms, goal < ${r.floor.merges.goalMs} ms`);
    }
  }
  if (judged('pane')) {
    if (!r.pane) out.push(`task pane, longest UI task after the results <= ${PANE_TASK_GOAL_MS} ms: not measured (${r.paneReason})`);
    else if (!r.pane.met)
      out.push(`task pane, longest UI task after the results ${r.pane.longestAfterResults} ms, goal <= ${r.pane.goalMs} ms`);
  }
  return out;
}

async function measureSyncs(buffers: Map<number, Buffer>): Promise<NonNullable<Result['syncs']>> {
  // the add-in's code and the fake host (other helpers' work): imported only here, so that their absence costs only this section
  // (and the reader, only to find the first table for the template insertion)
  const { readWorkbookGrid } = await import('../src/adapters/file/node');
  const office = await import('../src/adapters/office/workbook');
  const templates = await import('../src/adapters/office/templates');
  const caps = await import('../src/adapters/office/capabilities');
  const host = await import('../test/office-host');
  const xlsx = await import('../test/office-host/xlsx');
  const library = await import('../src/core/templates/library');
  const block = library.listBlocks()[0];
  const out: NonNullable<Result['syncs']> = {
    sizes: [],
    check: [],
    recheck: [],
    clear: [],
    insertTemplate: [],
    report: [],
    findings: [],
    tablesFound: [],
    maxRequestKB: [],
    maxResponseKB: [],
    constant: false,
  };
  // and a workbook with about 20,000 findings (2,300 tables), beyond the sizes that must not grow
  for (const n of [...SYNC_SIZES, ...(QUICK ? [] : [2300])]) {
    const buf = buffers.get(n) ?? (await buildBigWorkbook(n));
    const h = host.createHost(await xlsx.loadXlsx(buf));
    const office_ = h.Office as unknown as { context: { requirements: { isSetSupported(n: string, v: string): boolean } } };
    const env = {
      run: (batch: never) => (h.Excel as unknown as { run: (b: never) => Promise<unknown> }).run(batch),
      capabilities: caps.detectCapabilities((name: string, v: string) => office_.context.requirements.isSetSupported(name, v)),
    } as unknown as Parameters<typeof office.runCheck>[0];
    // request and response sizes as Microsoft's client library serialised them, every sync of every action
    let maxReq = 0;
    let maxResp = 0;
    const seen = (x: { stats: { maxRequestBytes: number; maxResponseBytes: number } }) => {
      maxReq = Math.max(maxReq, x.stats.maxRequestBytes);
      maxResp = Math.max(maxResp, x.stats.maxResponseBytes);
    };
    const checked = await office.runCheck(env);
    const check = h.stats.syncs;
    seen(h);
    h.resetStats();
    await office.runCheck(env);
    const recheck = h.stats.syncs;
    seen(h);
    h.resetStats();
    await office.exportReport(env, checked.result);
    const report = h.stats.syncs;
    seen(h);
    h.resetStats();
    await office.clearMarks(env);
    const clear = h.stats.syncs;
    seen(h);

    // template insertion at the first indicator of the first table, on a fresh copy
    const grid = await readWorkbookGrid(buf);
    const t = parseWorkbook(grid)[0];
    const m = await xlsx.loadXlsx(buf);
    const si = m.sheets.findIndex((s: { name: string }) => s.name === t.sheet);
    const row = t.indicators[0]?.row ?? t.top;
    const col = t.header?.level3Col ?? t.left;
    m.activeSheet = si;
    m.selection = { sheet: si, rect: { top: row, left: col, bottom: row, right: col } };
    const h2 = host.createHost(m);
    h2.install(globalThis as unknown as Record<string, unknown>);
    h2.resetStats();
    const ins = await templates.insertBlockAtSelection({ block: block.id, profile: 'auto' });
    if (!ins.ok) throw new Error(`template insertion failed on ${n} tables: ${ins.message}`);
    seen(h2);

    out.sizes.push(n);
    out.check.push(check);
    out.recheck.push(recheck);
    out.clear.push(clear);
    out.insertTemplate.push(h2.stats.syncs);
    out.report.push(report);
    out.findings.push(checked.result.findings.length);
    out.tablesFound.push(checked.result.tables.length);
    out.maxRequestKB.push(round(maxReq / 1024, 0));
    out.maxResponseKB.push(round(maxResp / 1024, 0));
    log(
      `syncs on ${n} tables: check ${check}, recheck ${recheck}, clear ${clear}, report ${report}, insert ${h2.stats.syncs}; largest request ${round(maxReq / 1024, 0)} KB, response ${round(maxResp / 1024, 0)} KB`,
    );
  }
  // constant over the sizes of SYNC_SIZES (the 20,000-finding workbook may take more, by volume)
  const k = SYNC_SIZES.length;
  const same = (xs: number[]) => xs.slice(0, k).every((x) => x === xs[0]);
  out.constant = same(out.check) && same(out.recheck) && same(out.clear) && same(out.insertTemplate) && same(out.report);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes of generated code per source file, from a source map (v3, VLQ mappings decoded here). */
function attribute(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const lines = code.split('\n');
  const out = new Map<string, number>();
  const add = (src: number, n: number) => {
    if (n <= 0) return;
    const name = src >= 0 ? map.sources[src] : '(no source: webpack runtime)';
    out.set(name, (out.get(name) ?? 0) + n);
  };
  let source = 0;
  map.mappings.split(';').forEach((line, li) => {
    const segs: { col: number; src: number }[] = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const vals: number[] = [];
      let shift = 0;
      let value = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          vals.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += vals[0];
      if (vals.length > 1) source += vals[1];
      segs.push({ col, src: vals.length > 1 ? source : -1 });
      // (original line/column/name fields are not needed)
    }
    const len = (lines[li] ?? '').length;
    if (segs.length === 0) add(-1, len);
    else add(-1, segs[0].col);
    segs.forEach((sg, i) => add(sg.src, (i + 1 < segs.length ? segs[i + 1].col : len) - sg.col));
  });
  return out;
}

async function measureTaskpane(tmp: string): Promise<NonNullable<Result['taskpane']>> {
  const configPath = path.join(ROOT, 'webpack.config.js');
  if (!fs.existsSync(path.join(ROOT, 'src/taskpane/index.tsx'))) throw new Error('src/taskpane/index.tsx does not exist yet');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const make = require(configPath) as (
    env: object,
    argv: object,
  ) => Promise<import('webpack').Configuration> | import('webpack').Configuration;
  const config = await make({}, { mode: 'production' });
  const outDir = path.join(tmp, 'addin');
  config.output = { ...config.output, path: outDir };
  config.devtool = 'hidden-source-map'; // same code, plus a map to attribute its bytes to modules
  const stats = await new Promise<import('webpack').Stats>((resolve, reject) =>
    webpack(config, (err, s) =>
      err ? reject(err) : s!.hasErrors() ? reject(new Error(s!.toString({ all: false, errors: true }).slice(0, 300))) : resolve(s!),
    ),
  );
  const j = stats.toJson({ all: false, assets: true, chunks: true, entrypoints: true, ids: true });
  const entry = j.entrypoints!.taskpane;
  const firstFiles = (entry.assets ?? []).map((a) => a.name).filter((n) => n.endsWith('.js'));
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length;
  const firstBytes = firstFiles.reduce((n, f) => n + fs.statSync(path.join(outDir, f)).size, 0);
  const firstGz = firstFiles.reduce((n, f) => n + gz(f), 0);
  const lazyFiles = (j.chunks ?? [])
    .filter((c) => !c.initial)
    .flatMap((c) => [...(c.files ?? [])])
    .filter((f) => String(f).endsWith('.js')) as string[];
  const lazyGz = lazyFiles.reduce((n, f) => n + gz(f), 0);
  const officeJs = path.join(outDir, 'office-js/office.js');
  // minified bytes of the first-load files attributed to their sources through the source maps
  const bySource = new Map<string, number>();
  for (const f of firstFiles) {
    const mapFile = path.join(outDir, `${f}.map`);
    if (!fs.existsSync(mapFile)) throw new Error(`no source map for ${f}`);
    for (const [src, n] of attribute(fs.readFileSync(path.join(outDir, f), 'utf8'), JSON.parse(fs.readFileSync(mapFile, 'utf8'))))
      bySource.set(src, (bySource.get(src) ?? 0) + n);
  }
  const total = [...bySource.values()].reduce((a, b) => a + b, 0);
  const clean = (src: string) => src.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');
  const pkgOf = (src: string) => {
    const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src);
    if (nm) return nm[1];
    const own = /^(src\/[^/]+(?:\/[^/.]+)?)/.exec(clean(src));
    return own ? own[1] : clean(src);
  };
  const byPkg = new Map<string, number>();
  for (const [src, n] of bySource) byPkg.set(pkgOf(src), (byPkg.get(pkgOf(src)) ?? 0) + n);
  const top = (m: Map<string, number>, name: (k: string) => string) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, n]) => ({ name: name(k), share: round(n / total), minifiedKB: round(n / 1024, 0) }));
  return {
    firstLoadFiles: firstFiles,
    firstLoadKB: round(firstBytes / 1024, 0),
    firstLoadGzipKB: round(firstGz / 1024, 0),
    lazyChunksGzipKB: round(lazyGz / 1024, 0),
    officeJsGzipKB: fs.existsSync(officeJs) ? round(gz('office-js/office.js') / 1024, 0) : null,
    largestPackages: top(byPkg, (k) => k),
    largestModules: top(bySource, (k) => clean(k).replace(/^node_modules\//, '')),
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function table(r: Result): string {
  const L: string[] = [];
  const row = (k: string, v: string) => L.push(`  ${k.padEnd(44)} ${v}`);
  L.push(
    `绩效目标表助手 benchmark  (${r.machine.cpuModel}, ${r.machine.availableParallelism} threads, node ${r.machine.node}, load ${r.machine.loadavgStart.map((x) => x.toFixed(1)).join('/')})`,
  );
  L.push('');
  L.push(`核心校验 / exceljs 加载 (core check / exceljs load)${r.core ? `, ${r.core.tables} tables, ${r.core.merges} merged areas` : ''}`);
  if (r.core) {
    row('steady state  check / exceljs load', `${pct(r.core.steadyCheckOverLoad)}   (goal < 10%: ${r.core.met ? 'met' : 'NOT met'})`);
    row('first run     check / exceljs load', pct(r.core.firstRunCheckOverLoad));
    row('steady        check / our reader (file/node)', pct(r.core.steadyCheckOverOurReader));
    row('our reader / exceljs load', pct(r.core.ourReaderOverExceljsLoad));
    row('parse+detect share of check', pct(r.core.parseShareOfCheck));
  } else row('not measured', r.coreReason ?? '');
  L.push('');
  L.push(`命令行 (CLI) on ${r.cli?.files ?? CLI_FILES} workbooks`);
  if (r.cli) {
    row('files per second, --jobs 1', String(r.cli.filesPerSecondJobs1));
    row(`files per second, pool (--jobs ${r.cli.jobs})`, String(r.cli.filesPerSecondPool));
    row('speed-up of the pool over --jobs 1', `${r.cli.poolSpeedup}×`);
    row(
      `same files, ${r.cli.jobs} separate --jobs 1 processes`,
      `${r.cli.separateProcessesSpeedup}×  (what ${r.cli.jobs} cores give this workload here)`,
    );
    row(
      `parallel CPU the machine offered (${r.cli.jobs} threads)`,
      `${r.cli.parallelCapacity}×  (pure CPU loop; 1.0 = cores busy with other work)`,
    );
    row('output identical (JSON)', r.cli.identicalOutput ? 'yes' : 'NO');
  } else row('not measured', r.cliReason ?? '');
  L.push('');
  L.push('内存 (CLI peak RSS)');
  if (r.memory) {
    row(
      `${r.memory.tables}-table workbook (${r.memory.xlsxKB} KB .xlsx)`,
      `${r.memory.peakRssMB} MB  (= ${r.memory.peakOverBaseline}× the ${r.memory.baselineRssMB} MB on clean.xlsx; ${r.memory.rssPerXlsxByte} bytes of RSS per .xlsx byte)`,
    );
  } else row('not measured', r.memoryReason ?? '');
  L.push('');
  L.push(
    `命令行对比下限 (CLI against the floor: fflate unzip + one saxes pass)${r.floor ? `, ${r.floor.tables} tables, median of ${r.floor.runs} runs each` : ''}`,
  );
  if (r.floor) {
    const f = r.floor;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    row('floor (bench/floor.cjs)', `${f.floorMs} ms, ${f.floorRssMB} MB peak RSS  (${f.parts} XML parts, ${f.xmlMB} MB inflated)`);
    row('CLI --format json --jobs 1', `${f.cliMs} ms, ${f.cliRssMB} MB peak RSS  (${f.cliTables} tables)`);
    row('CLI / floor, wall time', `${f.timeRatio}×   (goal <= ${f.goals.time}×: ${met(f.timeMet)})`);
    row('CLI / floor, peak RSS', `${f.memoryRatio}×   (goal <= ${f.goals.memory}×: ${met(f.memoryMet)})`);
    row('CLI / floor, CPU time (no goal)', `${f.cpuRatio}×   (${f.cliCpuMs} / ${f.floorCpuMs} ms, user + system)`);
    if (f.merges) {
      const m = f.merges;
      row(
        `${m.mergedAreas} merged areas (hostile merges-10000)`,
        `CLI ${m.cliMs} ms (goal < ${m.goalMs} ms: ${met(m.met)}), floor ${m.floorMs} ms, ${m.timeRatio}×`,
      );
    } else row('10,000 merged areas: not measured', f.mergesReason ?? '');
    row(`reader (${f.readerUsesExceljs ? 'exceljs-based' : 'no exceljs import'})`, f.reader.slice(0, 80));
  } else row('not measured', r.floorReason ?? '');
  L.push('');
  L.push('context.sync() 次数 (fake Office.js host)');
  if (r.syncs) {
    row('tables', r.syncs.sizes.join(' / '));
    row('一键校验 (read + highlight)', r.syncs.check.join(' / '));
    row('一键校验 again (restore + re-highlight)', r.syncs.recheck.join(' / '));
    row('清除标记', r.syncs.clear.join(' / '));
    row('插入模板 (template insertion)', r.syncs.insertTemplate.join(' / '));
    row('导出报告', r.syncs.report.join(' / '));
    row('largest request (KB, limit 5120)', r.syncs.maxRequestKB.join(' / '));
    row('largest response (KB, limit 5120)', r.syncs.maxResponseKB.join(' / '));
    row('constant in the number of tables', r.syncs.constant ? 'yes' : 'NO');
  } else row('not measured', r.syncsReason ?? '');
  L.push('');
  L.push('任务窗格首次加载 (task pane first load, webpack production)');
  if (r.taskpane) {
    row(
      'our JS, gzipped',
      `${r.taskpane.firstLoadGzipKB} KB  (${r.taskpane.firstLoadKB} KB minified, ${r.taskpane.firstLoadFiles.join(', ')})`,
    );
    row('lazy chunks, gzipped (not in first load)', `${r.taskpane.lazyChunksGzipKB} KB`);
    if (r.taskpane.officeJsGzipKB !== null) row('office.js loader, gzipped (Microsoft)', `${r.taskpane.officeJsGzipKB} KB`);
    for (const p of r.taskpane.largestPackages) row(`  ${p.name}`, `${pct(p.share)} of the first-load bytes (${p.minifiedKB} KB minified)`);
  } else row('not measured', r.taskpaneReason ?? '');
  L.push('');
  L.push(`任务窗格 ${BIG} 张表 (task pane in Chromium, fake Office.js host)`);
  if (r.pane) {
    const p = r.pane;
    row('findings / items listed (placeholder rows folded)', `${p.findings} / ${p.listed}`);
    row('click on 一键校验 to results shown', `${p.resultsMs} ms`);
    row('longest UI task while checking', `${p.longestWhileChecking} ms`);
    row('longest UI task after the results', `${p.longestAfterResults} ms   (goal <= ${p.goalMs} ms: ${p.met ? 'met' : 'NOT met'})`);
    row('elements in the page / finding items', `${p.elements} / ${p.items}`);
  } else row('not measured', r.paneReason ?? '');
  if (r.goalsMissed) {
    L.push('');
    if (r.goalsMissed.length === 0) L.push('Goals: all met.');
    else {
      L.push('GOALS MISSED (exit status 1):');
      for (const g of r.goalsMissed) L.push(`  - ${g}`);
    }
  }
  return L.join('\n');
}

function markdown(r: Result): string {
  const L: string[] = [];
  L.push('# Benchmark results');
  L.push('');
  L.push(
    `Measured with \`${r.command}\` (writes this file; \`npm run bench\` alone prints the same figures: a table on stderr, one JSON object on stdout).`,
  );
  L.push(
    `Machine: ${r.machine.cpuModel}, ${r.machine.cpus} CPUs (availableParallelism ${r.machine.availableParallelism}), ${r.machine.memoryGB} GB, Node ${r.machine.node}; load average at start ${r.machine.loadavgStart.map((x) => x.toFixed(2)).join(' / ')}${r.machine.loadavgEnd ? `, at end ${r.machine.loadavgEnd.map((x) => x.toFixed(2)).join(' / ')}` : ''}.`,
  );
  L.push('Timings are wall-clock medians; figures are given as ratios and counts because absolute times depend on the machine.');
  L.push('');
  L.push('## Core checking vs. loading (1,000-table workbook)');
  L.push('');
  if (r.core) {
    const c = r.core;
    L.push(
      `Generated workbook (\`test/fixtures/big.ts\`): ${c.tables} tables (all seed tables of layouts A–D, 50 per sheet), ${c.merges} merged areas, ${c.findings} findings.`,
    );
    L.push('');
    L.push(
      'The core runs as the command line ships it: `bench/core-child.ts` bundled by the build of `npm run build:cli` (scripts/build-cli.mjs), in a fresh plain-node process; loads and checks alternate in 5 rounds (a load, then 4 checks after a collection and 2 untimed checks); steady state is the median of the 20 checks, the load the median of the 5 loads.',
    );
    L.push('');
    L.push('| measure | ratio |');
    L.push('|---|---|');
    L.push(
      `| core check / exceljs load, steady state | **${pct(c.steadyCheckOverLoad)}** (goal < 10%: ${c.met ? 'met' : '**not met**'}) |`,
    );
    L.push(`| core check / exceljs load, first run (cold JIT, fresh process) | ${pct(c.firstRunCheckOverLoad)} |`);
    L.push(
      `| core check / our reader (readWorkbookGrid of src/adapters/file/node.ts: file bytes to grid) | ${pct(c.steadyCheckOverOurReader)} |`,
    );
    L.push(`| our reader / exceljs load | ${pct(c.ourReaderOverExceljsLoad)} |`);
    L.push(`| detection + parsing (parseWorkbook) share of the check | ${pct(c.parseShareOfCheck)} |`);
    L.push('');
    L.push(
      `Raw medians on this machine (ms): ${Object.entries(c.ms)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    );
  } else L.push(`Not measured: ${r.coreReason}`);
  L.push('');
  L.push('## Command line on 200 workbooks');
  L.push('');
  if (r.cli) {
    const c = r.cli;
    L.push(
      `${c.files} copies of the seven fixture workbooks (${c.tables} tables in all), \`--format json\`, median of ${c.repeats} runs each.`,
    );
    L.push('');
    L.push('| measure | value |');
    L.push('|---|---|');
    L.push(`| files per second, \`--jobs 1\` (in process) | ${c.filesPerSecondJobs1} |`);
    L.push(`| files per second, worker pool (\`--jobs ${c.jobs}\`) | ${c.filesPerSecondPool} |`);
    L.push(`| speed-up of the pool over \`--jobs 1\` | **${c.poolSpeedup}×** on ${c.jobs} threads |`);
    L.push(
      `| reference: the same files split over ${c.jobs} separate \`--jobs 1\` processes run at once, speed-up over one | ${c.separateProcessesSpeedup}× |`,
    );
    L.push(
      `| reference: parallel CPU the machine offered during the runs (${c.jobs} threads of a pure CPU loop, N·t1/tN) | ${c.parallelCapacity}× |`,
    );
    L.push(`| JSON output of both runs identical | ${c.identicalOutput ? 'yes' : '**no**'} |`);
  } else L.push(`Not measured: ${r.cliReason}`);
  L.push('');
  if (r.cli) {
    L.push(
      `Reading the speed-up: the two reference rows say what this machine can give. A pure CPU loop shows whether the cores were free (${r.cli.parallelCapacity}× of ${r.cli.jobs}); ${r.cli.jobs} independent CLI processes show how well this allocation-heavy workload (exceljs XML parsing, V8 garbage collection and compiler threads) scales on these cores (${r.cli.separateProcessesSpeedup}×). The pool cannot beat the second figure and also pays for starting its worker threads (each loads exceljs).`,
    );
    L.push('');
  }
  L.push('## Peak memory of the command line');
  L.push('');
  if (r.memory) {
    const m = r.memory;
    L.push(
      `\`node dist/cli/jxmb.cjs --format json\` on the ${m.tables}-table workbook (${m.xlsxKB} KB): peak RSS **${m.peakRssMB} MB**, ${m.peakOverBaseline}× the ${m.baselineRssMB} MB of the same command on \`test/fixtures/clean.xlsx\` (Node + exceljs + one small workbook); ${m.rssPerXlsxByte} bytes of RSS per byte of .xlsx. Measured with \`process.resourceUsage().maxRSS\` at exit (bench/rss.cjs).`,
    );
  } else L.push(`Not measured: ${r.memoryReason}`);
  L.push('');
  L.push('## CLI against the floor');
  L.push('');
  if (r.floor) {
    const f = r.floor;
    L.push(
      `How much the whole command line costs beyond the least any reader must do, on the ${f.tables}-table workbook (${f.xlsxKB} KB .xlsx; its shared strings and worksheets inflate to ${f.xmlMB} MB of XML in ${f.parts} parts):`,
    );
    L.push('');
    L.push(
      `- **floor**: \`node bench/floor.cjs FILE\`: fflate \`unzipSync\` (inflating only xl/sharedStrings.xml and the worksheet parts), then one saxes pass over each part (UTF-8 decoded in 64 KB pieces; handlers that only count: ${f.elements.toLocaleString('en')} elements, ${f.attributes.toLocaleString('en')} attributes, ${f.texts.toLocaleString('en')} text nodes); nothing else, nothing kept;`,
    );
    L.push(
      `- **CLI**: \`node dist/cli/jxmb.cjs --format json --jobs 1 FILE\` as built by \`npm run build:cli\`, stdout to /dev/null (its JSON checked once: ${f.cliTables} tables found).`,
    );
    L.push('');
    L.push(
      `Each run is a fresh plain-node process; after one untimed run of each (file cache), the two alternate for ${f.runs} runs each (floor, CLI, floor, CLI, …) so that the machine's load falls on both alike. Wall time is taken by the bench around the whole child process, start-up included for both; peak memory is \`process.resourceUsage().maxRSS\` (getrusage: the whole process, worker threads included; the same figure GNU time's %M gives for the process), written at exit by the preload \`bench/rss.cjs\` that both run under (\`node --require bench/rss.cjs …\`). Figures are the medians of the runs. The same preload also writes the CPU time each process used (\`userCPUTime + systemCPUTime\`), which a busy machine disturbs less than the wall time.`,
    );
    L.push('');
    L.push('| measure | floor | CLI | CLI / floor | goal |');
    L.push('|---|---|---|---|---|');
    L.push(
      `| wall time (ms) | ${f.floorMs} | ${f.cliMs} | **${f.timeRatio}×** | ≤ ${f.goals.time}×: ${f.timeMet ? 'met' : '**not met**'} |`,
    );
    L.push(
      `| peak RSS (MB) | ${f.floorRssMB} | ${f.cliRssMB} | **${f.memoryRatio}×** | ≤ ${f.goals.memory}×: ${f.memoryMet ? 'met' : '**not met**'} |`,
    );
    L.push(
      `| CPU time, user + system, all threads (ms) | ${f.floorCpuMs} | ${f.cliCpuMs} | ${f.cpuRatio}× | none (for reading the wall time on a busy machine) |`,
    );
    L.push('');
    L.push(
      `Every run (ms): floor ${f.allMs.floor.join(', ')}; CLI ${f.allMs.cli.join(', ')}. Peak RSS (MB): floor ${f.allRssMB.floor.join(', ')}; CLI ${f.allRssMB.cli.join(', ')}.`,
    );
    L.push('');
    if (f.merges) {
      const m = f.merges;
      L.push(
        `Merged areas: the same pair on the hostile workbook \`merges-10000\` of test/hardening/hostile.ts (${m.mergedAreas.toLocaleString('en')} merged areas: 10,000 beside the table on each of its two sheets, and the tables' own; ${m.xlsxKB} KB, ${m.tables} tables), median of ${m.runs} runs each: CLI **${m.cliMs} ms** (goal < ${(m.goalMs / 1000).toFixed(0)} s, “seconds, not minutes”: ${m.met ? 'met' : '**not met**'}; exceljs's own merge handling alone takes ~15 s), floor ${m.floorMs} ms (${m.timeRatio}×). This bound was an assertion of test/hardening/hostile.test.ts until wall-clock bounds left the test suite.`,
      );
    } else L.push(`Merged areas (hostile merges-10000): not measured: ${f.mergesReason}`);
    L.push('');
    L.push(
      `The command line's reader when measured: \`${READER_FILE}\` began “${f.reader}” and ${f.readerUsesExceljs ? 'imported exceljs: **the exceljs-based reader**' : 'did not import exceljs'}${r.commit ? ` (git ${r.commit})` : ''}.`,
    );
  } else L.push(`Not measured: ${r.floorReason}`);
  L.push('');
  L.push("## context.sync() calls in the add-in (Microsoft's Office.js client library, simulated workbook behind it)");
  L.push('');
  if (r.syncs) {
    const s = r.syncs;
    L.push('| tables | ' + s.sizes.join(' | ') + ' |');
    L.push('|---|' + s.sizes.map(() => '---').join('|') + '|');
    L.push('| 一键校验 (read + check + highlight) | ' + s.check.join(' | ') + ' |');
    L.push('| 一键校验 again (previous marks restored, new ones painted) | ' + s.recheck.join(' | ') + ' |');
    L.push('| 清除标记 | ' + s.clear.join(' | ') + ' |');
    L.push('| 插入模板 (a block into the first table) | ' + s.insertTemplate.join(' | ') + ' |');
    L.push('| 导出报告 | ' + s.report.join(' | ') + ' |');
    L.push('| findings | ' + s.findings.join(' | ') + ' |');
    L.push('| tables found by the add-in | ' + s.tablesFound.join(' | ') + ' |');
    L.push(
      '| largest request of any sync (KB, as serialised by the client library; Excel on the web limit 5,120) | ' +
        s.maxRequestKB.join(' | ') +
        ' |',
    );
    L.push('| largest response of any sync (KB) | ' + s.maxResponseKB.join(' | ') + ' |');
    L.push('');
    L.push(
      `The counts ${s.constant ? 'do not grow' : '**grow**'} with the number of tables up to ${SYNC_SIZES[SYNC_SIZES.length - 1].toLocaleString('en')}; the last column (about 20,000 findings) takes more syncs by volume: every batch is cut by its size (src/adapters/office/budget.ts).`,
    );
    if (!s.constant) {
      L.push(
        "一键校验 reads cell values in batches of at most `LIMITS.syncCells` cells per sync (src/adapters/office/plan.ts) to keep every request under Excel on the web's 5 MB payload limit; a workbook beyond one batch (here the largest one) costs one more sync per batch. So the count grows with the number of cells in steps of a batch, not with each table.",
      );
    }
  } else L.push(`Not measured: ${r.syncsReason}`);
  L.push('');
  L.push('## Task pane first load');
  L.push('');
  if (r.taskpane) {
    const t = r.taskpane;
    L.push(
      `webpack production build of \`webpack.config.js\` (entry \`taskpane\`): first-load JavaScript **${t.firstLoadGzipKB} KB gzipped** (${t.firstLoadKB} KB minified; ${t.firstLoadFiles.join(', ')}); lazy chunks ${t.lazyChunksGzipKB} KB gzipped, loaded later.${t.officeJsGzipKB !== null ? ` The office.js loader (Microsoft, served from our origin) adds ${t.officeJsGzipKB} KB gzipped.` : ''}`,
    );
    L.push('');
    L.push(
      'Largest packages in the first load (share of the minified first-load bytes, attributed through the source map, i.e. after tree-shaking):',
    );
    L.push('');
    L.push('| package | share | minified KB |');
    L.push('|---|---|---|');
    for (const p of t.largestPackages) L.push(`| ${p.name} | ${pct(p.share)} | ${p.minifiedKB} |`);
    L.push('');
    L.push('Largest modules:');
    L.push('');
    L.push('| module | share | minified KB |');
    L.push('|---|---|---|');
    for (const p of t.largestModules) L.push(`| ${p.name} | ${pct(p.share)} | ${p.minifiedKB} |`);
  } else L.push(`Not measured: ${r.taskpaneReason}`);
  L.push('');
  return L.join('\n');
}

(async () => {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'jxmb-bench-'));
  const cpus = os.cpus();
  const result: Result = {
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    machine: {
      node: process.version,
      cpus: cpus.length,
      availableParallelism: JOBS,
      cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
      memoryGB: round(os.totalmem() / 1024 ** 3, 1),
      loadavgStart: os.loadavg().map((x) => round(x, 2)),
    },
    core: null,
    cli: null,
    memory: null,
    floor: null,
    syncs: null,
    taskpane: null,
    pane: null,
  };
  try {
    log('building the CLI (npm run build:cli)');
    buildCli();
    const reader = readerInfo();
    result.commit = gitCommit();
    log(`generating workbooks of ${[...new Set([...SYNC_SIZES, BIG])].join(', ')} tables`);
    const buffers = new Map<number, Buffer>();
    for (const n of new Set([...SYNC_SIZES, BIG])) buffers.set(n, await buildBigWorkbook(n));
    const bigFile = path.join(tmp, `big-${BIG}.xlsx`);
    await fsp.writeFile(bigFile, buffers.get(BIG)!);

    [result.core, result.coreReason] = await section('core', () => measureCore(bigFile));
    [result.cli, result.cliReason] = await section('cli', () => measureCli(tmp));
    [result.memory, result.memoryReason] = await section('memory', () => measureMemory(tmp, bigFile, BIG));
    [result.floor, result.floorReason] = await section('floor', () => measureFloor(tmp, bigFile, BIG, reader));
    [result.syncs, result.syncsReason] = await section('syncs', () => measureSyncs(buffers));
    [result.taskpane, result.taskpaneReason] = await section('taskpane', () => measureTaskpane(tmp));
    [result.pane, result.paneReason] = await section('pane', measurePaneSection);
    result.machine.loadavgEnd = os.loadavg().map((x) => round(x, 2));
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  result.goalsMissed = missedGoals(result);
  process.stderr.write('\n' + table(result) + '\n\n');
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (WRITE) {
    await fsp.writeFile(path.resolve(ROOT, WRITE), markdown(result));
    log(`wrote ${WRITE}`);
  }
  if (result.goalsMissed.length) process.exitCode = 1;
})().catch((e) => {
  process.stderr.write(`[bench] failed: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
