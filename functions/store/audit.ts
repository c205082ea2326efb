import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, strip } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface AuditEntry { tenantId: string; at: string; actorId: string; actorName?: string; action: string; subjectId?: string; subjectName?: string; detail?: Record<string, unknown> }

/**
 * Records who looked at, changed or exported whose personal data, in the tenant's partition (個人情報保護法: access is
 * logged). Kept for the municipality's retention period (default five years, the evidence retention), then expired by TTL.
 */
export async function putAudit(db: Db, e: AuditEntry, retentionYears = 5): Promise<void> {
  const expires = new Date(Date.parse(e.at) + retentionYears * 366 * 86_400_000);
  await db.doc.send(new PutCommand({
    TableName: db.table, Item: { ...key.audit(e.tenantId, e.at, randomBytes(6).toString('base64url')), ...e, ttl: ttlOf(expires) },
  }));
}

/** One page of a municipality's audit log, newest first (one Query of its AUDIT# items). */
export async function listAudit(db: Db, tenantId: string, page: { limit: number; next?: Record<string, unknown> }) {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':s': key.auditPrefix }, ScanIndexForward: false,
    Limit: page.limit, ...(page.next ? { ExclusiveStartKey: page.next } : {}),
  }));
  return { items: (r.Items ?? []).map((i) => strip<AuditEntry>(i)!), next: r.LastEvaluatedKey };
}
