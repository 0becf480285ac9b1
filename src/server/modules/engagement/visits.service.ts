/**
 * Visits (拜访/走访, SPEC §5, seed 000 篇1 3.5, seed 002 制度1 二, seed 004 考核内容五): appointments,
 * the visit record form (拜访客户登记记录表), follow-up tickets raised from it, photos, the households
 * due for a visit, and each person's quota progress under the policy.
 */
import type { z } from 'zod';
import {
  quotaRules,
  type ContactMethod,
  type QuotaRule,
  type TicketType,
  type VisitKind,
  type VisitStatus,
} from '../../../shared/enums.ts';
import type {
  QuotaReport,
  QuotaRow,
  VisitDetail,
  VisitPlanItem,
  VisitView,
  quotaQuery,
  visitCreate,
  visitPlanQuery,
  visitRecord,
  visitsQuery,
} from '../../../shared/engagement.ts';
import { periodOf } from '../../../shared/periods.ts';
import type { Executor } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { localDate } from '../../platform/calendar.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { inProjects, listPage } from '../../platform/pagination.ts';
import { assertProjectAccess, canAccessProject, projectScope, requirePermission } from '../../platform/permissions.ts';
import { imageTypes } from '../../../shared/files.ts';
import { listFiles, registerFileOwner, storeFile, toStoredFile, type FileOwnerKind } from '../../platform/files.ts';
import type { Upload } from '../../platform/http.ts';
import { projectClock } from '../../platform/project.ts';
import { inTransaction } from '../../platform/tx.ts';
import { evaluateObligations, obligationContext } from '../../platform/obligations.ts';
import { areaQuarterly, butlerMonthly, directorYearly, frontdeskMonthly } from './obligations.ts';
import { createTicket } from '../tickets/intake.service.ts';

function selectVisits(db: Executor) {
  return db
    .selectFrom('visits')
    .innerJoin('staff', 'staff.id', 'visits.staff_id')
    .innerJoin('projects', 'projects.id', 'visits.project_id')
    .leftJoin('units', 'units.id', 'visits.unit_id')
    .leftJoin('customers', 'customers.id', 'visits.customer_id')
    .selectAll('visits')
    .select(['staff.name as staff_name', 'projects.name as project_name', 'units.code as unit_code', 'customers.name as customer_name'])
    .select((eb) =>
      eb
        .selectFrom('files')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('files.owner_kind', '=', visitPhotos.kind)
        .whereRef('files.owner_id', '=', 'visits.id')
        .as('photo_count'),
    );
}
type VisitRow = Awaited<ReturnType<ReturnType<typeof selectVisits>['executeTakeFirstOrThrow']>>;

function toVisit(r: VisitRow): VisitView {
  return {
    id: r.id,
    projectId: r.project_id,
    projectName: r.project_name,
    kind: r.kind as VisitKind,
    method: r.method as ContactMethod,
    status: r.status as VisitStatus,
    staffId: r.staff_id,
    staffName: r.staff_name,
    unitId: r.unit_id,
    unitCode: r.unit_code,
    customerId: r.customer_id,
    customerName: r.customer_name,
    purpose: r.purpose,
    plannedAt: r.planned_at,
    visitedAt: r.visited_at,
    visitDate: r.visit_date,
    photoCount: Number(r.photo_count ?? 0),
    createdAt: r.created_at,
  };
}

/** A visit of one of the caller's projects (others are reported as not found). */
async function visitForStaff(ctx: ServiceContext, actor: StaffActor, id: number, exec: Executor = ctx.db) {
  const row = await selectVisits(exec).where('visits.id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Visit');
  return row;
}

/**
 * Photos taken on a visit (有照片): seen by whoever reads the project's visits; added by the person who
 * makes the visit, before or after the record is written, while it is not cancelled.
 */
export const visitPhotos: FileOwnerKind = registerFileOwner({
  kind: 'visit',
  table: 'visits',
  words: { file: 'photo', files: 'photos', owner: 'visit' },
  async mayRead(ctx, id, exec) {
    const row = await visitForStaff(ctx, requirePermission(ctx, 'engagement.read'), id, exec);
    return { companyId: row.company_id, projectId: row.project_id };
  },
  async mayAttach(ctx, id, exec) {
    const actor = requirePermission(ctx, 'visit.record');
    const row = await visitForStaff(ctx, actor, id, exec);
    if (row.staff_id !== actor.id) throw forbidden('Only the person who makes the visit adds its photos');
    if (row.status === 'cancelled') throw new AppError('CONFLICT', 'The visit is cancelled');
    return { companyId: row.company_id, projectId: row.project_id };
  },
  limits: (policy) => ({ maxBytes: policy.files.photoMaxBytes, types: imageTypes, perOwner: policy.files.photosPerVisit }),
});

/** The unit and customer of a visit must belong to its project, and the customer to the unit. */
async function checkHousehold(db: Executor, projectId: number, unitId?: number, customerId?: number) {
  if (unitId) {
    const unit = await db.selectFrom('units').select('project_id').where('id', '=', unitId).executeTakeFirst();
    if (!unit || unit.project_id !== projectId) throw invalid('unitId', 'is not a unit of this project');
  }
  if (customerId) {
    const customer = await db.selectFrom('customers').select('project_id').where('id', '=', customerId).executeTakeFirst();
    if (!customer || customer.project_id !== projectId) throw invalid('customerId', 'is not a customer of this project');
    if (unitId) {
      const link = await db
        .selectFrom('occupancies')
        .select('id')
        .where('unit_id', '=', unitId)
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      if (!link) throw invalid('customerId', 'does not live in or own this unit');
    }
  }
}

export async function getVisit(ctx: ServiceContext, id: number): Promise<VisitDetail> {
  const actor = requirePermission(ctx, 'engagement.read');
  const row = await visitForStaff(ctx, actor, id);
  const [requests, photos] = await Promise.all([
    ctx.db
      .selectFrom('visit_requests')
      .leftJoin('tickets', 'tickets.id', 'visit_requests.ticket_id')
      .select([
        'visit_requests.id',
        'visit_requests.description',
        'visit_requests.ticket_type',
        'visit_requests.ticket_id',
        'tickets.number',
        'tickets.status',
      ])
      .where('visit_requests.visit_id', '=', id)
      .orderBy('visit_requests.seq')
      .execute(),
    listFiles(ctx.db, visitPhotos, [id]),
  ]);
  return {
    ...toVisit(row),
    opinions: row.opinions,
    explanations: row.explanations,
    escalated: row.escalated,
    requests: requests.map((r) => ({
      id: r.id,
      description: r.description,
      ticketType: r.ticket_type as TicketType | null,
      ticketId: r.ticket_id,
      ticketNumber: r.number,
      ticketStatus: r.status,
    })),
    photos: photos.map(toStoredFile),
  };
}

export async function listVisits(ctx: ServiceContext, query: z.infer<typeof visitsQuery>) {
  const actor = requirePermission(ctx, 'engagement.read');
  const scope = projectScope(actor, query.projectId);
  let q = inProjects(selectVisits(ctx.db).where('visits.company_id', '=', actor.companyId), 'visits.project_id', scope);
  if (query.staffId) q = q.where('visits.staff_id', '=', query.staffId);
  if (query.unitId) q = q.where('visits.unit_id', '=', query.unitId);
  if (query.status) q = q.where('visits.status', '=', query.status);
  if (query.ticketId) {
    const ticketId = query.ticketId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('visit_requests')
          .select('visit_requests.id')
          .whereRef('visit_requests.visit_id', '=', 'visits.id')
          .where('visit_requests.ticket_id', '=', ticketId),
      ),
    );
  }
  if (query.month) {
    // A planned visit belongs to the month of its appointment, a recorded one to the day it happened.
    const { from, to } = periodOf('month', `${query.month}-01`);
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('visits.visit_date', '>=', from), eb('visits.visit_date', '<=', to)]),
        eb.and([eb('visits.visit_date', 'is', null), eb('visits.planned_at', '>=', from), eb('visits.planned_at', '<', `${to}T24`)]),
      ]),
    );
  }
  return listPage(q, 'visits.id', query, toVisit);
}

/**
 * Books an appointment (with `plannedAt`) or opens a visit to record at once. The visit belongs to the
 * caller: quotas count each person's own visits.
 */
export async function createVisit(ctx: ServiceContext, input: z.infer<typeof visitCreate>): Promise<VisitDetail> {
  const actor = requirePermission(ctx, 'visit.record');
  assertProjectAccess(actor, input.projectId);
  await checkHousehold(ctx.db, input.projectId, input.unitId, input.customerId);
  const nowIso = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('visits')
      .values({
        company_id: actor.companyId,
        project_id: input.projectId,
        kind: input.kind,
        method: input.method,
        status: 'planned',
        staff_id: actor.id,
        unit_id: input.unitId ?? null,
        customer_id: input.customerId ?? null,
        purpose: input.purpose || null,
        planned_at: input.plannedAt ? new Date(input.plannedAt).toISOString() : null,
        visited_at: null,
        visit_date: null,
        opinions: null,
        explanations: null,
        escalated: null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'visit', entityId: row.id, projectId: input.projectId, after: input });
    return row.id;
  });
  return getVisit(ctx, id);
}

/** The visit the caller may change: their own, still planned. */
async function ownPlannedVisit(ctx: ServiceContext, id: number) {
  const actor = requirePermission(ctx, 'visit.record');
  const row = await visitForStaff(ctx, actor, id);
  if (row.staff_id !== actor.id) throw forbidden('Only the person who makes the visit records it');
  if (row.status !== 'planned') throw new AppError('CONFLICT', `The visit is already ${row.status}`);
  return { actor, row };
}

/**
 * Fills in the record form. Each request with a ticket type becomes a ticket through the service
 * desk's intake (channel 走访, the visited household and customer) in the record's own transaction:
 * the record, its tickets and their links are written together or not at all.
 */
export async function recordVisit(ctx: ServiceContext, id: number, input: z.infer<typeof visitRecord>): Promise<VisitDetail> {
  const { row } = await ownPlannedVisit(ctx, id);
  const now = ctx.clock.now();
  const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
  if (visitedAt.getTime() > now.getTime() + 60_000) throw invalid('visitedAt', 'may not be in the future');
  if (input.requests.some((r) => r.ticketType)) requirePermission(ctx, 'ticket.create');
  const { timeZone } = await projectClock(ctx.db, row.company_id, row.project_id);
  const nowIso = now.toISOString();
  await inTransaction(ctx, undefined, async (tx) => {
    const { trx } = tx;
    const updated = await trx
      .updateTable('visits')
      .set({
        status: 'done',
        visited_at: visitedAt.toISOString(),
        visit_date: localDate(visitedAt, timeZone),
        opinions: input.opinions,
        explanations: input.explanations || null,
        escalated: input.escalated || null,
        updated_at: nowIso,
      })
      .where('id', '=', id)
      .where('status', '=', 'planned')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('STALE', 'The visit was recorded meanwhile');
    const ticketIds: number[] = [];
    for (const [i, request] of input.requests.entries()) {
      const ticket = request.ticketType
        ? (
            await createTicket(
              ctx,
              {
                projectId: row.project_id,
                type: request.ticketType,
                channel: 'visit',
                description: request.description,
                unitId: row.unit_id ?? undefined,
                customerId: row.customer_id ?? undefined,
              },
              { tx },
            )
          ).ticket
        : null;
      if (ticket) ticketIds.push(ticket.id);
      await trx
        .insertInto('visit_requests')
        .values({
          visit_id: id,
          seq: i + 1,
          description: request.description,
          ticket_type: request.ticketType ?? null,
          ticket_id: ticket?.id ?? null,
        })
        .execute();
    }
    await writeAudit(trx, ctx, {
      action: 'record',
      entity: 'visit',
      entityId: id,
      projectId: row.project_id,
      after: { ...input, ticketIds },
    });
  });
  return getVisit(ctx, id);
}

export async function cancelVisit(ctx: ServiceContext, id: number): Promise<VisitDetail> {
  const { row } = await ownPlannedVisit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('visits').set({ status: 'cancelled', updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { action: 'cancel', entity: 'visit', entityId: id, projectId: row.project_id });
  });
  return getVisit(ctx, id);
}

/** A photo taken on the visit (有照片), stored by platform/files.ts under the visit; audited there. */
export async function addVisitPhoto(ctx: ServiceContext, id: number, upload: Upload): Promise<VisitDetail> {
  await storeFile(ctx, { owner: visitPhotos, id }, upload);
  return getVisit(ctx, id);
}

/** Units with someone living there or owning them now: the households visits and surveys are about. */
function households(db: Executor, projectId: number) {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .where('units.project_id', '=', projectId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('occupancies')
          .select('occupancies.id')
          .whereRef('occupancies.unit_id', '=', 'units.id')
          .where('occupancies.move_out_date', 'is', null),
      ),
    );
}

/** Buildings of the areas the person owns (butler) or answers for (主责任人 / 付责任人). */
async function areaBuildings(db: Executor, projectId: number, staffId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('responsibility_area_buildings')
    .innerJoin('responsibility_areas', 'responsibility_areas.id', 'responsibility_area_buildings.area_id')
    .select('responsibility_area_buildings.building_id')
    .where('responsibility_areas.project_id', '=', projectId)
    .where((eb) =>
      eb.or([
        eb('responsibility_areas.owner_staff_id', '=', staffId),
        eb('responsibility_areas.main_responsible_id', '=', staffId),
        eb('responsibility_areas.deputy_responsible_id', '=', staffId),
      ]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.building_id))];
}

/**
 * The visit plan: households of the caller's responsibility areas (the whole project when they have
 * none), the ones not visited for longest first, with their visits this year.
 */
export async function visitPlan(ctx: ServiceContext, query: z.infer<typeof visitPlanQuery>): Promise<{ items: VisitPlanItem[] }> {
  const actor = requirePermission(ctx, 'engagement.read');
  assertProjectAccess(actor, query.projectId);
  const { timeZone } = await projectClock(ctx.db, actor.companyId, query.projectId);
  const yearStart = `${localDate(ctx.clock.now(), timeZone).slice(0, 4)}-01-01`;
  const buildings = await areaBuildings(ctx.db, query.projectId, actor.id);
  let q = households(ctx.db, query.projectId)
    .select(['units.id', 'units.code', 'buildings.name as building_name'])
    .select((eb) => [
      eb
        .selectFrom('visits')
        .select((e) => e.fn.max('visits.visit_date').as('d'))
        .whereRef('visits.unit_id', '=', 'units.id')
        .where('visits.status', '=', 'done')
        .as('last_visit_date'),
      eb
        .selectFrom('visits')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('visits.unit_id', '=', 'units.id')
        .where('visits.status', '=', 'done')
        .where('visits.visit_date', '>=', yearStart)
        .as('visits_this_year'),
    ]);
  if (buildings.length) q = q.where('units.building_id', 'in', buildings);
  const rows = await q.execute();
  rows.sort((a, b) => (a.last_visit_date ?? '').localeCompare(b.last_visit_date ?? '') || a.code.localeCompare(b.code));
  const picked = rows.slice(0, query.limit);
  // The main resident of each household picked: the owner first, else whoever lives there.
  const people = picked.length
    ? await ctx.db
        .selectFrom('occupancies')
        .innerJoin('customers', 'customers.id', 'occupancies.customer_id')
        .select(['occupancies.unit_id', 'occupancies.relation', 'customers.id', 'customers.name'])
        .where(
          'occupancies.unit_id',
          'in',
          picked.map((p) => p.id),
        )
        .where('occupancies.move_out_date', 'is', null)
        .orderBy('occupancies.id')
        .execute()
    : [];
  return {
    items: picked.map((p) => {
      const here = people.filter((x) => x.unit_id === p.id);
      const main = here.find((x) => x.relation === 'owner') ?? here[0];
      return {
        unitId: p.id,
        unitCode: p.code,
        buildingName: p.building_name,
        customerId: main?.id ?? null,
        customerName: main?.name ?? null,
        lastVisitDate: (p.last_visit_date as string | null) ?? null,
        visitsThisYear: Number(p.visits_this_year ?? 0),
      };
    }),
  };
}

/**
 * Quota progress of the project's people for a month, from the obligations engine: butlers
 * (households visited with record and photo this month), the front desk (proactive contacts this
 * month), the director (households visited at least the yearly minimum this year) and area
 * responsibles (areas visited this quarter).
 */
export async function visitQuotas(ctx: ServiceContext, query: z.infer<typeof quotaQuery>): Promise<QuotaReport> {
  const actor = requirePermission(ctx, 'engagement.read');
  assertProjectAccess(actor, query.projectId);
  const c = await obligationContext(ctx.db, actor.companyId, query.projectId, ctx.clock.now());
  const day = `${query.month}-01`;
  const rows = await evaluateObligations(c, [butlerMonthly, frontdeskMonthly, directorYearly, areaQuarterly], { from: day, to: day });
  const items: QuotaRow[] = rows
    .map((r) => ({
      staffId: r.owner.id,
      staffName: r.owner.name,
      rule: r.code as QuotaRule,
      period: r.period.key,
      required: r.required,
      done: r.done,
      met: r.done >= r.required,
    }))
    .sort((a, b) => a.staffId - b.staffId || quotaRules.indexOf(a.rule) - quotaRules.indexOf(b.rule));
  return { projectId: query.projectId, month: query.month, items };
}
