/** The command line, run as a user runs it: the esbuild bundle under node. */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { ROOT, buildCliBundle, noteText, run as runBundle } from './helpers';

let BIN: string;
const D = 'test/fixtures/layoutD-suixi.xlsx';
const CLEAN = 'test/fixtures/clean.xlsx';
let tmp: string;

beforeAll(() => {
  BIN = buildCliBundle('cli');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-cli-'));
});

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runBundle(BIN, args, { env });
}

test('json output is exactly one document with the documented shape', () => {
  const r = run(['--format', 'json', D]);
  expect(r.code).toBe(0); // warnings only
  const doc = JSON.parse(r.out);
  expect(Object.keys(doc)).toEqual(['files', 'summary']);
  expect(doc.files[0].file).toBe(D);
  expect(doc.files[0].tables).toEqual([{ sheet: '部门整体绩效目标表', range: 'A1:E119', kind: 'department', name: '中共遂溪县委组织部' }]);
  const f = doc.files[0].findings.find((x: { cell: string }) => x.cell === 'C32');
  expect(Object.keys(f)).toEqual(['code', 'severity', 'sheet', 'cell', 'table', 'message']);
  expect(f).toMatchObject({ code: 'text-amount-mismatch', severity: 'warning', table: '中共遂溪县委组织部' });
  expect(doc.summary).toEqual({ errors: 0, warnings: 3, infos: 11 });
});

test('exit code 1 when there is an error; the table report is Chinese and grouped', () => {
  const r = run(['examples/示例-绩效目标表.xlsx']);
  expect(r.code).toBe(1);
  expect(r.out).toContain('文件：examples/示例-绩效目标表.xlsx');
  expect(r.out).toContain('工作表「支出计划」：2 张表');
  expect(r.out).toMatch(/错误 C7 +资金支出计划「6月底」累计进度20%低于「3月底」的30%/);
  expect(r.out).toContain('工作表「说明」：未找到绩效目标表');
  expect(r.out).toMatch(/汇总：1 个文件，7 张表；错误 4，警告 \d+，提示 \d+/);
  expect(r.out).toMatch(/错误 E87 +三级指标「培训人次」的指标值未填写（missing-value）/);
  expect(r.out).toMatch(/提示 \d+ 处未命名的“指标N:”空白占位行（D\d+、/);
});

test('exit code 0 on clean tables', () => {
  const r = run([CLEAN]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('未发现问题');
});

test('--profile C2021 changes the structure checks', () => {
  const local = JSON.parse(run(['--format', 'json', CLEAN]).out);
  const c2021 = JSON.parse(run(['--format', 'json', '--profile', 'C2021', CLEAN]).out);
  expect(local.summary.warnings).toBe(0);
  expect(c2021.files[0].findings.some((f: { code: string }) => f.code === 'structure')).toBe(true);
});

test('unreadable files get one clear line each and exit 2; the other files are still checked', () => {
  const corrupt = path.join(tmp, '损坏.xlsx');
  fs.writeFileSync(corrupt, 'PK\u0003\u0004 not really a zip');
  const encrypted = path.join(tmp, '加密.xlsx');
  fs.writeFileSync(encrypted, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
  const text = path.join(tmp, 'notes.xlsx');
  fs.writeFileSync(text, 'hello');
  const r = run([path.join(tmp, 'missing.xlsx'), corrupt, encrypted, text, CLEAN]);
  expect(r.code).toBe(2);
  const lines = r.err.trim().split('\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(/missing\.xlsx：文件不存在/);
  expect(lines[1]).toMatch(/损坏\.xlsx：文件已损坏/);
  // the bytes are an OLE header without a directory: the .xls reader's reason (its own tests own the wording)
  expect(lines[2]).toMatch(/加密\.xlsx：(文件设置了打开密码|文件已损坏)/);
  expect(lines[3]).toMatch(/notes\.xlsx：不是有效的 \.xlsx 文件/);
  expect(r.out).toContain('clean.xlsx');
  const j = run(['--format', 'json', corrupt, CLEAN]);
  expect(j.code).toBe(2);
  expect(j.err).toBe('');
  const doc = JSON.parse(j.out);
  expect(doc.files[0].error).toMatch(/损坏/);
  expect(doc.files[1].tables).toHaveLength(4);
});

test('wrong arguments exit 2 with one Chinese line and the --help hint', () => {
  expect(run([])).toEqual({ code: 2, out: '', err: '错误：请至少指定一个要检查的文件或文件夹\n请用 --help 查看全部选项。\n' });
  const r = run(['--format', 'xml', CLEAN]);
  expect(r).toEqual({ code: 2, out: '', err: '错误：--format 只能是 table 或 json，收到：xml\n请用 --help 查看全部选项。\n' });
  expect(run(['--help']).out).toMatch(/^用法：jxmb-check \[选项\] 文件或文件夹\.\.\./);
});

test('a directory argument checks every .xlsx below it', () => {
  const dir = path.join(tmp, 'batch');
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, CLEAN), path.join(dir, 'a.xlsx'));
  fs.copyFileSync(path.join(ROOT, D), path.join(dir, 'sub', 'b.xlsx'));
  fs.writeFileSync(path.join(dir, '~$a.xlsx'), 'lock');
  const doc = JSON.parse(run(['--format', 'json', dir]).out);
  expect(doc.files.map((f: { file: string }) => path.relative(dir, f.file))).toEqual(['a.xlsx', path.join('sub', 'b.xlsx')]);
});

test('--annotate writes a marked copy and never modifies the input', async () => {
  const input = path.join(tmp, 'in.xlsx');
  fs.copyFileSync(path.join(ROOT, 'examples/示例-绩效目标表.xlsx'), input);
  const hash = () => crypto.createHash('sha256').update(fs.readFileSync(input)).digest('hex');
  const before = hash();
  const out = path.join(tmp, 'annotated');
  const r = run(['--annotate', out, '--format', 'json', input]);
  expect(r.code).toBe(1);
  expect(hash()).toBe(before);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, 'in-已标注.xlsx'));
  const c7 = wb.getWorksheet('支出计划')!.getCell('C7');
  expect((c7.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  expect(noteText(c7.note)).toMatch(/【错误】资金支出计划「6月底」/);
  const doc = JSON.parse(r.out);
  const marked = new Set(doc.files[0].findings.map((f: { sheet: string; cell: string }) => `${f.sheet}!${f.cell}`));
  let filled = 0;
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill && fill.pattern === 'solid' && ['FFFFC7CE', 'FFFFEB9C', 'FFDDEBF7'].includes(fill.fgColor?.argb ?? '')) {
          filled++;
          expect(marked.has(`${ws.name}!${cell.address}`)).toBe(true);
        }
      }),
    ),
  );
  expect(filled).toBe(marked.size);
});

test('no progress noise when stderr is not a terminal', () => {
  const r = run([CLEAN, D]);
  expect(r.err).toBe('');
});
