/**
 * The facts feed of the staff assessment (SPEC §7): each module publishes what happened per person,
 * project and month — a late reply, an unsigned handover, a missed visit quota — with the records
 * that prove it. The assessment maps fact codes to the items of its schemes.
 */
import { z } from 'zod';
import { monthText } from './reports.ts';
import { evidenceLink, id, labelsSchema } from './schemas.ts';

export const fact = z.object({
  staffId: z.number(),
  staffName: z.string(),
  projectId: z.number(),
  /** The month YYYY-MM the fact belongs to (local time of the project). */
  period: z.string(),
  /** Stable code (tickets.reply_late, duty.unsigned_handover …). */
  code: z.string(),
  /** How many times (or how much: the shortfall of a quota). */
  count: z.number(),
  /** The records behind the count (the first 50). */
  evidence: z.array(evidenceLink),
});
export type Fact = z.infer<typeof fact>;

export const factsQuery = z.object({ projectId: id, month: monthText, staffId: id.optional() });

export const factCode = z.object({
  code: z.string(),
  module: z.string(),
  label: labelsSchema,
  /** What the count counts. */
  unit: z.string(),
});
export type FactCode = z.infer<typeof factCode>;
