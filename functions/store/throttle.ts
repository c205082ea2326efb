import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { busy, type Db, failedConditions } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface ThrottleSubject { kind: string; subjectHash: string; windowStart: number; windowSeconds: number; limit: number }

/** A window's item lives as long as a lock started inside it can last: to the end of the next window. */
const ttl = (s: ThrottleSubject) => ttlOf(new Date(s.windowStart + 2 * s.windowSeconds * 1000)) + 60;
const previous = (s: ThrottleSubject) => key.throttle(s.kind, s.subjectHash, s.windowStart - s.windowSeconds * 1000);
const current = (s: ThrottleSubject) => key.throttle(s.kind, s.subjectHash, s.windowStart);
const UNLOCKED = '(attribute_not_exists(lockedUntil) OR lockedUntil <= :now)';

/**
 * Reserves one attempt for every subject in one transaction, each conditional on being under its limit and not locked:
 * all or none. A lock (set by `lockIfFull`) is kept on the window item where it started and lasts at most one window,
 * so only this window's item and the previous one can hold a running lock.
 * Returns null when the attempt may go ahead, else the subject at its limit and the end of its lock when it has one.
 */
export async function reserveAttempt(db: Db, subjects: readonly ThrottleSubject[], now: number): Promise<{ blocked: number; lockedUntil?: number } | null> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: subjects.flatMap((s) => [
      { Update: {
        TableName: db.table, Key: current(s),
        UpdateExpression: 'ADD attempts :one SET #ttl = :ttl',
        ConditionExpression: `(attribute_not_exists(attempts) OR attempts < :limit) AND ${UNLOCKED}`,
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': ttl(s), ':limit': s.limit, ':now': now },
      } },
      { ConditionCheck: { TableName: db.table, Key: previous(s), ConditionExpression: UNLOCKED, ExpressionAttributeValues: { ':now': now } } },
    ]) }));
    return null;
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    const blocked = Math.floor(failed[0]! / 2);
    const s = subjects[blocked]!;
    // Refusals are the rare path: read the lock's end to say how long, rather than make every reservation return it.
    const items = await Promise.all([current(s), previous(s)].map((Key) => db.doc.send(new GetCommand({ TableName: db.table, Key, ConsistentRead: true }))));
    const ends = items.map((r) => r.Item?.lockedUntil as number | undefined).filter((u): u is number => u !== undefined && u > now);
    return ends.length > 0 ? { blocked, lockedUntil: Math.max(...ends) } : { blocked };
  }
}

/**
 * After a counted attempt (a failure, or any attempt where every one counts): when the window has reached its limit
 * and no lock is running yet, this attempt starts the lock, ending at `until`.
 */
export async function lockIfFull(db: Db, subjects: readonly ThrottleSubject[], until: (s: ThrottleSubject) => number): Promise<void> {
  await Promise.all(subjects.map((s) => db.doc.send(new UpdateCommand({
    TableName: db.table, Key: current(s),
    UpdateExpression: 'SET lockedUntil = :until',
    ConditionExpression: 'attempts >= :limit AND attribute_not_exists(lockedUntil)',
    ExpressionAttributeValues: { ':until': until(s), ':limit': s.limit },
  })).catch((e: unknown) => {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  })));
}

/** Gives reservations back (a successful sign-in): only failures count against the limits. */
export async function releaseAttempt(db: Db, subjects: readonly ThrottleSubject[]): Promise<void> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: subjects.map((s) => ({ Update: {
    TableName: db.table, Key: current(s),
    UpdateExpression: 'ADD attempts :minus', ConditionExpression: 'attempts > :zero',
    ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
  } })) })).catch((e: unknown) => {
    // A window that rolled over meanwhile has nothing to give back.
    if (failedConditions(e) === null) throw e;
  });
}
