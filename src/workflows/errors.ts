// The workflows' one error for bad input: a code a program can branch on and a message that says what to
// do. Thrown before any request when the input can be checked locally (a missing file, an attachment over
// Outlook's limit), or after the lookup that showed it (a folder name that does not exist).
export type WorkflowErrorCode = 'fileNotFound' | 'attachmentTooLarge' | 'folderNotFound' | 'invalidArgument' | 'copyFailed';

export class WorkflowError extends TypeError {
  override name = 'WorkflowError';
  readonly code: WorkflowErrorCode;

  constructor(code: WorkflowErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
