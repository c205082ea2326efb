import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InvitedRole } from '../contract/account.ts';
import { type Db, strip } from './db.ts';
import { key, ttlOf } from './keys.ts';

export interface InvitationRecord {
  id: string;
  email: string;
  role: InvitedRole;
  /** null: an invitation to become one of the union's admins. */
  tenantId: string | null;
  cohortId: string | null;
  name: string | null;
  invitedBy: { userId: string; name: string };
  createdAt: string;
  sentAt: string;
  expiresAt: string;
  /** SHA-256 of the link's token; a resend replaces it, so only the newest link works. */
  tokenHash: string;
}

const itemKey = (i: Pick<InvitationRecord, 'tenantId' | 'role' | 'email'>) => key.invitation(i.tenantId, i.role, i.email);
/** Kept 30 days past expiry so staff can see it expired and resend it; then TTL removes it. */
const ttlAfter = (expiresAt: string) => ttlOf(new Date(Date.parse(expiresAt) + 30 * 86_400_000));

export class AlreadyInvited extends Error {}

/** A new invitation; AlreadyInvited when this email already has one for this role here (pending or expired). */
export async function putInvitation(db: Db, i: InvitationRecord, o: { replaceExpiredBefore?: string } = {}): Promise<void> {
  try {
    await db.doc.send(new PutCommand({
      TableName: db.table, Item: { ...itemKey(i), ...i, ttl: ttlAfter(i.expiresAt) },
      // An expired invitation may be replaced by a new one; a live one may not.
      ConditionExpression: o.replaceExpiredBefore ? 'attribute_not_exists(pk) OR expiresAt < :now' : 'attribute_not_exists(pk)',
      ...(o.replaceExpiredBefore ? { ExpressionAttributeValues: { ':now': o.replaceExpiredBefore } } : {}),
    }));
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') throw new AlreadyInvited();
    throw e;
  }
}

export async function listInvitations(db: Db, tenantId: string | null): Promise<InvitationRecord[]> {
  const items: InvitationRecord[] = [];
  let next: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': key.invitationPartition(tenantId), ':s': key.invitationPrefix },
      ...(next ? { ExclusiveStartKey: next } : {}),
    }));
    items.push(...(r.Items ?? []).map((i) => strip<InvitationRecord>(i)!));
    next = r.LastEvaluatedKey;
  } while (next);
  return items;
}

/** The invitation at a key a link's token names (one GetItem). */
export async function getInvitation(db: Db, itemKey: { pk: string; sk: string }): Promise<InvitationRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: itemKey, ConsistentRead: true }));
  return strip<InvitationRecord>(r.Item);
}

export async function findInvitation(db: Db, tenantId: string | null, id: string): Promise<InvitationRecord | undefined> {
  return (await listInvitations(db, tenantId)).find((i) => i.id === id);
}

/** A resend: new token and expiry, only if the invitation still holds the token the caller read (no lost update). */
export async function renewInvitation(db: Db, i: InvitationRecord, next: { tokenHash: string; sentAt: string; expiresAt: string }): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: itemKey(i), UpdateExpression: 'SET tokenHash = :t, sentAt = :s, expiresAt = :e, #ttl = :ttl',
      ConditionExpression: 'tokenHash = :old', ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':t': next.tokenHash, ':s': next.sentAt, ':e': next.expiresAt, ':ttl': ttlAfter(next.expiresAt), ':old': i.tokenHash },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function deleteInvitation(db: Db, i: Pick<InvitationRecord, 'tenantId' | 'role' | 'email'>): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: itemKey(i) }));
}

/** The invitation's item key, for a transaction that consumes it together with the account it creates. */
export const invitationKey = itemKey;
