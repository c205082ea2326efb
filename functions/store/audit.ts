import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface AuditEntry { tenantId: string; at: string; actorId: string; action: string; subjectId?: string; detail?: Record<string, unknown> }

/** Audit entries are kept for five years, the evidence retention period. */
const AUDIT_YEARS = 5;

/** Records who looked at or exported whose personal data, in the tenant's partition (個人情報保護法: access is logged). */
export async function putAudit(db: Db, e: AuditEntry): Promise<void> {
  const expires = new Date(Date.parse(e.at) + AUDIT_YEARS * 366 * 86_400_000);
  await db.doc.send(new PutCommand({
    TableName: db.table, Item: { ...key.audit(e.tenantId, e.at, randomBytes(6).toString('base64url')), ...e, ttl: ttlOf(expires) },
  }));
}
