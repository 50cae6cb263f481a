/**
 * Request and response sizes per sync. Excel on the web refuses a request or a response over
 * 5 MB (RequestPayloadSizeLimitExceeded; Microsoft Learn, "Resource limits and performance
 * optimization for Office Add-ins"). Writes cannot be retried blindly after such an error, so
 * every write batch is cut up front by an estimate of what Microsoft's client library sends:
 * the figures below were measured on the requests the library serialises (excel-web-16.00.debug.js,
 * see test/addin/budget.test.ts, which fails when an estimate falls below the measured size).
 */

/** Bytes per sync the add-in allows itself: the 5 MB limit with a margin for estimate error. */
export const SYNC_BYTES = 3_500_000;

/** Estimated bytes per command, as serialised by the client library (see the test). */
export const cellBytes = {
  /** One cell's fill written cell by cell: getItem, getRange, format, fill and up to 5 property writes. */
  singleWrite: 900,
  /** One grouped fill write on getRanges(address), plus the address. */
  areasWrite: 1_500,
  /** One cell's fill loaded cell by cell (request). */
  singleRead: 800,
  /** One grouped fill read of getRanges(address).areas, plus the address (request). */
  areasRead: 1_200,
  /** Response per cell read cell by cell / per area of a grouped read (plus the sheet name in the address). */
  fillResponse: 200,
  areaFillResponse: 200,
  /** UTF-8 bytes of a sheet name inside an address (at most 3 per character, quotes). */
  nameBytes: (sheet: string): number => sheet.length * 3 + 2,
  /**
   * Rows written as values and number formats in one command: their JSON, plus the commands (the
   * client cuts writes over 1,500 cells into row blocks, each with its own object paths: +5%).
   */
  rows: (values: unknown[][], formats: unknown[][]): number =>
    Math.ceil((utf8Length(JSON.stringify(values)) + utf8Length(JSON.stringify(formats))) * 1.05) + 2_000,
  /** A custom XML part written whole: its text, JSON-escaped (each quote doubles), plus the command. */
  xmlPart: (xml: string): number => utf8Length(xml) + (xml.match(/["\\]/g)?.length ?? 0) + 600,
};

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Syncs a request context when the commands queued since the last sync would grow past the
 * budget: call `room` before queueing each command with its estimated request and response bytes.
 */
export class SyncBudget {
  private request = 0;
  private response = 0;
  /** Syncs made by this budget so far. */
  syncs = 0;
  /** Tests: told the estimate of each sync a budget makes, just before it is sent. */
  static observer: ((estimate: { request: number; response: number }) => void) | null = null;
  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly limit = SYNC_BYTES,
    /** Bytes already queued (by the caller) in the current batch. */
    start: { request?: number; response?: number } = {},
  ) {
    this.request = start.request ?? 0;
    this.response = start.response ?? 0;
  }
  async room(requestBytes: number, responseBytes: number): Promise<void> {
    const pending = this.request > 0 || this.response > 0;
    if (pending && (this.request + requestBytes > this.limit || this.response + responseBytes > this.limit)) await this.sync();
    this.request += requestBytes;
    this.response += responseBytes;
  }
  async sync(): Promise<void> {
    SyncBudget.observer?.({ request: this.request, response: this.response });
    await this.ctx.sync();
    this.syncs++;
    this.request = 0;
    this.response = 0;
  }
  /** Syncs when anything is queued. */
  async flush(): Promise<void> {
    if (this.request > 0 || this.response > 0) await this.sync();
  }
}
