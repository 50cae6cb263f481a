/**
 * `npm run new -- --layout A|B|D [--type 会议培训] [--profile LOCAL|C2021] [--budget 11.5] --out FILE.xlsx [--force]`
 * writes a workbook with one blank 绩效目标表, the chosen block's indicators pre-filled.
 * `npm run new -- --from FILE` lists the suggested project types for each table of a workbook.
 */
import path from 'path';
import { parseWorkbook } from '../core/check';
import { a1 } from '../core/grid';
import { BLANK_LAYOUTS, type BlankLayout, LAYOUT_LABEL, planBlankTable } from '../core/templates/blank';
import { type TemplateProfile, getBlock, listBlocks, materializeBlock } from '../core/templates/library';
import { detectProfile } from '../core/templates/profile';
import { proposeValues, suggestBlocks } from '../core/templates/suggest';
import { blankWorkbook } from '../adapters/exceljs/blankTable';
import { WorkbookReadError, readWorkbookGrid } from '../adapters/file/node';
import { WriteError, ensureDir, targetProblem, writeFileSafely } from './safe-write';
import { BLANK_SHEET_NAME } from '../core/layouts';

const SHEET_NAME = BLANK_SHEET_NAME;

export function newUsage(): string {
  const types = listBlocks()
    .map((b) => b.type)
    .join('、');
  return `用法：npm run new -- --layout A|B|D [--type 项目类型] [--profile LOCAL|C2021] [--budget 金额] --out 文件.xlsx [--force]
      npm run new -- --from 工作簿.xlsx

生成一个只含一张空白绩效目标表的工作簿，供没有安装加载项的用户使用；
或者用 --from 列出已有工作簿中每张表建议使用的项目类型（不修改该文件）。

选项：
  --layout A|B|D        表样：${BLANK_LAYOUTS.map((l) => LAYOUT_LABEL[l]).join('；')}
  --type 项目类型       预填该类项目的标准指标：${types}（不指定时每个二级指标留一空行）
  --profile LOCAL|C2021 指标体系：LOCAL（地方模板，默认）或 C2021（财预〔2021〕101号）
  --budget 金额         年度资金总额（万元），用于“通用”模板的成本指标（≤金额万元）
  --out 文件.xlsx       输出文件
  --force               输出文件已存在时覆盖
  --from 工作簿          列出其中每张表建议的项目类型、理由、已有的指标和可从表中取得的指标值
  -h, --help            显示本帮助

退出码：0 成功；2 参数有误或无法写入。
`;
}

interface NewArgs {
  layout: BlankLayout;
  type: string | null;
  profile: TemplateProfile;
  budget: string | null;
  out: string;
  force: boolean;
}

function parseNewArgs(argv: string[]): NewArgs | { from: string } | 'help' | string {
  let from: string | null = null;
  let layout: string | null = null;
  let type: string | null = null;
  let profile = 'LOCAL';
  let budget: string | null = null;
  let out: string | null = null;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const next = (): string | null => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) return null;
      i++;
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--force':
        force = true;
        break;
      case '--from':
      case '--layout':
      case '--type':
      case '--profile':
      case '--budget':
      case '--out': {
        const v = next();
        if (v === null || v.trim() === '') return `参数 ${flag} 缺少取值`;
        if (flag === '--from') from = v;
        else if (flag === '--layout') layout = v.trim().toUpperCase();
        else if (flag === '--type') type = v.trim();
        else if (flag === '--profile') profile = v.trim().toUpperCase();
        else if (flag === '--budget') budget = v.trim();
        else out = v;
        break;
      }
      default:
        return a.startsWith('-') ? `未知参数：${a}` : `多余的参数：${a}`;
    }
  }
  if (from !== null) {
    if (layout || out || type) return '--from 只列出建议的项目类型，不能与 --layout、--type、--out 同用';
    return { from };
  }
  if (!layout) return '请用 --layout 指定表样（A、B 或 D），或用 --from 工作簿 列出建议的项目类型';
  if (!(BLANK_LAYOUTS as readonly string[]).includes(layout)) return `--layout 只能是 A、B 或 D，收到：${layout}`;
  if (profile !== 'LOCAL' && profile !== 'C2021') return `--profile 只能是 LOCAL 或 C2021，收到：${profile}`;
  if (type !== null && !getBlock(type))
    return `未知的项目类型：${type}（可选：${listBlocks()
      .map((b) => b.type)
      .join('、')}）`;
  if (budget !== null && !/^\d+(\.\d+)?$/.test(budget)) return `--budget 应为以万元计的数字，收到：${budget}`;
  if (!out) return '请用 --out 指定输出文件（.xlsx）';
  if (!/\.xlsx$/i.test(out)) return `输出文件应以 .xlsx 结尾：${out}`;
  return { layout: layout as BlankLayout, type, profile: profile as TemplateProfile, budget, out, force };
}

/** Entry point of `jxmb-check new ...` (argv = the arguments after "new"). */
export async function runNew(argv: string[]): Promise<number> {
  const args = parseNewArgs(argv);
  if (args === 'help') {
    process.stdout.write(newUsage());
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`错误：${args}\n\n${newUsage()}`);
    return 2;
  }
  if ('from' in args) return listSuggestions(args.from);
  // refused before anything is built: an existing file without --force, a symbolic link, a folder …
  const target = { what: '文件', force: args.force };
  const problem = await targetProblem(args.out, target);
  if (problem) {
    process.stderr.write(`错误：${problem}\n`);
    return 2;
  }
  const block = args.type ? getBlock(args.type) : null;
  const res = planBlankTable(args.layout, { profile: args.profile, block, budget: args.budget });
  if (!res.ok) {
    process.stderr.write(`错误：${res.message}\n`);
    return 2;
  }
  const plan = res.plan;
  const wb = blankWorkbook(plan, SHEET_NAME[args.layout]);
  const dirProblem = await ensureDir(path.dirname(path.resolve(args.out)), '文件夹');
  if (dirProblem) {
    process.stderr.write(`错误：${dirProblem}\n`);
    return 2;
  }
  try {
    // through a temporary file in the same folder, renamed at the end (safe-write.ts)
    await writeFileSafely(args.out, new Uint8Array(await wb.xlsx.writeBuffer()), target);
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    process.stderr.write(`错误：${e.message}\n`);
    return 2;
  }
  const lines = [`已生成 ${args.out}：${LAYOUT_LABEL[args.layout]}${block ? `，预填“${block.type}”指标 ${plan.added.length} 个` : ''}。`];
  const slots = plan.added.filter((a) => a.slot);
  if (slots.length > 0) {
    lines.push(`以下指标值留空待填写（检查时会列为“指标值缺失”）：`);
    for (const s of slots) lines.push(`  ${a1(s.valueCell.row, s.valueCell.col)}  ${s.name}：${s.expected}`);
  }
  lines.push('表头（项目名称、资金等）也需填写。填好后可用 npm run check -- 文件 检查。');
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

const KIND_LABEL = { project: '项目支出表', department: '部门整体表' } as const;

/** `--from FILE`: the suggested types of every table of a workbook (nothing is written). */
async function listSuggestions(file: string): Promise<number> {
  let wb;
  try {
    wb = await readWorkbookGrid(file);
  } catch (e) {
    if (!(e instanceof WorkbookReadError)) throw e;
    process.stderr.write(`错误：${file}：${e.message}\n`);
    return 2;
  }
  const lines = [`文件：${file}`];
  let count = 0;
  for (const sheet of wb.sheets) {
    const tables = parseWorkbook({ sheets: [sheet] });
    if (tables.length === 0) continue;
    lines.push(`  工作表「${sheet.name}」：${tables.length} 张表`);
    tables.forEach((t, k) => {
      count++;
      const area = `${a1(t.top, t.left)}:${a1(t.bottom, t.right)}`;
      lines.push(
        `    ${k + 1}. ${t.name || '（未填名称）'}  [${KIND_LABEL[t.kind]}，${area}，${t.indicators.filter((i) => !i.placeholder).length} 个指标]`,
      );
      const all = suggestBlocks(t);
      const [top, ...rest] = all;
      lines.push(`       建议：${top.block.type}（${top.reasons.join('；')}）`);
      const others = rest.filter((s) => s.score > 0).slice(0, 2);
      if (others.length) lines.push(`       其次：${others.map((s) => `${s.block.type}（${s.reasons[0]}）`).join('；')}`);
      if (top.present.length) lines.push(`       表中已有：${top.present.join('、')}`);
      const profile = detectProfile(t) ?? 'LOCAL';
      const proposals = proposeValues(t, top.block, profile).map((p) => `${p.name} ${p.text}（${p.source}）`);
      const fromBudget = materializeBlock(top.block, profile, { budget: t.budget?.amount ?? null })
        .filter((r) => r.computed && !r.slot && !top.present.includes(r.name))
        .map((r) => `${r.name} ${r.text}（年度资金总额）`);
      const values = [...fromBudget, ...proposals];
      if (values.length) lines.push(`       可从表中取值：${values.join('；')}`);
    });
  }
  lines.push(
    count === 0
      ? '未找到绩效目标表。'
      : `共 ${count} 张表。插入模板：在加载项「插入模板」页选择类型；或 npm run new -- --layout A --type 类型 --out 文件.xlsx 新建空白表。`,
  );
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
