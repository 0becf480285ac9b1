import type { Kysely } from 'kysely';
import type { DialectHelpers } from '../dialect.ts';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_calendar.ts';
import * as m0003 from './0003_service_desk.ts';
import * as m0004 from './0004_ticket_details.ts';
import * as m0005 from './0005_report_indexes.ts';
import * as m0006 from './0006_duty.ts';
import * as m0007 from './0007_archive.ts';
import * as m0008 from './0008_engagement.ts';
import * as m0009 from './0009_shared_limits.ts';
import * as m0010 from './0010_record_events.ts';
import * as m0011 from './0011_files.ts';
import * as m0012 from './0012_obligation_reminders.ts';

export interface Migration {
  name: string;
  up(db: Kysely<any>, d: DialectHelpers): Promise<void>;
}

/** One ordered list for both databases. Append only; never edit a migration that has shipped. */
export const migrations: Migration[] = [
  { name: '0001_foundation', up: m0001.up },
  { name: '0002_calendar', up: m0002.up },
  { name: '0003_service_desk', up: m0003.up },
  { name: '0004_ticket_details', up: m0004.up },
  { name: '0005_report_indexes', up: m0005.up },
  { name: '0006_duty', up: m0006.up },
  { name: '0007_archive', up: m0007.up },
  { name: '0008_engagement', up: m0008.up },
  { name: '0009_shared_limits', up: m0009.up },
  { name: '0010_record_events', up: m0010.up },
  { name: '0011_files', up: m0011.up },
  { name: '0012_obligation_reminders', up: m0012.up },
];
