import type { Generated } from 'kysely';

/** Tables of migration 0008_engagement (visits, owners' forums, satisfaction surveys). */
export interface EngagementTables {
  visits: VisitsTable;
  visit_requests: VisitRequestsTable;
  forums: ForumsTable;
  forum_actions: ForumActionsTable;
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
}

export interface VisitsTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  kind: string;
  method: string;
  status: string;
  staff_id: number;
  unit_id: number | null;
  customer_id: number | null;
  purpose: string | null;
  planned_at: string | null;
  visited_at: string | null;
  visit_date: string | null;
  opinions: string | null;
  explanations: string | null;
  escalated: string | null;
  created_at: string;
  updated_at: string;
}

export interface VisitRequestsTable {
  id: Generated<number>;
  visit_id: number;
  seq: number;
  description: string;
  ticket_type: string | null;
  ticket_id: number | null;
}

export interface ForumsTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  held_on: string;
  title: string;
  venue: string | null;
  attendees: number;
  minutes: string;
  created_by: number;
  created_at: string;
}

export interface ForumActionsTable {
  id: Generated<number>;
  forum_id: number;
  seq: number;
  description: string;
  owner_staff_id: number | null;
  due_date: string | null;
  done_at: string | null;
  done_by: number | null;
}

export interface SurveysTable {
  id: Generated<number>;
  company_id: number;
  project_id: number;
  title: string;
  intro: string | null;
  status: string;
  building_ids_json: string;
  opened_at: string | null;
  closed_at: string | null;
  created_by: number;
  created_at: string;
}

export interface SurveyQuestionsTable {
  id: Generated<number>;
  survey_id: number;
  seq: number;
  kind: string;
  text: string;
  dimension: string | null;
  options_json: string;
  required: number;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  project_id: number;
  unit_id: number;
  customer_id: number | null;
  channel: string;
  entered_by: number | null;
  created_at: string;
}

export interface SurveyAnswersTable {
  id: Generated<number>;
  response_id: number;
  question_id: number;
  rating: number | null;
  choice: string | null;
  text: string | null;
}
