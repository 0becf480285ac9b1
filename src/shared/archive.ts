/**
 * The customer archive (客户档案) beyond the customer record: the 12 sections of seed 002 制度4,
 * the timeline, completeness (资料完整率) and the Excel import/export. Schemas are shared by the
 * server (validation, OpenAPI) and the web client (types).
 */
import { z } from 'zod';
import { occupancyRelations, ticketTypes } from './enums.ts';
import { storedFile } from './files.ts';
import { dateText, id } from './schemas.ts';

/**
 * The 12 sections, in the regulation's order: 1 单位资料, 2 缴费记录及押金, 3 装修工程文件, 4 迁入资料,
 * 5 资料补充, 6 联络资料, 7 紧急联络人, 8 往来文件, 9 违规及欠费, 10 维修记录, 11 投诉记录,
 * 12 二次装修工程档案.
 */
export const archiveSections = [
  'organisation',
  'payments',
  'decoration',
  'move_in',
  'supplement',
  'contacts',
  'emergency',
  'correspondence',
  'violations',
  'repairs',
  'complaints',
  'engineering',
] as const;
export type ArchiveSection = (typeof archiveSections)[number];

/**
 * Sections kept as archive entries. Contacts and emergency contacts are the customer's own lists,
 * repairs and complaints are the service desk's tickets.
 */
export const entrySections = [
  'organisation',
  'payments',
  'decoration',
  'move_in',
  'supplement',
  'correspondence',
  'violations',
  'engineering',
] as const satisfies readonly ArchiveSection[];
export type EntrySection = (typeof entrySections)[number];

/** What an entry records where a section holds more than one kind: 缴费 / 押金 / 退款, 违规 / 欠费, 来文 / 发文. */
export const entryKinds = ['payment', 'deposit', 'refund', 'violation', 'arrears', 'incoming', 'outgoing'] as const;
export type EntryKind = (typeof entryKinds)[number];
export const sectionKinds: Partial<Record<EntrySection, readonly EntryKind[]>> = {
  payments: ['payment', 'deposit', 'refund'],
  violations: ['violation', 'arrears'],
  correspondence: ['incoming', 'outgoing'],
};

/** The checks of the completeness score; weights are policies (archive.completenessWeights). */
export const completenessChecks = ['contactWays', 'emergencyContact', 'moveInForm', 'idDocument', 'organisationInfo'] as const;
export type CompletenessCheck = (typeof completenessChecks)[number];

/** A file of a customer's archive: a stored file in a section, possibly on one entry. */
export const archiveFile = storedFile.extend({
  entryId: z.number().nullable(),
  section: z.enum(archiveSections),
});

export const archiveEntry = z.object({
  id: z.number(),
  customerId: z.number(),
  section: z.enum(entrySections),
  kind: z.enum(entryKinds).nullable(),
  title: z.string(),
  date: z.string(),
  body: z.string().nullable(),
  /** Yuan; payments, deposits, arrears. */
  amount: z.number().nullable(),
  createdBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
  files: z.array(archiveFile),
});

export const archiveEntryCreate = z.object({
  section: z.enum(entrySections),
  kind: z.enum(entryKinds).nullish(),
  title: z.string().trim().min(1, 'must not be empty').max(200),
  date: dateText,
  body: z.string().trim().max(5000).nullish(),
  amount: z.number().min(-10_000_000).max(10_000_000).nullish(),
});
export const archiveEntryUpdate = archiveEntryCreate.omit({ section: true }).partial();

export const archiveTicket = z.object({
  id: z.number(),
  number: z.string(),
  type: z.enum(ticketTypes),
  status: z.string(),
  description: z.string(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
});

export const timelineKinds = ['ticket', 'entry', 'move_in', 'move_out', 'file', 'created'] as const;
export const timelineItem = z.object({
  /** ISO timestamp or YYYY-MM-DD; sorted newest first. */
  at: z.string(),
  kind: z.enum(timelineKinds),
  section: z.enum(archiveSections).nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  /** The ticket or entry the item stands for. */
  refId: z.number().nullable(),
});

export const completenessResult = z.object({
  /** 0–100. */
  score: z.number(),
  missing: z.array(z.enum(completenessChecks)),
  /** Ways to reach the customer (distinct numbers and addresses) and the policy's minimum. */
  contactWays: z.number(),
  requiredContactWays: z.number(),
});

export const customerArchive = z.object({
  customerId: z.number(),
  projectId: z.number(),
  entries: z.array(archiveEntry),
  /** Files attached to a section directly, not to an entry. */
  files: z.array(archiveFile),
  tickets: z.array(archiveTicket),
  timeline: z.array(timelineItem),
  completeness: completenessResult,
});

/** Where an uploaded file goes: a section of the archive, or one entry of it. */
export const archiveFileTarget = z.object({ section: z.enum(archiveSections), entryId: id.optional() });

export const completenessQuery = z.object({
  projectId: id,
  /** One responsibility area (a butler's buildings). */
  areaId: id.optional(),
  /** Only customers missing this item. */
  missing: z.enum(completenessChecks).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const completenessItem = completenessResult.extend({
  customerId: z.number(),
  name: z.string(),
  /** Masked like everywhere else. */
  phone: z.string().nullable(),
  units: z.array(z.object({ unitId: z.number(), code: z.string(), relation: z.enum(occupancyRelations) })),
});

const scoreGroup = z.object({
  customers: z.number(),
  complete: z.number(),
  /** Average score, 0–100. */
  score: z.number(),
  missing: z.record(z.enum(completenessChecks), z.number()),
});
export const completenessSummary = z.object({
  projectId: z.number(),
  project: scoreGroup,
  /** Per responsibility area and its butler (owner); customers outside every area under areaId null. */
  areas: z.array(
    scoreGroup.extend({
      areaId: z.number().nullable(),
      areaName: z.string().nullable(),
      owner: z.object({ id: z.number(), name: z.string() }).nullable(),
    }),
  ),
  weights: z.record(z.enum(completenessChecks), z.number()),
  minContactWays: z.number(),
});

export const exportQuery = z.object({
  projectId: id,
  /** Full numbers instead of masked ones: needs customer.reveal and a reason, and is audited as a reveal. */
  reveal: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  reason: z.string().trim().min(1).max(200).optional(),
});
export const importQuery = z.object({
  projectId: id,
  /** Validate and report only; nothing is written. */
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});
export const importResult = z.object({
  dryRun: z.boolean(),
  buildings: z.number(),
  entrances: z.number(),
  units: z.number(),
  customers: z.number(),
  occupancies: z.number(),
  contacts: z.number(),
  emergencyContacts: z.number(),
});

export type ArchiveFile = z.infer<typeof archiveFile>;
export type ArchiveEntry = z.infer<typeof archiveEntry>;
export type ArchiveTicket = z.infer<typeof archiveTicket>;
export type TimelineItem = z.infer<typeof timelineItem>;
export type CustomerArchive = z.infer<typeof customerArchive>;
export type CompletenessResult = z.infer<typeof completenessResult>;
export type CompletenessItem = z.infer<typeof completenessItem>;
export type CompletenessSummary = z.infer<typeof completenessSummary>;
export type ImportResult = z.infer<typeof importResult>;
