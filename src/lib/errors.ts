// A few typed errors with stable codes; one handler (plugins/errors.ts) maps them to HTTP statuses.
export interface ErrorDetail {
  row?: number;
  column?: string;
  value?: unknown;
  rule: string;
  message?: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] | Record<string, unknown>[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = [], code = 'bad_request') =>
  new AppError(400, code, message, details);
export const validationFailed = (message: string, details: ErrorDetail[]) =>
  new AppError(422, 'validation_failed', message, details);
export const unauthorized = (message = 'Sign in first') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You may not do this') => new AppError(403, 'forbidden', message);
export const notFound = (message = 'Not found') => new AppError(404, 'not_found', message);
export const conflict = (message: string, details: Record<string, unknown>[] = [], code = 'conflict') =>
  new AppError(409, code, message, details);
/** 409 stale_version: the data changed since the client read it; `current` is what it is now. */
export const staleVersion = (message: string, current: unknown) =>
  conflict(message, [{ rule: 'stale_version', current }], 'stale_version');
/** A refusal with its stable code, which the details repeat as their rule (the web says it in words). */
export const refuse = (status: number, code: string, message: string, detail: Record<string, unknown> = {}) =>
  new AppError(status, code, message, [{ rule: code, ...detail }]);
export const tooLarge = (message: string) => new AppError(413, 'too_large', message);

/** A command line used wrongly (unknown command, missing or bad flag): the CLI exits 2 with it. */
export const usageError = (message: string) => new AppError(400, 'usage', message);
export const isUsageError = (err: unknown): err is AppError =>
  err instanceof AppError && err.code === 'usage';
