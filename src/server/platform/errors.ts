/**
 * One error type with stable codes. Services throw AppError; the HTTP layer maps the code to a
 * status and renders the SPEC §12 error shape. 5xx messages stay generic.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_IN_PROJECT: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DUPLICATE: 409,
  STALE: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('FORBIDDEN', message);
/** A value that must be unique is taken: 409 naming the field. */
export const duplicate = (path: string, message: string, fieldMessage = 'already exists') =>
  new AppError('DUPLICATE', `${path}: ${message}`, [{ path, message: fieldMessage }]);
export const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

export function errorBody(code: string, message: string, fields?: FieldError[]): ErrorBody {
  return { error: { code, message, ...(fields && fields.length ? { fields } : {}) } };
}
