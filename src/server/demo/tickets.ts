/**
 * A year of service-desk history for the demo company (and the benchmark's million tickets):
 * realistic mixes of types, channels and categories, full timelines, clocks met or breached,
 * return visits and satisfaction, a few major incidents. Written in bulk, not through the services,
 * so that 1,000,000 tickets build in minutes; the rows are the same shape the services write, and
 * their deadlines come from the same rules (`clockRules`, `clockTimes` under each project's policy
 * and calendar), so the demo never restates a deadline of its own.
 */
import { ticketNumberPrefix, type TicketType } from '../../shared/enums.ts';
import type { Database } from '../db/database.ts';
import type { NewRow } from '../db/types.ts';
import { localDate } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { indexString } from '../modules/tickets/text/normalize.ts';
import { insertPlain } from './generate.ts';
import { projectClock } from '../platform/project.ts';
import { clockRules, clockTimes, type ClockRule } from '../modules/tickets/sla.ts';
import { createRandom, type Random } from './names.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface Template {
  category: string;
  type: TicketType;
  texts: string[];
  common?: boolean;
}

/** What residents actually call about, by category. */
const templates: Template[] = [
  {
    category: 'water_leak',
    type: 'repair',
    texts: ['卫生间漏水，楼下天花板有水渍', '厨房水管接头渗水', '阳台地漏返水', '热水器下面一直滴水', '主卧卫生间漏水严重，请尽快处理'],
  },
  { category: 'drainage', type: 'repair', texts: ['厨房下水道堵塞', '马桶堵了冲不下去', '洗手盆下水很慢'] },
  { category: 'electrical', type: 'repair', texts: ['客厅灯不亮', '插座没电了', '家里跳闸合不上', '空调插座冒火花'] },
  { category: 'doors_windows', type: 'repair', texts: ['入户门锁坏了打不开', '窗户关不严，漏风', '阳台推拉门卡住', '防盗门门铃不响'] },
  { category: 'lift', type: 'repair', texts: ['电梯按键失灵', '电梯运行有异响', '电梯门关不上'], common: true },
  { category: 'lift', type: 'complaint', texts: ['电梯经常停运，投诉多次无人处理', '电梯维保不及时，老人上下楼不方便'], common: true },
  {
    category: 'public_facilities',
    type: 'repair',
    texts: ['楼道灯不亮', '单元门禁刷卡没反应', '信报箱门坏了', '小区健身器材松动'],
    common: true,
  },
  { category: 'greening', type: 'complaint', texts: ['绿化带杂草太多没人修剪', '树枝挡住窗户，要求修剪'], common: true },
  { category: 'cleaning', type: 'complaint', texts: ['楼道垃圾两天没清理', '垃圾桶周围很臭', '电梯里有宠物粪便没人打扫'], common: true },
  { category: 'noise', type: 'complaint', texts: ['楼上装修噪音太大，中午也不停', '晚上广场舞音响太吵', '隔壁装修周末一早就开始'] },
  { category: 'parking', type: 'complaint', texts: ['车位被别人占用', '地下车库乱停车堵住通道', '访客车辆停在消防通道'], common: true },
  { category: 'security', type: 'complaint', texts: ['陌生人随意进出单元门', '保安夜间巡逻不到位', '快递员随意进小区'] },
  { category: 'fees', type: 'inquiry', texts: ['请问物业费怎么交', '停车费标准是多少', '水电费为什么比上月高'] },
  { category: 'staff_attitude', type: 'complaint', texts: ['前台工作人员态度不好', '维修师傅上门迟到还不道歉'] },
  { category: 'general', type: 'inquiry', texts: ['请问小区什么时候停水', '装修需要办理什么手续', '快递可以放在前台吗'] },
  { category: 'general', type: 'help', texts: ['老人忘带钥匙进不了门', '需要帮忙搬运大件物品', '家里宠物跑丢了请帮忙找'] },
  { category: 'general', type: 'suggestion', texts: ['建议在中心花园增加儿童游乐设施', '建议增加电动车充电桩', '希望延长会所开放时间'] },
  { category: 'general', type: 'praise', texts: ['感谢维修师傅及时上门', '表扬保安帮忙找回钱包', '前台小陈服务热情'] },
];

const majorTemplates = [
  { category: 'lift_entrapment', text: '电梯困人，有人被关在里面出不来' },
  { category: 'flooding', text: '地下车库水浸，积水很深' },
  { category: 'power_outage', text: '整栋楼突然停电' },
];

const typeWeights: [TicketType, number][] = [
  ['repair', 0.55],
  ['complaint', 0.12],
  ['inquiry', 0.18],
  ['help', 0.06],
  ['suggestion', 0.05],
  ['praise', 0.04],
];
const channelWeights: [string, number][] = [
  ['phone', 0.45],
  ['walk_in', 0.2],
  ['portal', 0.15],
  ['visit', 0.05],
  ['patrol', 0.07],
  ['night_duty', 0.05],
  ['control_room', 0.02],
  ['written', 0.01],
];

function weighted<T>(r: Random, items: [T, number][]): T {
  let x = r.next();
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

export interface TicketHistoryOptions {
  count: number;
  seed?: number;
  /** Days of history before now (default 365). */
  days?: number;
}

interface UnitRef {
  id: number;
  code: string;
  projectId: number;
  customerId: number | null;
  name: string | null;
  phone: string | null;
}

const chunk = 300;

/** Adds `count` tickets spread over the past year to every project of the demo company. */
export async function generateTicketHistory(
  database: Database,
  clock: Clock,
  options: TicketHistoryOptions,
): Promise<{ tickets: number; events: number }> {
  const { db } = database;
  const r = createRandom(options.seed ?? 7_2026);
  const now = clock.now().getTime();
  const days = options.days ?? 365;
  const company = await db.selectFrom('companies').select('id').orderBy('id').executeTakeFirstOrThrow();
  const projects = await db.selectFrom('projects').select(['id', 'time_zone']).where('company_id', '=', company.id).orderBy('id').execute();
  const owners = await db
    .selectFrom('units')
    .leftJoin('occupancies', (j) =>
      j.onRef('occupancies.unit_id', '=', 'units.id').on('occupancies.relation', '=', 'owner').on('occupancies.move_out_date', 'is', null),
    )
    .leftJoin('customers', 'customers.id', 'occupancies.customer_id')
    .select(['units.id', 'units.code', 'units.project_id', 'customers.id as customer_id', 'customers.name', 'customers.phone'])
    .orderBy('units.id')
    .execute();
  const unitsByProject = new Map<number, UnitRef[]>();
  const seen = new Set<number>();
  for (const o of owners) {
    if (seen.has(o.id)) continue;
    seen.add(o.id);
    const list = unitsByProject.get(o.project_id) ?? [];
    list.push({ id: o.id, code: o.code, projectId: o.project_id, customerId: o.customer_id, name: o.name, phone: o.phone });
    unitsByProject.set(o.project_id, list);
  }
  const staffRows = await db
    .selectFrom('staff')
    .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
    .innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id')
    .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
    .select(['staff.id', 'staff_projects.project_id', 'roles.code'])
    .execute();
  const staffOf = (projectId: number, role: string) =>
    staffRows.filter((s) => s.project_id === projectId && s.code === role).map((s) => s.id);
  const staffNames = new Map((await db.selectFrom('staff').select(['id', 'name']).execute()).map((s) => [s.id, s.name]));
  const places = await db.selectFrom('public_places').select(['id', 'project_id']).execute();
  const totalUnits = [...unitsByProject.values()].reduce((a, l) => a + l.length, 0);

  let tickets = 0;
  let events = 0;
  for (const project of projects) {
    const units = unitsByProject.get(project.id) ?? [];
    if (!units.length) continue;
    const share = Math.round((options.count * units.length) / totalUnits);
    const desks = staffOf(project.id, 'frontdesk');
    const techs = staffOf(project.id, 'tech');
    const projectPlaces = places.filter((p) => p.project_id === project.id).map((p) => p.id);
    const pc = await projectClock(db, company.id, project.id);
    const visitDue = pc.policy.returnVisit.dueDays * DAY;
    // Received times in order, so numbers of a day count up with time.
    const times = Array.from({ length: share }, () => now - r.next() * days * DAY).sort((a, b) => a - b);
    const sequences = new Map<string, number>();
    // Write in slices so that a million tickets never sit in memory at once.
    for (let start = 0; start < times.length; start += 20_000) {
      const slice = times.slice(start, start + 20_000);
      await db.transaction().execute(async (trx) => {
        const ticketRows: NewRow<'tickets'>[] = [];
        const plans: {
          events: Omit<NewRow<'ticket_events'>, 'ticket_id'>[];
          visits: Omit<NewRow<'return_visits'>, 'ticket_id'>[];
          breaches: Omit<NewRow<'ticket_breaches'>, 'ticket_id'>[];
        }[] = [];
        for (const received of slice) {
          const type = weighted(r, typeWeights);
          const options = templates.filter((t) => t.type === type);
          const template = r.pick(options.length ? options : templates);
          const major = type !== 'inquiry' && type !== 'suggestion' && type !== 'praise' && r.chance(0.002) ? r.pick(majorTemplates) : null;
          const unit = r.pick(units);
          const common = major !== null || (template.common && r.chance(0.7));
          const placeId = common && projectPlaces.length ? r.pick(projectPlaces) : null;
          const description = major ? major.text : r.pick(template.texts);
          const channel = type === 'suggestion' && r.chance(0.3) ? 'written' : weighted(r, channelWeights);
          const day = localDate(new Date(received), project.time_zone);
          const prefix = ticketNumberPrefix[type];
          const seqKey = `${prefix}${day}`;
          const seq = (sequences.get(seqKey) ?? 0) + 1;
          sequences.set(seqKey, seq);
          const number = `${prefix}-${day.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
          const age = now - received;
          const desk = desks.length ? r.pick(desks) : null;
          const tech = techs.length ? r.pick(techs) : null;
          const hasCompletion = type === 'repair' || type === 'complaint';
          // The deadlines the service desk would give this ticket (policy, calendar, common area).
          const rules = clockRules({ type, major: major !== null, commonArea: placeId !== null, severe: false }, pc.policy);
          const times = (rule: ClockRule | null) => (rule ? clockTimes(rule, new Date(received), [], pc) : null);
          const reply = times(rules.reply);
          const completion = times(rules.completion);
          const replyDue = reply?.dueAt?.getTime() ?? null;
          const completionDue = completion?.dueAt?.getTime() ?? null;
          // How the story went: quick answers mostly, a few late ones, recent ones still open.
          const acceptAt = received + (r.chance(0.92) ? r.next() * 4 * HOUR : r.next() * 4 * DAY);
          const resolveAt = acceptAt + (r.chance(0.88) ? r.next() * 2 * DAY : r.next() * 6 * DAY);
          const cancelled = r.chance(0.02);
          let status: string;
          const ev: Omit<NewRow<'ticket_events'>, 'ticket_id'>[] = [];
          const push = (
            at: number,
            action: string,
            from: string | null,
            to: string | null,
            actorKind = 'staff',
            actorId: number | null = desk,
            payload?: unknown,
          ) =>
            ev.push({
              seq: ev.length + 1,
              at: new Date(Math.min(at, now)).toISOString(),
              actor_kind: actorKind,
              actor_id: actorId,
              action,
              from_status: from,
              to_status: to,
              payload_json: payload === undefined ? null : JSON.stringify(payload),
            });
          push(received, 'create', null, 'new', 'staff', desk, { channel });
          const visits: (typeof plans)[number]['visits'] = [];
          let satisfaction: string | null = null;
          let resolvedAt: number | null = null;
          let closedAt: number | null = null;
          let replyStop: number | null = null;
          let completionStop: number | null = null;
          if (type === 'inquiry' || type === 'praise' || (type === 'suggestion' && r.chance(0.8))) {
            status = 'closed';
            resolvedAt = closedAt = received + r.next() * HOUR;
            push(resolvedAt, 'resolve', 'new', 'resolved', 'staff', desk, { resolution: '已答复' });
            push(resolvedAt, 'close', 'resolved', 'closed', 'system', null);
          } else if (cancelled && age > 2 * DAY) {
            status = 'cancelled';
            closedAt = received + r.next() * DAY;
            replyStop = completionStop = closedAt;
            push(closedAt, 'cancel', 'new', 'cancelled', 'staff', desk, { reason: '重复登记' });
          } else if (acceptAt > now) {
            status = 'new';
          } else {
            replyStop = acceptAt;
            push(acceptAt, 'accept', 'new', 'accepted');
            push(acceptAt + 10 * 60_000, 'dispatch', 'accepted', 'dispatched', 'staff', desk, {
              assigneeId: tech,
              assigneeName: tech ? staffNames.get(tech) : null,
            });
            if (resolveAt > now) {
              status = 'dispatched';
              if (acceptAt + HOUR < now && r.chance(0.5)) {
                status = 'in_progress';
                push(acceptAt + HOUR, 'start', 'dispatched', 'in_progress', 'staff', tech);
              }
            } else {
              push(acceptAt + HOUR, 'start', 'dispatched', 'in_progress', 'staff', tech);
              resolvedAt = resolveAt;
              completionStop = resolveAt;
              push(resolveAt, 'resolve', 'in_progress', 'resolved', 'staff', tech, { resolution: '已处理完毕' });
              if (pc.policy.returnVisit.types.includes(type)) {
                push(resolveAt, 'await_visit', 'resolved', 'awaiting_visit', 'system', null);
                const visitAt = resolveAt + r.next() * 2 * DAY;
                if (visitAt < now && r.chance(0.97)) {
                  const x = r.next();
                  satisfaction = x < 0.84 ? 'satisfied' : x < 0.97 ? 'basically_satisfied' : 'dissatisfied';
                  const method = channel === 'portal' ? 'portal' : r.chance(0.85) ? 'phone' : 'visit';
                  status = satisfaction === 'dissatisfied' ? 'reopened' : 'closed';
                  if (status === 'closed') closedAt = visitAt;
                  push(
                    visitAt,
                    'return_visit',
                    'awaiting_visit',
                    status,
                    method === 'portal' ? 'resident' : 'staff',
                    method === 'portal' ? null : desk,
                    { satisfaction, method },
                  );
                  visits.push({
                    project_id: project.id,
                    due_at: new Date(resolveAt + visitDue).toISOString(),
                    status: 'done',
                    method,
                    satisfaction,
                    comment: satisfaction === 'dissatisfied' ? '问题没有彻底解决' : null,
                    done_by_kind: method === 'portal' ? 'resident' : 'staff',
                    done_by: desk,
                    done_at: new Date(visitAt).toISOString(),
                    created_at: new Date(resolveAt).toISOString(),
                  });
                  // A dissatisfied resident's ticket is worked again and visited again, unless that is still under way.
                  const reworkAt = visitAt + DAY;
                  const revisitAt = reworkAt + DAY;
                  if (status === 'reopened' && revisitAt < now) {
                    push(reworkAt, 'start', 'reopened', 'in_progress', 'staff', tech);
                    push(reworkAt + 2 * HOUR, 'resolve', 'in_progress', 'resolved', 'staff', tech, { resolution: '返工处理完毕' });
                    push(reworkAt + 2 * HOUR, 'await_visit', 'resolved', 'awaiting_visit', 'system', null);
                    satisfaction = 'basically_satisfied';
                    push(revisitAt, 'return_visit', 'awaiting_visit', 'closed', 'staff', desk, { satisfaction, method: 'phone' });
                    visits.push({
                      project_id: project.id,
                      due_at: new Date(reworkAt + 2 * HOUR + visitDue).toISOString(),
                      status: 'done',
                      method: 'phone',
                      satisfaction,
                      comment: null,
                      done_by_kind: 'staff',
                      done_by: desk,
                      done_at: new Date(revisitAt).toISOString(),
                      created_at: new Date(reworkAt + 2 * HOUR).toISOString(),
                    });
                    status = 'closed';
                    closedAt = revisitAt;
                    resolvedAt = reworkAt + 2 * HOUR;
                  }
                } else {
                  status = 'awaiting_visit';
                  visits.push({
                    project_id: project.id,
                    due_at: new Date(resolveAt + visitDue).toISOString(),
                    status: 'pending',
                    method: null,
                    satisfaction: null,
                    comment: null,
                    done_by_kind: null,
                    done_by: null,
                    done_at: null,
                    created_at: new Date(resolveAt).toISOString(),
                  });
                }
              } else {
                status = 'closed';
                closedAt = resolveAt;
                push(resolveAt, 'close', 'resolved', 'closed', 'system', null);
              }
            }
          }
          const clockState = (due: number | null, warn: number | null, stop: number | null) =>
            due === null
              ? 'none'
              : stop !== null
                ? stop > due
                  ? 'met_late'
                  : 'met'
                : now > due
                  ? 'breached'
                  : warn !== null && now > warn
                    ? 'warned'
                    : 'running';
          const replyState = clockState(replyDue, reply?.warnAt?.getTime() ?? null, replyStop);
          const completionState = clockState(completionDue, completion?.warnAt?.getTime() ?? null, completionStop);
          const breaches: (typeof plans)[number]['breaches'] = [];
          for (const [clockName, due, stop, state] of [
            ['reply', replyDue, replyStop, replyState],
            ['completion', completionDue, completionStop, completionState],
          ] as const) {
            if (due === null || (state !== 'met_late' && state !== 'breached')) continue;
            breaches.push({
              project_id: project.id,
              clock: clockName,
              due_at: new Date(due).toISOString(),
              detected_at: new Date(due).toISOString(),
              lateness_minutes: stop ? Math.ceil((stop - due) / 60_000) : null,
              responsible_id: tech ?? desk,
            });
          }
          const iso = (x: number | null) => (x === null ? null : new Date(x).toISOString());
          ticketRows.push({
            company_id: company.id,
            project_id: project.id,
            number,
            type,
            channel,
            status,
            version: ev.length,
            last_event_seq: ev.length,
            unit_id: placeId ? null : unit.id,
            public_place_id: placeId,
            customer_id: placeId && !r.chance(0.5) ? null : unit.customerId,
            contact_name: unit.name,
            contact_phone: unit.phone,
            category_code: major ? major.category : template.category,
            description,
            priority: major ? 'emergency' : r.chance(0.1) ? 'urgent' : 'normal',
            severe: 0,
            paid: type === 'repair' && r.chance(0.15) ? 1 : 0,
            written: channel === 'written' ? 1 : 0,
            backfilled: channel === 'night_duty' || channel === 'control_room' ? 1 : 0,
            major: major ? 1 : 0,
            major_incident_id: null,
            appointment_at: null,
            received_by: desk,
            received_at: new Date(received).toISOString(),
            department_id: null,
            assignee_id:
              status === 'new' || status === 'closed' || status === 'cancelled' ? (resolvedAt && hasCompletion ? tech : null) : tech,
            reply_due_at: iso(replyDue),
            reply_warn_at: iso(reply?.warnAt?.getTime() ?? null),
            reply_stopped_at: replyState === 'none' ? null : iso(replyStop),
            reply_state: replyState,
            completion_due_at: iso(completionDue),
            completion_warn_at: iso(completion?.warnAt?.getTime() ?? null),
            completion_stopped_at: completionState === 'none' ? null : iso(completionStop),
            completion_state: completionState,
            paused_at: null,
            pauses_json: '[]',
            resolved_at: iso(resolvedAt),
            closed_at: iso(closedAt),
            resolution: resolvedAt ? '已处理完毕' : null,
            materials_json: null,
            charge: null,
            cancel_reason: status === 'cancelled' ? '重复登记' : null,
            satisfaction,
            reopen_count: visits.some((v) => v.satisfaction === 'dissatisfied') ? 1 : 0,
            checklist_json:
              type === 'complaint'
                ? JSON.stringify({
                    listen: true,
                    ask: true,
                    follow: true,
                    reply: resolvedAt !== null,
                    record: true,
                    report: major !== null,
                  })
                : null,
            customer_confirmed_at: type === 'complaint' && resolvedAt ? iso(resolvedAt) : null,
            validity: type === 'complaint' && resolvedAt ? (r.chance(0.3) ? 'valid' : 'invalid') : null,
            written_reply: channel === 'written' && type === 'complaint' ? '已书面答复' : null,
            adopted: type === 'suggestion' && r.chance(0.1) ? 1 : 0,
            search_terms: indexString(`${description} ${number} ${unit.code} ${unit.name ?? ''}`),
            created_at: new Date(received).toISOString(),
            updated_at: new Date(Math.min(now, closedAt ?? resolvedAt ?? received)).toISOString(),
          });
          plans.push({ events: ev, visits, breaches });
        }
        for (let i = 0; i < ticketRows.length; i += chunk) {
          const ids = await trx
            .insertInto('tickets')
            .values(ticketRows.slice(i, i + chunk))
            .returning('id')
            .execute();
          const evRows: NewRow<'ticket_events'>[] = [];
          const visitRows: NewRow<'return_visits'>[] = [];
          const breachRows: NewRow<'ticket_breaches'>[] = [];
          ids.forEach(({ id }, k) => {
            const plan = plans[i + k];
            for (const e of plan.events) evRows.push({ ...e, ticket_id: id });
            for (const v of plan.visits) visitRows.push({ ...v, ticket_id: id });
            for (const b of plan.breaches) breachRows.push({ ...b, ticket_id: id });
          });
          await insertPlain(trx, 'ticket_events', evRows);
          await insertPlain(trx, 'return_visits', visitRows);
          await insertPlain(trx, 'ticket_breaches', breachRows);
          events += evRows.length;
        }
        tickets += ticketRows.length;
      });
    }
    // Keep today's counters ahead of the history so new intake continues the sequence.
    const today = localDate(new Date(now), project.time_zone);
    for (const [key, last] of sequences) {
      const prefix = key.slice(0, 2);
      const day = key.slice(2);
      if (day !== today) continue;
      await db
        .insertInto('ticket_sequences')
        .values({ project_id: project.id, prefix, day, last })
        .onConflict((oc) => oc.columns(['project_id', 'prefix', 'day']).doUpdateSet({ last }))
        .execute();
    }
  }
  return { tickets, events };
}
