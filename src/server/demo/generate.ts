import type { Database } from '../db/database.ts';
import { insertChunks, insertPlain } from '../db/bulk.ts';
import type { NewRow } from '../db/types.ts';
import { ensureCompany } from '../bootstrap.ts';
import type { Clock } from '../platform/clock.ts';
import { hashPassword } from '../platform/passwords.ts';
import { defaultDepartments } from '../modules/property/property.service.ts';
import { unitCode } from '../modules/property/property.service.ts';
import type { RoleCode } from '../../shared/permissions.ts';
import type { UnitState } from '../../shared/enums.ts';
import { generateDutyHistory } from './duty.ts';
import { companyName, createRandom, demoIdNumber, demoMobile, personName, type Random } from './names.ts';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_COMPANY = '安和物业服务有限公司';

/** Resident accounts of the demo, one per project (fixed numbers so the README can list them). */
export const demoResidents = [
  { projectCode: 'CH', phone: '14012340001' },
  { projectCode: 'YQ', phone: '14012340002' },
  { projectCode: 'GM', phone: '14012340003' },
];

/** Staff accounts of the demo; the first project unless said otherwise. */
export const demoAccounts: {
  username: string;
  name: string;
  roles: RoleCode[];
  projects: string[] | 'all';
  department: string | null;
  position: string;
}[] = [
  { username: 'leader', name: '郑总', roles: ['leader'], projects: 'all', department: null, position: '公司总经理' },
  { username: 'director', name: '周建国', roles: ['director'], projects: ['CH'], department: 'management', position: '管理处主任' },
  { username: 'supervisor', name: '林晓梅', roles: ['supervisor'], projects: ['CH'], department: 'customer_service', position: '客服主管' },
  { username: 'frontdesk', name: '陈思雨', roles: ['frontdesk'], projects: ['CH'], department: 'customer_service', position: '客户助理' },
  { username: 'butler', name: '王浩然', roles: ['butler'], projects: ['CH'], department: 'customer_service', position: '私人管家' },
  { username: 'tech', name: '刘师傅', roles: ['tech'], projects: ['CH'], department: 'maintenance', position: '维修电工' },
  { username: 'control', name: '赵磊', roles: ['control'], projects: ['CH'], department: 'control_room', position: '中控室值班员' },
  { username: 'security', name: '孙志强', roles: ['security'], projects: ['CH'], department: 'security', position: '安全主管' },
  { username: 'finance', name: '吴丽娟', roles: ['finance'], projects: ['CH'], department: 'finance', position: '财物管理员' },
  { username: 'hr', name: '黄佳欣', roles: ['hr'], projects: ['CH'], department: 'admin_hr', position: '行政人事主管' },
  { username: 'frontdesk2', name: '何晓静', roles: ['frontdesk'], projects: ['YQ'], department: 'customer_service', position: '客户助理' },
];

export interface DemoOptions {
  /** Approximate number of units over the three projects (default 3,000). */
  units?: number;
  seed?: number;
}

export interface DemoResult {
  projects: { code: string; name: string; units: number }[];
  units: number;
  customers: number;
  staff: number;
}

interface ProjectPlan {
  code: string;
  name: string;
  kind: 'residential' | 'villa' | 'office';
  address: string;
  phone: string;
  share: number;
}

const plans: ProjectPlan[] = [
  { code: 'CH', name: '翠湖花园', kind: 'residential', address: '深圳市南山区翠湖路88号', phone: '0755-86001234', share: 0.8 },
  { code: 'YQ', name: '云栖山庄', kind: 'villa', address: '深圳市龙岗区云栖路6号', phone: '0755-28005678', share: 0.1 },
  { code: 'GM', name: '国贸中心写字楼', kind: 'office', address: '深圳市福田区深南大道2001号', phone: '0755-83009999', share: 0.1 },
];

/**
 * Archive sections of the demo's owners and tenants (seed 002 制度4): move-in forms for most, yearly
 * fee payments, decoration files and deposits for units being decorated, a few letters, violations
 * and arrears. Drawn from a random stream of their own, so the rest of the demo stays as it was.
 */
function archiveEntriesFor(
  holders: { customerId: number; relation: string; moveIn: string | null; areaM2: number; unitState: UnitState }[],
  ctx: { companyId: number; projectId: number; now: string; seed: number },
): NewRow<'archive_entries'>[] {
  const r = createRandom(7919 * ctx.seed + 17);
  const rows: NewRow<'archive_entries'>[] = [];
  const add = (
    customerId: number,
    section: string,
    kind: string | null,
    title: string,
    date: string,
    amount: number | null = null,
    body: string | null = null,
  ) =>
    rows.push({
      company_id: ctx.companyId,
      project_id: ctx.projectId,
      customer_id: customerId,
      section,
      kind,
      title,
      entry_date: date,
      body,
      amount,
      created_by: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
  const day = (year: number, fromMonth = 1, toMonth = 12) =>
    `${year}-${String(r.int(fromMonth, toMonth)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  for (const h of holders) {
    const fee = Math.round(h.areaM2 * 2.8 * 12 * 100) / 100;
    if (h.moveIn && r.chance(0.75))
      add(
        h.customerId,
        'move_in',
        null,
        h.relation === 'tenant' ? '租户入住登记表' : '业主入住登记表',
        h.moveIn,
        null,
        '身份证复印件、房产证复印件已留存；钥匙已签收。',
      );
    if (h.relation === 'owner' && h.moveIn) {
      if (r.chance(0.7)) add(h.customerId, 'payments', 'payment', '2025年度物业服务费', day(2025, 1, 3), fee);
      if (r.chance(0.5)) add(h.customerId, 'payments', 'payment', '2026年度物业服务费', day(2026, 1, 3), fee);
      else if (r.chance(0.12))
        add(h.customerId, 'violations', 'arrears', '2026年度物业服务费欠费', '2026-06-30', fee, '已电话催缴两次，业主表示月底前缴清。');
    }
    if (h.unitState === 'decorating') {
      add(
        h.customerId,
        'decoration',
        null,
        '装修申请表及装修管理服务协议',
        day(2026, 8, 10),
        null,
        '施工单位：深圳市安居装饰工程有限公司；工期90天。',
      );
      add(h.customerId, 'payments', 'deposit', '装修押金', day(2026, 8, 10), 3000);
      if (r.chance(0.4))
        add(h.customerId, 'engineering', null, '二次装修施工图纸审核', day(2026, 9, 10), null, '水电改造图纸已审核，阳台不得封闭。');
    }
    if (r.chance(0.03)) add(h.customerId, 'correspondence', 'incoming', '关于地下车库照明不足的来函', day(2026, 3, 9));
    if (r.chance(0.02)) add(h.customerId, 'correspondence', 'outgoing', '关于调整电梯维保时间的告知函', day(2026, 5, 10));
    if (r.chance(0.015))
      add(h.customerId, 'violations', 'violation', '违规搭建阳台雨棚', day(2026, 4, 10), null, '已发整改通知书，限期七日内拆除。');
    if (r.chance(0.04))
      add(h.customerId, 'supplement', null, '车辆信息补充', day(2026, 1, 10), null, `车牌 粤B·${r.int(10000, 99999)}，地下车库月卡。`);
  }
  return rows;
}

/** Kept here too: demo modules import it from this file. */
export { insertPlain };

function pickState(r: Random, office: boolean): UnitState {
  const x = r.next();
  if (office) return x < 0.55 ? 'rented' : x < 0.8 ? 'occupied' : x < 0.9 ? 'decorating' : 'vacant';
  return x < 0.68 ? 'occupied' : x < 0.8 ? 'rented' : x < 0.85 ? 'decorating' : x < 0.9 ? 'handed_over' : x < 0.97 ? 'vacant' : 'unsold';
}

function dateBetween(r: Random, fromYear: number, toYear: number): string {
  return `${r.int(fromYear, toYear)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}

/**
 * Builds the demo company: three projects (high-rise estate, villa estate, office tower) with about
 * `units` units, their owners, tenants and families, staff for every role, and the demo accounts.
 * The same seed and size always produce the same data.
 */
export async function generateDemo(database: Database, clock: Clock, options: DemoOptions = {}): Promise<DemoResult> {
  const total = Math.max(60, options.units ?? 3000);
  const r = createRandom(options.seed ?? 20261122);
  const { db } = database;
  const existing = await db.selectFrom('projects').select('id').limit(1).execute();
  if (existing.length) throw new Error('The database already has projects; the demo needs an empty data directory.');
  const { companyId } = await ensureCompany(db, clock, { companyName: DEMO_COMPANY, adminPassword: DEMO_PASSWORD });
  await db.updateTable('companies').set({ name: DEMO_COMPANY }).where('id', '=', companyId).execute();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = clock.now().toISOString();
  const result: DemoResult = { projects: [], units: 0, customers: 0, staff: 0 };

  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ password_hash: passwordHash, must_change_password: 0 }).where('username', '=', 'admin').execute();
    const roleIds = new Map((await trx.selectFrom('roles').select(['id', 'code']).execute()).map((x) => [x.code, x.id]));
    const projectIds = new Map<string, number>();
    const deptIds = new Map<string, number>();
    let employeeNo = 1;

    for (const plan of plans) {
      const projectSince = new Date(Date.parse(now) - 5 * 365 * 86_400_000).toISOString();
      const project = await trx
        .insertInto('projects')
        .values({
          company_id: companyId,
          code: plan.code,
          name: plan.name,
          kind: plan.kind,
          address: plan.address,
          phone: plan.phone,
          time_zone: 'Asia/Shanghai',
          // The estates were taken over years before the history the demo shows (staff were hired from 2014).
          created_at: projectSince,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const projectId = project.id;
      projectIds.set(plan.code, projectId);
      const deps = await insertChunks(
        trx,
        'departments',
        defaultDepartments.map((d) => ({ company_id: companyId, project_id: projectId, kind: d.kind, name: d.name })),
      );
      defaultDepartments.forEach((d, i) => deptIds.set(`${plan.code}:${d.kind}`, deps[i]));

      // ----- buildings, entrances, units -----
      const target = Math.max(20, Math.round(total * plan.share));
      const unitRows: NewRow<'units'>[] = [];
      let b = 0;
      const buildingIds: number[] = [];
      while (unitRows.length < target) {
        b++;
        const layout =
          plan.kind === 'residential'
            ? { kind: 'highrise', floors: r.int(18, 32), entrances: 2, perFloor: 2, area: [68, 145], use: 'residential' }
            : plan.kind === 'villa'
              ? b % 4 === 0
                ? { kind: 'lowrise', floors: 6, entrances: 2, perFloor: 2, area: [110, 180], use: 'residential' }
                : { kind: 'villa', floors: 1, entrances: 0, perFloor: 10, area: [260, 480], use: 'residential' }
              : { kind: 'office', floors: 40, entrances: 0, perFloor: 8, area: [120, 900], use: b === 1 ? 'office' : 'commercial' };
        const code = String(b);
        const name =
          plan.kind === 'villa' && layout.kind === 'villa'
            ? `${b}区`
            : plan.kind === 'office'
              ? b === 1
                ? 'A座'
                : `${String.fromCharCode(64 + b)}座`
              : `${b}栋`;
        const building = await trx
          .insertInto('buildings')
          .values({ project_id: projectId, code, name, kind: layout.kind, floors: layout.floors, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        buildingIds.push(building.id);
        const entrances: { id: number | null; code: string | null }[] = [];
        if (layout.entrances > 0) {
          const ids = await insertChunks(
            trx,
            'entrances',
            Array.from({ length: layout.entrances }, (_, i) => ({
              project_id: projectId,
              building_id: building.id,
              code: String(i + 1),
              name: `${i + 1}单元`,
            })),
          );
          ids.forEach((id, i) => entrances.push({ id, code: String(i + 1) }));
        } else entrances.push({ id: null, code: null });
        for (const entrance of entrances) {
          for (let floor = 1; floor <= layout.floors && unitRows.length < target; floor++) {
            for (let k = 1; k <= layout.perFloor && unitRows.length < target; k++) {
              const number = layout.kind === 'villa' ? String(k).padStart(2, '0') : `${floor}${String(k).padStart(2, '0')}`;
              unitRows.push({
                project_id: projectId,
                building_id: building.id,
                entrance_id: entrance.id,
                floor,
                number,
                code: unitCode(code, entrance.code, number),
                area_m2: Math.round((layout.area[0] + r.next() * (layout.area[1] - layout.area[0])) * 100) / 100,
                use: layout.use,
                state: pickState(r, plan.kind === 'office'),
                created_at: now,
                updated_at: now,
              });
            }
          }
        }
      }
      const unitIds = await insertChunks(trx, 'units', unitRows);

      // ----- customers: owners, co-owners, family, tenants -----
      const customers: NewRow<'customers'>[] = [];
      const links: { customer: number; unit: number; relation: string; moveIn: string | null; moveOut: string | null }[] = [];
      const contactPlans: { customer: number; wechat: boolean; email: boolean; landline: boolean; emergency: boolean }[] = [];
      const addPerson = (unitIndex: number, relation: string, moveIn: string | null, moveOut: string | null = null, org = false) => {
        const person = personName(r);
        const idx = customers.length;
        customers.push({
          company_id: companyId,
          project_id: projectId,
          kind: org ? 'organisation' : 'person',
          name: org ? companyName(r) : person.name,
          gender: org ? null : person.gender,
          phone: demoMobile(r),
          id_type: org ? 'business_license' : 'id_card',
          id_number: org
            ? `91440300${String(r.int(0, 99_999_999)).padStart(8, '0')}${r.pick(['X', 'Y', '1', '2'])}${r.int(0, 9)}`
            : demoIdNumber(r),
          org_legal_rep: org ? personName(r).name : null,
          org_contact_person: org ? personName(r).name : null,
          notes: null,
          created_at: now,
          updated_at: now,
        });
        links.push({ customer: idx, unit: unitIndex, relation, moveIn, moveOut });
        if (relation === 'owner' || relation === 'tenant') {
          contactPlans.push({
            customer: idx,
            wechat: r.chance(0.8),
            email: r.chance(0.45),
            landline: r.chance(0.3),
            emergency: r.chance(0.85),
          });
        }
        return idx;
      };
      unitRows.forEach((u, i) => {
        const state = u.state as UnitState;
        if (state === 'unsold') return;
        const office = plan.kind === 'office';
        const handover = dateBetween(r, 2012, 2025);
        addPerson(i, 'owner', state === 'vacant' || state === 'handed_over' ? null : handover, null, office && r.chance(0.7));
        if (!office && r.chance(0.25)) addPerson(i, 'co_owner', handover);
        if (state === 'occupied' && !office) for (let f = r.int(0, 3); f > 0; f--) addPerson(i, 'family', handover);
        if (state === 'rented') {
          if (r.chance(0.3)) addPerson(i, 'tenant', dateBetween(r, 2015, 2021), dateBetween(r, 2022, 2023), office);
          addPerson(i, 'tenant', dateBetween(r, 2024, 2026), null, office && r.chance(0.8));
        }
      });
      // The demo resident of this project owns the first occupied unit and has a fixed number.
      const resident = demoResidents.find((x) => x.projectCode === plan.code)!;
      const residentLink = links.find(
        (l) => l.relation === 'owner' && customers[l.customer].kind === 'person' && unitRows[l.unit].state === 'occupied',
      );
      if (residentLink) customers[residentLink.customer].phone = resident.phone;

      const customerIds = await insertChunks(trx, 'customers', customers);
      await insertPlain(
        trx,
        'occupancies',
        links.map((l) => ({
          project_id: projectId,
          unit_id: unitIds[l.unit],
          customer_id: customerIds[l.customer],
          relation: l.relation,
          move_in_date: l.moveIn,
          move_out_date: l.moveOut,
          created_at: now,
        })),
      );
      const contactRows: NewRow<'customer_contacts'>[] = [];
      const emergencyRows: NewRow<'emergency_contacts'>[] = [];
      for (const c of contactPlans) {
        const customerId = customerIds[c.customer];
        contactRows.push({ customer_id: customerId, kind: 'mobile', value: customers[c.customer].phone!, label: '本人手机' });
        if (c.wechat)
          contactRows.push({ customer_id: customerId, kind: 'wechat', value: `wx_${String(r.int(100000, 999999))}`, label: '微信' });
        if (c.email)
          contactRows.push({ customer_id: customerId, kind: 'email', value: `user${r.int(1000, 99999)}@example.com`, label: '邮箱' });
        if (c.landline)
          contactRows.push({ customer_id: customerId, kind: 'landline', value: `0755-${r.int(20000000, 89999999)}`, label: '家庭电话' });
        if (c.emergency)
          emergencyRows.push({
            customer_id: customerId,
            name: personName(r).name,
            relation: r.pick(['配偶', '父亲', '母亲', '子女', '兄弟', '姐妹', '朋友']),
            phone: demoMobile(r),
          });
      }
      await insertPlain(trx, 'customer_contacts', contactRows);
      await insertPlain(trx, 'emergency_contacts', emergencyRows);
      await insertPlain(
        trx,
        'archive_entries',
        archiveEntriesFor(
          contactPlans.map((c) => {
            const link = links.find((l) => l.customer === c.customer)!;
            const unit = unitRows[link.unit];
            return {
              customerId: customerIds[c.customer],
              relation: link.relation,
              moveIn: link.moveIn,
              areaM2: unit.area_m2,
              unitState: unit.state as UnitState,
            };
          }),
          { companyId, projectId, now, seed: projectId },
        ),
      );
      if (residentLink) {
        await trx
          .insertInto('resident_accounts')
          .values({
            customer_id: customerIds[residentLink.customer],
            phone: resident.phone,
            password_hash: passwordHash,
            status: 'active',
            created_at: now,
          })
          .execute();
      }

      // ----- public places -----
      const places = [
        { name: '地下车库', kind: 'garage' },
        { name: '中心花园', kind: 'garden' },
        { name: '配电房', kind: 'plant_room' },
        { name: '水泵房', kind: 'plant_room' },
        { name: '小区主干道', kind: 'road' },
        { name: plan.kind === 'office' ? '一楼大堂' : '会所', kind: plan.kind === 'office' ? 'lobby' : 'clubhouse' },
      ];
      await insertPlain(
        trx,
        'public_places',
        places.map((p) => ({ project_id: projectId, building_id: null, ...p })),
      );

      result.projects.push({ code: plan.code, name: plan.name, units: unitRows.length });
      result.units += unitRows.length;
      result.customers += customers.length;

      // ----- staff of the project (beyond the demo accounts): the people on the roster -----
      const crew: [number, RoleCode | null, string, string][] = [
        [3, 'frontdesk', 'customer_service', '客户助理'],
        [plan.kind === 'residential' ? 5 : 2, 'butler', 'customer_service', '私人管家'],
        [plan.kind === 'residential' ? 6 : 3, 'tech', 'maintenance', '维修技工'],
        [2, 'control', 'control_room', '中控室值班员'],
        [plan.kind === 'residential' ? 10 : 5, null, 'security', '护卫员'],
        [plan.kind === 'residential' ? 8 : 4, null, 'environment', '保洁员'],
      ];
      const staffRows: NewRow<'staff'>[] = [];
      const staffRoles: (RoleCode | null)[] = [];
      for (const [count, role, dept, position] of crew) {
        for (let i = 0; i < count; i++) {
          const no = employeeNo++;
          staffRows.push({
            company_id: companyId,
            employee_no: `E${String(no).padStart(4, '0')}`,
            username: `${plan.code.toLowerCase()}.${role ?? dept}${i + 1}`,
            name: personName(r).name,
            phone: demoMobile(r),
            department_id: deptIds.get(`${plan.code}:${dept}`)!,
            position,
            hire_date: dateBetween(r, 2016, 2025),
            probation_end: null,
            status: 'active',
            password_hash: passwordHash,
            must_change_password: 0,
            created_at: now,
            updated_at: now,
          });
          staffRoles.push(role);
        }
      }
      const staffIds = await insertChunks(trx, 'staff', staffRows);
      await insertPlain(
        trx,
        'staff_projects',
        staffIds.map((id) => ({ staff_id: id, project_id: projectId })),
      );
      await insertPlain(
        trx,
        'staff_roles',
        staffIds.flatMap((id, i) => (staffRoles[i] ? [{ staff_id: id, role_id: roleIds.get(staffRoles[i]!)! }] : [])),
      );
      result.staff += staffIds.length;

      // ----- responsibility areas: buildings shared among the butlers -----
      const butlers = staffIds.filter((_, i) => staffRoles[i] === 'butler');
      const perArea = Math.ceil(buildingIds.length / butlers.length);
      for (let a = 0; a < butlers.length; a++) {
        const slice = buildingIds.slice(a * perArea, (a + 1) * perArea);
        if (!slice.length) break;
        const area = await trx
          .insertInto('responsibility_areas')
          .values({
            project_id: projectId,
            name: `第${a + 1}责任区`,
            owner_staff_id: butlers[a],
            main_responsible_id: null,
            deputy_responsible_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertPlain(
          trx,
          'responsibility_area_buildings',
          slice.map((bid) => ({ area_id: area.id, building_id: bid })),
        );
      }
    }

    // ----- the demo accounts -----
    for (const account of demoAccounts) {
      const no = employeeNo++;
      const firstProject = account.projects === 'all' ? null : account.projects[0];
      const staff = await trx
        .insertInto('staff')
        .values({
          company_id: companyId,
          employee_no: `E${String(no).padStart(4, '0')}`,
          username: account.username,
          name: account.name,
          phone: demoMobile(r),
          department_id: firstProject && account.department ? deptIds.get(`${firstProject}:${account.department}`)! : null,
          position: account.position,
          hire_date: dateBetween(r, 2014, 2022),
          probation_end: null,
          status: 'active',
          password_hash: passwordHash,
          must_change_password: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertPlain(
        trx,
        'staff_roles',
        account.roles.map((role) => ({ staff_id: staff.id, role_id: roleIds.get(role)! })),
      );
      if (account.projects !== 'all') {
        await insertPlain(
          trx,
          'staff_projects',
          account.projects.map((code) => ({ staff_id: staff.id, project_id: projectIds.get(code)! })),
        );
      }
      result.staff++;
    }
    // 有偿服务项目及收费标准: the company's price list of paid services (a demo list, not real prices).
    await insertPlain(
      trx,
      'fee_schedule',
      [
        ['replace_tap', '更换水龙头（不含材料）', '个', 30],
        ['unblock_drain', '疏通下水道', '次', 50],
        ['replace_lamp', '更换灯具（不含材料）', '个', 20],
        ['replace_socket', '更换插座面板', '个', 15],
        ['open_lock', '开锁服务', '次', 80],
        ['install_shower', '安装花洒', '套', 60],
        ['clean_ac', '空调清洗', '台', 100],
      ].map(([code, name, unit, price]) => ({
        company_id: companyId,
        project_id: null,
        code: code as string,
        name: name as string,
        unit: unit as string,
        price: price as number,
        active: 1,
      })),
    );
    // The director is main responsible (主责任人) and the supervisor deputy (付责任人) of every area of the first project.
    const director = await trx.selectFrom('staff').select('id').where('username', '=', 'director').executeTakeFirstOrThrow();
    const supervisor = await trx.selectFrom('staff').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
    const butler = await trx.selectFrom('staff').select('id').where('username', '=', 'butler').executeTakeFirstOrThrow();
    const chId = projectIds.get('CH')!;
    await trx
      .updateTable('responsibility_areas')
      .set({ main_responsible_id: director.id, deputy_responsible_id: supervisor.id })
      .where('project_id', '=', chId)
      .execute();
    const firstArea = await trx
      .selectFrom('responsibility_areas')
      .select('id')
      .where('project_id', '=', chId)
      .orderBy('id')
      .executeTakeFirst();
    if (firstArea)
      await trx.updateTable('responsibility_areas').set({ owner_staff_id: butler.id }).where('id', '=', firstArea.id).execute();
    await trx
      .insertInto('audit_log')
      .values({
        at: now,
        company_id: companyId,
        project_id: null,
        actor_kind: 'system',
        actor_id: null,
        action: 'demo_generated',
        entity: 'company',
        entity_id: String(companyId),
        before_json: null,
        after_json: JSON.stringify({ units: result.units, customers: result.customers }),
        reason: 'npm run demo',
        ip: null,
      })
      .execute();
  });
  await generateDutyHistory(database, clock, r);
  return result;
}
