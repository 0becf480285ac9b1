import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isUniqueViolation } from '../db/dialect.ts';
import { AppError, errorBody, type FieldError } from './errors.ts';

/** Maps every error to the SPEC §12 shape. Bad input is always a 4xx that names the field. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.fields));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return {
          path: path || (err.validationContext === 'body' ? 'body' : String(err.validationContext ?? 'request')),
          message: v.message ?? 'is invalid',
        };
      });
      const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `Invalid ${err.validationContext ?? 'input'}: ${summary}`, fields));
    }
    const dbError = mapDatabaseError(err);
    if (dbError) return reply.status(dbError.status).send(errorBody(dbError.code, dbError.message, dbError.fields));

    const fe = err as FastifyError;
    const status = fe.statusCode ?? 500;
    if (!isResponseSerializationError(err) && status >= 400 && status < 500) {
      const code =
        status === 415 || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 413
            ? 'PAYLOAD_TOO_LARGE'
            : fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
              ? 'INVALID_JSON'
              : status === 429
                ? 'RATE_LIMITED'
                : status === 404
                  ? 'NOT_FOUND'
                  : 'BAD_REQUEST';
      const fields = code === 'INVALID_JSON' ? [{ path: 'body', message: 'is not valid JSON' }] : undefined;
      return reply.status(status).send(errorBody(code, fe.message, fields));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Internal error; the details are in the server log'));
  });
}

/**
 * Errors the router raises before any hook runs (an undecodable address, a path segment longer than
 * the router allows) in the same error shape as every other error.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  return reply
    .status(tooLong ? 414 : 400)
    .send(errorBody(tooLong ? 'URI_TOO_LONG' : 'BAD_REQUEST', tooLong ? 'A part of the address is too long' : 'The address is not valid'));
}

/** Constraint violations that slipped past a service's own checks become 409, never 500. */
function mapDatabaseError(err: unknown): AppError | undefined {
  const code = (err as { code?: string }).code;
  if (!code) return undefined;
  if (isUniqueViolation(err)) {
    return new AppError('DUPLICATE', 'A record with the same key already exists');
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new AppError('CONFLICT', 'The record refers to something that does not exist or is still in use');
  }
  if (code === 'SQLITE_BUSY' || code === '40001' || code === '40P01') {
    return new AppError('CONFLICT', 'The database was busy; please retry');
  }
  return undefined;
}

/**
 * CSRF protection for cookie sessions: a state-changing request must come from our own origin.
 * Browsers send Sec-Fetch-Site and Origin on such requests; a page on another site cannot forge
 * them. Non-browser clients (scripts, the CLI) send neither and are not exposed to CSRF. The
 * SameSite=Strict cookie is the second layer.
 */
export function installCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      throw new AppError('CSRF_REJECTED', 'Cross-site request rejected');
    }
    const origin = request.headers.origin;
    if (origin === 'null') throw new AppError('CSRF_REJECTED', 'Opaque-origin request rejected');
    if (origin && !sameHost(origin, request.headers.host)) throw new AppError('CSRF_REJECTED', 'Cross-origin request rejected');
  });
}

/** Compares the Origin header with the Host header, with default ports normalised (":80" = ""). */
function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const o = new URL(origin);
    return o.host === new URL(`${o.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/** An uploaded file as the client sent it: its claimed name and its bytes (neither trusted). */
export interface Upload {
  filename: string;
  data: Buffer;
}

/**
 * The one file of a multipart upload (field `file`). `admit` runs first, before a byte of the body is
 * read: it checks who is asking and whether they may upload here (401, 403, 404 …) and returns the
 * most bytes this upload may have; reading stops as soon as the file is larger (413). So an anonymous or
 * unauthorised upload of any size is answered at once, and an allowed one is never held in memory
 * beyond its limit. A request that is not multipart is a 400 naming the field, not a 406.
 */
export async function readUpload(req: FastifyRequest, admit: () => Promise<number>): Promise<Upload> {
  const maxBytes = await admit();
  const missing = () =>
    new AppError('VALIDATION_FAILED', 'file: is missing (multipart/form-data with a field named file)', [
      { path: 'file', message: 'is missing (multipart/form-data with a field named file)' },
    ]);
  if (!req.isMultipart()) throw missing();
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw missing();
  try {
    return { filename: part.filename, data: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
    const mb = `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`;
    throw new AppError('PAYLOAD_TOO_LARGE', `file: is larger than ${mb}`, [{ path: 'file', message: `is larger than ${mb}` }]);
  }
}

/**
 * A Content-Disposition with a file name in any language: an ASCII fallback for old clients and the
 * real name encoded per RFC 5987 / RFC 6266 (filename*=UTF-8''…).
 */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
