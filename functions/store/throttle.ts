import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface ThrottleSubject { kind: string; subjectHash: string; windowStart: number; windowSeconds: number }

/** Failure counts for several subjects in one request. */
export async function getFailureCounts(db: Db, subjects: readonly ThrottleSubject[]): Promise<number[]> {
  const keys = subjects.map((s) => key.throttle(s.kind, s.subjectHash, s.windowStart));
  const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys } } }));
  const items = r.Responses?.[db.table] ?? [];
  return keys.map((k) => Number(items.find((i) => i.pk === k.pk && i.sk === k.sk)?.failures ?? 0));
}

export async function recordFailure(db: Db, s: ThrottleSubject): Promise<void> {
  await db.doc.send(new UpdateCommand({
    TableName: db.table, Key: key.throttle(s.kind, s.subjectHash, s.windowStart),
    UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
    ExpressionAttributeNames: { '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':ttl': ttlOf(new Date(s.windowStart + s.windowSeconds * 1000)) + 60 },
  }));
}
