/** API schemas of 24-hour duty (SPEC §4): roster, coverage, check-in, duty log, handover, morning review. */
import { z } from 'zod';
import { departmentKinds, ticketPriorities, ticketTypes } from './enums.ts';
import { shiftTemplateSchema } from './policies.ts';
import { dateText, id, isoDateTime, listQuery, maybeText, phoneNumber, text } from './schemas.ts';
import { monthText } from './reports.ts';
import { ticketDetail } from './tickets.ts';

export const dutyLogKinds = ['call', 'visit', 'control_room', 'other'] as const;
export const dutyLogStatuses = ['open', 'handled', 'converted'] as const;
export type DutyLogKind = (typeof dutyLogKinds)[number];
export type DutyLogStatus = (typeof dutyLogStatuses)[number];

/** A period of local dates, both inclusive: from ≤ to, at most 62 days (two months of roster). */
function checkPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (Date.parse(q.to) - Date.parse(q.from) > 62 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period may be at most 62 days' });
}

export const periodQuery = z.object({ projectId: id, from: dateText, to: dateText }).superRefine(checkPeriod);

export const shiftTemplate = shiftTemplateSchema;
export const dutyTemplates = z.object({
  projectId: z.number(),
  summer: z.object({ from: z.string(), to: z.string() }),
  checkInEarlyMinutes: z.number(),
  seasonToday: z.enum(['normal', 'summer']),
  shifts: z.array(shiftTemplate),
});

export const dutyStaff = z.object({
  id: z.number(),
  name: z.string(),
  position: z.string().nullable(),
  department: z.enum(departmentKinds).nullable(),
});
export type DutyStaff = z.infer<typeof dutyStaff>;

export const assignment = z.object({
  id: z.number(),
  projectId: z.number(),
  shiftCode: z.string(),
  shiftName: z.string(),
  department: z.enum(departmentKinds),
  atCenter: z.boolean(),
  handoverRequired: z.boolean(),
  staffId: z.number(),
  staffName: z.string(),
  staffDepartment: z.enum(departmentKinds).nullable(),
  date: z.string(),
  season: z.enum(['normal', 'summer']),
  startsAt: z.string(),
  endsAt: z.string(),
  breakStartAt: z.string().nullable(),
  breakEndAt: z.string().nullable(),
  note: z.string().nullable(),
  checkInAt: z.string().nullable(),
  /** Minutes after the latest allowed arrival (start − 15 minutes); 0 when on time, null before check-in. */
  lateMinutes: z.number().nullable(),
  checkOutAt: z.string().nullable(),
  /** Closed when the handover is signed by both sides (or at check-out for a shift without handover). */
  closedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  handoverId: z.number().nullable(),
  handoverSigned: z.boolean(),
});
export type Assignment = z.infer<typeof assignment>;

export const assignmentCreate = z.object({
  projectId: id,
  shiftCode: text(30),
  staffId: id,
  date: dateText,
  note: maybeText(200),
});
export const assignmentUpdate = z
  .object({ staffId: id.optional(), date: dateText.optional(), note: maybeText(200) })
  .refine((v) => v.staffId !== undefined || v.date !== undefined || v.note !== undefined, {
    message: 'nothing to change',
    path: ['staffId'],
  });
export const copyWeekBody = z.object({ projectId: id, fromWeek: dateText, toWeek: dateText });
export const rotateNoonBody = z
  .object({
    projectId: id,
    from: dateText,
    to: dateText,
    /** The front-desk staff taking turns; defaults to the project's active customer-service staff. */
    staffIds: z.array(id).min(1).max(50).optional(),
    shiftCode: text(30).default('noon'),
  })
  .superRefine(checkPeriod);
export const bulkResult = z.object({ created: z.number(), skipped: z.number() });

export const coverage = z.object({
  from: z.string(),
  to: z.string(),
  gaps: z.array(z.object({ from: z.string(), to: z.string(), minutes: z.number() })),
  overlaps: z.array(
    z.object({
      staffId: z.number(),
      staffName: z.string(),
      from: z.string(),
      to: z.string(),
      minutes: z.number(),
      assignmentIds: z.tuple([z.number(), z.number()]),
      shifts: z.tuple([z.string(), z.string()]),
    }),
  ),
  wrongDepartment: z.array(
    z.object({
      assignmentId: z.number(),
      staffId: z.number(),
      staffName: z.string(),
      shiftCode: z.string(),
      shiftName: z.string(),
      date: z.string(),
      expected: z.string(),
      actual: z.string().nullable(),
    }),
  ),
  coveredMinutes: z.number(),
  totalMinutes: z.number(),
});
export type Coverage = z.infer<typeof coverage>;

export const standInCreate = z.object({ guardId: id, reason: text(200), startedAt: isoDateTime.optional() });
export const standIn = z.object({
  id: z.number(),
  assignmentId: z.number(),
  guardId: z.number(),
  guardName: z.string(),
  reason: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});

// ---------- duty log ----------

export const logEntryCreate = z
  .object({
    projectId: id,
    kind: z.enum(dutyLogKinds),
    /** When the call or visit happened; defaults to now (a line written a little later keeps its real time). */
    occurredAt: isoDateTime.optional(),
    unitId: id.optional(),
    callerName: maybeText(50),
    callerPhone: phoneNumber.optional(),
    description: z.string().trim().min(2, 'must describe the matter').max(1000),
    /** What was done on the shift; with handled: true the line needs no ticket. */
    actionTaken: maybeText(1000),
    handled: z.boolean().optional(),
    /** Control room: the technician sent at once, and when. */
    dispatchedTo: id.optional(),
    dispatchedAt: isoDateTime.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.handled && !v.actionTaken)
      ctx.addIssue({ code: 'custom', path: ['actionTaken'], message: 'say what was done when the matter is handled' });
    if (v.dispatchedAt && !v.dispatchedTo) ctx.addIssue({ code: 'custom', path: ['dispatchedTo'], message: 'name the technician sent' });
  });
export type LogEntryCreate = z.infer<typeof logEntryCreate>;

export const logEntry = z.object({
  id: z.number(),
  projectId: z.number(),
  assignmentId: z.number().nullable(),
  shiftName: z.string().nullable(),
  kind: z.enum(dutyLogKinds),
  occurredAt: z.string(),
  night: z.boolean(),
  unitId: z.number().nullable(),
  unitCode: z.string().nullable(),
  callerName: z.string().nullable(),
  /** Masked unless revealed on the ticket made from it. */
  callerPhone: z.string().nullable(),
  description: z.string(),
  status: z.enum(dutyLogStatuses),
  actionTaken: z.string().nullable(),
  dispatchedTo: z.number().nullable(),
  dispatchedToName: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  ticketId: z.number().nullable(),
  ticketNumber: z.string().nullable(),
  convertedAt: z.string().nullable(),
  recordedBy: z.number(),
  recordedByName: z.string(),
  /** An open entry past the policy's time to convert it. */
  overdue: z.boolean(),
});
export type LogEntry = z.infer<typeof logEntry>;

export const logQuery = listQuery.extend({
  projectId: id,
  status: z.enum(dutyLogStatuses).optional(),
  night: z.enum(['true', 'false']).optional(),
  from: dateText.optional(),
  to: dateText.optional(),
  assignmentId: id.optional(),
});
export const handleBody = z.object({ actionTaken: text(1000) });
/** The converted line and the ticket it became. */
export const convertResult = z.object({ entry: logEntry, ticket: ticketDetail });
export const convertBody = z.object({
  type: z.enum(ticketTypes),
  categoryId: z.string().trim().min(1).max(50).optional(),
  priority: z.enum(ticketPriorities).optional(),
  customerId: id.optional(),
  /** The ticket's description; defaults to the log line. */
  description: z.string().trim().min(2).max(4000).optional(),
});

// ---------- handover ----------

export const handoverItemInput = z
  .object({ ticketId: id.optional(), logEntryId: id.optional(), description: text(500) })
  .refine((v) => !(v.ticketId && v.logEntryId), { path: ['logEntryId'], message: 'give a ticket or a log entry, not both' });
export const handoverCreate = z.object({
  assignmentId: id,
  incomingId: id,
  equipment: maybeText(1000),
  keys: maybeText(1000),
  records: maybeText(1000),
  notes: maybeText(1000),
  items: z.array(handoverItemInput).max(100).default([]),
});
export const handoverItem = z.object({
  id: z.number(),
  ticketId: z.number().nullable(),
  ticketNumber: z.string().nullable(),
  ticketStatus: z.string().nullable(),
  logEntryId: z.number().nullable(),
  description: z.string(),
  /** Still to do: not marked done, its ticket not resolved, its log line not converted or handled. */
  open: z.boolean(),
  doneAt: z.string().nullable(),
});
export const handover = z.object({
  id: z.number(),
  projectId: z.number(),
  assignmentId: z.number(),
  shiftName: z.string(),
  shiftDate: z.string(),
  shiftEndsAt: z.string(),
  outgoingId: z.number(),
  outgoingName: z.string(),
  incomingId: z.number(),
  incomingName: z.string(),
  equipment: z.string().nullable(),
  keys: z.string().nullable(),
  records: z.string().nullable(),
  notes: z.string().nullable(),
  outgoingSignedAt: z.string().nullable(),
  incomingSignedAt: z.string().nullable(),
  signed: z.boolean(),
  /** Not signed by both sides within the grace time after the shift. */
  flagged: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  items: z.array(handoverItem),
  standIns: z.array(standIn),
});
export type Handover = z.infer<typeof handover>;
export const handoverProposal = z.object({
  assignment: assignment,
  incoming: z.array(
    z.object({ staffId: z.number(), staffName: z.string(), assignmentId: z.number(), shiftName: z.string(), startsAt: z.string() }),
  ),
  items: z.array(
    z.object({ ticketId: z.number().optional(), logEntryId: z.number().optional(), description: z.string(), carried: z.boolean() }),
  ),
});
export const signBody = z.object({
  side: z.enum(['outgoing', 'incoming']),
  /** The signer's password, when they sign at a colleague's session (one desk, two people). */
  password: z.string().min(1).max(200).optional(),
  expectedVersion: z.number().int().optional(),
});
export const handoversQuery = listQuery.extend({ projectId: id, unsigned: z.enum(['true', 'false']).optional() });

// ---------- review and facts ----------

export const reviewQuery = z.object({ projectId: id, date: dateText });
export const reviewShift = z.object({
  assignment: assignment,
  entries: z.array(logEntry),
  handover: handover.nullable(),
});
export const review = z.object({
  date: z.string(),
  shifts: z.array(reviewShift),
  carried: z.array(handoverItem.extend({ handoverId: z.number(), since: z.string() })),
  unconverted: z.array(logEntry),
  unsigned: z.array(handover),
  /** Shifts that needed a handover and ended without one. */
  missingHandovers: z.array(assignment),
});
export const reviewBody = z.object({ projectId: id, assignmentIds: z.array(id).min(1).max(100) });
export const reviewResult = z.object({ reviewed: z.number() });
export const factsQuery = z.object({ projectId: id, month: monthText, staffId: id.optional() });
export const personFacts = z.object({
  staffId: z.number(),
  staffName: z.string(),
  shifts: z.number(),
  lateArrivals: z.number(),
  lateMinutes: z.number(),
  missedCheckIns: z.number(),
  unsignedHandovers: z.number(),
  carriedOverItems: z.number(),
  unconvertedEntries: z.number(),
});
export type PersonFacts = z.infer<typeof personFacts>;
export const dutyFactsReport = z.object({ month: z.string(), items: z.array(personFacts) });
