import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as service from '../../platform/holidays.ts';
import { calendarOperations } from '../../../shared/api/calendar.ts';

/** The company's holiday calendar (法定节假日 and 调休), which the working-day deadlines follow. */
export async function calendarRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/calendar/days',
    {
      schema: calendarOperations['GET /api/calendar/days'],
    },
    (req) => service.listCalendarDays(req.ctx(), req.query),
  );
  app.put(
    '/calendar/days/:date',
    {
      schema: calendarOperations['PUT /api/calendar/days/:date'],
    },
    (req) => service.upsertCalendarDay(req.ctx(), { date: req.params.date, ...req.body }),
  );
  app.delete(
    '/calendar/days/:date',
    {
      schema: calendarOperations['DELETE /api/calendar/days/:date'],
    },
    async (req, reply) => {
      await service.deleteCalendarDay(req.ctx(), req.params.date);
      return reply.status(204).send(null);
    },
  );
}
