import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { residentMe, staffMe } from '../../../shared/schemas.ts';
import { SESSION_COOKIE } from '../../platform/sessions.ts';
import { changePassword, describeActor, loginResident, loginStaff } from './auth.service.ts';
import { authOperations } from '../../../shared/api/auth.ts';

export async function authRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { database, clock, config } = app.deps;
  const deps = { db: database.db, clock, sessions: app.sessions };
  // Counted per address and account: a whole office behind one NAT address can still log in at
  // shift change, while guessing one account's password is slowed down.
  const loginLimit = {
    rateLimit: {
      max: config.loginRateLimit,
      timeWindow: '1 minute',
      hook: 'preHandler' as const,
      keyGenerator: (req: FastifyRequest) => {
        const body = (req.body ?? {}) as { username?: unknown; phone?: unknown };
        return `${req.ip}|${String(body.username ?? body.phone ?? '')}`.toLowerCase();
      },
    },
  };

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.cookieSecure,
      maxAge: Math.round(config.sessionIdleHours * 3600),
    });

  app.post(
    '/auth/login',
    {
      config: loginLimit,
      schema: authOperations['POST /api/auth/login'],
    },
    async (request, reply) => {
      const { token, actor } = await loginStaff(deps, request.body.username, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        previousToken: request.sessionToken,
      });
      setCookie(reply, token);
      return describeActor(database.db, actor) as Promise<z.infer<typeof staffMe>>;
    },
  );

  app.post(
    '/portal/login',
    {
      config: loginLimit,
      schema: authOperations['POST /api/portal/login'],
    },
    async (request, reply) => {
      const { token, actor } = await loginResident(deps, request.body.phone, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        previousToken: request.sessionToken,
      });
      setCookie(reply, token);
      return describeActor(database.db, actor) as Promise<z.infer<typeof residentMe>>;
    },
  );

  app.get(
    '/auth/me',
    {
      schema: authOperations['GET /api/auth/me'],
    },
    async (request) => describeActor(database.db, request.ctx().actor),
  );

  app.post(
    '/auth/logout',
    {
      schema: authOperations['POST /api/auth/logout'],
    },
    async (request, reply) => {
      if (request.sessionToken) await app.sessions.destroy(request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: loginLimit,
      schema: authOperations['POST /api/auth/password'],
    },
    async (request, reply) => {
      await changePassword(request.ctx(), app.sessions, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );
}
