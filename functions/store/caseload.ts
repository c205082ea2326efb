import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { busy, type Db, failedConditions } from './db.ts';
import { gsi, key } from './keys.ts';

export interface CaseEntry { advisorId: string; tenantId: string; userId: string; attachedAt: string; attachedBy: string }

/**
 * Attaches a founder to an advisor: the advisor's caseload entry and the advisor in the founder's summary (a string
 * set, where the policy reads it), together. False when the founder has no summary in that tenant.
 */
export async function attachFounder(db: Db, e: CaseEntry): Promise<boolean> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: db.table, Item: { ...key.caseEntry(e.advisorId, e.tenantId, e.userId), ...e } } },
      { Update: {
        TableName: db.table, Key: key.learnerSummary(e.tenantId, e.userId),
        UpdateExpression: 'ADD advisorIds :a',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':a': new Set([e.advisorId]) },
      } },
    ] }));
    return true;
  } catch (err) {
    const failed = failedConditions(err);
    if (failed === null) throw err;
    if (failed === 'busy') throw busy();
    return false;
  }
}

/** Detaches a founder from an advisor: both sides together; the advisor loses access at once. */
export async function detachFounder(db: Db, o: { advisorId: string; tenantId: string; userId: string }): Promise<void> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: [
    { Delete: { TableName: db.table, Key: key.caseEntry(o.advisorId, o.tenantId, o.userId) } },
    { Update: {
      TableName: db.table, Key: key.learnerSummary(o.tenantId, o.userId), UpdateExpression: 'DELETE advisorIds :a',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':a': new Set([o.advisorId]) },
    } },
  ] })).catch((e: unknown) => {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
  });
}

/** One page of an advisor's caseload across every municipality they serve (one Query). */
export async function listCaseload(db: Db, advisorId: string, page: { limit?: number; next?: Record<string, unknown> } = {}) {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p',
    ExpressionAttributeValues: { ':p': key.caseloadPartition(advisorId) },
    Limit: page.limit ?? 100, ...(page.next ? { ExclusiveStartKey: page.next } : {}),
  }));
  return { items: (r.Items ?? []).map((i) => ({ tenantId: String(i.tenantId), userId: String(i.userId) })), next: r.LastEvaluatedKey };
}

/** The people who hold the advisor role in a municipality (gsi1 of memberships), their user ids. */
export async function listAdvisorIds(db: Db, tenantId: string): Promise<string[]> {
  return listRoleHolderIds(db, tenantId, 'advisor');
}

/** The people who hold a role in a municipality (gsi1 of memberships), their user ids. */
export async function listRoleHolderIds(db: Db, tenantId: string, role: 'advisor' | 'staff'): Promise<string[]> {
  const out: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': gsi.roleInTenant(tenantId, role) }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => String(i.userId)));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/** An advisor's founders in one municipality (one Query of the advisor's partition, by prefix). */
export async function listCaseInTenant(db: Db, advisorId: string, tenantId: string): Promise<string[]> {
  const out: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': key.caseloadPartition(advisorId), ':s': `CASE#${tenantId}#` }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => String(i.userId)));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}
