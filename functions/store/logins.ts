import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, strip } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface LoginRecord {
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

/** Logins (signed-in browsers) are stored under the SHA-256 of their token: a leaked table never yields a usable cookie. */
export async function putLogin(db: Db, tokenHash: string, s: LoginRecord, hardExpiry: Date): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.login(tokenHash), ...s, ttl: ttlOf(hardExpiry) } }));
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

export async function deleteLogin(db: Db, tokenHash: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key.login(tokenHash) }));
}
