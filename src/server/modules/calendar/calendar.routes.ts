import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '../../../shared/schemas.ts';
import * as service from '../../platform/holidays.ts';
import { calendarDateParam, calendarDay, calendarDayList, calendarDaysQuery, calendarDayUpsert } from './calendar.schemas.ts';

const errors = { 400: s.errorSchema, 401: s.errorSchema, 403: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema };

/** The company's holiday calendar (法定节假日 and 调休), which the working-day deadlines follow. */
export async function calendarRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  app.get(
    '/calendar/days',
    {
      schema: {
        tags,
        summary: 'Holidays and make-up working days (调休上班) of one year',
        querystring: calendarDaysQuery,
        response: { 200: calendarDayList, ...errors },
      },
    },
    (req) => service.listCalendarDays(req.ctx(), req.query),
  );
  app.put(
    '/calendar/days/:date',
    {
      schema: {
        tags,
        summary: 'Marks a date as a holiday or a make-up working day (administrators; kept by later seeding)',
        params: calendarDateParam,
        body: calendarDayUpsert,
        response: { 200: calendarDay, ...errors },
      },
    },
    (req) => service.upsertCalendarDay(req.ctx(), { date: req.params.date, ...req.body }),
  );
  app.delete(
    '/calendar/days/:date',
    {
      schema: {
        tags,
        summary: "Removes the company's own entry for a date; the official one, if any, comes back",
        params: calendarDateParam,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await service.deleteCalendarDay(req.ctx(), req.params.date);
      return reply.status(204).send(null);
    },
  );
}
