/**
 * Safe output paths (issue #12, part 2): `--annotate DIR` and `new --out` never overwrite an existing file
 * without --force, never write through a symbolic link, never leave a temporary or partial file (after success,
 * failure or Ctrl+C), say what is wrong in one line, and the --annotate folder is never checked again.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { unzipSync, zipSync } from 'fflate';
import { WriteError, ensureDir, pendingTemps, writeFileSafely } from '../../src/cli/safe-write';
import { CLEAN, EXAMPLE, HENGDONG, ROOT, buildCliBundle, run } from './helpers';

jest.setTimeout(120_000);

let bin: string;
let tmp: string;

beforeAll(() => {
  bin = buildCliBundle('output-safety');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-out-'));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A fresh folder with copies of the example (a.xlsx) and the clean fixture (b.xlsx). */
function inputs(): { dir: string; a: string; b: string } {
  const dir = path.join(tmp, `case${n++}`);
  fs.mkdirSync(dir);
  const a = path.join(dir, 'a.xlsx');
  const b = path.join(dir, 'b.xlsx');
  fs.copyFileSync(EXAMPLE, a);
  fs.copyFileSync(CLEAN, b);
  return { dir, a, b };
}

/** Every entry of a folder tree, relative, sorted (temporary files start with "."). */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

const isZip = (f: string) => fs.readFileSync(f).subarray(0, 2).toString('latin1') === 'PK';

describe('--annotate', () => {
  test('an existing copy is refused without --force (one line, untouched, the batch goes on, exit 2) and replaced with it', () => {
    const { dir, a, b } = inputs();
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const kept = path.join(out, 'a-已标注.xlsx');
    fs.writeFileSync(kept, 'keep me');
    const r = run(bin, ['--annotate', out, a, b]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`错误：标注副本已存在：${kept}（如需覆盖请加 --force）\n`);
    expect(fs.readFileSync(kept, 'utf8')).toBe('keep me');
    expect(isZip(path.join(out, 'b-已标注.xlsx'))).toBe(true);
    // the report is complete all the same
    expect(r.out).toContain(`文件：${a}`);
    expect(r.out).toMatch(/汇总：2 个文件，11 张表/);
    expect(tree(out)).toEqual(['a-已标注.xlsx', 'b-已标注.xlsx']);

    const forced = run(bin, ['--force', '--annotate', out, a, b]);
    expect(forced.code).toBe(1);
    expect(forced.err).toBe('');
    expect(isZip(kept)).toBe(true);
    expect(tree(out)).toEqual(['a-已标注.xlsx', 'b-已标注.xlsx']);
  });

  test('JSON: the refused copy is in the file entry (annotateError), exit 2', () => {
    const { dir, a } = inputs();
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'a-已标注.xlsx'), 'keep me');
    const r = run(bin, ['--format', 'json', '--annotate', out, a]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc.files[0].annotateError).toBe(`标注副本已存在：${path.join(out, 'a-已标注.xlsx')}（如需覆盖请加 --force）`);
    expect(doc.files[0].findings.length).toBeGreaterThan(0);
  });

  test('a symbolic link as the copy is refused, even with --force; the file it points to is untouched', () => {
    const { dir, a, b } = inputs();
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const link = path.join(out, 'a-已标注.xlsx');
    fs.symlinkSync(victim, link);
    for (const force of [[], ['--force']]) {
      const r = run(bin, [...force, '--annotate', out, a, b]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`错误：标注副本 ${link} 是一个符号链接，为安全起见不会写入；请换一个文件名或删除该链接\n`);
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    }
    expect(tree(out)).toEqual(['a-已标注.xlsx', 'b-已标注.xlsx']);
  });

  test('--annotate naming an existing file: one line, exit 2, nothing checked', () => {
    const { a } = inputs();
    const r = run(bin, ['--annotate', a, a]);
    expect(r).toEqual({ code: 2, out: '', err: `错误：标注副本目录 ${a} 是一个已存在的文件，不是文件夹；请指定一个文件夹\n` });
    const under = run(bin, ['--annotate', path.join(a, 'sub'), a]);
    expect(under.code).toBe(2);
    expect(under.err).toBe(`错误：无法创建标注副本目录 ${path.join(a, 'sub')}：路径中有一级不是文件夹\n`);
  });

  (fs.existsSync('/proc/self') ? test : test.skip)('--annotate /proc/x: one line, exit 2 (no endless mkdir loop)', () => {
    const r = run(bin, ['--annotate', '/proc/jxmb-x/y', CLEAN], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^错误：无法创建标注副本目录 \/proc\/jxmb-x\/y：[^\n]+\n$/);
  });

  test('a folder that cannot be created: one line, exit 2', () => {
    const { dir, a } = inputs();
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    fs.chmodSync(ro, 0o500);
    try {
      if (process.getuid?.() === 0) return; // root writes anywhere
      const r = run(bin, ['--annotate', path.join(ro, 'out'), a]);
      expect(r).toEqual({ code: 2, out: '', err: `错误：无法创建标注副本目录 ${path.join(ro, 'out')}：没有写入权限\n` });
    } finally {
      fs.chmodSync(ro, 0o700);
    }
  });

  test('the --annotate folder inside the scanned folder: a second run checks no copy (no X-已标注-已标注)', () => {
    const { dir } = inputs();
    const out = path.join(dir, '标注');
    const first = run(bin, ['--format', 'json', '--annotate', out, dir]);
    expect(first.code).toBe(1);
    const files = (r: { out: string }) => JSON.parse(r.out).files.map((f: { file: string }) => path.relative(dir, f.file));
    expect(files(first)).toEqual(['a.xlsx', 'b.xlsx']);
    // a copy renamed by hand (not ending in -已标注) is not checked either: the whole folder is skipped
    fs.copyFileSync(path.join(out, 'a-已标注.xlsx'), path.join(out, 'renamed.xlsx'));
    const second = run(bin, ['--format', 'json', '--force', '--annotate', out, dir]);
    expect(second.code).toBe(1);
    expect(files(second)).toEqual(['a.xlsx', 'b.xlsx']);
    expect(tree(out)).toEqual(['a-已标注.xlsx', 'b-已标注.xlsx', 'renamed.xlsx']);
    // the same through a relative spelling of the folder
    const third = run(bin, ['--format', 'json', '--force', '--annotate', path.relative(ROOT, out), dir]);
    expect(files(third)).toEqual(['a.xlsx', 'b.xlsx']);
  });

  test('an .xlsm input gets X-已标注.xlsm with its macro part kept, an .xlsx X-已标注.xlsx', () => {
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    // the 衡东 fixture (one warning, one info) with a macro part added
    const parts = unzipSync(new Uint8Array(fs.readFileSync(HENGDONG)));
    const vba = new Uint8Array([0xcc, 0x61, 0x00, 0x01, 0x02, 0x03]);
    parts['xl/vbaProject.bin'] = vba;
    fs.writeFileSync(path.join(dir, 'm.xlsm'), zipSync(parts));
    fs.copyFileSync(CLEAN, path.join(dir, 'x.xlsx'));
    const out = path.join(dir, 'out');
    const r = run(bin, ['--annotate', out, dir]);
    expect(r.code).toBe(0);
    expect(tree(out)).toEqual(['m-已标注.xlsm', 'x-已标注.xlsx']);
    const copy = unzipSync(new Uint8Array(fs.readFileSync(path.join(out, 'm-已标注.xlsm'))));
    expect([...copy['xl/vbaProject.bin']]).toEqual([...vba]);
  });

  test('no temporary file is left after success or after files that fail', () => {
    const { dir, a, b } = inputs();
    fs.writeFileSync(path.join(dir, 'broken.xlsx'), 'PK\u0003\u0004 not a zip');
    const out = path.join(dir, 'out');
    const r = run(bin, ['--jobs', '2', '--annotate', out, dir]);
    expect(r.code).toBe(2);
    expect(tree(out)).toEqual(['a-已标注.xlsx', 'b-已标注.xlsx']);
    void a;
    void b;
  });

  test('Ctrl+C (SIGINT) while copies are written leaves no temporary and no partial copy', async () => {
    const { buildBigWorkbook } = await import('../fixtures/big');
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    const big = await buildBigWorkbook(400);
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(dir, `big${i}.xlsx`), big);
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const child = spawn(process.execPath, [bin, '--jobs', '1', '--format', 'json', '--annotate', out, dir], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // interrupt mid-run: once the first copy is there (the next file's temporary file is planned or being
    // written), or as soon as a temporary file is seen
    for (let k = 0; k < 2400 && child.exitCode === null; k++) {
      const names = fs.readdirSync(out);
      if (names.some((f) => f.endsWith('.tmp') || f.endsWith('-已标注.xlsx'))) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(child.exitCode).toBeNull(); // still running: the interruption is mid-run
    child.kill('SIGINT');
    const how = await exited;
    expect(how).toBe('SIGINT');
    await new Promise((r) => setTimeout(r, 300)); // a worker would have had time to write
    const left = fs.readdirSync(out);
    expect(left.filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([]);
    // the copies there are complete workbooks
    const { readWorkbookGrid } = await import('../../src/adapters/file/node');
    for (const f of left) await expect(readWorkbookGrid(path.join(out, f))).resolves.toBeDefined();
  });
});

describe('new --out', () => {
  test('an existing file is refused without --force and untouched; replaced with it; no temporary file left', () => {
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    const target = path.join(dir, '空白.xlsx');
    fs.writeFileSync(target, 'keep me');
    const r = run(bin, ['new', '--layout', 'A', '--out', target]);
    expect(r).toEqual({ code: 2, out: '', err: `错误：文件已存在：${target}（如需覆盖请加 --force）\n` });
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    const forced = run(bin, ['new', '--layout', 'A', '--out', target, '--force']);
    expect(forced.code).toBe(0);
    expect(isZip(target)).toBe(true);
    expect(tree(dir)).toEqual(['空白.xlsx']);
  });

  test('a symbolic link is refused even with --force; its target is untouched', () => {
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const link = path.join(dir, 'link.xlsx');
    fs.symlinkSync(victim, link);
    const dangling = path.join(dir, 'dangling.xlsx');
    fs.symlinkSync(path.join(dir, 'nowhere.xlsx'), dangling);
    for (const target of [link, dangling]) {
      const r = run(bin, ['new', '--layout', 'B', '--out', target, '--force']);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`错误：文件 ${target} 是一个符号链接，为安全起见不会写入；请换一个文件名或删除该链接\n`);
    }
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.existsSync(path.join(dir, 'nowhere.xlsx'))).toBe(false);
    expect(tree(dir)).toEqual(['dangling.xlsx', 'link.xlsx', 'victim.txt']);
  });

  test('missing folders are created; a file in the way is one line', () => {
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    const r = run(bin, ['new', '--layout', 'D', '--out', path.join(dir, 'a/b/表.xlsx')]);
    expect(r.code).toBe(0);
    expect(tree(dir)).toEqual(['a', 'a/b', 'a/b/表.xlsx']);
    const blocked = run(bin, ['new', '--layout', 'D', '--out', path.join(dir, 'a/b/表.xlsx/c.xlsx')]);
    expect(blocked.code).toBe(2);
    expect(blocked.err.split('\n')).toHaveLength(2);
  });
});

describe('safe-write.ts', () => {
  test('a failing writer leaves neither the target nor a temporary file', async () => {
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    const target = path.join(dir, 'x.xlsx');
    const failing = async (file: string) => {
      fs.writeFileSync(file, 'half');
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    };
    await expect(writeFileSafely(target, failing, { what: '文件', force: false })).rejects.toThrow(
      new WriteError(`无法写入文件 ${target}：磁盘空间不足`),
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(pendingTemps()).toEqual([]);
    await writeFileSafely(target, new Uint8Array([1, 2, 3]), { what: '文件', force: false });
    expect([...fs.readFileSync(target)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir)).toEqual(['x.xlsx']);
    expect(pendingTemps()).toEqual([]);
  });

  test('ensureDir creates missing levels and is bounded', async () => {
    const dir = path.join(tmp, `case${n++}`);
    await expect(ensureDir(path.join(dir, 'a', 'b'), '目录')).resolves.toBeNull();
    expect(fs.statSync(path.join(dir, 'a', 'b')).isDirectory()).toBe(true);
    const deep = path.join(dir, ...Array.from({ length: 80 }, (_, i) => `d${i}`));
    await expect(ensureDir(deep, '目录')).resolves.toBe(`无法创建目录 ${deep}：路径无效`);
  });
});
