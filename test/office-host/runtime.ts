/**
 * The engine's object machinery (behind Microsoft's client library, see engine.ts; loading,
 * PropertyNotLoaded and syncs are the library's): every object resolves its model target lazily;
 * property writes and method calls queue commands that run in order when the engine runs the
 * request (runQueued); `*OrNullObject` objects resolve to null instead of failing with
 * ItemNotFound, and commands on them are ignored; queries read properties as RichApi results;
 * a failing command stops the batch, the commands before it stay applied (no transaction).
 */

export interface HostOptions {
  /** Highest ExcelApi requirement set the host supports, e.g. "1.17". */
  apiVersion?: string;
  /**
   * How getMergedAreasOrNullObject reports merges that stick out of the queried range: `clipped`
   * (the part inside), `full` (the whole merge), or `topLeft` (the whole merge, and only when its
   * top-left cell lies inside the range: office-js #3611, #1590).
   */
  mergeReport?: 'clipped' | 'full' | 'topLeft';
  /**
   * How fills read (sources disagree, both are simulated): `documented` (RangeFill reference: no
   * fill reads pattern "None", tints read a number) or `nulls` (office-js #4900: no fill and solid
   * fills read pattern null, no fill reads tintAndShade null).
   */
  fillReport?: 'documented' | 'nulls';
  /**
   * What `color` reads for a fill with a tint (no source says): the colour before the tint
   * (`base`) or the colour the user sees (`applied`).
   */
  tintedColor?: 'base' | 'applied';
  /** Request/response payload limit per sync in bytes (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /** Artificial delay per sync, in ms (lets a browser page render progress). */
  latencyMs?: number;
  platform?: 'PC' | 'OfficeOnline' | 'Mac';
  /**
   * The user is editing a cell: Excel refuses every request with this code until it ends
   * (InvalidOperationInCellEditMode per "Error handling with the application-specific JavaScript
   * APIs"; InvalidOperation in other reports). null: not editing.
   */
  cellEdit?: string | null;
  /** Fault injection: make one context.sync() fail (see SyncFault). */
  failSync?: SyncFault;
}

/**
 * A sync that fails, as Excel fails one: `at` is the number of the sync, counted like
 * `stats.syncs` (1 = the first sync after the host was created or `resetStats()`); the fault
 * fires once. `mode` says how much of that batch Excel executed before it gave up (a batch is
 * not a transaction: commands run in order and the failing one stops the rest):
 * - `before`: none of the batch's commands (e.g. the request never reached Excel);
 * - `partial`: the first half of them (`Math.floor(n / 2)` of n queued commands, loads included);
 * - `after`: all of them, then the sync still rejects (the response was lost).
 * The rejection is an OfficeExtension.Error-like HostError (name "RichApi.Error", `code`,
 * `message`, `debugInfo`); default code "GeneralException".
 */
export interface SyncFault {
  at: number;
  mode: 'before' | 'partial' | 'after';
  /** With `partial`: run exactly this many commands instead of half (to try every cut point). */
  applied?: number;
  code?: string;
  message?: string;
}

export interface HostStats {
  syncs: number;
  /** Largest response (loaded data) of any sync, in bytes of JSON. */
  maxResponseBytes: number;
  maxRequestBytes: number;
  commands: number;
  /** Request and response bytes of every sync, in order (as the client library serialised them). */
  sizes: { request: number; response: number }[];
}

/** An event message as Excel sends it to the client library (messageType = eventType, message = JSON of args). */
export interface HostEvent {
  eventType: number;
  args: Record<string, unknown>;
}

export class HostError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

interface Command {
  run(): void;
}

export class Session {
  readonly options: Required<Omit<HostOptions, 'failSync' | 'cellEdit'>>;
  /** See HostOptions.cellEdit. */
  cellEdit: string | null;
  readonly stats: HostStats = { syncs: 0, maxResponseBytes: 0, maxRequestBytes: 0, commands: 0, sizes: [] };
  /** Pending fault (one-shot), see SyncFault. */
  fault: SyncFault | null;
  /** Faults that fired so far: the sync number, mode and how many commands ran of how many. */
  readonly faultLog: { at: number; mode: SyncFault['mode']; applied: number; of: number }[] = [];
  constructor(options: HostOptions = {}) {
    this.fault = options.failSync ?? null;
    this.cellEdit = options.cellEdit ?? null;
    this.options = {
      apiVersion: options.apiVersion ?? '1.17',
      mergeReport: options.mergeReport ?? 'clipped',
      fillReport: options.fillReport ?? 'documented',
      tintedColor: options.tintedColor ?? 'base',
      payloadLimit: options.payloadLimit ?? 5 * 1024 * 1024,
      latencyMs: options.latencyMs ?? 0,
      platform: options.platform ?? 'PC',
    };
  }
  /**
   * Objects Excel keeps a reference to (`_ReferenceId` in a result; the client then addresses the
   * object by that id in later requests of the same Excel.run, as ranges must be: their paths are
   * invalid after their first request). The value is the resolved target.
   */
  readonly references = new Map<string, { kind: string; target: unknown }>();
  reference(kind: string, target: unknown): string {
    const id = `{jxmb-ref}${kind}${this.references.size + 1}`;
    this.references.set(id, { kind, target });
    return id;
  }
  /** Event kinds the add-in registered for (see WorksheetCollection._Register…Event in excel.ts). */
  readonly listening = { changed: false, selection: false };
  /** Event messages waiting to be delivered after the current request (see index.ts, deliverEvents). */
  pendingEvents: HostEvent[] = [];
  listen(kind: 'changed' | 'selection', on: boolean, version: string): void {
    this.needs(version, `WorksheetCollection.on${kind === 'changed' ? 'Changed' : 'SelectionChanged'}`);
    this.listening[kind] = on;
  }
  /**
   * A data change in `address` of the sheet with id `worksheetId`: an onChanged message when the add-in listens.
   * `triggerSource` ThisLocalAddin for the add-in's own writes (WorksheetChangedEventArgs.triggerSource, ExcelApi 1.14:
   * "identifies whether this local add-in triggers the event"), Unknown for the user's.
   */
  dataChanged(worksheetId: string, address: string, triggerSource: string, details?: { valueBefore: unknown; valueAfter: unknown }): void {
    if (!this.listening.changed) return;
    this.pendingEvents.push({
      eventType: 10,
      args: {
        address,
        worksheetId,
        changeType: 'RangeEdited',
        source: 'Local',
        shiftDirection: 'None',
        triggerSource: versionAtLeast(this.options.apiVersion, '1.14') ? triggerSource : undefined,
        ...(details ?? {}),
      },
    });
  }
  selectionChanged(worksheetId: string, address: string): void {
    if (this.listening.selection) this.pendingEvents.push({ eventType: 14, args: { address, worksheetId } });
  }
  needs(version: string, what: string): void {
    if (!versionAtLeast(this.options.apiVersion, version)) {
      throw new HostError('ApiNotFound', `${what} requires ExcelApi ${version}`, what);
    }
  }
}

export class RequestContext {
  readonly session: Session;
  private queue: Command[] = [];
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  /** Set by the Excel layer: the root Workbook proxy. */
  workbook: unknown;

  constructor(session: Session) {
    this.session = session;
  }

  /** `_payload`: what a command carries (kept for the call sites; sizes are measured on the client's request). */
  enqueue(run: () => void, _payload?: unknown): void {
    this.queue.push({ run });
  }

  get pending(): number {
    return this.queue.length;
  }

  /**
   * Runs the first `limit` queued commands now, in order, and empties the queue (the engine
   * behind Microsoft's client, see engine.ts). A failing command stops the rest: its index and
   * error are returned, the commands before it stay applied.
   */
  runQueued(limit = Infinity): { failedAt: number; error: unknown } | null {
    const batch = this.queue;
    this.queue = [];
    const n = Math.min(limit, batch.length);
    for (let i = 0; i < n; i++) {
      try {
        batch[i].run();
      } catch (error) {
        return { failedAt: i, error };
      }
    }
    return null;
  }
}

export interface PropDef<T> {
  get?: (t: T, ctx: RequestContext) => unknown;
  set?: (t: T, v: unknown) => void;
  /** Minimum ExcelApi version for this property. */
  api?: string;
}

/** Anything a query can run on (proxies and collections). */
export interface Loadable {
  query(paths: string[]): unknown;
}

/**
 * Base of every proxy. `T` is the resolved model target. A proxy resolves its target lazily, at
 * the first command that needs it, and keeps it (like Excel's object paths within a session).
 */
export abstract class ClientObject<T> {
  readonly context: RequestContext;
  private resolver: () => T | null;
  private resolved = false;
  private target: T | null = null;
  private readonly nullable: boolean;
  private readonly children = new Map<string, Loadable>();

  constructor(context: RequestContext, resolver: () => T | null, nullable = false) {
    this.context = context;
    this.resolver = resolver;
    this.nullable = nullable;
    if (nullable) context.enqueue(() => void this.resolveOrNull());
  }

  /** Property table of the concrete class. */
  protected abstract props(): Record<string, PropDef<T>>;
  /** Navigation properties (child proxies) of the concrete class. */
  protected nav(): Record<string, () => Loadable> {
    return {};
  }

  /** Resolves the target; null only for null objects (errors otherwise). */
  resolveOrNull(): T | null {
    if (!this.resolved) {
      try {
        this.target = this.resolver();
      } catch (e) {
        // an OrNullObject turns "not found" into a null object; any other error still fails
        if (!this.nullable || (e as HostError).code !== 'ItemNotFound') throw e;
        this.target = null;
      }
      if (this.target === null && !this.nullable) throw new HostError('ItemNotFound', 'The requested resource does not exist.');
      this.resolved = true;
    }
    return this.target;
  }

  /** Replaces how the target is found (getItemAt builds an item before its target is known). */
  resolverOverride(fn: () => T | null): void {
    this.resolver = fn;
    this.resolved = false;
  }

  /** Forgets the resolved target (collections: every load sees the current members). */
  protected unresolve(): void {
    if (!this.nullable) this.resolved = false;
  }

  /** Queues a command against the resolved target (skipped for null objects). */
  protected queue(run: (t: T) => void, payload?: unknown): void {
    this.context.enqueue(() => {
      const t = this.resolveOrNull();
      if (t !== null) run(t);
    }, payload);
  }

  /** Cached child proxy (navigation property). */
  protected child<C extends Loadable>(name: string, make: () => C): C {
    let c = this.children.get(name);
    if (!c) {
      c = make();
      this.children.set(name, c);
    }
    return c as C;
  }

  protected writeProp(name: string, value: unknown): void {
    const def = this.props()[name];
    if (!def?.set) throw new HostError('InvalidArgument', `Cannot set read-only property '${name}'`);
    this.queue((t) => {
      if (def.api) this.context.session.needs(def.api, name);
      def.set!(t, value);
    }, value);
  }

  /** The resolved target, or null for a null object (call inside a command). */
  peekTarget(): T | null {
    return this.resolveOrNull();
  }

  /**
   * Objects Excel keeps a reference to when they are created in an Excel.run (ranges: the client
   * marks their paths invalid after the request, so it can only use them later by reference).
   * Null: addressed by their path.
   */
  reference(_target: T): string | null {
    return null;
  }

  /** Extra keys of a query or instantiate result that identify the object (e.g. a sheet's _Id). */
  identity(_target: T): Record<string, unknown> {
    return {};
  }

  /**
   * Runs a query now and returns its result as Excel's RichApi response carries it: property names
   * in PascalCase, navigation properties nested, null for a null object. Empty `paths` = all
   * scalar properties.
   */
  query(paths: string[]): unknown {
    // the client sends "*" for all scalar properties (a collection loaded as 'items')
    paths = paths.filter((p) => p !== '*');
    const { own, nested } = splitPaths(paths, this.nav());
    const t = this.resolveOrNull();
    if (t === null) return null;
    const table = this.props();
    const names = paths.length === 0 ? Object.keys(table).filter((n) => table[n].get) : own;
    const out: Record<string, unknown> = { ...this.identity(t) };
    for (const n of names) {
      const def = table[n];
      if (!def?.get) throw new HostError('InvalidArgument', `Unknown property '${n}'`);
      if (def.api) this.context.session.needs(def.api, n);
      out[pascal(n)] = def.get(t, this.context);
    }
    for (const [head, sub] of nested) {
      const make = this.nav()[head];
      if (!make) throw new HostError('InvalidArgument', `Unknown navigation property '${head}'`);
      out[pascal(head)] = make().query(sub);
    }
    return out;
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function splitPaths(paths: string[], nav: Record<string, unknown>): { own: string[]; nested: Map<string, string[]> } {
  const own: string[] = [];
  const nested = new Map<string, string[]>();
  for (const p of paths) {
    const i = p.indexOf('/');
    const head = i < 0 ? p : p.slice(0, i);
    const key = Object.keys(nav).find((k) => k.toLowerCase() === head.toLowerCase());
    if (i < 0 && !key) {
      own.push(p);
      continue;
    }
    const name = key ?? head;
    const list = nested.get(name) ?? [];
    if (i >= 0) list.push(p.slice(i + 1));
    nested.set(name, list);
  }
  return { own, nested };
}

/** Defines accessor properties on a proxy class prototype from its property names. */
export function defineAccessors(proto: object, names: string[]): void {
  for (const name of names) {
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: true,
      // scalar properties are read by queries (see query); only the engine touches these objects
      get() {
        throw new HostError('NotImplemented', `'${name}' is read through a query.`);
      },
      set(this: { writeProp(n: string, v: unknown): void }, v: unknown) {
        this.writeProp(name, v);
      },
    });
  }
}

/** A collection proxy: a query enumerates its current members and queries each. */
export abstract class ClientCollection<T, I extends Loadable> extends ClientObject<T[]> {
  protected abstract makeItem(target: T): I;

  protected props(): Record<string, PropDef<T[]>> {
    return {};
  }

  /** A collection's query result: `{ _Items: [...] }`, each item queried with the same paths. */
  query(paths: string[]): unknown {
    this.unresolve();
    const targets = this.resolveOrNull() ?? [];
    const itemPaths = paths
      .map((p) => (p.toLowerCase().startsWith('items/') ? p.slice(6) : p))
      .filter((p) => p !== '' && p.toLowerCase() !== 'items');
    return { _Items: targets.map((t) => this.makeItem(t).query(itemPaths)) };
  }

  /** The item at an index of the current members (the client addresses unnamed items so). */
  getItemAt(index: number): I {
    const item = this.makeItem(null as unknown as T);
    const at = item as unknown as { resolverOverride(fn: () => unknown): void };
    at.resolverOverride(() => {
      this.unresolve();
      const targets = this.resolveOrNull() ?? [];
      if (index < 0 || index >= targets.length) throw new HostError('ItemNotFound', `No item at index ${index}.`);
      return targets[index];
    });
    return item;
  }
}

/** Result of a method that returns a value (e.g. getCount()). */
export class ClientResult<V> {
  private result: { value: V } | null = null;
  constructor(_context: RequestContext) {}
  set(value: V): void {
    this.result = { value };
  }
  /** The value set by the command that ran (the engine reads it right after the batch). */
  peek(): V | undefined {
    return this.result?.value;
  }
}
