/**
 * Permissions and the built-in roles. A role is a named set of permissions; `allProjects` roles
 * (company leadership, system administrator) see every project, every other role sees only the
 * projects the staff member is assigned to.
 */
export const permissions = [
  /** Read projects, buildings, units, public places, departments. */
  'property.read',
  /** Create and change projects, buildings, entrances, units, public places, responsibility areas. */
  'property.write',
  /** Read the customer archive (phone and ID numbers masked). */
  'customer.read',
  /** Create and change customers, contacts and their links to units. */
  'customer.write',
  /** Reveal a customer's full phone and ID number on request; each reveal is audited. */
  'customer.reveal',
  /** Import buildings, units, customers and their links from Excel (all or nothing). */
  'archive.import',
  /** Export buildings, units, customers and their links to Excel (numbers masked unless revealed with a reason). */
  'archive.export',
  /** Read staff records. */
  'staff.read',
  /** Create and change staff records and their roles within the caller's projects. */
  'staff.write',
  /** Read the audit log. */
  'audit.read',
  /** Create projects and company-wide settings. */
  'company.admin',
  /** View and change policies (deadlines, thresholds, major-incident rules) of the caller's projects. */
  'policy.manage',
  /** Read tickets, registers, the dashboard. */
  'ticket.read',
  /** Record a ticket (intake, back-fill). */
  'ticket.create',
  /** Accept, dispatch, reassign, cancel. */
  'ticket.dispatch',
  /** Start, pause, resume, resolve work. */
  'ticket.work',
  /** Record return visits (回访). */
  'ticket.visit',
  /** Reopen, decide complaint validity, adopt suggestions, monthly statistics. */
  'ticket.supervise',
  /** See the duty roster, logs, handovers and coverage. */
  'duty.read',
  /** Keep the duty log, check in and out, write and sign handovers, record stand-ins. */
  'duty.log',
  /** Plan the roster (shifts, copy week, noon rotation). */
  'duty.plan',
  /** The supervisor's morning review of the previous shifts. */
  'duty.review',
  /** See visits, visit quotas, owners' forums and survey results. */
  'engagement.read',
  /** Plan, book and record visits (拜访/走访) and proactive contacts; raise follow-up tickets from them. */
  'visit.record',
  /** Record owners' forums (业主座谈会), their minutes and actions. */
  'forum.manage',
  /** Build, open and close satisfaction surveys. */
  'survey.manage',
  /** Key in paper survey answers. */
  'survey.enter',
] as const;

export type Permission = (typeof permissions)[number];

export const roleCodes = [
  'admin',
  'leader',
  'director',
  'supervisor',
  'frontdesk',
  'butler',
  'tech',
  'control',
  'security',
  'finance',
  'hr',
] as const;

export type RoleCode = (typeof roleCodes)[number];

export interface RoleDefinition {
  code: RoleCode;
  /** Chinese name shown on screen and in the staff file. */
  name: string;
  allProjects: boolean;
  permissions: Permission[];
}

/**
 * Who needs personal numbers: the desk and butlers call residents back, the control room calls at
 * night, finance sends payment reminders, the director and supervisor handle escalations.
 * Technicians, security and leadership work with masked numbers (seed 001 item 21).
 */
export const builtInRoles: RoleDefinition[] = [
  {
    code: 'admin',
    name: '系统管理员',
    allProjects: true,
    permissions: [
      'property.read',
      'property.write',
      'customer.read',
      'archive.import',
      'archive.export',
      'staff.read',
      'staff.write',
      'audit.read',
      'company.admin',
      'policy.manage',
    ],
  },
  {
    code: 'leader',
    name: '公司领导',
    allProjects: true,
    permissions: [
      'property.read',
      'customer.read',
      'archive.export',
      'staff.read',
      'audit.read',
      'ticket.read',
      'duty.read',
      'engagement.read',
    ],
  },
  {
    code: 'director',
    name: '管理处主任',
    allProjects: false,
    permissions: [
      'property.read',
      'property.write',
      'customer.read',
      'archive.import',
      'archive.export',
      'customer.write',
      'customer.reveal',
      'staff.read',
      'audit.read',
      'policy.manage',
      'ticket.read',
      'ticket.create',
      'ticket.dispatch',
      'ticket.work',
      'ticket.visit',
      'ticket.supervise',
      'duty.read',
      'duty.log',
      'duty.plan',
      'duty.review',
      'engagement.read',
      'visit.record',
      'forum.manage',
      'survey.manage',
      'survey.enter',
    ],
  },
  {
    code: 'supervisor',
    name: '客服主管',
    allProjects: false,
    permissions: [
      'property.read',
      'customer.read',
      'archive.export',
      'customer.write',
      'customer.reveal',
      'staff.read',
      'ticket.read',
      'ticket.create',
      'ticket.dispatch',
      'ticket.work',
      'ticket.visit',
      'ticket.supervise',
      'duty.read',
      'duty.log',
      'duty.plan',
      'duty.review',
      'engagement.read',
      'visit.record',
      'forum.manage',
      'survey.manage',
      'survey.enter',
    ],
  },
  {
    code: 'frontdesk',
    name: '客户助理',
    allProjects: false,
    permissions: [
      'property.read',
      'customer.read',
      'archive.export',
      'customer.write',
      'customer.reveal',
      'ticket.read',
      'ticket.create',
      'ticket.dispatch',
      'ticket.work',
      'ticket.visit',
      'duty.read',
      'duty.log',
      'engagement.read',
      'visit.record',
      'survey.enter',
    ],
  },
  {
    code: 'butler',
    name: '私人管家',
    allProjects: false,
    permissions: [
      'property.read',
      'customer.read',
      'customer.write',
      'customer.reveal',
      'ticket.read',
      'ticket.create',
      'ticket.work',
      'ticket.visit',
      'duty.read',
      'engagement.read',
      'visit.record',
      'survey.enter',
    ],
  },
  {
    code: 'tech',
    name: '维修技工',
    allProjects: false,
    permissions: ['property.read', 'customer.read', 'ticket.read', 'ticket.create', 'ticket.work', 'duty.read', 'duty.log'],
  },
  {
    code: 'control',
    name: '中控室值班员',
    allProjects: false,
    permissions: [
      'property.read',
      'customer.read',
      'customer.reveal',
      'ticket.read',
      'ticket.create',
      'ticket.dispatch',
      'duty.read',
      'duty.log',
    ],
  },
  {
    code: 'security',
    name: '安全主管',
    allProjects: false,
    permissions: ['property.read', 'customer.read', 'ticket.read', 'ticket.create', 'duty.read', 'duty.log'],
  },
  {
    code: 'finance',
    name: '财物管理员',
    allProjects: false,
    permissions: ['property.read', 'customer.read', 'customer.reveal', 'ticket.read'],
  },
  { code: 'hr', name: '行政人事主管', allProjects: false, permissions: ['property.read', 'staff.read', 'staff.write'] },
];
