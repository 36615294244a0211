/** Error codes every layer agrees on; the renderer shows `file: reason`, never a stack. */
export const ERROR_CODES = [
  'bad-request',
  'file-unreadable',
  'file-too-large',
  'unsupported-format',
  'pdf-unreadable',
  'no-entries-found',
  'not-found',
  'duplicate',
  'policy-invalid',
  'database-from-future',
  'database-error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  reason: string;
  file?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly reason: string;

  constructor(code: ErrorCode, reason: string, options: { file?: string; cause?: unknown } = {}) {
    super(options.file ? `${options.file}: ${reason}` : reason, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.reason = reason;
    this.file = options.file;
  }

  toData(): AppErrorData {
    return this.file === undefined
      ? { code: this.code, reason: this.reason }
      : { code: this.code, reason: this.reason, file: this.file };
  }
}

export function isAppError(x: unknown): x is AppError {
  return x instanceof AppError;
}

/** The one-line message a person reads: "file: reason". */
export function formatError(e: AppErrorData): string {
  return e.file ? `${e.file}: ${e.reason}` : e.reason;
}

export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(x)}`);
}
