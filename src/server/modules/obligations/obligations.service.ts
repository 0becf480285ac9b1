/**
 * The obligations of a project over a stretch of days (the calendar view): every rule the modules
 * registered, per owner and period, with its state. A person without `staff.read` sees their own
 * obligations and those the project owes.
 */
import type { z } from 'zod';
import type { ObligationRow, obligationsQuery } from '../../../shared/obligations.ts';
import { daysBetween, periodOf } from '../../../shared/periods.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { evaluateObligations, obligationContext, type ObligationDefinition } from '../../platform/obligations.ts';
import { assertProjectAccess, requireStaff } from '../../platform/permissions.ts';

const MAX_DAYS = 400;

export async function listObligations(
  ctx: ServiceContext,
  definitions: readonly ObligationDefinition[],
  query: z.infer<typeof obligationsQuery>,
): Promise<{ from: string; to: string; items: ObligationRow[] }> {
  const actor = requireStaff(ctx.actor);
  assertProjectAccess(actor, query.projectId);
  const everyone = actor.permissions.has('staff.read');
  if (query.staffId !== undefined && query.staffId !== actor.id && !everyone) throw forbidden('You may see only your own obligations');
  const c = await obligationContext(ctx.db, actor.companyId, query.projectId, ctx.clock.now());
  const from = query.from ?? periodOf('month', c.today).from;
  const to = query.to ?? periodOf('month', from).to;
  if (to < from) throw invalid('to', 'must not be before from');
  if (daysBetween(from, to) > MAX_DAYS) throw invalid('to', `must be at most ${MAX_DAYS} days after from`);
  const codes = query.codes
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = codes?.find((code) => !definitions.some((d) => d.code === code));
  if (unknown) throw invalid('codes', `has an unknown rule ${unknown}`);
  const rows = await evaluateObligations(c, definitions, { from, to }, { codes, staffId: query.staffId });
  const items = everyone ? rows : rows.filter((r) => r.owner.kind === 'project' || r.owner.id === actor.id);
  return { from, to, items };
}

export function listRules(ctx: ServiceContext, definitions: readonly ObligationDefinition[]) {
  requireStaff(ctx.actor);
  return { items: definitions.map((d) => ({ code: d.code, module: d.module, label: d.label, unit: d.unit })) };
}
