/**
 * The HTTP API as data. Each module declares its operations in a table keyed by `'METHOD /api/path'`
 * (Fastify's `:param` syntax); an entry is the Fastify route schema itself — operationId, summary,
 * tags and the zod schemas of params, query, body and answers. The server registers every route with
 * its entry (`{ schema: ticketOperations['GET /api/tickets/:id'] }`) and refuses to boot when a route
 * and the table disagree; OpenAPI is generated from the same objects; the web client takes its types
 * from the table by path (type-only imports, so zod stays out of the browser for this).
 */
import type { z } from 'zod';
import { errorSchema } from '../schemas.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `'GET /api/tickets/:id'`: the method and the full path as Fastify writes it. */
export type RouteKey = `${HttpMethod} /api/${string}`;

/** One operation: what Fastify validates and serializes with and what OpenAPI documents. */
export interface Operation {
  /** The name a generated client gives the call: `listTickets`, `getTicket`, `transitionTicket` … */
  operationId: string;
  /** One line a reader of the API docs understands. */
  summary: string;
  description?: string;
  tags: string[];
  /** `[]` for the few calls made without a session (login). */
  security?: Record<string, string[]>[];
  /** `['multipart/form-data']` for uploads (the body is a file, not JSON). */
  consumes?: string[];
  params?: z.ZodType;
  querystring?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  /** Answers by status; the 2xx ones type the web client's result. Downloads and streams have none. */
  response?: Record<number, z.ZodType>;
}

/** Checks a module's table (keys, entries) while keeping each entry's exact type for the route and the client. */
export function defineOperations<T extends { [K in keyof T]: K extends RouteKey ? Operation : never }>(table: T): T {
  return table;
}

/** The error answers an operation documents, all in the one error shape (SPEC §12). */
export function errorAnswers<const S extends readonly number[]>(...statuses: S): { [K in S[number]]: typeof errorSchema } {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema])) as { [K in S[number]]: typeof errorSchema };
}
