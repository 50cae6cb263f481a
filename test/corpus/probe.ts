/**
 * Developer probe: runs the checker on a transcription-format file (or stdin) and prints the tables and findings.
 *   npx tsx test/corpus/probe.ts FILE.txt [--profile C2021]
 */
import * as fs from 'fs';
import { checkWorkbook } from '../../src/core/check';
import { parseTranscription } from './format';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const profile = args.includes('C2021') ? 'C2021' : 'LOCAL';
const text = fs.readFileSync(file ?? 0, 'utf8');
const t = parseTranscription(file ?? 'stdin', text.includes('\n---\n') || text.startsWith('---') ? text : `---\n${text}`);
const grid = { sheets: [{ name: 'Sheet1', rowOffset: 0, colOffset: 0, cells: t.cells, merges: t.merges }] };
const r = checkWorkbook(grid, { profile });
for (const tb of r.tables) console.log(`table ${tb.range} ${tb.kind} ${tb.layout} 「${tb.name}」 ${tb.indicators} indicators`);
for (const f of r.findings) console.log(`${f.severity.padEnd(7)} ${f.cell.padEnd(5)} ${f.code}: ${f.message}`);
