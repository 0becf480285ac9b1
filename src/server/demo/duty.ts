/**
 * Four weeks of 24-hour duty for the demo company: two weeks past (checked in, a few late, handed
 * over and signed, reviewed; one handover left unsigned) and two weeks planned, night log lines of
 * the past week (dealt with on the night, and last night's still waiting in the morning queue).
 * Rows are written in bulk with the same shapes the duty service writes.
 */
import { addDays } from '../../shared/periods.ts';
import { defaultPolicy } from '../../shared/policies.ts';
import type { Database, Trx } from '../db/database.ts';
import type { NewRow } from '../db/types.ts';
import { localDate } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { localInstant, shiftColumns } from '../modules/duty/roster.ts';
import { insertPlain } from './generate.ts';
import type { Random } from './names.ts';

const MIN = 60_000;

const nightCalls: [string, string][] = [
  ['业主来电:厨房水龙头关不紧,一直滴水', '已上门更换阀芯'],
  ['来电:楼道声控灯不亮', '已更换灯泡'],
  ['住户反映楼上装修噪音(夜间)', '已联系楼上住户停止施工'],
  ['业主来电:家中跳闸,部分插座没电', '已上门复位漏电开关'],
  ['来电咨询明天停水时间', '已告知停水通知内容'],
  ['地下车库有车辆报警器长鸣', '已通知车主处理'],
];
const openCalls = ['业主来电:卫生间下水道堵塞,明早安排维修', '来电:阳台推拉门关不上,要求明天上门', '住户投诉:楼下餐馆油烟味大'];

export async function generateDutyHistory(database: Database, clock: Clock, r: Random): Promise<{ shifts: number; entries: number }> {
  return database.db.transaction().execute((trx) => writeDuty(trx, clock, r));
}

async function writeDuty(db: Trx, clock: Clock, r: Random): Promise<{ shifts: number; entries: number }> {
  const now = clock.now();
  const nowIso = now.toISOString();
  const duty = defaultPolicy.duty;
  const projects = await db.selectFrom('projects').select(['id', 'company_id', 'code', 'time_zone']).orderBy('id').execute();
  let shifts = 0;
  let entries = 0;
  for (const project of projects) {
    const people = await db
      .selectFrom('staff')
      .innerJoin('staff_projects', 'staff_projects.staff_id', 'staff.id')
      .innerJoin('staff_roles', 'staff_roles.staff_id', 'staff.id')
      .innerJoin('roles', 'roles.id', 'staff_roles.role_id')
      .select(['staff.id', 'staff.username', 'roles.code as role'])
      .where('staff_projects.project_id', '=', project.id)
      .where('roles.code', 'in', ['frontdesk', 'tech', 'supervisor'])
      .orderBy('staff.id')
      .execute();
    // The demo accounts take today's day shift and last night's night duty, so logging in shows them.
    const first = (role: string, username: string) => [
      ...people.filter((p) => p.role === role && p.username === username),
      ...people.filter((p) => p.role === role && p.username !== username),
    ];
    const desk = first('frontdesk', 'frontdesk');
    const techs = first('tech', 'tech');
    const supervisor = people.find((p) => p.role === 'supervisor');
    if (!desk.length || !techs.length) continue;
    const today = localDate(now, project.time_zone);
    const planned: (NewRow<'duty_assignments'> & { key: string })[] = [];
    for (let offset = -14; offset <= 13; offset++) {
      const date = addDays(today, offset);
      const i = offset + 14;
      // The supervisor reviews at 09:00 the morning after a shift ends (晨查), if that morning has come.
      const reviewedAt = (endsAt: Date) => {
        if (!supervisor) return null;
        let at = localInstant(localDate(endsAt, project.time_zone), '09:00', project.time_zone);
        if (at <= endsAt) at = new Date(at.getTime() + 86_400_000);
        return at <= now ? at.toISOString() : null;
      };
      const pick = (code: string, staffId: number) => {
        const t = duty.shifts.find((s) => s.code === code)!;
        const { times, columns } = shiftColumns(t, date, project.time_zone, duty.summer);
        const ended = times.endsAt <= now;
        const started = times.startsAt <= now;
        const late = started && r.chance(0.06) ? r.int(3, 25) : 0;
        const checkIn = started
          ? new Date(times.startsAt.getTime() - (late ? -late + duty.checkInEarlyMinutes : r.int(15, 30)) * MIN)
          : null;
        planned.push({
          key: `${code}:${date}`,
          company_id: project.company_id,
          project_id: project.id,
          staff_id: staffId,
          ...columns,
          note: null,
          check_in_at: checkIn?.toISOString() ?? null,
          late_minutes: checkIn ? late : null,
          check_out_at: ended ? new Date(times.endsAt.getTime() + r.int(3, 20) * MIN).toISOString() : null,
          closed_at: ended ? new Date(times.endsAt.getTime() + r.int(1, 3) * MIN).toISOString() : null,
          reviewed_at: reviewedAt(times.endsAt),
          reviewed_by: reviewedAt(times.endsAt) ? (supervisor?.id ?? null) : null,
          created_by: supervisor?.id ?? desk[0].id,
          created_at: nowIso,
        });
      };
      // Today's day shift is the demo front desk's; the noon duty rotates; the demo technician had last night.
      pick('day', desk[(((i - 14) % desk.length) + desk.length) % desk.length].id);
      pick('noon', desk[(i + 1) % desk.length].id);
      pick('night', techs[(((i - 13) % techs.length) + techs.length) % techs.length].id);
    }
    // Yesterday's night of this project was not handed over yet (checked in, not out).
    const lastNight = planned.find((p) => p.key === `night:${addDays(today, -1)}`);
    if (lastNight && Date.parse(lastNight.ends_at) <= now.getTime()) {
      lastNight.check_out_at = null;
      lastNight.closed_at = null;
      lastNight.reviewed_at = null;
      lastNight.reviewed_by = null;
    }
    await insertPlain(
      db,
      'duty_assignments',
      planned.map(({ key: _key, ...row }) => row),
    );
    shifts += planned.length;
    const rows = await db.selectFrom('duty_assignments').selectAll().where('project_id', '=', project.id).orderBy('starts_at').execute();

    // Handovers of the past shifts, signed by both (the one of last night is written but not signed by the incoming side).
    const handed = rows.filter((a) => a.handover === 1 && a.check_in_at && Date.parse(a.ends_at) <= now.getTime());
    const handovers: NewRow<'duty_handovers'>[] = [];
    for (const a of handed) {
      const next = rows.find(
        (b) => b.at_center === 1 && b.staff_id !== a.staff_id && Math.abs(Date.parse(b.starts_at) - Date.parse(a.ends_at)) <= 3_600_000,
      );
      if (!next) continue;
      const open = a.closed_at === null;
      handovers.push({
        company_id: project.company_id,
        project_id: project.id,
        assignment_id: a.id,
        outgoing_id: a.staff_id,
        incoming_id: next.staff_id,
        incoming_assignment_id: next.id,
        equipment: '对讲机2台、电筒1支正常',
        keys: '机房、配电房钥匙各1串',
        records: a.shift_code === 'night' ? '夜间值班记录表' : '工作日志、报修记录',
        notes: null,
        outgoing_signed_at: new Date(Date.parse(a.ends_at) - 5 * MIN).toISOString(),
        incoming_signed_at: open ? null : new Date(Date.parse(a.ends_at) - 2 * MIN).toISOString(),
        version: open ? 2 : 3,
        created_at: new Date(Date.parse(a.ends_at) - 15 * MIN).toISOString(),
        updated_at: new Date(Date.parse(a.ends_at) - 2 * MIN).toISOString(),
      });
    }
    await insertPlain(db, 'duty_handovers', handovers);

    // Night log lines of the past week: dealt with at night; last night's still open for the morning desk.
    const nights = rows.filter(
      (a) => a.shift_code === 'night' && a.check_in_at && Date.parse(a.starts_at) >= now.getTime() - 8 * 86_400_000,
    );
    const lines: NewRow<'duty_log_entries'>[] = [];
    const units = await db.selectFrom('units').select('id').where('project_id', '=', project.id).orderBy('id').limit(200).execute();
    for (const n of nights) {
      const isLast = n.date === addDays(today, -1);
      const count = isLast ? 2 : r.int(0, 2);
      for (let k = 0; k < count; k++) {
        const at = new Date(Date.parse(n.starts_at) + r.int(60, 13 * 60) * MIN);
        if (at > now) continue;
        const [text, action] = isLast ? [openCalls[k % openCalls.length], null] : r.pick(nightCalls);
        lines.push({
          company_id: project.company_id,
          project_id: project.id,
          assignment_id: n.id,
          kind: 'call',
          occurred_at: at.toISOString(),
          night: 1,
          unit_id: units.length ? r.pick(units).id : null,
          caller_name: null,
          caller_phone: null,
          description: text,
          status: action ? 'handled' : 'open',
          action_taken: action,
          dispatched_to: null,
          dispatched_at: null,
          ticket_id: null,
          converted_by: null,
          converted_at: null,
          recorded_by: n.staff_id,
          created_at: new Date(at.getTime() + 5 * MIN).toISOString(),
        });
      }
    }
    await insertPlain(db, 'duty_log_entries', lines);
    entries += lines.length;
  }
  return { shifts, entries };
}
