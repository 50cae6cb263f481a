/**
 * `npm run build:web` -> dist/web/index.html: the checker page as one file, with its script inline.
 *
 * One file, because the page must work opened from disk (file://), where a browser loads neither module
 * scripts nor a worker script file: the worker is bundled first and carried by the page's script as a
 * string (started from a blob: address, see src/web/index.tsx). The Content-Security-Policy allows that one
 * script by its SHA-256 hash and forbids every connection (src/web/index.html).
 *
 * Prints the page's JavaScript size, gzipped, and fails above the budget (300 KB gzipped).
 */
import { createHash } from 'crypto';
import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import { gzipSync } from 'zlib';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'web');
export const BUDGET_GZIP = 300 * 1024;
// Chromium 80 covers the browsers of the domestic operating systems still in use (their engines are
// Chromium-based and at least this recent); Firefox 78 is the oldest ESR with everything our code needs.
const TARGET = ['chrome80', 'edge80', 'firefox78'];

function bundle(entry, define = {}) {
  const r = buildSync({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: TARGET,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', ...define },
  });
  return r.outputFiles[0].text;
}

/**
 * Script text that may stand inside <script>…</script> (HTML's "script data" state): "</script" would end the
 * element and "<!--" would switch the parser to its escaped state. Both can only occur inside string, template
 * or regular-expression literals of the minified bundle (the worker's XML tokenizer looks for "<!--"), where
 * "\x3C" means "<" in all three; so "<" is written "\x3C" there. (Were one of them in code, the page would
 * not parse, and the browser test would fail.)
 */
function inlineSafe(js) {
  return js.replace(/<(\/script|!--)/gi, '\\x3C$1');
}

export function buildWeb() {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const worker = bundle('src/web/worker.ts');
  const app = inlineSafe(
    bundle('src/web/index.tsx', {
      __JXMB_WORKER__: JSON.stringify(worker),
      __JXMB_VERSION__: JSON.stringify(pkg.version),
    }),
  );
  const hash = `sha256-${createHash('sha256').update(app, 'utf8').digest('base64')}`;
  const template = readFileSync(path.join(ROOT, 'src/web/index.html'), 'utf8');
  // function replacers: the script may contain "$&" and the like
  const html = template.replace('__SCRIPT_HASH__', () => hash).replace('__SCRIPT__', () => app);
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, 'index.html');
  writeFileSync(file, html);
  const sizes = {
    file,
    scriptBytes: Buffer.byteLength(app),
    scriptGzip: gzipSync(app, { level: 9 }).length,
    workerBytes: Buffer.byteLength(worker),
    workerGzip: gzipSync(worker, { level: 9 }).length,
  };
  if (sizes.scriptGzip > BUDGET_GZIP)
    throw new Error(
      `the page's JavaScript is ${(sizes.scriptGzip / 1024).toFixed(1)} KB gzipped, over the budget of ${BUDGET_GZIP / 1024} KB`,
    );
  return sizes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = buildWeb();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(s));
    process.exit(0);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${path.relative(process.cwd(), s.file)}: JavaScript ${kb(s.scriptBytes)} (${kb(s.scriptGzip)} gzipped, budget ${kb(BUDGET_GZIP)}), of which the worker ${kb(s.workerBytes)} (${kb(s.workerGzip)} gzipped)`,
  );
}
