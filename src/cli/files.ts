/**
 * Expands CLI arguments (files and folders) into the list of workbooks to check.
 *
 * - A file named on the command line is always checked (its format is told by its content, not its name);
 *   one that is not a regular file (a pipe, a device) gets an error instead of being opened.
 * - Folders are walked recursively, entries sorted by name (code-unit order, the same on every machine).
 *   Taken: regular files ending in .xlsx, .xlsm, .xls or .et (and symbolic links to such files). Skipped:
 *   Office lock files (~$…), hidden entries (.…), node_modules, symbolic links to folders, our own outputs
 *   (…-已标注.xlsx / .xlsm, …-已修正.xlsx / .xlsm, the paths passed in `exclude`, e.g. the --summary workbook, and
 *   everything in the folders passed in `excludeDirs`, e.g. the --annotate and --fix folders), and anything that is not a regular file,
 *   so a pipe named .xlsx is never opened.
 * - A file reached twice (named twice, named and inside a named folder, or through a symbolic link) is checked
 *   once, at its first place.
 */
import { promises as fs } from 'fs';
import path from 'path';

export interface Input {
  file: string;
  /** Set when the file must not be opened (a Chinese reason); it is reported like an unreadable file. */
  error?: string;
}

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et'] as const;

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|et)$/i;
/** Our copies: annotated (--annotate) and corrected (--fix). */
const ANNOTATED_NAME = /-已(标注|修正)\.(xlsx|xlsm)$/i;

export interface ExpandOptions {
  /** Paths never taken from a folder (compared after path.resolve). */
  exclude?: string[];
  /** Folders never walked into (compared after path.resolve and, when they exist, fs.realpath). */
  excludeDirs?: string[];
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function expandInputs(args: string[], opts: ExpandOptions = {}): Promise<Input[]> {
  const exclude = new Set((opts.exclude ?? []).map((p) => path.resolve(p)));
  const skipDirs = new Set<string>();
  for (const d of opts.excludeDirs ?? []) {
    skipDirs.add(path.resolve(d));
    const real = await fs.realpath(d).catch(() => null);
    if (real) skipDirs.add(real);
  }
  const seen = new Set<string>();
  const out: Input[] = [];
  const add = async (input: Input) => {
    // the same file under two names (a symbolic link) is one file
    const key = input.error ? path.resolve(input.file) : await fs.realpath(input.file).catch(() => path.resolve(input.file));
    if (seen.has(key)) return;
    seen.add(key);
    out.push(input);
  };
  for (const a of args) {
    let st;
    try {
      st = await fs.stat(a);
    } catch {
      await add({ file: a }); // reported as unreadable later, with the reason
      continue;
    }
    if (st.isDirectory()) for (const f of await walk(a, exclude, skipDirs)) await add({ file: f });
    else if (st.isFile()) await add({ file: a });
    else await add({ file: a, error: '不是普通文件（可能是管道或设备），未打开' });
  }
  return out;
}

async function walk(dir: string, exclude: Set<string>, skipDirs: Set<string>): Promise<string[]> {
  const out: string[] = [];
  if (skipDirs.size > 0 && (skipDirs.has(path.resolve(dir)) || skipDirs.has(await fs.realpath(dir).catch(() => path.resolve(dir)))))
    return out;
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return out; // an unreadable subfolder: nothing to take from it
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules') continue;
      for (const f of await walk(p, exclude, skipDirs)) out.push(f);
      continue;
    }
    if (!WORKBOOK_NAME.test(e.name) || ANNOTATED_NAME.test(e.name) || exclude.has(path.resolve(p))) continue;
    if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      // a link to a workbook is taken; a link to a folder is not followed (no loops)
      const st = await fs.stat(p).catch(() => null);
      if (st?.isFile()) out.push(p);
    }
  }
  return out;
}
