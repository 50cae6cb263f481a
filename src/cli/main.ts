#!/usr/bin/env node
/** 绩效目标表助手 command line: checks .xlsx files and prints a Chinese report or JSON. */
import { promises as fs } from 'fs';
import path from 'path';
import { type Config, resolveConfig } from '../core/config';
import { expandInputs } from './files';
import { checkFiles, defaultJobs } from './pool';
import { rulesHelp, toJson, toTable } from './report';
import { isPoolWorker, startWorker } from './worker';

export { checkFile } from './worker';

const USAGE = `用法：jxmb-check [选项] 文件或文件夹...
      npm run check -- [选项] 文件或文件夹...

选项：
  --format table|json   输出格式：table（默认，中文报告）或 json（仅输出一个 JSON 文档）
  --profile LOCAL|C2021  指标体系口径：LOCAL（地方模板，默认）或 C2021（财预〔2021〕101号）
  --annotate 目录        为每个输入文件在该目录写一份标注副本（问题单元格填色并附批注），原文件不变
  --off 规则代码         关闭某条规则，可重复使用，如 --off vague-value
  --jobs N               同时检查的文件数（默认为本机 CPU 线程数减一）；--jobs 1 逐个检查
  -h, --help             显示本帮助

退出码：0 没有错误；1 发现错误；2 有文件无法读取或参数有误。

规则：
${rulesHelp()}
`;

interface Args {
  format: 'table' | 'json';
  config: Config;
  annotate: string | null;
  jobs: number;
  inputs: string[];
}

function parseArgs(argv: string[]): Args | string {
  let format: 'table' | 'json' = 'table';
  let profile = 'LOCAL';
  let annotate: string | null = null;
  let jobs: string | null = null;
  const rules: Record<string, 'off'> = {};
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`参数 ${a} 缺少取值`);
      return v;
    };
    try {
      if (a === '--format') format = next() as 'table' | 'json';
      else if (a.startsWith('--format=')) format = a.slice(9) as 'table' | 'json';
      else if (a === '--profile') profile = next().toUpperCase();
      else if (a.startsWith('--profile=')) profile = a.slice(10).toUpperCase();
      else if (a === '--annotate') annotate = next();
      else if (a.startsWith('--annotate=')) annotate = a.slice(11);
      else if (a === '--off') rules[next()] = 'off';
      else if (a === '--jobs' || a === '-j') jobs = next();
      else if (a.startsWith('--jobs=')) jobs = a.slice(7);
      else if (a === '-h' || a === '--help') return 'help';
      else if (a.startsWith('-') && a !== '-') return `未知参数：${a}`;
      else inputs.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (format !== 'table' && format !== 'json') return `--format 只能是 table 或 json，收到：${format}`;
  if (profile !== 'LOCAL' && profile !== 'C2021') return `--profile 只能是 LOCAL 或 C2021，收到：${profile}`;
  if (jobs !== null && !/^[1-9]\d{0,3}$/.test(jobs.trim())) return `--jobs 只能是正整数，收到：${jobs}`;
  if (inputs.length === 0) return '请至少指定一个 .xlsx 文件或文件夹';
  return { format, config: resolveConfig({ profile, rules }), annotate, jobs: jobs === null ? defaultJobs() : parseInt(jobs, 10), inputs };
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'new') {
    const { runNew } = await import('./new');
    return runNew(argv.slice(1));
  }
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`错误：${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.annotate) await fs.mkdir(args.annotate, { recursive: true });
  const files = await expandInputs(args.inputs);
  if (files.length === 0) {
    process.stderr.write('错误：指定的文件夹中没有 .xlsx 文件\n');
    return 2;
  }
  const progress = args.format === 'table' && process.stderr.isTTY && files.length > 1;
  const results = await checkFiles(
    files,
    { config: args.config, annotate: args.annotate, jobs: args.jobs },
    {
      onProgress: progress
        ? (done, total, file) => process.stderr.write(`\r正在检查 ${Math.min(done + 1, total)}/${total}：${path.basename(file).slice(0, 40)}\x1b[K`)
        : undefined,
      onResult: (r) => {
        if (r.error && args.format === 'table') process.stderr.write(`${progress ? '\r\x1b[K' : ''}无法检查 ${r.file}：${r.error}\n`);
      },
    },
  );
  if (progress) process.stderr.write('\r\x1b[K');
  if (args.format === 'json') process.stdout.write(toJson(results) + '\n');
  else process.stdout.write(toTable(results, { color: !!process.stdout.isTTY }) + '\n');
  if (results.some((r) => r.error)) return 2;
  return results.some((r) => r.result!.summary.errors > 0) ? 1 : 0;
}

if (isPoolWorker()) {
  startWorker();
} else if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`内部错误：${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
