/**
 * `npm run rules:doc`: writes the README's rule table from the rules' metadata (RULES: code, default severity,
 * description), between the markers `<!-- rules:start -->` and `<!-- rules:end -->`; nothing else of the README
 * changes. `--check` only says whether the README is up to date (exit status 1 when not).
 * test/rules/contract.test.ts fails when the README differs from what this script writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../src/core/rules';
import { SEVERITY_LABEL } from '../src/core/severity';

export const README = path.join(__dirname, '..', 'README.md');
export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

/** The rule table: one row per rule in report order, the code linking to its page in docs/rules/. */
export function rulesTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = RULES.map((r) => `| [${r.code}](docs/rules/${r.code}.md) | ${SEVERITY_LABEL[r.defaultSeverity]} | ${cell(r.description)} |`);
  return [
    '<!-- 本表由 npm run rules:doc 根据规则元数据（src/core/rules/）生成，请勿手工修改 -->',
    '| 代码 | 默认级别 | 检查内容 |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/** `readme` with the text between the markers replaced by the rule table. */
export function withRulesTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: markers ${START} … ${END} not found`);
  return `${readme.slice(0, start + START.length)}\n${rulesTable()}\n${readme.slice(end)}`;
}

if (require.main === module) {
  const before = fs.readFileSync(README, 'utf8');
  const after = withRulesTable(before);
  if (process.argv.includes('--check')) {
    if (after !== before) {
      process.stderr.write('README.md: the rule table is out of date; run npm run rules:doc\n');
      process.exit(1);
    }
  } else if (after !== before) {
    fs.writeFileSync(README, after);
    process.stdout.write('README.md: rule table updated\n');
  } else process.stdout.write('README.md: rule table up to date\n');
}
