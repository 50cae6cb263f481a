/**
 * Fake Office.js host: `createHost(model)` returns `Excel`, `Office` and `OfficeExtension`
 * globals backed by an in-memory workbook (see model.ts), plus counters for tests.
 * Works in Node (jest) and, bundled with esbuild, in a browser page.
 */
import { utf8Length } from '../../src/adapters/office/budget';
import { loadClient } from './client';
import { type RequestBody, type ResponseBody, errorBody, execute } from './engine';
import { WorkbookModel, getCell, touchCell } from './model';
import { setCellValue, sheetId } from './excel';
import { parseRangeAddress } from '../../src/adapters/office/address';
import { HostError, HostOptions, HostStats, Session, SyncFault, versionAtLeast } from './runtime';

export { HostError } from './runtime';
export type { HostOptions, HostStats, SyncFault } from './runtime';

export interface OfficeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
  isDarkTheme?: boolean;
}

export const LIGHT_THEME: OfficeTheme = {
  bodyBackgroundColor: '#FFFFFF',
  bodyForegroundColor: '#262626',
  controlBackgroundColor: '#FFFFFF',
  controlForegroundColor: '#262626',
};

export interface FakeHost {
  model: WorkbookModel;
  session: Session;
  stats: HostStats;
  Excel: Record<string, unknown>;
  Office: Record<string, unknown>;
  OfficeExtension: Record<string, unknown>;
  /** Replaces the workbook (e.g. after a simulated save + reopen). */
  setModel(model: WorkbookModel): void;
  /** Installs Excel/Office/OfficeExtension on the given global object. */
  install(target?: Record<string, unknown>): void;
  resetStats(): void;
  /**
   * Makes one later sync fail (fault injection, see SyncFault in runtime.ts); `at` counts like
   * `stats.syncs`, so after `resetStats()` it is the n-th sync of the next operation.
   * `null` cancels a pending fault.
   */
  failSync(fault: SyncFault | null): void;
  /** The user starts (code) or ends (null) editing a cell, see HostOptions.cellEdit. */
  setCellEdit(code: string | null): void;
  /** Whether a fault set with failSync (or the failSync option) has not fired yet. */
  faultPending(): boolean;
  /**
   * The user types `value` into `cell` of `sheet` (a formula when it starts with "="): the cell changes and, when the
   * add-in listens to WorksheetCollection.onChanged, its handlers are called (triggerSource Unknown).
   */
  userEdit(sheet: string, cell: string, value: string | number | boolean | null): Promise<void>;
  /** The user selects `address` of `sheet`: the selection moves and onSelectionChanged handlers are called. */
  userSelect(sheet: string, address: string): Promise<void>;
  /** Resolves once the event messages queued so far have been delivered (and their handlers' promises settled). */
  eventsDelivered(): Promise<void>;
}

export function createHost(model: WorkbookModel, options: HostOptions & { theme?: OfficeTheme; displayLanguage?: string } = {}): FakeHost {
  const session = new Session(options);
  const host: FakeHost = {
    model,
    session,
    stats: session.stats,
    Excel: {},
    Office: {},
    OfficeExtension: {},
    setModel(m) {
      host.model = m;
    },
    install(target = globalThis as unknown as Record<string, unknown>) {
      target.Excel = host.Excel;
      target.Office = host.Office;
      target.OfficeExtension = host.OfficeExtension;
    },
    resetStats() {
      Object.assign(session.stats, { syncs: 0, maxResponseBytes: 0, maxRequestBytes: 0, commands: 0, sizes: [] });
    },
    failSync(fault) {
      session.fault = fault;
    },
    setCellEdit(code) {
      session.cellEdit = code;
    },
    faultPending() {
      return session.fault !== null;
    },
    async userEdit(sheetName, cell, value) {
      const ws = host.model.sheets.find((x) => x.name === sheetName);
      if (!ws) throw new Error(`no sheet ${sheetName}`);
      const { top: row, left: col } = parseRangeAddress(cell);
      const before = getCell(ws, row, col)?.v ?? '';
      setCellValue(touchCell(ws, row, col), value ?? '');
      session.dataChanged(sheetId(ws), cell, 'Unknown', { valueBefore: before, valueAfter: getCell(ws, row, col)?.v ?? '' });
      deliverEvents();
      await host.eventsDelivered();
    },
    async userSelect(sheetName, address) {
      const idx = host.model.sheets.findIndex((x) => x.name === sheetName);
      if (idx < 0) throw new Error(`no sheet ${sheetName}`);
      const { top, left, bottom, right } = parseRangeAddress(address);
      host.model.activeSheet = idx;
      host.model.selection = { sheet: idx, rect: { top, left, bottom, right } };
      session.selectionChanged(sheetId(host.model.sheets[idx]), address);
      deliverEvents();
      await host.eventsDelivered();
    },
    async eventsDelivered() {
      deliverEvents();
      await delivering;
    },
  };

  // Events: Excel sends each as a RichApi message; the library's GenericEventRegistration reads the message and calls
  // the handlers registered for its type and target (WorksheetCollection events: target "Workbook"). The host hands
  // the message to that same code (OfficeExtension._testTriggerRichApiMessageEvent, the entry point the RichApiMessage
  // channel calls), after the request that caused it has been answered, as Excel does.
  let delivering: Promise<void> = Promise.resolve();
  const deliverEvents = () => {
    if (session.pendingEvents.length === 0) return;
    const events = session.pendingEvents.splice(0);
    delivering = delivering.then(async () => {
      await new Promise((r) => setTimeout(r, 0));
      const ext = client.OfficeExtension as unknown as { _testTriggerRichApiMessageEvent(m: unknown): void };
      ext._testTriggerRichApiMessageEvent({
        entries: events.map((e) => ({
          messageCategory: 65536,
          messageType: e.eventType,
          targetId: 'Workbook',
          message: JSON.stringify(e.args),
        })),
      });
      // handlers run asynchronously (their Excel.run): let them start
      await new Promise((r) => setTimeout(r, 0));
    });
  };

  // Microsoft's client library, with the engine as its request executor
  const client = loadClient();
  // the RichApi message channel is ready at once (in Excel, registering with the host's message channel)
  (client.OfficeExtension as unknown as { _testSetRichApiMessageReadyImpl(f: () => Promise<void>): void })._testSetRichApiMessageReadyImpl(
    () => Promise.resolve(),
  );
  const executor = {
    async executeAsync(_customData: unknown, _flags: number, message: { Body: RequestBody }) {
      const s = session;
      s.stats.syncs++;
      s.stats.commands += message.Body.Actions.length;
      if (s.options.latencyMs > 0) await new Promise((r) => setTimeout(r, s.options.latencyMs));
      const requestBytes = utf8Length(JSON.stringify(message.Body));
      s.stats.maxRequestBytes = Math.max(s.stats.maxRequestBytes, requestBytes);
      const reply = (body: ResponseBody) => ({ ErrorCode: '', ErrorMessage: '', Headers: {}, Body: body });
      const size = { request: requestBytes, response: 0 };
      s.stats.sizes.push(size);
      if (requestBytes > s.options.payloadLimit) {
        return reply({
          Results: [],
          Error: errorBody(new HostError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.'), -1),
        });
      }
      if (s.cellEdit) {
        const e = new HostError(
          s.cellEdit,
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
          'cell edit',
        );
        return reply({ Results: [], Error: errorBody(e, -1) });
      }
      const fault = s.fault && s.fault.at === s.stats.syncs ? s.fault : null;
      if (fault) s.fault = null;
      const n = message.Body.Actions.length;
      const limit = !fault
        ? n
        : fault.mode === 'before'
          ? 0
          : fault.mode === 'partial'
            ? Math.min(n, fault.applied ?? Math.floor(n / 2))
            : n;
      const { body, applied } = execute(s, host.model, message.Body, limit);
      const text = JSON.stringify(body);
      const responseBytes = utf8Length(text);
      size.response = responseBytes;
      s.stats.maxResponseBytes = Math.max(s.stats.maxResponseBytes, responseBytes);
      if (fault) {
        s.faultLog.push({ at: fault.at, mode: fault.mode, applied, of: n });
        const code = fault.code ?? 'GeneralException';
        const e = new HostError(
          code,
          fault.message ?? (code === 'GeneralException' ? 'An internal error has occurred.' : `${code} (injected fault)`),
          'fault injection',
        );
        return reply({ Results: [], Error: errorBody(e, -1) });
      }
      if (responseBytes > s.options.payloadLimit) {
        // "Error handling with the application-specific JavaScript APIs" lists both codes
        return reply({
          Results: [],
          Error: errorBody(new HostError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.'), -1),
        });
      }
      // events caused by this request reach the add-in after its response
      setTimeout(deliverEvents, 0);
      // the response crosses a process boundary in Excel: the client gets a copy
      return reply(JSON.parse(text) as ResponseBody);
    },
  };
  const requestInfo = {
    _resolveRequestUrlAndHeaderInfo: () => Promise.resolve({ url: 'https://localhost/jxmb-test-host', headers: {} }),
    _createRequestExecutorOrNull: () => executor,
  };
  // Excel.run(batch), or Excel.run(context, batch) to go on with an earlier context (as to remove an event handler:
  // "Work with events using the Excel JavaScript API", remove with the same RequestContext)
  const run = (a: unknown, b?: (ctx: unknown) => Promise<unknown>) =>
    b ? client.Excel.run(a, b) : client.Excel.run(requestInfo, a as (ctx: unknown) => Promise<unknown>);
  class RequestContext extends (client.Excel.RequestContext as new (info: unknown) => object) {
    constructor() {
      super(requestInfo);
    }
  }

  const platform = session.options.platform;
  const ready = { host: 'Excel', platform };
  host.Excel = Object.assign(Object.create(client.Excel) as Record<string, unknown>, { run, RequestContext });
  host.OfficeExtension = client.OfficeExtension;
  host.Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
    onReady(cb?: (info: typeof ready) => void) {
      if (cb) setTimeout(() => cb(ready), 0);
      return Promise.resolve(ready);
    },
    context: {
      host: 'Excel',
      platform,
      displayLanguage: options.displayLanguage ?? 'zh-CN',
      contentLanguage: options.displayLanguage ?? 'zh-CN',
      officeTheme: options.theme ?? LIGHT_THEME,
      diagnostics: { host: 'Excel', platform, version: '16.0.18000.10000' },
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          if (name !== 'ExcelApi') return false;
          return versionAtLeast(session.options.apiVersion, String(minVersion ?? '1.1'));
        },
      },
    },
  };
  return host;
}
