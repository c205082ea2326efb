import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { key } from './keys.ts';

/** Markers of one-off maintenance (e.g. the demo seed), under pk META. */
export async function getMarker(db: Db, name: string): Promise<string | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.meta(name) }));
  return r.Item?.at as string | undefined;
}

export async function putMarker(db: Db, name: string, at: string): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.meta(name), at } }));
}
