/**
 * The checker page (dist/web/index.html, built by scripts/build-web.mjs) in Debian's Chromium, opened from
 * disk (file://) as a user opens it, and once from a web server: every fixture, its .xls copy and the example
 * workbook are dropped on the page; the findings it holds and lists equal the command line's JSON exactly, the
 * annotated copy it downloads equals the command line's copy byte for byte, and the summary workbook equals
 * the command line's rows. No request leaves the page after it has loaded (the CSP forbids connections, and
 * the test sees none), and the main thread never reads or checks (that is the worker's).
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { type Browser, type Page, type Request, chromium } from 'playwright-core';
import { FIXTURE_FILES } from '../checker/fixture-files';
import { buildBigWorkbook } from '../fixtures/big';
import { ROOT, buildCliBundle, runCli } from '../hardening/cli-bundle';
import { foldPlaceholders } from '../../src/core/fold';
import { cliResult } from '../addin/helpers';
import { serveDir } from './serve';
import { eventually, press } from './eventually';
import { seriousViolations } from './axe';
import { CHROMIUM, FLAGS, describeInChromium, screenshotPath } from './chromium';

const WEB = path.join(ROOT, 'dist', 'web');
const PAGE = path.join(WEB, 'index.html');
const XLS_FILES = ['test/fixtures/xls/layoutA-ningxia.xls', 'test/fixtures/xls/示例-绩效目标表.xls', 'test/fixtures/xls/variants.xls'];

const describeBrowser = describeInChromium('web test');

interface JsonFinding {
  code: string;
  severity: string;
  sheet: string;
  cell: string;
  table: string;
  message: string;
}
interface JsonFile {
  file: string;
  tables: { sheet: string; range: string; kind: string; name: string }[];
  findings: JsonFinding[];
  error?: string;
}

let sizes: { scriptGzip: number; workerGzip: number };
let bin: string;
let tmp: string;

beforeAll(async () => {
  // the page as `npm run build:web` builds it (the script is an ES module: run, not imported)
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-web.mjs'), '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build:web failed:\n${r.stdout}\n${r.stderr}`);
  sizes = JSON.parse(r.stdout) as typeof sizes;
  bin = buildCliBundle('web');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'jxmb-web-'));
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The command line's findings and copies for `files` (one run, as a reviewer runs it). */
function cliRun(files: string[], annotateDir: string, summary?: string): JsonFile[] {
  const args = [...files, '--format', 'json', '--annotate', annotateDir, ...(summary ? ['--summary', summary] : []), '--force'];
  const r = runCli(bin, args);
  // 2: some file could not be checked (its reason is in the document)
  if (r.code !== 0 && r.code !== 1 && r.code !== 2) throw new Error(`CLI failed (${r.code}): ${r.err}`);
  return (JSON.parse(r.out) as { files: JsonFile[] }).files;
}

test('the page is one file whose JavaScript is under 300 KB gzipped', () => {
  console.log(
    `[web test] first-load JavaScript ${(sizes.scriptGzip / 1024).toFixed(1)} KB gzipped (worker ${(sizes.workerGzip / 1024).toFixed(1)} KB of it)`,
  );
  expect(sizes.scriptGzip).toBeLessThan(300 * 1024);
  const html = readFileSync(PAGE, 'utf8');
  // no script, style sheet, image or font from anywhere: the page has everything inline
  const markup = html.replace(/<script>[\s\S]*<\/script>/, '<script></script>');
  expect(markup).toContain('<script></script>');
  expect(markup).not.toMatch(/\ssrc=|\shref=|url\(/i);
  expect(html).toMatch(/connect-src 'none'/);
});

describeBrowser('checker page in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  interface Opened {
    page: Page;
    /** Requests after the page had loaded (blob: addresses the page makes itself excluded). */
    requests: Request[];
    errors: string[];
  }

  /**
   * Requests that left the page after it had loaded: Chromium reports a request the CSP refuses too (an
   * image, for one), failed with "csp" before anything is sent; those did not leave.
   */
  function left(o: Opened): string[] {
    return o.requests.filter((r) => r.failure()?.errorText !== 'csp').map((r) => r.url());
  }

  async function open(url: string): Promise<Opened> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const requests: Request[] = [];
    const errors: string[] = [];
    let loaded = false;
    page.on('request', (r) => {
      if (loaded && !r.url().startsWith('blob:')) requests.push(r);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await page.goto(url);
    await page.getByTestId('drop').waitFor();
    loaded = true;
    return { page, requests, errors };
  }

  /** Drops files on the drop zone, as a user drags them from the file manager. */
  async function drop(page: Page, files: string[]): Promise<void> {
    const payload = files.map((f) => ({ name: path.basename(f), data: readFileSync(path.resolve(ROOT, f)).toString('base64') }));
    const dt = await page.evaluateHandle((list) => {
      const t = new DataTransfer();
      for (const f of list) {
        const bin = atob(f.data);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        t.items.add(new File([bytes], f.name));
      }
      return t;
    }, payload);
    await page.dispatchEvent('[data-testid=drop]', 'drop', { dataTransfer: dt });
  }

  /** Waits until no file is waiting or being checked. */
  async function settled(page: Page, count: number): Promise<void> {
    await page.waitForFunction(
      (n) => {
        const s = (window as unknown as { jxmb: { session: { getState(): { files: { status: string }[] } } } }).jxmb.session.getState();
        return s.files.length === n && s.files.every((f) => f.status === 'done' || f.status === 'failed' || f.status === 'cancelled');
      },
      count,
      { timeout: 120_000 },
    );
  }

  interface PageFile {
    name: string;
    status: string;
    error?: string;
    tables: JsonFile['tables'];
    findings: JsonFinding[];
  }

  async function pageFiles(page: Page): Promise<PageFile[]> {
    return page.evaluate(() => {
      type F = { code: string; severity: string; sheet: string; cell: string; table: string; message: string };
      type T = { sheet: string; range: string; kind: string; name: string };
      const s = (
        window as unknown as {
          jxmb: {
            session: { getState(): { files: { name: string; status: string; error?: string; result?: { tables: T[]; findings: F[] } }[] } };
          };
        }
      ).jxmb.session.getState();
      return s.files.map((f) => ({
        name: f.name,
        status: f.status,
        error: f.error,
        tables: (f.result?.tables ?? []).map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind, name: t.name })),
        findings: (f.result?.findings ?? []).map((x) => ({
          code: x.code,
          severity: x.severity,
          sheet: x.sheet,
          cell: x.cell,
          table: x.table,
          message: x.message,
        })),
      }));
    });
  }

  test("from disk: every fixture and the example, dropped at once, give the command line's findings exactly; copies and summary equal its own", async () => {
    const annotate = path.join(tmp, 'cli-copies');
    mkdirSync(annotate, { recursive: true });
    const summary = path.join(tmp, 'cli-summary.xlsx');
    const cli = cliRun(FIXTURE_FILES, annotate, summary);
    const o = await open(`file://${PAGE}`);
    await drop(o.page, FIXTURE_FILES);
    await settled(o.page, FIXTURE_FILES.length);
    const got = await pageFiles(o.page);
    expect(got.map((f) => f.name)).toEqual(FIXTURE_FILES.map((f) => path.basename(f)));
    got.forEach((f, i) => {
      expect(f.status).toBe('done');
      expect(f.tables).toEqual(cli[i].tables);
      expect(f.findings).toEqual(cli[i].findings);
    });
    const total = cli.reduce((n, f) => n + f.findings.length, 0);
    expect(total).toBeGreaterThan(50);

    // what the user reads: each file's list shows every one of its findings, with the command line's message
    for (let i = 0; i < FIXTURE_FILES.length; i++) {
      const card = o.page.locator(`[data-testid=file][data-file="${path.basename(FIXTURE_FILES[i])}"]`);
      const items = card.getByTestId('finding');
      // shown a window at a time: every window asked for, in turn
      const labels: string[] = [];
      const cells: string[] = [];
      for (;;) {
        labels.push(...(await items.evaluateAll((els) => els.map((e) => e.textContent ?? ''))));
        cells.push(...(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell') ?? ''))));
        if ((await card.getByTestId('more-findings').count()) === 0) break;
        const before = await items.first().getAttribute('data-cell');
        await press(card.getByTestId('more-findings'));
        // (the next window is rendered as a transition: wait until it is there)
        for (let t = 0; t < 100 && (await items.first().getAttribute('data-cell')) === before; t++) await o.page.waitForTimeout(50);
      }
      // (a table's many placeholder rows are one item, as in the command line's table report: core/fold)
      const listed = foldPlaceholders((await cliResult(readFileSync(path.join(ROOT, FIXTURE_FILES[i])))).findings);
      expect(labels.length).toBe(listed.length);
      expect([...cells].sort()).toEqual(listed.map((f) => `${f.sheet}!${f.cell}`).sort());
      for (const f of listed) expect(labels.some((l) => l.includes(f.message))).toBe(true);
      if (cli[i].tables.length > 0) {
        const toggle = card.getByTestId('toggle-tables');
        if ((await toggle.textContent())?.startsWith('展开')) await press(toggle);
      }
      // (the list of tables is rendered after the click: waited for)
      await eventually(() => card.getByTestId('table').count(), cli[i].tables.length);
    }

    // the annotated copy of each file equals the command line's, byte for byte
    for (const f of FIXTURE_FILES) {
      const card = o.page.locator(`[data-testid=file][data-file="${path.basename(f)}"]`);
      const [dl] = await Promise.all([o.page.waitForEvent('download'), card.getByTestId('download-copy').click()]);
      const name = path.basename(f).replace(/\.xlsx$/, '-已标注.xlsx');
      expect(dl.suggestedFilename()).toBe(name);
      const bytes = readFileSync((await dl.path())!);
      expect(bytes.equals(readFileSync(path.join(annotate, name)))).toBe(true);
    }

    // the summary workbook: the command line's rows (its 标注副本 links point to the copies' names, which the
    // page downloads to one folder; the command line's are relative to its summary)
    const [dl] = await Promise.all([o.page.waitForEvent('download'), o.page.getByTestId('download-summary').click()]);
    expect(dl.suggestedFilename()).toBe('绩效目标表校验汇总.xlsx');
    const web = await sheetsOf(readFileSync((await dl.path())!));
    const ref = await sheetsOf(readFileSync(summary));
    // 文件 (both sheets) and 标注副本 (first sheet) without folders: the page knows only the files' names
    const names = (rows: unknown[][], cols: number[]) =>
      rows.map((r) => r.map((c, k) => (cols.includes(k) && typeof c === 'string' ? path.basename(c) : c)));
    expect(names(web.files, [0, 8])).toEqual(names(ref.files, [0, 8]));
    expect(names(web.findings, [0])).toEqual(names(ref.findings, [0]));
    expect(web.findings.length).toBe(total + 1);

    // nothing of the files kept beyond the tab: no web storage, no database, no cache
    const stored = await o.page.evaluate(async () => {
      let local: number;
      try {
        local = localStorage.length + sessionStorage.length;
      } catch {
        local = 0; // storage unavailable on file:// in some browsers
      }
      const dbs = indexedDB.databases ? (await indexedDB.databases()).length : 0;
      const caches = typeof window.caches !== 'undefined' ? (await window.caches.keys().catch(() => [])).length : 0;
      return { local, dbs, caches };
    });
    expect(stored).toEqual({ local: 0, dbs: 0, caches: 0 });
    expect(left(o)).toEqual([]);
    expect(o.errors).toEqual([]);
  }, 300_000);

  test('a finding shows its cell in a read-only view of the sheet, marked, with the message', async () => {
    const o = await open(`file://${PAGE}`);
    const file = 'test/fixtures/layoutA-ningxia.xlsx';
    await drop(o.page, [file]);
    await settled(o.page, 1);
    const all = (await pageFiles(o.page))[0].findings;
    const f = all.find((x) => x.severity === 'error') ?? all.find((x) => x.severity === 'warning')!;
    expect(f).toBeDefined();
    await o.page.locator(`[data-testid=finding][data-cell="${f.sheet}!${f.cell}"]`).first().click();
    const preview = o.page.getByTestId('preview');
    await preview.waitFor();
    await expect(preview.locator(`td[data-cell="${f.cell}"]`).count()).resolves.toBe(1);
    await expect(preview.textContent()).resolves.toContain(f.message);
    // the row and column headers of the real sheet
    const m = /^([A-Z]+)(\d+)$/.exec(f.cell)!;
    await expect(preview.locator('th', { hasText: new RegExp(`^${m[1]}$`) }).count()).resolves.toBe(1);
    await expect(preview.locator('th', { hasText: new RegExp(`^${m[2]}$`) }).count()).resolves.toBe(1);
    await o.page.screenshot({ path: screenshotPath(ROOT, 'web.png'), fullPage: false });
    expect(await seriousViolations(o.page, '#root')).toEqual([]);
    expect(left(o)).toEqual([]);
    expect(o.errors).toEqual([]);
  }, 120_000);

  test('.xls files are checked like their .xlsx originals, with a note instead of a copy', async () => {
    const annotate = path.join(tmp, 'cli-xls');
    mkdirSync(annotate, { recursive: true });
    const cli = cliRun(XLS_FILES, annotate);
    const o = await open(`file://${PAGE}`);
    await drop(o.page, XLS_FILES);
    await settled(o.page, XLS_FILES.length);
    const got = await pageFiles(o.page);
    got.forEach((f, i) => {
      expect(f.findings).toEqual(cli[i].findings);
      expect(f.tables).toEqual(cli[i].tables);
    });
    await expect(o.page.getByTestId('xls-note').count()).resolves.toBe(XLS_FILES.length);
    await expect(o.page.getByTestId('download-copy').count()).resolves.toBe(0);
    expect(left(o)).toEqual([]);
  }, 120_000);

  test("a file that is not a workbook, and a damaged one, get the command line's one-line reason; the others are checked", async () => {
    const o = await open(`file://${PAGE}`);
    // a Word file saved as .xls, and a workbook cut short in the middle
    const damaged = path.join(tmp, '损坏.xlsx');
    const whole = readFileSync(path.join(ROOT, 'test/fixtures/clean.xlsx'));
    writeFileSync(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
    const word = path.join(tmp, '其实是Word.xls');
    writeFileSync(word, readFileSync(path.join(ROOT, 'test/fixtures/xls/word.doc')));
    const files = [word, 'test/fixtures/clean.xlsx', damaged];
    const cli = cliRun(files, path.join(tmp, 'cli-bad'));
    await drop(o.page, files);
    await settled(o.page, files.length);
    const got = await pageFiles(o.page);
    expect(got.map((f) => f.status)).toEqual(['failed', 'done', 'failed']);
    expect(got[0].error).toBe(cli[0].error);
    expect(got[2].error).toBe(cli[2].error);
    await expect(o.page.getByTestId('file-error').count()).resolves.toBe(2);
    expect(left(o)).toEqual([]);
  }, 120_000);

  test('connections are refused by the page itself, whatever a script tries', async () => {
    const o = await open(`file://${PAGE}`);
    const outcome = await o.page.evaluate(async () => {
      const tries: string[] = [];
      await fetch('http://127.0.0.1:9/x').then(
        () => tries.push('fetch sent'),
        () => tries.push('fetch refused'),
      );
      const img = new Image();
      await new Promise<void>((resolve) => {
        img.onload = () => (tries.push('image loaded'), resolve());
        img.onerror = () => (tries.push('image refused'), resolve());
        img.src = 'http://127.0.0.1:9/x.png';
      });
      return tries;
    });
    expect(outcome).toEqual(['fetch refused', 'image refused']);
    // refused before leaving the page: no request was made
    expect(left(o)).toEqual([]);
  }, 60_000);

  test('1,000 tables: checked in the worker while the page answers; cancel and resume; the list renders a page at a time', async () => {
    const big = path.join(tmp, '千表.xlsx');
    writeFileSync(big, await buildBigWorkbook(1000));
    const cli = cliRun([big], path.join(tmp, 'cli-big'));
    const o = await open(`file://${PAGE}`);
    await drop(o.page, [big]);
    // while the worker reads and checks, the page takes a click: 取消 stops it
    await o.page.getByTestId('cancel').click();
    await settled(o.page, 1);
    expect((await pageFiles(o.page))[0].status).toBe('cancelled');
    // figures for the closing note and docs/web.md (logged, never asserted: no wall-clock bound in a test)
    await o.page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({
        type: 'longtask',
        buffered: false,
      });
    });
    const t0 = Date.now();
    await o.page.getByTestId('resume').click();
    await o.page.getByTestId('progress').waitFor();
    await settled(o.page, 1);
    await o.page.getByTestId('finding').first().waitFor();
    const figures = await o.page.evaluate(() => {
      const long = (window as unknown as { __long: number[] }).__long;
      return { longest: Math.round(Math.max(0, ...long)), longTasks: long.length, elements: document.querySelectorAll('*').length };
    });
    console.log(
      `[web test] 1,000 tables: results in ${Date.now() - t0} ms; longest main-thread task ${figures.longest} ms (${figures.longTasks} over 50 ms); ${figures.elements} elements`,
    );
    const [f] = await pageFiles(o.page);
    expect(f.status).toBe('done');
    expect(f.tables.length).toBe(1000);
    expect(f.findings).toEqual(cli[0].findings);
    // a page of findings, the rest a click away; the 1,000 tables behind a toggle
    const items = o.page.getByTestId('finding');
    await expect(items.count()).resolves.toBe(200);
    await expect(o.page.getByTestId('table').count()).resolves.toBe(0);
    // the next window replaces it: the list stays small however far the user goes
    const firstCell = await items.first().getAttribute('data-cell');
    await press(o.page.getByTestId('more-findings'));
    // (rendered as a transition, later on a busy machine: up to two minutes)
    await o.page.waitForFunction((c) => document.querySelector('[data-testid="finding"]')?.getAttribute('data-cell') !== c, firstCell, {
      timeout: 120_000,
    });
    await expect(items.count()).resolves.toBe(200);
    expect(await items.first().getAttribute('data-cell')).not.toBe(firstCell);
    await expect(o.page.getByTestId('earlier-findings').count()).resolves.toBe(1);
    expect(left(o)).toEqual([]);
    expect(o.errors).toEqual([]);
  }, 300_000);

  test('from a web server the page works the same', async () => {
    const server = await serveDir(WEB);
    try {
      const o = await open(`${server.url}/index.html`);
      await drop(o.page, ['test/fixtures/layoutC-hengdong.xlsx']);
      await settled(o.page, 1);
      const cli = cliRun(['test/fixtures/layoutC-hengdong.xlsx'], path.join(tmp, 'cli-http'));
      expect((await pageFiles(o.page))[0].findings).toEqual(cli[0].findings);
      expect(left(o)).toEqual([]);
      expect(o.errors).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);
});

/** Both sheets of a summary workbook as plain rows (hyperlinks as their text). */
async function sheetsOf(bytes: Buffer): Promise<{ files: unknown[][]; findings: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const out: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const vals: unknown[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).value as unknown;
        vals.push(v && typeof v === 'object' && 'text' in (v as object) ? (v as { text: string }).text : (v ?? null));
      }
      out.push(vals);
    });
    return out;
  };
  return { files: rows('文件与表格'), findings: rows('问题清单') };
}
