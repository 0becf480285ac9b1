/** Request and response schemas of the holiday calendar API (法定节假日 and 调休 make-up working days). */
import { z } from 'zod';

/** holiday: a day off that would otherwise be a working day; workday: a make-up working day (调休上班) on a weekend. */
export const calendarDayKind = z.enum(['holiday', 'workday']);
/** chinese-days: loaded from the official State Council schedule; manual: entered by the company's administrator. */
export const calendarDaySource = z.enum(['chinese-days', 'manual']);

/** Years the calendar can be listed and edited for. */
export const calendarYears = { min: 2000, max: 2099 } as const;

/** Why the text is not a usable calendar date, or undefined when it is one. */
function dateProblem(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return 'must be a date YYYY-MM-DD';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return 'is not a real calendar date';
  if (y < calendarYears.min || y > calendarYears.max) return `must be in the years ${calendarYears.min}–${calendarYears.max}`;
  return undefined;
}

/** A local date YYYY-MM-DD that exists (2026-02-30 does not), within the supported years. */
export const calendarDate = z.string().superRefine((text, ctx) => {
  const problem = dateProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const calendarDay = z.object({
  date: z.string(),
  kind: calendarDayKind,
  /** The holiday's name, e.g. 国庆节; on a make-up working day the holiday it makes up for. */
  name: z.string().nullable(),
  source: calendarDaySource,
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarDayList = z.object({ items: z.array(calendarDay) });

export const calendarDaysQuery = z.object({
  year: z.coerce
    .number({ error: 'must be a year such as 2026' })
    .int('must be a year such as 2026')
    .min(calendarYears.min, `must be ${calendarYears.min} or later`)
    .max(calendarYears.max, `must be ${calendarYears.max} or earlier`),
});

export const calendarDateParam = z.object({ date: calendarDate });

export const calendarDayUpsert = z.object({
  kind: calendarDayKind,
  /** Shown in the calendar, e.g. 国庆节 or 公司年会; empty for none. */
  name: z.string().trim().max(50, 'must be at most 50 characters').nullish(),
});
export type CalendarDayUpsert = z.infer<typeof calendarDayUpsert>;
