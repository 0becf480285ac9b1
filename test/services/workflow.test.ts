/**
 * The workflow table, walked whole: every status × type × kind of caller (each role, and the resident
 * whose ticket it is), with the ticket unassigned or assigned to the technician. What a ticket offers
 * its caller (`actions`) must be exactly what the server then accepts — every action is tried, and
 * rolled back, on the same ticket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/platform/errors.ts';
import { FixedClock } from '../../src/server/platform/clock.ts';
import type { ServiceContext } from '../../src/server/platform/context.ts';
import { getTicket } from '../../src/server/modules/tickets/tickets.service.ts';
import { transitionTicket } from '../../src/server/modules/tickets/workflow.service.ts';
import { ticketActions, ticketStatuses, type TicketAction } from '../../src/shared/workflow.ts';
import type { TransitionBody } from '../../src/shared/tickets.ts';
import type { RoleCode } from '../../src/shared/permissions.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { adminContext, makeCustomer, makeProject, makeStaff, makeTicket, residentContext } from '../helpers/factories.ts';

const roles: RoleCode[] = ['leader', 'director', 'supervisor', 'frontdesk', 'butler', 'tech', 'control', 'security', 'finance', 'hr'];

/** Kinds of ticket: the six types, and complaints that still lack something before they can be resolved. */
const variants = [
  { name: 'repair', type: 'repair' },
  { name: 'complaint', type: 'complaint' },
  { name: 'inquiry', type: 'inquiry' },
  { name: 'help', type: 'help' },
  { name: 'suggestion', type: 'suggestion' },
  { name: 'praise', type: 'praise' },
  { name: 'major complaint, not reported', type: 'complaint', major: true },
  { name: 'written complaint, no reply', type: 'complaint', written: true },
] as const;

class Rollback extends Error {}

let test: TestDatabase;
let clock: FixedClock;
let callers: { name: string; ctx: ServiceContext }[];
let techId: number;
let projectId: number;
let unitId: number;
let desk: ServiceContext;
let admin: ServiceContext;

beforeAll(async () => {
  test = await createTestDatabase();
  clock = new FixedClock(new Date('2026-11-20T02:00:00.000Z'));
  admin = await adminContext(test.database, clock);
  const { project, units } = await makeProject(admin);
  projectId = project.id;
  unitId = units[0].id;
  callers = [{ name: 'admin', ctx: admin }];
  for (const role of roles) {
    const { staff, ctx } = await makeStaff(admin, project.id, role, role === 'tech' ? { department: 'maintenance' } : {});
    callers.push({ name: role, ctx });
    if (role === 'tech') techId = staff.id;
    if (role === 'frontdesk') desk = ctx;
  }
  const owner = await makeCustomer(desk, project.id, unitId);
  callers.push({ name: 'resident (owner)', ctx: residentContext(desk, owner) });
  (globalThis as { ownerId?: number }).ownerId = owner.id;
}, 120_000);

afterAll(() => test?.close());

function bodyOf(action: TicketAction, resident: boolean): TransitionBody {
  switch (action) {
    case 'dispatch':
      return { action, assigneeId: techId };
    case 'pause':
    case 'reopen':
    case 'cancel':
      return { action, reason: '测试' };
    case 'resolve':
      return { action, resolution: '已处理' };
    case 'return_visit':
      return { action, satisfaction: 'satisfied', method: resident ? 'portal' : 'phone' };
    default:
      return { action } as TransitionBody;
  }
}

/** Tries an action on the ticket and rolls it back: true when accepted, false when refused with 403 or 409. */
async function accepted(ctx: ServiceContext, id: number, body: TransitionBody): Promise<boolean> {
  let ok = false;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await transitionTicket(ctx, id, body, { trx, live: [] });
      ok = true;
      throw new Rollback();
    });
  } catch (err) {
    if (err instanceof Rollback) return ok;
    if (err instanceof AppError && (err.status === 403 || err.status === 404 || err.status === 409)) return false;
    throw err;
  }
  return ok;
}

async function offered(ctx: ServiceContext, id: number): Promise<TicketAction[]> {
  try {
    return (await getTicket(ctx, id)).actions;
  } catch (err) {
    // A caller who cannot see the ticket is offered nothing.
    if (err instanceof AppError && (err.status === 403 || err.status === 404)) return [];
    throw err;
  }
}

describe('the workflow table: offered = accepted', () => {
  it('over every status × type × caller, unassigned and assigned to the technician', async () => {
    const ownerId = (globalThis as { ownerId?: number }).ownerId!;
    const disagreements: string[] = [];
    let tried = 0;
    const offeredCount = new Map<TicketAction, number>();
    for (const variant of variants) {
      for (const status of ticketStatuses) {
        for (const assignee of [null, techId]) {
          const t = await makeTicket(desk, {
            projectId,
            type: variant.type,
            unitId,
            customerId: ownerId,
            written: 'written' in variant ? variant.written : undefined,
            description: `测试工单 ${variant.name} ${status}`,
          });
          await test.database.db
            .updateTable('tickets')
            .set({ status, assignee_id: assignee, major: 'major' in variant ? 1 : 0 })
            .where('id', '=', t.id)
            .execute();
          for (const caller of callers) {
            const offer = await offered(caller.ctx, t.id);
            for (const action of ticketActions) {
              const ok = await accepted(caller.ctx, t.id, bodyOf(action, caller.ctx.actor.kind === 'resident'));
              tried++;
              if (ok !== offer.includes(action))
                disagreements.push(
                  `${caller.name} ${action} on ${variant.name} ${status}${assignee ? ' (assigned to tech)' : ''}: offered ${offer.includes(action)}, accepted ${ok}`,
                );
              if (ok) offeredCount.set(action, (offeredCount.get(action) ?? 0) + 1);
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    // The walk is real: every action was accepted somewhere, and far from everywhere.
    expect(tried).toBe(variants.length * ticketStatuses.length * 2 * callers.length * ticketActions.length);
    for (const action of ticketActions) expect(offeredCount.get(action) ?? 0, action).toBeGreaterThan(0);
    console.log(`[workflow] ${tried} attempts, ${[...offeredCount.values()].reduce((a, b) => a + b, 0)} accepted`);
  }, 600_000);

  it('settles the cases the web and the server used to disagree on', async () => {
    const ownerId = (globalThis as { ownerId?: number }).ownerId!;
    const byName = (name: string) => callers.find((c) => c.name === name)!.ctx;
    // An unassigned new inquiry: the butler and the technician are not offered "resolve" (they would be refused).
    const inquiry = await makeTicket(desk, { projectId, type: 'inquiry', description: '垃圾分类时间是几点' });
    expect((await getTicket(byName('butler'), inquiry.id)).actions).not.toContain('resolve');
    expect((await getTicket(byName('tech'), inquiry.id)).actions).not.toContain('resolve');
    // A new repair: the front desk is offered "resolve" (settled on the phone), which the server allows.
    const repair = await makeTicket(desk, { projectId, unitId, customerId: ownerId });
    expect((await getTicket(desk, repair.id)).actions).toContain('resolve');
    // A major complaint not yet reported: resolve is blocked, naming what to complete.
    const major = await makeTicket(desk, { projectId, type: 'complaint', unitId, description: '家里被盗了，门锁被撬' });
    const seen = await getTicket(desk, major.id);
    expect(seen.major).toBe(true);
    expect(seen.actions).not.toContain('resolve');
    expect(seen.blockedActions).toContainEqual(expect.objectContaining({ action: 'resolve', field: 'checklist.report' }));
  });
});
