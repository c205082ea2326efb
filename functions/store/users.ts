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
  /** When the address was confirmed (mail link or invitation); absent or null: unconfirmed. */
  emailVerifiedAt?: string | null;
  /** When two-factor sign-in was turned on; absent: off. */
  totpEnabledAt?: string | null;
  /** The person turned reminder mails off. */
  remindersOff?: boolean;
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
  /** Consume this invitation (still holding this token), atomically with the account. */
  consumeInvitation?: { pk: string; sk: string; tokenHash: string };
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
    items.push({ Put: { TableName: T, Item: { ...newSummaryItem({ ...a.learnerSummary, userId: a.user.id }), emailVerified: Boolean(a.user.emailVerifiedAt) }, ConditionExpression: 'attribute_not_exists(pk)' } });
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
  const codeAt = a.consumeCode ? items.length - 1 : -1;
  if (a.consumeInvitation) {
    const i = a.consumeInvitation;
    items.push({ Delete: { TableName: T, Key: { pk: i.pk, sk: i.sk }, ConditionExpression: 'tokenHash = :t', ExpressionAttributeValues: { ':t': i.tokenHash } } });
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    if (failed.includes(0)) throw new EmailTaken();
    if (failed.includes(codeAt)) throw new CodeNotUsable();
    if (a.consumeInvitation && failed.includes(items.length - 1)) throw new InvitationGone();
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

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

async function transact(db: Db, items: TransactItems, onFailed?: (failed: number[]) => never): Promise<void> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    if (onFailed) onFailed(failed);
    throw e;
  }
}

/**
 * The person's own changes: name, language, reminder mails. A founder's new name goes to their municipality's summary
 * (and its name index and search text) in the same transaction.
 */
export async function updateProfile(db: Db, user: Pick<UserRecord, 'id' | 'email' | 'learnerTenantId'>, c: { name?: string; locale?: 'ja' | 'en'; remindersOff?: boolean }): Promise<void> {
  const sets: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (c.name !== undefined) { sets.push('#n = :n'); names['#n'] = 'name'; values[':n'] = c.name; }
  if (c.locale !== undefined) { sets.push('locale = :l'); values[':l'] = c.locale; }
  if (c.remindersOff !== undefined) { sets.push('remindersOff = :r'); values[':r'] = c.remindersOff; }
  const items: TransactItems = [{ Update: {
    TableName: db.table, Key: key.user(user.id), UpdateExpression: `SET ${sets.join(', ')}`, ConditionExpression: 'attribute_exists(pk)',
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}), ExpressionAttributeValues: values,
  } }];
  if (user.learnerTenantId && (c.name !== undefined || c.remindersOff !== undefined)) {
    const sSets: string[] = [];
    const sNames: Record<string, string> = {};
    const sValues: Record<string, unknown> = {};
    if (c.name !== undefined) {
      sSets.push('#n = :n', '#s = :s', 'gsi2sk = :g');
      Object.assign(sNames, { '#n': 'name', '#s': 'search' });
      Object.assign(sValues, { ':n': c.name, ':s': searchText(c.name, user.email), ':g': gsi.learnerByName(c.name, user.id) });
    }
    if (c.remindersOff !== undefined) { sSets.push('remindersOff = :r'); sValues[':r'] = c.remindersOff; }
    items.push({ Update: {
      TableName: db.table, Key: key.learnerSummary(user.learnerTenantId, user.id), UpdateExpression: `SET ${sSets.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)', ...(Object.keys(sNames).length ? { ExpressionAttributeNames: sNames } : {}), ExpressionAttributeValues: sValues,
    } });
  }
  await transact(db, items);
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await transact(db, [{ Update: {
    TableName: db.table, Key: key.user(userId), UpdateExpression: 'SET passwordHash = :h', ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':h': passwordHash },
  } }]);
}

/** Confirms the address, if it is still the account's address (a link for an old address confirms nothing). */
export async function markEmailVerified(db: Db, user: Pick<UserRecord, 'id' | 'learnerTenantId'>, email: string, at: string): Promise<boolean> {
  const items: TransactItems = [{ Update: {
    TableName: db.table, Key: key.user(user.id), UpdateExpression: 'SET emailVerifiedAt = :at', ConditionExpression: 'email = :e',
    ExpressionAttributeValues: { ':at': at, ':e': email },
  } }];
  if (user.learnerTenantId) {
    items.push({ Update: {
      TableName: db.table, Key: key.learnerSummary(user.learnerTenantId, user.id), UpdateExpression: 'SET emailVerified = :t',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':t': true },
    } });
  }
  try {
    await transact(db, items, (failed) => { throw Object.assign(new Error('stale'), { failed }); });
    return true;
  } catch (e) {
    if ((e as { failed?: number[] }).failed) return false;
    throw e;
  }
}

/**
 * Moves an account to a new, confirmed address: the profile, the unique email claim and (for a founder) the summary,
 * in one transaction. Throws EmailTaken when someone holds the new address; false when the account's address changed
 * since the link was sent.
 */
export async function changeEmail(db: Db, user: Pick<UserRecord, 'id' | 'name' | 'learnerTenantId'>, o: { old: string; next: string; at: string }): Promise<boolean> {
  const items: TransactItems = [
    { Update: {
      TableName: db.table, Key: key.user(user.id), UpdateExpression: 'SET email = :n, emailVerifiedAt = :at', ConditionExpression: 'email = :o',
      ExpressionAttributeValues: { ':n': o.next, ':o': o.old, ':at': o.at },
    } },
    { Put: { TableName: db.table, Item: { ...key.email(o.next), userId: user.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Delete: { TableName: db.table, Key: key.email(o.old), ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': user.id } } },
  ];
  if (user.learnerTenantId) {
    items.push({ Update: {
      TableName: db.table, Key: key.learnerSummary(user.learnerTenantId, user.id), UpdateExpression: 'SET email = :e, #s = :s, emailVerified = :t',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#s': 'search' },
      ExpressionAttributeValues: { ':e': o.next, ':s': searchText(user.name, o.next), ':t': true },
    } });
  }
  try {
    await transact(db, items, (failed) => { throw Object.assign(new Error('failed'), { failed }); });
    return true;
  } catch (e) {
    const failed = (e as { failed?: number[] }).failed;
    if (!failed) throw e;
    if (failed.includes(1)) throw new EmailTaken();
    return false;
  }
}

/**
 * An existing person accepts an invitation: one more membership (for a founder also their summary, the municipality's
 * counters and their learner tenant), and the invitation consumed, in one transaction. Throws AlreadyMember when they
 * hold the role there already (or, for a founder, study in another municipality).
 */
export class AlreadyMember extends Error {}
export async function addMembership(db: Db, o: {
  user: UserRecord; membership: MembershipRecord | null; makeAdmin?: boolean;
  learnerSummary?: { tenantId: string; name: string; email: string; cohortId: string | null; joinedAt: string };
  counters?: ReturnType<typeof mergeChanges>;
  consume: { pk: string; sk: string; tokenHash: string };
  verifiedAt: string;
}): Promise<void> {
  const T = db.table;
  const items: TransactItems = [
    { Delete: { TableName: T, Key: { pk: o.consume.pk, sk: o.consume.sk }, ConditionExpression: 'tokenHash = :t', ExpressionAttributeValues: { ':t': o.consume.tokenHash } } },
  ];
  const profileSets = ['emailVerifiedAt = if_not_exists(emailVerifiedAt, :v)'];
  const profileValues: Record<string, unknown> = { ':v': o.verifiedAt };
  let profileCondition = 'attribute_exists(pk)';
  if (o.makeAdmin) { profileSets.push('admin = :true'); profileValues[':true'] = true; profileCondition += ' AND admin <> :true'; }
  if (o.learnerSummary) {
    profileSets.push('learnerTenantId = :lt'); profileValues[':lt'] = o.learnerSummary.tenantId; profileValues[':null'] = null;
    profileCondition += ' AND (attribute_not_exists(learnerTenantId) OR learnerTenantId = :null)';
  }
  items.push({ Update: { TableName: T, Key: key.user(o.user.id), UpdateExpression: `SET ${profileSets.join(', ')}`, ConditionExpression: profileCondition, ExpressionAttributeValues: profileValues } });
  if (o.membership) {
    const m = o.membership;
    items.push({ Put: { TableName: T, Item: { ...key.membership(m.userId, m.tenantId, m.role), gsi1pk: gsi.roleInTenant(m.tenantId, m.role), gsi1sk: `USER#${m.userId}`, ...m }, ConditionExpression: 'attribute_not_exists(pk)' } });
  }
  if (o.learnerSummary) {
    items.push({ Put: { TableName: T, Item: { ...newSummaryItem({ ...o.learnerSummary, userId: o.user.id }), emailVerified: true }, ConditionExpression: 'attribute_not_exists(pk)' } });
    if (o.counters) items.push(...counterUpdates(T, o.learnerSummary.tenantId, o.counters) as TransactItems);
  }
  await transact(db, items, (failed) => {
    if (failed.includes(0)) throw new InvitationGone();
    throw new AlreadyMember();
  });
}

/** The invitation was revoked, renewed or used meanwhile. */
export class InvitationGone extends Error {}
