/**
 * GET /api/facts: what the modules publish for the staff assessment, per person and month, with the
 * records behind each count. Whoever may read staff records sees everyone's; a person sees their own.
 */
import type { z } from 'zod';
import type { Fact, factsQuery } from '../../../shared/facts.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { collectFacts, factCodes, factContext, type FactProvider } from '../../platform/facts.ts';
import { assertProjectAccess, requireStaff } from '../../platform/permissions.ts';

export async function listFacts(
  ctx: ServiceContext,
  providers: readonly FactProvider[],
  query: z.infer<typeof factsQuery>,
): Promise<{ month: string; items: Fact[] }> {
  const actor = requireStaff(ctx.actor);
  assertProjectAccess(actor, query.projectId);
  const everyone = actor.permissions.has('staff.read');
  if (query.staffId !== undefined && query.staffId !== actor.id && !everyone) throw forbidden('You may see only your own facts');
  const c = await factContext(ctx.db, actor.companyId, query.projectId, query.month, ctx.clock.now());
  const items = await collectFacts(c, providers, { staffId: everyone ? query.staffId : actor.id });
  return { month: query.month, items };
}

export function listFactCodes(ctx: ServiceContext, providers: readonly FactProvider[]) {
  requireStaff(ctx.actor);
  return { items: factCodes(providers) };
}
