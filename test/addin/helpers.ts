/** Shared setup of the add-in tests: fixtures loaded into the fake Office.js host. */
import * as path from 'path';
import { readWorkbookGrid } from '../../src/adapters/exceljs/read';
import { detectCapabilities } from '../../src/adapters/office/capabilities';
import type { OfficeEnv } from '../../src/adapters/office/workbook';
import { checkWorkbook } from '../../src/core';
import type { CheckResult } from '../../src/core/findings';
import { type FakeHost, type HostOptions, createHost } from '../office-host';
import type { WorkbookModel } from '../office-host/model';
import { loadXlsx } from '../office-host/xlsx';

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
  const excel = host.Excel as unknown as { run: OfficeEnv['run'] };
  const office = host.Office as unknown as { context: { requirements: { isSetSupported(n: string, v: string): boolean } } };
  return {
    run: (batch) => excel.run(batch),
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
