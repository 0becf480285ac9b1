/**
 * Every module of the app, in the order their routes are registered. A module is a folder under
 * modules/ with its routes, service, repository and tests; here it says what it registers with the
 * platform (obligations, facts, registers). A new module adds one line.
 */
import type { ModuleDefinition } from '../platform/modules.ts';
import { archiveFactProvider } from './archive/facts.ts';
import { archiveRoutes } from './archive/archive.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { customerRoutes } from './customers/customers.routes.ts';
import { dutyRoutes } from './duty/duty.routes.ts';
import { dutyFactProvider } from './duty/facts.service.ts';
import { dutyLogRegister } from './duty/registers.ts';
import { engagementRoutes } from './engagement/engagement.routes.ts';
import { engagementObligations } from './engagement/obligations.ts';
import { factRoutes } from './facts/facts.routes.ts';
import { fileRoutes } from '../platform/files.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { obligationRoutes } from './obligations/obligations.routes.ts';
import { policyRoutes } from './policies/policies.routes.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { propertyRoutes } from './property/property.routes.ts';
import { reportRoutes } from './reports/reports.routes.ts';
import { staffRoutes } from './staff/staff.routes.ts';
import { ticketFactProvider } from './tickets/facts.ts';
import { ticketRoutes } from './tickets/tickets.routes.ts';
import { ticketRegisters } from './tickets/registers.ts';
import { registerRoutes } from './registers/registers.routes.ts';

export const modules: ModuleDefinition[] = [
  { name: 'auth', routes: authRoutes },
  { name: 'portal', routes: portalRoutes },
  { name: 'property', routes: propertyRoutes },
  { name: 'customers', routes: customerRoutes },
  { name: 'staff', routes: staffRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'tickets', routes: ticketRoutes, facts: [ticketFactProvider], registers: ticketRegisters },
  { name: 'notifications', routes: notificationRoutes },
  { name: 'policies', routes: policyRoutes },
  { name: 'calendar', routes: calendarRoutes },
  { name: 'reports', routes: reportRoutes },
  { name: 'duty', routes: dutyRoutes, facts: [dutyFactProvider], registers: [dutyLogRegister] },
  { name: 'engagement', routes: engagementRoutes, obligations: engagementObligations },
  { name: 'archive', routes: archiveRoutes, facts: [archiveFactProvider] },
  { name: 'obligations', routes: obligationRoutes },
  { name: 'facts', routes: factRoutes },
  { name: 'files', routes: fileRoutes },
  { name: 'registers', routes: registerRoutes },
];
