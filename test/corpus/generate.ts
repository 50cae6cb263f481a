/**
 * Turns corpus transcriptions into .xlsx workbooks, merged as the transcription marks them.
 *
 *   npx tsx test/corpus/generate.ts            writes test/corpus/out/<id>.xlsx and out/mutations/<id>.xlsx
 *
 * The scorer (score.ts) builds the same workbooks in memory and reads them back through the command line's
 * reader, so what is scored is what a user's file would give.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { CORPUS_DIR, Transcription, applyMutation, listTableIds, readMutations, readTranscription } from './format';

const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

/** Number format that shows a plain number with the decimals it was published with ("2.00"). */
function numFmtFor(text: string): string | undefined {
  const m = /\.(\d+)$/.exec(text);
  return m ? `0.${'0'.repeat(m[1].length)}` : undefined;
}

/** Sheet name from the form title: at most 31 characters, none of []:*?/\ . */
function sheetName(t: Transcription): string {
  const base = (t.header.form || 'Sheet1')
    .replace(/[[\]:*?/\\]/g, '')
    .slice(0, 31)
    .trim();
  return base || 'Sheet1';
}

export function buildWorkbook(t: Transcription, rawTexts?: string[][]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '绩效目标表助手 corpus';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet(sheetName(t));
  t.cells.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      if (typeof v === 'number') {
        const fmt = numFmtFor(rawTexts?.[r]?.[c] ?? '');
        if (fmt) cell.numFmt = fmt;
      }
      if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true };
    });
  });
  for (const m of t.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  return wb;
}

/** The raw cell texts of a transcription body (for number formats). */
export function rawTexts(id: string): string[][] {
  const text = fs.readFileSync(path.join(CORPUS_DIR, 'tables', `${id}.txt`), 'utf8').replace(/\r\n?/g, '\n');
  const body = text.slice(text.indexOf('\n---\n') + 5);
  return body.split('\n').map((l) => l.split('\t').map((s) => s.trim()));
}

export async function workbookBuffer(t: Transcription, raw?: string[][]): Promise<Buffer> {
  return Buffer.from(await buildWorkbook(t, raw).xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const out = path.join(CORPUS_DIR, 'out');
  fs.mkdirSync(path.join(out, 'mutations'), { recursive: true });
  const ids = listTableIds();
  const byId = new Map<string, Transcription>();
  for (const id of ids) {
    const t = readTranscription(id);
    byId.set(id, t);
    fs.writeFileSync(path.join(out, `${id}.xlsx`), await workbookBuffer(t, rawTexts(id)));
  }
  const mutations = readMutations();
  for (const mu of mutations) {
    const base = byId.get(mu.base);
    if (!base) throw new Error(`mutation ${mu.id}: no table ${mu.base}`);
    const file = mu.id.replace(/[^\w.-]+/g, '_');
    fs.writeFileSync(path.join(out, 'mutations', `${file}.xlsx`), await workbookBuffer(applyMutation(base, mu), rawTexts(mu.base)));
  }
  console.log(`${ids.length} tables, ${mutations.length} mutations -> ${path.relative(process.cwd(), out)}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
