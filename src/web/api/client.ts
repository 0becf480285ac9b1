/**
 * The typed fetch client. Every call goes through request(): JSON in, JSON out, errors turned into
 * ApiError carrying the server's stable code, message and field paths (SPEC §12).
 */
import type { z } from 'zod';
import type { errorSchema } from '../../shared/schemas.ts';

type ErrorBody = z.infer<typeof errorSchema>;
export type FieldError = NonNullable<ErrorBody['error']['fields']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A 401 that means "no valid session" (a wrong password at login is also a 401, but not this). */
  get isSessionExpired(): boolean {
    return this.status === 401 && this.code !== 'INVALID_CREDENTIALS';
  }
}

/** Raised when fetch itself fails (server down, network gone). */
export const NETWORK_ERROR = 'NETWORK';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function buildPath(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function request<T>(
  method: Method,
  path: string,
  options: { query?: Query; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal };
  if (options.body instanceof FormData) {
    // multipart: the browser writes the content-type with its boundary itself
    init.body = options.body;
  } else if (method !== 'GET' && method !== 'DELETE') {
    headers['content-type'] = 'application/json';
    // POSTs without a body still send an empty JSON object: the server parses every body as JSON.
    init.body = JSON.stringify(options.body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(buildPath(path, options.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, NETWORK_ERROR, 'Network error');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(data)) {
      throw new ApiError(response.status, data.error.code, data.error.message, data.error.fields ?? []);
    }
    throw new ApiError(
      response.status,
      response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
      response.statusText || `HTTP ${response.status}`,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A POST with extra headers (Idempotency-Key). */
  postWith: <T>(path: string, body: unknown, headers: Record<string, string>) => request<T>('POST', path, { body, headers }),
  /** One file as multipart/form-data, field `file` (photos of a ticket). */
  upload: <T>(path: string, file: Blob, name = 'photo.jpg') => {
    const form = new FormData();
    form.append('file', file, name);
    return request<T>('POST', path, { body: form });
  },
};

/** A new random key per form submission: a double click or a retry of the same submission is one ticket. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
