#!/usr/bin/env node
/** 绩效目标表助手 command line: checks workbooks and prints a Chinese report or JSON; `new` writes a blank table. */
import { constants as fsConstants, promises as fs } from 'fs';
import path from 'path';
import { version } from '../../package.json';
import { resolveConfig } from '../core/config';
import { parseCliArgs, resolveColor } from './args';
import { CONFIG_FILE_NAME, ConfigFileError, displayPath, loadConfigFile, mergeConfig } from './config-file';
import { expandInputs } from './files';
import { checkFiles, defaultJobs } from './pool';
import { type FileResult, fileReport, rulesHelp, toJson, totalLine } from './report';
import { ensureDir } from './safe-write';
import { SummaryError, checkSummaryTarget, writeSummary } from './summary';
import { annotatedPath, isPoolWorker, startWorker } from './worker';

export { checkFile } from './worker';

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
  --off 规则代码         关闭某条规则，可重复使用，如 --off vague-value --off placeholder-row
  -j, --jobs N           同时检查的文件数（默认为本机 CPU 线程数减一）；--jobs 1 逐个检查
  --max-warnings N       没有错误但警告超过 N 条时也判为未通过（退出码 1）
  --summary 文件.xlsx    另存一份汇总工作簿（「文件与表格」「问题清单」两张表），供审核人员筛选
  --force                --summary 指定的汇总表、--annotate 目录中的标注副本已存在时覆盖（符号链接从不写入）
  --config 文件          使用指定的配置文件（不再自动查找 ${CONFIG_FILE_NAME}）
  --color, --no-color    报告是否使用颜色（默认：输出到终端时使用；也遵循 NO_COLOR、FORCE_COLOR 环境变量）
  -V, --version          显示版本号
  -h, --help             显示本帮助

配置文件：从当前目录起逐级向上查找 ${CONFIG_FILE_NAME}，或 package.json 中的 "jxmb" 项（先找到的生效），如
  { "profile": "C2021", "rules": { "vague-value": "off", "structure": "error" } }
  规则可设为 off、error、warning 或 info；命令行的 --profile、--off 优先于配置文件。

每个文件在单独的线程中检查，超过时间限制（默认 120 秒，环境变量 JXMB_FILE_TIMEOUT_MS 以毫秒设置）或内存限制
（默认 1024 MB，JXMB_FILE_MEMORY_MB）的文件会跳过并说明，其他文件照常检查。

退出码：0 没有错误；1 发现错误，或警告超过 --max-warnings；2 有文件无法读取或被跳过、标注副本无法写入，或参数、配置文件有误。

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
  const cwd = process.cwd();

  let loaded;
  try {
    loaded = await loadConfigFile(cwd, opts.config);
  } catch (e) {
    if (e instanceof ConfigFileError) return fail(e.message);
    throw e;
  }
  const config = resolveConfig(mergeConfig(loaded.config, opts));

  if (opts.summary !== null) {
    const problem = await checkSummaryTarget(opts.summary, opts.force);
    if (problem) return fail(problem);
  }
  if (opts.annotate !== null) {
    const problem = await ensureDir(opts.annotate, '标注副本目录');
    if (problem) return fail(problem);
    try {
      await fs.access(opts.annotate, fsConstants.W_OK);
    } catch {
      return fail(`无法写入标注副本目录 ${opts.annotate}：没有写入权限`);
    }
  }

  const inputs = await expandInputs(opts.inputs, {
    exclude: opts.summary !== null ? [opts.summary] : [],
    // our own copies are never checked again, even when the --annotate folder lies inside a scanned one
    excludeDirs: opts.annotate !== null ? [opts.annotate] : [],
  });
  if (inputs.length === 0) return fail('指定的文件夹中没有可检查的工作簿（.xlsx、.xlsm、.xls、.et）');
  if (opts.summary !== null) {
    const target = path.resolve(opts.summary);
    const clash = inputs.find(
      (i) => path.resolve(i.file) === target || (opts.annotate && path.resolve(annotatedPath(i.file, opts.annotate) ?? '') === target),
    );
    if (clash) return fail(`汇总文件不能与要检查的文件或其标注副本相同：${opts.summary}`);
  }

  const table = opts.format === 'table';
  const color = table && resolveColor(opts.color, process.env, !!process.stdout.isTTY);
  // files that must not be opened keep their place in the input order
  const merged: (FileResult | undefined)[] = inputs.map((i) => (i.error ? { file: i.file, error: i.error } : undefined));
  const toCheck = inputs.map((input, index) => ({ input, index })).filter((x) => !x.input.error);
  const progress = table && !!process.stderr.isTTY && toCheck.length > 1;
  const clearProgress = progress ? '\r\x1b[K' : '';
  // the table report is printed file by file, in input order, as soon as a file and those before it are done
  if (table && loaded.file) process.stdout.write(`配置文件：${displayPath(loaded.file, cwd)}\n\n`);
  let emitted = 0;
  const emit = () => {
    while (emitted < merged.length && merged[emitted]) {
      const r = merged[emitted]!;
      if (table) {
        if (r.error) process.stderr.write(`${clearProgress}无法检查 ${r.file}：${r.error}\n`);
        if (r.note) process.stderr.write(`${clearProgress}${r.file}：${r.note}\n`);
        if (r.copyError) process.stderr.write(`${clearProgress}错误：${r.copyError}\n`);
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
      { config, annotate: opts.annotate, force: opts.force, jobs: opts.jobs ?? defaultJobs() },
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
  const results = merged as FileResult[];

  let summaryProblem: string | null = null;
  if (opts.summary !== null) {
    try {
      await writeSummary(opts.summary, results, { annotate: opts.annotate, force: opts.force });
    } catch (e) {
      if (!(e instanceof SummaryError)) throw e;
      summaryProblem = e.message;
    }
  }

  if (opts.format === 'json') process.stdout.write(toJson(results) + '\n');
  else {
    let text = totalLine(results);
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
  if (summaryProblem || results.some((r) => r.error || r.copyError)) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

if (isPoolWorker()) {
  startWorker();
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
