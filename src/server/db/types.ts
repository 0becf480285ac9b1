import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EngagementTables } from './types.engagement.ts';
import type { FileTables } from './types.files.ts';
import type { PlatformTables } from './types.platform.ts';

/** Kysely's view of the tables created by migrations/. Timestamps are ISO text, booleans 0/1. */
export interface DB extends EngagementTables, PlatformTables, FileTables {
  companies: CompaniesTable;
  projects: ProjectsTable;
  departments: DepartmentsTable;
  buildings: BuildingsTable;
  entrances: EntrancesTable;
  units: UnitsTable;
  public_places: PublicPlacesTable;
  roles: RolesTable;
  staff: StaffTable;
  staff_roles: StaffRolesTable;
  staff_projects: StaffProjectsTable;
  responsibility_areas: ResponsibilityAreasTable;
  responsibility_area_buildings: ResponsibilityAreaBuildingsTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  emergency_contacts: EmergencyContactsTable;
  occupancies: OccupanciesTable;
  resident_accounts: ResidentAccountsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  kv: KvTable;
  rate_limits: RateLimitsTable;
  duty_assignments: DutyAssignmentsTable;
  duty_log_entries: DutyLogEntriesTable;
  duty_handovers: DutyHandoversTable;
  duty_handover_items: DutyHandoverItemsTable;
  duty_stand_ins: DutyStandInsTable;
  calendar_days: CalendarDaysTable;
  policy_overrides: PolicyOverridesTable;
  ticket_categories: TicketCategoriesTable;
  ticket_sequences: TicketSequencesTable;
  major_incidents: MajorIncidentsTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  ticket_breaches: TicketBreachesTable;
  return_visits: ReturnVisitsTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  leases: LeasesTable;
  fee_schedule: FeeScheduleTable;
  archive_entries: ArchiveEntriesTable;
}

export interface CompaniesTable {
  id: Generated<number>;
  name: string;
  code: string;
  created_at: string;
}

export interface ProjectsTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  name: string;
  /** residential | villa | office | commercial | mixed */
  kind: string;
  address: string | null;
  phone: string | null;
  time_zone: string;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: Generated<number>;
  company_id: number;
  project_id: number | null;
  /** customer_service | maintenance | security | environment | finance | admin_hr | control_room */
  kind: string;
  name: string;
}

export interface BuildingsTable {
  id: Generated<number>;
  project_id: number;
  code: string;
  name: string;
  /** highrise | lowrise | villa | office | commercial */
  kind: string;
  floors: number;
  created_at: string;
}

export interface EntrancesTable {
  id: Generated<number>;
  project_id: number;
  building_id: number;
  code: string;
  name: string;
}

export interface UnitsTable {
  id: Generated<number>;
  project_id: number;
  building_id: number;
  entrance_id: number | null;
  floor: number;
  number: string;
  /** Full code shown on forms, e.g. 3-2-1201 (building-entrance-room). */
  code: string;
  area_m2: number;
  /** residential | commercial | office */
  use: string;
  /** unsold | vacant | handed_over | decorating | occupied | rented */
  state: string;
  created_at: string;
  updated_at: string;
}

export interface PublicPlacesTable {
  id: Generated<number>;
  project_id: number;
  building_id: number | null;
  name: string;
  /** lobby | garage | garden | lift | plant_room | road | clubhouse | other */
  kind: string;
}

export interface RolesTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** JSON array of permission codes. */
  permissions: string;
  /** 1 when the role sees every project of the company (leadership, admin). */
  all_projects: number;
}

export interface StaffTable {
  id: Generated<number>;
  company_id: number;
  employee_no: string;
  username: string;
  name: string;
  phone: string | null;
  department_id: number | null;
  position: string | null;
  hire_date: string | null;
  probation_end: string | null;
  /** active | probation | suspended | left */
  status: string;
  password_hash: string;
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

export interface StaffRolesTable {
  staff_id: number;
  role_id: number;
}

export interface StaffProjectsTable {
  staff_id: number;
  project_id: number;
}

export interface ResponsibilityAreasTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  /** The butler or manager who owns the area. */
  owner_staff_id: number | null;
  /** 主责任人 — usually the office director. */
  main_responsible_id: number | null;
  /** 付责任人 — the deputy, usually the manager. */
  deputy_responsible_id: number | null;
}

export interface ResponsibilityAreaBuildingsTable {
  area_id: number;
  building_id: number;
}

export interface CustomersTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  /** person | organisation */
  kind: string;
  name: string;
  gender: string | null;
  phone: string | null;
  /** id_card | passport | hk_macao_pass | taiwan_pass | business_license | other */
  id_type: string | null;
  id_number: string | null;
  /** Organisation fields (单位信息). */
  org_legal_rep: string | null;
  org_contact_person: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomerContactsTable {
  id: Generated<number>;
  customer_id: number;
  /** mobile | landline | email | wechat | address | other */
  kind: string;
  value: string;
  label: string | null;
}

export interface EmergencyContactsTable {
  id: Generated<number>;
  customer_id: number;
  name: string;
  relation: string | null;
  phone: string;
}

export interface OccupanciesTable {
  id: Generated<number>;
  project_id: number;
  unit_id: number;
  customer_id: number;
  /** owner | co_owner | tenant | family | occupant */
  relation: string;
  move_in_date: string | null;
  move_out_date: string | null;
  created_at: string;
}

export interface ResidentAccountsTable {
  id: Generated<number>;
  customer_id: number;
  phone: string;
  password_hash: string;
  status: string;
  created_at: string;
}

export interface SessionsTable {
  /** HMAC of the token; the token itself is only in the cookie. */
  id: string;
  /** staff | resident */
  subject_kind: string;
  subject_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  company_id: number | null;
  project_id: number | null;
  /** staff | resident | system */
  actor_kind: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  ip: string | null;
}

export interface CalendarDaysTable {
  company_id: number;
  date: string;
  /** holiday | workday */
  kind: string;
  name: string | null;
  /** chinese-days | manual */
  source: string;
  updated_at: string;
  updated_by: number | null;
}

export interface PolicyOverridesTable {
  id: Generated<number>;
  company_id: number;
  project_id: number | null;
  value_json: string;
  created_at: string;
  created_by: number | null;
  note: string | null;
}

export interface TicketCategoriesTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  parent_code: string | null;
  name: string;
  default_priority: string;
  common_area: number;
  active: number;
  sort: number;
}

export interface TicketSequencesTable {
  project_id: number;
  prefix: string;
  day: string;
  last: number;
}

export interface MajorIncidentsTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  /** incident | collective */
  kind: string;
  title: string;
  reason: string;
  category_code: string | null;
  status: string;
  households: number;
  committed_reply_at: string;
  created_at: string;
  closed_at: string | null;
}

/** Clock states: none (no such clock) | running | warned | breached | met | met_late */
export interface TicketsTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  number: string;
  type: string;
  channel: string;
  status: string;
  version: number;
  last_event_seq: number;
  unit_id: number | null;
  public_place_id: number | null;
  customer_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  category_code: string | null;
  description: string;
  priority: string;
  severe: number;
  paid: number;
  written: number;
  backfilled: number;
  major: number;
  major_incident_id: number | null;
  appointment_at: string | null;
  received_by: number | null;
  received_at: string;
  department_id: number | null;
  assignee_id: number | null;
  reply_due_at: string | null;
  reply_warn_at: string | null;
  reply_stopped_at: string | null;
  reply_state: string;
  completion_due_at: string | null;
  completion_warn_at: string | null;
  completion_stopped_at: string | null;
  completion_state: string;
  paused_at: string | null;
  pauses_json: string;
  resolved_at: string | null;
  closed_at: string | null;
  resolution: string | null;
  materials_json: string | null;
  charge: number | null;
  cancel_reason: string | null;
  satisfaction: string | null;
  reopen_count: number;
  checklist_json: string | null;
  customer_confirmed_at: string | null;
  validity: string | null;
  written_reply: string | null;
  adopted: number;
  validity_by: number | null;
  validity_at: string | null;
  validity_note: string | null;
  adopted_at: string | null;
  search_terms: string;
  created_at: string;
  updated_at: string;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  payload_json: string | null;
}

export interface TicketBreachesTable {
  id: Generated<number>;
  ticket_id: number;
  project_id: number;
  clock: string;
  due_at: string;
  detected_at: string;
  lateness_minutes: number | null;
  responsible_id: number | null;
}

export interface ReturnVisitsTable {
  id: Generated<number>;
  ticket_id: number;
  project_id: number;
  due_at: string;
  status: string;
  method: string | null;
  satisfaction: string | null;
  comment: string | null;
  done_by_kind: string | null;
  done_by: number | null;
  done_at: string | null;
  created_at: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  company_id: number;
  project_id: number | null;
  staff_id: number;
  kind: string;
  title: string;
  body: string | null;
  ticket_id: number | null;
  created_at: string;
  read_at: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  actor: string;
  ticket_id: number;
  created_at: string;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface FeeScheduleTable {
  id: Generated<number>;
  company_id: number;
  project_id: number | null;
  code: string;
  name: string;
  unit: string;
  price: number;
  active: number;
}

/** An entry of a customer archive section (seed 002 制度4). */
export interface ArchiveEntriesTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  customer_id: number;
  /** shared/archive.ts entrySections */
  section: string;
  /** shared/archive.ts entryKinds */
  kind: string | null;
  title: string;
  entry_date: string;
  body: string | null;
  amount: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface KvTable {
  key: string;
  value: string;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;

export interface DutyAssignmentsTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  shift_code: string;
  shift_name: string;
  department: string;
  at_center: number;
  handover: number;
  staff_id: number;
  date: string;
  /** normal | summer */
  season: string;
  starts_at: string;
  ends_at: string;
  break_start_at: string | null;
  break_end_at: string | null;
  note: string | null;
  check_in_at: string | null;
  late_minutes: number | null;
  check_out_at: string | null;
  closed_at: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  created_by: number;
  created_at: string;
}

export interface DutyLogEntriesTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  assignment_id: number | null;
  /** call | visit | control_room | other */
  kind: string;
  occurred_at: string;
  night: number;
  unit_id: number | null;
  caller_name: string | null;
  caller_phone: string | null;
  description: string;
  /** open | handled | converted */
  status: string;
  action_taken: string | null;
  dispatched_to: number | null;
  dispatched_at: string | null;
  ticket_id: number | null;
  converted_by: number | null;
  converted_at: string | null;
  recorded_by: number;
  created_at: string;
}

export interface DutyHandoversTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  assignment_id: number;
  outgoing_id: number;
  incoming_id: number;
  incoming_assignment_id: number | null;
  equipment: string | null;
  keys: string | null;
  records: string | null;
  notes: string | null;
  outgoing_signed_at: string | null;
  incoming_signed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface DutyHandoverItemsTable {
  id: Generated<number>;
  handover_id: number;
  project_id: number;
  ticket_id: number | null;
  log_entry_id: number | null;
  description: string;
  done_at: string | null;
  done_by: number | null;
}

export interface DutyStandInsTable {
  id: Generated<number>;
  project_id: number;
  assignment_id: number;
  guard_id: number;
  reason: string;
  started_at: string;
  ended_at: string | null;
  recorded_by: number;
  created_at: string;
}

export interface RateLimitsTable {
  key: string;
  window_start_ms: number;
  count: number;
}
