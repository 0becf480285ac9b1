/**
 * 工作日志 / 夜间值班记录表 (seed 001 篇5) as a register: every call and visit of the duty, one line
 * each, with what was done about it — on screen, on A4 and in Excel from one definition.
 */
import { z } from 'zod';
import { labels } from '../../../shared/policies/fields.ts';
import { defineRegister, type RegisterContext } from '../../platform/registers.ts';
import { selectEntries, type EntryRow } from './duty.repository.ts';

const kindLabels = { call: '来电', visit: '来访', control_room: '中控室派工', other: '其他' };
const statusLabels = { open: '待处理', handled: '当班已处理', converted: '已转单' };

const filters = z.object({
  status: z.enum(['open', 'handled', 'converted']).optional(),
  /** Only the night's lines (夜间值班记录表). */
  night: z.enum(['true', 'false']).optional(),
});

export const dutyLogRegister = defineRegister<EntryRow, z.infer<typeof filters>>({
  register: 'duty_log',
  module: 'duty',
  title: '值班记录',
  label: labels('值班记录', '值班記錄', 'Duty log'),
  permission: 'duty.read',
  filters,
  select(c: RegisterContext, f) {
    let q = selectEntries(c.exec).where('duty_log_entries.project_id', '=', c.projectId);
    if (c.range.from) q = q.where('duty_log_entries.occurred_at', '>=', c.range.from);
    if (c.range.to) q = q.where('duty_log_entries.occurred_at', '<', c.range.to);
    if (f.status) q = q.where('duty_log_entries.status', '=', f.status);
    if (f.night) q = q.where('duty_log_entries.night', '=', f.night === 'true' ? 1 : 0);
    if (c.q) q = q.where(c.dialect.contains('duty_log_entries.description', c.q));
    return q as never;
  },
  order: { time: 'duty_log_entries.occurred_at', id: 'duty_log_entries.id' },
  timeOf: (r) => r.occurred_at,
  columns: [
    { key: 'occurredAt', header: labels('时间', '時間', 'Time'), width: 17, type: 'datetime', value: (r) => r.occurred_at },
    { key: 'shift', header: labels('班次', '班次', 'Shift'), width: 10, value: (r) => r.shift_name },
    {
      key: 'kind',
      header: labels('类别', '類別', 'Kind'),
      width: 10,
      type: 'enum',
      i18n: 'duty.kind',
      enumLabels: kindLabels,
      value: (r) => r.kind,
    },
    { key: 'caller', header: labels('来电/来访人', '來電/來訪人', 'Caller / visitor'), width: 11, value: (r) => r.caller_name },
    { key: 'callerPhone', header: labels('联系电话', '聯繫電話', 'Phone'), width: 14, mask: 'phone', value: (r) => r.caller_phone },
    { key: 'unit', header: labels('房号', '房號', 'Unit'), width: 12, value: (r) => r.unit_code },
    { key: 'description', header: labels('事项', '事項', 'Matter'), width: 36, mask: 'text', value: (r) => r.description },
    { key: 'action', header: labels('处理情况', '處理情況', 'Action taken'), width: 24, mask: 'text', value: (r) => r.action_taken },
    { key: 'technician', header: labels('派工技工', '派工技工', 'Technician sent'), width: 10, value: (r) => r.tech_name },
    { key: 'recorder', header: labels('记录人', '記錄人', 'Recorded by'), width: 10, value: (r) => r.recorder_name },
    {
      key: 'status',
      header: labels('状态', '狀態', 'Status'),
      width: 10,
      type: 'enum',
      i18n: 'duty.status',
      enumLabels: statusLabels,
      value: (r) => r.status,
    },
    { key: 'ticket', header: labels('工单号', '工單號', 'Ticket'), width: 18, value: (r) => r.ticket_number },
  ],
  link: (r) => (r.ticket_id ? `/tickets/${r.ticket_id}` : '/duty?tab=log'),
});
