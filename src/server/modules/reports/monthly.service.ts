/**
 * 客户月投诉统计表 — the monthly complaint statistics of seed 002 制度2 (投诉汇总: 每月对投诉进行一次汇总),
 * per project and for the company (SPEC §3 "Statistics").
 *
 * Counted: complaints received in the local month (Asia/Shanghai: a complaint at 2026-10-31T17:00Z is
 * November), not cancelled. Everything is aggregated in SQL per project over the
 * (project_id, type, received_at) index range of the month; only the timestamps the exact
 * percentiles need (received, reply stopped, completion stopped) are fetched row by row.
 */
import { sql, type SqlBool } from 'kysely';
import { ticketChannelLabels } from '../../../shared/categories.ts';
import { ticketChannels } from '../../../shared/enums.ts';
import type { ComplaintStats, MonthlyComplaintReport, MonthlyComplaintsQuery } from '../../../shared/reports.ts';
import type { Executor } from '../../db/database.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { requirePermission } from '../../platform/permissions.ts';
import { getPolicy } from '../policies/policies.service.ts';
import { byTimeZone, categoryNames, householdsOf, projectsInScope, type ReportProject } from './reports.repository.ts';
import { localMonthRange, type Range } from '../../platform/periods.ts';
import { minutesBetween, n, ratio, summarizeMinutes } from './stats.ts';
import { attachmentHeader, buildWorkbook, type CellValue } from '../../platform/xlsx.ts';

const lateStates = ['breached', 'met_late'];

/**
 * The monthly statistics are a supervisory report: 'ticket.read' plus either 'ticket.supervise'
 * (客服主管 and 管理处主任, whose permission catalogue entry names the monthly statistics) or a
 * leadership role that sees every project (公司领导 reads the company figures but supervises no
 * desk). Front-desk staff, butlers and technicians see the registers and the dashboard, not this.
 * The system administrator has no 'ticket.read' and is refused too.
 */
export function requireStatisticsReader(ctx: ServiceContext): StaffActor {
  const actor = requirePermission(ctx, 'ticket.read');
  if (!actor.allProjects && !actor.permissions.has('ticket.supervise')) {
    throw forbidden('The monthly complaint statistics need ticket.supervise or a leadership role');
  }
  return actor;
}

/** Running sums of one project (or of the company). */
interface Tally {
  total: number;
  major: number;
  effective: number;
  overdue: number;
  categories: Map<string | null, number>;
  channels: Map<string, number>;
  reply: number[];
  completion: number[];
  visitsDone: number;
  visitsOwedPending: number;
  satisfied: number;
  basically: number;
  dissatisfied: number;
  households: number;
}

const emptyTally = (): Tally => ({
  total: 0,
  major: 0,
  effective: 0,
  overdue: 0,
  categories: new Map(),
  channels: new Map(),
  reply: [],
  completion: [],
  visitsDone: 0,
  visitsOwedPending: 0,
  satisfied: 0,
  basically: 0,
  dissatisfied: 0,
  households: 0,
});

const add = <K>(map: Map<K, number>, key: K, value: number) => map.set(key, (map.get(key) ?? 0) + value);

function merge(into: Tally, from: Tally): void {
  for (const k of [
    'total',
    'major',
    'effective',
    'overdue',
    'visitsDone',
    'visitsOwedPending',
    'satisfied',
    'basically',
    'dissatisfied',
    'households',
  ] as const) {
    into[k] += from[k];
  }
  for (const [k, v] of from.categories) add(into.categories, k, v);
  for (const [k, v] of from.channels) add(into.channels, k, v);
  for (const v of from.reply) into.reply.push(v);
  for (const v of from.completion) into.completion.push(v);
}

/** The month's complaints of some projects: the WHERE of every query below (portable SQL). */
function complaintsOfMonth(projectIds: number[], range: Range) {
  return sql<SqlBool>`tickets.project_id in (${sql.join(projectIds)}) and tickets.type = 'complaint' and tickets.received_at >= ${range.from} and tickets.received_at < ${range.to} and tickets.status <> 'cancelled'`;
}

/** Fills the tallies of projects sharing one time zone (so one month range) — five aggregate queries. */
async function collect(db: Executor, projectIds: number[], range: Range, nowIso: string, tallies: Map<number, Tally>): Promise<void> {
  const tally = (projectId: number) => tallies.get(projectId)!;
  const [groups, durations, lateElsewhere, visits] = await Promise.all([
    db
      .selectFrom('tickets')
      .select((eb) => [
        'tickets.project_id',
        'tickets.category_code',
        'tickets.channel',
        'tickets.major',
        'tickets.validity',
        eb.fn.countAll<number>().as('count'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.or([eb('tickets.reply_state', 'in', lateStates), eb('tickets.completion_state', 'in', lateStates)]))
              .then(eb.lit(1))
              .else(eb.lit(0))
              .end(),
          )
          .as('late'),
      ])
      .where(complaintsOfMonth(projectIds, range))
      .groupBy(['tickets.project_id', 'tickets.category_code', 'tickets.channel', 'tickets.major', 'tickets.validity'])
      .execute(),
    // Only what the percentiles need: the received time and the two stop times.
    db
      .selectFrom('tickets')
      .select(['tickets.project_id', 'tickets.received_at', 'tickets.reply_stopped_at', 'tickets.completion_stopped_at'])
      .where(complaintsOfMonth(projectIds, range))
      .where((eb) => eb.or([eb('tickets.reply_stopped_at', 'is not', null), eb('tickets.completion_stopped_at', 'is not', null)]))
      .execute(),
    // Complaints of other months whose breach was recorded in this one (the month's own are counted above).
    db
      .selectFrom('ticket_breaches')
      .innerJoin('tickets', 'tickets.id', 'ticket_breaches.ticket_id')
      .select((eb) => ['ticket_breaches.project_id', eb.fn.count<number>('ticket_breaches.ticket_id').distinct().as('count')])
      .where('ticket_breaches.project_id', 'in', projectIds)
      .where('ticket_breaches.detected_at', '>=', range.from)
      .where('ticket_breaches.detected_at', '<', range.to)
      .where('tickets.type', '=', 'complaint')
      .where('tickets.status', '!=', 'cancelled')
      .where((eb) => eb.or([eb('tickets.received_at', '<', range.from), eb('tickets.received_at', '>=', range.to)]))
      .groupBy('ticket_breaches.project_id')
      .execute(),
    db
      .selectFrom('tickets')
      .innerJoin('return_visits', 'return_visits.ticket_id', 'tickets.id')
      .select((eb) => [
        'tickets.project_id',
        'return_visits.status',
        'return_visits.satisfaction',
        eb.fn.countAll<number>().as('count'),
        eb.fn.sum<number>(eb.case().when('return_visits.due_at', '<=', nowIso).then(eb.lit(1)).else(eb.lit(0)).end()).as('owed'),
      ])
      .where(complaintsOfMonth(projectIds, range))
      .groupBy(['tickets.project_id', 'return_visits.status', 'return_visits.satisfaction'])
      .execute(),
  ]);

  for (const g of groups) {
    const t = tally(g.project_id);
    const count = n(g.count);
    t.total += count;
    if (g.major === 1) t.major += count;
    if (g.validity === 'valid') t.effective += count;
    t.overdue += n(g.late);
    add(t.categories, g.category_code, count);
    add(t.channels, g.channel, count);
  }
  for (const d of durations) {
    const t = tally(d.project_id);
    if (d.reply_stopped_at) t.reply.push(minutesBetween(d.received_at, d.reply_stopped_at));
    if (d.completion_stopped_at) t.completion.push(minutesBetween(d.received_at, d.completion_stopped_at));
  }
  for (const l of lateElsewhere) tally(l.project_id).overdue += n(l.count);
  for (const v of visits) {
    const t = tally(v.project_id);
    if (v.status === 'done') {
      t.visitsDone += n(v.count);
      if (v.satisfaction === 'satisfied') t.satisfied += n(v.count);
      else if (v.satisfaction === 'basically_satisfied') t.basically += n(v.count);
      else if (v.satisfaction === 'dissatisfied') t.dissatisfied += n(v.count);
    } else t.visitsOwedPending += n(v.owed);
  }
}

function toStats(
  t: Tally,
  who: { projectId: number | null; projectName: string },
  names: Map<string, string>,
  targets: ComplaintStats['targets'],
): ComplaintStats {
  const byCategory = [...t.categories]
    .map(([code, count]) => ({ categoryId: code, name: code === null ? '未分类' : (names.get(code) ?? code), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
  const rated = t.satisfied + t.basically + t.dissatisfied;
  const due = t.visitsDone + t.visitsOwedPending;
  return {
    ...who,
    households: t.households,
    total: t.total,
    byCategory,
    byChannel: ticketChannels.map((channel) => ({ channel, count: t.channels.get(channel) ?? 0 })),
    general: t.total - t.major,
    major: t.major,
    effective: t.effective,
    overdue: t.overdue,
    replyMinutes: summarizeMinutes(t.reply),
    completionMinutes: summarizeMinutes(t.completion),
    returnVisit: { due, done: t.visitsDone, rate: ratio(t.visitsDone, due) },
    satisfaction: {
      satisfied: t.satisfied,
      basically: t.basically,
      dissatisfied: t.dissatisfied,
      rate: ratio(t.satisfied + t.basically, rated),
    },
    effectiveComplaintRate: ratio(t.effective, t.households),
    targets,
  };
}

async function compute(ctx: ServiceContext, actor: StaffActor, query: Pick<MonthlyComplaintsQuery, 'projectId' | 'month'>) {
  const projects = await projectsInScope(ctx.db, actor, query.projectId);
  const ids = projects.map((p) => p.id);
  const nowIso = ctx.clock.now().toISOString();
  const tallies = new Map(projects.map((p) => [p.id, emptyTally()]));
  const [names, households, companyPolicy, policies] = await Promise.all([
    categoryNames(ctx.db, actor.companyId),
    householdsOf(ctx.db, ids),
    getPolicy(ctx.db, actor.companyId, null),
    Promise.all(projects.map((p) => getPolicy(ctx.db, actor.companyId, p.id))),
    ...[...byTimeZone(projects)].map(([zone, group]) =>
      collect(
        ctx.db,
        group.map((p) => p.id),
        localMonthRange(query.month, zone),
        nowIso,
        tallies,
      ),
    ),
  ]);
  const total = emptyTally();
  const rows = projects.map((p, i) => {
    const t = tallies.get(p.id)!;
    t.households = households.get(p.id) ?? 0;
    merge(total, t);
    const policy = policies[i];
    return toStats(t, { projectId: p.id, projectName: p.name }, names, {
      returnVisitRate: policy.returnVisit.targetRate,
      effectiveComplaintRate: policy.effectiveComplaintRateTarget,
    });
  });
  const report: MonthlyComplaintReport = {
    month: query.month,
    generatedAt: nowIso,
    projects: rows,
    total: toStats(total, { projectId: null, projectName: '合计' }, names, {
      returnVisitRate: companyPolicy.returnVisit.targetRate,
      effectiveComplaintRate: companyPolicy.effectiveComplaintRateTarget,
    }),
  };
  return { report, projects };
}

/** GET /api/reports/complaints/monthly */
export async function monthlyComplaints(
  ctx: ServiceContext,
  query: Pick<MonthlyComplaintsQuery, 'projectId' | 'month'>,
): Promise<MonthlyComplaintReport> {
  const actor = requireStatisticsReader(ctx);
  return (await compute(ctx, actor, query)).report;
}

// ---------- Excel ----------

const pct = '0.00%';
const summaryColumns = [
  { header: '项目', width: 18 },
  { header: '户数', width: 8 },
  { header: '投诉总数', width: 9 },
  { header: '一般投诉', width: 9 },
  { header: '重大投诉', width: 9 },
  { header: '有效投诉', width: 9 },
  { header: '超时投诉', width: 9 },
  { header: '答复用时中位数(分钟)', width: 12 },
  { header: '答复用时P90(分钟)', width: 12 },
  { header: '完成用时中位数(分钟)', width: 12 },
  { header: '完成用时P90(分钟)', width: 12 },
  { header: '应回访', width: 8 },
  { header: '已回访', width: 8 },
  { header: '回访率', width: 9, numFmt: pct },
  { header: '回访率目标', width: 9, numFmt: pct },
  { header: '满意', width: 7 },
  { header: '基本满意', width: 9 },
  { header: '不满意', width: 8 },
  { header: '满意率', width: 9, numFmt: pct },
  { header: '有效投诉率', width: 10, numFmt: pct },
  { header: '有效投诉率目标', width: 10, numFmt: pct },
];

function summaryRow(s: ComplaintStats): CellValue[] {
  return [
    s.projectName,
    s.households,
    s.total,
    s.general,
    s.major,
    s.effective,
    s.overdue,
    s.replyMinutes.median,
    s.replyMinutes.p90,
    s.completionMinutes.median,
    s.completionMinutes.p90,
    s.returnVisit.due,
    s.returnVisit.done,
    s.returnVisit.rate,
    s.targets.returnVisitRate,
    s.satisfaction.satisfied,
    s.satisfaction.basically,
    s.satisfaction.dissatisfied,
    s.satisfaction.rate,
    s.effectiveComplaintRate,
    s.targets.effectiveComplaintRate,
  ];
}

function scopeName(projects: ReportProject[], single: boolean, companyName: string): string {
  return single && projects.length === 1 ? projects[0].name : companyName;
}

/** The same figures as a workbook: 汇总 (one row per project and the total), 按类别, 按渠道. */
export async function monthlyComplaintsWorkbook(
  ctx: ServiceContext,
  query: Pick<MonthlyComplaintsQuery, 'projectId' | 'month'>,
): Promise<{ buffer: Buffer; contentDisposition: string }> {
  const actor = requireStatisticsReader(ctx);
  const { report, projects } = await compute(ctx, actor, query);
  const company = await ctx.db.selectFrom('companies').select('name').where('id', '=', actor.companyId).executeTakeFirstOrThrow();
  const who = scopeName(projects, query.projectId !== undefined, company.name);
  const [year, month] = report.month.split('-');
  const title = `${who} ${year}年${Number(month)}月 客户月投诉统计表`;
  const all = [...report.projects, report.total];
  const totalRow = all.length - 1;
  const categories = report.total.byCategory.map((c) => c.categoryId);
  const categoryLabel = new Map(report.total.byCategory.map((c) => [c.categoryId, c.name]));
  const buffer = await buildWorkbook([
    { name: '汇总', title, columns: summaryColumns, rows: all.map(summaryRow), boldRows: [totalRow] },
    {
      name: '按类别',
      title: `${title}（按类别）`,
      columns: [
        { header: '项目', width: 18 },
        ...categories.map((c) => ({ header: categoryLabel.get(c)!, width: 10 })),
        { header: '合计', width: 8 },
      ],
      rows: all.map((s) => {
        const counts = new Map(s.byCategory.map((c) => [c.categoryId, c.count]));
        return [s.projectName, ...categories.map((c) => counts.get(c) ?? 0), s.total];
      }),
      boldRows: [totalRow],
    },
    {
      name: '按渠道',
      title: `${title}（按渠道）`,
      columns: [
        { header: '项目', width: 18 },
        ...ticketChannels.map((c) => ({ header: ticketChannelLabels[c], width: 9 })),
        { header: '合计', width: 8 },
      ],
      rows: all.map((s) => [s.projectName, ...s.byChannel.map((c) => c.count), s.total]),
      boldRows: [totalRow],
    },
  ]);
  return {
    buffer,
    contentDisposition: attachmentHeader(`客户月投诉统计表_${who}_${report.month}.xlsx`, `complaints-monthly-${report.month}.xlsx`),
  };
}
