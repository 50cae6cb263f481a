/** Shared setup of the add-in tests: fixtures loaded into the fake Office.js host. */
import * as path from 'path';
import { readWorkbookGrid } from '../../src/adapters/file/node';
import { detectCapabilities } from '../../src/adapters/office/capabilities';
import type { OfficeEnv } from '../../src/adapters/office/workbook';
import { checkWorkbook } from '../../src/core';
import { MARK_COLORS } from '../../src/adapters/office/marks';
import type { CheckResult, Finding, Severity } from '../../src/core/findings';
import { type FakeHost, type HostOptions, createHost } from '../office-host';
import { type WorkbookModel, formatSnapshot, getCell, mergeAt } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';
import { type CheckerOptions, type CheckerState, INITIAL_CHECKER_STATE, checkerActions } from '../../src/taskpane/useChecker';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const FIXTURE_FILES = [
  'layoutA-ningxia.xlsx',
  'layoutB-beidaihe.xlsx',
  'layoutC-hengdong.xlsx',
  'layoutD-suixi.xlsx',
  'variants.xlsx',
  'clean.xlsx',
];

export function envFor(host: FakeHost): OfficeEnv {
  const excel = host.Excel as unknown as { run: OfficeEnv['run'] & NonNullable<OfficeEnv['runIn']> };
  const office = host.Office as unknown as { context: { requirements: { isSetSupported(n: string, v: string): boolean } } };
  return {
    run: (batch) => excel.run(batch),
    runIn: (ctx, batch) => excel.run(ctx, batch),
    capabilities: detectCapabilities((n, v) => office.context.requirements.isSetSupported(n, v)),
  };
}

export async function fixtureModel(file: string): Promise<WorkbookModel> {
  return loadXlsx(path.join(FIXTURES, file));
}

export async function hostFor(model: WorkbookModel, options: HostOptions = {}): Promise<{ host: FakeHost; env: OfficeEnv }> {
  const host = createHost(model, options);
  return { host, env: envFor(host) };
}

/** What the command line finds in the same file. */
export async function cliResult(fileOrBuffer: string | Buffer): Promise<CheckResult> {
  const input = typeof fileOrBuffer === 'string' ? path.join(FIXTURES, fileOrBuffer) : fileOrBuffer;
  return checkWorkbook(await readWorkbookGrid(input));
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
/** Sheets of the user (not the add-in's own). */
/** The add-in's report sheets: 校验报告, 校验报告(2), … (written here again, not taken from the code under test). */
export const isReport = (name: string) => /^校验报告(\(\d+\))?$/.test(name);
export const content = (name: string) => !name.startsWith('__jxmb') && !isReport(name);

/** Independent oracle: finding cells expanded to their merged area, worst severity wins. */
export function expectedMarks(model: WorkbookModel, findings: Finding[]): Map<string, string> {
  const sev = new Map<string, Severity>();
  for (const f of findings) {
    const sheet = model.sheets.find((s) => s.name === f.sheet)!;
    const m = mergeAt(sheet, f.row, f.col) ?? { top: f.row, left: f.col, bottom: f.row, right: f.col };
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const k = `${f.sheet}!${r},${c}`;
        const cur = sev.get(k);
        if (!cur || RANK[f.severity] > RANK[cur]) sev.set(k, f.severity);
      }
    }
  }
  return new Map([...sev].map(([k, s]) => [k, MARK_COLORS[s]]));
}

/** Cells whose style differs between two models (content sheets only). */
export function changedCells(before: WorkbookModel, after: WorkbookModel): Set<string> {
  const a = formatSnapshot(before, content);
  const b = formatSnapshot(after, content);
  const out = new Set<string>();
  for (const k of new Set([...a.keys(), ...b.keys()])) if (a.get(k) !== b.get(k)) out.add(k);
  return out;
}

/** The fill of a cell given as "sheet!row,col". */
export function fillAt(model: WorkbookModel, k: string) {
  const [sheet, rc] = k.split('!');
  const [r, c] = rc.split(',').map(Number);
  return getCell(
    model.sheets.find((s) => s.name === sheet)!,
    r,
    c,
  )?.style?.fill;
}

/** The 校验 tab's actions on a plain store (no React): the state now, and every state it went through. */
export function paneStore(env: OfficeEnv, options: CheckerOptions = {}) {
  let state: CheckerState = INITIAL_CHECKER_STATE;
  const seen: CheckerState[] = [];
  const actions = checkerActions(
    env,
    () => state,
    (f) => {
      state = f(state);
      seen.push(state);
    },
    options,
  );
  return { actions, get: () => state, seen };
}
