import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { LiveEvent } from '../../platform/events.ts';
import { canAccessProject } from '../../platform/permissions.ts';
import { listNotifications, markRead } from './notifications.service.ts';
import { notificationOperations } from '../../../shared/api/notifications.ts';

export async function notificationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/notifications',
    {
      schema: notificationOperations['GET /api/notifications'],
    },
    (req) => listNotifications(req.ctx(), { ...req.query, unread: req.query.unread === 'true' }),
  );
  app.post('/notifications/:id/read', { schema: notificationOperations['POST /api/notifications/:id/read'] }, async (req, reply) => {
    await markRead(req.ctx(), req.params.id);
    return reply.status(204).send(null);
  });
  app.post('/notifications/read-all', { schema: notificationOperations['POST /api/notifications/read-all'] }, async (req, reply) => {
    await markRead(req.ctx(), 'all');
    return reply.status(204).send(null);
  });

  /**
   * Server-sent events: major alerts of the caller's projects, their own notifications and ticket
   * changes, live. A comment line every 25 s keeps proxies from closing the stream.
   */
  app.get('/events', { schema: notificationOperations['GET /api/events'] }, (req, reply) => {
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
