import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, strip } from './db.ts';
import { gsi, key, ttlOf } from './keys.ts';

export interface LoginRecord {
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  /** Shown on the account page and used to end this login from another one; never the token or its hash. */
  id?: string;
  /** "Chrome on Android", from the user agent at sign-in. */
  device?: string;
  /** This login passed the second factor (or enrolled it). */
  secondFactor?: boolean;
}

/** Logins (signed-in browsers) are stored under the SHA-256 of their token: a leaked table never yields a usable cookie. */
export async function putLogin(db: Db, tokenHash: string, s: LoginRecord, hardExpiry: Date): Promise<void> {
  await db.doc.send(new PutCommand({
    TableName: db.table,
    Item: { ...key.login(tokenHash), ...s, gsi1pk: gsi.loginsOfUser(s.userId), gsi1sk: `${s.createdAt}#${s.id ?? ''}`, ttl: ttlOf(hardExpiry) },
  }));
}

export async function getLogin(db: Db, tokenHash: string): Promise<LoginRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.login(tokenHash) }));
  return strip<LoginRecord>(r.Item);
}

export async function touchLogin(db: Db, tokenHash: string, lastSeenAt: string): Promise<void> {
  await db.doc.send(new UpdateCommand({
    TableName: db.table, Key: key.login(tokenHash),
    UpdateExpression: 'SET lastSeenAt = :t', ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':t': lastSeenAt },
  })).catch((e: unknown) => {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  });
}

/** Marks a login as having passed the second factor (after enrolment in it). */
export async function markLoginSecondFactor(db: Db, tokenHash: string): Promise<void> {
  await db.doc.send(new UpdateCommand({
    TableName: db.table, Key: key.login(tokenHash), UpdateExpression: 'SET secondFactor = :t', ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':t': true },
  }));
}

export async function deleteLogin(db: Db, tokenHash: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key.login(tokenHash) }));
}

/** Every login of a person, newest first, with the hash that keys it (for ending it); expired ones TTL has not yet removed included. */
export async function listLoginsOfUser(db: Db, userId: string): Promise<Array<LoginRecord & { tokenHash: string }>> {
  const out: Array<LoginRecord & { tokenHash: string }> = [];
  let next: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ScanIndexForward: false,
      ExpressionAttributeValues: { ':p': gsi.loginsOfUser(userId) }, ...(next ? { ExclusiveStartKey: next } : {}),
    }));
    for (const i of r.Items ?? []) out.push({ ...strip<LoginRecord>(i)!, tokenHash: (i.pk as string).slice('LOGIN#'.length) });
    next = r.LastEvaluatedKey;
  } while (next);
  return out;
}

/** Ends every login of a person except `keep` (a password change or reset, an enrolment in two-factor sign-in). */
export async function endOtherLogins(db: Db, userId: string, keep?: string): Promise<number> {
  const all = await listLoginsOfUser(db, userId);
  const ending = all.filter((l) => l.tokenHash !== keep);
  await Promise.all(ending.map((l) => deleteLogin(db, l.tokenHash)));
  return ending.length;
}
