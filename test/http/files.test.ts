import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tinyPng, type Client, type TestApp } from '../helpers/app.ts';

/**
 * One files table and one address (`GET /api/files/:id`) for ticket photos, archive files and visit
 * photos: each kind stored through its own upload route, listed on its owner, served with nosniff to
 * whoever may see the owner and to nobody else; uploads refused before their body is read.
 */
let t: TestApp;
const c: Record<string, Client> = {};
let ch: number;
let residentUnit: number;
let customer: number;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['director', 'frontdesk', 'butler', 'tech', 'frontdesk2']) c[u] = await t.login(u);
  c.resident = await t.loginResident('14012340001');
  c.otherResident = await t.loginResident('14012340002');
  c.anonymous = t.anonymous;
  ch = (await t.db.database.db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow()).id;
  const household = (await c.resident.get('/api/portal/households')).json().items[0];
  residentUnit = household.unitId;
  customer = (
    await t.db.database.db
      .selectFrom('resident_accounts')
      .select('customer_id')
      .where('phone', '=', '14012340001')
      .executeTakeFirstOrThrow()
  ).customer_id;
});
afterAll(() => t.close());

/** Who gets what from `url`: status per caller. */
async function statuses(url: string, callers: string[]) {
  const out: Record<string, number> = {};
  for (const who of callers) out[who] = (await c[who].get(url)).statusCode;
  return out;
}

describe('one address for every stored file', () => {
  it('a ticket photo: stored by the resident and the desk, listed on the ticket, linked from the timeline, seen only by who sees the ticket', async () => {
    const tk = (await c.resident.post('/api/portal/tickets', { unitId: residentUnit, type: 'repair', description: '阳台地漏反水' })).json();
    const byResident = await c.resident.upload(`/api/portal/tickets/${tk.id}/attachments`, '反水.png', tinyPng);
    expect(byResident.statusCode, byResident.body).toBe(201);
    // The browser's fake path never reaches the name.
    const byDesk = await c.frontdesk.upload(`/api/tickets/${tk.id}/attachments`, 'C:\\fakepath\\现场.png', tinyPng);
    expect(byDesk.statusCode, byDesk.body).toBe(201);
    const photos = byDesk.json().attachments;
    expect(photos.map((p: { name: string }) => p.name)).toEqual(['反水.png', '现场.png']);
    expect(photos[0]).toEqual({
      id: expect.any(Number),
      name: '反水.png',
      contentType: 'image/png',
      size: tinyPng.length,
      url: `/api/files/${photos[0].id}`,
      createdAt: expect.any(String),
    });

    const image = await c.resident.get(photos[0].url);
    expect(image.statusCode).toBe(200);
    expect(image.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=86400',
    });
    expect(image.headers['content-disposition']).toBe(
      `inline; filename="file-${photos[0].id}.png"; filename*=UTF-8''${encodeURIComponent('反水.png')}`,
    );
    expect(image.rawPayload.equals(tinyPng)).toBe(true);

    // The timeline notes each photo with the id that opens it.
    const events = (await c.resident.get(`/api/portal/tickets/${tk.id}`)).json().events;
    const linked = events
      .filter((e: { action: string }) => e.action === 'attach')
      .map((e: { payload: { attachmentId: number } }) => e.payload.attachmentId);
    expect(linked).toEqual(photos.map((p: { id: number }) => p.id));

    expect(await statuses(photos[1].url, ['frontdesk', 'tech', 'director', 'frontdesk2', 'otherResident', 'anonymous'])).toEqual({
      frontdesk: 200,
      tech: 200,
      director: 200,
      frontdesk2: 404,
      otherResident: 404,
      anonymous: 401,
    });
    // Another resident cannot add to it either, nor staff of another project.
    expect((await c.otherResident.upload(`/api/portal/tickets/${tk.id}/attachments`, 'x.png', tinyPng)).statusCode).toBe(404);
    expect((await c.frontdesk2.upload(`/api/tickets/${tk.id}/attachments`, 'x.png', tinyPng)).statusCode).toBe(404);
  });

  it('an archive file: a PDF is served as a download, never shown in the page; a file on an entry is listed on the entry', async () => {
    const uploaded = await c.director.upload(`/api/customers/${customer}/archive/files?section=move_in`, '入住登记表.pdf', pdf);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const file = uploaded.json();
    expect(file).toMatchObject({ section: 'move_in', entryId: null, contentType: 'application/pdf', url: `/api/files/${file.id}` });
    const download = await c.tech.get(file.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers).toMatchObject({ 'content-type': 'application/pdf', 'x-content-type-options': 'nosniff' });
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="file-${file.id}.pdf"; filename*=UTF-8''${encodeURIComponent('入住登记表.pdf')}`,
    );
    expect(download.rawPayload.equals(pdf)).toBe(true);

    const entry = (
      await c.director.post(`/api/customers/${customer}/archive/entries`, { section: 'decoration', title: '装修申请', date: '2026-10-10' })
    ).json();
    const onEntry = await c.director.upload(
      `/api/customers/${customer}/archive/files?section=supplement&entryId=${entry.id}`,
      '图纸.png',
      tinyPng,
    );
    expect(onEntry.json()).toMatchObject({ section: 'decoration', entryId: entry.id });
    const archive = (await c.director.get(`/api/customers/${customer}/archive`)).json();
    expect(archive.files.map((f: { id: number }) => f.id)).toContain(file.id);
    expect(archive.entries.find((e: { id: number }) => e.id === entry.id).files.map((f: { id: number }) => f.id)).toEqual([
      onEntry.json().id,
    ]);
    // The timeline's file item is the file's id.
    expect(archive.timeline.find((i: { kind: string; title: string }) => i.kind === 'file' && i.title === '入住登记表.pdf').refId).toBe(
      file.id,
    );

    expect(await statuses(file.url, ['frontdesk', 'butler', 'frontdesk2', 'resident', 'anonymous'])).toEqual({
      frontdesk: 200,
      butler: 200,
      frontdesk2: 404,
      // The customer's own archive is the office's record, not the portal's.
      resident: 404,
      anonymous: 401,
    });
  });

  it('a visit photo: added only by the visitor, seen by who reads visits in the project', async () => {
    const visit = (await c.butler.post('/api/visits', { projectId: ch, kind: 'household', unitId: residentUnit })).json();
    const added = await c.butler.upload(`/api/visits/${visit.id}/photos`, '走访.png', tinyPng);
    expect(added.statusCode, added.body).toBe(201);
    const photo = added.json().photos[0];
    expect(photo).toMatchObject({ name: '走访.png', contentType: 'image/png', url: `/api/files/${photo.id}` });
    expect(added.json().photoCount).toBe(1);
    expect((await c.director.upload(`/api/visits/${visit.id}/photos`, 'd.png', tinyPng)).statusCode).toBe(403);
    expect(await statuses(photo.url, ['butler', 'director', 'tech', 'frontdesk2', 'resident', 'anonymous'])).toEqual({
      butler: 200,
      director: 200,
      tech: 404,
      frontdesk2: 404,
      resident: 404,
      anonymous: 401,
    });
  });

  it('the number of photos per visit is the project’s policy', async () => {
    const put = await c.director.put('/api/policies', { projectId: ch, override: { files: { photosPerVisit: 1 } }, note: '每次拜访一张' });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const visit = (await c.butler.post('/api/visits', { projectId: ch, kind: 'household', unitId: residentUnit })).json();
      expect((await c.butler.upload(`/api/visits/${visit.id}/photos`, '1.png', tinyPng)).statusCode).toBe(201);
      const second = await c.butler.upload(`/api/visits/${visit.id}/photos`, '2.png', tinyPng);
      expect(second.statusCode).toBe(409);
      expect(second.json().error.message).toBe('A visit holds at most 1 photos');
    } finally {
      await c.director.put('/api/policies', { projectId: ch, override: {}, note: '恢复' });
    }
  });

  it('an unknown or foreign id is 404, a malformed one 400', async () => {
    expect((await c.director.get('/api/files/2147483647')).statusCode).toBe(404);
    const bad = await c.director.get('/api/files/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('id');
  });
});

/**
 * A multipart upload of about `megabytes` MB, streamed: counts how many bytes the server pulls.
 * It starts like a PNG so that only the size and the caller can be the reason for a refusal.
 */
function streamedUpload(megabytes: number) {
  const boundary = '----guanjia-stream';
  const head = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`),
    tinyPng,
  ]);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024);
  const chunks = Math.ceil((megabytes * 1024 * 1024) / chunk.length);
  const total = head.length + chunks * chunk.length + tail.length;
  const counter = { read: 0, total };
  let sent = -1;
  const body = new Readable({
    read() {
      const next = sent < 0 ? head : sent < chunks ? chunk : sent === chunks ? tail : null;
      sent++;
      if (next) counter.read += next.length;
      this.push(next);
    },
  });
  return { body, counter, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(total) } };
}

async function send(who: string, url: string, megabytes: number): Promise<{ res: LightMyRequestResponse; read: number; total: number }> {
  const upload = streamedUpload(megabytes);
  const cookie = c[who].cookie;
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { ...upload.headers, ...(cookie ? { cookie } : {}) },
    payload: upload.body,
  });
  return { res, ...upload.counter };
}

describe('uploads are refused before they are read', () => {
  /** At most what the request stream buffers ahead (16 KiB) and one chunk of ours. */
  const unread = 128 * 1024;

  it('an anonymous 190 MB import is answered 401 without the body being read', async () => {
    const { res, read, total } = await send('anonymous', `/api/archive/import?projectId=${ch}`, 190);
    expect(res.statusCode).toBe(401);
    expect(total).toBeGreaterThan(190 * 1024 * 1024);
    expect(read).toBeLessThan(unread);
  });

  it('callers without the right, or without access to the owner, are answered before the body is read', async () => {
    const tk = (
      await c.frontdesk.post('/api/tickets', { projectId: ch, type: 'repair', channel: 'phone', description: '楼道灯不亮' })
    ).json();
    const visit = (await c.butler.post('/api/visits', { projectId: ch, kind: 'household', unitId: residentUnit })).json();
    const cases: [string, string, number][] = [
      ['anonymous', `/api/tickets/${tk.id}/attachments`, 401],
      ['anonymous', `/api/portal/tickets/${tk.id}/attachments`, 401],
      ['anonymous', `/api/customers/${customer}/archive/files?section=supplement`, 401],
      ['anonymous', `/api/visits/${visit.id}/photos`, 401],
      // No permission: a technician writes no archive, HR imports nothing.
      ['tech', `/api/customers/${customer}/archive/files?section=supplement`, 403],
      ['butler', `/api/archive/import?projectId=${ch}`, 403],
      // Not the visitor.
      ['director', `/api/visits/${visit.id}/photos`, 403],
      // Another project's staff, another household's resident: the owner is not found.
      ['frontdesk2', `/api/tickets/${tk.id}/attachments`, 404],
      ['frontdesk2', `/api/customers/${customer}/archive/files?section=supplement`, 404],
      ['otherResident', `/api/portal/tickets/${tk.id}/attachments`, 404],
      // A resident on the staff route of a ticket not theirs.
      ['resident', `/api/tickets/${tk.id}/attachments`, 404],
    ];
    for (const [who, url, status] of cases) {
      const { res, read } = await send(who, url, 30);
      expect([who, url, res.statusCode]).toEqual([who, url, status]);
      expect(read, `${who} ${url}`).toBeLessThan(unread);
    }
  });

  it('an allowed upload over the owner’s limit is refused 413 naming the file, and nothing is stored', async () => {
    const tk = (
      await c.frontdesk.post('/api/tickets', { projectId: ch, type: 'repair', channel: 'phone', description: '外墙渗水' })
    ).json();
    // Collecting stops at the limit; the rest of the body is drained, not kept.
    const { res } = await send('frontdesk', `/api/tickets/${tk.id}/attachments`, 30);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', fields: [{ path: 'file', message: 'is larger than 5 MB' }] });
    expect((await c.frontdesk.get(`/api/tickets/${tk.id}`)).json().attachments).toEqual([]);
  });
});
