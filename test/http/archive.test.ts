import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkbook, type CellValue } from '../../src/server/platform/xlsx.ts';
import { sheets } from '../../src/server/modules/archive/transfer.service.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let director: Client;
let tech: Client;
let leader: Client;
let ch: number;

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  tech = await t.login('tech');
  leader = await t.login('leader');
  ch = (await director.get('/api/projects')).json().items[0].id;
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function newCustomer(body: Record<string, unknown> = {}) {
  const res = await director.post('/api/customers', { projectId: ch, name: '档案测试', phone: '14011112222', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}

describe('the customer page: 12 sections, timeline, files', () => {
  it('records entries and files in a section and shows them with the tickets on one timeline', async () => {
    const unit = (await director.get(`/api/units?projectId=${ch}&limit=1`)).json().items[0];
    const c = await newCustomer({ unitId: unit.id, relation: 'owner', moveInDate: '2024-03-01' });
    const ticket = (
      await director.post('/api/tickets', {
        projectId: ch,
        type: 'repair',
        channel: 'phone',
        description: '厨房水管漏水',
        customerId: c.id,
        unitId: unit.id,
      })
    ).json();

    const entry = await director.post(`/api/customers/${c.id}/archive/entries`, {
      section: 'violations',
      kind: 'arrears',
      title: '2025年物业费欠费',
      date: '2025-12-31',
      amount: 3600,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const file = await director.upload(`/api/customers/${c.id}/archive/files?section=decoration`, '装修申请表.pdf', pdf);
    expect(file.statusCode, file.body).toBe(201);
    expect(file.json()).toMatchObject({ section: 'decoration', contentType: 'application/pdf', name: '装修申请表.pdf' });

    const archive = (await director.get(`/api/customers/${c.id}/archive`)).json();
    expect(archive.entries.map((e: { title: string }) => e.title)).toEqual(['2025年物业费欠费']);
    expect(archive.files.map((f: { name: string }) => f.name)).toEqual(['装修申请表.pdf']);
    expect(archive.tickets.map((x: { number: string }) => x.number)).toEqual([ticket.number]);
    const kinds = archive.timeline.map((i: { kind: string; section: string | null }) => `${i.kind}:${i.section}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['ticket:repairs', 'entry:violations', 'file:decoration', 'move_in:move_in', 'created:null']),
    );
    // Newest first: the ticket (today) before the arrears (2025) before the move-in (2024).
    expect(kinds.indexOf('ticket:repairs')).toBeLessThan(kinds.indexOf('entry:violations'));
    expect(kinds.indexOf('entry:violations')).toBeLessThan(kinds.indexOf('move_in:move_in'));

    const download = await tech.get(file.json().url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses a kind that does not belong to the section, a file type outside the policy, and writes by read-only roles', async () => {
    const c = await newCustomer();
    const wrongKind = await director.post(`/api/customers/${c.id}/archive/entries`, {
      section: 'payments',
      kind: 'violation',
      title: 'x',
      date: '2026-01-01',
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.fields[0].path).toBe('kind');
    const html = await director.upload(
      `/api/customers/${c.id}/archive/files?section=supplement`,
      'a.pdf',
      Buffer.from('<html><script>x</script>'),
    );
    expect(html.statusCode).toBe(415);
    expect(html.json().error.fields[0].path).toBe('file');
    expect(
      (await tech.post(`/api/customers/${c.id}/archive/entries`, { section: 'supplement', title: 'x', date: '2026-01-01' })).statusCode,
    ).toBe(403);
    const other = await t.login('frontdesk2');
    expect((await other.get(`/api/customers/${c.id}/archive`)).statusCode).toBe(404);
  });
});

describe('completeness (资料完整率)', () => {
  it('scores an owner by three ways to be reached, an emergency contact, a move-in form and an ID number', async () => {
    const unit = (await director.get(`/api/units?projectId=${ch}&limit=2`)).json().items[1];
    const c = await newCustomer({ unitId: unit.id, relation: 'owner' });
    let archive = (await director.get(`/api/customers/${c.id}/archive`)).json();
    expect(archive.completeness).toMatchObject({ contactWays: 1, requiredContactWays: 3 });
    expect(archive.completeness.missing).toEqual(['contactWays', 'emergencyContact', 'moveInForm', 'idDocument']);
    expect(archive.completeness.score).toBe(0);

    const listed = async () => {
      const items: { customerId: number; missing: string[] }[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { customerId: number; missing: string[] }[]; nextCursor: string | null } = (
          await director.get(`/api/archive/completeness?projectId=${ch}&limit=200${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items.find((i) => i.customerId === c.id);
    };
    expect((await listed())?.missing).toContain('emergencyContact');

    await director.patch(`/api/customers/${c.id}`, {
      idType: 'id_card',
      idNumber: '110101199003071234',
      contacts: [
        { kind: 'landline', value: '0755-86001111' },
        { kind: 'wechat', value: 'wx_owner' },
      ],
      emergencyContacts: [{ name: '李四', relation: '儿子', phone: '14033334444' }],
    });
    archive = (await director.get(`/api/customers/${c.id}/archive`)).json();
    expect(archive.completeness).toMatchObject({ contactWays: 3, missing: ['moveInForm'], score: 75 });

    await director.post(`/api/customers/${c.id}/archive/entries`, { section: 'move_in', title: '业主入住登记表', date: '2026-11-01' });
    archive = (await director.get(`/api/customers/${c.id}/archive`)).json();
    expect(archive.completeness).toMatchObject({ score: 100, missing: [] });
    expect(await listed()).toBeUndefined();
  });

  it('sums up the project and each butler’s responsibility area', async () => {
    const summary = (await director.get(`/api/archive/completeness/summary?projectId=${ch}`)).json();
    expect(summary.minContactWays).toBe(3);
    expect(summary.project.customers).toBeGreaterThan(0);
    expect(summary.project.score).toBeGreaterThan(0);
    expect(summary.project.score).toBeLessThan(100);
    const butlerArea = summary.areas.find((a: { owner: { name: string } | null }) => a.owner?.name === '王浩然');
    expect(butlerArea.customers).toBeGreaterThan(0);
    const own = (await director.get(`/api/archive/completeness?projectId=${ch}&areaId=${butlerArea.areaId}&limit=200`)).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.length).toBeLessThanOrEqual(butlerArea.customers - butlerArea.complete);
    const outsider = await t.login('frontdesk2');
    expect((await outsider.get(`/api/archive/completeness/summary?projectId=${ch}`)).json().error.code).toBe('NOT_IN_PROJECT');
  });
});

/** A workbook in the template's layout: header in row 1, data from row 2. */
function workbook(data: { buildings?: CellValue[][]; units?: CellValue[][]; customers?: CellValue[][]; occupancies?: CellValue[][] }) {
  return buildWorkbook(
    (Object.keys(sheets) as (keyof typeof sheets)[]).map((key) => ({
      name: sheets[key].name,
      columns: Object.values(sheets[key].columns).map((c) => ({ header: c.header, width: 10 })),
      rows: data[key] ?? [],
    })),
  );
}

async function countOf(table: 'buildings' | 'units' | 'customers' | 'occupancies') {
  const row = await t.db.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', ch)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function fortyHouseholds(badPhoneAt?: number) {
  const units: CellValue[][] = [];
  const customers: CellValue[][] = [];
  const occupancies: CellValue[][] = [];
  for (let i = 0; i < 40; i++) {
    const floor = 1 + Math.floor(i / 4);
    const number = `${floor}0${(i % 4) + 1}`;
    units.push(['Z9', '1', floor, number, 89.5, '住宅', '已入住']);
    const phone = i + 2 === badPhoneAt ? '1380013' : `1401999${String(i).padStart(4, '0')}`;
    customers.push([
      `K${i}`,
      '个人',
      `导入业主${i}`,
      i % 2 ? '女' : '男',
      phone,
      '居民身份证',
      null,
      null,
      `wx_${i}`,
      null,
      null,
      null,
      null,
      `紧急${i}`,
      '配偶',
      `1402999${String(i).padStart(4, '0')}`,
      null,
    ]);
    occupancies.push([`K${i}`, 'Z9', '1', number, '业主', '2025-06-01', null]);
  }
  return { buildings: [['Z9', 'Z9栋', '高层', 18, '1,2']], units, customers, occupancies };
}

describe('Excel import (all or nothing) and export (masked)', () => {
  it('a bad phone in row 37 imports nothing and names row 37 and the column', async () => {
    const before = await Promise.all([countOf('buildings'), countOf('units'), countOf('customers'), countOf('occupancies')]);
    const file = await workbook(fortyHouseholds(37));
    const res = await director.upload(`/api/archive/import?projectId=${ch}`, '入住资料.xlsx', file);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([{ path: '客户[37].手机', message: expect.stringContaining('第37行「手机」') }]);
    expect(await Promise.all([countOf('buildings'), countOf('units'), countOf('customers'), countOf('occupancies')])).toEqual(before);
  });

  it('a clean file imports every sheet in one go, and the same file again is refused row by row', async () => {
    const before = await Promise.all([countOf('buildings'), countOf('units'), countOf('customers'), countOf('occupancies')]);
    const file = await workbook(fortyHouseholds());
    const dry = await director.upload(`/api/archive/import?projectId=${ch}&dryRun=true`, 'a.xlsx', file);
    expect(dry.json()).toMatchObject({ dryRun: true, buildings: 1, units: 40, customers: 40, occupancies: 40 });
    expect(await countOf('units')).toBe(before[1]);

    const res = await director.upload(`/api/archive/import?projectId=${ch}`, 'a.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: false,
      buildings: 1,
      entrances: 2,
      units: 40,
      customers: 40,
      occupancies: 40,
      emergencyContacts: 40,
    });
    expect(await Promise.all([countOf('buildings'), countOf('units'), countOf('customers'), countOf('occupancies')])).toEqual([
      before[0] + 1,
      before[1] + 40,
      before[2] + 40,
      before[3] + 40,
    ]);
    const found = (await director.get(`/api/customers?projectId=${ch}&q=${encodeURIComponent('导入业主7')}`)).json().items[0];
    const customer = (await director.get(`/api/customers/${found.id}`)).json();
    expect(customer.units[0]).toMatchObject({ unitCode: 'Z9-1-204', relation: 'owner', moveInDate: '2025-06-01' });
    expect(customer.emergencyContacts[0]).toMatchObject({ name: '紧急7', relation: '配偶' });

    const again = await director.upload(`/api/archive/import?projectId=${ch}`, 'a.xlsx', file);
    expect(again.statusCode).toBe(400);
    const paths = again.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('楼栋[2].楼栋编号');
    const audit = (await director.get(`/api/audit?projectId=${ch}&action=import`)).json().items;
    expect(audit[0]).toMatchObject({ entity: 'archive_import', after: { units: 40 } });
  });

  it('names missing required columns and rejects a file that is not a workbook', async () => {
    const bad = await buildWorkbook([{ name: '客户', columns: [{ header: '姓名', width: 10 }], rows: [['张三']] }]);
    const res = await director.upload(`/api/archive/import?projectId=${ch}`, 'x.xlsx', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['客户[1].客户编号', '客户[1].姓名/名称']);
    const junk = await director.upload(`/api/archive/import?projectId=${ch}`, 'x.xlsx', Buffer.from('not a zip'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.fields[0].path).toBe('file');
  });

  it('reads an ID number without a type as a resident ID card, or for an organisation as its business licence', async () => {
    const customer = (key: string, kind: string, id: string): CellValue[] => [
      key,
      kind,
      `证件${key}`,
      null,
      null,
      null,
      id,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ];
    const ok = await workbook({ customers: [customer('ORG', '单位', '91440300MA5D8XYZ1X')] });
    expect((await director.upload(`/api/archive/import?projectId=${ch}&dryRun=1`, 'a.xlsx', ok)).json()).toMatchObject({ customers: 1 });
    const bad = await workbook({ customers: [customer('P1', '个人', '91440300MA5D8XYZ1X')] });
    const res = await director.upload(`/api/archive/import?projectId=${ch}&dryRun=1`, 'a.xlsx', bad);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['客户[2].证件号码']);
  });

  it('a role without customer.reveal gets masked numbers in the API and the export; a reveal export is audited', async () => {
    const c = await newCustomer({ phone: '14055667788', idType: 'id_card', idNumber: '110101199003074321' });
    expect((await tech.get(`/api/customers/${c.id}`)).json()).toMatchObject({ phone: '140****7788', idNumber: '1****************1' });

    const read = async (client: Client, query = '') => {
      const res = await client.get(`/api/archive/export?projectId=${ch}${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('客户')!;
      const rows: string[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows.find((r) => r[0] === `C${c.id}`)!;
    };
    const masked = await read(leader);
    expect(masked[4]).toBe('140****7788');
    expect(masked[6]).toBe('1****************1');
    expect((await leader.get(`/api/archive/export?projectId=${ch}&reveal=true&reason=核对`)).statusCode).toBe(403);
    expect((await director.get(`/api/archive/export?projectId=${ch}&reveal=true`)).json().error.fields[0].path).toBe('reason');

    const full = await read(director, `&reveal=true&reason=${encodeURIComponent('交付财务核对')}`);
    expect(full[4]).toBe('14055667788');
    const reveals = (await director.get(`/api/audit?projectId=${ch}&action=reveal`)).json().items;
    expect(reveals[0]).toMatchObject({ entity: 'archive_export', reason: '交付财务核对', actorName: expect.any(String) });
  });
});
