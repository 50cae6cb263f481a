/**
 * Privacy of the command line: it works with networking disabled and never tries to connect; no
 * runtime dependency is a telemetry package or opens a network connection; `npm audit` of the
 * runtime dependencies has no high or critical issue (skipped, with the reason, when the audit
 * endpoint cannot be reached).
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { FIXTURE_FILES } from '../checker/fixture-files';
import { ROOT, buildCliBundle, runCli } from './cli-bundle';

jest.setTimeout(60_000);

const GUARD = path.join(__dirname, 'preload/no-network.cjs');
let bin: string;
let tmp: string;
let reference: ReturnType<typeof runCli>;
const ARGS = () => ['--format', 'json', '--jobs', '2', ...FIXTURE_FILES];

beforeAll(() => {
  bin = buildCliBundle('privacy');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-privacy-'));
  reference = runCli(bin, ARGS());
  expect(reference.code).toBe(1);
});

function unshareWorks(): boolean {
  const r = spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

test('with every network API of Node made to throw, the CLI (workers included) works and tries nothing', () => {
  const log = path.join(tmp, 'net.log');
  const out = path.join(tmp, 'annotated');
  const r = runCli(bin, [...ARGS(), '--annotate', out], { node: ['--require', GUARD], env: { JXMB_NET_LOG: log } });
  expect(r.code).toBe(reference.code);
  expect(r.err).toBe('');
  expect(r.out).toBe(reference.out);
  expect(fs.readdirSync(out)).toHaveLength(FIXTURE_FILES.length);
  const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
  expect(lines.filter((l) => l.startsWith('attempt'))).toEqual([]);
  // the guard was active in the main thread and in both workers
  expect(new Set(lines)).toEqual(new Set(['load 0', 'load 1', 'load 2']));
});

test('the guard itself catches a connection attempt (so the test above would see one)', () => {
  const log = path.join(tmp, 'net-selftest.log');
  const r = spawnSync(process.execPath, ['--require', GUARD, '-e', "require('https').get('https://example.com')"], {
    env: { ...process.env, JXMB_NET_LOG: log },
    encoding: 'utf8',
  });
  expect(r.status).not.toBe(0);
  expect(fs.readFileSync(log, 'utf8')).toMatch(/attempt 0 https\.get/);
});

(unshareWorks() ? test : test.skip)('in a network namespace without any interface (unshare -rn) the CLI gives the same result', () => {
  const r = runCli(bin, ARGS(), { prefix: ['unshare', '-rn'] });
  expect(r.code).toBe(reference.code);
  expect(r.err).toBe('');
  expect(r.out).toBe(reference.out);
});

test('the CLI bundle loads no network module', () => {
  const src = fs.readFileSync(bin, 'utf8');
  const mods = new Set([...src.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  // module: createRequire, which loads fflate on first use (src/adapters/file/fflate-lazy.ts); zlib: the reader's inflate
  const allowed = [
    'crypto',
    'decimal.js',
    'exceljs',
    'fflate',
    'fs',
    'module',
    'os',
    'path',
    'saxes',
    'util',
    'worker_threads',
    'zlib',
    'zod',
  ];
  expect([...mods].filter((m) => !allowed.includes(m))).toEqual([]);
  expect(src).not.toMatch(/\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket/);
});

let runtime: string[] | null = null;

/** Runtime packages: `npm ls --omit=dev --all`, as paths. */
function runtimePackages(): string[] {
  if (runtime) return runtime;
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  runtime = r.stdout
    .trim()
    .split('\n')
    .filter((p) => p && path.resolve(p) !== ROOT);
  return runtime;
}

const TELEMETRY =
  /(^|\/)(applicationinsights|@microsoft\/applicationinsights-[\w-]+|@microsoft\/1ds-[\w-]+|@sentry\/[\w-]+|posthog[\w-]*|mixpanel[\w-]*|@segment\/[\w-]+|analytics-node|@amplitude\/[\w-]+|amplitude-js|@bugsnag\/[\w-]+|bugsnag[\w-]*|newrelic|dd-trace|@datadog\/[\w-]+|@opentelemetry\/[\w-]+|rollbar|logrocket|universal-analytics|insight|@vercel\/analytics|heap-api|@honeybadger-io\/[\w-]+|raven(-js)?|elastic-apm-node|@splitsoftware\/[\w-]+|[\w-]*telemetry[\w-]*)$/i;

test('no telemetry package among the runtime dependencies (npm ls --omit=dev --all)', () => {
  const pkgs = runtimePackages();
  expect(pkgs.length).toBeGreaterThan(20);
  const names = pkgs.map((p) => p.split('node_modules/').pop()!);
  expect(names.filter((n) => TELEMETRY.test(n))).toEqual([]);
  for (const n of ['exceljs', 'decimal.js', 'zod', 'react', 'react-dom', '@fluentui/react-components']) expect(names).toContain(n);
});

test('no runtime dependency opens a network connection (source scan) or runs an install script', () => {
  const NET =
    /require\(\s*['"](?:node:)?(?:https?|net|tls|dgram|http2|dns)['"]\s*\)|from\s+['"](?:node:)?(?:https?|net|tls|dgram|http2|dns)['"]|navigator\.sendBeacon|new\s+XMLHttpRequest|new\s+WebSocket|(?<![\w.$])fetch\(\s*['"`]https?:/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (/\.(c|m)?js$/.test(e.name) && NET.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(ROOT, p));
    }
  };
  for (const p of runtimePackages()) walk(p);
  expect(offenders).toEqual([]);
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
  };
  const scripts = Object.entries(lock.packages)
    .filter(([, v]) => v.hasInstallScript && !v.dev)
    .map(([k]) => k);
  expect(scripts).toEqual([]);
});

/** `npm audit --omit=dev --audit-level=high`: the registry's bulk-advisory endpoint may be unreachable. */
function audit(): { ok: true; high: number; critical: number; total: number } | { ok: false; reason: string } {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) return { ok: false, reason: r.error.message };
  let doc: { metadata?: { vulnerabilities?: Record<string, number> }; message?: string; statusCode?: number; error?: { summary?: string } };
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    return { ok: false, reason: (r.stderr || r.stdout).trim().split('\n').pop() ?? `exit ${r.status}` };
  }
  const v = doc.metadata?.vulnerabilities;
  if (!v) return { ok: false, reason: doc.message ?? doc.error?.summary ?? `no audit report (exit ${r.status})` };
  return { ok: true, high: v.high ?? 0, critical: v.critical ?? 0, total: v.total ?? 0 };
}

const AUDIT = audit();
if (!AUDIT.ok) {
  console.warn(
    `npm audit skipped: the registry's audit endpoint is unreachable from here (${AUDIT.reason}). Run \`npm audit --omit=dev --audit-level=high\` where it is reachable.`,
  );
}

(AUDIT.ok ? test : test.skip)('npm audit --omit=dev: no high or critical vulnerability', () => {
  if (!AUDIT.ok) return;
  expect({ high: AUDIT.high, critical: AUDIT.critical }).toEqual({ high: 0, critical: 0 });
});
