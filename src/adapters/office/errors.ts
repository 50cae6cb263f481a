/** Office.js errors -> what the task pane tells the user (Chinese). */

export type ErrorKind = 'protected' | 'unsupported' | 'busy' | 'unexpected';

/**
 * An Excel error during one of the add-in's operations, with what it means for the workbook
 * (Chinese, for the task pane): e.g. "写入标记时 Excel 出错……已自动恢复". `cause` is Excel's error.
 */
export class OperationError extends Error {
  readonly code: string;
  constructor(
    /** What happened and what the user can do, in Chinese. */
    readonly userMessage: string,
    readonly cause: unknown,
  ) {
    super(userMessage);
    this.name = 'OperationError';
    this.code = errorCode(cause);
  }
}

/** Short Chinese name of an Excel error, for messages ("（GeneralException）"). */
export function codeNote(e: unknown): string {
  const code = errorCode(e);
  return code ? `（${code}）` : '';
}

export interface DescribedError {
  kind: ErrorKind;
  message: string;
  /** Technical detail for the "详细信息" line. */
  detail: string;
}

export function errorCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return (e as { code: string }).code;
  }
  return '';
}

export function describeError(e: unknown): DescribedError {
  if (e instanceof OperationError) {
    const base = describeError(e.cause);
    // protection, old Excel or cell editing: say why too
    const why = base.kind === 'unexpected' ? '' : ` ${base.message}`;
    return { kind: base.kind, message: `${e.userMessage}${why}`, detail: base.detail };
  }
  const code = errorCode(e);
  const detail = `${code ? `${code}: ` : ''}${e instanceof Error ? e.message : String(e)}`;
  switch (code) {
    case 'AccessDenied':
      return { kind: 'protected', message: '工作表或工作簿受保护，无法修改。请撤销保护后重试。', detail };
    case 'ApiNotFound':
    case 'ApiNotAvailable':
      return {
        kind: 'unsupported',
        message: '当前 Excel 版本不支持此操作。请更新 Excel 后重试（Microsoft 365 和网页版 Excel 支持全部功能）。',
        detail,
      };
    // "Error handling with the application-specific JavaScript APIs" (Microsoft Learn): Excel refuses
    // API calls while the user edits a cell. Other pages and reports show a plain InvalidOperation
    // there, which has other causes too: that message says "if".
    case 'InvalidOperationInCellEditMode':
      return { kind: 'busy', message: 'Excel 正处于单元格编辑状态。请先结束单元格编辑（按 Enter 或 Esc），再重试。', detail };
    case 'InvalidOperation':
      return { kind: 'busy', message: 'Excel 拒绝了此操作。如果正在编辑单元格，请先结束单元格编辑（按 Enter 或 Esc），再重试。', detail };
    default:
      return { kind: 'unexpected', message: '发生意外错误，操作未完成。请重试；如仍失败，请保存工作簿后重新打开。', detail };
  }
}

/**
 * Chinese messages of failed operations (see OperationError): what happened and what to do, without Excel's error
 * code, which the task pane shows behind 详细信息 (DescribedError.detail).
 */
export const FAULT_MESSAGES = {
  checkRead: (_e: unknown) => `读取工作簿时 Excel 出错，校验没有完成。工作簿没有被修改，请重试。`,
  checkWriteRecovered: (_e: unknown, hadMarks: boolean) =>
    `写入标记时 Excel 出错，校验没有完成。已自动恢复：标记过的单元格已恢复原来的填充色${hadMarks ? '（之前校验留下的标记也一并清除）' : ''}，单元格内容没有改动。请重试。`,
  checkWriteStuck: (_e: unknown) =>
    `写入标记时 Excel 出错，校验没有完成，部分单元格可能已被标记（单元格内容没有改动）。请点击“清除标记”恢复原来的填充色，然后重试。`,
  clearRead: (_e: unknown) => `清除标记时 Excel 出错，没有做任何修改。请重试。`,
  clearWrite: (_e: unknown) =>
    `清除标记时 Excel 出错，部分单元格可能还没有恢复原来的填充色（单元格内容没有改动）。请再次点击“清除标记”完成恢复。`,
  reportRead: (_e: unknown) => `导出报告时 Excel 出错，没有做任何修改。请重试。`,
  reportWrite: (_e: unknown, sheet: string) =>
    `导出报告时 Excel 出错，新建的工作表“${sheet}”可能不完整（其他工作表没有改动）。请再次点击“导出报告”，报告会写入另一张新工作表；不完整的“${sheet}”可以删除。`,
};
