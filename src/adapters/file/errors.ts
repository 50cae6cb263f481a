/** The one error a reader throws: its message is Chinese and says what the user can do. */
export class WorkbookReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}
