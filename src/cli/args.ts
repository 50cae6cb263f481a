/**
 * Command-line arguments of `jxmb-check` (the check command), parsed with node:util parseArgs in strict mode.
 *
 * Pure: argv in, parsed options (or a one-line Chinese usage error) out; nothing is read or printed here.
 * When strict parsing fails, the arguments are read again without strictness, token by token, to name the
 * offending argument in Chinese (parseArgs' own messages are English).
 */
import { parseArgs } from 'util';
import type { Profile } from '../core/config';
import { RULES } from '../core/rules';

export type Format = 'table' | 'json';

export interface CliOptions {
  format: Format;
  /** null: not given (the configuration file or the default decides). */
  profile: Profile | null;
  annotate: string | null;
  /** --fix DIR: where the corrected copies go. */
  fix: string | null;
  /** Rule codes switched off with --off, in the order given. */
  off: string[];
  /** null: the default (CPU threads - 1). */
  jobs: number | null;
  maxWarnings: number | null;
  summary: string | null;
  force: boolean;
  config: string | null;
  /** true/false from --color/--no-color (the last one given wins); null: decided by the environment. */
  color: boolean | null;
  inputs: string[];
}

export type ParseOutcome =
  { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string };

const OPTIONS = {
  format: { type: 'string' },
  profile: { type: 'string' },
  annotate: { type: 'string' },
  fix: { type: 'string' },
  off: { type: 'string', multiple: true },
  jobs: { type: 'string', short: 'j' },
  'max-warnings': { type: 'string' },
  summary: { type: 'string' },
  force: { type: 'boolean' },
  config: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Every rule code of the core's registry, in report order. */
export function ruleCodes(): string[] {
  return RULES.map((r) => r.code);
}

/**
 * Optimal string alignment distance (Levenshtein plus transposition of two neighbours, so "vaule" is one
 * edit from "value").
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/** The candidate closest to `word` when it is close enough to be a misspelling (ties: the first candidate). */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best !== null && bestDistance <= limit ? best : null;
}

/** The known rule code closest to a misspelt one, or null. */
export function suggestRule(code: string): string | null {
  return closest(code, ruleCodes());
}

/** "未知的规则代码：x；是否想输入 y？" */
export function unknownRuleMessage(code: string): string {
  const guess = suggestRule(code);
  return `未知的规则代码：${code}${guess ? `；是否想输入 ${guess}？` : ''}`;
}

const LONG_NAMES = Object.keys(OPTIONS).map((k) => `--${k}`);

function unknownOption(raw: string): string {
  const guess = raw.startsWith('--') ? closest(raw, LONG_NAMES) : null;
  return `未知参数：${raw}${guess ? `；是否想输入 ${guess}？` : ''}`;
}

const NUMBER_LIKE = /^[-+]?\d+(\.\d*)?$/;

/** A Chinese message for what strict parseArgs refused, found by reading the tokens without strictness. */
function diagnose(argv: string[]): string {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const def = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[t.name];
    const flag = t.rawName.startsWith('--') ? t.rawName : `--${t.name}`;
    if (!def) return unknownOption(t.rawName);
    if (def.type === 'boolean') {
      if (t.value !== undefined) return `参数 ${flag} 不接受取值`;
      continue;
    }
    if (t.value === undefined) return `参数 ${flag} 缺少取值`;
    if (!t.inlineValue && t.value.startsWith('-')) {
      // "--jobs -1" is a wrong number, not a missing one
      if (NUMBER_LIKE.test(t.value)) {
        const msg = checkValue(t.name as OptionName, t.value);
        if (msg) return msg;
      }
      return `参数 ${flag} 缺少取值（取值以“-”开头时请写成 ${flag}=取值）`;
    }
  }
  return '参数有误';
}

/** Messages for a value of the right kind of option but the wrong content (null: fine). */
function checkValue(name: OptionName, value: string): string | null {
  const v = value.trim();
  if (v === '') return `参数 --${name} 的取值不能为空`;
  switch (name) {
    case 'format':
      return v.toLowerCase() === 'table' || v.toLowerCase() === 'json' ? null : `--format 只能是 table 或 json，收到：${value}`;
    case 'profile':
      return v.toUpperCase() === 'LOCAL' || v.toUpperCase() === 'C2021' ? null : `--profile 只能是 LOCAL 或 C2021，收到：${value}`;
    case 'jobs':
      return /^[1-9]\d{0,3}$/.test(v) ? null : `--jobs 只能是正整数，收到：${value}`;
    case 'max-warnings':
      return /^\d{1,9}$/.test(v) ? null : `--max-warnings 只能是 0 或正整数，收到：${value}`;
    case 'off':
      return ruleCodes().includes(v) ? null : unknownRuleMessage(v);
    case 'summary':
      return /\.xlsx$/i.test(v) ? null : `--summary 的文件名应以 .xlsx 结尾，收到：${value}`;
    default:
      return null;
  }
}

/** Parses the arguments of the check command (everything after the program name). */
export function parseCliArgs(argv: string[]): ParseOutcome {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch {
    return { kind: 'error', message: diagnose(argv) };
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  // values are checked in the order they were given, so the first wrong one is reported
  for (const t of tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    const msg = checkValue(t.name as OptionName, t.value);
    if (msg) return { kind: 'error', message: msg };
  }
  let color: boolean | null = null;
  for (const t of tokens) {
    if (t.kind === 'option' && t.name === 'color') color = true;
    if (t.kind === 'option' && t.name === 'no-color') color = false;
  }
  if (positionals.length === 0) return { kind: 'error', message: '请至少指定一个要检查的文件或文件夹' };
  const str = (v: string | undefined) => (v === undefined ? null : v);
  return {
    kind: 'run',
    options: {
      format: (values.format?.trim().toLowerCase() ?? 'table') as Format,
      profile: values.profile === undefined ? null : (values.profile.trim().toUpperCase() as Profile),
      annotate: str(values.annotate),
      fix: str(values.fix),
      off: (values.off ?? []).map((c) => c.trim()),
      jobs: values.jobs === undefined ? null : parseInt(values.jobs.trim(), 10),
      maxWarnings: values['max-warnings'] === undefined ? null : parseInt(values['max-warnings'].trim(), 10),
      summary: str(values.summary),
      force: values.force === true,
      config: str(values.config),
      color,
      inputs: positionals,
    },
  };
}

/**
 * Whether the table report is coloured: --color/--no-color first; then FORCE_COLOR (Node's convention:
 * "0" or "false" disables, any other value, the empty one included, enables; it takes precedence over
 * NO_COLOR as in Node); then NO_COLOR (https://no-color.org: any non-empty value disables); else colour
 * exactly when stdout is a terminal.
 */
export function resolveColor(flag: boolean | null, env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): boolean {
  if (flag !== null) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stdoutIsTTY;
}
