import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps, Actor, ServiceContext } from './platform/context.ts';
import { AppError, errorBody } from './platform/errors.ts';
import { frameworkErrors, installCsrfGuard, installErrorHandler } from './platform/http.ts';
import { SESSION_COOKIE, SessionStore } from './platform/sessions.ts';
import { databaseRateLimitStore } from './platform/rateLimitStore.ts';
import { registryOf, type Registry } from './platform/modules.ts';
import { modules } from './modules/index.ts';
import { holdRoutesToTable } from './platform/routeTable.ts';

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    sessions: SessionStore;
    /** What the modules registered with the platform (obligations, facts). */
    registry: Registry;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    /** The service context of an authenticated caller; throws 401 when there is none. */
    ctx(): ServiceContext;
  }
}

export type App = FastifyInstance;

export interface BuildOptions {
  /** Pino logger options; false for silence (tests). */
  logger?: boolean | object;
}

/** Logs never carry query values (a search box may hold a phone number) nor cookies. */
function requestSerializer(req: FastifyRequest) {
  const [path, query] = req.url.split('?');
  const keys = query ? [...new URLSearchParams(query).keys()] : [];
  return { method: req.method, url: keys.length ? `${path}?${keys.map((k) => `${k}=…`).join('&')}` : path, remoteAddress: req.ip };
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger =
    options.logger === false
      ? false
      : {
          level: deps.config.logLevel,
          serializers: { req: requestSerializer },
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          ...(typeof options.logger === 'object' ? options.logger : {}),
        };
  const app = Fastify({
    logger,
    trustProxy: process.env.GUANJIA_TRUST_PROXY === 'true',
    bodyLimit: 2 * 1024 * 1024,
    // One line per request is noise at info level; errors are still logged with their request.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(deps.config.logLevel) }),
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  const sessions = new SessionStore(deps.database.db, deps.clock, deps.config.sessionSecret, deps.config.sessionIdleHours);
  app.decorate('sessions', sessions);
  installErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS into <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  // Every upload is read by readUpload (platform/http.ts) with the limit its policy gives; this is the fallback.
  await app.register(fastifyMultipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(fastifyRateLimit, {
    global: false,
    // Several app servers on one PostgreSQL database count login attempts together.
    ...(deps.config.databaseUrl ? { store: databaseRateLimitStore(deps.database.db) as never } : {}),
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  installCsrfGuard(app);

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): ServiceContext {
    if (!this.actor) throw new AppError('UNAUTHENTICATED', 'Please log in');
    return {
      db: deps.database.db,
      dialect: deps.database.dialect,
      clock: deps.clock,
      actor: this.actor,
      ip: this.ip,
      log: this.log,
      bus: deps.bus,
    };
  });
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.sessionToken = token;
    request.actor = (await sessions.resolve(token)) ?? null;
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Guanjia 管家 API',
        description: 'Customer service center of a property-management company. Errors: {"error":{"code","message","fields"}}.',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await deps.database.db.selectFrom('kv').select('key').limit(1).execute();
    return { status: 'ok', database: deps.database.dialect.name, time: deps.clock.now().toISOString() };
  });

  const registry = registryOf(modules);
  app.decorate('registry', registry);
  const routeTable = holdRoutesToTable(app);
  await app.register(
    async (api) => {
      for (const m of modules) await api.register(m.routes);
    },
    { prefix: '/api' },
  );
  routeTable.assertAllRegistered();

  const webDir = deps.config.webDir;
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/') || path === '/api' || request.method !== 'GET' || /\.[a-z0-9]{1,5}$/i.test(path)) {
      return reply.status(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${path}`));
    }
    if (!hasWeb) {
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Guanjia</title><p>The web app is not built yet: run <code>npm run build</code>.</p>',
        );
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
