/**
 * What follows a ticket besides the workflow: the complaint record (五清楚一报告, the customer's
 * confirmation, the written reply, validity), adopted suggestions (爱我小区), return-visit tasks
 * and photos (stored by platform/files.ts).
 */
import type { z } from 'zod';
import { maskPhone } from '../../../shared/mask.ts';
import type { AdoptedSuggestion, ReturnVisitTask, complaintUpdate, returnVisitsQuery } from '../../../shared/tickets.ts';
import type { Satisfaction, TicketType, VisitMethod } from '../../../shared/enums.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { inProjects, listPage } from '../../platform/pagination.ts';
import { assertProjectAccess, projectScope, requirePermission } from '../../platform/permissions.ts';
import { applyGuardedChange, type GuardedChange } from '../../platform/guarded.ts';
import { storeFile } from '../../platform/files.ts';
import type { Upload } from '../../platform/http.ts';
import { appendEvents, ticketRecord } from '../../platform/timeline.ts';
import { inTransaction } from '../../platform/tx.ts';
import { checklistOf, type TicketRow } from './tickets.repository.ts';
import { getTicket, ticketForCaller, ticketPhotos } from './tickets.service.ts';

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
  q = inProjects(q, 'return_visits.project_id', scope);
  if (query.status) q = q.where('return_visits.status', '=', query.status);
  // A work queue: the oldest first.
  return listPage(
    q,
    'return_visits.id',
    query,
    (r): ReturnVisitTask => ({
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
    }),
    'asc',
  );
}

// ---------- photos ----------

/** Adds a photo to a ticket (platform/files.ts) and notes it on the ticket's timeline, in one transaction. */
export async function addAttachment(ctx: ServiceContext, ticketId: number, upload: Upload) {
  await inTransaction(ctx, undefined, async (tx) => {
    const photo = await storeFile(ctx, { owner: ticketPhotos, id: ticketId }, upload, tx);
    // `attachmentId` is the photo's id in files (GET /api/files/:id); older events keep theirs (migration 0011).
    await appendEvents(
      tx.trx,
      ticketRecord,
      ticketId,
      [{ action: 'attach', payload: { attachmentId: photo.id, name: photo.name, size: photo.size } }],
      {
        at: photo.createdAt,
        actor: { kind: ctx.actor.kind, id: ctx.actor.id },
      },
    );
  });
  return getTicket(ctx, ticketId);
}
