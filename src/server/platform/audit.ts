import { maskIdNumber, maskPhone } from '../../shared/mask.ts';
import type { Executor } from '../db/database.ts';
import type { ServiceContext } from './context.ts';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | number | null;
  projectId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const phoneKeys = new Set(['phone', 'contactPhone', 'mobile']);
const idKeys = new Set(['idNumber', 'id_number']);

/** The audit log itself must not become a copy of residents' numbers: they are stored masked. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string' && phoneKeys.has(key)) out[key] = maskPhone(v);
      else if (typeof v === 'string' && idKeys.has(key)) out[key] = maskIdNumber(v);
      else if (key === 'value' && typeof v === 'string' && 'kind' in (value as object)) out[key] = maskIdNumber(v);
      else if (key === 'passwordHash' || key === 'password_hash' || key === 'password') continue;
      else out[key] = maskPersonalData(v);
    }
    return out;
  }
  return value;
}

/**
 * Writes one audit entry. Call it with the transaction of the change it records, so the change and
 * its record commit or roll back together.
 */
export async function writeAudit(trx: Executor, ctx: Pick<ServiceContext, 'clock' | 'actor' | 'ip'>, record: AuditRecord): Promise<void> {
  const actor = ctx.actor;
  await trx
    .insertInto('audit_log')
    .values({
      at: ctx.clock.now().toISOString(),
      company_id: actor.companyId,
      project_id: record.projectId ?? null,
      actor_kind: actor.kind,
      actor_id: actor.id,
      action: record.action,
      entity: record.entity,
      entity_id: record.entityId == null ? null : String(record.entityId),
      before_json: record.before === undefined ? null : JSON.stringify(maskPersonalData(record.before)),
      after_json: record.after === undefined ? null : JSON.stringify(maskPersonalData(record.after)),
      reason: record.reason ?? null,
      ip: ctx.ip ?? null,
    })
    .execute();
}
