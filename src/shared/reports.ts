/**
 * Registers, statistics and the dashboard (SPEC §3 "Registers", "Statistics"): request and response
 * schemas shared by the server (validation, OpenAPI) and the web app (types).
 *
 * Conventions of every figure below:
 * - rates are fractions 0–1 (0.985, not 98.5), and `null` when there is nothing to divide by;
 * - durations are whole minutes (rounded down) from the ticket's received-at time (补单: the real
 *   time) to the moment the clock stopped;
 * - percentiles are exact, by the nearest-rank method: of the n values sorted ascending, the p-th
 *   percentile is the value at rank ⌈p·n⌉ (1-based). So the median of 1, 2, 3, 4 is 2 and the p90 of
 *   ten values is the 9th. Always one of the observed values, never interpolated;
 * - months are `YYYY-MM` and days `YYYY-MM-DD` in the project's own time zone (Asia/Shanghai).
 */
import { z } from 'zod';
import { ticketChannels, ticketTypes, type TicketType } from './enums.ts';
import { id } from './schemas.ts';
import { ticketStatuses } from './workflow.ts';

// ---------- building blocks ----------

export const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
/** `xlsx` returns an Excel workbook (attachment) instead of JSON. */
export const reportFormat = z.enum(['json', 'xlsx']).default('json');
const rate = z.number().min(0).nullable();

/** Exact nearest-rank percentiles of durations in minutes; null when no clock has stopped. */
export const minutesSummary = z.object({
  /** How many stopped clocks the figures are taken over. */
  count: z.number().int(),
  median: z.number().int().nullable(),
  p90: z.number().int().nullable(),
});

/** 回访: tasks owed (done, or pending past their due time) and done. */
export const returnVisitSummary = z.object({
  due: z.number().int(),
  done: z.number().int(),
  /** done ÷ due (target 100 %). */
  rate,
});

/** Results of completed return visits. */
export const satisfactionSummary = z.object({
  satisfied: z.number().int(),
  basically: z.number().int(),
  dissatisfied: z.number().int(),
  /** 满意率 = (satisfied + basically satisfied) ÷ all rated visits. */
  rate,
});

// ---------- registers (seed 001 4.1.1) ----------

/** 报修记录 (repairs), 投诉记录 (complaints), 日常事务登记表 (inquiries, help, suggestions, praise). */
export const registerKinds = ['repair', 'complaint', 'daily'] as const;
export type RegisterKind = (typeof registerKinds)[number];
export const registerTypes: Record<RegisterKind, readonly TicketType[]> = {
  repair: ['repair'],
  complaint: ['complaint'],
  daily: ['inquiry', 'help', 'suggestion', 'praise'],
};
export const registerTitles: Record<RegisterKind, string> = { repair: '报修记录', complaint: '投诉记录', daily: '日常事务登记表' };

// ---------- 客户月投诉统计表 (seed 002 制度2) ----------

export const monthlyComplaintsQuery = z.object({
  /** Omitted: every project the caller may see, plus the company total. */
  projectId: id.optional(),
  month: monthText,
  format: reportFormat,
});

/**
 * One row of the monthly complaint statistics. Counted: complaints received (local time) in the
 * month, not cancelled.
 */
export const complaintStats = z.object({
  /** null on the total row. */
  projectId: z.number().nullable(),
  projectName: z.string(),
  /** Units with a current occupancy (户数). */
  households: z.number().int(),
  total: z.number().int(),
  /** By the complaint's category (leaf of the category tree); categoryId null = not classified. Largest first. */
  byCategory: z.array(z.object({ categoryId: z.string().nullable(), name: z.string(), count: z.number().int() })),
  /** Every channel, zeros included. */
  byChannel: z.array(z.object({ channel: z.enum(ticketChannels), count: z.number().int() })),
  /** 一般投诉 */
  general: z.number().int(),
  /** 重大投诉 (major incidents and collective complaints). */
  major: z.number().int(),
  /** 有效投诉: validity decided 'valid' by the supervisor. */
  effective: z.number().int(),
  /**
   * 超时: the month's complaints that breached a deadline (whenever the breach happened), plus
   * complaints received earlier whose breach was recorded in the month. A complaint received late
   * in one month and breached in the next counts in both months; never twice in one.
   */
  overdue: z.number().int(),
  /** Received → reply clock stopped (accepted / dispatched), over the month's complaints that were replied to. */
  replyMinutes: minutesSummary,
  /** Received → completion clock stopped (resolved), over the month's complaints that were resolved. */
  completionMinutes: minutesSummary,
  /** Return-visit tasks of the month's complaints. */
  returnVisit: returnVisitSummary,
  satisfaction: satisfactionSummary,
  /** 有效投诉率 = effective ÷ households (target below 1 %). */
  effectiveComplaintRate: rate,
  /** From the effective policy (the company's on the total row). */
  targets: z.object({ returnVisitRate: z.number(), effectiveComplaintRate: z.number() }),
});

export const monthlyComplaintReport = z.object({
  month: monthText,
  generatedAt: z.string(),
  projects: z.array(complaintStats),
  /** The projects summed; medians and p90 are taken over all their values, not averaged. */
  total: complaintStats,
});

// ---------- dashboard ----------

export const dashboardQuery = z.object({
  /** Omitted: every project the caller may see. */
  projectId: id.optional(),
});

export const dashboard = z.object({
  generatedAt: z.string(),
  projectIds: z.array(z.number()),
  /** Tickets received today (local day), cancelled ones included: what reached the desk. */
  today: z.object({
    date: z.string(),
    total: z.number().int(),
    byType: z.array(z.object({ type: z.enum(ticketTypes), count: z.number().int() })),
  }),
  /** Open work (new … reopened; not resolved, awaiting a visit, closed or cancelled). */
  open: z.object({
    total: z.number().int(),
    byStatus: z.array(z.object({ status: z.enum(ticketStatuses), count: z.number().int() })),
    /** Open tickets flagged overdue (a clock breached or met late), as `GET /api/tickets?overdue=true`. */
    overdue: z.number().int(),
  }),
  /** Open major incidents (重大事件 / 集体投诉), newest first. */
  majorIncidents: z.array(
    z.object({
      id: z.number(),
      projectId: z.number(),
      title: z.string(),
      kind: z.enum(['incident', 'collective']),
      households: z.number().int(),
      committedReplyAt: z.string(),
      createdAt: z.string(),
    }),
  ),
  /**
   * The 30 days up to now: clocks that stopped in the window (cancelled tickets left out) and return
   * visits due in it. Recomputed at most once a minute.
   */
  last30Days: z.object({
    from: z.string(),
    to: z.string(),
    /** Share of the clocks stopped in the window that stopped in time. */
    sla: z.object({
      reply: z.object({ stopped: z.number().int(), met: z.number().int(), rate }),
      completion: z.object({ stopped: z.number().int(), met: z.number().int(), rate }),
    }),
    replyMinutes: minutesSummary,
    completionMinutes: minutesSummary,
    /** Return-visit tasks whose due time fell in the window: how many of them are done. */
    returnVisit: returnVisitSummary,
    /** Results of those of them that are done. */
    satisfaction: satisfactionSummary,
  }),
  pendingReturnVisits: z.object({
    total: z.number().int(),
    /** Past their due time. */
    overdue: z.number().int(),
  }),
  /**
   * The last 12 local months, oldest first, the current month last. intake: tickets received;
   * complaints: complaints received, not cancelled (as in the monthly statistics); overdue: tickets
   * with a breach recorded in the month; satisfactionRate: of the return visits due in the month
   * and done. Closed months may be up to 10 minutes old (cached); the current month is live.
   */
  trends: z.array(
    z.object({
      month: monthText,
      intake: z.number().int(),
      complaints: z.number().int(),
      overdue: z.number().int(),
      satisfactionRate: rate,
    }),
  ),
});

export type MonthlyComplaintsQuery = z.infer<typeof monthlyComplaintsQuery>;
export type ComplaintStats = z.infer<typeof complaintStats>;
export type MonthlyComplaintReport = z.infer<typeof monthlyComplaintReport>;
export type MinutesSummary = z.infer<typeof minutesSummary>;
export type Dashboard = z.infer<typeof dashboard>;
