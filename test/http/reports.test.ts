/**
 * Registers, the monthly complaint statistics and the dashboard, against a small set of tickets
 * whose every figure is worked out by hand below. The tickets live in a project of their own (so
 * demo data can never shift the numbers) and are made through the HTTP API, moving the test clock
 * to each ticket's real time so that clocks, breaches and return visits happen as in real life.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDashboardCache } from '../../src/server/modules/reports/dashboard.service.ts';
import { sweepDeadlines } from '../../src/server/modules/tickets/sweeper.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';
import { adminContext, makeProject } from '../helpers/factories.ts';

const NOW = '2026-11-20T02:00:00.000Z';
let t: TestApp;
let sup: Client;
let desk: Client;
let leader: Client;
let desk2: Client;
let r: number;
let rName: string;
let ch: number;
let yq: number;
let techId: number;
let units: number[];
const ids: Record<string, number> = {};

const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
/** A workflow action, or (with a third element) a post to /api/tickets/:id/<that path>. */
type Step = [minutesAfterReceipt: number, body: Record<string, unknown>, path?: string];

/** Creates a ticket at its received time (not back-filled) and plays its steps at their times. */
async function make(key: string, body: Record<string, unknown> & { receivedAt: string }, steps: Step[] = []) {
  t.clock.set(new Date(body.receivedAt));
  const res = await sup.post('/api/tickets', { projectId: r, ...body });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  ids[key] = id;
  for (const [minutes, step, path] of steps) {
    t.clock.set(new Date(plus(body.receivedAt, minutes)));
    const done = await sup.post(`/api/tickets/${id}/${path ?? 'transitions'}`, step);
    expect(done.statusCode, `${key} ${String(step.action ?? path)}: ${done.body}`).toBe(200);
  }
  return res.json();
}

const accept = { action: 'accept' };
const resolve = (resolution = '已处理') => ({ action: 'resolve', resolution });
const visit = (satisfaction: string) => ({ action: 'return_visit', satisfaction, method: 'phone' });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db.database.db;
  const admin = await adminContext(t.db.database, t.clock);
  const made = await makeProject(admin, { units: 6 });
  r = made.project.id;
  rName = made.project.name;
  units = made.units.map((u) => u.id);
  ch = (await db.selectFrom('projects').select('id').where('code', '=', 'CH').executeTakeFirstOrThrow()).id;
  yq = (await db.selectFrom('projects').select('id').where('code', '=', 'YQ').executeTakeFirstOrThrow()).id;
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'username'])
    .where('username', 'in', ['supervisor', 'frontdesk', 'tech'])
    .execute();
  await db
    .insertInto('staff_projects')
    .values(staff.map((s) => ({ staff_id: s.id, project_id: r })))
    .execute();
  techId = staff.find((s) => s.username === 'tech')!.id;
  // 户数: four units lived in now, one whose occupant moved out, one empty.
  const nowIso = t.clock.now().toISOString();
  const companyId = (await db.selectFrom('projects').select('company_id').where('id', '=', r).executeTakeFirstOrThrow()).company_id;
  for (let i = 0; i < 5; i++) {
    const customer = await db
      .insertInto('customers')
      .values({ company_id: companyId, project_id: r, kind: 'person', name: `住户${i}`, created_at: nowIso, updated_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('occupancies')
      .values({
        project_id: r,
        unit_id: units[i],
        customer_id: customer.id,
        relation: 'owner',
        move_in_date: '2020-01-01',
        move_out_date: i === 4 ? '2025-06-30' : null,
        created_at: nowIso,
      })
      .execute();
  }
  sup = await t.login('supervisor');
  desk = await t.login('frontdesk');
  leader = await t.login('leader');
  desk2 = await t.login('frontdesk2');

  const dispatch = { action: 'dispatch', assigneeId: techId };
  // ---- complaints ----
  await make(
    'C1',
    {
      type: 'complaint',
      channel: 'phone',
      categoryId: 'noise',
      unitId: units[0],
      description: '楼上装修噪音太大影响休息',
      receivedAt: '2026-11-02T01:00:00.000Z',
    },
    [
      [30, accept],
      [60, { validity: 'valid' }, 'validity'],
      [120, resolve()],
      [1440, visit('satisfied')],
    ],
  );
  await make(
    'C2',
    {
      type: 'complaint',
      channel: 'walk_in',
      categoryId: 'noise',
      unitId: units[1],
      description: '广场舞音响声音扰民',
      receivedAt: '2026-11-03T02:00:00.000Z',
    },
    [
      [60, dispatch],
      [90, { action: 'start' }],
      [600, resolve()],
      [2000, visit('basically_satisfied')],
    ],
  );
  await make(
    'C3',
    {
      type: 'complaint',
      channel: 'written',
      categoryId: 'staff_attitude',
      unitId: units[2],
      description: '保安态度恶劣不让访客进门',
      receivedAt: '2026-11-04T00:00:00.000Z',
    },
    [
      [240, accept],
      [241, { validity: 'invalid' }, 'validity'],
      [1490, { writtenReply: '经核实，已对当班保安进行教育并向您致歉。' }, 'complaint'],
      [1500, resolve()],
      [1600, visit('dissatisfied')],
    ],
  );
  await make(
    'C4',
    {
      type: 'complaint',
      channel: 'phone',
      unitId: units[3],
      description: '物业费账单金额有误多收了钱',
      receivedAt: '2026-11-05T03:00:00.000Z',
    },
    [
      [3000, accept],
      [3100, resolve()],
    ],
  );
  const c5 = await make(
    'C5',
    {
      type: 'complaint',
      channel: 'phone',
      categoryId: 'lift_entrapment',
      unitId: units[4],
      description: '电梯困人 三号电梯停在两层之间',
      receivedAt: '2026-11-10T02:00:00.000Z',
    },
    [
      [60, accept],
      [90, { checklist: { report: true } }, 'complaint'],
      [180, resolve()],
      [1440, visit('satisfied')],
    ],
  );
  expect(c5.major).toBe(true);
  await make(
    'C6',
    {
      type: 'complaint',
      channel: 'visit',
      categoryId: 'noise',
      unitId: units[5],
      description: '夜间施工持续到凌晨',
      receivedAt: '2026-11-12T02:00:00.000Z',
    },
    [[5, { validity: 'valid' }, 'validity']],
  );
  // 01:00 on 1 November in Shanghai: a November complaint.
  await make(
    'C7',
    {
      type: 'complaint',
      channel: 'night_duty',
      categoryId: 'noise',
      unitId: units[0],
      description: '夜里垃圾车作业声音很吵',
      receivedAt: '2026-10-31T17:00:00.000Z',
    },
    [
      [10, accept],
      [20, resolve()],
      [60, visit('satisfied')],
    ],
  );
  // 23:59 on 31 October in Shanghai: October's, though its late reply is recorded in November.
  await make(
    'C8',
    {
      type: 'complaint',
      channel: 'phone',
      categoryId: 'noise',
      unitId: units[1],
      description: '车库排风扇异响',
      receivedAt: '2026-10-31T15:59:00.000Z',
    },
    [[3000, accept]],
  );
  await make(
    'C9',
    {
      type: 'complaint',
      channel: 'phone',
      categoryId: 'noise',
      unitId: units[2],
      description: '邻居家狗叫不停',
      receivedAt: '2026-11-06T02:00:00.000Z',
    },
    [[10, { action: 'cancel', reason: '重复登记' }]],
  );
  // ---- repairs and daily matters ----
  await make(
    'R1',
    {
      type: 'repair',
      channel: 'phone',
      categoryId: 'water_leak',
      unitId: units[0],
      contactName: '张先生',
      contactPhone: '13812345678',
      description: '卫生间漏水 楼下天花板渗水',
      receivedAt: '2026-11-18T03:00:00.000Z',
    },
    [
      [30, dispatch],
      [60, { action: 'start' }],
      [240, { action: 'resolve', resolution: '更换密封圈', materials: [{ name: '密封圈', quantity: 2, unit: '个' }], charge: 50 }],
    ],
  );
  await make('R2', {
    type: 'repair',
    channel: 'walk_in',
    categoryId: 'doors_windows',
    unitId: units[1],
    description: '入户门锁坏了',
    receivedAt: '2026-11-10T02:00:00.000Z',
  });
  await make('R3', { type: 'repair', channel: 'patrol', description: '小区路灯不亮', receivedAt: '2026-10-31T17:00:00.000Z' }, [
    [60, accept],
  ]);
  await make('R4', {
    type: 'repair',
    channel: 'night_duty',
    unitId: units[2],
    description: '厨房水龙头滴水',
    receivedAt: '2026-11-19T17:00:00.000Z',
  });
  await make('D1', {
    type: 'inquiry',
    channel: 'phone',
    description: '请问物业费什么时候交',
    resolveNow: '每月15日前缴纳',
    receivedAt: NOW,
  });
  await make(
    'D2',
    {
      type: 'help',
      channel: 'phone',
      description: '老人行动不便需要帮忙搬东西，请联系女儿13900001111',
      receivedAt: '2026-11-19T06:00:00.000Z',
    },
    [[30, accept]],
  );
  await make('D3', { type: 'suggestion', channel: 'written', description: '建议增加儿童游乐设施', receivedAt: '2026-11-15T06:00:00.000Z' });

  t.clock.set(new Date(NOW));
  await sweepDeadlines(db, t.clock);
  const majors = await db.selectFrom('tickets').select('id').where('project_id', '=', r).where('major', '=', 1).execute();
  expect(majors.map((m) => m.id)).toEqual([ids.C5]);
});
afterAll(() => t.close());

const monthly = (c: Client, query: string) => c.get(`/api/reports/complaints/monthly?${query}`);

async function workbook(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

describe('monthly complaint statistics (客户月投诉统计表)', () => {
  it('counts the month’s complaints exactly', async () => {
    const res = await monthly(sup, `projectId=${r}&month=2026-11`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.month).toBe('2026-11');
    expect(report.projects).toHaveLength(1);
    const p = report.projects[0];
    // C1–C7: C7 came at 01:00 on 1 November local time; C8 is October's, C9 was cancelled.
    expect(p).toMatchObject({ projectId: r, projectName: rName, households: 4, total: 7, general: 6, major: 1, effective: 2 });
    expect(p.byChannel).toEqual([
      { channel: 'phone', count: 3 },
      { channel: 'walk_in', count: 1 },
      { channel: 'written', count: 1 },
      { channel: 'portal', count: 0 },
      { channel: 'visit', count: 1 },
      { channel: 'patrol', count: 0 },
      { channel: 'night_duty', count: 1 },
      { channel: 'control_room', count: 0 },
    ]);
    const categories = Object.fromEntries(
      p.byCategory.map((c: { categoryId: string | null; count: number }) => [c.categoryId ?? '-', c.count]),
    );
    expect(categories).toEqual({ noise: 4, staff_attitude: 1, lift_entrapment: 1, '-': 1 });
    expect(p.byCategory[0]).toMatchObject({ categoryId: 'noise', name: '噪音', count: 4 });
    expect(p.byCategory.find((c: { categoryId: string | null }) => c.categoryId === null).name).toBe('未分类');
    // Late: C3 (verified the next day), C4 (reply and verification), C6 (never handled, swept);
    // plus C8, an October complaint whose late reply was recorded in November.
    expect(p.overdue).toBe(4);
    // Reply minutes 10, 30, 60, 60, 240, 3000: median = 3rd of 6, p90 = 6th (⌈5.4⌉).
    expect(p.replyMinutes).toEqual({ count: 6, median: 60, p90: 3000 });
    // Completion minutes 20, 120, 180, 600, 1500, 3100.
    expect(p.completionMinutes).toEqual({ count: 6, median: 180, p90: 3100 });
    // Visits done for C1, C2, C3, C5, C7; C4's is owed and not done.
    expect(p.returnVisit).toEqual({ due: 6, done: 5, rate: 5 / 6 });
    expect(p.satisfaction).toEqual({ satisfied: 3, basically: 1, dissatisfied: 1, rate: 0.8 });
    // Two effective complaints over four households.
    expect(p.effectiveComplaintRate).toBe(0.5);
    expect(p.targets).toEqual({ returnVisitRate: 1, effectiveComplaintRate: 0.01 });
    expect(report.total).toMatchObject({
      projectId: null,
      total: 7,
      overdue: 4,
      households: 4,
      replyMinutes: p.replyMinutes,
      effectiveComplaintRate: 0.5,
    });
  });

  it('puts a complaint of 23:59 on 31 October (local) in October', async () => {
    const p = (await monthly(sup, `projectId=${r}&month=2026-10`)).json().projects[0];
    expect(p).toMatchObject({ total: 1, overdue: 1, byCategory: [{ categoryId: 'noise', count: 1 }] });
    expect(p.replyMinutes).toEqual({ count: 1, median: 3000, p90: 3000 });
    expect(p.completionMinutes).toEqual({ count: 0, median: null, p90: null });
    expect(p.returnVisit).toEqual({ due: 0, done: 0, rate: null });
  });

  it('gives leadership every project and a company total that adds up', async () => {
    const report = (await monthly(leader, 'month=2026-11')).json();
    const projectIds = report.projects.map((p: { projectId: number }) => p.projectId);
    expect(projectIds).toEqual(expect.arrayContaining([ch, yq, r]));
    const sum = (f: (p: any) => number) => report.projects.reduce((a: number, p: any) => a + f(p), 0);
    expect(report.total.total).toBe(sum((p) => p.total));
    expect(report.total.households).toBe(sum((p) => p.households));
    expect(report.total.effective).toBe(sum((p) => p.effective));
    expect(report.total.returnVisit.done).toBe(sum((p) => p.returnVisit.done));
    expect(report.total.effectiveComplaintRate).toBe(report.total.effective / report.total.households);
    const mine = report.projects.find((p: { projectId: number }) => p.projectId === r);
    expect(mine.total).toBe(7);
    if (report.total.total === mine.total) expect(report.total.replyMinutes).toEqual(mine.replyMinutes);
  });

  it('exports the same figures as an .xlsx that opens', async () => {
    const json = (await monthly(sup, `projectId=${r}&month=2026-11`)).json();
    const res = await monthly(sup, `projectId=${r}&month=2026-11&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('客户月投诉统计表')}`);
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按类别', '按渠道']);
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.getCell('A1').value).toBe(`${rName} 2026年11月 客户月投诉统计表`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(rowValues(ws, 2).slice(0, 7)).toEqual(['项目', '户数', '投诉总数', '一般投诉', '重大投诉', '有效投诉', '超时投诉']);
    const p = json.projects[0];
    expect(rowValues(ws, 3)).toEqual([
      rName,
      p.households,
      p.total,
      p.general,
      p.major,
      p.effective,
      p.overdue,
      p.replyMinutes.median,
      p.replyMinutes.p90,
      p.completionMinutes.median,
      p.completionMinutes.p90,
      p.returnVisit.due,
      p.returnVisit.done,
      p.returnVisit.rate,
      p.targets.returnVisitRate,
      p.satisfaction.satisfied,
      p.satisfaction.basically,
      p.satisfaction.dissatisfied,
      p.satisfaction.rate,
      p.effectiveComplaintRate,
      p.targets.effectiveComplaintRate,
    ]);
    expect(ws.getCell('A4').value).toBe('合计');
    expect(ws.getCell('N3').numFmt).toBe('0.00%');
    const byCategory = wb.getWorksheet('按类别')!;
    const headers = rowValues(byCategory, 2) as string[];
    const counts = rowValues(byCategory, 3);
    expect(counts[headers.indexOf('噪音')]).toBe(4);
    expect(counts[headers.indexOf('未分类')]).toBe(1);
    expect(counts[headers.indexOf('合计')]).toBe(7);
    const byChannel = wb.getWorksheet('按渠道')!;
    expect(rowValues(byChannel, 2)).toEqual(['项目', '来电', '来访', '书面', '在线', '走访', '巡查', '夜间值班', '中控室', '合计']);
    expect(rowValues(byChannel, 3)).toEqual([rName, 3, 1, 1, 0, 1, 0, 1, 0, 7]);
  });

  it('is for supervisors, directors and leadership, within their projects', async () => {
    const deskRes = await monthly(desk, `projectId=${ch}&month=2026-11`);
    expect(deskRes.statusCode).toBe(403);
    expect(deskRes.json().error.code).toBe('FORBIDDEN');
    const other = await monthly(sup, `projectId=${yq}&month=2026-11`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('NOT_IN_PROJECT');
    const director = await t.login('director');
    expect((await monthly(director, `projectId=${ch}&month=2026-11`)).statusCode).toBe(200);
    // A supervisor without projectId gets their own projects only.
    const own = (await monthly(sup, 'month=2026-11')).json().projects.map((p: { projectId: number }) => p.projectId);
    expect(own.sort()).toEqual([ch, r].sort());
    const bad = await monthly(sup, `projectId=${r}&month=2026-13`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('month');
  });
});

describe('registers (报修记录 / 投诉记录 / 日常事务登记表)', () => {
  const register = (c: Client, kind: string, query: string) => c.get(`/api/registers/${kind}?projectId=${r}&${query}`);
  const numbers = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((i) => i.id);

  it('filters by type and by local days, both ends included', async () => {
    const all = await register(desk, 'repair', 'from=2026-11-01&to=2026-11-18');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ register: 'repair', title: '报修记录', nextCursor: null });
    // Newest received first. R3 came at 01:00 on 1 November local time, R1 on the 18th; R4 (the 20th) is outside.
    expect(numbers(all)).toEqual([ids.R1, ids.R2, ids.R3]);
    expect(all.json().items.every((i: { type: string }) => i.type === 'repair')).toBe(true);
    expect(numbers(await register(desk, 'repair', 'from=2026-11-02&to=2026-11-17'))).toEqual([ids.R2]);
    const complaints = await register(desk, 'complaint', 'from=2026-11-01&to=2026-11-30');
    // C8 is October's; the cancelled C9 stays in the register.
    expect(numbers(complaints).sort()).toEqual([ids.C1, ids.C2, ids.C3, ids.C4, ids.C5, ids.C6, ids.C7, ids.C9].sort());
    const daily = await register(desk, 'daily', 'from=2026-11-01&to=2026-11-30');
    expect(
      daily
        .json()
        .items.map((i: { type: string }) => i.type)
        .sort(),
    ).toEqual(['help', 'inquiry', 'suggestion']);
    expect(numbers(await register(desk, 'daily', 'type=help'))).toEqual([ids.D2]);
    expect(numbers(await register(desk, 'complaint', 'status=cancelled'))).toEqual([ids.C9]);
  });

  it('pages with a cursor, in received order', async () => {
    const first = (await register(desk, 'complaint', 'limit=5')).json();
    expect(first.items).toHaveLength(5);
    const second = (await register(desk, 'complaint', `limit=5&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(4);
    expect(second.nextCursor).toBeNull();
    const received = [...first.items, ...second.items].map((i: { receivedAt: string }) => i.receivedAt);
    expect(received).toEqual([...received].sort().reverse());
    expect([...first.items, ...second.items].map((i: { id: number }) => i.id).sort()).toEqual(
      ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9'].map((k) => ids[k]).sort(),
    );
    expect((await register(desk, 'complaint', 'cursor=bm9wZQ')).json().error.fields[0].path).toBe('cursor');
  });

  it('exports an .xlsx in time order, with Chinese columns and masked phone numbers', async () => {
    // Masked on screen as in the ticket list, and always in an export.
    const json = (await register(desk, 'repair', 'from=2026-11-01&to=2026-11-30')).json();
    expect(json.items.find((i: { id: number }) => i.id === ids.R1).contactPhone).toBe('138****5678');
    const res = await register(desk, 'repair', 'from=2026-11-01&to=2026-11-30&format=xlsx');
    expect(res.statusCode).toBe(200);
    const disposition = res.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="register-repair-2026-11-01-2026-11-30\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe(`报修记录_${rName}_2026-11-01_2026-11-30.xlsx`);
    const ws = (await workbook(res.rawPayload)).worksheets[0];
    expect(ws.getCell('A1').value).toBe(`${rName} 2026-11-01至2026-11-30 报修记录`);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(rowValues(ws, 2)).toEqual([
      '单号',
      '报修时间',
      '房号/位置',
      '报修人',
      '联系电话',
      '报修内容',
      '类别',
      '派工人',
      '完成时间',
      '处理结果',
      '材料',
      '收费(元)',
      '回访结果',
      '是否超时',
      '状态',
    ]);
    expect(ws.getColumn(6).width).toBe(36);
    expect(ws.getRow(2).getCell(1).font?.bold).toBe(true);
    const rows = [3, 4, 5, 6].map((n) => rowValues(ws, n));
    expect(rows.map((row) => row[0])).toEqual(
      [ids.R3, ids.R2, ids.R1, ids.R4].map((id) => json.items.find((i: { id: number }) => i.id === id).number),
    );
    const r1 = rows[2];
    expect(r1.slice(0, 15)).toEqual([
      json.items.find((i: { id: number }) => i.id === ids.R1).number,
      '2026-11-18 11:00',
      json.items.find((i: { id: number }) => i.id === ids.R1).unitCode,
      '张先生',
      '138****5678',
      '卫生间漏水 楼下天花板渗水',
      '漏水渗水',
      '刘师傅',
      '2026-11-18 15:00',
      '更换密封圈',
      '密封圈×2个',
      50,
      undefined,
      '否',
      '待回访',
    ]);
    // R2 was never handled: overdue after the sweep.
    expect(rows[1][13]).toBe('是');
    for (const row of rows) expect(String(row[4] ?? '')).not.toMatch(/\d{11}/);
  });

  it('masks numbers written into the text of an export', async () => {
    const ws = (await workbook((await register(desk, 'daily', 'type=help&format=xlsx')).rawPayload)).worksheets[0];
    expect(rowValues(ws, 2)[7]).toBe('事项内容');
    expect(ws.getCell('H3').value).toBe('老人行动不便需要帮忙搬东西，请联系女儿139****1111');
    expect(ws.getCell('B3').value).toBe('求助');
  });

  it('checks the project and the input', async () => {
    const other = await desk2.get(`/api/registers/repair?projectId=${ch}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('NOT_IN_PROJECT');
    expect((await desk2.get(`/api/registers/repair?projectId=${ch}&format=xlsx`)).json().error.code).toBe('NOT_IN_PROJECT');
    expect((await desk.get(`/api/registers/repair`)).json().error.fields[0].path).toBe('projectId');
    expect((await desk.get(`/api/registers/misc?projectId=${r}`)).statusCode).toBe(400);
    expect((await register(desk, 'repair', 'from=2026-11-10&to=2026-11-01')).json().error.fields[0].path).toBe('to');
    expect((await register(desk, 'repair', 'from=2026-02-30')).json().error.fields[0].path).toBe('from');
    expect((await register(desk, 'daily', 'type=repair')).json().error.fields[0].path).toBe('type');
  });
});

describe('dashboard', () => {
  it('counts today, open work, SLA, visits and trends of a project', async () => {
    clearDashboardCache(t.db.database.db);
    const res = await sup.get(`/api/dashboard?projectId=${r}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.projectIds).toEqual([r]);
    // Today in Shanghai began at 2026-11-19T16:00Z: R4 (17:00Z) and the inquiry D1.
    expect(d.today).toEqual({
      date: '2026-11-20',
      total: 2,
      byType: [
        { type: 'repair', count: 1 },
        { type: 'complaint', count: 0 },
        { type: 'inquiry', count: 1 },
        { type: 'help', count: 0 },
        { type: 'suggestion', count: 0 },
        { type: 'praise', count: 0 },
      ],
    });
    // new: C6 R2 R4 D3; accepted: C8 R3 D2; reopened: C3 (dissatisfied visit).
    expect(d.open.total).toBe(8);
    const byStatus = Object.fromEntries(d.open.byStatus.map((s: { status: string; count: number }) => [s.status, s.count]));
    expect(byStatus).toEqual({ new: 4, accepted: 3, dispatched: 0, in_progress: 0, paused: 0, reopened: 1 });
    // Overdue and open: C3, C6, C8, R2, R3 — the same as the ticket list says.
    expect(d.open.overdue).toBe(5);
    let listed = 0;
    for (const status of ['new', 'accepted', 'dispatched', 'in_progress', 'paused', 'reopened']) {
      const list = (await sup.get(`/api/tickets?projectId=${r}&status=${status}&limit=200`)).json().items;
      expect(list).toHaveLength(byStatus[status]);
      listed += list.filter((x: { overdue: boolean }) => x.overdue).length;
    }
    expect(listed).toBe(d.open.overdue);
    expect(d.majorIncidents).toHaveLength(1);
    expect(d.majorIncidents[0]).toMatchObject({ projectId: r, kind: 'incident', households: 1 });

    // Reply clocks stopped in the 30 days: C1 30, C2 60, C3 240, C4 3000 (late), C5 60, C7 10, C8 3000 (late),
    // R1 30, R3 60, D2 30 → median 5th of 10 = 60, p90 9th = 3000.
    expect(d.last30Days.sla.reply).toEqual({ stopped: 10, met: 8, rate: 0.8 });
    expect(d.last30Days.replyMinutes).toEqual({ count: 10, median: 60, p90: 3000 });
    // Completion: C1 120, C2 600, C3 1500 (late), C4 3100 (late), C5 180, C7 20, R1 240 → median 4th of 7, p90 7th.
    expect(d.last30Days.sla.completion).toEqual({ stopped: 7, met: 5, rate: 5 / 7 });
    expect(d.last30Days.completionMinutes).toEqual({ count: 7, median: 240, p90: 3100 });
    // Visits due by now: C1 C2 C3 C5 C7 done, C4 not; R1's is due tomorrow.
    expect(d.last30Days.returnVisit).toEqual({ due: 6, done: 5, rate: 5 / 6 });
    expect(d.last30Days.satisfaction).toEqual({ satisfied: 3, basically: 1, dissatisfied: 1, rate: 0.8 });
    expect(d.pendingReturnVisits).toEqual({ total: 2, overdue: 1 });

    expect(d.trends).toHaveLength(12);
    expect(d.trends[0].month).toBe('2025-12');
    expect(d.trends[11]).toEqual({ month: '2026-11', intake: 15, complaints: 7, overdue: 6, satisfactionRate: 0.8 });
    expect(d.trends[10]).toEqual({ month: '2026-10', intake: 1, complaints: 1, overdue: 0, satisfactionRate: null });
    expect(d.trends[9]).toEqual({ month: '2026-09', intake: 0, complaints: 0, overdue: 0, satisfactionRate: null });
  });

  it('covers only the caller’s projects', async () => {
    const other = await desk2.get(`/api/dashboard?projectId=${ch}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('NOT_IN_PROJECT');
    expect((await desk2.get('/api/dashboard')).json().projectIds).toEqual([yq]);
    const all = (await leader.get('/api/dashboard')).json();
    expect(all.projectIds).toEqual(expect.arrayContaining([ch, yq, r]));
    expect(all.open.total).toBeGreaterThanOrEqual(8);
    expect((await t.anonymous.get('/api/dashboard')).statusCode).toBe(401);
  });
});
