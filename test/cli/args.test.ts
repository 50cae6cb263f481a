/** The argument parser (src/cli/args.ts) and the configuration file (src/cli/config-file.ts), in process. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { type CliOptions, closest, editDistance, parseCliArgs, resolveColor, ruleCodes } from '../../src/cli/args';
import { ConfigFileError, findConfigFile, findJsonError, loadConfigFile, mergeConfig, parseJson } from '../../src/cli/config-file';
import { RULES } from '../../src/core/rules';

const DEFAULTS: CliOptions = {
  format: 'table',
  profile: null,
  annotate: null,
  fix: null,
  off: [],
  jobs: null,
  maxWarnings: null,
  summary: null,
  force: false,
  config: null,
  color: null,
  inputs: ['a.xlsx'],
};

function options(argv: string[]): CliOptions {
  const r = parseCliArgs(argv);
  if (r.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(r)}`);
  return r.options;
}

function error(argv: string[]): string {
  const r = parseCliArgs(argv);
  if (r.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r.message;
}

describe('parseCliArgs', () => {
  test('defaults', () => {
    expect(options(['a.xlsx'])).toEqual(DEFAULTS);
  });

  test('every option with a value works as --opt value and as --opt=value', () => {
    const cases: [string, string, Partial<CliOptions>][] = [
      ['--format', 'json', { format: 'json' }],
      ['--profile', 'C2021', { profile: 'C2021' }],
      ['--annotate', 'out dir', { annotate: 'out dir' }],
      ['--fix', 'fixed dir', { fix: 'fixed dir' }],
      ['--off', 'vague-value', { off: ['vague-value'] }],
      ['--jobs', '3', { jobs: 3 }],
      ['--max-warnings', '0', { maxWarnings: 0 }],
      ['--summary', '汇总.xlsx', { summary: '汇总.xlsx' }],
      ['--config', 'my.json', { config: 'my.json' }],
    ];
    for (const [flag, value, expected] of cases) {
      expect(options([flag, value, 'a.xlsx'])).toEqual({ ...DEFAULTS, ...expected });
      expect(options([`${flag}=${value}`, 'a.xlsx'])).toEqual({ ...DEFAULTS, ...expected });
    }
    expect(options(['-j', '2', 'a.xlsx']).jobs).toBe(2);
    expect(options(['-j2', 'a.xlsx']).jobs).toBe(2);
    // a value may start with "-" when written with "="
    expect(options(['--annotate=-out', 'a.xlsx']).annotate).toBe('-out');
  });

  test('enumerations are case-insensitive; --off repeats; booleans', () => {
    expect(options(['--profile', 'c2021', '--format', 'JSON', 'a.xlsx'])).toMatchObject({ profile: 'C2021', format: 'json' });
    expect(options(['--off', 'vague-value', '--off=structure', 'a.xlsx']).off).toEqual(['vague-value', 'structure']);
    expect(options(['--force', 'a.xlsx']).force).toBe(true);
    expect(options(['a.xlsx', 'b.xls', '--', '--odd.xlsx']).inputs).toEqual(['a.xlsx', 'b.xls', '--odd.xlsx']);
  });

  test('--color and --no-color: the last one given wins', () => {
    expect(options(['--color', 'a.xlsx']).color).toBe(true);
    expect(options(['--no-color', 'a.xlsx']).color).toBe(false);
    expect(options(['--no-color', '--color', 'a.xlsx']).color).toBe(true);
    expect(options(['--color', '--no-color', 'a.xlsx']).color).toBe(false);
  });

  test('--help, -h, --version, -V', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h', 'a.xlsx'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseCliArgs(['-V'])).toEqual({ kind: 'version' });
  });

  test.each([
    [['--fromat', 'json', 'a.xlsx'], '未知参数：--fromat；是否想输入 --format？'],
    [['--colour', 'a.xlsx'], '未知参数：--colour；是否想输入 --color？'],
    [['--frobnicate', 'a.xlsx'], '未知参数：--frobnicate'],
    [['-x', 'a.xlsx'], '未知参数：-x'],
    [['--annotate'], '参数 --annotate 缺少取值'],
    [['-j'], '参数 --jobs 缺少取值'],
    [['--annotate', '--format', 'json', 'a.xlsx'], '参数 --annotate 缺少取值（取值以“-”开头时请写成 --annotate=取值）'],
    [['--annotate', '', 'a.xlsx'], '参数 --annotate 的取值不能为空'],
    [['--annotate=', 'a.xlsx'], '参数 --annotate 的取值不能为空'],
    [['--off=', 'a.xlsx'], '参数 --off 的取值不能为空'],
    [['--summary', ' ', 'a.xlsx'], '参数 --summary 的取值不能为空'],
    [['--config=', 'a.xlsx'], '参数 --config 的取值不能为空'],
    [['--force=yes', 'a.xlsx'], '参数 --force 不接受取值'],
    [['--no-color=1', 'a.xlsx'], '参数 --no-color 不接受取值'],
    [['--format', 'xml', 'a.xlsx'], '--format 只能是 table 或 json，收到：xml'],
    [['--profile=C2020', 'a.xlsx'], '--profile 只能是 LOCAL 或 C2021，收到：C2020'],
    [['--jobs', 'two', 'a.xlsx'], '--jobs 只能是正整数，收到：two'],
    [['--jobs', '0', 'a.xlsx'], '--jobs 只能是正整数，收到：0'],
    [['--jobs', '-1', 'a.xlsx'], '--jobs 只能是正整数，收到：-1'],
    [['--jobs=1.5', 'a.xlsx'], '--jobs 只能是正整数，收到：1.5'],
    [['--max-warnings', '1.5', 'a.xlsx'], '--max-warnings 只能是 0 或正整数，收到：1.5'],
    [['--max-warnings', '-1', 'a.xlsx'], '--max-warnings 只能是 0 或正整数，收到：-1'],
    [['--max-warnings=ten', 'a.xlsx'], '--max-warnings 只能是 0 或正整数，收到：ten'],
    [['--off', 'missing-vaule', 'a.xlsx'], '未知的规则代码：missing-vaule；是否想输入 missing-value？'],
    [['--off=vauge-value', 'a.xlsx'], '未知的规则代码：vauge-value；是否想输入 vague-value？'],
    [['--off', 'Structure', 'a.xlsx'], '未知的规则代码：Structure；是否想输入 structure？'],
    [['--off', 'nonsense', 'a.xlsx'], '未知的规则代码：nonsense'],
    [['--summary', '汇总.xls', 'a.xlsx'], '--summary 的文件名应以 .xlsx 结尾，收到：汇总.xls'],
    [[], '请至少指定一个要检查的文件或文件夹'],
    [['--format', 'json'], '请至少指定一个要检查的文件或文件夹'],
  ])('usage error %j', (argv, message) => {
    expect(error(argv as string[])).toBe(message);
  });

  test('the first wrong value is the one reported', () => {
    expect(error(['--jobs', 'x', '--format', 'xml', 'a.xlsx'])).toBe('--jobs 只能是正整数，收到：x');
  });

  test('rule codes are the registry, every one accepted by --off', () => {
    expect(ruleCodes()).toEqual(RULES.map((r) => r.code));
    for (const code of ruleCodes()) expect(options(['--off', code, 'a.xlsx']).off).toEqual([code]);
  });
});

describe('edit distance', () => {
  test('insertions, deletions, substitutions and swapped neighbours', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('value', 'value')).toBe(0);
    expect(editDistance('vaule', 'value')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('structre', 'structure')).toBe(1);
  });
  test('closest: only close enough candidates', () => {
    expect(closest('missing-feild', ruleCodes())).toBe('missing-field');
    expect(closest('spending', ruleCodes())).toBe(null);
    expect(closest('xyz', ['abc'])).toBe(null);
  });
});

describe('colours', () => {
  test.each([
    // flag, env, stdout is a TTY -> colour
    [null, {}, true, true],
    [null, {}, false, false],
    [null, { NO_COLOR: '1' }, true, false],
    [null, { NO_COLOR: '' }, true, true], // no-color.org: only a non-empty value counts
    [null, { FORCE_COLOR: '1' }, false, true],
    [null, { FORCE_COLOR: '' }, false, true],
    [null, { FORCE_COLOR: '3' }, false, true],
    [null, { FORCE_COLOR: '0' }, true, false],
    [null, { FORCE_COLOR: 'false' }, true, false],
    [null, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true], // as in Node, FORCE_COLOR first
    [true, { NO_COLOR: '1' }, false, true],
    [false, { FORCE_COLOR: '1' }, true, false],
  ] as const)('flag %p env %j tty %p -> %p', (flag, env, tty, expected) => {
    expect(resolveColor(flag, env as NodeJS.ProcessEnv, tty)).toBe(expected);
  });
});

describe('configuration file', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-config-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    const p = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  const loadError = async (cwd: string, explicit: string | null = null) => {
    const e = await loadConfigFile(cwd, explicit).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ConfigFileError);
    return (e as Error).message;
  };

  test('upward search: nearer directory first; jxmb.config.json before package.json; package.json without "jxmb" passed over', async () => {
    const top = write('tree/jxmb.config.json', '{"profile":"C2021"}');
    write('tree/a/package.json', '{"name":"x"}');
    const pkg = write('tree/a/b/package.json', '{"name":"y","jxmb":{"rules":{"vague-value":"off"}}}');
    fs.mkdirSync(path.join(tmp, 'tree/a/b/c/d'), { recursive: true });
    expect(await findConfigFile(path.join(tmp, 'tree/a/b/c/d'))).toEqual({ file: pkg, keyPath: ['jxmb'] });
    expect(await findConfigFile(path.join(tmp, 'tree/a'))).toEqual({ file: top, keyPath: [] });
    const own = write('tree/a/b/jxmb.config.json', '{"rules":{"structure":"error"}}');
    expect(await findConfigFile(path.join(tmp, 'tree/a/b/c'))).toEqual({ file: own, keyPath: [] });
    expect(await loadConfigFile(path.join(tmp, 'tree/a/b/c'), null)).toEqual({
      file: own,
      keyPath: [],
      config: { rules: { structure: 'error' } },
    });
    fs.rmSync(own);
    expect(await loadConfigFile(path.join(tmp, 'tree/a/b/c'), null)).toEqual({
      file: pkg,
      keyPath: ['jxmb'],
      config: { rules: { 'vague-value': 'off' } },
    });
  });

  test('--config: that file only, relative to the working directory; a package.json is read for its "jxmb" key', async () => {
    write('explicit/jxmb.config.json', '{ broken');
    write('explicit/mine.json', '\uFEFF{"profile":"LOCAL","rules":{"missing-value":"warning"}}');
    const cwd = path.join(tmp, 'explicit');
    expect((await loadConfigFile(cwd, 'mine.json')).config).toEqual({ profile: 'LOCAL', rules: { 'missing-value': 'warning' } });
    write('explicit/package.json', '{"jxmb":{"profile":"C2021"}}');
    expect((await loadConfigFile(cwd, 'package.json')).config).toEqual({ profile: 'C2021' });
    write('explicit/other/package.json', '{"name":"z"}');
    expect(await loadError(cwd, 'other/package.json')).toBe('配置文件 other/package.json 有误：没有 "jxmb" 设置项');
    expect(await loadError(cwd, 'nope.json')).toBe('无法读取配置文件 nope.json：文件不存在');
    expect(await loadError(cwd, 'other')).toBe('无法读取配置文件 other：这是一个文件夹，不是文件');
  });

  test('content errors name the file and the place in the JSON', async () => {
    const dir = (name: string, text: string) => {
      write(`content/${name}/jxmb.config.json`, text);
      return path.join(tmp, 'content', name);
    };
    expect(await loadError(dir('a', '{"rules":{"missing-vaule":"off"}}'))).toBe(
      '配置文件 jxmb.config.json 有误：rules.missing-vaule：未知的规则代码（是否想输入 missing-value？）',
    );
    expect(await loadError(dir('b', '{"profile":"c2021"}'))).toBe(
      '配置文件 jxmb.config.json 有误：profile：只能是 "LOCAL" 或 "C2021"，收到 "c2021"',
    );
    expect(await loadError(dir('c', '{"rules":{"vague-value":"of"}}'))).toBe(
      '配置文件 jxmb.config.json 有误：rules.vague-value：只能是 "off"、"error"、"warning" 或 "info"，收到 "of"',
    );
    expect(await loadError(dir('d', '{"rule":{}}'))).toBe('配置文件 jxmb.config.json 有误：rule：未知的设置项（只能有 profile 和 rules）');
    expect(await loadError(dir('e', '[]'))).toBe('配置文件 jxmb.config.json 有误：（顶层）：应为对象（{ … }），收到数组');
    expect(await loadError(dir('f', '{"rules":["vague-value"],"x":1}'))).toBe(
      '配置文件 jxmb.config.json 有误：\n  rules：应为对象（{ … }），收到数组\n  x：未知的设置项（只能有 profile 和 rules）',
    );
    write('content/g/package.json', '{"jxmb":{"rules":{"structure":true}}}');
    expect(await loadError(path.join(tmp, 'content/g'))).toBe(
      '配置文件 package.json 有误：jxmb.rules.structure：只能是 "off"、"error"、"warning" 或 "info"，收到 true',
    );
    // a file above the working directory is shown with its full path
    const sub = path.join(tmp, 'content/a/sub');
    fs.mkdirSync(sub, { recursive: true });
    expect(await loadError(sub)).toBe(
      `配置文件 ${path.join(tmp, 'content/a/jxmb.config.json')} 有误：rules.missing-vaule：未知的规则代码（是否想输入 missing-value？）`,
    );
  });

  test.each([
    ['', '文件是空的'],
    ['{"a":1,}', '第 1 行第 8 列，最后一项后面多了逗号'],
    ['{\n  "rules": {\n    "vague-value": "off"\n    "structure": "off"\n  }\n}', '第 4 行第 5 列，缺少逗号「,」或「}」'],
    ["{'profile':'LOCAL'}", '第 1 行第 2 列，属性名应使用双引号（"），不能用单引号'],
    ['{"a":1 // note\n}', '第 1 行第 8 列，JSON 中不能写注释'],
    ['{"a" 1}', '第 1 行第 6 列，属性名后缺少冒号「:」'],
    ['{"a":"x', '第 1 行第 6 列，字符串没有结束（缺少右双引号）'],
    ['{"a":"C:\\dir"}', '第 1 行第 9 列，无效的转义符「\\d」（反斜杠应写成 \\\\）'],
    ['{"a":1}}', '第 1 行第 8 列，内容结束后还有多余的字符「}」'],
    ['{"a":[1,2}', '第 1 行第 10 列，缺少逗号「,」或「]」'],
    ['{"a":', '第 1 行第 6 列，内容不完整，在此处意外结束'],
    ['{"profile": LOCAL}', '第 1 行第 13 列，意外的字符「L」（文字应写在双引号中）'],
  ])('invalid JSON %j: line, column and reason', (text, reason) => {
    expect(() => parseJson(text, 'x.json')).toThrow(new ConfigFileError(`配置文件 x.json 不是有效的 JSON：${reason}`));
  });

  test('the JSON error finder agrees with JSON.parse on valid text', () => {
    for (const t of ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' "x" ']) {
      expect(() => JSON.parse(t)).not.toThrow();
      expect(findJsonError(t)).toEqual({ pos: 0, reason: '无法解析' });
    }
  });

  test('command-line options override the file', () => {
    const file = { profile: 'C2021' as const, rules: { 'vague-value': 'error' as const, structure: 'info' as const } };
    expect(mergeConfig(file, { profile: null, off: [] })).toEqual({
      profile: 'C2021',
      rules: { 'vague-value': 'error', structure: 'info' },
    });
    expect(mergeConfig(file, { profile: 'LOCAL', off: ['vague-value'] })).toEqual({
      profile: 'LOCAL',
      rules: { 'vague-value': 'off', structure: 'info' },
    });
    expect(mergeConfig({}, { profile: null, off: [] })).toEqual({ profile: 'LOCAL', rules: {} });
  });
});
