/**
 * The configuration file of the command line: `jxmb.config.json`, or the "jxmb" key of a `package.json`,
 * searched upward from the working directory (nearer directory first; in one directory jxmb.config.json
 * before package.json), or named with --config (then nothing is searched).
 *
 * Content: { "profile"?: "LOCAL" | "C2021", "rules"?: { [rule code]: "off" | "error" | "warning" | "info" } },
 * validated with zod; unknown keys and unknown rule codes are errors. Every problem becomes a ConfigFileError
 * whose Chinese message names the file and the place in the JSON.
 */
import { promises as fs } from 'fs';
import path from 'path';
import type { Profile, RuleSetting } from '../core/config';
import { ruleCodes, suggestRule } from './args';

export const CONFIG_FILE_NAME = 'jxmb.config.json';
export const PACKAGE_KEY = 'jxmb';

export type { RuleSetting };

export interface FileConfig {
  profile?: Profile;
  rules?: Record<string, RuleSetting>;
}

export interface LoadedConfig {
  /** Absolute path of the file used; null when there is none. */
  file: string | null;
  /** Where the settings sit in that file: [] for jxmb.config.json, ["jxmb"] in a package.json. */
  keyPath: string[];
  config: FileConfig;
}

export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

/** The schema of the file's content, built on first use: zod is loaded only when there is a file to read. */
async function fileConfigSchema() {
  const { z } = await import('zod');
  const { ProfileSchema, RuleSettingSchema } = await import('../core/config-schema');
  return z.strictObject({
    profile: ProfileSchema.optional(),
    rules: z
      .record(
        z.string().refine((k) => ruleCodes().includes(k)),
        RuleSettingSchema,
      )
      .optional(),
  });
}

/** How a file is shown in messages: relative to the working directory when it lies below it. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function readText(file: string, shown: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, ''); // Notepad writes a byte order mark
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? '文件不存在'
        : code === 'EISDIR'
          ? '这是一个文件夹，不是文件'
          : code === 'EACCES' || code === 'EPERM'
            ? '没有读取权限'
            : `无法读取（${code ?? (e as Error).message}）`;
    throw new ConfigFileError(`无法读取配置文件 ${shown}：${reason}`);
  }
}

/**
 * Finds the configuration file for `cwd`: returns the file and the key path of the settings, or null.
 * A package.json that is not valid JSON is passed over (it cannot be told whether it has a "jxmb" key).
 */
export async function findConfigFile(cwd: string): Promise<{ file: string; keyPath: string[] } | null> {
  let dir = path.resolve(cwd);
  for (;;) {
    const own = path.join(dir, CONFIG_FILE_NAME);
    if (await isFile(own)) return { file: own, keyPath: [] };
    const pkg = path.join(dir, 'package.json');
    if (await isFile(pkg)) {
      try {
        const doc = JSON.parse((await fs.readFile(pkg, 'utf8')).replace(/^\uFEFF/, '')) as unknown;
        if (doc && typeof doc === 'object' && !Array.isArray(doc) && Object.prototype.hasOwnProperty.call(doc, PACKAGE_KEY))
          return { file: pkg, keyPath: [PACKAGE_KEY] };
      } catch {
        // not ours to judge
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * Loads the configuration: the file named by --config (`explicit`, relative to cwd) or the one found upward
 * from cwd. A package.json named explicitly is read for its "jxmb" key. Throws ConfigFileError.
 */
export async function loadConfigFile(cwd: string, explicit: string | null): Promise<LoadedConfig> {
  let found: { file: string; keyPath: string[] } | null;
  if (explicit !== null) {
    const file = path.resolve(cwd, explicit);
    found = { file, keyPath: path.basename(file).toLowerCase() === 'package.json' ? [PACKAGE_KEY] : [] };
  } else {
    found = await findConfigFile(cwd);
  }
  if (!found) return { file: null, keyPath: [], config: {} };
  const shown = explicit ?? displayPath(found.file, cwd);
  const text = await readText(found.file, shown);
  const doc = parseJson(text, shown);
  let data: unknown = doc;
  if (found.keyPath.length > 0) {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !Object.prototype.hasOwnProperty.call(doc, PACKAGE_KEY)) {
      throw new ConfigFileError(`配置文件 ${shown} 有误：没有 "${PACKAGE_KEY}" 设置项`);
    }
    data = (doc as Record<string, unknown>)[PACKAGE_KEY];
  }
  return { file: found.file, keyPath: found.keyPath, config: await validate(data, shown, found.keyPath) };
}

async function validate(data: unknown, shown: string, keyPath: string[]): Promise<FileConfig> {
  const res = (await fileConfigSchema()).safeParse(data);
  if (res.success) return res.data;
  const problems: string[] = [];
  for (const issue of res.error.issues) {
    const at = [...keyPath, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push(`${jsonPath([...at, key])}：未知的设置项（只能有 profile 和 rules）`);
    } else if (issue.code === 'invalid_key') {
      const guess = suggestRule(String(at[at.length - 1]));
      problems.push(`${jsonPath(at)}：未知的规则代码${guess ? `（是否想输入 ${guess}？）` : ''}`);
    } else if (issue.code === 'invalid_value') {
      const got = valueAt(data, issue.path);
      problems.push(`${jsonPath(at)}：只能是 ${orList(issue.values.map((v) => JSON.stringify(v)))}，收到 ${describe(got)}`);
    } else if (issue.code === 'invalid_type') {
      const got = valueAt(data, issue.path);
      const expected = issue.expected === 'object' || issue.expected === 'record' ? '对象（{ … }）' : issue.expected;
      problems.push(`${jsonPath(at)}：应为${expected}，收到${typeName(got)}`);
    } else {
      problems.push(`${jsonPath(at)}：取值无效`);
    }
  }
  // one problem: one line; several: one line each
  throw new ConfigFileError(`配置文件 ${shown} 有误：${problems.length === 1 ? problems[0] : problems.map((p) => `\n  ${p}`).join('')}`);
}

function valueAt(data: unknown, p: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of p) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return '数组';
  if (v === null) return ' null';
  if (typeof v === 'object') return '对象';
  if (typeof v === 'string') return `字符串 ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `数字 ${v}`;
  if (typeof v === 'boolean') return ` ${v}`;
  return '空值';
}

function describe(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? JSON.stringify(v) : typeName(v);
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')} 或 ${items[items.length - 1]}`;
}

/** rules.missing-value, jxmb.profile, ["a.b"], [0]; "（顶层）" for the document itself. */
export function jsonPath(p: readonly (string | number)[]): string {
  if (p.length === 0) return '（顶层）';
  let out = '';
  for (const k of p) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out;
}

/** JSON.parse with a Chinese message naming the line, the column and what is wrong. */
export function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '') throw new ConfigFileError(`配置文件 ${shown} 不是有效的 JSON：文件是空的`);
    const { pos, reason } = findJsonError(text);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - (before.lastIndexOf('\n') + 1) + 1;
    throw new ConfigFileError(`配置文件 ${shown} 不是有效的 JSON：第 ${line} 行第 ${column} 列，${reason}`);
  }
}

/** Locates the first syntax error of a text JSON.parse refused (a small recursive-descent reader). */
export function findJsonError(text: string): { pos: number; reason: string } {
  const r = new JsonLocator(text);
  try {
    r.value();
    r.ws();
    if (r.i < text.length) r.fail(`内容结束后还有多余的字符${shownChar(text[r.i])}`);
  } catch (e) {
    if (e instanceof JsonStop) return { pos: e.pos, reason: e.reason };
    throw e;
  }
  return { pos: 0, reason: '无法解析' };
}

class JsonStop {
  constructor(
    readonly pos: number,
    readonly reason: string,
  ) {}
}

const shownChar = (c: string | undefined) => (c === undefined ? '' : `「${c}」`);

/** The reader of findJsonError: `i` is where it is; `fail` throws a JsonStop there (or at `at`). */
class JsonLocator {
  i = 0;

  constructor(private readonly text: string) {}

  fail(reason: string, at = this.i): never {
    throw new JsonStop(at, reason);
  }

  ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++;
  }

  value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === undefined) this.fail('内容不完整，在此处意外结束');
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === "'") this.fail('字符串应使用双引号（"），不能用单引号');
    if (c === '/') this.fail('JSON 中不能写注释');
    if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
      if (!m) this.fail('数字写法有误');
      this.i += m![0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (this.text.startsWith(lit, this.i)) {
        this.i += lit.length;
        return;
      }
    }
    this.fail(`意外的字符${shownChar(c)}${/[A-Za-z\u4e00-\u9fff]/.test(c) ? '（文字应写在双引号中）' : ''}`);
  }

  private string(): void {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail('字符串没有结束（缺少右双引号）', start);
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\n' || c === '\r') this.fail('字符串中不能直接换行（缺少右双引号？）');
      if (c < ' ') this.fail('字符串中有不允许的控制字符');
      if (c === '\\') {
        this.escape();
        continue;
      }
      this.i++;
    }
  }

  /** A backslash escape inside a string, at `i`. */
  private escape(): void {
    const e = this.text[this.i + 1];
    if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.fail('\\u 后应为 4 位十六进制数');
      this.i += 6;
      return;
    }
    if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail(`无效的转义符「\\${e ?? ''}」（反斜杠应写成 \\\\）`);
    this.i += 2;
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      const c = this.text[this.i];
      if (c === '}') this.fail('最后一项后面多了逗号');
      if (c === undefined) this.fail('内容不完整，缺少「}」');
      if (c !== '"')
        this.fail(
          c === "'"
            ? '属性名应使用双引号（"），不能用单引号'
            : c === '/'
              ? 'JSON 中不能写注释'
              : `属性名应写在双引号中，此处为${shownChar(c)}`,
        );
      this.string();
      this.ws();
      if (this.text[this.i] !== ':') this.fail(`属性名后缺少冒号「:」`);
      this.i++;
      this.value();
      if (!this.nextItem('}')) return;
    }
  }

  /** After an item of an object or array: true when a comma follows (another item), false at the closing bracket. */
  private nextItem(close: '}' | ']'): boolean {
    this.ws();
    const d = this.text[this.i];
    if (d === ',' || d === close) {
      this.i++;
      return d === ',';
    }
    if (d === undefined) this.fail(`内容不完整，缺少「${close}」`);
    return this.fail(d === '/' ? 'JSON 中不能写注释' : `缺少逗号「,」或「${close}」`);
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] === ']') this.fail('最后一项后面多了逗号');
      this.value();
      if (!this.nextItem(']')) return;
    }
  }
}

/**
 * The checker configuration: command-line options over the file (`--profile` over "profile", every
 * `--off` code over its "rules" entry), LOCAL when neither says.
 */
export function mergeConfig(
  file: FileConfig,
  cli: { profile: Profile | null; off: string[] },
): { profile: Profile; rules: Record<string, RuleSetting> } {
  const rules: Record<string, RuleSetting> = { ...(file.rules ?? {}) };
  for (const code of cli.off) rules[code] = 'off';
  return { profile: cli.profile ?? file.profile ?? 'LOCAL', rules };
}
