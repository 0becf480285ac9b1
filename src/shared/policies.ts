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
  engagement: {
    directorVisitsPerHousehold: { min: 1, max: 2 },
    areaVisitsPerQuarter: 1,
    butlerHouseholdsPerMonth: 15,
    butlerPhotoRequired: true,
    frontdeskContactsPerMonth: 15,
    forumIntervalMonths: 6,
    satisfiedMinRating: 4,
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
