/**
 * The rule contract: every rule has its test file (test/rules/<code>.test.ts) and its doc page (docs/rules/<code>.md)
 * and nothing else is there; every message of a rule is shown by an invalid case of its test; each doc page has the
 * required sections and its 如何关闭 section names its own code; the README's rule table is what
 * `npm run rules:doc` writes; message ids and placeholders are checked when compiling and when formatting.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkTable } from '../../src/core/check';
import { RULES } from '../../src/core/rules';
import { RuleMessageError, defineRule } from '../../src/core/rules/types';
import { README, withRulesTable } from '../../scripts/rules-doc';
import { usage } from '../../src/cli/main';
import { SEVERITY_LABEL } from '../../src/core/severity';
import { resolveConfig } from '../../src/core/config';
import { parseWorkbook } from '../../src/core/check';
import { TABLE_A, workbookOf } from './tester';

const ROOT = path.join(__dirname, '..', '..');
const TESTS = __dirname;
const DOCS = path.join(ROOT, 'docs', 'rules');
const CODES = RULES.map((r) => r.code);

/** The headings every doc page has, in this order. */
export const DOC_SECTIONS = ['检查什么', '为什么审核关注', '错误示例', '正确示例', '如何关闭'] as const;

const read = (f: string) => fs.readFileSync(f, 'utf8');

/** `## heading` sections of a Markdown page: heading -> text up to the next `## `. */
function sections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = md.split(/^## +/m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1));
  }
  return out;
}

/** The message ids an invalid case of a test file names (messageId and parts), read from its source. */
function idsUsed(source: string): Set<string> {
  const ids = new Set<string>();
  for (const m of source.matchAll(/messageId: '(\w+)'/g)) ids.add(m[1]);
  for (const m of source.matchAll(/parts: \[([^\]]*)\]/g)) for (const id of m[1].matchAll(/'(\w+)'/g)) ids.add(id[1]);
  return ids;
}

/** The `unreachable` messages a test file declares (id -> why no table can produce it). */
function unreachableOf(source: string): Record<string, string> {
  const block = /^export const unreachable[^=]*= \{\n([\s\S]*?)\n\};$/m.exec(source);
  const out: Record<string, string> = {};
  if (block) for (const m of block[1].matchAll(/^\s*(\w+): '(.*)',$/gm)) out[m[1]] = m[2];
  return out;
}

describe('every rule has one test file and one doc page, and nothing else is there', () => {
  test('test/rules/<code>.test.ts for every rule, and no other rule test', () => {
    const files = fs.readdirSync(TESTS).filter((f) => f.endsWith('.test.ts') && f !== 'contract.test.ts');
    expect(files.map((f) => f.replace(/\.test\.ts$/, '')).sort()).toEqual([...CODES].sort());
  });
  test('docs/rules/<code>.md for every rule, and no other page but the guide (README.md)', () => {
    const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages.map((f) => f.replace(/\.md$/, '')).sort()).toEqual([...CODES].sort());
  });
});

describe.each(CODES)('%s', (code) => {
  const rule = RULES.find((r) => r.code === code)!;
  test('its test file tests this rule and shows every message in an invalid case (or says why it cannot)', () => {
    const file = path.join(TESTS, `${code}.test.ts`);
    const source = read(file);
    expect(source).toContain(`from '../../src/core/rules/${code}';`);
    expect(source).toMatch(/^ruleTester\(rule, tests\);$/m);
    const used = idsUsed(source);
    const unreachable = unreachableOf(source);
    for (const [id, why] of Object.entries(unreachable)) {
      expect([id, id in rule.messages]).toEqual([id, true]);
      expect([id, why.length > 20]).toEqual([id, true]);
      // (a message a case shows is not unreachable)
      expect([id, used.has(id)]).toEqual([id, false]);
    }
    const missing = Object.keys(rule.messages).filter((id) => !used.has(id) && !(id in unreachable));
    expect(missing).toEqual([]);
    const unknown = [...used].filter((id) => !(id in rule.messages));
    expect(unknown).toEqual([]);
  });
  test('its doc page has the required sections, and 如何关闭 turns off this rule', () => {
    const md = read(path.join(DOCS, `${code}.md`));
    expect(md.split('\n')[0]).toMatch(new RegExp(`^# ${code}[：:]`));
    const s = sections(md);
    expect(DOC_SECTIONS.filter((h) => !s.has(h))).toEqual([]);
    expect([...s.keys()].filter((h) => (DOC_SECTIONS as readonly string[]).includes(h))).toEqual([...DOC_SECTIONS]);
    const off = s.get('如何关闭')!;
    const cli = [...off.matchAll(/--off[ =]([\w-]+)/g)].map((m) => m[1]);
    const config = [...off.matchAll(/"rules"\s*:\s*\{\s*"([\w-]+)"\s*:\s*"off"/g)].map((m) => m[1]);
    expect(cli.length).toBeGreaterThan(0);
    expect(config.length).toBeGreaterThan(0);
    expect([...new Set([...cli, ...config])]).toEqual([code]);
    // the examples name the real table they come from (a corpus id or a seed)
    for (const h of ['错误示例', '正确示例'] as const) expect([h, /`[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+`/.test(s.get(h)!)]).toEqual([h, true]);
  });
});

test('the README rule table is what npm run rules:doc writes', () => {
  const readme = read(README);
  expect(withRulesTable(readme)).toBe(readme);
});

test('the CLI help lists every rule, in report order, with its default severity and description', () => {
  const lines = usage().split('\n');
  const listed = lines.filter((l) => CODES.some((c) => l.startsWith(`  ${c} `)));
  expect(listed).toEqual(RULES.map((r) => `  ${r.code.padEnd(22)} ${SEVERITY_LABEL[r.defaultSeverity]}  ${r.description}`));
});

describe('message ids and placeholders', () => {
  const cell = { row: 0, col: 0 };
  const demo = defineRule({
    code: 'demo',
    title: '示例',
    defaultSeverity: 'info',
    description: '示例',
    messages: { one: '「{name}」有{count}处问题：{problems}', plain: '没有占位符', part: '问题{n}' },
    check: () => [
      { cell, messageId: 'plain' },
      {
        cell,
        messageId: 'one',
        data: { name: 'x', count: 2, problems: { separator: '；', items: [{ messageId: 'part', data: { n: 1 } }] } },
      },
      // @ts-expect-error a misspelt message id does not compile
      { cell, messageId: 'plian' },
      // @ts-expect-error a placeholder without a value does not compile
      { cell, messageId: 'one', data: { name: 'x', count: 2 } },
    ],
  });
  test('format fills placeholders, sub-messages joined by their separator', () => {
    expect(
      demo.format('one', {
        name: '甲',
        count: 2,
        problems: {
          separator: '；',
          items: [
            { messageId: 'part', data: { n: 1 } },
            { messageId: 'part', data: { n: 2 } },
          ],
        },
      }),
    ).toBe('「甲」有2处问题：问题1；问题2');
    expect(demo.format('plain')).toBe('没有占位符');
  });
  test('an unknown message id throws, naming the rule and the id', () => {
    expect(() => demo.format('plian')).toThrow(RuleMessageError);
    expect(() => demo.format('plian')).toThrow('rule "demo": unknown messageId "plian"');
  });
  test('a placeholder without a value throws, naming the rule, the message and the placeholder', () => {
    expect(() => demo.format('one', { name: 'x', count: 2 })).toThrow('rule "demo", message "one": no value for placeholder {problems}');
    expect(() => demo.format('part', { n: undefined as unknown as number })).toThrow('no value for placeholder {n}');
    expect(() => demo.format('one', { name: 'x', count: 2, problems: { separator: '；', items: [{ messageId: 'nope' }] } })).toThrow(
      'unknown messageId "nope"',
    );
  });
  test('the checker surfaces a rule that bypasses its types, instead of reporting "{name}"', () => {
    const [t] = parseWorkbook(workbookOf({ grid: TABLE_A }).wb);
    const broken = { ...RULES[0], check: () => [{ cell, messageId: 'empty', data: {} }] };
    const spy = jest.spyOn(RULES[0], 'check').mockImplementation(broken.check);
    try {
      expect(() => checkTable(t, resolveConfig())).toThrow('rule "missing-value", message "empty": no value for placeholder {name}');
    } finally {
      spy.mockRestore();
    }
  });
});
