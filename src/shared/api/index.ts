/**
 * Every operation of /api in one table (the modules' tables merged). The server checks at boot that
 * it registers exactly these, each with its entry as the route schema; the web client types its
 * calls with `ApiRoutes` (a type-only import).
 */
import { archiveOperations } from './archive.ts';
import { auditOperations } from './audit.ts';
import { authOperations } from './auth.ts';
import { calendarOperations } from './calendar.ts';
import type { Operation, RouteKey } from './contract.ts';
import { customerOperations } from './customers.ts';
import { dutyOperations } from './duty.ts';
import { engagementOperations } from './engagement.ts';
import { notificationOperations } from './notifications.ts';
import { platformOperations } from './platform.ts';
import { policyOperations } from './policies.ts';
import { portalOperations } from './portal.ts';
import { propertyOperations } from './property.ts';
import { reportOperations } from './reports.ts';
import { staffOperations } from './staff.ts';
import { ticketOperations } from './tickets.ts';

const tables = [
  authOperations,
  portalOperations,
  propertyOperations,
  customerOperations,
  staffOperations,
  auditOperations,
  ticketOperations,
  notificationOperations,
  policyOperations,
  calendarOperations,
  reportOperations,
  dutyOperations,
  engagementOperations,
  archiveOperations,
  platformOperations,
] as const;

type Merged<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? Head & Merged<Rest>
  : unknown;

function merge<T extends readonly object[]>(parts: T): Merged<T> {
  const all: Record<string, Operation> = {};
  for (const part of parts) {
    for (const [key, op] of Object.entries(part) as [RouteKey, Operation][]) {
      if (key in all) throw new Error(`${key} is declared twice in src/shared/api/`);
      all[key] = op;
    }
  }
  return all as Merged<T>;
}

export const apiRoutes = merge(tables);
export type ApiRoutes = typeof apiRoutes;
export type { HttpMethod, Operation, RouteKey } from './contract.ts';
