import { BatchWriteCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QuizAttemptRecord } from './progress.ts';
import { busy, type Db, failedConditions, strip } from './db.ts';
import { key } from './keys.ts';
import type { MembershipRecord, UserRecord } from './users.ts';

/** A founder's quiz attempts in one course (their answers are personal data: exported, and erased on deletion). */
export async function listQuizAttempts(db: Db, userId: string, courseId: string): Promise<Array<QuizAttemptRecord & { sk: string }>> {
  const out: Array<QuizAttemptRecord & { sk: string }> = [];
  let next: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `ATTEMPTS#${userId}#${courseId}` },
      ...(next ? { ExclusiveStartKey: next } : {}),
    }));
    for (const i of r.Items ?? []) out.push({ ...strip<QuizAttemptRecord>(i)!, sk: i.sk as string });
    next = r.LastEvaluatedKey;
  } while (next);
  return out;
}

/**
 * Erases a person's identity in one transaction: profile, memberships, the email claim, the two-factor item and the
 * public verification code are deleted, and a founder's summary is anonymised in place — name, email and search text
 * removed, taken out of the name and activity indexes — while the counts it carries stay, so the municipality's
 * statistics (and a later rebuild of them) are unchanged. What is left is keyed by a random id nobody can link to the
 * person any more.
 */
export async function eraseIdentity(db: Db, o: { user: UserRecord; memberships: MembershipRecord[]; verificationCode: string | null; at: string }): Promise<void> {
  const T = db.table;
  const u = o.user;
  type Items = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
  const items: Items = [
    { Delete: { TableName: T, Key: key.user(u.id), ConditionExpression: 'attribute_exists(pk)' } },
    { Delete: { TableName: T, Key: key.email(u.email), ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': u.id } } },
    { Delete: { TableName: T, Key: key.totp(u.id) } },
    ...o.memberships.map((m) => ({ Delete: { TableName: T, Key: key.membership(u.id, m.tenantId, m.role) } })),
  ];
  if (o.verificationCode) {
    items.push({ Delete: { TableName: T, Key: key.verification(o.verificationCode) } }, { Delete: { TableName: T, Key: key.userVerification(u.id) } });
  }
  if (u.learnerTenantId) {
    items.push({ Update: {
      TableName: T, Key: key.learnerSummary(u.learnerTenantId, u.id),
      UpdateExpression: 'SET #n = :empty, email = :empty, erasedAt = :at REMOVE #s, gsi2pk, gsi2sk, gsi3pk, gsi3sk, enrolmentCode, advisorIds, remindedAt',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#n': 'name', '#s': 'search' },
      ExpressionAttributeValues: { ':empty': '', ':at': o.at },
    } });
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === 'busy') throw busy();
    throw e;
  }
}

/** Deletes items by key, 25 at a time, retrying what DynamoDB hands back unprocessed. */
export async function deleteKeys(db: Db, keys: Array<{ pk: string; sk: string }>): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let batch: Array<Record<string, unknown>> = keys.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: k } }));
    for (let tries = 0; batch.length && tries < 5; tries++) {
      const r = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: batch as never } }));
      batch = (r.UnprocessedItems?.[db.table] ?? []) as Array<Record<string, unknown>>;
      if (batch.length) await new Promise((res) => setTimeout(res, 50 * 2 ** tries));
    }
  }
}

/** Removes the person's name from the audit entries about them (who did what stays; to whom becomes an id). */
export async function anonymiseAuditSubject(db: Db, tenantId: string, userId: string): Promise<number> {
  let changed = 0;
  let next: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', FilterExpression: 'subjectId = :u AND attribute_exists(subjectName)',
      ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':s': key.auditPrefix, ':u': userId }, ...(next ? { ExclusiveStartKey: next } : {}),
    }));
    for (const i of r.Items ?? []) {
      await db.doc.send(new UpdateCommand({ TableName: db.table, Key: { pk: i.pk, sk: i.sk }, UpdateExpression: 'REMOVE subjectName' }));
      changed++;
    }
    next = r.LastEvaluatedKey;
  } while (next);
  return changed;
}
