/**
 * Policies: every number and list the regulations give, as defaults. A company and each project can
 * override them (stored with history); services read the effective value, never a literal.
 *
 * Sources: seed 001 篇2 deduction items 5–8 and 21 (deadlines), seed 002 制度2 (complaints, major
 * incidents), SPEC §3.
 */
import { z } from 'zod';

export const calendarKinds = ['natural', 'working'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** A duration on a calendar: N days (natural or working), or hours for same-day clocks. */
export const durationSchema = z.object({
  amount: z.number().positive().max(365),
  unit: z.enum(['days', 'hours']),
});
export type Duration = z.infer<typeof durationSchema>;

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
