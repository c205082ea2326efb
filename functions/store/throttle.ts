import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { busy, type Db, failedConditions } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface ThrottleSubject { kind: string; subjectHash: string; windowStart: number; windowSeconds: number; limit: number }

const ttl = (s: ThrottleSubject) => ttlOf(new Date(s.windowStart + s.windowSeconds * 1000)) + 60;

/**
 * Reserves one attempt for every subject in one transaction, each conditional on being under its limit: all or none.
 * Returns the index of a subject at its limit, or -1 when the attempt may go ahead.
 */
export async function reserveAttempt(db: Db, subjects: readonly ThrottleSubject[]): Promise<number> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: subjects.map((s) => ({ Update: {
      TableName: db.table, Key: key.throttle(s.kind, s.subjectHash, s.windowStart),
      UpdateExpression: 'ADD attempts :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': ttl(s), ':limit': s.limit },
    } })) }));
    return -1;
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    return failed[0]!;
  }
}

/** Gives reservations back (a successful sign-in): only failures count against the limits. */
export async function releaseAttempt(db: Db, subjects: readonly ThrottleSubject[]): Promise<void> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: subjects.map((s) => ({ Update: {
    TableName: db.table, Key: key.throttle(s.kind, s.subjectHash, s.windowStart),
    UpdateExpression: 'ADD attempts :minus', ConditionExpression: 'attempts > :zero',
    ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
  } })) })).catch((e: unknown) => {
    // A window that rolled over meanwhile has nothing to give back.
    if (failedConditions(e) === null) throw e;
  });
}
