/**
 * Microsoft's Office.js client library for Excel, as Excel on the web runs it
 * (`@microsoft/office-js/dist/excel-web-16.00.debug.js`), loaded without a browser.
 *
 * The script expects a window; it gets a small stand-in of its own, so that what it defines
 * (OSF, Office, a fetch polyfill…) stays inside it. The library's source is wrapped in a
 * function that takes the stand-in as `window`, `self` and `document` (and as the first scope of
 * every bare name, see factoryBody); in Node the wrapper is
 * compiled once per module instance (`new Function`, in the realm of the caller, so that errors
 * and arrays are the caller's), in the browser test the same wrapper text is injected as a script
 * (see test/browser/build.ts), because a page's CSP may forbid `new Function`.
 * Each host calls the factory anew: every host has its own library instance.
 */

/** What the library defines that the tests use. */
export interface OfficeClient {
  Excel: Record<string, unknown> & {
    run: (...args: unknown[]) => Promise<unknown>;
    RequestContext: new (info: unknown) => unknown;
  };
  OfficeExtension: Record<string, unknown> & { config: Record<string, unknown> };
}

export type ClientFactory = (win: Record<string, unknown>) => OfficeClient;

export const CLIENT_SCRIPT = 'excel-web-16.00.debug.js';
const PARAMS = ['window', 'self', 'document', 'navigator', 'location'];

/** The wrapper's body: the library, then the names the tests need. */
export function factoryBody(librarySource: string): string {
  // The script treats its global object as `window` (it sets window.Microsoft and then reads a
  // bare `Microsoft`): `with` makes the stand-in the first scope of every bare name.
  // Its top-level `var`s are properties of the global object too (window.OfficeExtension…): they
  // are made properties of the stand-in first, so that `with` routes them there.
  const names = [...new Set([...librarySource.matchAll(/^var\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]))];
  const prologue = `${JSON.stringify(names)}.forEach(function (n) { if (!(n in window)) window[n] = undefined; });`;
  return `${prologue}\nwith (window) {\n${librarySource}\n;return { Excel: window.Excel || Excel, OfficeExtension: window.OfficeExtension || OfficeExtension };\n}`;
}

/** The wrapper as a script that defines `window.__officeClientFactory` (browser test). */
export function factoryScript(librarySource: string): string {
  return `window.__officeClientFactory = function (${PARAMS.join(', ')}) {\n${factoryBody(librarySource)}\n};\n`;
}

/** A minimal window: what the library touches while it loads and runs. */
export function standInWindow(): Record<string, unknown> {
  const win: Record<string, unknown> = {
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    console,
    Promise,
    JSON,
    navigator: { userAgent: 'Mozilla/5.0 (jxmb test host)', language: 'zh-CN' },
    location: {
      href: 'https://localhost/taskpane.html',
      search: '',
      hash: '',
      protocol: 'https:',
      host: 'localhost',
      hostname: 'localhost',
    },
    addEventListener() {},
    removeEventListener() {},
  };
  win.window = win;
  win.self = win;
  win.document = {
    readyState: 'complete',
    cookie: '',
    getElementsByTagName: () => [],
    addEventListener() {},
    createElement: () => ({ style: {}, setAttribute() {} }),
  };
  return win;
}

let compiled: ClientFactory | null = null;

/** Loads a fresh instance of the library (the factory is found or compiled once). */
export function loadClient(): OfficeClient {
  if (!compiled) compiled = findFactory();
  const win = standInWindow();
  return compiled.call(win, win);
}

function findFactory(): ClientFactory {
  const g = globalThis as unknown as { __officeClientFactory?: (...a: unknown[]) => OfficeClient };
  if (typeof g.__officeClientFactory === 'function') {
    const f = g.__officeClientFactory;
    return function (this: unknown, win) {
      return f.call(win, win, win, win.document, win.navigator, win.location);
    };
  }
  // Node (jest, tsx): read the script from the package and compile the wrapper
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  const file = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist', CLIENT_SCRIPT);
  const fn = new Function(...PARAMS, factoryBody(fs.readFileSync(file, 'utf8'))) as (...a: unknown[]) => OfficeClient;
  return function (this: unknown, win) {
    return fn.call(win, win, win, win.document, win.navigator, win.location);
  };
}
