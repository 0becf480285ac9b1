import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables created by migrations/. Timestamps are ISO text, booleans 0/1. */
export interface DB {
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

export interface KvTable {
  key: string;
  value: string;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;
