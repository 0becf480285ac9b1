/**
 * The register kit: a module defines a paper register once — which records, in which order, and its
 * columns — and gets its JSON page (screen and A4 print), its .xlsx and its place in the registers
 * page. Personal numbers are masked here, once, for every output: a column says what it holds
 * (`mask: 'phone' | 'idNumber' | 'text'`) and no output can forget it.
 */
import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Executor } from '../db/database.ts';
import type { DialectHelpers } from '../db/dialect.ts';
import type { DB } from '../db/types.ts';
import { maskIdNumber, maskNumbersInText, maskPhone } from '../../shared/mask.ts';
import type { Permission } from '../../shared/permissions.ts';
import type { Labels } from '../../shared/policies/fields.ts';
import type { GenericRegisterPage, RegisterColumnView, registerBaseQuery, registerCellTypes } from '../../shared/registers.ts';
import type { ServiceContext, StaffActor } from './context.ts';
import { invalid } from './errors.ts';
import { localDaysRange } from './periods.ts';
import { assertProjectAccess, requirePermission, requireStaff } from './permissions.ts';
import { projectClock } from './project.ts';
import { attachmentHeader, buildWorkbook, localDateTime } from './xlsx.ts';

export type RegisterCellValue = string | number | boolean | null;

export interface RegisterColumn<R> {
  key: string;
  /** The header in each language; the zh-CN one is the paper register's and the workbook's. */
  header: Labels;
  /** Width in characters (the workbook's; the screen and print take it as a share). */
  width: number;
  type?: (typeof registerCellTypes)[number];
  numFmt?: string;
  /** An enum's labels on paper, and the web's message prefix for them (`status` → status.closed). */
  enumLabels?: Record<string, string>;
  i18n?: string;
  /** What personal data the column holds: masked here for screen, print and workbook alike. */
  mask?: 'phone' | 'idNumber' | 'text';
  value(row: R): RegisterCellValue;
}

/** What a register's query receives. */
export interface RegisterContext {
  exec: Executor;
  dialect: DialectHelpers;
  actor: StaffActor;
  projectId: number;
  timeZone: string;
  /** The local days asked for, as a UTC range (either end may be open). */
  range: { from?: string; to?: string };
  /** The search box, when the register has full-text search. */
  q?: string;
  now: Date;
}

export interface RegisterDefinition<R extends { id: number } = { id: number }, F = Record<string, unknown>> {
  register: string;
  module: string;
  /** The paper register's title (报修记录). */
  title: string;
  label: Labels;
  permission: Permission;
  /** Its own filters (query parameters besides projectId, from, to, q); a wrong one is a 400 naming it. */
  filters: z.ZodType<F>;
  /** The records of the project in the range, filtered; the kit adds order, cursor and limit. */
  // The tables a register joins are its own business.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  select(c: RegisterContext, filters: F): SelectQueryBuilder<DB, any, R>;
  /** The column the register is ordered by (the time of entry, ISO text) and the id column breaking ties. */
  order: { time: string; id: string };
  timeOf(row: R): string;
  columns: RegisterColumn<R>[];
  link?(row: R): string | null;
  /** The whole records as well, for registers over a richer record (the ticket registers keep their tickets). */
  items?(c: RegisterContext, rows: R[]): unknown[];
}

/** Keeps each register's row type inside its definition; the kit handles them alike. */
export function defineRegister<R extends { id: number }, F>(def: RegisterDefinition<R, F>): RegisterDefinition {
  return def as unknown as RegisterDefinition;
}

/** More rows than this do not go into one workbook: the caller narrows the date range. */
export const maxExportRows = 20_000;

type Query = z.infer<typeof registerBaseQuery>;

const baseKeys = new Set(['projectId', 'from', 'to', 'q', 'format', 'limit', 'cursor']);

function masked(column: RegisterColumn<never>, value: RegisterCellValue): RegisterCellValue {
  if (typeof value !== 'string') return value;
  if (column.mask === 'phone') return maskPhone(value);
  if (column.mask === 'idNumber') return maskIdNumber(value);
  if (column.mask === 'text') return maskNumbersInText(value);
  return value;
}

function cellsOf(def: RegisterDefinition, row: { id: number }): Record<string, RegisterCellValue> {
  return Object.fromEntries(def.columns.map((c) => [c.key, masked(c as RegisterColumn<never>, c.value(row))]));
}

function findRegister(definitions: readonly RegisterDefinition[], register: string): RegisterDefinition {
  const def = definitions.find((d) => d.register === register);
  if (!def) throw invalid('register', `is not a register (${definitions.map((d) => d.register).join(', ')})`);
  return def;
}

async function prepare(ctx: ServiceContext, definitions: readonly RegisterDefinition[], register: string, query: Query) {
  const def = findRegister(definitions, register);
  const actor = requirePermission(ctx, def.permission);
  assertProjectAccess(actor, query.projectId);
  const pc = await projectClock(ctx.db, actor.companyId, query.projectId);
  if (query.from && query.to && query.to < query.from) throw invalid('to', 'must not be before from');
  const extra = Object.fromEntries(Object.entries(query).filter(([k]) => !baseKeys.has(k)));
  const parsed = def.filters.safeParse(extra);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.path.join('.') || 'query', issue.message);
  }
  const c: RegisterContext = {
    exec: ctx.db,
    dialect: ctx.dialect,
    actor,
    projectId: query.projectId,
    timeZone: pc.timeZone,
    range: {
      from: query.from ? localDaysRange(query.from, query.from, pc.timeZone).from : undefined,
      to: query.to ? localDaysRange(query.to, query.to, pc.timeZone).to : undefined,
    },
    q: query.q,
    now: ctx.clock.now(),
  };
  return { def, c, filters: parsed.data, projectName: pc.projectName };
}

/** Opaque cursor of a register page: the time and id of the last row (the sort key). */
function encodeCursor(time: string, id: number): string {
  return Buffer.from(`r:${time}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { time: string; id: number } | undefined {
  if (!cursor) return undefined;
  const m = /^r:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw invalid('cursor', 'is not a cursor from this API');
  return { time: m[1], id: Number(m[2]) };
}

function columnViews(def: RegisterDefinition): RegisterColumnView[] {
  return def.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    type: c.type ?? 'text',
    ...(c.i18n ? { i18n: c.i18n } : {}),
    ...(c.enumLabels ? { enumLabels: c.enumLabels } : {}),
  }));
}

/** GET /api/registers/:register — newest entry first, paged. */
export async function registerPage(
  ctx: ServiceContext,
  definitions: readonly RegisterDefinition[],
  register: string,
  query: Query,
): Promise<GenericRegisterPage> {
  const { def, c, filters } = await prepare(ctx, definitions, register, query);
  let q = def.select(c, filters);
  const after = decodeCursor(query.cursor);
  // Row values compare as a sort key on both databases: (time, id) < (the last row's).
  if (after) q = q.where(sql<SqlBool>`(${sql.ref(def.order.time)}, ${sql.ref(def.order.id)}) < (${after.time}, ${after.id})`);
  const rows = (await q
    .orderBy(def.order.time as never, 'desc')
    .orderBy(def.order.id as never, 'desc')
    .limit(query.limit + 1)
    .execute()) as { id: number }[];
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    register: def.register,
    title: def.title,
    columns: columnViews(def),
    rows: page.map((r) => ({ id: r.id, link: def.link?.(r) ?? null, cells: cellsOf(def, r) })),
    ...(def.items ? { items: def.items(c, page) } : {}),
    nextCursor: more ? encodeCursor(def.timeOf(last), last.id) : null,
  };
}

/** The register as a workbook, in time order as on paper, masked as on screen. */
export async function registerWorkbook(
  ctx: ServiceContext,
  definitions: readonly RegisterDefinition[],
  register: string,
  query: Query,
): Promise<{ buffer: Buffer; contentDisposition: string }> {
  const { def, c, filters, projectName } = await prepare(ctx, definitions, register, query);
  const rows = (await def
    .select(c, filters)
    .orderBy(def.order.time as never)
    .orderBy(def.order.id as never)
    .limit(maxExportRows + 1)
    .execute()) as { id: number }[];
  if (rows.length > maxExportRows) throw invalid('from', `more than ${maxExportRows} rows; choose a shorter period`);
  const period = query.from || query.to ? `${query.from ?? ''}至${query.to ?? ''}` : '全部';
  const toSheet = (col: RegisterColumn<never>, v: RegisterCellValue) => {
    if (v === null) return null;
    if (col.type === 'datetime' && typeof v === 'string') return localDateTime(v, c.timeZone);
    if (col.type === 'boolean') return v ? '是' : '否';
    if (col.type === 'enum' && typeof v === 'string') return col.enumLabels?.[v] ?? v;
    return v as string | number;
  };
  const buffer = await buildWorkbook([
    {
      name: def.title,
      title: `${projectName} ${period} ${def.title}`,
      columns: def.columns.map((col) => ({ header: col.header['zh-CN'], width: col.width, numFmt: col.numFmt })),
      rows: rows.map((r) => {
        const cells = cellsOf(def, r);
        return def.columns.map((col) => toSheet(col as RegisterColumn<never>, cells[col.key]));
      }),
    },
  ]);
  const suffix = query.from || query.to ? `_${query.from ?? ''}_${query.to ?? ''}` : '';
  return {
    buffer,
    contentDisposition: attachmentHeader(
      `${def.title}_${projectName}${suffix}.xlsx`,
      `register-${def.register}${suffix.replace(/_/g, '-')}.xlsx`,
    ),
  };
}

/** The registers the caller may open. */
export function listRegisters(ctx: ServiceContext, definitions: readonly RegisterDefinition[]) {
  const actor = requireStaff(ctx.actor);
  return {
    items: definitions
      .filter((d) => actor.permissions.has(d.permission))
      .map((d) => ({
        register: d.register,
        module: d.module,
        title: d.title,
        label: d.label,
        filters: Object.keys((d.filters as unknown as { shape?: object }).shape ?? {}),
      })),
  };
}
