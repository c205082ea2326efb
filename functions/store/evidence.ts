import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EligibilityRule } from '../contract/eligibility.ts';
import { busy, type Db, failedConditions, strip } from './db.ts';
import { key } from './keys.ts';

/** A founder's public verification code; it shows their record across every course. (`courseId` on older items is unused.) */
export interface Verification { code: string; userId: string; tenantId: string; createdAt: string }

export async function getVerification(db: Db, code: string): Promise<Verification | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.verification(code) }));
  return strip<Verification>(r.Item);
}

export async function getVerificationOfUser(db: Db, userId: string): Promise<Verification | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.userVerification(userId) }));
  return strip<Verification>(r.Item);
}

/** Claims a code for a founder, once: 'taken' when the code exists, 'has_code' when the founder already has one. */
export async function putVerification(db: Db, v: Verification): Promise<'ok' | 'taken' | 'has_code'> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: { TableName: db.table, Item: { ...key.verification(v.code), ...v }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: db.table, Item: { ...key.userVerification(v.userId), ...v }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ] }));
    return 'ok';
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') throw busy();
    return failed.includes(1) ? 'has_code' : 'taken';
  }
}

export async function getEligibilityRule(db: Db, tenantId: string): Promise<EligibilityRule | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.eligibilityRule(tenantId) }));
  return (r.Item?.rule as EligibilityRule | undefined) ?? undefined;
}

export async function putEligibilityRule(db: Db, tenantId: string, rule: EligibilityRule, by: string, at: string): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.eligibilityRule(tenantId), rule, updatedBy: by, updatedAt: at } }));
}
