import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../contract/api.ts';
import { busy, type Db, failedConditions, strip } from './db.ts';
import type { mergeChanges } from '../domain/totals.ts';
import { gsi, key } from './keys.ts';
import { newSummaryItem, searchText } from './summaries.ts';
import { counterUpdates } from './totals.ts';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  admin: boolean;
  locale: 'ja' | 'en';
  /** The municipality whose founder programme this person studies in (set by the enrolment code). */
  learnerTenantId: string | null;
  /** Set while the municipality has deactivated the account: sign-in and every login are refused. */
  deactivatedAt?: string | null;
  createdAt: string;
}

export interface MembershipRecord { userId: string; tenantId: string; tenantName: { ja: string; en: string }; role: Role; cohortId: string | null }

export class EmailTaken extends Error {}
export class CodeNotUsable extends Error {}

export async function getUser(db: Db, userId: string): Promise<UserRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.user(userId) }));
  return strip<UserRecord>(r.Item);
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.email(email) }));
  return r.Item?.userId as string | undefined;
}

/** The profile and every membership of a user in one Query of the identity items (`ID#…`), nothing else of the user's. */
export async function loadUserWithMemberships(db: Db, userId: string): Promise<{ user: UserRecord; memberships: MembershipRecord[] } | undefined> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :id)',
    ExpressionAttributeValues: { ':pk': key.user(userId).pk, ':id': key.identityPrefix },
  }));
  const items = r.Items ?? [];
  const profile = items.find((i) => i.sk === key.user(userId).sk);
  if (!profile) return undefined;
  return {
    user: strip<UserRecord>(profile)!,
    memberships: items.filter((i) => (i.sk as string).startsWith(key.membershipPrefix)).map((i) => strip<MembershipRecord>(i)!),
  };
}

export interface NewAccount {
  user: UserRecord;
  memberships: MembershipRecord[];
  /** For a founder: the summary row that puts them on their municipality's dashboard. */
  learnerSummary?: { tenantId: string; name: string; email: string; cohortId: string | null; joinedAt: string; code?: string };
  /** The municipality's counter changes of the sign-up (domain/totals.ts), in the same transaction. */
  counters?: ReturnType<typeof mergeChanges>;
  /** Consume one use of this enrolment code, atomically with the account. */
  consumeCode?: { code: string; now: string };
}

/**
 * Creates a user, their unique email claim, memberships and (for founders) their summary, and consumes the code —
 * all or nothing. Throws EmailTaken or CodeNotUsable when a condition fails.
 */
export async function createAccount(db: Db, a: NewAccount): Promise<void> {
  const T = db.table;
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    { Put: { TableName: T, Item: { ...key.email(a.user.email), userId: a.user.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: T, Item: { ...key.user(a.user.id), ...a.user }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  for (const m of a.memberships) {
    items.push({ Put: { TableName: T, Item: { ...key.membership(m.userId, m.tenantId, m.role), gsi1pk: gsi.roleInTenant(m.tenantId, m.role), gsi1sk: `USER#${m.userId}`, ...m } } });
  }
  if (a.learnerSummary) {
    items.push({ Put: { TableName: T, Item: newSummaryItem({ ...a.learnerSummary, userId: a.user.id }), ConditionExpression: 'attribute_not_exists(pk)' } });
    if (a.counters) items.push(...counterUpdates(T, a.learnerSummary.tenantId, a.counters) as typeof items);
  }
  if (a.consumeCode) {
    items.push({ Update: {
      TableName: T, Key: key.code(a.consumeCode.code),
      UpdateExpression: 'SET uses = uses + :one',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt = :null OR expiresAt > :now) AND (maxUses = :null OR uses < maxUses) AND (attribute_not_exists(revokedAt) OR revokedAt = :null)',
      ExpressionAttributeValues: { ':one': 1, ':now': a.consumeCode.now, ':null': null },
    } });
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    if (failed.includes(0)) throw new EmailTaken();
    if (a.consumeCode && failed.includes(items.length - 1)) throw new CodeNotUsable();
    throw e;
  }
}

/**
 * A municipality's correction of a founder: name, email and cohort on the profile, the summary (and its name index and
 * search text), the learner membership, and the unique email claim, all in one transaction. Throws EmailTaken.
 */
export async function correctFounder(db: Db, c: {
  userId: string; tenantId: string; old: { name: string; email: string; cohortId: string | null };
  next: { name: string; email: string; cohortId: string | null };
}): Promise<void> {
  const T = db.table;
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    { Update: {
      TableName: T, Key: key.user(c.userId), UpdateExpression: 'SET #n = :n, email = :e',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': c.next.name, ':e': c.next.email },
    } },
    { Update: {
      TableName: T, Key: key.learnerSummary(c.tenantId, c.userId),
      UpdateExpression: 'SET #n = :n, email = :e, cohortId = :c, #s = :s, gsi2sk = :g',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#n': 'name', '#s': 'search' },
      ExpressionAttributeValues: { ':n': c.next.name, ':e': c.next.email, ':c': c.next.cohortId, ':s': searchText(c.next.name, c.next.email), ':g': gsi.learnerByName(c.next.name, c.userId) },
    } },
    { Update: {
      TableName: T, Key: key.membership(c.userId, c.tenantId, 'learner'), UpdateExpression: 'SET cohortId = :c',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':c': c.next.cohortId },
    } },
  ];
  if (c.next.email !== c.old.email) {
    items.push(
      { Put: { TableName: T, Item: { ...key.email(c.next.email), userId: c.userId }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Delete: { TableName: T, Key: key.email(c.old.email), ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': c.userId } } },
    );
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    if (failed.includes(3)) throw new EmailTaken();
    throw e;
  }
}

/** Deactivates (sign-in refused, every login ends at its next request) or reactivates a founder; progress is untouched. */
export async function setDeactivated(db: Db, userId: string, tenantId: string, at: string | null): Promise<void> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: [
    { Update: { TableName: db.table, Key: key.user(userId), UpdateExpression: 'SET deactivatedAt = :a', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':a': at } } },
    { Update: { TableName: db.table, Key: key.learnerSummary(tenantId, userId), UpdateExpression: 'SET deactivatedAt = :a', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':a': at } } },
  ] })).catch((e: unknown) => {
    const failed = failedConditions(e);
    if (failed === 'busy') throw busy();
    throw e;
  });
}
