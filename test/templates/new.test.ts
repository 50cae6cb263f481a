/** `npm run new`: writes a blank-table workbook the checker recognises as its layout. */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { checkWorkbook, parseWorkbook } from '../../src/core/check';
import { runNew } from '../../src/cli/new';
import { listBlocks, materializeBlock } from '../../src/core/templates/library';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jxmb-new-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Runs runNew with stdout/stderr captured. */
async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const so = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const se = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  try {
    const code = await runNew(argv);
    return { code, out, err };
  } finally {
    so.mockRestore();
    se.mockRestore();
  }
}

describe('npm run new', () => {
  for (const layout of ['A', 'B', 'D'] as const) {
    for (const type of [null, '会议培训', '通用']) {
      test(`--layout ${layout}${type ? ` --type ${type}` : ''}: recognised as layout ${layout}`, async () => {
        const out = path.join(dir, `${layout}-${type ?? 'none'}.xlsx`);
        const args = ['--layout', layout, '--out', out, ...(type ? ['--type', type] : [])];
        const r = await capture(args);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toContain('已生成');
        const wb = await readWorkbookGrid(out);
        expect(wb.sheets).toHaveLength(1);
        const tables = parseWorkbook(wb);
        expect(tables).toHaveLength(1);
        expect(tables[0].layout).toBe(layout);
        const res = checkWorkbook(wb);
        expect(res.tables[0].layout).toBe(layout);
        if (type === '会议培训') {
          expect(tables[0].indicators.map((i) => i.name)).toEqual(expect.arrayContaining(['培训班次', '培训合格率', '参训人员满意度']));
          // the slots printed are the cells the checker reports as missing-value
          const printed = [...r.out.matchAll(/^\s+([A-Z]+\d+)\s/gm)].map((m) => m[1]).sort();
          const reported = res.findings
            .filter((f) => f.code === 'missing-value')
            .map((f) => f.cell)
            .sort();
          expect(printed).toEqual(reported);
          expect(printed.length).toBe(4); // 班次, 人次, 人均成本, and the total cost (no --budget given)
        }
      });
    }
  }

  test('styles: borders, bold header, text-formatted value cells, merges', async () => {
    const out = path.join(dir, 'styled.xlsx');
    expect((await capture(['--layout', 'A', '--type', '设备购置', '--out', out])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.getCell('B9').value).toBe('一级指标');
    expect(ws.getCell('B9').font?.bold).toBe(true);
    expect(ws.getCell('D10').border?.top?.style).toBe('thin');
    expect(ws.getCell('E11').numFmt).toBe('@');
    expect(ws.getCell('E11').value).toBe('100%');
    expect((ws.model as unknown as { merges: string[] }).merges).toEqual(expect.arrayContaining(['A1:E1']));
  });

  test('--profile C2021 puts 成本指标 first as a 一级', async () => {
    const out = path.join(dir, 'c2021.xlsx');
    expect((await capture(['--layout', 'B', '--profile', 'c2021', '--type', '基建工程', '--out', out])).code).toBe(0);
    const t = parseWorkbook(await readWorkbookGrid(out), { profile: 'C2021' })[0];
    expect(t.indicators.find((i) => i.name === '单位造价')).toMatchObject({ level1: '成本指标', level2: '经济成本指标' });
  });

  test('refuses to overwrite unless --force', async () => {
    const out = path.join(dir, 'exists.xlsx');
    await fs.writeFile(out, 'keep me');
    const r = await capture(['--layout', 'A', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件已存在');
    expect(await fs.readFile(out, 'utf8')).toBe('keep me');
    const f = await capture(['--layout', 'A', '--out', out, '--force']);
    expect(f.code).toBe(0);
    expect(parseWorkbook(await readWorkbookGrid(out))[0].layout).toBe('A');
  });

  test.each([
    [[], '--layout'],
    [['--layout', 'C', '--out', 'x.xlsx'], 'A、B 或 D'],
    [['--layout', 'A'], '--out'],
    [['--layout', 'A', '--out', 'x.xls'], '.xlsx'],
    [['--layout', 'A', '--type', '不存在', '--out', 'x.xlsx'], '未知的项目类型'],
    [['--layout', 'A', '--profile', 'X', '--out', 'x.xlsx'], 'LOCAL 或 C2021'],
    [['--layout', 'A', '--budget', '十万', '--out', 'x.xlsx'], '--budget'],
    [['--layout', '--out', 'x.xlsx'], '缺少取值'],
    [['--bogus'], '未知参数'],
  ])('bad arguments %j -> exit 2 with a Chinese message', async (argv, msg) => {
    const r = await capture(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg);
    expect(r.err).toContain('用法');
  });

  test('--help exits 0', async () => {
    const r = await capture(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--layout');
  });

  test('main dispatches "new" to runNew (as npm run new does)', async () => {
    const out = path.join(dir, 'via-main.xlsx');
    const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const main = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const r = await run(tsx, [main, 'new', '--layout', 'D', '--type', '通用', '--out', out]);
    expect(r.stdout).toContain('已生成');
    const t = parseWorkbook(await readWorkbookGrid(out))[0];
    expect(t.layout).toBe('D');
    await expect(run(tsx, [main, 'new', '--layout', 'Q', '--out', out])).rejects.toMatchObject({ code: 2 });
  });

  test('--type: every project type of the library writes a table the checker reads back with its indicators', async () => {
    for (const b of listBlocks()) {
      const out = path.join(dir, `type-${b.id}.xlsx`);
      const r = await capture([
        '--layout',
        b.tableKinds?.includes('department') ? 'D' : 'A',
        '--type',
        b.type,
        '--budget',
        '20',
        '--out',
        out,
      ]);
      expect([b.type, r.code, r.err]).toEqual([b.type, 0, '']);
      const names = parseWorkbook(await readWorkbookGrid(out))[0].indicators.map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(materializeBlock(b, 'LOCAL', { budget: '20' }).map((i) => i.name)));
    }
    // half-width brackets are accepted too
    expect((await capture(['--layout', 'A', '--type', '运行保障(办公经费)', '--out', path.join(dir, 'ops.xlsx')])).code).toBe(0);
  });

  test('--from: the suggested types of each table, with reasons and the values the table gives', async () => {
    const r = await capture(['--from', path.join(__dirname, '..', 'fixtures', 'layoutA-ningxia.xlsx')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('干部人事档案工作经费');
    expect(r.out).toMatch(/干部人事档案工作经费[^\n]*\n\s+建议：档案管理（项目名称含「档案」/);
    expect(r.out).toContain('可从表中取值：');
    expect(r.out).toMatch(/共 \d+ 张表/);
    const bad = await capture(['--from', path.join(dir, 'nope.xlsx')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('错误');
    expect((await capture(['--from', 'x.xlsx', '--layout', 'A'])).code).toBe(2);
  });
});
