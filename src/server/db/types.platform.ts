import type { Generated } from 'kysely';

/** Tables of the platform kits shared by every module (migrations 0010 and later). */
export interface PlatformTables {
  record_events: RecordEventsTable;
  obligation_reminders: ObligationRemindersTable;
}

/** The timeline of a record with a guarded workflow (platform/timeline.ts). */
export interface RecordEventsTable {
  id: Generated<number>;
  /** The kind of record (decoration_permit, key_loan …). */
  entity: string;
  entity_id: number;
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: number | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  payload_json: string | null;
}

/** One reminder sent about an obligation (platform/obligations.ts). */
export interface ObligationRemindersTable {
  id: Generated<number>;
  project_id: number;
  code: string;
  owner_key: string;
  period_key: string;
  /** due_soon | missed */
  kind: string;
  sent_at: string;
}
