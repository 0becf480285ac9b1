import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/server/db/database.ts';
import { tableExists } from '../../src/server/db/dialect.ts';
import { addFile, createEntry, getArchive } from '../../src/server/modules/archive/archive.service.ts';
import { addVisitPhoto, createVisit, getVisit } from '../../src/server/modules/engagement/visits.service.ts';
import { setPolicyOverride } from '../../src/server/modules/policies/policies.service.ts';
import { addAttachment } from '../../src/server/modules/tickets/followups.service.ts';
import { getTicket } from '../../src/server/modules/tickets/tickets.service.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import { readFile } from '../../src/server/platform/files.ts';
import { appendEvents, ticketRecord } from '../../src/server/platform/timeline.ts';
import { tinyPng } from '../helpers/app.ts';
import { createTestDatabase, testDialect, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeCustomer, makeProject, makeStaff, makeTicket } from '../helpers/factories.ts';

const clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));
/** A distinct small PNG per call (the signature and a marker), so every stored file can be told apart. */
let marker = 0;
const png = () => Buffer.concat([tinyPng, Buffer.from(`#${++marker}`)]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('files: limits under concurrency and per project (service)', () => {
  let tdb: TestDatabase;
  let admin: ServiceContext;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    admin = await adminContext(tdb.database, clock);
  });
  afterAll(() => tdb.close());

  it(`30 photos sent at once to a ticket that holds 20 store exactly 20 (${testDialect})`, async () => {
    const { project } = await makeProject(admin);
    const { ctx: desk } = await makeStaff(admin, project.id, 'frontdesk');
    const ticket = await makeTicket(desk, { projectId: project.id });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => addAttachment(desk, ticket.id, { filename: `现场${i}.png`, data: png() })),
    );
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(refused).toHaveLength(10);
    for (const err of refused) expect(err).toMatchObject({ code: 'CONFLICT', message: 'A ticket holds at most 20 photos' });
    const detail = await getTicket(desk, ticket.id);
    expect(detail.attachments).toHaveLength(20);
    // One timeline event per stored photo, none for a refused one, sequence numbers without gaps.
    const attach = detail.events.filter((e) => e.action === 'attach');
    expect(attach).toHaveLength(20);
    expect(detail.events.map((e) => e.seq)).toEqual(detail.events.map((_, i) => i + 1));
    expect(new Set(attach.map((e) => (e.payload as { attachmentId: number }).attachmentId))).toEqual(
      new Set(detail.attachments.map((a) => a.id)),
    );
  });

  it(`12 files sent at once to an archive that holds 5 store exactly 5 (${testDialect})`, async () => {
    const { project, units } = await makeProject(admin);
    const { ctx: director } = await makeStaff(admin, project.id, 'director');
    await setPolicyOverride(director, project.id, { archive: { maxFilesPerCustomer: 5 } }, '测试');
    const customer = await makeCustomer(director, project.id, units[0].id);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => addFile(director, customer.id, { section: 'supplement' }, { filename: `${i}.pdf`, data: pdf })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect((await getArchive(director, customer.id)).files).toHaveLength(5);
  });

  it('a project’s policy sets its own photo limits; another project keeps the defaults', async () => {
    const strict = await makeProject(admin);
    const other = await makeProject(admin);
    const { ctx: director } = await makeStaff(admin, strict.project.id, 'director');
    await setPolicyOverride(
      director,
      strict.project.id,
      { files: { photosPerTicket: 2, photosPerVisit: 1, photoMaxBytes: 64 * 1024 } },
      '测试',
    );
    const { ctx: desk } = await makeStaff(admin, strict.project.id, 'frontdesk');
    const { ctx: otherDesk } = await makeStaff(admin, other.project.id, 'frontdesk');
    const ticket = await makeTicket(desk, { projectId: strict.project.id });
    await addAttachment(desk, ticket.id, { filename: 'a.png', data: png() });
    await addAttachment(desk, ticket.id, { filename: 'b.png', data: png() });
    await expect(addAttachment(desk, ticket.id, { filename: 'c.png', data: png() })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A ticket holds at most 2 photos',
    });
    const big = Buffer.concat([tinyPng, Buffer.alloc(100 * 1024)]);
    const roomy = await makeTicket(desk, { projectId: strict.project.id });
    await expect(addAttachment(desk, roomy.id, { filename: 'big.png', data: big })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      fields: [{ path: 'file', message: 'is larger than 0.1 MB' }],
    });
    // The other project takes the same photo, and a third one.
    const elsewhere = await makeTicket(otherDesk, { projectId: other.project.id });
    for (const name of ['a.png', 'b.png', 'c.png']) await addAttachment(otherDesk, elsewhere.id, { filename: name, data: big });
    expect((await getTicket(otherDesk, elsewhere.id)).attachments).toHaveLength(3);

    const { ctx: butler } = await makeStaff(admin, strict.project.id, 'butler');
    const visit = await createVisit(butler, {
      projectId: strict.project.id,
      kind: 'household',
      method: 'in_person',
      unitId: strict.units[0].id,
    });
    await addVisitPhoto(butler, visit.id, { filename: 'v.png', data: png() });
    await expect(addVisitPhoto(butler, visit.id, { filename: 'w.png', data: png() })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A visit holds at most 1 photos',
    });
  });
});

describe('migration 0011 moves the three old tables into files', () => {
  let tdb: TestDatabase;
  afterAll(() => tdb?.close());

  it(`keeps every file, its owner, its links and its bytes (${testDialect})`, async () => {
    tdb = await createTestDatabase(testDialect, { migrateUntil: '0010_record_events' });
    const { database } = tdb;
    const old = database.db as unknown as Kysely<any>;
    const admin = await adminContext(database, clock);
    const { project, units } = await makeProject(admin);
    const { ctx: desk, staff: deskStaff } = await makeStaff(admin, project.id, 'frontdesk');
    const { ctx: butler, staff: butlerStaff } = await makeStaff(admin, project.id, 'butler');
    const { ctx: otherDesk } = await makeStaff(admin, (await makeProject(admin)).project.id, 'frontdesk');
    const customer = await makeCustomer(desk, project.id, units[0].id);
    const ticket = await makeTicket(desk, { projectId: project.id, unitId: units[0].id });
    const entry = await createEntry(desk, customer.id, { section: 'decoration', title: '装修申请', date: '2026-10-01' });
    const at = '2026-11-01T02:00:00.000Z';

    // Before 0011: two ticket photos, each noted on the timeline with its attachmentId, as addAttachment wrote them.
    const ticketBytes = [png(), png()];
    const attachmentIds: number[] = [];
    for (const [i, data] of ticketBytes.entries()) {
      const row = await old
        .insertInto('attachments')
        .values({
          company_id: admin.actor.companyId,
          project_id: project.id,
          ticket_id: ticket.id,
          name: `漏水${i}.png`,
          content_type: 'image/png',
          size: data.length,
          data,
          uploaded_by_kind: 'staff',
          uploaded_by: deskStaff.id,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      attachmentIds.push(row.id);
      await appendEvents(
        database.db,
        ticketRecord,
        ticket.id,
        [{ action: 'attach', payload: { attachmentId: row.id, name: `漏水${i}.png`, size: data.length } }],
        {
          at,
          actor: { kind: 'staff', id: deskStaff.id },
        },
      );
    }
    // Archive files (ids overlapping the photos'): one in a section, one on an entry.
    const archiveRows = [
      { section: 'supplement', entry_id: null, name: '身份证复印件.pdf', data: pdf },
      { section: 'decoration', entry_id: entry.id, name: '装修图纸.png', data: png() },
    ];
    const archiveIds: number[] = [];
    for (const f of archiveRows) {
      const row = await old
        .insertInto('archive_files')
        .values({
          company_id: admin.actor.companyId,
          project_id: project.id,
          customer_id: customer.id,
          entry_id: f.entry_id,
          section: f.section,
          name: f.name,
          content_type: f.data === pdf ? 'application/pdf' : 'image/png',
          size: f.data.length,
          data: f.data,
          uploaded_by: deskStaff.id,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      archiveIds.push(row.id);
    }
    // A visit with its photo (getVisit needs 0011, so the visit is written as its service wrote it).
    const visit = await old
      .insertInto('visits')
      .values({
        company_id: admin.actor.companyId,
        project_id: project.id,
        kind: 'household',
        method: 'in_person',
        status: 'done',
        staff_id: butlerStaff.id,
        unit_id: units[0].id,
        customer_id: customer.id,
        purpose: null,
        planned_at: null,
        visited_at: at,
        visit_date: '2026-11-01',
        opinions: '满意',
        explanations: null,
        escalated: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const visitBytes = png();
    const visitPhoto = await old
      .insertInto('visit_photos')
      .values({
        visit_id: visit.id,
        name: '走访.png',
        content_type: 'image/png',
        size: visitBytes.length,
        data: visitBytes,
        uploaded_by: butlerStaff.id,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(archiveIds[0]).toBe(attachmentIds[0]);

    expect(await migrate(database, { until: '0011_files' })).toEqual(['0011_files']);
    for (const table of ['attachments', 'archive_files', 'visit_photos']) expect(await tableExists(old, table)).toBe(false);

    // Ticket photos kept their ids: the timeline's attachmentId still opens the photo.
    const detail = await getTicket(desk, ticket.id);
    expect(detail.attachments.map((a) => [a.id, a.name, a.url])).toEqual(
      attachmentIds.map((id, i) => [id, `漏水${i}.png`, `/api/files/${id}`]),
    );
    const linked = detail.events.filter((e) => e.action === 'attach').map((e) => (e.payload as { attachmentId: number }).attachmentId);
    expect(linked).toEqual(attachmentIds);
    for (const [i, id] of linked.entries()) {
      const file = await readFile(desk, id);
      expect(file.contentType).toBe('image/png');
      expect(file.data.equals(ticketBytes[i])).toBe(true);
    }

    // Archive files: new ids, recorded in files_moved; section, entry and bytes kept.
    const moved = await database.db.selectFrom('files_moved').selectAll().orderBy('source').orderBy('old_id').execute();
    const newId = (source: string, oldId: number) => moved.find((m) => m.source === source && m.old_id === oldId)!.file_id;
    expect(moved.map((m) => m.source).sort()).toEqual(['archive_files', 'archive_files', 'attachments', 'attachments', 'visit_photos']);
    expect(moved.filter((m) => m.source === 'attachments').every((m) => m.file_id === m.old_id)).toBe(true);
    const archive = await getArchive(desk, customer.id);
    expect(archive.files.map((f) => [f.id, f.section, f.name, f.entryId])).toEqual([
      [newId('archive_files', archiveIds[0]), 'supplement', '身份证复印件.pdf', null],
    ]);
    expect(archive.entries[0].files.map((f) => [f.id, f.section, f.name, f.entryId])).toEqual([
      [newId('archive_files', archiveIds[1]), 'decoration', '装修图纸.png', entry.id],
    ]);
    const scan = await readFile(desk, archive.files[0].id);
    expect([scan.contentType, scan.data.equals(pdf)]).toEqual(['application/pdf', true]);

    // The visit photo: under its visit, counted for the quota's 有照片, readable by the visitor.
    const seen = await getVisit(butler, visit.id);
    expect(seen.photoCount).toBe(1);
    expect(seen.photos.map((p) => p.id)).toEqual([newId('visit_photos', visitPhoto.id)]);
    expect((await readFile(butler, seen.photos[0].id)).data.equals(visitBytes)).toBe(true);

    // Every moved row has its hash; company, project and uploader came along; staff of another project see nothing.
    const rows = await database.db.selectFrom('files').selectAll().orderBy('id').execute();
    for (const r of rows) expect(r.sha256).toBe(sha256(Buffer.from(r.data)));
    expect(rows.every((r) => r.company_id === admin.actor.companyId && r.project_id === project.id)).toBe(true);
    expect(rows.find((r) => r.owner_kind === 'visit')).toMatchObject({ uploaded_by_kind: 'staff', uploaded_by_id: butlerStaff.id });
    await expect(readFile(otherDesk, attachmentIds[0])).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // New files follow the moved ones (PostgreSQL's identity was moved past the kept ids).
    const after = await addAttachment(desk, ticket.id, { filename: '新照片.png', data: png() });
    expect(after.attachments).toHaveLength(3);
    expect(after.attachments[2].id).toBeGreaterThan(Math.max(...rows.map((r) => r.id)));
  });
});
