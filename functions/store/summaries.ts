import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, strip } from './db.ts';
import { key } from './keys.ts';

/** A founder's row on their municipality's dashboard (TENANT#<t> / LEARNER#<u>), kept by every progress write. */
export interface LearnerSummary {
  userId: string;
  name: string;
  cohortId: string | null;
  joinedAt: string;
  completedLessons: number;
  completedModules: string[];
  areaModules: Record<string, number>;
  lastActiveAt: string | null;
  remindedAt?: string | null;
}

/** One page of a tenant's founders, in one Query; `next` continues it. */
export async function listLearnerSummaries(db: Db, tenantId: string, page: { limit?: number; next?: Record<string, unknown> } = {}) {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': key.learnerSummary(tenantId, '').pk, ':s': key.learnerSummaryPrefix },
    Limit: page.limit ?? 100, ...(page.next ? { ExclusiveStartKey: page.next } : {}),
  }));
  return { items: (r.Items ?? []).map((i) => strip<LearnerSummary>(i)!), next: r.LastEvaluatedKey };
}

/**
 * Claims a reminder for this founder: only if nobody recorded one since `expected` (so two overlapping job runs never
 * both send). False when another run got there first.
 */
export async function claimReminder(db: Db, tenantId: string, userId: string, expected: string | null | undefined, at: string): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.learnerSummary(tenantId, userId), UpdateExpression: 'SET remindedAt = :at',
      ConditionExpression: expected ? 'remindedAt = :prev' : 'attribute_exists(pk) AND (attribute_not_exists(remindedAt) OR remindedAt = :null)',
      ExpressionAttributeValues: expected ? { ':at': at, ':prev': expected } : { ':at': at, ':null': null },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
