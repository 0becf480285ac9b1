import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/database.ts';
import type { DialectHelpers } from '../db/dialect.ts';
import type { Permission, RoleCode } from '../../shared/permissions.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './events.ts';

export interface StaffActor {
  kind: 'staff';
  id: number;
  companyId: number;
  username: string;
  name: string;
  roles: RoleCode[];
  permissions: ReadonlySet<Permission>;
  /** Leadership and administrators see every project of the company. */
  allProjects: boolean;
  projectIds: number[];
  mustChangePassword: boolean;
}

export interface ResidentActor {
  kind: 'resident';
  id: number;
  customerId: number;
  companyId: number;
  name: string;
  phone: string;
  /** The customer records whose households the resident may see. */
  customerIds: number[];
}

export type Actor = StaffActor | ResidentActor;

/** What every service call receives: the data access, the time, and who is asking. */
export interface ServiceContext {
  db: Db;
  dialect: DialectHelpers;
  clock: Clock;
  actor: Actor;
  ip?: string;
  log?: FastifyBaseLogger;
  /** Live events are published here after commit; absent in plain service tests. */
  bus?: EventBus;
}

/** Long-lived dependencies of the app, built once at start. */
export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  bus: EventBus;
}
