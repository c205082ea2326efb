import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EnrolmentCode } from '../domain/enrolment.ts';
import { type Db, strip } from './db.ts';
import { gsi, key } from './keys.ts';

export interface TenantRecord { id: string; name: { ja: string; en: string }; prefecture: string; createdAt: string }
export interface CohortRecord { id: string; tenantId: string; name: string; startsOn: string | null }

export async function putTenant(db: Db, t: TenantRecord): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.tenant(t.id), gsi1pk: gsi.tenants, gsi1sk: t.id, ...t } }));
}

export async function getTenant(db: Db, tenantId: string): Promise<TenantRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.tenant(tenantId) }));
  return strip<TenantRecord>(r.Item);
}

export async function listTenants(db: Db): Promise<TenantRecord[]> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': gsi.tenants },
  }));
  return (r.Items ?? []).map((i) => strip<TenantRecord>(i)!);
}

export async function putCohort(db: Db, c: CohortRecord): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.cohort(c.tenantId, c.id), ...c } }));
}

export async function getCohort(db: Db, tenantId: string, cohortId: string): Promise<CohortRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.cohort(tenantId, cohortId) }));
  return strip<CohortRecord>(r.Item);
}

export async function putEnrolmentCode(db: Db, c: EnrolmentCode & { createdAt: string }): Promise<void> {
  await db.doc.send(new PutCommand({
    TableName: db.table,
    Item: { ...key.code(c.code), gsi1pk: gsi.codesOfTenant(c.tenantId), gsi1sk: c.code, ...c },
    ConditionExpression: 'attribute_not_exists(pk)',
  }));
}

export async function getEnrolmentCode(db: Db, code: string): Promise<EnrolmentCode | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.code(code) }));
  return strip<EnrolmentCode>(r.Item);
}
