import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { busy, type Db, failedConditions } from './db.ts';
import { key } from './keys.ts';

/**
 * A person's two-factor sign-in (USER#<u> / MFA#TOTP). The secret must be readable to check codes; the table is
 * encrypted at rest and only the API function may read it. Recovery codes are kept as SHA-256 hashes only.
 */
export interface TotpRecord {
  /** The enabled secret (base32); absent until the first code is confirmed. */
  secret?: string;
  /** A secret shown for enrolment, not yet confirmed with a code. */
  pendingSecret?: string;
  enabledAt?: string;
  /** The newest 30-second step accepted: a code of this step or an older one is a replay. */
  lastStep: number;
  recoveryHashes: string[];
}

export async function getTotp(db: Db, userId: string): Promise<TotpRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.totp(userId), ConsistentRead: true }));
  if (!r.Item) return undefined;
  return {
    ...(r.Item.secret ? { secret: r.Item.secret as string } : {}),
    ...(r.Item.pendingSecret ? { pendingSecret: r.Item.pendingSecret as string } : {}),
    ...(r.Item.enabledAt ? { enabledAt: r.Item.enabledAt as string } : {}),
    lastStep: (r.Item.lastStep as number | undefined) ?? 0,
    recoveryHashes: r.Item.recovery ? [...(r.Item.recovery as Set<string>)] : [],
  };
}

/** Starts (or restarts) an enrolment: only while two-factor sign-in is not on. False when it is already on. */
export async function putPendingTotp(db: Db, userId: string, pendingSecret: string): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({
      TableName: db.table, Item: { ...key.totp(userId), pendingSecret, lastStep: 0 }, ConditionExpression: 'attribute_not_exists(secret)',
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Turns it on with the confirmed pending secret, its first step and the recovery codes' hashes, and marks the profile. */
export async function enableTotp(db: Db, userId: string, o: { secret: string; step: number; recoveryHashes: string[]; at: string }): Promise<boolean> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [
      { Update: {
        TableName: db.table, Key: key.totp(userId),
        UpdateExpression: 'SET secret = :s, enabledAt = :at, lastStep = :step, recovery = :r REMOVE pendingSecret',
        ConditionExpression: 'pendingSecret = :s AND attribute_not_exists(secret)',
        ExpressionAttributeValues: { ':s': o.secret, ':at': o.at, ':step': o.step, ':r': new Set(o.recoveryHashes) },
      } },
      { Update: { TableName: db.table, Key: key.user(userId), UpdateExpression: 'SET totpEnabledAt = :at', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':at': o.at } } },
    ] }));
    return true;
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    return false;
  }
}

/** Accepts a code's step once: false when this step (or a newer one) was already used — a replayed code. */
export async function useTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.totp(userId), UpdateExpression: 'SET lastStep = :s',
      ConditionExpression: 'attribute_exists(secret) AND lastStep < :s', ExpressionAttributeValues: { ':s': step },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Uses a recovery code up (by its hash): false when it is not one of the person's unused codes. */
export async function useRecoveryCode(db: Db, userId: string, hash: string): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.totp(userId), UpdateExpression: 'DELETE recovery :h',
      ConditionExpression: 'contains(recovery, :c)', ExpressionAttributeValues: { ':h': new Set([hash]), ':c': hash },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]): Promise<void> {
  await db.doc.send(new UpdateCommand({
    TableName: db.table, Key: key.totp(userId), UpdateExpression: 'SET recovery = :r', ConditionExpression: 'attribute_exists(secret)',
    ExpressionAttributeValues: { ':r': new Set(hashes) },
  }));
}

/** Turns two-factor sign-in off (founders only; the service decides). */
export async function disableTotp(db: Db, userId: string): Promise<void> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: [
    { Delete: { TableName: db.table, Key: key.totp(userId) } },
    { Update: { TableName: db.table, Key: key.user(userId), UpdateExpression: 'REMOVE totpEnabledAt', ConditionExpression: 'attribute_exists(pk)' } },
  ] }));
}

export async function deleteTotp(db: Db, userId: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key.totp(userId) }));
}
