import { Flex, Tag, Timeline as AntTimeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  satisfactionLevels,
  ticketChannels,
  visitMethods,
  type Satisfaction,
  type TicketChannel,
  type VisitMethod,
} from '../../../shared/enums.ts';
import { fileUrl } from '../../../shared/files.ts';
import type { TicketEvent } from '../../../shared/tickets.ts';
import { ticketStatuses, type TicketStatus } from '../../../shared/workflow.ts';
import type { CategoryItem, ServiceLine, TicketView } from '../../api/desk.ts';
import { formatDateTime } from '../../components/labels.tsx';
import { categoryLabel, formatMinutes, StatusTag } from '../../components/ticketLabels.tsx';
import { useI18n, type Locale, type Translate } from '../../i18n/index.tsx';

type Payload = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

/** The server's major-incident reason ('phrase', 'category lift_entrapment', 'collective complaint: 3 households') in words. */
export function majorReasonText(
  t: Translate,
  reason: string | null | undefined,
  categories: CategoryItem[] | undefined,
  locale: Locale,
): string {
  if (!reason) return '';
  const collective = /collective[^\d]*(\d+)/.exec(reason);
  if (collective) return t('major.reason.collective', { count: collective[1] });
  const category = /^category\s+(\S+)/.exec(reason);
  if (category) return t('major.reason.category', { name: categoryLabel(categories, category[1], locale) });
  if (reason === 'phrase' || reason === 'rule') return t('major.reason.phrase');
  if (reason === 'category') return t('major.reason.category', { name: '' });
  return reason;
}

/** The priced lines of a resolve event's payload (有偿服务), well-formed ones only. */
export function serviceLines(payload: unknown): ServiceLine[] {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Payload;
  if (!Array.isArray(p.services)) return [];
  return (p.services as Payload[]).flatMap((l) =>
    str(l?.name) && num(l.price) !== null && num(l.quantity) !== null
      ? [
          {
            code: str(l.code) ?? '',
            name: str(l.name)!,
            unit: str(l.unit) ?? '',
            price: num(l.price)!,
            quantity: num(l.quantity)!,
            amount: num(l.amount) ?? Math.round(num(l.price)! * num(l.quantity)! * 100) / 100,
          },
        ]
      : [],
  );
}

/** The services of the latest resolution of a ticket. */
export function resolvedServices(ticket: Pick<TicketView, 'events'>): ServiceLine[] {
  const e = [...ticket.events].reverse().find((x) => x.action === 'resolve');
  return e ? serviceLines(e.payload) : [];
}

/** 疏通下水道 ¥50.00/次 ×2 = ¥100.00 */
export function serviceLineText(l: ServiceLine): string {
  return `${l.name} ¥${l.price.toFixed(2)}/${l.unit} ×${l.quantity} = ¥${l.amount.toFixed(2)}`;
}

function clockName(t: Translate, v: unknown): string {
  return v === 'reply' || v === 'completion' ? t(`ev.clock.${v}`) : '';
}

/** The lines under an event: reasons, assignee, materials, lateness … */
function details(t: Translate, e: TicketEvent, categories: CategoryItem[] | undefined, locale: Locale): ReactNode[] {
  const p = (e.payload && typeof e.payload === 'object' ? e.payload : {}) as Payload;
  const lines: ReactNode[] = [];
  switch (e.action) {
    case 'create':
      if (isOneOf<TicketChannel>(ticketChannels, p.channel)) lines.push(t('ev.channel', { channel: t(`channel.${p.channel}`) }));
      if (p.backfilled === true && str(p.receivedAt))
        lines.push(<Tag color="purple">{t('ev.backfilled', { at: formatDateTime(str(p.receivedAt)) })}</Tag>);
      break;
    case 'dispatch':
    case 'reassign':
      if (str(p.assigneeName)) lines.push(t('ev.assignee', { name: str(p.assigneeName)! }));
      break;
    case 'pause':
    case 'cancel':
    case 'reopen':
      if (str(p.reason)) lines.push(t('ev.reason', { text: str(p.reason)! }));
      break;
    case 'resolve': {
      if (p.oneTouch === true) lines.push(t('ev.oneTouch'));
      if (str(p.resolution)) lines.push(t('ev.resolution', { text: str(p.resolution)! }));
      const materials = Array.isArray(p.materials) ? (p.materials as { name?: unknown; quantity?: unknown; unit?: unknown }[]) : [];
      if (materials.length)
        lines.push(
          t('ev.materials', {
            text: materials.map((m) => `${String(m.name ?? '')} ×${String(m.quantity ?? '')}${m.unit ? String(m.unit) : ''}`).join('、'),
          }),
        );
      const services = serviceLines(p);
      if (services.length)
        lines.push(
          <span data-testid="timeline-services">{t('ev.services', { text: services.map((l) => serviceLineText(l)).join('、') })}</span>,
        );
      if (num(p.charge)) lines.push(t('ev.charge', { amount: num(p.charge)!.toFixed(2) }));
      break;
    }
    case 'return_visit':
    case 'rating': {
      const parts: string[] = [];
      if (isOneOf<Satisfaction>(satisfactionLevels, p.satisfaction)) parts.push(t(`satisfaction.${p.satisfaction}`));
      if (isOneOf<VisitMethod>(visitMethods, p.method)) parts.push(t(`visitMethod.${p.method}`));
      if (parts.length) lines.push(<Tag color={p.satisfaction === 'dissatisfied' ? 'red' : 'green'}>{parts.join(' · ')}</Tag>);
      if (str(p.comment)) lines.push(t('ev.comment', { text: str(p.comment)! }));
      break;
    }
    case 'deadline_breached':
    case 'deadline_warning':
      if (str(p.dueAt)) lines.push(t('ev.due', { clock: clockName(t, p.clock), at: formatDateTime(str(p.dueAt)) }));
      break;
    case 'deadline_met_late':
      if (num(p.latenessMinutes) !== null)
        lines.push(t('ev.lateness', { clock: clockName(t, p.clock), duration: formatMinutes(t, num(p.latenessMinutes)!) }));
      break;
    case 'attach':
      // The photo's id in files; photos added before the files table keep theirs (migration 0011).
      if (num(p.attachmentId) !== null)
        lines.push(
          <a href={fileUrl(num(p.attachmentId)!)} target="_blank" rel="noreferrer" data-testid="timeline-file">
            {str(p.name) ?? `#${num(p.attachmentId)}`}
          </a>,
        );
      break;
    case 'major_escalated':
    case 'major_attached':
      if (str(p.reason)) lines.push(majorReasonText(t, str(p.reason), categories, locale));
      if (str(p.committedReplyAt)) lines.push(t('ev.committed', { at: formatDateTime(str(p.committedReplyAt)) }));
      break;
    default:
      if (str(p.reason)) lines.push(t('ev.reason', { text: str(p.reason)! }));
  }
  if (str(p.note)) lines.push(t('ev.note', { text: str(p.note)! }));
  return lines;
}

function colorOf(action: string): string {
  if (action.startsWith('major')) return 'red';
  if (action === 'deadline_breached' || action === 'deadline_met_late') return 'red';
  if (action === 'deadline_warning') return 'orange';
  if (action === 'resolve' || action === 'close') return 'green';
  if (action === 'cancel') return 'gray';
  if (action === 'reopen') return 'magenta';
  return 'blue';
}

/** 处理记录: every event of the ticket, oldest first, in the user's language. */
export function TicketTimeline({
  events,
  categories,
  resident = false,
}: {
  events: TicketEvent[];
  categories?: CategoryItem[];
  resident?: boolean;
}) {
  const { t, tMaybe, locale } = useI18n();
  const actor = (e: TicketEvent) =>
    e.actorName ??
    (e.actorKind === 'system' ? t('ev.system') : e.actorKind === 'resident' ? t('ev.resident') : resident ? t('portal.staffHandled') : '—');
  return (
    <AntTimeline
      data-testid="ticket-timeline"
      items={events.map((e) => {
        const lines = details(t, e, categories, locale);
        const to = isOneOf<TicketStatus>(ticketStatuses, e.toStatus) ? e.toStatus : null;
        return {
          key: e.seq,
          color: colorOf(e.action),
          content: (
            <div data-testid="timeline-event" data-action={e.action}>
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{tMaybe(`event.${e.action}`, e.action)}</Typography.Text>
                {to && e.action !== 'create' && <StatusTag status={to} />}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {actor(e)} · {formatDateTime(e.at)}
                </Typography.Text>
              </Flex>
              {lines.map((l, i) => (
                <div key={i} style={{ marginTop: 2, color: '#434343' }}>
                  {l}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
