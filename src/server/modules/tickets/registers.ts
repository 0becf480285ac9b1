/**
 * The three paper registers of seed 001 4.1.1 over the tickets: 报修记录 (repairs), 投诉记录
 * (complaints) and 日常事务登记表 (inquiries, help, suggestions, praise). Same query and row as the
 * ticket list (`selectTickets`, `toTicket`), so a register never disagrees with it; ordered by the
 * real received time, so a back-filled ticket sits where it happened.
 */
import { z } from 'zod';
import { ticketChannelLabels, ticketTypeLabels } from '../../../shared/categories.ts';
import { ticketTypes, type TicketType } from '../../../shared/enums.ts';
import { labels, type Labels } from '../../../shared/policies/fields.ts';
import { registerTitles, registerTypes, type RegisterKind } from '../../../shared/reports.ts';
import { ticketStatuses, type TicketStatus } from '../../../shared/workflow.ts';
import { defineRegister, type RegisterColumn, type RegisterContext } from '../../platform/registers.ts';
import { queryTerms } from './text/normalize.ts';
import { selectTickets, toTicket, type TicketListRow } from './tickets.repository.ts';
import { workflowCaller } from './tickets.service.ts';

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
const satisfactionLabels = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };
const lateStates = new Set(['breached', 'met_late']);

type Column = RegisterColumn<TicketListRow>;
const col = {
  number: { key: 'number', header: labels('单号', '單號', 'No.'), width: 18, value: (r) => r.number } as Column,
  received: (header: Labels): Column => ({ key: 'receivedAt', header, width: 17, type: 'datetime', value: (r) => r.received_at }),
  channel: {
    key: 'channel',
    header: labels('渠道', '渠道', 'Channel'),
    width: 8,
    type: 'enum',
    i18n: 'channel',
    enumLabels: ticketChannelLabels,
    value: (r) => r.channel,
  } as Column,
  type: {
    key: 'type',
    header: labels('类型', '類型', 'Type'),
    width: 7,
    type: 'enum',
    i18n: 'ticketType',
    enumLabels: ticketTypeLabels,
    value: (r) => r.type,
  } as Column,
  place: {
    key: 'place',
    header: labels('房号/位置', '房號/位置', 'Unit / place'),
    width: 14,
    value: (r) => r.unit_code ?? r.public_place_name ?? null,
  } as Column,
  person: (header: Labels): Column => ({ key: 'person', header, width: 10, value: (r) => r.contact_name ?? r.customer_name ?? null }),
  /** Registers never carry a full phone number, whoever asks (seed 001 item 21). */
  phone: {
    key: 'contactPhone',
    header: labels('联系电话', '聯繫電話', 'Phone'),
    width: 14,
    mask: 'phone',
    value: (r) => r.contact_phone,
  } as Column,
  description: (header: Labels): Column => ({ key: 'description', header, width: 36, mask: 'text', value: (r) => r.description }),
  category: {
    key: 'category',
    header: labels('类别', '類別', 'Category'),
    width: 12,
    value: (r) => r.category_name ?? r.category_code,
  } as Column,
  assignee: (header: Labels): Column => ({ key: 'assignee', header, width: 10, value: (r) => r.assignee_name }),
  resolvedAt: {
    key: 'resolvedAt',
    header: labels('完成时间', '完成時間', 'Resolved'),
    width: 17,
    type: 'datetime',
    value: (r) => r.resolved_at,
  } as Column,
  resolution: {
    key: 'resolution',
    header: labels('处理结果', '處理結果', 'Result'),
    width: 30,
    mask: 'text',
    value: (r) => r.resolution,
  } as Column,
  materials: {
    key: 'materials',
    header: labels('材料', '材料', 'Materials'),
    width: 20,
    value: (r) => {
      if (!r.materials_json) return null;
      const list = JSON.parse(r.materials_json) as { name: string; quantity: number; unit?: string | null }[];
      return list.map((m) => `${m.name}×${m.quantity}${m.unit ?? ''}`).join('、') || null;
    },
  } as Column,
  charge: {
    key: 'charge',
    header: labels('收费(元)', '收費(元)', 'Charge (yuan)'),
    width: 9,
    type: 'number',
    numFmt: '0.00',
    value: (r) => r.charge,
  } as Column,
  visit: {
    key: 'satisfaction',
    header: labels('回访结果', '回訪結果', 'Return visit'),
    width: 10,
    type: 'enum',
    i18n: 'satisfaction',
    enumLabels: satisfactionLabels,
    value: (r) => r.satisfaction,
  } as Column,
  overdue: {
    key: 'overdue',
    header: labels('是否超时', '是否超時', 'Overdue'),
    width: 8,
    type: 'boolean',
    value: (r) => lateStates.has(r.reply_state) || lateStates.has(r.completion_state),
  } as Column,
  status: {
    key: 'status',
    header: labels('状态', '狀態', 'Status'),
    width: 9,
    type: 'enum',
    i18n: 'status',
    enumLabels: statusLabels,
    value: (r) => r.status,
  } as Column,
  major: {
    key: 'major',
    header: labels('重大投诉', '重大投訴', 'Major'),
    width: 8,
    type: 'boolean',
    value: (r) => r.major === 1,
  } as Column,
  validity: {
    key: 'validity',
    header: labels('有效投诉', '有效投訴', 'Valid'),
    width: 8,
    value: (r) => (r.validity === 'valid' ? '有效' : r.validity === 'invalid' ? '无效' : '未认定'),
  } as Column,
  repliedAt: {
    key: 'repliedAt',
    header: labels('答复时间', '答覆時間', 'Replied'),
    width: 17,
    type: 'datetime',
    value: (r) => r.reply_stopped_at,
  } as Column,
};

const columns: Record<RegisterKind, Column[]> = {
  repair: [
    col.number,
    col.received(labels('报修时间', '報修時間', 'Received')),
    col.place,
    col.person(labels('报修人', '報修人', 'Reported by')),
    col.phone,
    col.description(labels('报修内容', '報修內容', 'Matter')),
    col.category,
    col.assignee(labels('派工人', '派工人', 'Assigned to')),
    col.resolvedAt,
    col.resolution,
    col.materials,
    col.charge,
    col.visit,
    col.overdue,
    col.status,
  ],
  complaint: [
    col.number,
    col.received(labels('投诉时间', '投訴時間', 'Received')),
    col.channel,
    col.place,
    col.person(labels('投诉人', '投訴人', 'Complainant')),
    col.phone,
    col.description(labels('投诉内容', '投訴內容', 'Complaint')),
    col.category,
    col.major,
    col.validity,
    col.assignee(labels('处理人', '處理人', 'Handled by')),
    col.repliedAt,
    col.resolution,
    col.resolvedAt,
    col.visit,
    col.overdue,
    col.status,
  ],
  daily: [
    col.number,
    col.type,
    col.received(labels('登记时间', '登記時間', 'Received')),
    col.channel,
    col.place,
    col.person(labels('来访/来电人', '來訪/來電人', 'Caller / visitor')),
    col.phone,
    col.description(labels('事项内容', '事項內容', 'Matter')),
    col.assignee(labels('处理人', '處理人', 'Handled by')),
    col.resolution,
    col.resolvedAt,
    col.overdue,
    col.status,
  ],
};

const registerLabels: Record<RegisterKind, Labels> = {
  repair: labels('报修记录', '報修記錄', 'Repair register'),
  complaint: labels('投诉记录', '投訴記錄', 'Complaint register'),
  daily: labels('日常事务登记表', '日常事務登記表', 'Daily matters register'),
};

function ticketRegister(register: RegisterKind) {
  const types = registerTypes[register];
  const filters = z.object({
    status: z.enum(ticketStatuses).optional(),
    /** Narrows the daily register to one of its types. */
    type: z
      .enum(ticketTypes)
      .refine((t) => types.includes(t), `is not a type of the ${register} register`)
      .optional(),
  });
  return defineRegister<TicketListRow, z.infer<typeof filters>>({
    register,
    module: 'tickets',
    title: registerTitles[register],
    label: registerLabels[register],
    permission: 'ticket.read',
    filters,
    select(c: RegisterContext, f) {
      let q = selectTickets(c.exec)
        .where('tickets.company_id', '=', c.actor.companyId)
        .where('tickets.project_id', '=', c.projectId)
        .where('tickets.type', 'in', f.type ? [f.type] : [...(types as readonly TicketType[])]);
      if (c.range.from) q = q.where('tickets.received_at', '>=', c.range.from);
      if (c.range.to) q = q.where('tickets.received_at', '<', c.range.to);
      if (f.status) q = q.where('tickets.status', '=', f.status);
      if (c.q) {
        const terms = queryTerms(c.q);
        if (terms.length) q = q.where(c.dialect.matchAllTerms('tickets', 'search_terms', terms));
      }
      return q;
    },
    order: { time: 'tickets.received_at', id: 'tickets.id' },
    timeOf: (r) => r.received_at,
    columns: columns[register],
    link: (r) => `/tickets/${r.id}`,
    // Masked as in the ticket list: a full number only through the audited reveal (POST /api/tickets/:id/reveal).
    items: (c, rows) => rows.map((r) => toTicket(r, c.now, { revealPhone: false, caller: workflowCaller(c.actor) })),
  });
}

export const ticketRegisters = [ticketRegister('repair'), ticketRegister('complaint'), ticketRegister('daily')];
