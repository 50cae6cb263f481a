/**
 * --summary FILE.xlsx: the reviewers' workbook, read back with exceljs; its rows must agree with the table
 * report the same run prints. And the safety of writing it: no overwrite without --force, no writing through
 * a symbolic link, no temporary file left, a clear message for a missing folder.
 */
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ExcelJS from 'exceljs';
import { WriteError, writeFileSafely } from '../../src/cli/safe-write';
import { fileLink } from '../../src/cli/summary';
import { ruleByCode } from '../../src/core/rules';
import { CLEAN, EXAMPLE, HENGDONG, buildCliBundle, run } from './helpers';

jest.setTimeout(60_000);

let bin: string;
let tmp: string;

beforeAll(() => {
  bin = buildCliBundle('summary');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-summary-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FILES_HEADER = ['文件', '工作表', '表格名称', '式样', '区域', '错误', '警告', '提示', '标注副本', '说明'];
const FINDINGS_HEADER = ['文件', '工作表', '单元格', '级别', '规则', '说明', '代码'];

type Value = string | number | null | { text: string; hyperlink: string };

/** The rows of a sheet as plain values (hyperlinks as {text, hyperlink}); empty cells null. */
function rowsOf(ws: ExcelJS.Worksheet, width: number): Value[][] {
  const out: Value[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: Value[] = [];
    for (let c = 1; c <= width; c++) {
      const v = ws.getCell(r, c).value as unknown;
      if (v === null || v === undefined) row.push(null);
      else if (typeof v === 'object' && 'hyperlink' in (v as object)) {
        const h = v as { text: string; hyperlink: string };
        row.push({ text: h.text, hyperlink: h.hyperlink });
      } else row.push(v as string | number);
    }
    out.push(row);
  }
  return out;
}

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

interface ReportTable {
  file: string;
  sheet: string;
  name: string | null;
  layout: string | null;
  range: string | null;
  counts: [number, number, number] | null;
  note: string | null;
  findings: { sheet: string; cell: string; level: string; message: string; code: string }[];
  /** "N 处未命名的“指标N:”空白占位行（cells 等）" lines. */
  placeholders: { count: number; cells: string[] } | null;
}

/** Reads the table report back into its rows (the format of src/cli/report.ts toTable). */
function parseReport(text: string): ReportTable[] {
  const rows: ReportTable[] = [];
  let file = '';
  let sheet = '';
  let current: ReportTable | null = null;
  for (const line of text.split('\n')) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^文件：(.*)$/))) file = m[1];
    else if ((m = line.match(/^ {2}无法检查：(.*)$/))) rows.push(blank(file, null, `无法检查：${m[1]}`));
    else if ((m = line.match(/^ {2}工作表「(.*)」：未找到绩效目标表$/))) rows.push(blank(file, m[1], '未找到绩效目标表'));
    else if ((m = line.match(/^ {2}工作表「(.*)」：\d+ 张表$/))) sheet = m[1];
    else if ((m = line.match(/^ {4}\d+\. (.*) {2}\[(.*)，(.*)，\d+ 个指标\] {2}(?:错误 (\d+)，警告 (\d+)，提示 (\d+)|未发现问题)$/))) {
      current = {
        file,
        sheet,
        name: m[1],
        layout: m[2],
        range: m[3],
        counts: m[4] ? [+m[4], +m[5], +m[6]] : [0, 0, 0],
        note: null,
        findings: [],
        placeholders: null,
      };
      rows.push(current);
    } else if ((m = line.match(/^ {7}[✖▲·] 提示 (\d+) 处未命名的“指标N:”空白占位行（(.*)），不需要时请删除（placeholder-row）$/))) {
      current!.placeholders = { count: +m[1], cells: m[2].replace(/ 等$/, '').split('、') };
    } else if ((m = line.match(/^ {7}[✖▲·] (错误|警告|提示) (\S+) +(.*)（([a-z-]+)）$/))) {
      current!.findings.push({ sheet, cell: m[2], level: m[1], message: m[3], code: m[4] });
    }
  }
  return rows;
}

function blank(file: string, sheet: string | null, note: string): ReportTable {
  return { file, sheet: sheet ?? '', name: null, layout: null, range: null, counts: null, note, findings: [], placeholders: null };
}

describe('the summary workbook', () => {
  let dir: string;
  let summary: string;
  let report: string;
  let corrupt: string;

  beforeAll(() => {
    dir = path.join(tmp, 'run');
    fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
    corrupt = path.join(dir, '损坏.xlsx');
    fs.writeFileSync(corrupt, 'PK\u0003\u0004 not a zip');
    summary = path.join(dir, 'out', '汇总.xlsx');
    const r = run(bin, ['--annotate', path.join(dir, 'copies'), '--summary', summary, EXAMPLE, corrupt, HENGDONG]);
    expect(r.code).toBe(2); // the corrupt file
    report = r.out;
    expect(report.trimEnd().split('\n').pop()).toBe(`汇总表已写入：${summary}`);
  });

  test('「文件与表格」: exact header, one row per table / sheet without a table / unreadable file, agreeing with the report', async () => {
    const wb = await open(summary);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['文件与表格', '问题清单']);
    const rows = rowsOf(wb.getWorksheet('文件与表格')!, FILES_HEADER.length);
    expect(rows[0]).toEqual(FILES_HEADER);
    const copy = (name: string) => ({ text: `${name}-已标注.xlsx`, hyperlink: `../copies/${name}-已标注.xlsx` });
    const expected = parseReport(report).map((t) => {
      const link = t.note?.startsWith('无法检查') ? null : copy(path.basename(t.file, '.xlsx'));
      return [t.file, t.sheet || null, t.name, t.layout, t.range, ...(t.counts ?? [null, null, null]), link, t.note];
    });
    expect(expected).toHaveLength(10); // 7 tables and a sheet without one, the corrupt file, 1 table
    expect(rows.slice(1)).toEqual(expected);
    // the same rows written out, so that a parser mistake cannot hide a wrong workbook
    expect(rows[1]).toEqual([EXAMPLE, '项目表', '办公经费', '项目支出表（A 式）', 'A1:E24', 0, 2, 13, copy('示例-绩效目标表'), null]);
    expect(rows[8]).toEqual([EXAMPLE, '说明', null, null, null, null, null, null, copy('示例-绩效目标表'), '未找到绩效目标表']);
    // the reason is the reader's (src/adapters/file), in the same words as the report
    expect(rows[9]).toEqual([corrupt, null, null, null, null, null, null, null, null, expect.stringMatching(/^无法检查：文件已损坏/)]);
    expect(rows[10]).toEqual([
      HENGDONG,
      '项目支出绩效目标表',
      '全县组织工作及组工干部培训经费等',
      '项目支出表（C 式）',
      'A1:F66',
      0,
      1,
      1,
      copy('layoutC-hengdong'),
      null,
    ]);
    // every link leads to the annotated copy, relative to the summary's folder
    for (const row of rows.slice(1)) {
      const link = row[8] as { hyperlink: string } | null;
      if (link) expect(fs.existsSync(path.resolve(path.dirname(summary), link.hyperlink))).toBe(true);
    }
  });

  test('「问题清单」: exact header, one row per finding, agreeing with the report line by line', async () => {
    const wb = await open(summary);
    const rows = rowsOf(wb.getWorksheet('问题清单')!, FINDINGS_HEADER.length);
    expect(rows[0]).toEqual(FINDINGS_HEADER);
    const body = rows.slice(1);
    const tables = parseReport(report).filter((t) => t.range);
    let k = 0;
    for (const t of tables) {
      const n = t.counts!.reduce((a, b) => a + b, 0);
      const mine = body.slice(k, k + n);
      k += n;
      expect(mine.every((r) => r[0] === t.file && r[1] === t.sheet)).toBe(true);
      const listed = mine.filter((r) => !(r[6] === 'placeholder-row' && t.placeholders));
      expect(listed.map((r) => [r[1], r[2], r[3], r[5], r[6]])).toEqual(
        t.findings.map((f) => [f.sheet, f.cell, f.level, f.message, f.code]),
      );
      const placeholders = mine.filter((r) => r[6] === 'placeholder-row' && t.placeholders);
      if (t.placeholders) {
        expect(placeholders).toHaveLength(t.placeholders.count);
        expect(placeholders.slice(0, t.placeholders.cells.length).map((r) => r[2])).toEqual(t.placeholders.cells);
        for (const r of placeholders) expect(r[3]).toBe('提示');
      }
      for (const r of mine) expect(r[4]).toBe(ruleByCode(r[6] as string)!.title);
    }
    expect(k).toBe(body.length);
    expect(body).toHaveLength(4 + 15 + 36 + 2);
    expect(body.slice(-2)).toEqual([
      [
        HENGDONG,
        '项目支出绩效目标表',
        'C63',
        '警告',
        '指标结构不规范',
        '「经济效率指标」不是规范的指标类别名称，应为「经济效益指标」',
        'structure',
      ],
      [
        HENGDONG,
        '项目支出绩效目标表',
        'E63',
        '提示',
        '指标值不可衡量',
        '三级指标「全县非公有制经济组织和社会组织党组织建设」的指标值「持续推进」没有可衡量的标准，建议写明具体数值或达到的程度',
        'vague-value',
      ],
    ]);
  });

  test('header bold and frozen, auto-filter over the whole table, columns sized', async () => {
    const wb = await open(summary);
    for (const [name, width] of [
      ['文件与表格', FILES_HEADER.length],
      ['问题清单', FINDINGS_HEADER.length],
    ] as const) {
      const ws = wb.getWorksheet(name)!;
      const last = String.fromCharCode(64 + width);
      expect(ws.autoFilter).toBe(`A1:${last}${ws.rowCount}`);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (let c = 1; c <= width; c++) {
        expect(ws.getCell(1, c).font?.bold).toBe(true);
        const w = ws.getColumn(c).width!;
        expect(w).toBeGreaterThanOrEqual(6);
        expect(w).toBeLessThanOrEqual(80);
      }
    }
    expect(wb.getWorksheet('问题清单')!.getColumn(6).width).toBe(80); // 说明: long messages, wrapped
  });

  test('no temporary file is left next to the summary', () => {
    expect(fs.readdirSync(path.dirname(summary))).toEqual(['汇总.xlsx']);
  });
});

describe('writing the summary safely', () => {
  const hash = (p: string) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');

  test('an existing file is not overwritten without --force (exit 2 before checking); with --force it is replaced', async () => {
    const dir = path.join(tmp, 'force');
    fs.mkdirSync(dir);
    const target = path.join(dir, 'summary.xlsx');
    fs.writeFileSync(target, 'keep me');
    const r = run(bin, ['--summary', target, CLEAN]);
    expect(r).toEqual({ code: 2, out: '', err: `错误：汇总文件已存在：${target}（如需覆盖请加 --force）\n` });
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
    const f = run(bin, ['--summary', target, '--force', '--format', 'json', CLEAN]);
    expect(f.code).toBe(0);
    expect(f.err).toBe('');
    const rows = rowsOf((await open(target)).getWorksheet('文件与表格')!, FILES_HEADER.length);
    expect(rows.map((x) => x[0])).toEqual(['文件', CLEAN, CLEAN, CLEAN, CLEAN]);
    expect(fs.readdirSync(dir)).toEqual(['summary.xlsx']);
  });

  test('a symbolic link at the target is refused, even with --force; the file it points to is untouched', () => {
    const dir = path.join(tmp, 'link');
    fs.mkdirSync(dir);
    const victim = path.join(dir, 'victim.xlsx');
    fs.copyFileSync(CLEAN, victim);
    const before = hash(victim);
    const target = path.join(dir, 'summary.xlsx');
    fs.symlinkSync(victim, target);
    for (const extra of [[], ['--force']]) {
      const r = run(bin, ['--summary', target, ...extra, HENGDONG]);
      expect(r).toEqual({
        code: 2,
        out: '',
        err: `错误：汇总文件 ${target} 是一个符号链接，为安全起见不会写入；请换一个文件名或删除该链接\n`,
      });
    }
    expect(hash(victim)).toBe(before);
    expect(fs.lstatSync(target).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['summary.xlsx', 'victim.xlsx']);
  });

  test('a missing folder: a clear message, no stack trace', () => {
    const target = path.join(tmp, 'no-such-folder', 'summary.xlsx');
    expect(run(bin, ['--summary', target, CLEAN])).toEqual({
      code: 2,
      out: '',
      err: `错误：汇总文件所在的文件夹不存在：${path.dirname(target)}（请先创建该文件夹）\n`,
    });
  });

  test('inside a scanned folder the summary is not checked; it cannot be one of the inputs', () => {
    const dir = path.join(tmp, 'inside');
    fs.mkdirSync(dir);
    fs.copyFileSync(CLEAN, path.join(dir, 'a.xlsx'));
    const target = path.join(dir, 'summary.xlsx');
    fs.copyFileSync(HENGDONG, target); // an earlier summary, replaced
    const r = run(bin, ['--summary', target, '--force', '--format', 'json', dir]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { files: { file: string }[] }).files.map((f) => f.file)).toEqual([path.join(dir, 'a.xlsx')]);
    const input = path.join(dir, 'a.xlsx');
    expect(run(bin, ['--summary', input, '--force', input])).toEqual({
      code: 2,
      out: '',
      err: `错误：汇总文件不能与要检查的文件或其标注、修正副本相同：${input}\n`,
    });
    expect(fs.readdirSync(dir).sort()).toEqual(['a.xlsx', 'summary.xlsx']);
  });
});

describe('safe writing of the summary and links (in process)', () => {
  test('without force an existing target is never replaced (checked again at the last step); no temporary file stays', async () => {
    const dir = path.join(tmp, 'atomic');
    fs.mkdirSync(dir);
    const target = path.join(dir, 'out.xlsx');
    const as = (force: boolean) => ({ force, what: '汇总文件' });
    await writeFileSafely(target, Buffer.from('first'), as(false));
    expect(fs.readFileSync(target, 'utf8')).toBe('first');
    await expect(writeFileSafely(target, Buffer.from('second'), as(false))).rejects.toThrow(
      new WriteError(`汇总文件已存在：${target}（如需覆盖请加 --force）`),
    );
    expect(fs.readFileSync(target, 'utf8')).toBe('first');
    await writeFileSafely(target, Buffer.from('third'), as(true));
    expect(fs.readFileSync(target, 'utf8')).toBe('third');
    expect(fs.readdirSync(dir)).toEqual(['out.xlsx']);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  test('links: relative, forward slashes, URI-unsafe characters escaped, Chinese kept', () => {
    expect(fileLink('/a/b', '/a/b/副本/x-已标注.xlsx')).toBe('副本/x-已标注.xlsx');
    expect(fileLink('/a/b', '/a/c/my file#1.xlsx')).toBe('../c/my%20file%231.xlsx');
  });
});
