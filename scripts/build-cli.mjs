// Builds the command line: the main bundle (default dist/cli/jxmb.cjs, or the path given) and, next to it, the
// worker bundle (jxmb-worker.cjs: what a pool worker runs, src/cli/worker-main.ts). Both are Node 20 CommonJS;
// packages stay external (installed with the tool); fflate is loaded on first use (src/adapters/file/fflate-lazy.ts).
//
//   node scripts/build-cli.mjs [OUT]          both bundles
//   node scripts/build-cli.mjs OUT ENTRY      one other entry built the same way (bench/core-child.ts)
import { build } from 'esbuild';

const [out = 'dist/cli/jxmb.cjs', entry] = process.argv.slice(2);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  alias: { fflate: './src/adapters/file/fflate-lazy.ts' },
  logLevel: 'warning',
};
const one = (entryPoint, outfile) => build({ ...common, entryPoints: [entryPoint], outfile });
await (entry
  ? one(entry, out)
  : Promise.all([one('src/cli/main.ts', out), one('src/cli/worker-main.ts', out.replace(/(\.c?js)$/i, '-worker$1'))]));
