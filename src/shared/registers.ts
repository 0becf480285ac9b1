/**
 * Registers (登记表): the paper books of the center — 报修记录, 投诉记录, 日常事务登记表, 夜间值班记录表,
 * later the parcel, visitor and key registers — as one kind of page. Each module defines a register
 * once (its columns); the same definition gives the JSON list on screen, the A4 print and the .xlsx,
 * with personal numbers masked once, by the server.
 */
import { z } from 'zod';
import { dateText, id, labelsSchema, listQuery } from './schemas.ts';

export const registerCellTypes = ['text', 'datetime', 'date', 'number', 'enum', 'boolean'] as const;

/** How a column is shown: its Chinese header (the paper's words), width and kind of value. */
export const registerColumnView = z.object({
  key: z.string(),
  /** The header in each language; the zh-CN one is the paper register's and the workbook's. */
  header: labelsSchema,
  /** Relative width (characters in the workbook). */
  width: z.number(),
  type: z.enum(registerCellTypes),
  /** An enum's labels: the web looks up `${i18n}.${value}` and falls back to these (the paper's words). */
  i18n: z.string().optional(),
  enumLabels: z.record(z.string(), z.string()).optional(),
});
export type RegisterColumnView = z.infer<typeof registerColumnView>;

export const registerCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const registerRow = z.object({
  id: z.number(),
  /** The web page of the record, or null. */
  link: z.string().nullable(),
  /** The values by column key, personal numbers already masked; date-times as ISO (the web shows local time). */
  cells: z.record(z.string(), registerCell),
});
export type RegisterRow = z.infer<typeof registerRow>;

/** A page of a register, newest first (the .xlsx is in time order, like the paper). */
export const registerPage = z.object({
  register: z.string(),
  title: z.string(),
  columns: z.array(registerColumnView),
  rows: z.array(registerRow),
  /** Registers over another record keep its full shape too (the ticket registers: their tickets). */
  items: z.array(z.unknown()).optional(),
  nextCursor: z.string().nullable(),
});
export type GenericRegisterPage = z.infer<typeof registerPage>;

export const registerParams = z.object({ register: z.string().min(1).max(40) });

/** What every register is filtered by; a register may take more filters of its own (listed in GET /api/registers). */
export const registerBaseQuery = listQuery
  .extend({
    projectId: id,
    /** First local day (inclusive). */
    from: dateText.optional(),
    /** Last local day (inclusive). */
    to: dateText.optional(),
    /** Chinese full-text search, where the register has it. */
    q: z.string().trim().max(100).optional(),
    /** `xlsx` returns an Excel workbook (attachment) instead of JSON. */
    format: z.enum(['json', 'xlsx']).default('json'),
  })
  .loose();

/** A register the caller may open. */
export const registerListItem = z.object({
  register: z.string(),
  module: z.string(),
  title: z.string(),
  label: labelsSchema,
  /** Its own filters (query parameters) besides projectId, from, to and q. */
  filters: z.array(z.string()),
});
