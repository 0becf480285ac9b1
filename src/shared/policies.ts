/**
 * Policies: every number and list the regulations give, as defaults. A company and each project can
 * override them (stored with history); services read the effective value, never a literal.
 *
 * Sources: seed 001 篇2 deduction items 5–8 and 21 (deadlines), seed 002 制度2 (complaints, major
 * incidents), SPEC §3.
 */
import { z } from 'zod';
import { departmentKinds } from './enums.ts';
import { id } from './schemas.ts';

export const calendarKinds = ['natural', 'working'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** A duration on a calendar: N days (natural or working), or hours for same-day clocks. */
export const durationSchema = z.object({
  amount: z.number().positive().max(365),
  unit: z.enum(['days', 'hours']),
});
export type Duration = z.infer<typeof durationSchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date MM-DD');

/** The hours of a shift in one season; `end` at or before `start` means the next day. */
export const shiftHoursSchema = z
  .object({
    start: clockTime,
    end: clockTime,
    /** A break inside the shift (lunch) during which this shift does not staff the center. */
    breakStart: clockTime.optional(),
    breakEnd: clockTime.optional(),
  })
  .refine((h) => (h.breakStart === undefined) === (h.breakEnd === undefined), {
    message: 'give both breakStart and breakEnd, or neither',
    path: ['breakEnd'],
  });
export type ShiftHours = z.infer<typeof shiftHoursSchema>;

export const shiftTemplateSchema = z.object({
  /** Stable code, referenced by the roster. */
  code: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/, 'must be lower-case letters, digits or _'),
  name: z.string().trim().min(1).max(30),
  /** The department whose staff work this shift (night duty: maintenance electricians). */
  department: z.enum(departmentKinds),
  normal: shiftHoursSchema,
  summer: shiftHoursSchema,
  /** The shift staffs the customer service center (counts for the 24-hour coverage check). */
  atCenter: z.boolean(),
  /** The outgoing person hands over with the 工作移交表, signed by both sides. */
  handover: z.boolean(),
});
export type ShiftTemplate = z.infer<typeof shiftTemplateSchema>;

/** 值班制度 (seed 001 篇5): 24-hour duty, noon and night duty hours, summer hours, arriving 15 minutes early. */
export const dutyPolicySchema = z.object({
  /** Summer hours (夏季作息) apply to shifts starting on these dates, inclusive, every year. */
  summer: z.object({ from: monthDay, to: monthDay }),
  /** 值班人员应提前15分钟到岗: a check-in later than this before the start is a late arrival. */
  checkInEarlyMinutes: z.number().int().min(0).max(120),
  /** A handover not signed by both sides this long after the shift ended is flagged. */
  handoverGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** A night entry still unconverted this long after its shift ended is flagged in the morning queue. */
  convertWithinMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  shifts: z
    .array(shiftTemplateSchema)
    .min(1)
    .max(20)
    .refine((list) => new Set(list.map((s) => s.code)).size === list.length, 'shift codes must be unique'),
});
export type DutyPolicy = z.infer<typeof dutyPolicySchema>;

export const policySchema = z.object({
  /** Which days count for deadlines: every day, or China's working days (statutory holidays and 调休 make-up days). */
  calendar: z.enum(calendarKinds),
  deadlines: z.object({
    /** 住户要求维修或合理投诉超过二天未答复 — reply to a repair request or reasonable complaint. */
    reply: durationSchema,
    /** 住户要求维修超过三天未修复(大工程除外) — repair done. */
    repair: durationSchema,
    /** 公共设施一般损坏三天未修复 — common-area damage repaired. */
    commonAreaRepair: durationSchema,
    /** 大面积和严重破损十天未修复 — large or severe common-area damage. */
    severeCommonAreaRepair: durationSchema,
    /** 投诉当天进行调查、核实 — a complaint investigated and verified the same day (end of the local day). */
    complaintVerification: durationSchema,
    /** 一般违纪不超过3天 — disciplinary events handled. */
    discipline: durationSchema,
    /** 严重违纪事件5天内处理完 */
    seriousDiscipline: durationSchema,
    /** Committed reply time given to the customer when a major incident is escalated. */
    majorReply: durationSchema,
  }),
  /** Warn before a breach when this share of the time is used (0.8 = at 80 %). */
  warningThreshold: z.number().gt(0).lt(1),
  major: z.object({
    /** Category codes that are major incidents by themselves. */
    categories: z.array(z.string().min(1)).max(100),
    /** Chinese phrases that make a report a major incident (电梯困人, 水浸 …). */
    phrases: z.array(z.string().min(1)).max(200),
  }),
  collectiveComplaint: z.object({
    /** 客户集体投诉(三家以上): distinct households about the same matter. */
    minHouseholds: z.number().int().min(2).max(100),
    /** Complaints this close in time are compared. */
    windowHours: z
      .number()
      .positive()
      .max(24 * 30),
    /** Text similarity (0–1) above which two complaints are about the same matter. */
    similarity: z.number().gt(0).lt(1),
  }),
  returnVisit: z.object({
    /** Ticket types that get a return-visit task when resolved. */
    types: z.array(z.enum(['repair', 'complaint', 'inquiry', 'help', 'suggestion', 'praise'])),
    /** Days after resolution by which the return visit is due. */
    dueDays: z.number().positive().max(60),
    /** Target share of resolved tickets visited (100 %). */
    targetRate: z.number().min(0).max(1),
  }),
  /** Effective complaints ÷ households per month must stay below this (1 %). */
  effectiveComplaintRateTarget: z.number().min(0).max(1),
  /** Year-end satisfaction target (80 %). */
  satisfactionTarget: z.number().min(0).max(1),
  duty: dutyPolicySchema,
  /** Visits, owners' forums and surveys — seed 002 制度1 二, seed 004 考核内容五. */
  engagement: z.object({
    /** 办公室主任每年登门回访1~2次: visits to each household per year, at least and at most. */
    directorVisitsPerHousehold: z.object({ min: z.number().int().min(0).max(12), max: z.number().int().min(1).max(12) }),
    /** 物管员按区域范围分工，每季回访1次: visits to each responsibility area per quarter. */
    areaVisitsPerQuarter: z.number().int().min(0).max(30),
    /** 每月对所辖区域不少于15户进行走访: households a butler visits per month. */
    butlerHouseholdsPerMonth: z.number().int().min(0).max(500),
    /** 有记录，有照片: a butler's visit counts only with a photo. */
    butlerPhotoRequired: z.boolean(),
    /** 前台不少于每月15户次的主动与业主沟通: proactive contacts of the front desk per month. */
    frontdeskContactsPerMonth: z.number().int().min(0).max(500),
    /** 每半年召开一次住户座谈会: months between owners' forums. */
    forumIntervalMonths: z.number().int().min(1).max(24),
    /** A survey rating (1–5) at or above this counts as satisfied. */
    satisfiedMinRating: z.number().int().min(1).max(5),
  }),
  /** The customer archive (客户档案, seed 002 制度4; seed 003; seed 004 考核内容十). */
  archive: z.object({
    /** 业主进户预留三个能够联系上他的联系方式 — ways an owner can be reached (seed 003). */
    minContactWays: z.number().int().min(1).max(10),
    /**
     * Weight of each completeness check in the 资料完整率 score (0–100 %); a check that does not apply
     * to a customer (an ID number for an organisation) is left out of both sides of the ratio.
     */
    completenessWeights: z.object({
      contactWays: z.number().min(0).max(100),
      emergencyContact: z.number().min(0).max(100),
      moveInForm: z.number().min(0).max(100),
      idDocument: z.number().min(0).max(100),
      organisationInfo: z.number().min(0).max(100),
    }),
    /** Largest file attached to an archive section, in bytes. */
    maxFileBytes: z
      .number()
      .int()
      .min(1024)
      .max(20 * 1024 * 1024),
    /** File types accepted in archive sections (recognised from the bytes, not the name). */
    fileTypes: z.array(z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf'])).min(1),
    /** Files per customer. */
    maxFilesPerCustomer: z.number().int().min(1).max(1000),
    /** Largest .xlsx accepted by the import, in bytes. */
    importMaxBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .max(200 * 1024 * 1024),
  }),
});
export type Policy = z.infer<typeof policySchema>;

export const defaultPolicy: Policy = {
  calendar: 'natural',
  deadlines: {
    reply: { amount: 2, unit: 'days' },
    repair: { amount: 3, unit: 'days' },
    commonAreaRepair: { amount: 3, unit: 'days' },
    severeCommonAreaRepair: { amount: 10, unit: 'days' },
    complaintVerification: { amount: 1, unit: 'days' },
    discipline: { amount: 3, unit: 'days' },
    seriousDiscipline: { amount: 5, unit: 'days' },
    majorReply: { amount: 2, unit: 'hours' },
  },
  warningThreshold: 0.8,
  major: {
    categories: ['fire', 'lift_entrapment', 'explosion', 'power_outage', 'flooding', 'theft', 'crime', 'main_equipment', 'structure'],
    phrases: [
      '火灾',
      '着火',
      '起火',
      '失火',
      '冒烟',
      '电梯困人',
      '困电梯',
      '困在电梯',
      '被困电梯',
      '电梯里被困',
      '爆炸',
      '煤气泄漏',
      '燃气泄漏',
      '突然停电',
      '全部停电',
      '整栋停电',
      '大面积停电',
      '水浸',
      '水淹',
      '被淹',
      '爆管',
      '被盗',
      '盗窃',
      '入室',
      '抢劫',
      '刑事',
      '打架',
      '中央空调主机',
      '发电机故障',
      '高压柜',
      '低压柜',
      '配电柜',
      '通讯中断',
      '结构破坏',
      '墙体开裂',
      '承重墙',
    ],
  },
  collectiveComplaint: { minHouseholds: 3, windowHours: 72, similarity: 0.35 },
  returnVisit: { types: ['repair', 'complaint'], dueDays: 3, targetRate: 1 },
  effectiveComplaintRateTarget: 0.01,
  satisfactionTarget: 0.8,
  duty: {
    summer: { from: '05-01', to: '09-30' },
    checkInEarlyMinutes: 15,
    handoverGraceMinutes: 30,
    convertWithinMinutes: 120,
    shifts: [
      {
        code: 'day',
        name: '白班',
        department: 'customer_service',
        normal: { start: '08:30', end: '17:30', breakStart: '12:00', breakEnd: '13:30' },
        summer: { start: '08:30', end: '18:00', breakStart: '12:00', breakEnd: '14:00' },
        atCenter: true,
        handover: true,
      },
      {
        code: 'noon',
        name: '午间值班',
        department: 'customer_service',
        normal: { start: '12:00', end: '13:30' },
        summer: { start: '12:00', end: '14:00' },
        atCenter: true,
        handover: false,
      },
      {
        code: 'night',
        name: '夜间值班',
        department: 'maintenance',
        normal: { start: '17:30', end: '08:30' },
        summer: { start: '18:00', end: '08:30' },
        atCenter: true,
        handover: true,
      },
    ],
  },
  engagement: {
    directorVisitsPerHousehold: { min: 1, max: 2 },
    areaVisitsPerQuarter: 1,
    butlerHouseholdsPerMonth: 15,
    butlerPhotoRequired: true,
    frontdeskContactsPerMonth: 15,
    forumIntervalMonths: 6,
    satisfiedMinRating: 4,
  },
  archive: {
    minContactWays: 3,
    completenessWeights: { contactWays: 30, emergencyContact: 25, moveInForm: 25, idDocument: 20, organisationInfo: 20 },
    maxFileBytes: 5 * 1024 * 1024,
    fileTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
    maxFilesPerCustomer: 200,
    importMaxBytes: 60 * 1024 * 1024,
  },
};

/** Merges an override onto a base: objects key by key, arrays and scalars replaced. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (base && override && typeof base === 'object' && typeof override === 'object' && !Array.isArray(base) && !Array.isArray(override)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(override as Record<string, unknown>)) out[k] = deepMerge(out[k], v);
    return out;
  }
  return override;
}

/** The base policy with an override applied; throws when the result is not a valid policy. */
export function mergePolicy(base: Policy, override: unknown): Policy {
  return policySchema.parse(deepMerge(base, override));
}

// ---------- the policies API ----------

/** Company scope without projectId, a project's with it. */
export const policyScopeQuery = z.object({ projectId: id.optional() });
/** An override as stored: any part of the policy, merged onto the scope above it. */
export const policyOverride = z.record(z.string(), z.unknown());
export const policyOverrideBody = z.object({
  projectId: id.nullish(),
  override: policyOverride,
  note: z.string().trim().max(500).nullish(),
});
/** The effective policy of a scope, the defaults, and the overrides that make the difference. */
export const policyDescription = z.object({
  projectId: z.number().nullable(),
  effective: policySchema,
  defaults: policySchema,
  companyOverride: policyOverride.nullable(),
  projectOverride: policyOverride.nullable(),
});
export const policyHistoryItem = z.object({
  id: z.number(),
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
  override: z.unknown(),
});
