/**
 * The one ticket workflow for every type (SPEC §3), as one executable table. Each row says which
 * action moves a ticket from which statuses to which status (or how the target is picked), the
 * permission it needs, the guards that must hold, what happens to the deadline clocks and which
 * follow-up writes come with it. The server walks the row to plan a change and applies it with a
 * guarded UPDATE (… WHERE id = ? AND version = ? AND status = ?); it also uses the table to tell each
 * caller which actions they may take on each ticket (`ticket.actions`). The web app offers exactly
 * those and holds no copy of these rules.
 */
import type { TicketType } from './enums.ts';
import type { Permission } from './permissions.ts';

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

/** What the rules look at: the ticket as stored. */
export interface WorkflowTicket {
  status: TicketStatus;
  type: TicketType;
  assigneeId: number | null;
  customerId: number | null;
  major: boolean;
  written: boolean;
  /** The written reply of a written complaint is on file. */
  hasWrittenReply: boolean;
  /** 五清楚一报告: "report" (报告) is ticked on the complaint record. */
  reported: boolean;
}

/** Who asks: a staff member with their permissions, or a resident with the customer records they speak for. */
export type WorkflowCaller =
  { kind: 'staff'; id: number; permissions: ReadonlySet<Permission> } | { kind: 'resident'; customerIds: readonly number[] };

/**
 * A condition of a row. `authority` guards are about who acts (refused with 403), `state` guards
 * about what the ticket still lacks (refused with 409 naming the field to complete).
 */
export interface Guard {
  kind: 'authority' | 'state';
  /** The field that must change before the action is possible (state guards). */
  field?: string;
  message: string;
  holds(ticket: WorkflowTicket, caller: WorkflowCaller): boolean;
}

export const guards = {
  /** Someone who cannot dispatch or supervise works only on tickets assigned to them (the technician). */
  assignee: {
    kind: 'authority',
    message: 'Only the assigned technician may work on this ticket',
    holds: (t, c) =>
      c.kind === 'staff' && (c.permissions.has('ticket.dispatch') || c.permissions.has('ticket.supervise') || t.assigneeId === c.id),
  },
  /** 五清楚一报告: a major complaint is reported to the manager and leadership before it is resolved. */
  reported: {
    kind: 'state',
    field: 'checklist.report',
    message: 'A major complaint must be reported (报告) before it is resolved',
    holds: (t) => t.type !== 'complaint' || !t.major || t.reported,
  },
  /** A written complaint gets a written reply before it is resolved. */
  writtenReply: {
    kind: 'state',
    field: 'writtenReply',
    message: 'A written complaint needs its written reply before it is resolved',
    holds: (t) => t.type !== 'complaint' || !t.written || t.hasWrittenReply,
  },
} satisfies Record<string, Guard>;
export type GuardName = keyof typeof guards;

export type ClockName = 'reply' | 'completion';

/** What an action does to the deadline clocks. */
export interface ClockEffect {
  /** Clocks that stop now (met, or met late with the breach's lateness recorded). */
  stop?: readonly ClockName[];
  /** Paused time does not count: `pause` starts a pause, `resume` ends it and moves the running clocks. */
  pause?: 'start' | 'end';
  /** The ticket owes nothing more: running clocks end as met, a breach keeps its lateness. */
  cancel?: boolean;
}

/** Writes that come with an action besides the ticket row and its timeline. */
export type FollowUp =
  /** The assignee is told of the new work order. */
  | 'notify_assignee'
  /** A return-visit task (回访) is opened when the ticket waits for one. */
  | 'open_return_visit'
  /** The pending return-visit task is marked done with its result. */
  | 'complete_return_visit'
  /** A dissatisfied resident: the assignee and the supervisors are told. */
  | 'notify_dissatisfied'
  /** Reopening drops the pending return visit… */
  | 'drop_return_visit'
  /** …and tells the assignee. */
  | 'notify_reopened';

/** What decides between several targets of one row. */
export interface PickFacts {
  /** The ticket's type gets a return visit under the project's policy. */
  needsVisit: boolean;
  /** The return visit found the resident dissatisfied. */
  dissatisfied: boolean;
}

export interface WorkflowRow {
  action: TicketAction;
  from: readonly TicketStatus[];
  /** The possible targets; `pick` chooses when there are several. */
  to: readonly TicketStatus[];
  pick?: (facts: PickFacts) => TicketStatus;
  /** A status the timeline passes through on the way (resolve → resolved → awaiting_visit or closed). */
  via?: TicketStatus;
  /** The staff permission the row needs. */
  permission: Permission;
  /** A resident may take this action on a ticket of their own (the portal rating). */
  resident?: boolean;
  guards: readonly GuardName[];
  clocks: ClockEffect;
  effects: readonly FollowUp[];
}

/** The table. An action may have several rows for different starting statuses (the desk's resolution and the technician's). */
export const ticketWorkflow: readonly WorkflowRow[] = [
  {
    action: 'accept',
    from: ['new'],
    to: ['accepted'],
    permission: 'ticket.dispatch',
    guards: [],
    clocks: { stop: ['reply'] },
    effects: [],
  },
  {
    // Dispatching again from dispatched is a reassignment (转派). Dispatching is also the answer to the
    // resident that someone is coming: the reply clock stops.
    action: 'dispatch',
    from: ['new', 'accepted', 'dispatched', 'reopened'],
    to: ['dispatched'],
    permission: 'ticket.dispatch',
    guards: [],
    clocks: { stop: ['reply'] },
    effects: ['notify_assignee'],
  },
  {
    action: 'start',
    from: ['dispatched', 'reopened'],
    to: ['in_progress'],
    permission: 'ticket.work',
    guards: ['assignee'],
    clocks: {},
    effects: [],
  },
  {
    action: 'pause',
    from: ['in_progress'],
    to: ['paused'],
    permission: 'ticket.work',
    guards: ['assignee'],
    clocks: { pause: 'start' },
    effects: [],
  },
  {
    action: 'resume',
    from: ['paused'],
    to: ['in_progress'],
    permission: 'ticket.work',
    guards: ['assignee'],
    clocks: { pause: 'end' },
    effects: [],
  },
  {
    // The desk resolves at once (an inquiry answered, a matter settled on the phone): it needs dispatch rights.
    action: 'resolve',
    from: ['new', 'accepted'],
    to: ['awaiting_visit', 'closed'],
    pick: ({ needsVisit }) => (needsVisit ? 'awaiting_visit' : 'closed'),
    via: 'resolved',
    permission: 'ticket.dispatch',
    guards: ['reported', 'writtenReply'],
    clocks: { stop: ['reply', 'completion'] },
    effects: ['open_return_visit'],
  },
  {
    // The technician finishes the work in progress.
    action: 'resolve',
    from: ['in_progress'],
    to: ['awaiting_visit', 'closed'],
    pick: ({ needsVisit }) => (needsVisit ? 'awaiting_visit' : 'closed'),
    via: 'resolved',
    permission: 'ticket.work',
    guards: ['assignee', 'reported', 'writtenReply'],
    clocks: { stop: ['reply', 'completion'] },
    effects: ['open_return_visit'],
  },
  {
    // 回访: a dissatisfied resident reopens the ticket.
    action: 'return_visit',
    from: ['awaiting_visit'],
    to: ['closed', 'reopened'],
    pick: ({ dissatisfied }) => (dissatisfied ? 'reopened' : 'closed'),
    permission: 'ticket.visit',
    resident: true,
    guards: [],
    clocks: {},
    effects: ['complete_return_visit', 'notify_dissatisfied'],
  },
  {
    action: 'reopen',
    from: ['resolved', 'awaiting_visit', 'closed'],
    to: ['reopened'],
    permission: 'ticket.supervise',
    guards: [],
    clocks: {},
    effects: ['drop_return_visit', 'notify_reopened'],
  },
  {
    action: 'cancel',
    from: openStatuses,
    to: ['cancelled'],
    permission: 'ticket.dispatch',
    guards: [],
    clocks: { cancel: true },
    effects: [],
  },
];

export function rowsOf(action: TicketAction): readonly WorkflowRow[] {
  return ticketWorkflow.filter((r) => r.action === action);
}

/** The row of an action from a status, if the action is possible from it at all. */
export function rowFor(action: TicketAction, status: TicketStatus): WorkflowRow | undefined {
  return ticketWorkflow.find((r) => r.action === action && r.from.includes(status));
}

function mayUse(row: WorkflowRow, ticket: WorkflowTicket, caller: WorkflowCaller): boolean {
  if (caller.kind === 'resident')
    return row.resident === true && ticket.customerId !== null && caller.customerIds.includes(ticket.customerId);
  return caller.permissions.has(row.permission);
}

/** Why an action is refused, in the order the server checks. */
export type Refusal =
  | { kind: 'permission'; permission: Permission }
  | { kind: 'authority'; guard: GuardName; message: string }
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'state'; guard: GuardName; field: string; message: string };

/**
 * Who may act, before the status is looked at: the caller must be allowed by the row of the current
 * status, or — when the action is not possible from it — by some row of the action (so a technician
 * trying to start someone else's ticket hears "not yours", not "wrong status").
 */
export function authorityRefusal(action: TicketAction, ticket: WorkflowTicket, caller: WorkflowCaller): Refusal | null {
  const row = rowFor(action, ticket.status);
  const candidates = row ? [row] : rowsOf(action);
  let first: Refusal | null = null;
  for (const r of candidates) {
    if (!mayUse(r, ticket, caller)) {
      first ??= { kind: 'permission', permission: r.permission };
      continue;
    }
    const failed = r.guards.find((g) => guards[g].kind === 'authority' && !(guards[g] as Guard).holds(ticket, caller));
    if (!failed) return null;
    first ??= { kind: 'authority', guard: failed, message: guards[failed].message };
  }
  return first;
}

/** The first refusal of an action for this caller on this ticket, or the row to walk. */
export function checkAction(
  action: TicketAction,
  ticket: WorkflowTicket,
  caller: WorkflowCaller,
): { row: WorkflowRow } | { refusal: Refusal } {
  const authority = authorityRefusal(action, ticket, caller);
  if (authority) return { refusal: authority };
  const row = rowFor(action, ticket.status);
  if (!row) return { refusal: { kind: 'status', status: ticket.status } };
  const failed = row.guards.find((g) => guards[g].kind === 'state' && !(guards[g] as Guard).holds(ticket, caller));
  if (failed) {
    const g: Guard = guards[failed];
    return { refusal: { kind: 'state', guard: failed, field: g.field ?? failed, message: g.message } };
  }
  return { row };
}

/** The actions this caller may take on this ticket now — what the ticket offers (`ticket.actions`). */
export function allowedActions(ticket: WorkflowTicket, caller: WorkflowCaller): TicketAction[] {
  return ticketActions.filter((a) => 'row' in checkAction(a, ticket, caller));
}

/**
 * Actions the caller could take but for something the ticket still lacks (a major complaint not yet
 * reported, a written complaint without its reply): offered disabled, with the field to complete.
 */
export function blockedActions(ticket: WorkflowTicket, caller: WorkflowCaller): { action: TicketAction; field: string; message: string }[] {
  const out: { action: TicketAction; field: string; message: string }[] = [];
  for (const action of ticketActions) {
    const result = checkAction(action, ticket, caller);
    if ('refusal' in result && result.refusal.kind === 'state')
      out.push({ action, field: result.refusal.field, message: result.refusal.message });
  }
  return out;
}
