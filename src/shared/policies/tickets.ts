/**
 * The service desk's policy: deadlines and the calendar they run on, the breach warning, major
 * incidents, collective complaints, return visits and the complaint and satisfaction targets.
 *
 * Sources: seed 001 篇2 deduction items 5–8 and 21 (deadlines), seed 002 制度2 (complaints, major
 * incidents), SPEC §3.
 */
import { z } from 'zod';
import { ticketTypes } from '../enums.ts';
import { calendarKinds, definePolicySection, duration, field, labels, percent } from './fields.ts';

export const ticketsSection = definePolicySection({
  id: 'tickets',
  label: labels('工单与服务台', '工單與服務台', 'Tickets and service desk'),
  shape: {
    /** Which days count for deadlines: every day, or China's working days (statutory holidays and 调休 make-up days). */
    calendar: field(z.enum(calendarKinds), {
      label: labels('时限日历', '時限日曆', 'Deadline calendar'),
      options: {
        natural: labels('自然日', '自然日', 'Natural days'),
        working: labels(
          '工作日（扣除法定节假日，按调休上班）',
          '工作日（扣除法定假日，按調休上班）',
          'Working days (statutory holidays and make-up days)',
        ),
      },
    }),
    deadlines: field(
      z.object({
        /** 住户要求维修或合理投诉超过二天未答复 — reply to a repair request or reasonable complaint. */
        reply: duration({
          label: labels('报修或合理投诉答复', '報修或合理投訴答覆', 'Reply to a repair request or reasonable complaint'),
          help: labels(
            '住户要求维修或合理投诉超过二天未答复即为超时',
            '住戶要求維修或合理投訴超過二天未答覆即為超時',
            'Unanswered for longer is a breach',
          ),
        }),
        /** 住户要求维修超过三天未修复(大工程除外) — repair done. */
        repair: duration({ label: labels('维修完成（大工程除外）', '維修完成（大工程除外）', 'Repair done (not major works)') }),
        /** 公共设施一般损坏三天未修复 — common-area damage repaired. */
        commonAreaRepair: duration({ label: labels('公共设施一般损坏修复', '公共設施一般損壞修復', 'Common-area damage repaired') }),
        /** 大面积和严重破损十天未修复 — large or severe common-area damage. */
        severeCommonAreaRepair: duration({
          label: labels('大面积或严重破损修复', '大面積或嚴重破損修復', 'Large or severe damage repaired'),
        }),
        /** 投诉当天进行调查、核实 — a complaint investigated and verified the same day (end of the local day). */
        complaintVerification: duration({
          label: labels('投诉调查核实', '投訴調查核實', 'Complaint investigated and verified'),
          help: labels('1 天即投诉当天结束前', '1 天即投訴當天結束前', '1 day means by the end of the day of the complaint'),
        }),
        /** 一般违纪不超过3天 — disciplinary events handled. */
        discipline: duration({ label: labels('一般违纪处理', '一般違紀處理', 'Disciplinary event handled') }),
        /** 严重违纪事件5天内处理完 */
        seriousDiscipline: duration({ label: labels('严重违纪处理', '嚴重違紀處理', 'Serious disciplinary event handled') }),
        /** Committed reply time given to the customer when a major incident is escalated. */
        majorReply: duration({ label: labels('重大事件承诺答复', '重大事件承諾答覆', 'Committed reply for a major incident') }),
      }),
      { label: labels('处理时限', '處理時限', 'Deadlines') },
    ),
    /** Warn before a breach when this share of the time is used (0.8 = at 80 %). */
    warningThreshold: percent(z.number().gt(0).lt(1), {
      label: labels('超时预警', '超時預警', 'Breach warning'),
      help: labels('用时达到时限的该比例时发出预警', '用時達到時限的該比例時發出預警', 'Warn when this share of the time is used'),
    }),
    major: field(
      z.object({
        /** Category codes that are major incidents by themselves. */
        categories: field(z.array(z.string().min(1)).max(100), {
          label: labels('重大类别', '重大類別', 'Major categories'),
          optionsFrom: 'ticketCategories',
        }),
        /** Chinese phrases that make a report a major incident (电梯困人, 水浸 …). */
        phrases: field(z.array(z.string().min(1)).max(200), {
          label: labels('识别关键词', '識別關鍵詞', 'Phrases'),
          help: labels('输入关键词后回车', '輸入關鍵詞後按 Enter', 'Type a phrase and press Enter'),
        }),
      }),
      { label: labels('重大事件', '重大事件', 'Major incidents') },
    ),
    collectiveComplaint: field(
      z.object({
        /** 客户集体投诉(三家以上): distinct households about the same matter. */
        minHouseholds: field(z.number().int().min(2).max(100), {
          label: labels('最少户数', '最少戶數', 'At least households'),
          unit: 'households',
          help: labels('客户集体投诉（三家以上）', '客戶集體投訴（三家以上）', 'Distinct households complaining about the same matter'),
        }),
        /** Complaints this close in time are compared. */
        windowHours: field(
          z
            .number()
            .positive()
            .max(24 * 30),
          { label: labels('时间窗口', '時間窗口', 'Window'), unit: 'hours' },
        ),
        /** Text similarity (0–1) above which two complaints are about the same matter. */
        similarity: percent(z.number().gt(0).lt(1), {
          label: labels('相似度阈值', '相似度閾值', 'Similarity threshold'),
          help: labels(
            '两条投诉内容相似度超过该值视为同一事项',
            '兩條投訴內容相似度超過該值視為同一事項',
            'Two complaints this alike are about the same matter',
          ),
        }),
      }),
      { label: labels('集体投诉', '集體投訴', 'Collective complaints') },
    ),
    returnVisit: field(
      z.object({
        /** Ticket types that get a return-visit task when resolved. */
        types: field(z.array(z.enum(ticketTypes)), {
          label: labels('需回访的类型', '需回訪的類型', 'Types that get a visit'),
          optionsFrom: 'ticketTypes',
        }),
        /** Days after resolution by which the return visit is due. */
        dueDays: field(z.number().positive().max(60), { label: labels('回访期限', '回訪期限', 'Due within'), unit: 'days' }),
        /** Target share of resolved tickets visited (100 %). */
        targetRate: percent(z.number().min(0).max(1), { label: labels('回访率目标', '回訪率目標', 'Target rate') }),
      }),
      { label: labels('回访', '回訪', 'Return visits') },
    ),
    /** Effective complaints ÷ households per month must stay below this (1 %). */
    effectiveComplaintRateTarget: percent(z.number().min(0).max(1), {
      label: labels('有效投诉率上限', '有效投訴率上限', 'Valid complaint rate below'),
      help: labels('每月有效投诉 ÷ 户数', '每月有效投訴 ÷ 戶數', 'Valid complaints ÷ households, per month'),
    }),
    /** Year-end satisfaction target (80 %). */
    satisfactionTarget: percent(z.number().min(0).max(1), { label: labels('满意率目标', '滿意率目標', 'Satisfaction target') }),
  },
  defaults: {
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
  },
});
