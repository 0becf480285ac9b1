/**
 * The vocabulary of policy sections. A field is its zod schema (type and bounds, written once) plus
 * metadata kept beside it in a registry of our own (`policyFields`): labels in the three languages,
 * a unit, help, the labels of an enum's values. The policies page is drawn from both
 * (`describePolicySections` in index.ts), so nothing about a field is written a second time.
 */
import { z } from 'zod';

export const policyLocales = ['zh-CN', 'zh-TW', 'en'] as const;
export type PolicyLocale = (typeof policyLocales)[number];
/** A text in each language of the app. */
export type Labels = Record<PolicyLocale, string>;

/** Labels in zh-CN, zh-TW and en, in that order. */
export const labels = (zhCN: string, zhTW: string, en: string): Labels => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

/** Units a policy number is counted in (shown after the value). */
export const policyUnits = {
  days: labels('天', '天', 'days'),
  hours: labels('小时', '小時', 'hours'),
  minutes: labels('分钟', '分鐘', 'min'),
  months: labels('个月', '個月', 'months'),
  households: labels('户', '戶', 'households'),
  /** Visits or contacts (户次, 次). */
  times: labels('次', '次', 'times'),
  ways: labels('种', '種', 'ways'),
  files: labels('个', '個', 'files'),
  points: labels('分', '分', 'points'),
  yuan: labels('元', '元', 'yuan'),
  /** Sizes are stored in bytes and shown in KB / MB. */
  bytes: labels('字节', '位元組', 'bytes'),
} as const satisfies Record<string, Labels>;
export type PolicyUnit = keyof typeof policyUnits;

/**
 * How the page shows and edits a field whose zod type alone does not say it. Numbers, booleans,
 * enums, lists and nested objects (groups) are recognised from the schema.
 */
export const policyFieldKinds = [
  'group',
  'number',
  /** A share stored as a fraction 0–1 and shown as %. */
  'percent',
  'boolean',
  'enum',
  /** Several values of an enum. */
  'enumList',
  /** Free texts (phrases, codes). */
  'stringList',
  /** `{ amount, unit }`: N days or hours. */
  'duration',
  /** HH:MM */
  'time',
  /** MM-DD, every year */
  'monthDay',
  /** A value with an editor of its own (`editor`). */
  'custom',
] as const;
export type PolicyFieldKind = (typeof policyFieldKinds)[number];

/** Lists the page already holds, for values that are not a fixed enum of the policy. */
export const policyOptionSources = ['ticketTypes', 'ticketCategories'] as const;
/** Fields edited by an editor of their own instead of the generic one. */
export const policyEditors = ['shiftTemplates'] as const;

export interface PolicyFieldMeta {
  label: Labels;
  help?: Labels;
  unit?: PolicyUnit;
  kind?: 'percent' | 'duration' | 'time' | 'monthDay' | 'custom';
  /** Labels of an enum's values, or of the values a list may hold. */
  options?: Record<string, Labels>;
  /** The labels of the values come from a list the page has (the values still come from the schema). */
  optionsFrom?: (typeof policyOptionSources)[number];
  editor?: (typeof policyEditors)[number];
  /** A value shown as a placeholder. */
  example?: string;
}

/** The metadata of every policy field, keyed by its schema (kept out of zod's global registry and OpenAPI). */
export const policyFields = z.registry<PolicyFieldMeta>();

/** A policy field: the schema with its labels and unit. Each use needs its own schema instance. */
export function field<T extends z.ZodType>(schema: T, meta: PolicyFieldMeta): T {
  policyFields.add(schema, meta);
  return schema;
}

/** A share stored as a fraction (0.8) and shown as a percentage (80 %). */
export function percent<T extends z.ZodNumber>(schema: T, meta: Omit<PolicyFieldMeta, 'kind' | 'unit'>): T {
  return field(schema, { ...meta, kind: 'percent' });
}

export const calendarKinds = ['natural', 'working'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** A duration on a calendar: N days (natural or working), or hours for same-day clocks. */
export const durationSchema = z.object({
  amount: z.number().positive().max(365),
  unit: z.enum(['days', 'hours']),
});
export type Duration = z.infer<typeof durationSchema>;

export function duration(meta: Omit<PolicyFieldMeta, 'kind' | 'unit'>) {
  return field(durationSchema.clone(), { ...meta, kind: 'duration' });
}

export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
export const monthDaySchema = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date MM-DD');

/** A time of day, HH:MM. */
export function clockTime(meta: Omit<PolicyFieldMeta, 'kind'>) {
  return field(clockTimeSchema.clone(), { example: '08:30', ...meta, kind: 'time' });
}

/** A day of every year, MM-DD. */
export function monthDay(meta: Omit<PolicyFieldMeta, 'kind'>) {
  return field(monthDaySchema.clone(), { example: '05-01', ...meta, kind: 'monthDay' });
}

/**
 * One module's part of the policy: top-level keys of the stored policy with their schemas, the
 * defaults the regulations give, and a title for the policies page.
 */
export interface PolicySection<S extends z.ZodRawShape = z.ZodRawShape> {
  /** The owning module (tickets, duty …); names the section in the page and the API. */
  id: string;
  label: Labels;
  help?: Labels;
  shape: S;
  defaults: z.infer<z.ZodObject<S>>;
}

export function definePolicySection<S extends z.ZodRawShape>(section: PolicySection<S>): PolicySection<S> {
  return section;
}
