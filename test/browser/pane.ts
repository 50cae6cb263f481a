/**
 * The built task pane in Chromium against the fake Office.js host (shared by test/browser/taskpane.test.ts and
 * `npm run bench`): the host bundle injected before the page's scripts, and the big-workbook measurement.
 */
import { buildSync } from 'esbuild';
import { readFileSync } from 'fs';
import * as path from 'path';
import { type Browser, chromium } from 'playwright-core';
import { CLIENT_SCRIPT, factoryScript } from '../office-host/client';
import { type WorkbookModel, toJSON } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import { buildBigWorkbook } from '../fixtures/big';
import { DIST, ensureBuild } from './build';
import { CHROMIUM, FLAGS } from './chromium';
import { serveDir } from './serve';

let hostBundle = '';
export function bundleHost(): string {
  if (!hostBundle) {
    const out = buildSync({
      entryPoints: [path.join(__dirname, 'host-entry.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
      // client.ts reads the library from node_modules only in Node; the page gets it below
      external: ['node:fs', 'node:path'],
    });
    // Microsoft's client library first (as Excel on the web loads it), wrapped as in Node
    const library = readFileSync(
      path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist', CLIENT_SCRIPT),
      'utf8',
    );
    hostBundle = `${factoryScript(library)}\n${out.outputFiles[0].text}`;
  }
  return hostBundle;
}

/** What the task pane does with a big workbook, measured in Chromium. */
export interface PaneFigures {
  tables: number;
  /** Findings of the result (the summary's counts). */
  findings: number;
  /** Items of the list to step through (a table's placeholder rows are one). */
  listed: number;
  /** From the click on 一键校验 to the summary on screen (ms). */
  resultsMs: number;
  /** Longest main-thread task while checking (ms; PerformanceObserver longtask, over 50 ms only). */
  longestWhileChecking: number;
  /** Longest main-thread task after the results arrived, while the user steps through, filters and groups (ms). */
  longestAfterResults: number;
  /** Elements in the page with the results shown. */
  elements: number;
  /** Finding items rendered. */
  items: number;
}

/** Opens the pane over a workbook of `tables` tables, checks it and reviews the results as a user would. */
export async function measurePane(tables: number, browser?: Browser): Promise<PaneFigures> {
  ensureBuild();
  const own = browser ?? (await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS }));
  const server = await serveDir(DIST);
  try {
    const model: WorkbookModel = await loadXlsx(await buildBigWorkbook(tables));
    const context = await own.newContext({ viewport: { width: 380, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.route('**/office-js/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '/* fake host */' }));
    await page.addInitScript(`${bundleHost()}\nwindow.__installFakeOffice(${JSON.stringify(toJSON(model))}, {});
      window.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: true });`);
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByTestId('run-check').waitFor();
    const longest = () => page.evaluate(() => Math.round(Math.max(0, ...(window as unknown as { __long: number[] }).__long)));
    const resetLong = () => page.evaluate(() => void ((window as unknown as { __long: number[] }).__long = []));
    await resetLong();
    const t0 = Date.now();
    await page.getByTestId('run-check').click();
    await page.getByTestId('summary').waitFor({ timeout: 240_000 });
    const resultsMs = Date.now() - t0;
    const longestWhileChecking = await longest();
    await page.waitForTimeout(300);
    await resetLong();
    // the user reviews: steps through, filters, groups by table, asks for the next window
    for (let i = 0; i < 5; i++) await page.getByTestId('next').click();
    await page.getByTestId('filter-info').click();
    await page.getByTestId('filter-info').click();
    await page.getByTestId('group-by-table').click();
    await page.getByTestId('group-by-table').click();
    if (await page.getByTestId('more-findings').count()) await page.getByTestId('more-findings').click();
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(300);
    const longestAfterResults = await longest();
    const counts = await page.evaluate(() => ({
      elements: document.querySelectorAll('*').length,
      items: document.querySelectorAll('[data-testid="finding"]').length,
      findings: ['error', 'warning', 'info']
        .map((s) => Number(/\d+/.exec(document.querySelector(`[data-testid="count-${s}"]`)?.textContent ?? '')?.[0] ?? 0))
        .reduce((a, b) => a + b, 0),
      listed: Number(
        /共 (\d+) 个|\/ (\d+) 个/
          .exec(document.querySelector('[data-testid="position"]')?.textContent ?? '')
          ?.slice(1)
          .find(Boolean) ?? 0,
      ),
    }));
    await context.close();
    return { tables, resultsMs, longestWhileChecking, longestAfterResults, ...counts };
  } finally {
    await server.close();
    if (!browser) await own.close();
  }
}
