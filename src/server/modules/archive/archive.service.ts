/**
 * The customer archive (客户档案, seed 002 制度4): the 12 sections of one customer on one page with
 * one timeline, files on any section, and completeness (资料完整率) per customer, project and butler.
 */
import type { z } from 'zod';
import {
  completenessChecks,
  sectionKinds,
  type ArchiveEntry,
  type ArchiveFile,
  type ArchiveSection,
  type CompletenessCheck,
  type CompletenessItem,
  type CompletenessSummary,
  type CustomerArchive,
  type EntryKind,
  type EntrySection,
  type TimelineItem,
  type archiveEntryCreate,
  type archiveEntryUpdate,
  type completenessQuery,
} from '../../../shared/archive.ts';
import type { TicketType } from '../../../shared/enums.ts';
import { maskPhone } from '../../../shared/mask.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/types.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { listFiles, registerFileOwner, storeFile, type FileRecord } from '../../platform/files.ts';
import type { Upload } from '../../platform/http.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { assertProjectAccess, canAccessProject, requirePermission } from '../../platform/permissions.ts';
import { visibleCustomer } from '../customers/customers.service.ts';
import { getPolicy } from '../policies/policies.service.ts';
import type { Policy } from '../../../shared/policies.ts';
import { loadFacts, scoreCustomer, type CustomerFacts } from './completeness.ts';

/**
 * A customer's archive files (platform/files.ts), each in a section and possibly on one entry: read by
 * whoever reads the customer's archive, attached by whoever may write it; size, types and the number
 * per customer are the archive policy's.
 */
export const archiveFiles = registerFileOwner({
  kind: 'archive',
  table: 'customers',
  words: { file: 'file', files: 'archive files', owner: 'customer archive' },
  mayRead: async (ctx, id, exec) => scopeOf(await visibleCustomer(exec, requirePermission(ctx, 'customer.read'), id)),
  mayAttach: async (ctx, id, exec) => scopeOf(await visibleCustomer(exec, requirePermission(ctx, 'customer.write'), id)),
  limits: (policy) => ({
    maxBytes: policy.archive.maxFileBytes,
    types: policy.archive.fileTypes,
    perOwner: policy.archive.maxFilesPerCustomer,
  }),
});

function scopeOf(customer: Row<'customers'>) {
  return { companyId: customer.company_id, projectId: customer.project_id };
}

function toFile(f: FileRecord): ArchiveFile {
  return {
    id: f.id,
    entryId: f.itemId,
    section: f.purpose as ArchiveSection,
    name: f.name,
    contentType: f.contentType,
    size: f.size,
    url: f.url,
    createdAt: f.createdAt,
  };
}

type EntryRow = Row<'archive_entries'> & { creator_name: string | null };

function toEntry(e: EntryRow, files: FileRecord[]): ArchiveEntry {
  return {
    id: e.id,
    customerId: e.customer_id,
    section: e.section as EntrySection,
    kind: e.kind as EntryKind | null,
    title: e.title,
    date: e.entry_date,
    body: e.body,
    amount: e.amount,
    createdBy: e.created_by && e.creator_name ? { id: e.created_by, name: e.creator_name } : null,
    createdAt: e.created_at,
    files: files.filter((f) => f.itemId === e.id).map(toFile),
  };
}

function entriesQuery(db: Executor) {
  return db
    .selectFrom('archive_entries')
    .leftJoin('staff', 'staff.id', 'archive_entries.created_by')
    .selectAll('archive_entries')
    .select('staff.name as creator_name');
}

const ticketSection: Partial<Record<TicketType, ArchiveSection>> = { repair: 'repairs', complaint: 'complaints' };

/** The whole archive of one customer: entries, files, tickets, timeline and completeness. */
export async function getArchive(ctx: ServiceContext, customerId: number): Promise<CustomerArchive> {
  const actor = requirePermission(ctx, 'customer.read');
  const customer = await visibleCustomer(ctx.db, actor, customerId);
  const [entries, files, tickets, links, facts, policy] = await Promise.all([
    entriesQuery(ctx.db)
      .where('archive_entries.customer_id', '=', customerId)
      .orderBy('archive_entries.entry_date', 'desc')
      .orderBy('archive_entries.id', 'desc')
      .execute(),
    listFiles(ctx.db, archiveFiles, [customerId]),
    ctx.db
      .selectFrom('tickets')
      .select(['id', 'number', 'type', 'status', 'description', 'received_at', 'closed_at'])
      .where('customer_id', '=', customerId)
      .where('project_id', '=', customer.project_id)
      .orderBy('received_at', 'desc')
      .limit(500)
      .execute(),
    ctx.db
      .selectFrom('occupancies')
      .innerJoin('units', 'units.id', 'occupancies.unit_id')
      .select(['occupancies.id', 'occupancies.relation', 'occupancies.move_in_date', 'occupancies.move_out_date', 'units.code'])
      .where('occupancies.customer_id', '=', customerId)
      .execute(),
    loadFacts(ctx.db, { customerId }),
    getPolicy(ctx.db, actor.companyId, customer.project_id),
  ]);

  const timeline: TimelineItem[] = [];
  for (const t of tickets) {
    timeline.push({
      at: t.received_at,
      kind: 'ticket',
      section: ticketSection[t.type as TicketType] ?? null,
      title: t.number,
      detail: t.description.length > 80 ? `${t.description.slice(0, 80)}…` : t.description,
      refId: t.id,
    });
  }
  for (const e of entries) {
    timeline.push({ at: e.entry_date, kind: 'entry', section: e.section as ArchiveSection, title: e.title, detail: e.body, refId: e.id });
  }
  for (const f of files) {
    if (f.itemId === null)
      timeline.push({ at: f.createdAt, kind: 'file', section: f.purpose as ArchiveSection, title: f.name, detail: null, refId: f.id });
  }
  for (const l of links) {
    if (l.move_in_date)
      timeline.push({ at: l.move_in_date, kind: 'move_in', section: 'move_in', title: l.code, detail: l.relation, refId: l.id });
    if (l.move_out_date)
      timeline.push({ at: l.move_out_date, kind: 'move_out', section: 'move_in', title: l.code, detail: l.relation, refId: l.id });
  }
  timeline.push({ at: customer.created_at, kind: 'created', section: null, title: customer.name, detail: null, refId: customer.id });
  // Dates (YYYY-MM-DD) and timestamps compare correctly as text: a date sorts before that day's times.
  timeline.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return {
    customerId,
    projectId: customer.project_id,
    entries: entries.map((e) => toEntry(e, files)),
    files: files.filter((f) => f.itemId === null).map(toFile),
    tickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      type: t.type as TicketType,
      status: t.status,
      description: t.description,
      receivedAt: t.received_at,
      closedAt: t.closed_at,
    })),
    timeline,
    completeness: scoreCustomer(facts[0], policy.archive),
  };
}

function checkKind(section: EntrySection, kind: EntryKind | null | undefined) {
  const allowed = sectionKinds[section];
  if (kind && !allowed?.includes(kind))
    throw invalid('kind', allowed ? `must be one of ${allowed.join(', ')}` : 'is not used in this section');
}

async function loadEntry(db: Executor, id: number): Promise<EntryRow> {
  return entriesQuery(db).where('archive_entries.id', '=', id).executeTakeFirstOrThrow();
}

export async function createEntry(
  ctx: ServiceContext,
  customerId: number,
  input: z.infer<typeof archiveEntryCreate>,
): Promise<ArchiveEntry> {
  const actor = requirePermission(ctx, 'customer.write');
  const customer = await visibleCustomer(ctx.db, actor, customerId);
  checkKind(input.section, input.kind);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().toISOString();
    const row = await trx
      .insertInto('archive_entries')
      .values({
        company_id: customer.company_id,
        project_id: customer.project_id,
        customer_id: customerId,
        section: input.section,
        kind: input.kind ?? null,
        title: input.title,
        entry_date: input.date,
        body: input.body || null,
        amount: input.amount ?? null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'archive_entry',
      entityId: row.id,
      projectId: customer.project_id,
      after: input,
    });
    return row.id;
  });
  return toEntry(await loadEntry(ctx.db, id), []);
}

async function visibleEntry(ctx: ServiceContext, id: number) {
  const actor = requirePermission(ctx, 'customer.write');
  const row = await ctx.db.selectFrom('archive_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.company_id !== actor.companyId || !canAccessProject(actor, row.project_id)) throw notFound('Archive entry');
  return row;
}

export async function updateEntry(ctx: ServiceContext, id: number, patch: z.infer<typeof archiveEntryUpdate>): Promise<ArchiveEntry> {
  const before = await visibleEntry(ctx, id);
  checkKind(before.section as EntrySection, patch.kind);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('archive_entries')
      .set({
        ...(patch.kind !== undefined && { kind: patch.kind ?? null }),
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.date !== undefined && { entry_date: patch.date }),
        ...(patch.body !== undefined && { body: patch.body || null }),
        ...(patch.amount !== undefined && { amount: patch.amount ?? null }),
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'archive_entry',
      entityId: id,
      projectId: before.project_id,
      before,
      after: patch,
    });
  });
  return toEntry(await loadEntry(ctx.db, id), await listFiles(ctx.db, archiveFiles, [before.customer_id]));
}

/** Attaches a file to a section of a customer's archive, or to one of its entries (then in the entry's section). */
export async function addFile(
  ctx: ServiceContext,
  customerId: number,
  target: { section: ArchiveSection; entryId?: number },
  upload: Upload,
): Promise<ArchiveFile> {
  // The caller first: the entry check below must not tell a stranger which entries exist.
  await archiveFiles.mayAttach(ctx, customerId, ctx.db);
  let section = target.section;
  if (target.entryId !== undefined) {
    const entry = await ctx.db
      .selectFrom('archive_entries')
      .select(['customer_id', 'section'])
      .where('id', '=', target.entryId)
      .executeTakeFirst();
    if (!entry || entry.customer_id !== customerId) throw invalid('entryId', 'is not an entry of this customer');
    section = entry.section as ArchiveSection;
  }
  return toFile(await storeFile(ctx, { owner: archiveFiles, id: customerId, purpose: section, itemId: target.entryId ?? null }, upload));
}

// ---------- completeness ----------

async function projectFacts(ctx: ServiceContext, projectId: number) {
  const actor = requirePermission(ctx, 'customer.read');
  assertProjectAccess(actor, projectId);
  const project = await ctx.db.selectFrom('projects').select('company_id').where('id', '=', projectId).executeTakeFirst();
  if (!project || project.company_id !== actor.companyId) throw notFound('Project');
  return completenessFacts(ctx.db, await getPolicy(ctx.db, actor.companyId, projectId), projectId);
}

/** Every customer's completeness facts in a project, with its responsibility areas and the areas each customer lives in. */
export async function completenessFacts(db: Executor, fullPolicy: Policy, projectId: number) {
  const [facts, areas, areaBuildings] = await Promise.all([
    loadFacts(db, { projectId }),
    db
      .selectFrom('responsibility_areas')
      .leftJoin('staff', 'staff.id', 'responsibility_areas.owner_staff_id')
      .select(['responsibility_areas.id', 'responsibility_areas.name', 'responsibility_areas.owner_staff_id', 'staff.name as owner_name'])
      .where('responsibility_areas.project_id', '=', projectId)
      .orderBy('responsibility_areas.id')
      .execute(),
    db
      .selectFrom('responsibility_area_buildings')
      .innerJoin('responsibility_areas', 'responsibility_areas.id', 'responsibility_area_buildings.area_id')
      .select(['responsibility_area_buildings.area_id', 'responsibility_area_buildings.building_id'])
      .where('responsibility_areas.project_id', '=', projectId)
      .execute(),
  ]);
  const buildingAreas = new Map<number, number[]>();
  for (const ab of areaBuildings) buildingAreas.set(ab.building_id, [...(buildingAreas.get(ab.building_id) ?? []), ab.area_id]);
  /** The areas a customer lives in, through the buildings of their current units. */
  const areasOf = (f: CustomerFacts) => [...new Set(f.links.flatMap((l) => buildingAreas.get(l.buildingId) ?? []))];
  return { facts, policy: fullPolicy.archive, areas, areasOf };
}

/** The list to work through: customers whose archive is incomplete, in id order. */
export async function listIncomplete(ctx: ServiceContext, query: z.infer<typeof completenessQuery>) {
  const { facts, policy, areasOf } = await projectFacts(ctx, query.projectId);
  const after = decodeCursor(query.cursor) ?? 0;
  const rows: (CompletenessItem & { id: number })[] = [];
  for (const f of facts) {
    if (f.id <= after) continue;
    if (query.areaId !== undefined && !areasOf(f).includes(query.areaId)) continue;
    const result = scoreCustomer(f, policy);
    if (result.score >= 100) continue;
    if (query.missing && !result.missing.includes(query.missing)) continue;
    rows.push({
      id: f.id,
      customerId: f.id,
      name: f.name,
      phone: maskPhone(f.phone),
      units: f.links.map((l) => ({ unitId: l.unitId, code: l.code, relation: l.relation })),
      ...result,
    });
    if (rows.length > query.limit) break;
  }
  return toPage(rows, query.limit, ({ id: _id, ...item }) => item);
}

function emptyGroup() {
  return {
    customers: 0,
    complete: 0,
    total: 0,
    missing: Object.fromEntries(completenessChecks.map((c) => [c, 0])) as Record<CompletenessCheck, number>,
  };
}
type Group = ReturnType<typeof emptyGroup>;

function addTo(group: Group, score: number, missing: CompletenessCheck[]) {
  group.customers += 1;
  group.total += score;
  if (score >= 100) group.complete += 1;
  for (const m of missing) group.missing[m] += 1;
}

const finish = (g: Group) => ({
  customers: g.customers,
  complete: g.complete,
  score: g.customers ? Math.round((g.total / g.customers) * 10) / 10 : 100,
  missing: g.missing,
});

/** 资料完整率 of a project and of each responsibility area (the butler's buildings). */
export async function completenessSummary(ctx: ServiceContext, projectId: number): Promise<CompletenessSummary> {
  const { facts, policy, areas, areasOf } = await projectFacts(ctx, projectId);
  const project = emptyGroup();
  const byArea = new Map<number | null, Group>([...areas.map((a) => [a.id, emptyGroup()] as const), [null, emptyGroup()]]);
  for (const f of facts) {
    const r = scoreCustomer(f, policy);
    addTo(project, r.score, r.missing);
    const mine = areasOf(f);
    if (mine.length === 0) addTo(byArea.get(null)!, r.score, r.missing);
    for (const a of mine) addTo(byArea.get(a)!, r.score, r.missing);
  }
  return {
    projectId,
    project: finish(project),
    areas: [
      ...areas.map((a) => ({
        areaId: a.id,
        areaName: a.name,
        owner: a.owner_staff_id && a.owner_name ? { id: a.owner_staff_id, name: a.owner_name } : null,
        ...finish(byArea.get(a.id)!),
      })),
      ...(byArea.get(null)!.customers ? [{ areaId: null, areaName: null, owner: null, ...finish(byArea.get(null)!) }] : []),
    ],
    weights: policy.completenessWeights,
    minContactWays: policy.minContactWays,
  };
}
