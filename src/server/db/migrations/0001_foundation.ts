import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/** Organisation, property, people, customers, sessions and audit (SPEC §1, §2 first half). */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('companies'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await d
    .id(db.schema.createTable('projects'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('projects_company_code_uq', ['company_id', 'code'])
    .execute();

  await d
    .id(db.schema.createTable('departments'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('departments_project_idx').on('departments').column('project_id').execute();

  await d
    .id(db.schema.createTable('buildings'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('floors', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('buildings_project_code_uq', ['project_id', 'code'])
    .execute();

  await d
    .id(db.schema.createTable('entrances'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('entrances_building_code_uq', ['building_id', 'code'])
    .execute();

  await d
    .id(db.schema.createTable('units'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
    .addColumn('entrance_id', 'integer', (c) => c.references('entrances.id'))
    .addColumn('floor', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('area_m2', 'double precision', (c) => c.notNull())
    .addColumn('use', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('units_project_code_uq', ['project_id', 'code'])
    .execute();
  await db.schema.createIndex('units_building_idx').on('units').columns(['building_id', 'floor']).execute();

  await d
    .id(db.schema.createTable('public_places'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_places_project_idx').on('public_places').column('project_id').execute();

  await d
    .id(db.schema.createTable('roles'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('all_projects', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await d
    .id(db.schema.createTable('staff'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('employee_no', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('position', 'text')
    .addColumn('hire_date', 'text')
    .addColumn('probation_end', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('staff_company_employee_no_uq', ['company_id', 'employee_no'])
    .execute();

  await db.schema
    .createTable('staff_roles')
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('role_id', 'integer', (c) => c.notNull().references('roles.id'))
    .addPrimaryKeyConstraint('staff_roles_pk', ['staff_id', 'role_id'])
    .execute();

  await db.schema
    .createTable('staff_projects')
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addPrimaryKeyConstraint('staff_projects_pk', ['staff_id', 'project_id'])
    .execute();
  await db.schema.createIndex('staff_projects_project_idx').on('staff_projects').column('project_id').execute();

  await d
    .id(db.schema.createTable('responsibility_areas'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('main_responsible_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('deputy_responsible_id', 'integer', (c) => c.references('staff.id'))
    .execute();

  await db.schema
    .createTable('responsibility_area_buildings')
    .addColumn('area_id', 'integer', (c) => c.notNull().references('responsibility_areas.id').onDelete('cascade'))
    .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
    .addPrimaryKeyConstraint('responsibility_area_buildings_pk', ['area_id', 'building_id'])
    .execute();

  await d
    .id(db.schema.createTable('customers'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('phone', 'text')
    .addColumn('id_type', 'text')
    .addColumn('id_number', 'text')
    .addColumn('org_legal_rep', 'text')
    .addColumn('org_contact_person', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_project_idx').on('customers').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('customers_phone_idx').on('customers').column('phone').execute();

  await d
    .id(db.schema.createTable('customer_contacts'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .execute();
  await db.schema.createIndex('customer_contacts_customer_idx').on('customer_contacts').column('customer_id').execute();

  await d
    .id(db.schema.createTable('emergency_contacts'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text')
    .addColumn('phone', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emergency_contacts_customer_idx').on('emergency_contacts').column('customer_id').execute();

  await d
    .id(db.schema.createTable('occupancies'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('move_in_date', 'text')
    .addColumn('move_out_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('occupancies_unit_idx').on('occupancies').column('unit_id').execute();
  await db.schema.createIndex('occupancies_customer_idx').on('occupancies').column('customer_id').execute();

  await d
    .id(db.schema.createTable('resident_accounts'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('phone', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_subject_idx').on('sessions').columns(['subject_kind', 'subject_id']).execute();

  await d
    .id(db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('company_id', 'integer')
    .addColumn('project_id', 'integer')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('reason', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_project_idx').on('audit_log').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();

  await db.schema
    .createTable('kv')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
