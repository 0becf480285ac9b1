import { FireFilled } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ClockState, TicketPriority, TicketType } from '../../shared/enums.ts';
import type { Ticket } from '../../shared/tickets.ts';
import type { TicketStatus } from '../../shared/workflow.ts';
import type { CategoryItem } from '../api/desk.ts';
import { useI18n, type Locale, type Translate } from '../i18n/index.tsx';
import { formatDateTime } from './labels.tsx';

/** One palette for ticket statuses: list, detail, registers and the dashboard agree. */
export const statusColors: Record<TicketStatus, { tag: string; chart: string }> = {
  new: { tag: 'blue', chart: '#1d4ed8' },
  accepted: { tag: 'cyan', chart: '#0891b2' },
  dispatched: { tag: 'geekblue', chart: '#4f46e5' },
  in_progress: { tag: 'processing', chart: '#0ea5e9' },
  paused: { tag: 'orange', chart: '#f59e0b' },
  resolved: { tag: 'green', chart: '#16a34a' },
  awaiting_visit: { tag: 'gold', chart: '#ca8a04' },
  closed: { tag: 'default', chart: '#9ca3af' },
  cancelled: { tag: 'default', chart: '#d1d5db' },
  reopened: { tag: 'magenta', chart: '#db2777' },
};

const priorityColors: Record<TicketPriority, string> = { normal: 'default', urgent: 'orange', emergency: 'red' };
const typeColors: Record<TicketType, string> = {
  repair: 'blue',
  complaint: 'volcano',
  inquiry: 'cyan',
  help: 'purple',
  suggestion: 'green',
  praise: 'gold',
};

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColors[status].tag} style={{ marginInlineEnd: 0 }} data-testid="ticket-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority, hideNormal = false }: { priority: TicketPriority; hideNormal?: boolean }) {
  const { t } = useI18n();
  if (hideNormal && priority === 'normal') return null;
  return (
    <Tag color={priorityColors[priority]} style={{ marginInlineEnd: 0 }}>
      {t(`priority.${priority}`)}
    </Tag>
  );
}

export function TypeTag({ type }: { type: TicketType }) {
  const { t } = useI18n();
  return (
    <Tag color={typeColors[type]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`ticketType.${type}`)}
    </Tag>
  );
}

export function MajorTag() {
  const { t } = useI18n();
  return (
    <Tag color="#cf1322" icon={<FireFilled />} style={{ marginInlineEnd: 0 }} data-testid="major-badge">
      {t('ticket.major')}
    </Tag>
  );
}

/** Minutes as the desk says them: 25 分钟, 5 小时, 1 天 3 小时, 2 天. */
export function formatMinutes(t: Translate, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('common.minutes', { n: Math.max(1, m) });
  const hours = Math.floor(m / 60);
  if (hours < 24) return t('common.hours', { n: hours });
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days < 2 && rest > 0) return t('common.daysHours', { d: days, h: rest });
  return t('common.days', { n: days });
}

/** The current time, refreshed every `ms` so relative deadlines move on while a page stays open. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

type Clock = NonNullable<Ticket['deadlines']['reply']>;

/** The clock a list shows: the one still running that is due first, else the completion clock. */
export function leadingClock(ticket: Pick<Ticket, 'deadlines'>): { name: 'reply' | 'completion'; clock: Clock } | null {
  const { reply, completion } = ticket.deadlines;
  const live = (c: Clock | null) => !!c && (c.state === 'running' || c.state === 'warned' || c.state === 'breached');
  const candidates = (
    [
      ['reply', reply],
      ['completion', completion],
    ] as const
  ).filter(([, c]) => live(c)) as ['reply' | 'completion', Clock][];
  if (candidates.length) {
    candidates.sort((a, b) => (a[1].dueAt ?? '').localeCompare(b[1].dueAt ?? ''));
    return { name: candidates[0][0], clock: candidates[0][1] };
  }
  if (completion && completion.state !== 'none') return { name: 'completion', clock: completion };
  if (reply && reply.state !== 'none') return { name: 'reply', clock: reply };
  return null;
}

/** "剩余 5 小时" / "已超时 2 天" / "按时完成" for one clock. */
export function clockText(t: Translate, clock: Clock, now: number): { text: string; tone: 'ok' | 'warn' | 'late' | 'done' } {
  const due = clock.dueAt ? Date.parse(clock.dueAt) : NaN;
  switch (clock.state as ClockState) {
    case 'running':
    case 'warned': {
      if (Number.isNaN(due)) return { text: t(`clockState.${clock.state}`), tone: 'ok' };
      const left = (due - now) / 60_000;
      if (left <= 0) return { text: t('deadline.overdue', { duration: formatMinutes(t, -left) }), tone: 'late' };
      return { text: t('deadline.remaining', { duration: formatMinutes(t, left) }), tone: clock.state === 'warned' ? 'warn' : 'ok' };
    }
    case 'breached': {
      const late = Number.isNaN(due) ? (clock.latenessMinutes ?? 0) : (now - due) / 60_000;
      return { text: t('deadline.overdue', { duration: formatMinutes(t, late) }), tone: 'late' };
    }
    case 'met_late':
      return {
        text: clock.latenessMinutes
          ? t('deadline.metLate', { duration: formatMinutes(t, clock.latenessMinutes) })
          : t('clockState.met_late'),
        tone: 'late',
      };
    case 'met':
      return { text: t('clockState.met'), tone: 'done' };
    default:
      return { text: '—', tone: 'done' };
  }
}

const toneColor = { ok: undefined, warn: '#d46b08', late: '#cf1322', done: '#389e0d' } as const;

export function DeadlineText({ ticket, now }: { ticket: Pick<Ticket, 'deadlines'>; now: number }) {
  const { t } = useI18n();
  const lead = leadingClock(ticket);
  if (!lead) return <Typography.Text type="secondary">—</Typography.Text>;
  const { text, tone } = clockText(t, lead.clock, now);
  return (
    <Tooltip
      title={
        lead.clock.dueAt ? `${t(`deadline.${lead.name}`)} · ${t('deadline.due', { at: formatDateTime(lead.clock.dueAt) })}` : undefined
      }
    >
      <span
        style={{ color: toneColor[tone], fontWeight: tone === 'late' ? 600 : undefined, whiteSpace: 'nowrap' }}
        data-testid="ticket-deadline"
        data-tone={tone}
      >
        {text}
      </span>
    </Tooltip>
  );
}

export { toneColor };

/** A category's name in the user's language (the server sends zh-CN; zh-TW / en when it has them). */
export function categoryLabel(
  categories: CategoryItem[] | undefined,
  code: string | null | undefined,
  locale: Locale,
  fallback?: string | null,
): string {
  if (!code) return fallback ?? '—';
  const c = categories?.find((x) => x.code === code);
  if (!c) return fallback ?? code;
  if (locale === 'en') return c.nameEn ?? c.name;
  if (locale === 'zh-TW') return c.nameTw ?? c.name;
  return c.name;
}

/** Where a ticket is: the unit code or the common area. */
export function locationOf(ticket: Pick<Ticket, 'unitCode' | 'publicPlaceName'>): string {
  return ticket.unitCode ?? ticket.publicPlaceName ?? '—';
}

/** A ratio 0–1 as a percentage, or — when unknown. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}
