/**
 * The one ticket workflow for every type (SPEC §3), as data: from × action → to. The server applies
 * it with a conditional UPDATE (… WHERE id = ? AND version = ? AND status = ?), the web app reads it
 * to offer only the actions that are possible.
 */
export const ticketStatuses = [
  'new',
  'accepted',
  'dispatched',
  'in_progress',
  'paused',
  'resolved',
  'awaiting_visit',
  'closed',
  'cancelled',
  'reopened',
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketActions = ['accept', 'dispatch', 'start', 'pause', 'resume', 'resolve', 'return_visit', 'reopen', 'cancel'] as const;
export type TicketAction = (typeof ticketActions)[number];

/** Statuses in which a ticket is still open work (counts as open, can be overdue). */
export const openStatuses: readonly TicketStatus[] = ['new', 'accepted', 'dispatched', 'in_progress', 'paused', 'reopened'];

/**
 * Allowed transitions. `resolve` leads to awaiting_visit when the type gets a return visit
 * (policy returnVisit.types) and to closed otherwise; `return_visit` closes, or reopens when the
 * resident is dissatisfied — the service picks between the listed targets.
 */
export const transitions: Record<TicketAction, { from: readonly TicketStatus[]; to: readonly TicketStatus[] }> = {
  accept: { from: ['new'], to: ['accepted'] },
  // Dispatching again from dispatched is a reassignment (转派).
  dispatch: { from: ['new', 'accepted', 'dispatched', 'reopened'], to: ['dispatched'] },
  start: { from: ['dispatched', 'reopened'], to: ['in_progress'] },
  pause: { from: ['in_progress'], to: ['paused'] },
  resume: { from: ['paused'], to: ['in_progress'] },
  // A desk can resolve an inquiry at once (one-touch) and a technician finishes work in progress.
  resolve: { from: ['new', 'accepted', 'in_progress'], to: ['awaiting_visit', 'closed'] },
  return_visit: { from: ['awaiting_visit'], to: ['closed', 'reopened'] },
  reopen: { from: ['resolved', 'awaiting_visit', 'closed'], to: ['reopened'] },
  cancel: { from: ['new', 'accepted', 'dispatched', 'in_progress', 'paused', 'reopened'], to: ['cancelled'] },
};

export function allowedActions(status: TicketStatus): TicketAction[] {
  return ticketActions.filter((a) => transitions[a].from.includes(status));
}
