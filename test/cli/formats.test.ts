/**
 * The command line on the file formats users have: the .xls copy of the example reports exactly what the .xlsx
 * reports; with --annotate an .xls is checked and told why it gets no copy; refusals are one line each.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { EXAMPLE, ROOT, buildCliBundle, run } from './helpers';

const XLS = path.join(ROOT, 'test/fixtures/xls/示例-绩效目标表.xls');
let bin: string;
beforeAll(() => {
  bin = buildCliBundle('formats');
});

test('the .xls copy of the example: the same tables and findings as the .xlsx (JSON, file names aside)', () => {
  const a = run(bin, ['--format', 'json', EXAMPLE]);
  const b = run(bin, ['--format', 'json', XLS]);
  expect([a.code, b.code]).toEqual([1, 1]);
  const strip = (out: string) => JSON.parse(out).files.map((f: { file: string }) => ({ ...f, file: '' }));
  expect(strip(b.out)).toEqual(strip(a.out));
});

test('--annotate with an .xls: checked as usual, no copy, one line saying why', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-xls-'));
  const r = run(bin, ['--annotate', out, XLS]);
  expect(r.code).toBe(1);
  expect(r.out).toContain('汇总：1 个文件，7 张表；错误 4，警告 15，提示 36');
  expect(r.err).toBe(`${XLS}：未生成标注副本：.xls 等旧格式文件无法直接标注，请在 Excel 或 WPS 中另存为 .xlsx 后再标注\n`);
  expect(fs.readdirSync(out)).toEqual([]);
});

test('a password-protected .xls and a Word file named .xls: one Chinese line each, exit 2', () => {
  const pw = path.join(ROOT, 'test/fixtures/xls/password.xls');
  const doc = path.join(ROOT, 'test/fixtures/xls/word.doc');
  const r = run(bin, [pw, doc]);
  expect(r.code).toBe(2);
  expect(r.err).toBe(
    `无法检查 ${pw}：文件设置了打开密码；请在 Excel 或 WPS 中取消密码后再检查\n无法检查 ${doc}：不是 Excel 工作簿（可能是 Word 等其他文件）\n`,
  );
});
