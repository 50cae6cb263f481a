/**
 * Fake Office.js host: `createHost(model)` returns `Excel`, `Office` and `OfficeExtension`
 * globals backed by an in-memory workbook (see model.ts), plus counters for tests.
 * Works in Node (jest) and, bundled with esbuild, in a browser page.
 */
import { bindContext } from './excel';
import { WorkbookModel } from './model';
import { HostError, HostOptions, HostStats, RequestContext, Session, SyncFault, versionAtLeast } from './runtime';

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
  /** Whether a fault set with failSync (or the failSync option) has not fired yet. */
  faultPending(): boolean;
}

const ENUMS = {
  InsertShiftDirection: { down: 'Down', right: 'Right' },
  DeleteShiftDirection: { up: 'Up', left: 'Left' },
  RangeCopyType: { all: 'All', formulas: 'Formulas', values: 'Values', formats: 'Formats', link: 'Link' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  BorderIndex: {
    edgeTop: 'EdgeTop',
    edgeBottom: 'EdgeBottom',
    edgeLeft: 'EdgeLeft',
    edgeRight: 'EdgeRight',
    insideVertical: 'InsideVertical',
    insideHorizontal: 'InsideHorizontal',
    diagonalDown: 'DiagonalDown',
    diagonalUp: 'DiagonalUp',
  },
  BorderLineStyle: {
    none: 'None',
    continuous: 'Continuous',
    dash: 'Dash',
    dashDot: 'DashDot',
    dashDotDot: 'DashDotDot',
    dot: 'Dot',
    double: 'Double',
    slantDashDot: 'SlantDashDot',
  },
  BorderWeight: { hairline: 'Hairline', thin: 'Thin', medium: 'Medium', thick: 'Thick' },
  ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents', hyperlinks: 'Hyperlinks', removeHyperlinks: 'RemoveHyperlinks' },
  HorizontalAlignment: {
    general: 'General',
    left: 'Left',
    center: 'Center',
    right: 'Right',
    fill: 'Fill',
    justify: 'Justify',
    centerAcrossSelection: 'CenterAcrossSelection',
    distributed: 'Distributed',
  },
  VerticalAlignment: { top: 'Top', center: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed' },
  SpecialCellType: {
    conditionalFormats: 'ConditionalFormats',
    dataValidations: 'DataValidations',
    blanks: 'Blanks',
    constants: 'Constants',
    formulas: 'Formulas',
    sameConditionalFormat: 'SameConditionalFormat',
    sameDataValidation: 'SameDataValidation',
    visible: 'Visible',
  },
  SpecialCellValueType: {
    all: 'All',
    errors: 'Errors',
    errorsLogical: 'ErrorsLogical',
    errorsNumbers: 'ErrorsNumbers',
    errorsText: 'ErrorsText',
    errorsLogicalNumber: 'ErrorsLogicalNumber',
    errorsLogicalText: 'ErrorsLogicalText',
    errorsNumberText: 'ErrorsNumberText',
    logical: 'Logical',
    logicalNumbers: 'LogicalNumbers',
    logicalText: 'LogicalText',
    logicalNumbersText: 'LogicalNumbersText',
    numbers: 'Numbers',
    numbersText: 'NumbersText',
    text: 'Text',
  },
  FillPattern: { none: 'None', solid: 'Solid', gray50: 'Gray50', gray25: 'Gray25', gray75: 'Gray75', gray16: 'Gray16', gray8: 'Gray8' },
  ErrorCodes: {
    accessDenied: 'AccessDenied',
    apiNotFound: 'ApiNotFound',
    generalException: 'GeneralException',
    invalidArgument: 'InvalidArgument',
    invalidOperation: 'InvalidOperation',
    itemAlreadyExists: 'ItemAlreadyExists',
    itemNotFound: 'ItemNotFound',
    notImplemented: 'NotImplemented',
    requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  },
};

export function createHost(
  model: WorkbookModel,
  options: HostOptions & { theme?: OfficeTheme; displayLanguage?: string } = {},
): FakeHost {
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
      Object.assign(session.stats, { syncs: 0, maxResponseBytes: 0, maxRequestBytes: 0, commands: 0 });
    },
    failSync(fault) {
      session.fault = fault;
    },
    faultPending() {
      return session.fault !== null;
    },
  };

  class FakeRequestContext extends RequestContext {
    constructor() {
      super(session);
      bindContext(this, host.model);
    }
  }

  async function run<R>(batch: (ctx: RequestContext) => Promise<R> | R): Promise<R> {
    const ctx = new FakeRequestContext();
    const result = await batch(ctx);
    if (ctx.pending > 0) await ctx.sync();
    return result;
  }

  const platform = session.options.platform;
  const ready = { host: 'Excel', platform };
  host.Excel = { run, RequestContext: FakeRequestContext, ...ENUMS };
  host.OfficeExtension = { Error: HostError, ErrorCodes: ENUMS.ErrorCodes };
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
