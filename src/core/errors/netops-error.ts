import { ErrorCodes, type ErrorCode } from './error-codes.ts';

/** Every error that leaves a use case carries a stable code, an operator-readable message and details. */
export class NetOpsError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** Overrides the code's default retry class, e.g. a timeout after a config command was sent. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, details?: unknown, options?: { retryable?: boolean; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NetOpsError';
    this.code = code;
    this.details = details;
    this.retryable = options?.retryable ?? ErrorCodes[code].retryable;
  }

  get status(): number {
    return ErrorCodes[this.code].status;
  }

  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isNetOpsError(err: unknown): err is NetOpsError {
  return err instanceof NetOpsError;
}

/** Wraps anything thrown at a boundary so nothing leaves without a code. */
export function asNetOpsError(err: unknown): NetOpsError {
  if (err instanceof NetOpsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new NetOpsError('INTERNAL', message, undefined, { cause: err });
}

/** One field-level problem inside a validation error's details. */
export interface FieldIssue {
  field: string;
  message: string;
}

export function validationError(code: ErrorCode, message: string, issues: FieldIssue[]): NetOpsError {
  return new NetOpsError(code, message, { issues });
}
