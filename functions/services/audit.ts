import { type AuditEntry, putAudit } from '../store/audit.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { tenantSettings } from './settings.ts';

/** Writes an audit entry with the actor's name, kept for the municipality's retention period. */
export async function audit(deps: Deps, auth: Authenticated, e: Omit<AuditEntry, 'at' | 'actorId' | 'actorName'>, retentionYears?: number): Promise<void> {
  const years = retentionYears ?? (await tenantSettings(deps, e.tenantId)).auditRetentionYears;
  await putAudit(deps.db, { ...e, at: deps.clock().toISOString(), actorId: auth.user.id, actorName: auth.user.name }, years);
}

