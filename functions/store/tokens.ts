import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, strip } from './db.ts';
import { key, ttlOf } from './keys.ts';

/** What a one-time token from a mail link (or the sign-in's second step) is for. */
export type TokenPurpose = 'invite' | 'reset' | 'verify_email' | 'change_email' | 'signin_totp';

export interface TokenRecord {
  purpose: TokenPurpose;
  /** The account it acts on (reset, verification, email change, second step). */
  userId?: string;
  /** Invitations: where the invitation item is (TENANT#<t> or REGION) and its sort key. */
  invitation?: { pk: string; sk: string };
  /** Email verification and change: the address the link was sent to. */
  email?: string;
  createdAt: string;
  expiresAt: string;
  /** The second step counts wrong codes on its ticket. */
  failures?: number;
}

/**
 * Tokens are stored under the SHA-256 of their value (a leaked table yields no usable link) and expire by TTL as well
 * as by `expiresAt`, which is checked on use because TTL deletion can lag by days.
 */
export async function putToken(db: Db, tokenHash: string, t: TokenRecord): Promise<void> {
  await db.doc.send(new PutCommand({
    TableName: db.table, Item: { ...key.token(tokenHash), ...t, ttl: ttlOf(new Date(t.expiresAt)) }, ConditionExpression: 'attribute_not_exists(pk)',
  }));
}

export async function getToken(db: Db, tokenHash: string): Promise<TokenRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.token(tokenHash), ConsistentRead: true }));
  return strip<TokenRecord>(r.Item);
}

/**
 * Uses a token up: deletes it if it is still there and returns what it was. Two requests racing with the same link
 * get it once; the other gets undefined.
 */
export async function takeToken(db: Db, tokenHash: string): Promise<TokenRecord | undefined> {
  try {
    const r = await db.doc.send(new DeleteCommand({
      TableName: db.table, Key: key.token(tokenHash), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD',
    }));
    return strip<TokenRecord>(r.Attributes);
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
    throw e;
  }
}

export async function deleteToken(db: Db, tokenHash: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key.token(tokenHash) }));
}

/** Counts a wrong code on a sign-in ticket; false once it has had `max` failures (the caller then deletes it). */
export async function countTokenFailure(db: Db, tokenHash: string, max: number): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.token(tokenHash), UpdateExpression: 'ADD failures :one',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(failures) OR failures < :last)',
      ExpressionAttributeValues: { ':one': 1, ':last': max - 1 },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
