/**
 * The command line's conventions, run as a user runs it (the bundle under node): usage errors, --version,
 * colours, the configuration file, --max-warnings and folder scanning.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ANSI, CLEAN, EXAMPLE, HENGDONG, ROOT, buildCliBundle, run } from './helpers';

jest.setTimeout(60_000);

let bin: string;
let tmp: string;
const TTY = ['--require', path.join(__dirname, 'preload/stdout-tty.cjs')];

beforeAll(() => {
  bin = buildCliBundle('options');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-options-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const HINT = '请用 --help 查看全部选项。\n';

describe('usage errors: exit 2, one Chinese line and the --help hint on stderr, nothing on stdout', () => {
  test.each([
    [['--fromat', 'json', CLEAN], '未知参数：--fromat；是否想输入 --format？'],
    [['--annotate'], '参数 --annotate 缺少取值'],
    [['--annotate', '', CLEAN], '参数 --annotate 的取值不能为空'],
    [['--off=', CLEAN], '参数 --off 的取值不能为空'],
    [['--format=xml', CLEAN], '--format 只能是 table 或 json，收到：xml'],
    [['--profile', 'X', CLEAN], '--profile 只能是 LOCAL 或 C2021，收到：X'],
    [['-j', 'many', CLEAN], '--jobs 只能是正整数，收到：many'],
    [['--max-warnings', '2.5', CLEAN], '--max-warnings 只能是 0 或正整数，收到：2.5'],
    [['--off', 'missing-vaule', CLEAN], '未知的规则代码：missing-vaule；是否想输入 missing-value？'],
    [['--force=1', CLEAN], '参数 --force 不接受取值'],
    [[], '请至少指定一个要检查的文件或文件夹'],
  ])('%j', (args, message) => {
    const r = run(bin, args as string[]);
    expect(r).toEqual({ code: 2, out: '', err: `错误：${message}\n${HINT}` });
  });
});

test('--version and -V print the version of package.json; --help lists every option', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(run(bin, ['--version'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  expect(run(bin, ['-V'])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  const help = run(bin, ['--help']);
  expect(help.code).toBe(0);
  for (const opt of [
    '--format',
    '--profile',
    '--annotate',
    '--off',
    '--jobs',
    '-j',
    '--max-warnings',
    '--summary',
    '--fix',
    '--force',
    '--config',
    '--no-color',
    '--color',
    '--version',
    '-V',
    '--help',
    '-h',
  ]) {
    expect(help.out).toContain(opt);
  }
  expect(help.out).toContain(
    '退出码：0 没有错误；1 发现错误，或警告超过 --max-warnings；2 有文件无法读取或被跳过、标注副本或修正副本无法写入，或参数、配置文件有误。',
  );
  expect(run(bin, ['-h']).out).toBe(help.out);
});

describe('colours in the table report', () => {
  const coloured = (args: string[], env: NodeJS.ProcessEnv = {}, tty = false) => {
    const r = run(bin, [...args, HENGDONG], { env, node: tty ? TTY : [] });
    expect(r.code).toBe(0);
    expect(r.out).toContain('警告 C63');
    return ANSI.test(r.out);
  };

  test('default: colours exactly when stdout is a terminal; the warning line is yellow', () => {
    expect(coloured([])).toBe(false);
    expect(coloured([], {}, true)).toBe(true);
    const r = run(bin, [HENGDONG], { node: TTY });
    expect(r.out).toContain(
      '\x1b[33m       ▲ 警告 C63    「经济效率指标」不是规范的指标类别名称，应为「经济效益指标」（structure）\x1b[0m',
    );
  });

  test('NO_COLOR (non-empty) disables, FORCE_COLOR enables (0/false disables), --color and --no-color win', () => {
    expect(coloured([], { NO_COLOR: '1' }, true)).toBe(false);
    expect(coloured([], { FORCE_COLOR: '1' })).toBe(true);
    expect(coloured([], { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(coloured(['--color'], { NO_COLOR: '1' })).toBe(true);
    expect(coloured(['--no-color'], { FORCE_COLOR: '1' }, true)).toBe(false);
  });

  test('JSON never has colours', () => {
    const r = run(bin, ['--format', 'json', '--color', HENGDONG], { env: { FORCE_COLOR: '1' }, node: TTY });
    expect(r.code).toBe(0);
    expect(ANSI.test(r.out)).toBe(false);
    JSON.parse(r.out);
  });
});

describe('configuration file', () => {
  const codes = (out: string) =>
    (JSON.parse(out) as { files: { findings: { code: string; severity: string }[] }[] }).files[0].findings.map(
      (f) => `${f.code}:${f.severity}`,
    );
  const mk = (rel: string, text?: string) => {
    const p = path.join(tmp, rel);
    fs.mkdirSync(text === undefined ? p : path.dirname(p), { recursive: true });
    if (text !== undefined) fs.writeFileSync(p, text);
    return p;
  };

  test('found upward from the working directory; its rule severities apply; shown in the table report', () => {
    mk('up/jxmb.config.json', '{ "rules": { "structure": "error", "vague-value": "off" } }');
    const cwd = mk('up/a/b');
    const r = run(bin, ['--format', 'json', HENGDONG], { cwd });
    expect(r.code).toBe(1); // structure is an error now
    expect(codes(r.out)).toEqual(['structure:error']);
    const t = run(bin, [HENGDONG], { cwd });
    expect(t.out.split('\n')[0]).toBe(`配置文件：${path.join(tmp, 'up/jxmb.config.json')}`);
    // without a configuration file: the defaults
    expect(codes(run(bin, ['--format', 'json', HENGDONG], { cwd: mk('none') }).out)).toEqual(['structure:warning', 'vague-value:info']);
  });

  test('the "jxmb" key of a package.json; a nearer jxmb.config.json wins', () => {
    mk('pkg/package.json', JSON.stringify({ name: 'x', jxmb: { profile: 'C2021' } }));
    const cwd = mk('pkg/sub');
    const c2021 = run(bin, ['--format', 'json', CLEAN], { cwd });
    expect(codes(c2021.out).some((c) => c.startsWith('structure:'))).toBe(true);
    mk('pkg/sub/jxmb.config.json', '{"profile":"LOCAL"}');
    expect(codes(run(bin, ['--format', 'json', CLEAN], { cwd }).out)).toEqual([]);
  });

  test('--config names the file: nothing is searched', () => {
    mk('explicit/jxmb.config.json', '{ not json');
    mk('explicit/settings/mine.json', '{"rules":{"vague-value":"off"}}');
    const cwd = mk('explicit');
    expect(codes(run(bin, ['--format', 'json', '--config', 'settings/mine.json', HENGDONG], { cwd }).out)).toEqual(['structure:warning']);
    expect(codes(run(bin, ['--format', 'json', '--config=settings/mine.json', HENGDONG], { cwd }).out)).toEqual(['structure:warning']);
  });

  test('an invalid file: exit 2, the file and the problem named, nothing checked', () => {
    const cwd = mk('explicit');
    expect(run(bin, [HENGDONG], { cwd })).toEqual({
      code: 2,
      out: '',
      err: '错误：配置文件 jxmb.config.json 不是有效的 JSON：第 1 行第 3 列，属性名应写在双引号中，此处为「n」\n',
    });
    mk('bad/jxmb.config.json', '{"rules":{"missing-vaule":"off"}}');
    expect(run(bin, [HENGDONG], { cwd: mk('bad/x') })).toEqual({
      code: 2,
      out: '',
      err: `错误：配置文件 ${path.join(tmp, 'bad/jxmb.config.json')} 有误：rules.missing-vaule：未知的规则代码（是否想输入 missing-value？）\n`,
    });
    expect(run(bin, ['--config', 'missing.json', HENGDONG], { cwd })).toEqual({
      code: 2,
      out: '',
      err: '错误：无法读取配置文件 missing.json：文件不存在\n',
    });
  });

  test('--profile and --off override the file', () => {
    mk('override/jxmb.config.json', '{"profile":"C2021","rules":{"structure":"error","vague-value":"error"}}');
    const cwd = mk('override');
    expect(codes(run(bin, ['--format', 'json', CLEAN], { cwd }).out).some((c) => c === 'structure:error')).toBe(true);
    expect(codes(run(bin, ['--format', 'json', '--profile', 'LOCAL', CLEAN], { cwd }).out)).toEqual([]);
    const r = run(bin, ['--format', 'json', '--profile=LOCAL', '--off', 'vague-value', HENGDONG], { cwd });
    expect(codes(r.out)).toEqual(['structure:error']);
  });
});

describe('--max-warnings', () => {
  test('no errors and more than N warnings: exit 1 and one line on stderr; N or fewer: exit 0', () => {
    // HENGDONG: no errors, 1 warning
    expect(run(bin, ['--max-warnings', '1', HENGDONG])).toMatchObject({ code: 0, err: '' });
    const r = run(bin, ['--max-warnings=0', '--format', 'json', HENGDONG]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('未通过：共有 1 条警告，超过 --max-warnings 允许的 0 条\n');
    expect(JSON.parse(r.out).summary).toEqual({ errors: 0, warnings: 1, infos: 1 });
  });

  test('with errors: exit 1 as before, no warning line', () => {
    const r = run(bin, ['--max-warnings', '0', '--format', 'json', EXAMPLE]);
    expect(r).toMatchObject({ code: 1, err: '' });
  });
});

describe('folder scanning', () => {
  test('workbooks by extension (.xlsx .xlsm .xls .et), told apart by content; lock, hidden, node_modules, own outputs, pipes skipped; order by name', () => {
    const dir = path.join(tmp, 'scan');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.hidden'), { recursive: true });
    const copy = (to: string, from = CLEAN) => fs.copyFileSync(from, path.join(dir, to));
    copy('b.xlsx');
    copy('a.et'); // an .xlsx renamed: read by its content
    copy('c.xlsm');
    copy('sub/d.xls');
    copy('B2.xlsx');
    copy('~$b.xlsx');
    copy('.e.xlsx');
    copy('.hidden/f.xlsx');
    copy('node_modules/g.xlsx');
    copy('b-已标注.xlsx');
    copy('notes.txt');
    fs.symlinkSync(path.join(dir, 'b.xlsx'), path.join(dir, 'link-to-b.xlsx')); // the same file again
    execFileSync('mkfifo', [path.join(dir, 'pipe.xlsx')]);
    const r = run(bin, ['--format', 'json', dir, path.join(dir, 'b.xlsx')], { timeout: 30_000 });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = (JSON.parse(r.out) as { files: { file: string; error?: string }[] }).files;
    expect(files.map((f) => path.relative(dir, f.file))).toEqual(['B2.xlsx', 'a.et', 'b.xlsx', 'c.xlsm', path.join('sub', 'd.xls')]);
    expect(files.every((f) => !f.error)).toBe(true);
  });

  test('a pipe named on the command line is reported, never opened', () => {
    const fifo = path.join(tmp, 'named-pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const r = run(bin, [fifo, CLEAN], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`无法检查 ${fifo}：不是普通文件（可能是管道或设备），未打开\n`);
    expect(r.out).toContain(`文件：${fifo}\n  无法检查：不是普通文件（可能是管道或设备），未打开`);
  });

  test('a folder without workbooks: exit 2', () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'a.txt'), 'x');
    expect(run(bin, [empty])).toEqual({ code: 2, out: '', err: '错误：指定的文件夹中没有可检查的工作簿（.xlsx、.xlsm、.xls、.et）\n' });
  });
});
