import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema, idParam, listQuery } from '../../../shared/schemas.ts';
import { notification } from '../../../shared/tickets.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { canAccessProject } from '../../platform/permissions.ts';
import { listNotifications, markRead } from './notifications.service.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export async function notificationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'The caller’s notifications (the bell), newest first, with the unread count',
        querystring: listQuery.extend({ unread: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(notification), nextCursor: z.string().nullable(), unread: z.number() }), ...errors },
      },
    },
    (req) => listNotifications(req.ctx(), { ...req.query, unread: req.query.unread === 'true' }),
  );
  app.post('/notifications/:id/read', { schema: { tags, params: idParam, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await markRead(req.ctx(), req.params.id);
    return reply.status(204).send(null);
  });
  app.post('/notifications/read-all', { schema: { tags, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await markRead(req.ctx(), 'all');
    return reply.status(204).send(null);
  });

  /**
   * Server-sent events: major alerts of the caller's projects, their own notifications and ticket
   * changes, live. A comment line every 25 s keeps proxies from closing the stream.
   */
  app.get('/events', { schema: { tags, summary: 'Live events (text/event-stream)' } }, (req, reply) => {
    const ctx = req.ctx();
    const actor = ctx.actor;
    const visible = (e: LiveEvent) => {
      if (e.companyId !== actor.companyId) return false;
      if (e.staffIds) return actor.kind === 'staff' && e.staffIds.includes(actor.id);
      if (actor.kind !== 'staff') return false;
      return e.projectId === null ? actor.allProjects : canAccessProject(actor, e.projectId);
    };
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n\n`);
    const unsubscribe = app.deps.bus.subscribe((e) => {
      if (visible(e)) res.write(`event: ${e.type}\ndata: ${JSON.stringify({ projectId: e.projectId, ...(e.data as object) })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
