#!/usr/bin/env node
/** 绩效目标表助手 command line: checks workbooks and prints a Chinese report or JSON; `new` writes a blank table. */
import { constants as fsConstants, promises as fs } from 'fs';
import path from 'path';
import { version } from '../../package.json';
import { type Config, resolveConfig } from '../core/config';
import { type CliOptions, parseCliArgs, resolveColor } from './args';
import { CONFIG_FILE_NAME, ConfigFileError, displayPath, loadConfigFile, mergeConfig } from './config-file';
import { type Input, expandInputs } from './files';
import { checkFiles, defaultJobs } from './pool';
import { type FileResult, fileReport, fixTotalLine, rulesHelp, toJson, totalLine } from './report';
import { ensureDir } from './safe-write';
import { annotatedPath, fixedPath } from './copies';
import { isPoolWorker } from './tasks';

export const VERSION: string = version;

export function usage(): string {
  return `用法：jxmb-check [选项] 文件或文件夹...
      npm run check -- [选项] 文件或文件夹...
      jxmb-check new --help（生成空白绩效目标表）

检查 Excel 工作簿（.xlsx、.xlsm、.xls、.et）中的绩效目标表；参数为文件夹时检查其中（含子文件夹）所有工作簿。

选项（每个带取值的选项也可以写成 --选项=取值）：
  --format table|json    输出格式：table（默认，中文报告）或 json（仅输出一个 JSON 文档）
  --profile LOCAL|C2021  指标体系口径：LOCAL（地方模板，默认）或 C2021（财预〔2021〕101号）
  --annotate 目录        为每个输入文件在该目录写一份“-已标注.xlsx”（.xlsm 为“-已标注.xlsm”）副本（问题单元格填色并附批注），原文件不变
  --fix 目录             对有可自动修正问题的文件，在该目录写一份“-已修正.xlsx”（.xlsm 为“-已修正.xlsm”）副本，只改写可确定
                         唯一正确写法的单元格（如「≥9090%」改为「≥90%」、比率「0.95」改为「95%」），公式单元格不改，原文件不变；
                         可与 --annotate 同时使用
  --off 规则代码         关闭某条规则，可重复使用，如 --off vague-value --off placeholder-row
  -j, --jobs N           同时检查的文件数（默认为本机 CPU 线程数减一）；--jobs 1 逐个检查
  --max-warnings N       没有错误但警告超过 N 条时也判为未通过（退出码 1）
  --summary 文件.xlsx    另存一份汇总工作簿（「文件与表格」「问题清单」两张表），供审核人员筛选
  --force                --summary 指定的汇总表、--annotate 目录中的标注副本、--fix 目录中的修正副本已存在时覆盖（符号链接从不写入）
  --config 文件          使用指定的配置文件（不再自动查找 ${CONFIG_FILE_NAME}）
  --color, --no-color    报告是否使用颜色（默认：输出到终端时使用；也遵循 NO_COLOR、FORCE_COLOR 环境变量）
  -V, --version          显示版本号
  -h, --help             显示本帮助

配置文件：从当前目录起逐级向上查找 ${CONFIG_FILE_NAME}，或 package.json 中的 "jxmb" 项（先找到的生效），如
  { "profile": "C2021", "rules": { "vague-value": "off", "structure": "error" } }
  规则可设为 off、error、warning 或 info；命令行的 --profile、--off 优先于配置文件。

每个文件在单独的线程中检查，超过时间限制（默认 120 秒，环境变量 JXMB_FILE_TIMEOUT_MS 以毫秒设置）或内存限制
（默认 1024 MB，JXMB_FILE_MEMORY_MB）的文件会跳过并说明，其他文件照常检查。

退出码：0 没有错误；1 发现错误，或警告超过 --max-warnings；2 有文件无法读取或被跳过、标注副本或修正副本无法写入，或参数、配置文件有误。
（--fix 只改副本：退出码按原文件的检查结果计算。）

规则（每条规则的说明、示例和关闭方法见 docs/rules/规则代码.md）：
${rulesHelp()}
`;
}

/** A usage error: one line, then where to find the usage. */
function usageError(message: string): number {
  process.stderr.write(`错误：${message}\n请用 --help 查看全部选项。\n`);
  return 2;
}

function fail(message: string): number {
  process.stderr.write(`错误：${message}\n`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'new') {
    const { runNew } = await import('./new');
    return runNew(argv.slice(1));
  }
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (parsed.kind === 'error') return usageError(parsed.message);
  const opts = parsed.options;
  let loaded;
  try {
    loaded = await loadConfigFile(process.cwd(), opts.config);
  } catch (e) {
    if (e instanceof ConfigFileError) return fail(e.message);
    throw e;
  }
  const config = resolveConfig(mergeConfig(loaded.config, opts));
  const problem = await checkTargets(opts);
  if (problem) return fail(problem);
  const inputs = await expandInputs(opts.inputs, {
    exclude: opts.summary !== null ? [opts.summary] : [],
    // our own copies are never checked again, even when the --annotate or --fix folder lies inside a scanned one
    excludeDirs: [opts.annotate, opts.fix].filter((d): d is string => d !== null),
  });
  if (inputs.length === 0) return fail('指定的文件夹中没有可检查的工作簿（.xlsx、.xlsm、.xls、.et）');
  const clash = summaryClash(opts, inputs);
  if (clash) return fail(clash);
  const results = await runChecks(opts, config, inputs, loaded.file);
  return finishRun(opts, results);
}

/** Whether the summary and copy folders given can be written: a Chinese line, or null. */
async function checkTargets(opts: CliOptions): Promise<string | null> {
  if (opts.summary !== null) {
    // (the summary's writer is loaded only when a summary is asked for)
    const problem = await (await import('./summary')).checkSummaryTarget(opts.summary, opts.force);
    if (problem) return problem;
  }
  const dirs: [string | null, string][] = [
    [opts.annotate, '标注副本目录'],
    [opts.fix, '修正副本目录'],
  ];
  for (const [dir, what] of dirs) {
    if (dir === null) continue;
    const problem = await ensureDir(dir, what);
    if (problem) return problem;
    try {
      await fs.access(dir, fsConstants.W_OK);
    } catch {
      return `无法写入${what} ${dir}：没有写入权限`;
    }
  }
  return null;
}

/** The summary workbook may be neither an input nor one of the copies: a Chinese line, or null. */
function summaryClash(opts: CliOptions, inputs: Input[]): string | null {
  if (opts.summary === null) return null;
  const target = path.resolve(opts.summary);
  const same = (p: string | null) => p !== null && path.resolve(p) === target;
  const clash = inputs.find(
    (i) =>
      same(i.file) ||
      (opts.annotate !== null && same(annotatedPath(i.file, opts.annotate))) ||
      (opts.fix !== null && same(fixedPath(i.file, opts.fix))),
  );
  return clash ? `汇总文件不能与要检查的文件或其标注、修正副本相同：${opts.summary}` : null;
}

/** Checks the inputs, printing the table report file by file in input order; the results in input order. */
async function runChecks(opts: CliOptions, config: Config, inputs: Input[], configFile: string | null): Promise<FileResult[]> {
  const table = opts.format === 'table';
  const color = table && resolveColor(opts.color, process.env, !!process.stdout.isTTY);
  // files that must not be opened keep their place in the input order
  const merged: (FileResult | undefined)[] = inputs.map((i) => (i.error ? { file: i.file, error: i.error } : undefined));
  const toCheck = inputs.map((input, index) => ({ input, index })).filter((x) => !x.input.error);
  const progress = table && !!process.stderr.isTTY && toCheck.length > 1;
  const clearProgress = progress ? '\r\x1b[K' : '';
  // the table report is printed file by file, in input order, as soon as a file and those before it are done
  if (table && configFile) process.stdout.write(`配置文件：${displayPath(configFile, process.cwd())}\n\n`);
  let emitted = 0;
  const emit = () => {
    while (emitted < merged.length && merged[emitted]) {
      const r = merged[emitted]!;
      if (table) {
        if (r.error) process.stderr.write(`${clearProgress}无法检查 ${r.file}：${r.error}\n`);
        if (r.note) process.stderr.write(`${clearProgress}${r.file}：${r.note}\n`);
        if (r.fix?.note) process.stderr.write(`${clearProgress}${r.file}：${r.fix.note}\n`);
        if (r.copyError) process.stderr.write(`${clearProgress}错误：${r.copyError}\n`);
        if (r.fix?.error) process.stderr.write(`${clearProgress}错误：${r.fix.error}\n`);
        if (progress) process.stderr.write(clearProgress);
        process.stdout.write(fileReport(r, { color }));
      }
      emitted++;
    }
  };
  emit();
  if (toCheck.length > 0) {
    await checkFiles(
      toCheck.map((x) => x.input.file),
      { config, annotate: opts.annotate, fix: opts.fix, force: opts.force, jobs: opts.jobs ?? defaultJobs() },
      {
        onProgress: progress
          ? (done, total, file) =>
              process.stderr.write(`\r正在检查 ${Math.min(done + 1, total)}/${total}：${path.basename(file).slice(0, 40)}\x1b[K`)
          : undefined,
        onResult: (r, i) => {
          merged[toCheck[i].index] = r;
          emit();
        },
      },
    );
  }
  if (progress) process.stderr.write('\r\x1b[K');
  return merged as FileResult[];
}

/** The summary workbook, the last lines and the exit code. */
async function finishRun(opts: CliOptions, results: FileResult[]): Promise<number> {
  let summaryProblem: string | null = null;
  if (opts.summary !== null) {
    const { SummaryError, writeSummary } = await import('./summary');
    try {
      await writeSummary(opts.summary, results, { annotate: opts.annotate, force: opts.force });
    } catch (e) {
      if (!(e instanceof SummaryError)) throw e;
      summaryProblem = e.message;
    }
  }
  if (opts.format === 'json') process.stdout.write(toJson(results, { fixes: opts.fix !== null }) + '\n');
  else {
    let text = totalLine(results);
    if (opts.fix !== null) text += `\n${fixTotalLine(results)}`;
    if (opts.summary !== null && !summaryProblem) text += `\n汇总表已写入：${opts.summary}`;
    process.stdout.write(text + '\n');
  }
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    if (!r.result) continue;
    errors += r.result.summary.errors;
    warnings += r.result.summary.warnings;
  }
  const tooManyWarnings = opts.maxWarnings !== null && errors === 0 && warnings > opts.maxWarnings;
  if (tooManyWarnings) process.stderr.write(`未通过：共有 ${warnings} 条警告，超过 --max-warnings 允许的 ${opts.maxWarnings} 条\n`);
  if (summaryProblem) process.stderr.write(`错误：${summaryProblem}\n`);
  if (summaryProblem || results.some((r) => r.error || r.copyError || r.fix?.error)) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

if (isPoolWorker()) {
  // (the main bundle as a worker, when the worker bundle is not beside it)
  void import('./worker').then((w) => w.startWorker());
} else if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      // one line; the stack only on request (JXMB_DEBUG=1)
      process.stderr.write(`内部错误：${process.env.JXMB_DEBUG ? ((e as Error).stack ?? e) : ((e as Error).message ?? e)}\n`);
      process.exitCode = 2;
    },
  );
}
