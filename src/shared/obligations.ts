/**
 * Obligations (cadences and quotas): who must do what, how often and how much — a butler visits
 * ≥ 15 households a month, an owners' forum every 6 months, a monthly safety inspection, ≥ 2
 * emergency musters a quarter … Each module registers its rules (their numbers are policies); one
 * evaluator answers, per owner (a person or the project) and period, what is owed, what was done and
 * whether it is due, done, late or missed, with the records that fulfilled it.
 */
import { z } from 'zod';
import { dateText, evidenceLink, id, labelsSchema } from './schemas.ts';

export const obligationStates = [
  /** The period has not begun. */
  'upcoming',
  /** Running, not yet fulfilled. */
  'due',
  /** Fulfilled by its due date. */
  'done',
  /** Fulfilled after its due date. */
  'late',
  /** Its due date passed unfulfilled. */
  'missed',
] as const;
export type ObligationState = (typeof obligationStates)[number];

export const obligationOwner = z.object({ kind: z.enum(['staff', 'project']), id: z.number(), name: z.string() });

export const obligationRow = z.object({
  /** The rule (visits.butler_monthly, engagement.forum …). */
  code: z.string(),
  module: z.string(),
  label: labelsSchema,
  owner: obligationOwner,
  /** The period counted: its key (2026-11, 2026-Q4, 2026) and days; for an interval rule, from the last fulfilment to the due date. */
  period: z.object({ key: z.string(), from: z.string(), to: z.string() }),
  dueOn: z.string(),
  required: z.number(),
  done: z.number(),
  /** What the amounts count (households, times, minutes …). */
  unit: z.string(),
  state: z.enum(obligationStates),
  /** The day the required amount was reached. */
  metOn: z.string().nullable(),
  /** False for a period that ended before the project began or before the person was hired: shown, never counted or reminded. */
  owed: z.boolean(),
  /** The records that count (the first 50). */
  evidence: z.array(evidenceLink),
});
export type ObligationRow = z.infer<typeof obligationRow>;

export const obligationsQuery = z.object({
  projectId: id,
  /** First day of the calendar (inclusive); defaults to the first day of the current month. */
  from: dateText.optional(),
  /** Last day (inclusive); at most 400 days after `from`. */
  to: dateText.optional(),
  /** Only these rules (comma-separated codes). */
  codes: z.string().max(500).optional(),
  staffId: id.optional(),
});

export const obligationRule = z.object({ code: z.string(), module: z.string(), label: labelsSchema, unit: z.string() });
