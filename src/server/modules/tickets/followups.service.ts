/**
 * What follows a ticket besides the workflow: the complaint record (五清楚一报告, the customer's
 * confirmation, the written reply, validity), adopted suggestions (爱我小区), return-visit tasks
 * and photos.
 */
import type { z } from 'zod';
import { maskPhone } from '../../../shared/mask.ts';
import type { AdoptedSuggestion, ReturnVisitTask, complaintUpdate, returnVisitsQuery } from '../../../shared/tickets.ts';
import type { Satisfaction, TicketType, VisitMethod } from '../../../shared/enums.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { assertProjectAccess, projectScope, requirePermission } from '../../platform/permissions.ts';
import { applyGuardedChange, type GuardedChange } from '../../platform/guarded.ts';
import { appendEvents, ticketRecord } from '../../platform/timeline.ts';
import { checklistOf, type TicketRow } from './tickets.repository.ts';
import { getTicket, ticketForCaller } from './tickets.service.ts';

/** A change of a ticket's follow-up record (no status change): guarded like a workflow action. */
function changeTicket(ctx: ServiceContext, row: TicketRow, change: Omit<GuardedChange, 'live'>) {
  return applyGuardedChange(ctx, ticketRecord, row, {
    ...change,
    live: [
      {
        type: 'ticket_changed',
        companyId: row.company_id,
        projectId: row.project_id,
        data: { ticketId: row.id, action: change.audit.action },
      },
    ],
  });
}

function requireType(row: TicketRow, type: TicketType, what: string) {
  if (row.type !== type) throw new AppError('CONFLICT', `${what} applies to ${type} tickets only`);
}

export async function updateComplaint(ctx: ServiceContext, id: number, input: z.infer<typeof complaintUpdate>) {
  requirePermission(ctx, 'ticket.create');
  const row = await ticketForCaller(ctx, id);
  requireType(row, 'complaint', 'The complaint record');
  if (row.status === 'cancelled') throw new AppError('CONFLICT', 'The complaint is cancelled');
  const nowIso = ctx.clock.now().toISOString();
  const checklist = { ...checklistOf(row), ...(input.checklist ?? {}) };
  const set: Partial<TicketRow> = { checklist_json: JSON.stringify(checklist) };
  if (input.customerConfirmed !== undefined)
    set.customer_confirmed_at = input.customerConfirmed ? (row.customer_confirmed_at ?? nowIso) : null;
  if (input.writtenReply !== undefined) set.written_reply = input.writtenReply;
  await changeTicket(ctx, row, {
    set,
    events: [{ action: 'complaint_record', payload: input }],
    audit: { action: 'complaint_record', after: input },
  });
  return getTicket(ctx, id);
}

/** 有效投诉: the supervisor decides whether the office was at fault (counts in the monthly statistics). */
export async function decideValidity(ctx: ServiceContext, id: number, validity: 'valid' | 'invalid', note?: string) {
  const actor = requirePermission(ctx, 'ticket.supervise');
  const row = await ticketForCaller(ctx, id);
  requireType(row, 'complaint', 'Validity');
  const nowIso = ctx.clock.now().toISOString();
  await changeTicket(ctx, row, {
    set: { validity, validity_note: note ?? null, validity_by: actor.id, validity_at: nowIso },
    events: [{ action: 'validity', payload: { validity, note: note ?? null, previous: row.validity } }],
    audit: { action: 'validity', after: { validity, note } },
  });
  return getTicket(ctx, id);
}

/** A suggestion adopted by the director is published with the resident's name (爱我小区). */
export async function adoptSuggestion(ctx: ServiceContext, id: number, adopted: boolean) {
  requirePermission(ctx, 'ticket.supervise');
  const row = await ticketForCaller(ctx, id);
  requireType(row, 'suggestion', 'Adoption');
  const nowIso = ctx.clock.now().toISOString();
  await changeTicket(ctx, row, {
    set: { adopted: adopted ? 1 : 0, adopted_at: adopted ? nowIso : null },
    events: [{ action: adopted ? 'adopt' : 'unadopt' }],
    audit: { action: adopted ? 'adopt' : 'unadopt', after: { adopted } },
  });
  return getTicket(ctx, id);
}

/** The public list: staff of the project and its residents see it. */
export async function listAdoptedSuggestions(ctx: ServiceContext, projectId: number): Promise<{ items: AdoptedSuggestion[] }> {
  const actor = ctx.actor;
  if (actor.kind === 'staff') {
    requirePermission(ctx, 'ticket.read');
    assertProjectAccess(actor, projectId);
  } else {
    const home = await ctx.db
      .selectFrom('occupancies')
      .select('id')
      .where('customer_id', 'in', actor.customerIds)
      .where('project_id', '=', projectId)
      .where('move_out_date', 'is', null)
      .executeTakeFirst();
    if (!home) throw new AppError('NOT_IN_PROJECT', 'Not your estate');
  }
  const rows = await ctx.db
    .selectFrom('tickets')
    .leftJoin('customers', 'customers.id', 'tickets.customer_id')
    .leftJoin('units', 'units.id', 'tickets.unit_id')
    .select([
      'tickets.id',
      'tickets.project_id',
      'tickets.number',
      'tickets.description',
      'tickets.adopted_at',
      'customers.name',
      'tickets.contact_name',
      'units.code',
    ])
    .where('tickets.project_id', '=', projectId)
    .where('tickets.type', '=', 'suggestion')
    .where('tickets.adopted', '=', 1)
    .orderBy('tickets.adopted_at', 'desc')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({
      ticketId: r.id,
      projectId: r.project_id,
      number: r.number,
      description: r.description,
      residentName: r.name ?? r.contact_name,
      unitCode: r.code,
      adoptedAt: r.adopted_at,
    })),
  };
}

export async function listReturnVisits(ctx: ServiceContext, query: z.infer<typeof returnVisitsQuery>) {
  const actor = requirePermission(ctx, 'ticket.read');
  const scope = projectScope(actor, query.projectId);
  let q = ctx.db
    .selectFrom('return_visits')
    .innerJoin('tickets', 'tickets.id', 'return_visits.ticket_id')
    .leftJoin('units', 'units.id', 'tickets.unit_id')
    .leftJoin('customers', 'customers.id', 'tickets.customer_id')
    .select([
      'return_visits.id',
      'return_visits.ticket_id',
      'return_visits.project_id',
      'return_visits.due_at',
      'return_visits.status',
      'return_visits.satisfaction',
      'return_visits.method',
      'return_visits.done_at',
      'tickets.number',
      'tickets.type',
      'tickets.description',
      'tickets.contact_phone',
      'tickets.contact_name',
      'tickets.resolved_at',
      'units.code',
      'customers.name',
    ])
    .where('tickets.company_id', '=', actor.companyId);
  if (scope) q = q.where('return_visits.project_id', 'in', scope.length ? scope : [-1]);
  if (query.status) q = q.where('return_visits.status', '=', query.status);
  const after = decodeCursor(query.cursor);
  if (after !== undefined) q = q.where('return_visits.id', '>', after);
  const rows = await q
    .orderBy('return_visits.id')
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, (r): ReturnVisitTask => ({
    id: r.id,
    ticketId: r.ticket_id,
    projectId: r.project_id,
    number: r.number,
    type: r.type as TicketType,
    description: r.description,
    unitCode: r.code,
    customerName: r.name ?? r.contact_name,
    contactPhone: maskPhone(r.contact_phone),
    resolvedAt: r.resolved_at,
    dueAt: r.due_at,
    status: r.status as 'pending' | 'done',
    satisfaction: r.satisfaction as Satisfaction | null,
    method: r.method as VisitMethod | null,
    doneAt: r.done_at,
  }));
}

// ---------- photos ----------

const maxBytes = 5 * 1024 * 1024;

/** The real type from the first bytes; the name and the browser's claim are not trusted. */
export function sniffImageType(data: Buffer): string | null {
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length > 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  return null;
}

/**
 * A checked photo upload: not empty, at most 5 MB, really a JPEG, PNG or WebP, with a printable name.
 * Shared by ticket photos and visit photos.
 */
export function checkedPhoto(file: { filename: string; data: Buffer }): { name: string; contentType: string } {
  if (file.data.length === 0) throw invalid('file', 'is empty');
  if (file.data.length > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 'file: photos are limited to 5 MB', [{ path: 'file', message: 'is larger than 5 MB' }]);
  const contentType = sniffImageType(file.data);
  if (!contentType) throw invalid('file', 'must be a JPEG, PNG or WebP photo');
  return { name: printableName(file.filename, 'photo'), contentType };
}

/** An uploaded file's name kept printable: no path separators, no control characters, at most 120 characters. */
export function printableName(name: string, fallback: string): string {
  return (
    [...name]
      .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
      .join('')
      .slice(0, 120) || fallback
  );
}

export async function addAttachment(ctx: ServiceContext, ticketId: number, file: { filename: string; data: Buffer }) {
  if (ctx.actor.kind === 'staff') requirePermission(ctx, 'ticket.create');
  const row = await ticketForCaller(ctx, ticketId);
  const { name, contentType } = checkedPhoto(file);
  const count = await ctx.db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= 20) throw new AppError('CONFLICT', 'A ticket holds at most 20 photos');
  const nowIso = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('attachments')
      .values({
        company_id: row.company_id,
        project_id: row.project_id,
        ticket_id: ticketId,
        name,
        content_type: contentType,
        size: file.data.length,
        data: file.data,
        uploaded_by_kind: ctx.actor.kind,
        uploaded_by: ctx.actor.id,
        created_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendEvents(
      trx,
      ticketRecord,
      ticketId,
      [{ action: 'attach', payload: { attachmentId: inserted.id, name, size: file.data.length } }],
      {
        at: nowIso,
        actor: { kind: ctx.actor.kind, id: ctx.actor.id },
      },
    );
  });
  return getTicket(ctx, ticketId);
}

export async function readAttachment(ctx: ServiceContext, id: number) {
  const meta = await ctx.db.selectFrom('attachments').select(['ticket_id']).where('id', '=', id).executeTakeFirst();
  if (!meta) throw notFound('Attachment');
  await ticketForCaller(ctx, meta.ticket_id).catch(() => {
    throw notFound('Attachment');
  });
  return ctx.db.selectFrom('attachments').select(['name', 'content_type', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
}
