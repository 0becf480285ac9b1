import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';

/**
 * Customer engagement (SPEC §5): visits with their record form, requests and photos; owners'
 * forums with the actions decided; satisfaction surveys with one response per household.
 */
export async function up(db: Kysely<any>, d: DialectHelpers): Promise<void> {
  await d
    .id(db.schema.createTable('visits'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    /** household | contact */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    /** planned | done | cancelled */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('purpose', 'text')
    .addColumn('planned_at', 'text')
    .addColumn('visited_at', 'text')
    /** The local day of the visit: quotas count by the project's calendar month. */
    .addColumn('visit_date', 'text')
    .addColumn('opinions', 'text')
    .addColumn('explanations', 'text')
    .addColumn('escalated', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_project_idx').on('visits').columns(['project_id', 'id']).execute();
  await db.schema.createIndex('visits_staff_date_idx').on('visits').columns(['staff_id', 'visit_date']).execute();
  await db.schema.createIndex('visits_unit_idx').on('visits').columns(['unit_id', 'visit_date']).execute();

  await d
    .id(db.schema.createTable('visit_requests'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('ticket_type', 'text')
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addUniqueConstraint('visit_requests_seq_uq', ['visit_id', 'seq'])
    .execute();
  await db.schema.createIndex('visit_requests_ticket_idx').on('visit_requests').column('ticket_id').execute();

  await d
    .id(db.schema.createTable('visit_photos'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', d.blobType, (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_photos_visit_idx').on('visit_photos').column('visit_id').execute();

  await d
    .id(db.schema.createTable('forums'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('attendees', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('minutes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forums_project_idx').on('forums').columns(['project_id', 'held_on']).execute();

  await d
    .id(db.schema.createTable('forum_actions'))
    .addColumn('forum_id', 'integer', (c) => c.notNull().references('forums.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('due_date', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer')
    .execute();
  await db.schema.createIndex('forum_actions_forum_idx').on('forum_actions').column('forum_id').execute();

  await d
    .id(db.schema.createTable('surveys'))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('companies.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text')
    /** draft | open | closed */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON array of building ids; [] = the whole project. */
    .addColumn('building_ids_json', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_project_idx').on('surveys').columns(['project_id', 'id']).execute();

  await d
    .id(db.schema.createTable('survey_questions'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text')
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('survey_questions_seq_uq', ['survey_id', 'seq'])
    .execute();

  // One response per household and survey, whether answered in the portal or keyed in from paper.
  await d
    .id(db.schema.createTable('survey_responses'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_household_uq', ['survey_id', 'unit_id'])
    .execute();

  await d
    .id(db.schema.createTable('survey_answers'))
    .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('question_id', 'integer', (c) => c.notNull().references('survey_questions.id'))
    .addColumn('rating', 'integer')
    .addColumn('choice', 'text')
    .addColumn('text', 'text')
    .execute();
  await db.schema.createIndex('survey_answers_question_idx').on('survey_answers').columns(['question_id', 'rating']).execute();
  await db.schema.createIndex('survey_answers_response_idx').on('survey_answers').column('response_id').execute();
}
