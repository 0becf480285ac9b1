/**
 * Deadlines (SLA) of a ticket — SPEC §3, seed 001 篇2 items 5–8:
 * - reply clock (答复): a repair request or complaint is answered within 2 days; it stops when the
 *   ticket is accepted (受理并答复) — for a major incident the committed reply time applies instead;
 * - completion clock: a repair is done within 3 days (common-area damage 3 days, large or severe
 *   damage 10 days); a complaint is investigated and verified the same day (当天调查核实). It stops
 *   when the ticket is resolved.
 * Clocks run from the real received-at time (back-fill), skip paused time, and count natural or
 * working days as the policy says. A warning is due at the policy's threshold (80 %) of the time.
 */
import type { TicketType } from '../../../shared/enums.ts';
import type { Duration, Policy } from '../../../shared/policies.ts';
import { addDuration, countedMinutes, type HolidayCalendar, type Pause } from '../../platform/calendar.ts';

export type ClockName = 'reply' | 'completion';

export interface ClockRule {
  duration: Duration;
  /** "The same day": until the end of the local day (working day) the clock starts on. */
  sameDay: boolean;
}

export interface TicketClockInput {
  type: TicketType;
  major: boolean;
  commonArea: boolean;
  severe: boolean;
}

/** Which clocks a ticket has, and how long each runs. */
export function clockRules(ticket: TicketClockInput, policy: Policy): Record<ClockName, ClockRule | null> {
  const d = policy.deadlines;
  const reply: ClockRule | null =
    ticket.type === 'repair' || ticket.type === 'complaint' || ticket.type === 'help'
      ? { duration: ticket.major ? d.majorReply : d.reply, sameDay: false }
      : null;
  let completion: ClockRule | null = null;
  if (ticket.type === 'repair') {
    const duration = ticket.commonArea ? (ticket.severe ? d.severeCommonAreaRepair : d.commonAreaRepair) : d.repair;
    completion = { duration, sameDay: false };
  } else if (ticket.type === 'complaint') {
    completion = { duration: d.complaintVerification, sameDay: d.complaintVerification.unit === 'days' };
  }
  return { reply, completion };
}

export interface ClockContext {
  policy: Policy;
  timeZone: string;
  holidays: HolidayCalendar;
}

export interface ClockTimes {
  dueAt: Date | null;
  warnAt: Date | null;
}

/** Due and warning instants of one clock started at `start`, with the pauses so far. */
export function clockTimes(rule: ClockRule, start: Date, pauses: Pause[], ctx: ClockContext): ClockTimes {
  const opts = { calendar: ctx.policy.calendar, timeZone: ctx.timeZone, holidays: ctx.holidays, pauses };
  const dueAt = addDuration(start, rule.duration, { ...opts, sameDay: rule.sameDay });
  if (!dueAt) return { dueAt: null, warnAt: null };
  // The warning comes when the given share of the clock's counted time is used.
  const total = countedMinutes(start, dueAt, opts);
  const warnAt = addDuration(start, { amount: (total * ctx.policy.warningThreshold) / 60, unit: 'hours' }, opts);
  return { dueAt, warnAt: warnAt ?? dueAt };
}

export interface StoredPause {
  from: string;
  to: string | null;
}

export function toPauses(stored: StoredPause[]): Pause[] {
  return stored.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
}
