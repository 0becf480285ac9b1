/**
 * The typed fetch client. Every call names an operation of the route table (src/shared/api) by its
 * method and path — `api.get('/api/tickets/:id', { params: { id } })` — and its params, query, body
 * and answer are typed from that operation's zod schemas (type-only imports: no zod in the bundle for
 * this). JSON in, JSON out; errors become ApiError carrying the server's stable code, message and
 * field paths (SPEC §12).
 */
import type { z } from 'zod';
import type { ApiRoutes } from '../../shared/api/index.ts';
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

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type RouteKey = keyof ApiRoutes & string;
/** The paths of the API that answer this method. */
export type PathOf<M extends Method> = RouteKey extends infer K ? (K extends `${M} ${infer P}` ? P : never) : never;
/** The route table's entry of an operation. */
export type Op<M extends Method, P extends string> = ApiRoutes[`${M} ${P}` & RouteKey];

/** A field the server coerces from text (an id, a number in the query) is given as what it becomes. */
type Wire<In, Out> = unknown extends In ? Out : In;
type WireOf<S extends z.ZodType> = { [K in keyof z.input<S>]: Wire<z.input<S>[K], K extends keyof z.output<S> ? z.output<S>[K] : never> };

type ParamsPart<O> = O extends { params: infer S extends z.ZodType } ? { params: WireOf<S> } : { params?: undefined };
/** Query fields are optional to the type (a hook is disabled until it has them); the server still insists. */
type QueryPart<O> = O extends { querystring: infer S extends z.ZodType }
  ? { query?: { [K in keyof WireOf<S>]?: WireOf<S>[K] | null } }
  : { query?: undefined };
type BodyPart<O> = O extends { body: infer S extends z.ZodType } ? { body: z.input<S> } : { body?: undefined };
/** What a call of the operation sends: its path params, query and body, as its schemas accept them. */
export type CallOptions<O> = ParamsPart<O> & QueryPart<O> & BodyPart<O> & { signal?: AbortSignal; headers?: Record<string, string> };
/** The options may be left out when nothing in them is required. */
type Args<O> = Record<never, never> extends CallOptions<O> ? [options?: CallOptions<O>] : [options: CallOptions<O>];

/** The answer of an operation: what its 2xx response schemas produce (null for a 204). */
export type Answer<O> = O extends { response: infer R } ? z.output<R[Extract<keyof R, 200 | 201 | 202 | 204>]> : unknown;
/** The answer of `METHOD path`, e.g. `ApiAnswer<'GET', '/api/tickets/:id'>` is a ticket with its timeline. */
export type ApiAnswer<M extends Method, P extends PathOf<M>> = Answer<Op<M, P>>;
/** What `METHOD path` takes as its body. */
export type ApiBody<M extends Method, P extends PathOf<M>> = Op<M, P> extends { body: infer S extends z.ZodType } ? z.input<S> : never;

/** Uploads: the operations that take a file (multipart/form-data, field `file`) instead of JSON. */
type UploadPath = RouteKey extends infer K
  ? K extends `POST ${infer P}`
    ? ApiRoutes[K & RouteKey] extends { consumes: string[] }
      ? P
      : never
    : never
  : never;

/** `/api/tickets/:id` with `{ id: 7 }` is `/api/tickets/7`; each value is encoded. */
export function fillPath(path: string, params?: object): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = (params as Record<string, unknown> | undefined)?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`${path}: the path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

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

async function request<T>(
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
  if (response.status === 204) return null as T;
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

type Sent = { params?: object; query?: object; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> };

function call(method: Method, path: string, options: Sent = {}) {
  return request(method, fillPath(path, options.params), { ...options, query: options.query as Query | undefined });
}

export const api = {
  get: <P extends PathOf<'GET'>>(path: P, ...[options]: Args<Op<'GET', P>>) => call('GET', path, options) as Promise<Answer<Op<'GET', P>>>,
  post: <P extends PathOf<'POST'>>(path: P, ...[options]: Args<Op<'POST', P>>) =>
    call('POST', path, options) as Promise<Answer<Op<'POST', P>>>,
  put: <P extends PathOf<'PUT'>>(path: P, ...[options]: Args<Op<'PUT', P>>) => call('PUT', path, options) as Promise<Answer<Op<'PUT', P>>>,
  patch: <P extends PathOf<'PATCH'>>(path: P, ...[options]: Args<Op<'PATCH', P>>) =>
    call('PATCH', path, options) as Promise<Answer<Op<'PATCH', P>>>,
  delete: <P extends PathOf<'DELETE'>>(path: P, ...[options]: Args<Op<'DELETE', P>>) =>
    call('DELETE', path, options) as Promise<Answer<Op<'DELETE', P>>>,
  /** One file as multipart/form-data, field `file` (photos, archive files, an import workbook). */
  upload: <P extends UploadPath>(path: P, options: Omit<CallOptions<Op<'POST', P>>, 'body'> & { file: Blob; name?: string }) => {
    const { file, name, ...sent } = options as Sent & { file: Blob; name?: string };
    const form = new FormData();
    form.append('file', file, name ?? 'photo.jpg');
    return call('POST', path, { ...sent, body: form }) as Promise<Answer<Op<'POST', P>>>;
  },
};

/** The address of a GET operation for a link or a download (an .xlsx export); the cookie session applies. */
export function apiUrl<P extends PathOf<'GET'>>(path: P, options: Pick<CallOptions<Op<'GET', P>>, 'params' | 'query'>): string {
  const { params, query } = options as Sent;
  return buildPath(fillPath(path, params), query as Query | undefined);
}

/** A new random key per form submission: a double click or a retry of the same submission is one ticket. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
