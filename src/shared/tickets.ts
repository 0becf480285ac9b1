/** API schemas of the service desk (tickets, transitions, timeline, notifications). */
import { z } from 'zod';
import { clockStates, satisfactionLevels, ticketChannels, ticketPriorities, ticketTypes, visitMethods } from './enums.ts';
import { storedFile } from './files.ts';
import { roleCodes } from './permissions.ts';
import { id, isoDateTime, listQuery, phoneNumber, someChange } from './schemas.ts';
import { ticketActions, ticketStatuses } from './workflow.ts';

/** Idempotency-Key makes a retried submission return the first result instead of a second ticket. */
export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).passthrough();

export const ticketCreate = z
  .object({
    projectId: id,
    type: z.enum(ticketTypes),
    channel: z.enum(ticketChannels),
    description: z.string().trim().min(2, 'must describe the matter').max(4000),
    unitId: id.optional(),
    publicPlaceId: id.optional(),
    customerId: id.optional(),
    contactName: z.string().trim().max(50).optional(),
    contactPhone: phoneNumber.optional(),
    /** A category code of the category tree (GET /api/ticket-categories). */
    categoryId: z.string().trim().min(1).max(50).optional(),
    priority: z.enum(ticketPriorities).optional(),
    /** Back-fill (补单): the real moment the matter was received. Defaults to now; may not be in the future. */
    receivedAt: isoDateTime.optional(),
    /** A written complaint or letter (书面): gets a written reply. */
    written: z.boolean().optional(),
    paid: z.boolean().optional(),
    /** Large or severe common-area damage (10-day clock instead of 3). */
    severe: z.boolean().optional(),
    appointmentAt: isoDateTime.optional(),
    /** One-touch resolution of an inquiry at the desk: the answer given. */
    resolveNow: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.unitId && v.publicPlaceId)
      ctx.addIssue({ code: 'custom', path: ['publicPlaceId'], message: 'give either unitId or publicPlaceId, not both' });
    if (v.resolveNow && v.type !== 'inquiry' && v.type !== 'help' && v.type !== 'praise' && v.type !== 'suggestion') {
      ctx.addIssue({
        code: 'custom',
        path: ['resolveNow'],
        message: 'only an inquiry, help, suggestion or praise can be closed at intake',
      });
    }
  });

/** The desk's text so far; the server suggests how to file it. */
export const suggestBody = z.object({ projectId: z.coerce.number().int().positive().optional(), text: z.string().trim().min(1).max(4000) });
/** What the text looks like: the desk confirms or changes each field. */
export const suggestion = z.object({
  type: z.enum(ticketTypes),
  categoryId: z.string().nullable(),
  priority: z.enum(ticketPriorities),
  major: z.object({ reason: z.string() }).nullable(),
  confidence: z.number(),
});

/** A node of the category tree, named in zh-CN, zh-TW and en. */
export const categoryItem = z.object({
  code: z.string(),
  parent: z.string().nullable(),
  name: z.string(),
  nameTw: z.string(),
  nameEn: z.string(),
  defaultPriority: z.string(),
  commonArea: z.boolean(),
});

export const clockView = z.object({
  state: z.enum(clockStates),
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  /** Minutes past the deadline (when late), by the natural clock. */
  latenessMinutes: z.number().nullable(),
});

export const ticketEvent = z.object({
  seq: z.number(),
  at: z.string(),
  actorKind: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  payload: z.unknown().nullable(),
});

/** 五清楚一报告: listen, ask, follow, reply, record clearly — and report (mandatory for major complaints). */
export const checklistItems = ['listen', 'ask', 'follow', 'reply', 'record', 'report'] as const;
export const complaintChecklist = z.object(
  Object.fromEntries(checklistItems.map((k) => [k, z.boolean()])) as Record<(typeof checklistItems)[number], z.ZodBoolean>,
);

export const complaintView = z.object({
  checklist: complaintChecklist,
  customerConfirmedAt: z.string().nullable(),
  writtenReply: z.string().nullable(),
  validity: z.enum(['valid', 'invalid']).nullable(),
  validityNote: z.string().nullable(),
  validityAt: z.string().nullable(),
});

export const ticket = z.object({
  id: z.number(),
  projectId: z.number(),
  number: z.string(),
  type: z.enum(ticketTypes),
  channel: z.enum(ticketChannels),
  status: z.enum(ticketStatuses),
  version: z.number(),
  unitId: z.number().nullable(),
  unitCode: z.string().nullable(),
  publicPlaceId: z.number().nullable(),
  publicPlaceName: z.string().nullable(),
  customerId: z.number().nullable(),
  customerName: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked for staff (POST /api/tickets/{id}/reveal shows it, audited); a resident sees their own. */
  contactPhone: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  description: z.string(),
  priority: z.enum(ticketPriorities),
  severe: z.boolean(),
  paid: z.boolean(),
  written: z.boolean(),
  backfilled: z.boolean(),
  major: z.boolean(),
  majorIncidentId: z.number().nullable(),
  appointmentAt: z.string().nullable(),
  receivedAt: z.string(),
  receivedBy: z.number().nullable(),
  departmentId: z.number().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  deadlines: z.object({ reply: clockView.nullable(), completion: clockView.nullable() }),
  overdue: z.boolean(),
  resolution: z.string().nullable(),
  materials: z.array(z.object({ name: z.string(), quantity: z.number(), unit: z.string().nullable().optional() })).nullable(),
  charge: z.number().nullable(),
  cancelReason: z.string().nullable(),
  satisfaction: z.enum(satisfactionLevels).nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The actions the caller may take on this ticket now (the workflow table decides; the web offers exactly these). */
  actions: z.array(z.enum(ticketActions)),
  /** Actions the caller could take once the ticket has what it still lacks (the field to complete). */
  blockedActions: z.array(z.object({ action: z.enum(ticketActions), field: z.string(), message: z.string() })),
  /** Complaints only: 五清楚一报告, the customer's confirmation, the written reply, validity (有效投诉). */
  complaint: complaintView.nullable(),
  /** Suggestions only: adopted by the director and published (爱我小区). */
  adopted: z.boolean(),
});
/** A photo of the ticket (a stored file, served at `url`). */
export const attachmentView = storedFile;
export const ticketDetail = ticket.extend({ events: z.array(ticketEvent), attachments: z.array(attachmentView) });

export const ticketsQuery = listQuery.extend({
  projectId: id.optional(),
  type: z.enum(ticketTypes).optional(),
  status: z.enum(ticketStatuses).optional(),
  channel: z.enum(ticketChannels).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  major: z.enum(['true', 'false']).optional(),
  assigneeId: id.optional(),
  customerId: id.optional(),
  unitId: id.optional(),
  categoryId: z.string().max(50).optional(),
  /** received from (inclusive), ISO date-time or date */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  q: z.string().trim().max(100).optional(),
});

/** A material used on a repair (耗材), recorded with the resolution. */
export const materialInput = z.object({
  name: z.string().trim().min(1).max(100),
  quantity: z.number().positive().max(100000),
  unit: z.string().trim().max(20).nullish(),
});

// The body of each action; the web's action forms read their limits from these.
const expectedVersion = z.number().int().optional();
const note = z.string().max(1000).optional();
/** Why a ticket is paused, reopened or cancelled. */
const reason = z.string().trim().min(1).max(500);
export const acceptTransition = z.object({ action: z.literal('accept'), expectedVersion, note });
export const dispatchTransition = z.object({
  action: z.literal('dispatch'),
  expectedVersion,
  assigneeId: id,
  departmentId: id.optional(),
  note,
});
export const startTransition = z.object({ action: z.literal('start'), expectedVersion, note });
export const pauseTransition = z.object({ action: z.literal('pause'), expectedVersion, reason });
export const resumeTransition = z.object({ action: z.literal('resume'), expectedVersion, note });
export const resolveTransition = z.object({
  action: z.literal('resolve'),
  expectedVersion,
  resolution: z.string().trim().min(1).max(4000),
  materials: z.array(materialInput).max(50).optional(),
  /** Paid services done (有偿服务), priced by the server from the project's fee schedule. */
  services: z
    .array(z.object({ code: z.string().trim().min(1).max(50), quantity: z.number().positive().max(1000) }))
    .max(20)
    .optional(),
  /** A charge agreed outside the fee schedule; not allowed together with services. */
  charge: z.number().min(0).max(1_000_000).optional(),
});
export const returnVisitTransition = z.object({
  action: z.literal('return_visit'),
  expectedVersion,
  satisfaction: z.enum(satisfactionLevels),
  method: z.enum(visitMethods),
  comment: z.string().trim().max(2000).optional(),
});
export const reopenTransition = z.object({ action: z.literal('reopen'), expectedVersion, reason });
export const cancelTransition = z.object({ action: z.literal('cancel'), expectedVersion, reason });

export const transitionBody = z.discriminatedUnion('action', [
  acceptTransition,
  dispatchTransition,
  startTransition,
  pauseTransition,
  resumeTransition,
  resolveTransition,
  returnVisitTransition,
  reopenTransition,
  cancelTransition,
]);
export type TransitionBody = z.infer<typeof transitionBody>;

export const complaintUpdate = z.object({
  checklist: complaintChecklist.partial().optional(),
  /** The customer confirmed the complaint record (由客户确认). */
  customerConfirmed: z.boolean().optional(),
  /** The written reply to a written complaint (printable letter). */
  writtenReply: z.string().trim().min(1).max(8000).optional(),
});
/** The full contact number of a ticket (a reveal, audited). */
export const contactReveal = z.object({ contactPhone: z.string().nullable() });
export const validityBody = z.object({ validity: z.enum(['valid', 'invalid']), note: z.string().trim().max(1000).optional() });
export const adoptBody = z.object({ adopted: z.boolean() });

export const returnVisitTask = z.object({
  id: z.number(),
  ticketId: z.number(),
  projectId: z.number(),
  number: z.string(),
  type: z.enum(ticketTypes),
  description: z.string(),
  unitCode: z.string().nullable(),
  customerName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  dueAt: z.string(),
  status: z.enum(['pending', 'done']),
  satisfaction: z.enum(satisfactionLevels).nullable(),
  method: z.enum(visitMethods).nullable(),
  doneAt: z.string().nullable(),
});
export const returnVisitsQuery = listQuery.extend({ projectId: id.optional(), status: z.enum(['pending', 'done']).optional() });

export const adoptedSuggestion = z.object({
  ticketId: z.number(),
  projectId: z.number(),
  number: z.string(),
  description: z.string(),
  /** The resident credited on the public list. */
  residentName: z.string().nullable(),
  unitCode: z.string().nullable(),
  adoptedAt: z.string().nullable(),
});

export const portalTicketCreate = z.object({
  unitId: id,
  type: z.enum(['repair', 'complaint', 'suggestion']),
  description: z.string().trim().min(2, 'must describe the matter').max(4000),
  categoryId: z.string().trim().min(1).max(50).optional(),
});
export const portalTicketsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const portalRating = z.object({ satisfaction: z.enum(satisfactionLevels), comment: z.string().trim().max(2000).optional() });

/** Someone a work order can go to: enough to choose, nothing personal (no phone). */
export const assignee = z.object({
  id: z.number(),
  name: z.string(),
  position: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  roles: z.array(z.string()),
});
export type Assignee = z.infer<typeof assignee>;
export const assigneesQuery = z.object({ projectId: id, role: z.enum(roleCodes).optional() });

/** 有偿服务项目及收费标准: one paid service and its price. */
export const feeItem = z.object({
  id: z.number(),
  projectId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  price: z.number(),
  active: z.boolean(),
});
export const feeItemCreate = z.object({
  /** Omitted: a company-wide item. */
  projectId: id.optional(),
  code: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ only'),
  name: z.string().trim().min(1).max(100),
  unit: z.string().trim().min(1).max(20),
  price: z.number().min(0).max(1_000_000),
});
export const feeItemUpdate = someChange(
  z
    .object({
      name: z.string().trim().min(1).max(100),
      unit: z.string().trim().min(1).max(20),
      price: z.number().min(0).max(1_000_000),
      active: z.boolean(),
    })
    .partial(),
);
export type FeeItem = z.infer<typeof feeItem>;

export const notification = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  ticketId: z.number().nullable(),
  projectId: z.number().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const notificationsQuery = listQuery.extend({ unread: z.enum(['true', 'false']).optional() });
/** A page of notifications with the caller's unread count (the bell's badge). */
export const notificationPage = z.object({ items: z.array(notification), nextCursor: z.string().nullable(), unread: z.number() });

export type Ticket = z.infer<typeof ticket>;
export type TicketDetail = z.infer<typeof ticketDetail>;
export type TicketEvent = z.infer<typeof ticketEvent>;
export type TicketCreate = z.infer<typeof ticketCreate>;
export type Notification = z.infer<typeof notification>;
export type ComplaintView = z.infer<typeof complaintView>;
export type ReturnVisitTask = z.infer<typeof returnVisitTask>;
export type AdoptedSuggestion = z.infer<typeof adoptedSuggestion>;
export type Suggestion = z.infer<typeof suggestion>;
export type CategoryItem = z.infer<typeof categoryItem>;
