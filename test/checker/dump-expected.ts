/**
 * Prints the current findings of every fixture as the expected-findings document
 * (test/fixtures/expected.json). Run it only after reviewing a change of behaviour:
 *   npx tsx test/checker/dump-expected.ts > test/fixtures/expected.json
 */
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook } from '../../src/core/check';
import { FIXTURE_FILES } from './fixture-files';

(async () => {
  const out: Record<string, { problems: string[]; infos: Record<string, number> }> = {};
  for (const f of FIXTURE_FILES) {
    const r = checkWorkbook(await readWorkbookGrid(f));
    const problems = r.findings.filter((x) => x.severity !== 'info').map((x) => `${x.code} ${x.sheet}!${x.cell}`);
    const infos: Record<string, number> = {};
    for (const x of r.findings.filter((y) => y.severity === 'info')) infos[x.code] = (infos[x.code] ?? 0) + 1;
    out[f] = { problems, infos };
  }
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
})();
