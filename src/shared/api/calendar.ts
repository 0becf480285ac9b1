/** Operations of the company's holiday calendar (法定节假日 and 调休), which the working-day deadlines follow. */
import { calendarDateParam, calendarDay, calendarDayList, calendarDaysQuery, calendarDayUpsert } from '../calendar.ts';
import { noContent } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404, 409);
const tags = ['calendar'];

export const calendarOperations = defineOperations({
  'GET /api/calendar/days': {
    operationId: 'listCalendarDays',
    summary: 'Holidays and make-up working days (调休上班) of one year',
    tags,
    querystring: calendarDaysQuery,
    response: { 200: calendarDayList, ...errors },
  },
  'PUT /api/calendar/days/:date': {
    operationId: 'setCalendarDay',
    summary: 'Marks a date as a holiday or a make-up working day (administrators; kept by later seeding)',
    tags,
    params: calendarDateParam,
    body: calendarDayUpsert,
    response: { 200: calendarDay, ...errors },
  },
  'DELETE /api/calendar/days/:date': {
    operationId: 'deleteCalendarDay',
    summary: "Removes the company's own entry for a date; the official one, if any, comes back",
    tags,
    params: calendarDateParam,
    response: { 204: noContent, ...errors },
  },
});
