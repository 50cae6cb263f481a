/**
 * The measurements behind the container decision in docs/xls.md (not a test; nothing here is asserted):
 * our compound-file reader against the `cfb` package (bundle size for the browser, time on the example,
 * behaviour on damaged files), and the .xls reader against the .xlsx readers on the example.
 *
 *   npx tsx test/xls/bench.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import * as CFB from 'cfb';
import { build } from 'esbuild';
import { loadExcelWorkbook, workbookToGrid } from '../../src/adapters/exceljs/read';
import { readBiff8 } from '../../src/adapters/xls/biff';
import { CfbError, CompoundFile } from '../../src/adapters/xls/cfb';
import { readXls } from '../../src/adapters/xls/read';
import { readXlsx } from '../../src/adapters/xlsx/read';

const ROOT = path.resolve(__dirname, '..', '..');
const XLS = new Uint8Array(fs.readFileSync(path.join(ROOT, 'test/fixtures/xls/示例-绩效目标表.xls')));
const XLSX = new Uint8Array(fs.readFileSync(path.join(ROOT, 'examples/示例-绩效目标表.xlsx')));

function time(label: string, n: number, f: () => unknown): void {
  for (let i = 0; i < Math.min(20, n); i++) f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(`${label.padEnd(48)} ${((performance.now() - t0) / n).toFixed(3)} ms`);
}

async function bundleSize(label: string, contents: string): Promise<void> {
  const r = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    external: ['decimal.js'], // the core's, in the page anyway
    logLevel: 'error',
  });
  const js = r.outputFiles[0].contents;
  console.log(`${label.padEnd(48)} ${js.length} bytes minified, ${zlib.gzipSync(js, { level: 9 }).length} gzipped`);
}

(async () => {
  let t = performance.now();
  readXls(XLS);
  console.log(`${'readXls, first call in this process'.padEnd(48)} ${(performance.now() - t).toFixed(3)} ms`);
  t = performance.now();
  readXlsx(XLSX);
  console.log(`${'readXlsx, first call in this process'.padEnd(48)} ${(performance.now() - t).toFixed(3)} ms`);

  time('container: ours (open + Workbook stream)', 2000, () => {
    const c = new CompoundFile(XLS);
    return c.read(c.find('Workbook')!);
  });
  time('container: cfb 1.2.2 (read + find Workbook)', 2000, () => CFB.find(CFB.read(XLS, { type: 'array' }), 'Workbook')!.content);
  time('.xls example: readXls (our container)', 1000, () => readXls(XLS));
  time('.xls example: readBiff8 over cfb 1.2.2', 1000, () =>
    readBiff8(CFB.find(CFB.read(XLS, { type: 'array' }), 'Workbook')!.content as Uint8Array),
  );
  time('.xlsx example: readXlsx (our .xlsx reader)', 300, () => readXlsx(XLSX));
  const t0 = performance.now();
  for (let i = 0; i < 30; i++) workbookToGrid(await loadExcelWorkbook(Buffer.from(XLSX)));
  console.log(`${'.xlsx example: exceljs load + grid'.padEnd(48)} ${((performance.now() - t0) / 30).toFixed(3)} ms`);

  await bundleSize('bundle: our container alone', "export { CompoundFile } from './src/adapters/xls/cfb';");
  await bundleSize(
    'bundle: cfb 1.2.2 (read + find)',
    "import * as CFB from 'cfb'; export const open = (b: Uint8Array) => CFB.find(CFB.read(b, { type: 'array' }), 'Workbook');",
  );
  await bundleSize('bundle: the .xls reader (readXls)', "export { readXls } from './src/adapters/xls/read';");
  await bundleSize(
    'bundle: the .xls reader over cfb 1.2.2',
    "import * as CFB from 'cfb'; import { readBiff8 } from './src/adapters/xls/biff'; export const read = (b: Uint8Array) => readBiff8(CFB.find(CFB.read(b, { type: 'array' }), 'Workbook')!.content as Uint8Array);",
  );

  // damaged copies: 1 in 3 truncated, the others with 1–4 bytes overwritten (half of them in the first 512 bytes)
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const stats = {
    cfb: { read: 0, ownError: 0, typeOrRangeError: 0, maxMs: 0 },
    ours: { read: 0, ownError: 0, typeOrRangeError: 0, maxMs: 0 },
  };
  for (let i = 0; i < 3000; i++) {
    const b = XLS.slice(0, i % 3 === 0 ? Math.floor(rnd() * XLS.length) : XLS.length);
    if (i % 3 !== 0)
      for (let j = 0, k = 1 + Math.floor(rnd() * 4); j < k; j++)
        b[rnd() < 0.5 ? Math.floor(rnd() * 512) : Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    const runs: [keyof typeof stats, () => unknown][] = [
      ['cfb', () => CFB.find(CFB.read(b, { type: 'array' }), 'Workbook')?.content],
      [
        'ours',
        () => {
          const c = new CompoundFile(b);
          const e = c.find('Workbook');
          return e ? c.read(e) : undefined;
        },
      ],
    ];
    for (const [name, f] of runs) {
      const s = stats[name];
      const start = performance.now();
      try {
        f();
        s.read++;
      } catch (e) {
        if (e instanceof TypeError || e instanceof RangeError) s.typeOrRangeError++;
        else if (name === 'cfb' || e instanceof CfbError) s.ownError++;
        else throw e;
      }
      s.maxMs = Math.max(s.maxMs, performance.now() - start);
    }
  }
  console.log('3,000 damaged copies of the example:', JSON.stringify(stats));
})();
