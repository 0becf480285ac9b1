/**
 * The three paper registers of seed 001 4.1.1 as filtered views of the tickets: 报修记录 (repairs),
 * 投诉记录 (complaints) and 日常事务登记表 (inquiries, help, suggestions, praise). Same query and row
 * mapping as the ticket list (`selectTickets`, `toTicket`), so a register never disagrees with it;
 * dates are local days of the project, both ends inclusive.
 */
import { ticketChannelLabels, ticketTypeLabels } from '../../../shared/categories.ts';
import type { Satisfaction, TicketType } from '../../../shared/enums.ts';
import { maskPhone } from '../../../shared/mask.ts';
import { registerTitles, registerTypes, type RegisterKind, type RegisterPage, type RegisterQuery } from '../../../shared/reports.ts';
import type { TicketStatus } from '../../../shared/workflow.ts';
import type { ServiceContext, StaffActor } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { isIsoDate } from '../../platform/calendar.ts';
import { requirePermission } from '../../platform/permissions.ts';
import { queryTerms } from '../tickets/text/normalize.ts';
import { selectTickets, toTicket, type TicketListRow } from '../tickets/tickets.repository.ts';
import { workflowCaller } from '../tickets/tickets.service.ts';
import { projectsInScope, type ReportProject } from './reports.repository.ts';
import { localDaysRange, startOfLocalDay } from '../../platform/periods.ts';
import { attachmentHeader, buildWorkbook, localDateTime, type CellValue, type SheetColumn } from './xlsx.ts';

/** More rows than this do not go into one workbook: the caller narrows the date range. */
export const maxExportRows = 20_000;

type RegisterFilter = Omit<RegisterQuery, 'limit' | 'cursor' | 'format'>;

function checkDates(query: RegisterFilter) {
  if (query.from && !isIsoDate(query.from)) throw invalid('from', 'is not a real date');
  if (query.to && !isIsoDate(query.to)) throw invalid('to', 'is not a real date');
  if (query.from && query.to && query.to < query.from) throw invalid('to', 'must not be before from');
}

/** The register's tickets of one project, filtered; the caller adds order and limit. */
function registerRows(ctx: ServiceContext, actor: StaffActor, project: ReportProject, register: RegisterKind, query: RegisterFilter) {
  const types = registerTypes[register];
  if (query.type && !types.includes(query.type)) throw invalid('type', `is not a type of the ${register} register`);
  let q = selectTickets(ctx.db)
    .where('tickets.company_id', '=', actor.companyId)
    .where('tickets.project_id', '=', project.id)
    .where('tickets.type', 'in', query.type ? [query.type] : [...types]);
  if (query.from) q = q.where('tickets.received_at', '>=', startOfLocalDay(query.from, project.timeZone));
  if (query.to) q = q.where('tickets.received_at', '<', localDaysRange(query.to, query.to, project.timeZone).to);
  if (query.status) q = q.where('tickets.status', '=', query.status);
  if (query.q) {
    const terms = queryTerms(query.q);
    if (terms.length) q = q.where(ctx.dialect.matchAllTerms('tickets', 'search_terms', terms));
  }
  return q;
}

async function prepare(ctx: ServiceContext, query: RegisterFilter) {
  const actor = requirePermission(ctx, 'ticket.read');
  const [project] = await projectsInScope(ctx.db, actor, query.projectId);
  checkDates(query);
  return { actor, project };
}

/** Opaque cursor of a register page: the received time and id of the last row (the sort key). */
function encodeRegisterCursor(row: { received_at: string; id: number }): string {
  return Buffer.from(`r:${row.received_at}|${row.id}`).toString('base64url');
}

function decodeRegisterCursor(cursor: string | undefined): { receivedAt: string; id: number } | undefined {
  if (!cursor) return undefined;
  const m = /^r:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw invalid('cursor', 'is not a cursor from this API');
  return { receivedAt: m[1], id: Number(m[2]) };
}

/**
 * GET /api/registers/:register — newest received first (the register's own order, so a back-filled
 * ticket sits where it happened), paged. The order follows the (project_id, type, received_at)
 * index, so a page costs the same with or without a date range.
 */
export async function listRegister(
  ctx: ServiceContext,
  register: RegisterKind,
  query: Omit<RegisterQuery, 'format'>,
): Promise<RegisterPage> {
  const { actor, project } = await prepare(ctx, query);
  let q = registerRows(ctx, actor, project, register, query);
  const after = decodeRegisterCursor(query.cursor);
  if (after) q = q.where((eb) => eb(eb.refTuple('tickets.received_at', 'tickets.id'), '<', eb.tuple(after.receivedAt, after.id)));
  const rows = await q
    .orderBy('tickets.received_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const now = ctx.clock.now();
  const caller = workflowCaller(actor);
  return {
    register,
    title: registerTitles[register],
    // Masked as in the ticket list: a full number only through the audited reveal (POST /api/tickets/:id/reveal).
    items: page.map((r) => toTicket(r, now, { revealPhone: false, caller })),
    nextCursor: more ? encodeRegisterCursor(page[page.length - 1]) : null,
  };
}

// ---------- Excel ----------

const statusLabels: Record<TicketStatus, string> = {
  new: '待受理',
  accepted: '已受理',
  dispatched: '已派工',
  in_progress: '处理中',
  paused: '已暂停',
  resolved: '已完成',
  awaiting_visit: '待回访',
  closed: '已关闭',
  cancelled: '已取消',
  reopened: '重新处理',
};
const satisfactionLabels: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };
const validityLabels: Record<string, string> = { valid: '有效', invalid: '无效' };

interface RegisterColumn extends SheetColumn {
  value(row: TicketListRow, zone: string): CellValue;
}

const yesNo = (v: boolean) => (v ? '是' : '否');
const lateStates = new Set(['breached', 'met_late']);
const overdue = (r: TicketListRow) => lateStates.has(r.reply_state) || lateStates.has(r.completion_state);
const place = (r: TicketListRow) => r.unit_code ?? r.public_place_name ?? null;
const person = (r: TicketListRow) => r.contact_name ?? r.customer_name ?? null;
/** Exports never carry a full phone number, whoever asks (seed 001 item 21). */
const phone = (r: TicketListRow) => maskPhone(r.contact_phone);
/** Mobile and landline numbers typed into free text (请回电 138…) are masked too. */
const phoneInText = /(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/g;
const text = (value: string | null) => value?.replace(phoneInText, (m) => maskPhone(m) ?? m) ?? null;
const materials = (r: TicketListRow) => {
  if (!r.materials_json) return null;
  const list = JSON.parse(r.materials_json) as { name: string; quantity: number; unit?: string | null }[];
  return list.map((m) => `${m.name}×${m.quantity}${m.unit ?? ''}`).join('、') || null;
};
const time = (iso: string | null, zone: string) => localDateTime(iso, zone);

const columns: Record<RegisterKind, RegisterColumn[]> = {
  repair: [
    { header: '单号', width: 18, value: (r) => r.number },
    { header: '报修时间', width: 17, value: (r, z) => time(r.received_at, z) },
    { header: '房号/位置', width: 14, value: place },
    { header: '报修人', width: 10, value: person },
    { header: '联系电话', width: 14, value: phone },
    { header: '报修内容', width: 36, value: (r) => text(r.description) },
    { header: '类别', width: 12, value: (r) => r.category_name ?? r.category_code },
    { header: '派工人', width: 10, value: (r) => r.assignee_name },
    { header: '完成时间', width: 17, value: (r, z) => time(r.resolved_at, z) },
    { header: '处理结果', width: 30, value: (r) => text(r.resolution) },
    { header: '材料', width: 20, value: materials },
    { header: '收费(元)', width: 9, numFmt: '0.00', value: (r) => r.charge },
    { header: '回访结果', width: 10, value: (r) => (r.satisfaction ? satisfactionLabels[r.satisfaction as Satisfaction] : null) },
    { header: '是否超时', width: 8, value: (r) => yesNo(overdue(r)) },
    { header: '状态', width: 9, value: (r) => statusLabels[r.status as TicketStatus] ?? r.status },
  ],
  complaint: [
    { header: '单号', width: 18, value: (r) => r.number },
    { header: '投诉时间', width: 17, value: (r, z) => time(r.received_at, z) },
    { header: '渠道', width: 8, value: (r) => ticketChannelLabels[r.channel as keyof typeof ticketChannelLabels] ?? r.channel },
    { header: '房号/位置', width: 14, value: place },
    { header: '投诉人', width: 10, value: person },
    { header: '联系电话', width: 14, value: phone },
    { header: '投诉内容', width: 36, value: (r) => text(r.description) },
    { header: '类别', width: 12, value: (r) => r.category_name ?? r.category_code },
    { header: '重大投诉', width: 8, value: (r) => yesNo(r.major === 1) },
    { header: '有效投诉', width: 8, value: (r) => (r.validity ? (validityLabels[r.validity] ?? r.validity) : '未认定') },
    { header: '处理人', width: 10, value: (r) => r.assignee_name },
    { header: '答复时间', width: 17, value: (r, z) => time(r.reply_stopped_at, z) },
    { header: '处理结果', width: 30, value: (r) => text(r.resolution) },
    { header: '完成时间', width: 17, value: (r, z) => time(r.resolved_at, z) },
    { header: '回访结果', width: 10, value: (r) => (r.satisfaction ? satisfactionLabels[r.satisfaction as Satisfaction] : null) },
    { header: '是否超时', width: 8, value: (r) => yesNo(overdue(r)) },
    { header: '状态', width: 9, value: (r) => statusLabels[r.status as TicketStatus] ?? r.status },
  ],
  daily: [
    { header: '单号', width: 18, value: (r) => r.number },
    { header: '类型', width: 7, value: (r) => ticketTypeLabels[r.type as TicketType] ?? r.type },
    { header: '登记时间', width: 17, value: (r, z) => time(r.received_at, z) },
    { header: '渠道', width: 8, value: (r) => ticketChannelLabels[r.channel as keyof typeof ticketChannelLabels] ?? r.channel },
    { header: '房号/位置', width: 14, value: place },
    { header: '来访/来电人', width: 11, value: person },
    { header: '联系电话', width: 14, value: phone },
    { header: '事项内容', width: 36, value: (r) => text(r.description) },
    { header: '处理人', width: 10, value: (r) => r.assignee_name },
    { header: '处理结果', width: 30, value: (r) => text(r.resolution) },
    { header: '完成时间', width: 17, value: (r, z) => time(r.resolved_at, z) },
    { header: '是否超时', width: 8, value: (r) => yesNo(overdue(r)) },
    { header: '状态', width: 9, value: (r) => statusLabels[r.status as TicketStatus] ?? r.status },
  ],
};

/** The register as a workbook, in time order (as the paper register), phones masked. */
export async function registerWorkbook(
  ctx: ServiceContext,
  register: RegisterKind,
  query: RegisterFilter,
): Promise<{ buffer: Buffer; contentDisposition: string }> {
  const { actor, project } = await prepare(ctx, query);
  const rows = await registerRows(ctx, actor, project, register, query)
    .orderBy('tickets.received_at')
    .orderBy('tickets.id')
    .limit(maxExportRows + 1)
    .execute();
  if (rows.length > maxExportRows) throw invalid('from', `more than ${maxExportRows} rows; choose a shorter period`);
  const cols = columns[register];
  const period = query.from || query.to ? `${query.from ?? ''}至${query.to ?? ''}` : '全部';
  const title = `${project.name} ${period} ${registerTitles[register]}`;
  const buffer = await buildWorkbook([
    { name: registerTitles[register], title, columns: cols, rows: rows.map((r) => cols.map((c) => c.value(r, project.timeZone))) },
  ]);
  const suffix = query.from || query.to ? `_${query.from ?? ''}_${query.to ?? ''}` : '';
  return {
    buffer,
    contentDisposition: attachmentHeader(
      `${registerTitles[register]}_${project.name}${suffix}.xlsx`,
      `register-${register}${suffix.replace(/_/g, '-')}.xlsx`,
    ),
  };
}
