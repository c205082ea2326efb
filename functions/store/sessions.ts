import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, strip } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
}

/** Sessions are stored under the SHA-256 of their token: a leaked table never yields a usable cookie. */
export async function putSession(db: Db, tokenHash: string, s: SessionRecord, hardExpiry: Date): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.session(tokenHash), ...s, ttl: ttlOf(hardExpiry) } }));
}

export async function getSession(db: Db, tokenHash: string): Promise<SessionRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.session(tokenHash) }));
  return strip<SessionRecord>(r.Item);
}

export async function touchSession(db: Db, tokenHash: string, lastSeenAt: string): Promise<void> {
  await db.doc.send(new UpdateCommand({
    TableName: db.table, Key: key.session(tokenHash),
    UpdateExpression: 'SET lastSeenAt = :t', ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':t': lastSeenAt },
  })).catch((e: unknown) => {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  });
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key.session(tokenHash) }));
}
