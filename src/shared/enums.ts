/**
 * Every closed list of values of the domain, in one place. Server schemas, database checks and the
 * web app's labels all refer to these arrays instead of repeating string literals.
 */
export const projectKinds = ['residential', 'villa', 'office', 'commercial', 'mixed'] as const;
export const buildingKinds = ['highrise', 'lowrise', 'villa', 'office', 'commercial'] as const;
/** 房屋用途 */
export const unitUses = ['residential', 'commercial', 'office'] as const;
/** 房屋状态: 未售 / 空置 / 已交房 / 装修中 / 已入住 / 出租 */
export const unitStates = ['unsold', 'vacant', 'handed_over', 'decorating', 'occupied', 'rented'] as const;
export const publicPlaceKinds = ['lobby', 'garage', 'garden', 'lift', 'plant_room', 'road', 'clubhouse', 'other'] as const;
export const departmentKinds = [
  'customer_service',
  'maintenance',
  'security',
  'environment',
  'finance',
  'admin_hr',
  'control_room',
  'management',
] as const;
export const staffStatuses = ['active', 'probation', 'suspended', 'left'] as const;
export const customerKinds = ['person', 'organisation'] as const;
/** 业主 / 共有人 / 租户 / 家庭成员 / 居住人 */
export const occupancyRelations = ['owner', 'co_owner', 'tenant', 'family', 'occupant'] as const;
export const idTypes = ['id_card', 'passport', 'hk_macao_pass', 'taiwan_pass', 'business_license', 'other'] as const;
export const contactKinds = ['mobile', 'landline', 'email', 'wechat', 'address', 'other'] as const;
export const genders = ['male', 'female'] as const;

export type ProjectKind = (typeof projectKinds)[number];
export type BuildingKind = (typeof buildingKinds)[number];
export type UnitUse = (typeof unitUses)[number];
export type UnitState = (typeof unitStates)[number];
export type PublicPlaceKind = (typeof publicPlaceKinds)[number];
export type DepartmentKind = (typeof departmentKinds)[number];
export type StaffStatus = (typeof staffStatuses)[number];
export type CustomerKind = (typeof customerKinds)[number];
export type OccupancyRelation = (typeof occupancyRelations)[number];
export type IdType = (typeof idTypes)[number];
export type ContactKind = (typeof contactKinds)[number];
export type Gender = (typeof genders)[number];

/** 报修 / 投诉 / 咨询 / 求助 / 建议 / 表扬 */
export const ticketTypes = ['repair', 'complaint', 'inquiry', 'help', 'suggestion', 'praise'] as const;
/** 来电 / 来访 / 书面 / 在线 / 走访 / 巡查 / 夜间值班 / 中控室 */
export const ticketChannels = ['phone', 'walk_in', 'written', 'portal', 'visit', 'patrol', 'night_duty', 'control_room'] as const;
/** 一般 / 紧急 / 特急 */
export const ticketPriorities = ['normal', 'urgent', 'emergency'] as const;
export const satisfactionLevels = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const visitMethods = ['phone', 'visit', 'portal'] as const;
export const clockStates = ['none', 'running', 'warned', 'breached', 'met', 'met_late'] as const;

export type TicketType = (typeof ticketTypes)[number];
export type TicketChannel = (typeof ticketChannels)[number];
export type TicketPriority = (typeof ticketPriorities)[number];
export type Satisfaction = (typeof satisfactionLevels)[number];
export type VisitMethod = (typeof visitMethods)[number];
export type ClockState = (typeof clockStates)[number];

/** Ticket number prefixes (pinyin initials, as on the paper registers): BX-20261122-0001. */
export const ticketNumberPrefix: Record<TicketType, string> = {
  repair: 'BX',
  complaint: 'TS',
  inquiry: 'ZX',
  help: 'QZ',
  suggestion: 'JY',
  praise: 'BY',
};

/** 拜访住户 (a household visit, usually by appointment) / 主动联系 (a proactive contact: call, message, a chat at the desk). */
export const visitKinds = ['household', 'contact'] as const;
/** 已预约 / 已完成 / 已取消 */
export const visitStatuses = ['planned', 'done', 'cancelled'] as const;
/** How the contact was made: 上门 / 电话 / 微信 / 前台面谈 */
export const contactMethods = ['in_person', 'phone', 'wechat', 'desk'] as const;
/** The rule a person's visit quota comes from (policy engagement.*). */
export const quotaRules = ['butler_monthly', 'frontdesk_monthly', 'director_yearly', 'area_quarterly'] as const;
/** 评分 (1–5) / 选择 / 文字 */
export const surveyQuestionKinds = ['rating', 'choice', 'text'] as const;
/** 草稿 / 进行中 / 已结束 */
export const surveyStatuses = ['draft', 'open', 'closed'] as const;
/** 住户在线填写 / 纸质问卷录入 */
export const surveyChannels = ['portal', 'paper'] as const;

export type VisitKind = (typeof visitKinds)[number];
export type VisitStatus = (typeof visitStatuses)[number];
export type ContactMethod = (typeof contactMethods)[number];
export type QuotaRule = (typeof quotaRules)[number];
export type SurveyQuestionKind = (typeof surveyQuestionKinds)[number];
export type SurveyStatus = (typeof surveyStatuses)[number];
export type SurveyChannel = (typeof surveyChannels)[number];
