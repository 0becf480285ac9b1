/**
 * A ticket as its caller may see it — staff of its project, or the resident it belongs to — with its
 * timeline, photos and the actions this caller may take; and the audited reveal of its contact
 * number. Intake is in intake.service.ts, the workflow in workflow.service.ts, lists in lists.service.ts.
 */
import type { TicketDetail } from '../../../shared/tickets.ts';
import type { WorkflowCaller } from '../../../shared/workflow.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Actor, ServiceContext, StaffActor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { canAccessProject, requirePermission } from '../../platform/permissions.ts';
import { listFiles, registerFileOwner, toStoredFile } from '../../platform/files.ts';
import { imageTypes } from '../../../shared/files.ts';
import { readTimeline, ticketRecord } from '../../platform/timeline.ts';
import { selectTickets, toTicket, type TicketRow } from './tickets.repository.ts';

/** The workflow's view of who is asking. */
export function workflowCaller(actor: Actor): WorkflowCaller {
  return actor.kind === 'staff'
    ? { kind: 'staff', id: actor.id, permissions: actor.permissions }
    : { kind: 'resident', customerIds: actor.customerIds };
}

/** A resident sees their own number; staff see it masked and reveal it explicitly (audited). */
export function canRevealPhones(actor: Actor) {
  return actor.kind === 'resident';
}

/** The full contact number of a ticket, for a role that needs it; every reveal is audited with its reason. */
export async function revealTicketContact(ctx: ServiceContext, id: number, reason: string): Promise<{ contactPhone: string | null }> {
  const actor = requirePermission(ctx, 'customer.reveal');
  const row = await visibleTicket(ctx.db, actor, id);
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'reveal',
      entity: 'ticket',
      entityId: id,
      projectId: row.project_id,
      reason,
      after: { fields: ['contactPhone'] },
    }),
  );
  return { contactPhone: row.contact_phone };
}

/** A ticket of one of the staff member's projects; another project's is not found. */
export async function visibleTicket(db: Executor, actor: StaffActor, id: number): Promise<TicketRow> {
  const row = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Ticket');
  return row;
}

function mayView(actor: Actor, row: Pick<TicketRow, 'company_id' | 'project_id' | 'customer_id'>): boolean {
  if (actor.kind === 'staff') return row.company_id === actor.companyId && canAccessProject(actor, row.project_id);
  return row.customer_id !== null && actor.customerIds.includes(row.customer_id);
}

/** The ticket as the caller may see it: staff of its project with 'ticket.read', or the resident it belongs to. */
export async function ticketForCaller(ctx: ServiceContext, id: number, exec: Executor = ctx.db): Promise<TicketRow> {
  if (ctx.actor.kind === 'staff') requirePermission(ctx, 'ticket.read');
  const row = await exec.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !mayView(ctx.actor, row)) throw notFound('Ticket');
  return row;
}

/**
 * A ticket's photos (the resident's and the staff's): seen by whoever sees the ticket; added by the
 * resident it belongs to or by staff who may take tickets in (ticket.create).
 */
export const ticketPhotos = registerFileOwner({
  kind: 'ticket',
  table: 'tickets',
  words: { file: 'photo', files: 'photos', owner: 'ticket' },
  mayRead: (ctx, id, exec) => ticketForCaller(ctx, id, exec).then(scopeOf),
  async mayAttach(ctx, id, exec) {
    if (ctx.actor.kind === 'staff') requirePermission(ctx, 'ticket.create');
    return scopeOf(await ticketForCaller(ctx, id, exec));
  },
  limits: (policy) => ({ maxBytes: policy.files.photoMaxBytes, types: imageTypes, perOwner: policy.files.photosPerTicket }),
});

function scopeOf(row: TicketRow) {
  return { companyId: row.company_id, projectId: row.project_id };
}

export async function getTicket(ctx: ServiceContext, id: number, exec: Executor = ctx.db): Promise<TicketDetail> {
  if (ctx.actor.kind === 'staff') requirePermission(ctx, 'ticket.read');
  const row = await selectTickets(exec).where('tickets.id', '=', id).executeTakeFirst();
  if (!row || !mayView(ctx.actor, row)) throw notFound('Ticket');
  const [events, photos] = await Promise.all([readTimeline(exec, ticketRecord, id), listFiles(exec, ticketPhotos, [id])]);
  return {
    ...toTicket(row, ctx.clock.now(), { revealPhone: canRevealPhones(ctx.actor), caller: workflowCaller(ctx.actor) }),
    events,
    attachments: photos.map(toStoredFile),
  };
}
