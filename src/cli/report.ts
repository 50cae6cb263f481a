/** Report formats of the command line: a readable Chinese table and the JSON document. */
import type { CheckResult, Finding, Severity } from '../core/findings';
import { summarize } from '../core/findings';
import { SEVERITY_ANSI, SEVERITY_ICON as ICON, SEVERITY_LABEL } from '../core/severity';
import { RULES } from '../core/rules';
import { LAYOUT_LABEL } from '../core/layouts';
import { foldPlaceholders, isFolded } from '../core/fold';

export interface FileResult {
  file: string;
  result?: CheckResult;
  error?: string;
  /** Something the user should know about the file besides its findings (one Chinese line). */
  note?: string;
  /** The annotated copy could not be written (one Chinese line); the findings are still reported. */
  copyError?: string;
  /** The corrected copy (--fix): fixes applied and left out, where the copy went, or why there is none. */
  fix?: FixOutcome;
}

export interface FixOutcome {
  /** Findings of the file with a one-click correction. */
  offered: number;
  /** Cells corrected in the copy. */
  applied: number;
  /** Fixes offered but not applied (a formula cell, a cell not in the file). */
  skipped: number;
  /** Path of the corrected copy, when one was written. */
  copy?: string;
  /** Why no copy could be made of this kind of file (one Chinese line). */
  note?: string;
  /** The copy could not be written (one Chinese line). */
  error?: string;
}

export { LAYOUT_LABEL };

/**
 * The JSON document. `fixes`: each finding with a one-click correction carries it (`fix`: cell, before, after);
 * only with --fix, so that the document of a plain check stays the same for the programs that read it.
 */
export function toJson(results: FileResult[], opts: { fixes?: boolean } = {}): string {
  const all: Finding[] = [];
  const files = results.map((r) => {
    if (!r.result) return { file: r.file, error: r.error ?? '无法读取', tables: [], findings: [] };
    for (const f of r.result.findings) all.push(f);
    return {
      file: r.file,
      ...(r.note ? { note: r.note } : {}),
      ...(r.copyError ? { annotateError: r.copyError } : {}),
      ...(r.fix ? { fixed: fixJson(r.fix) } : {}),
      tables: r.result.tables.map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind, name: t.name })),
      findings: r.result.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        sheet: f.sheet,
        cell: f.cell,
        table: f.table,
        message: f.message,
        ...(f.fix && opts.fixes ? { fix: { cell: f.fix.cell, before: f.fix.before, after: f.fix.after } } : {}),
      })),
    };
  });
  return JSON.stringify({ files, summary: summarize(all) }, null, 2);
}

/** The corrected copy of a file in the JSON document. */
function fixJson(f: FixOutcome) {
  return {
    applied: f.applied,
    skipped: f.skipped,
    copy: f.copy ?? null,
    ...(f.note ? { note: f.note } : {}),
    ...(f.error ? { error: f.error } : {}),
  };
}

/** The line of a file's corrected copy (--fix), or null when there is nothing to say there (a note, an error). */
export function fixLine(f: FixOutcome): string | null {
  if (f.note || f.error) return null;
  const rest = f.skipped > 0 ? `（另有 ${f.skipped} 处未修正：单元格含公式或内容已变）` : '';
  if (f.applied > 0 && f.copy) return `  修正副本：已修正 ${f.applied} 处${rest}，已写入 ${f.copy}`;
  if (f.offered === 0) return '  修正副本：没有可自动修正的问题，未生成';
  return `  修正副本：${f.offered} 处可修正的问题均未能修正${rest}，未生成`;
}

/** The last line about the corrected copies (--fix), without "\n". */
export function fixTotalLine(results: FileResult[]): string {
  let applied = 0;
  let copies = 0;
  for (const r of results) {
    if (!r.fix?.copy) continue;
    applied += r.fix.applied;
    copies++;
  }
  return copies > 0 ? `修正：共修正 ${applied} 处，生成 ${copies} 份修正副本` : '修正：没有生成修正副本';
}

function counts(findings: Finding[]): string {
  const s = summarize(findings);
  return `错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}`;
}

/** Sheets in report order: those with tables (in table order), then those without. */
export function sheetOrder(res: CheckResult): string[] {
  return [...new Set([...res.tables.map((t) => t.sheet), ...res.sheetsWithoutTables])];
}

/** The name of a table as reports show it. */
export function tableName(name: string): string {
  return name || '（未填写名称）';
}

export interface TableOptions {
  color?: boolean;
}

/**
 * The report of one file: its lines followed by a blank line, each line ending in "\n". The table report is
 * the files' reports one after the other, then totalLine: main.ts prints each as soon as its file is done.
 */
export function fileReport(r: FileResult, opts: TableOptions = {}): string {
  const paint = (sev: Severity, s: string) => {
    if (!opts.color) return s;
    return `\x1b[${SEVERITY_ANSI[sev]}m${s}\x1b[0m`;
  };
  const lines: string[] = [];
  lines.push(`文件：${r.file}`);
  if (!r.result) {
    lines.push(`  无法检查：${r.error ?? '无法读取'}`, '');
    return lines.join('\n') + '\n';
  }
  const res = r.result;
  for (const sheet of sheetOrder(res)) {
    const tables = res.tables.filter((t) => t.sheet === sheet);
    if (tables.length === 0) {
      lines.push(`  工作表「${sheet}」：未找到绩效目标表`);
      continue;
    }
    lines.push(`  工作表「${sheet}」：${tables.length} 张表`);
    tables.forEach((t, i) => {
      const fs = res.findings.filter((f) => f.tableId === t.id);
      lines.push(
        `    ${i + 1}. ${tableName(t.name)}  [${LAYOUT_LABEL[t.layout]}，${t.range}，${t.indicators} 个指标]  ${fs.length ? counts(fs) : '未发现问题'}`,
      );
      // unnamed 指标N: rows are many and alike: one line per table, after the others (core/fold)
      const listed = foldPlaceholders(fs);
      for (const f of listed) {
        if (isFolded(f)) continue;
        lines.push(
          paint(f.severity, `       ${ICON[f.severity]} ${SEVERITY_LABEL[f.severity]} ${f.cell.padEnd(6)} ${f.message}（${f.code}）`),
        );
      }
      for (const f of listed.filter(isFolded))
        lines.push(paint(f.severity, `       ${ICON[f.severity]} ${SEVERITY_LABEL[f.severity]} ${f.message}（${f.code}）`));
    });
  }
  if (res.tables.length === 0)
    lines.push('  未找到绩效目标表：本工具查找含“项目名称/部门名称”及“一级指标/二级指标/三级指标/指标值”表头的表格。');
  lines.push(`  小计：${res.tables.length} 张表；${counts(res.findings)}`);
  const fix = r.fix ? fixLine(r.fix) : null;
  if (fix) lines.push(fix);
  lines.push('');
  return lines.join('\n') + '\n';
}

/** The last line of the table report (without "\n"). */
export function totalLine(results: FileResult[]): string {
  const all: Finding[] = [];
  let tableCount = 0;
  let unreadable = 0;
  for (const r of results) {
    if (!r.result) {
      unreadable++;
      continue;
    }
    for (const f of r.result.findings) all.push(f);
    tableCount += r.result.tables.length;
  }
  return `汇总：${results.length} 个文件${unreadable ? `（${unreadable} 个无法读取）` : ''}，${tableCount} 张表；${counts(all)}`;
}

/** The whole table report (without the final "\n"). */
export function toTable(results: FileResult[], opts: TableOptions = {}): string {
  return results.map((r) => fileReport(r, opts)).join('') + totalLine(results);
}

export function rulesHelp(): string {
  return RULES.map((r) => `  ${r.code.padEnd(22)} ${SEVERITY_LABEL[r.defaultSeverity]}  ${r.description}`).join('\n');
}
