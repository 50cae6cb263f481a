/**
 * The simulated Excel behind Microsoft's client library: it receives each request exactly as the
 * library serialised it (RichApi: `ObjectPaths` and `Actions`) and answers it the way Excel's
 * RichApi endpoint does (`Results`, or `Error` with the index of the failing action).
 *
 * Object paths are evaluated anew in each request, as Excel does (the client sends every path an
 * action refers to, and marks the ones that may not be re-evaluated, such as the result of
 * `insert`, as invalid after their request). The workbook semantics themselves (what a getRange,
 * a fill write or a delete does, and when it fails) live in excel.ts, whose objects the engine
 * drives: each action queues its commands there, the batch then runs in order, and a failing
 * command stops it, the commands before it staying applied (a batch is not a transaction).
 */
import { Range, RangeAreas, bindContext } from './excel';
import type { WorkbookModel } from './model';
import { type ClientObject, ClientResult, HostError, RequestContext, type Session } from './runtime';

interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: number[];
}

export interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}

export interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}

export interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export interface ResponseBody {
  Results: { ActionId: number; Value?: unknown }[];
  Error?: { Code: string; Message: string; Location?: string; ActionIndex: number; HttpStatusCode: number };
}

// RichApi's enums (as the client library numbers them)
const PATH = { global: 1, newObject: 2, method: 3, property: 4, indexer: 5, referenceId: 6, nullObject: 7 } as const;
const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4, trace: 5 } as const;

const camel = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

type Engineish = Record<string, unknown> & Partial<ClientObject<unknown>>;

/** Top-level `null` arguments are "not given" (the client sends undefined optionals as null). */
function args(info: ArgumentInfo | undefined, resolve: (id: number) => unknown): unknown[] {
  const list = (info?.Arguments ?? []).slice();
  const refs = info?.ReferencedObjectPathIds ?? [];
  for (let i = 0; i < list.length; i++) {
    if (refs[i]) list[i] = resolve(refs[i]);
    else if (list[i] === null) list[i] = undefined;
  }
  return list;
}

function httpStatus(code: string): number {
  switch (code) {
    case 'InvalidArgument':
    case 'InvalidOperation':
    case 'InvalidOperationInCellEditMode':
      return 400;
    case 'AccessDenied':
      return 403;
    case 'ItemNotFound':
    case 'ApiNotFound':
      return 404;
    case 'ItemAlreadyExists':
      return 409;
    case 'RequestPayloadSizeLimitExceeded':
      return 413;
    case 'NotImplemented':
      return 501;
    default:
      return 500;
  }
}

export function errorBody(e: unknown, actionIndex: number): ResponseBody['Error'] {
  const code = e instanceof HostError ? e.code : 'GeneralException';
  const message = e instanceof Error ? e.message : String(e);
  const location = e instanceof HostError ? e.debugInfo.errorLocation : undefined;
  return { Code: code, Message: message, Location: location, ActionIndex: actionIndex, HttpStatusCode: httpStatus(code) };
}

/**
 * Executes one request against the workbook. `limit` (fault injection) runs only the first
 * `limit` actions. Returns the response body; `applied` is how many actions ran to completion.
 */
export function execute(session: Session, wb: WorkbookModel, body: RequestBody, limit = Infinity): { body: ResponseBody; applied: number } {
  const ctx = new RequestContext(session);
  bindContext(ctx, wb);
  const objects = new Map<number, unknown>();
  const resolve = (id: number): unknown => {
    const known = objects.get(id);
    if (known !== undefined) return known;
    const info = body.ObjectPaths[String(id)];
    if (!info) throw new HostError('InvalidArgument', `Unknown object path ${id}.`);
    const obj = evaluate(info);
    objects.set(id, obj);
    return obj;
  };
  const evaluate = (info: ObjectPathInfo): unknown => {
    if (info.ObjectPathType === PATH.global) return ctx.workbook;
    if (info.ObjectPathType === PATH.referenceId) {
      const ref = session.references.get(info.Name);
      if (!ref) throw new HostError('InvalidObjectPath', `The reference ${info.Name} is unknown.`);
      if (ref.kind === 'Range') return new Range(ctx, () => ref.target as never);
      return new RangeAreas(ctx, () => ref.target as never);
    }
    const parent = resolve(info.ParentObjectPathId ?? -1) as Engineish;
    const name = camel(info.Name);
    switch (info.ObjectPathType) {
      case PATH.property: {
        if (!(name in parent)) throw notImplemented(info.Name, parent);
        return parent[name];
      }
      case PATH.method: {
        const fn = parent[name];
        if (typeof fn !== 'function') throw notImplemented(info.Name, parent);
        return (fn as (...a: unknown[]) => unknown).apply(parent, args(info.ArgumentInfo, resolve));
      }
      case PATH.indexer: {
        const fn = parent.getItem;
        if (typeof fn !== 'function') throw notImplemented('getItem', parent);
        return (fn as (...a: unknown[]) => unknown).apply(parent, args(info.ArgumentInfo, resolve));
      }
      default:
        throw new HostError('NotImplemented', `Object path type ${info.ObjectPathType} is not simulated.`);
    }
  };

  // each action queues its commands; `ends[i]` is the queue length after action i
  const ends: number[] = [];
  const results: (() => { ActionId: number; Value?: unknown } | null)[] = [];
  const actions = body.Actions.slice(0, Math.min(limit, body.Actions.length));
  for (const action of actions) {
    try {
      results.push(queueAction(ctx, action, resolve, body.ObjectPaths));
    } catch (e) {
      // an error found while building (an unknown method, a read-only property) fails at this action
      ctx.enqueue(() => {
        throw e;
      });
      results.push(() => null);
    }
    ends.push(ctx.pending);
  }
  const failure = ctx.runQueued();
  const failedAction = failure ? ends.findIndex((end) => end > failure.failedAt) : -1;
  const done = failure ? failedAction : actions.length;
  const out: ResponseBody = { Results: [] };
  for (let i = 0; i < done; i++) {
    const r = results[i]();
    if (r) out.Results.push(r);
  }
  if (failure) out.Error = errorBody(failure.error, failedAction);
  return { body: out, applied: done };
}

function notImplemented(name: string, parent: unknown): HostError {
  const cls = (parent as object)?.constructor?.name ?? 'object';
  return new HostError('NotImplemented', `${cls}.${camel(name)} is not simulated by the test host.`, `${cls}.${camel(name)}`);
}

function queueAction(
  ctx: RequestContext,
  action: ActionInfo,
  resolve: (id: number) => unknown,
  paths: Record<string, ObjectPathInfo>,
): () => { ActionId: number; Value?: unknown } | null {
  const id = action.Id;
  switch (action.ActionType) {
    case ACTION.instantiate: {
      const obj = resolve(action.ObjectPathId) as ClientObject<unknown>;
      let value: unknown = null;
      ctx.enqueue(() => {
        const t = obj.peekTarget();
        if (t === null) return;
        // an untracked object (range.untrack(): its path carries D, "do not keep a reference") gets none
        const untracked = (paths[String(action.ObjectPathId)] as { D?: boolean } | undefined)?.D === true;
        const ref = untracked ? null : obj.reference(t);
        value = { ...obj.identity(t), ...(ref ? { _ReferenceId: ref } : {}) };
      });
      return () => ({ ActionId: id, Value: value });
    }
    case ACTION.query: {
      const obj = resolve(action.ObjectPathId) as ClientObject<unknown>;
      const q = action.QueryInfo ?? {};
      const queryPaths = [...(q.Select ?? []), ...(q.Expand ?? [])];
      let value: unknown = null;
      ctx.enqueue(() => {
        value = obj.query(queryPaths);
      });
      return () => ({ ActionId: id, Value: value });
    }
    case ACTION.method: {
      // tracked objects (context.trackedObjects, range.track()): Excel keeps a reference; paths here are re-evaluated anyway
      if (/^_?(KeepReference|RemoveReference)$/.test(action.Name)) return () => null;
      const obj = resolve(action.ObjectPathId) as Engineish;
      const fn = obj[camel(action.Name)];
      if (typeof fn !== 'function') throw notImplemented(action.Name, obj);
      const r = (fn as (...a: unknown[]) => unknown).apply(obj, args(action.ArgumentInfo, resolve));
      return () => ({ ActionId: id, Value: r instanceof ClientResult ? r.peek() : undefined });
    }
    case ACTION.setProperty: {
      const obj = resolve(action.ObjectPathId) as Engineish;
      const name = camel(action.Name);
      // a property write keeps its value as sent (null included)
      const ref = action.ArgumentInfo?.ReferencedObjectPathIds?.[0];
      const value = ref ? resolve(ref) : action.ArgumentInfo?.Arguments?.[0];
      if (!(name in obj)) throw notImplemented(action.Name, obj);
      obj[name] = value;
      return () => null;
    }
    case ACTION.trace:
      // answered like any action that ran: the client calls the trace marker's result handler (event handlers are
      // added and removed in such callbacks: OfficeExtension.GenericEventHandlers.add)
      return () => ({ ActionId: id, Value: null });
    default:
      throw new HostError('NotImplemented', `Action type ${action.ActionType} is not simulated.`);
  }
}
