/** 值班制度 (seed 001 篇5): 24-hour duty, noon and night duty hours, summer hours, arriving 15 minutes early. */
import { z } from 'zod';
import { departmentKinds } from '../enums.ts';
import { clockTimeSchema, definePolicySection, field, labels, monthDay } from './fields.ts';

/** The hours of a shift in one season; `end` at or before `start` means the next day. */
export const shiftHoursSchema = z
  .object({
    start: clockTimeSchema,
    end: clockTimeSchema,
    /** A break inside the shift (lunch) during which this shift does not staff the center. */
    breakStart: clockTimeSchema.optional(),
    breakEnd: clockTimeSchema.optional(),
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

const minutes = (max: number) => z.number().int().min(0).max(max);

export const dutyPolicySchema = field(
  z.object({
    /** Summer hours (夏季作息) apply to shifts starting on these dates, inclusive, every year. */
    summer: field(
      z.object({
        from: monthDay({ label: labels('开始', '開始', 'From') }),
        to: monthDay({ label: labels('结束', '結束', 'To'), example: '09-30' }),
      }),
      {
        label: labels('夏季作息期间', '夏季作息期間', 'Summer hours period'),
        help: labels(
          '每年此期间开始的班次按夏季时间',
          '每年此期間開始的班次按夏季時間',
          'Shifts starting in this period, every year, keep summer hours',
        ),
      },
    ),
    /** 值班人员应提前15分钟到岗: a check-in later than this before the start is a late arrival. */
    checkInEarlyMinutes: field(minutes(120), {
      label: labels('提前到岗', '提前到崗', 'Arrive early by'),
      unit: 'minutes',
      help: labels('晚于开班前该时间签到记为迟到', '晚於開班前該時間簽到記為遲到', 'A later check-in is a late arrival'),
    }),
    /** A handover not signed by both sides this long after the shift ended is flagged. */
    handoverGraceMinutes: field(minutes(24 * 60), {
      label: labels('交接未签字提醒', '交接未簽字提醒', 'Unsigned handover flagged after'),
      unit: 'minutes',
    }),
    /** A night entry still unconverted this long after its shift ended is flagged in the morning queue. */
    convertWithinMinutes: field(minutes(7 * 24 * 60), {
      label: labels('夜间记录转单时限', '夜間記錄轉單時限', 'Night entries converted within'),
      unit: 'minutes',
    }),
    shifts: field(
      z
        .array(shiftTemplateSchema)
        .min(1)
        .max(20)
        .refine((list) => new Set(list.map((s) => s.code)).size === list.length, 'shift codes must be unique'),
      {
        label: labels('班次', '班次', 'Shifts'),
        kind: 'custom',
        editor: 'shiftTemplates',
        help: labels(
          '在值班排班的「班次设置」中按项目修改',
          '在值班排班的「班次設定」中按項目修改',
          'Changed per project in the roster’s shift settings',
        ),
      },
    ),
  }),
  { label: labels('值班制度', '值班制度', 'Duty') },
);
export type DutyPolicy = z.infer<typeof dutyPolicySchema>;

export const dutySection = definePolicySection({
  id: 'duty',
  label: labels('值班制度', '值班制度', 'Duty'),
  shape: { duty: dutyPolicySchema },
  defaults: {
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
  },
});
