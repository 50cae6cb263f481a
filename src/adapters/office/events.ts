/**
 * The sheet and the pane in step: the user's edits and selections, from Excel's events.
 *
 * WorksheetCollection.onChanged and onSelectionChanged (ExcelApi 1.9; Microsoft Learn, "Work with events using the
 * Excel JavaScript API") are registered once, in one Excel.run of one sync (plus the sheet ids, loaded in the same
 * sync). Event handlers do not outlive the pane (same page: "event handlers don't persist", they go when the add-in
 * closes or reloads), so nothing is stored in the workbook.
 *
 * - A change the add-in itself made (WorksheetChangedEventArgs.triggerSource ThisLocalAddin, ExcelApi 1.14) is not
 *   passed on. Older versions do not say who made a change: the caller compares the values it reads again with the
 *   ones it checked, so the add-in's own writes (which leave the content sheets' values alone, except inserted
 *   templates and fixes, which are re-checked anyway) cost one read and change nothing.
 * - Events carry the sheet's id, not its name: ids are mapped to names with the names loaded at registration, and
 *   loaded again (one sync) when an id is unknown (a sheet added or renamed since).
 */
import { splitSheet } from './address';
import type { OfficeEnv } from './context';

export interface WatchHandlers {
  /** The user changed cells of `sheet` (`address` without the sheet name, e.g. "C7" or "C7:D9"). */
  onEdit(sheet: string, address: string): void;
  /** The user selected `address` of `sheet`. */
  onSelect(sheet: string, address: string): void;
}

export interface Watch {
  /** Removes both handlers (with the context they were added in, as the events article asks). */
  stop(): Promise<void>;
}

interface ChangedArgs {
  address: string;
  worksheetId: string;
  triggerSource?: string;
}

/**
 * Starts passing the user's edits and selections to `handlers`; null when this Excel has no such events
 * (before ExcelApi 1.9): the pane then asks for a new check when the user says so, as before.
 */
export async function watchWorkbook(env: OfficeEnv, handlers: WatchHandlers): Promise<Watch | null> {
  if (!env.capabilities.events) return null;
  const names = new Map<string, string>();
  const loadNames = async (ctx: Excel.RequestContext) => {
    const ws = ctx.workbook.worksheets.load('items/id,items/name');
    await ctx.sync();
    names.clear();
    for (const w of ws.items) names.set(w.id, w.name);
  };
  const nameOf = async (id: string): Promise<string | null> => {
    if (!names.has(id)) await env.run(loadNames).catch(() => undefined);
    return names.get(id) ?? null;
  };
  const local = (address: string) => splitSheet(address).local;

  return env.run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    const changed = sheets.onChanged.add(async (e: ChangedArgs) => {
      if (e.triggerSource === 'ThisLocalAddin') return;
      const name = await nameOf(e.worksheetId);
      if (name !== null) handlers.onEdit(name, local(e.address));
    });
    const selected = sheets.onSelectionChanged.add(async (e: { address: string; worksheetId: string }) => {
      const name = await nameOf(e.worksheetId);
      if (name !== null) handlers.onSelect(name, local(e.address));
    });
    await loadNames(ctx);
    return {
      async stop() {
        const remove = async (c: Excel.RequestContext) => {
          changed.remove();
          selected.remove();
          await c.sync();
        };
        await (env.runIn ? env.runIn(ctx, remove) : remove(ctx));
      },
    };
  });
}
