import { GetCommand, PutCommand, QueryCommand, type QueryCommandOutput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EnrolmentCode } from '../domain/enrolment.ts';
import { type Db, strip } from './db.ts';
import { gsi, key } from './keys.ts';

export interface TenantRecord { id: string; name: { ja: string; en: string }; prefecture: string; createdAt: string }
export interface CohortRecord { id: string; tenantId: string; name: string; startsOn: string | null; endsOn?: string | null }

export async function putTenant(db: Db, t: TenantRecord): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.tenant(t.id), gsi1pk: gsi.tenants, gsi1sk: t.id, ...t } }));
}

export async function getTenant(db: Db, tenantId: string): Promise<TenantRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.tenant(tenantId) }));
  return strip<TenantRecord>(r.Item);
}

/** Onboards a municipality: false when one with that code exists already. */
export async function createTenant(db: Db, t: TenantRecord): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({
      TableName: db.table, Item: { ...key.tenant(t.id), gsi1pk: gsi.tenants, gsi1sk: t.id, ...t }, ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Every municipality (one Query of gsi1, paged: ~240 small items fit one page). */
export async function listTenants(db: Db): Promise<TenantRecord[]> {
  const out: TenantRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r: QueryCommandOutput = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': gsi.tenants },
      ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<TenantRecord>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
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

export interface CohortFull extends CohortRecord { endsOn: string | null }

/** A municipality's cohorts (one Query of its partition's COHORT# items). */
export async function listCohorts(db: Db, tenantId: string): Promise<CohortFull[]> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': key.tenantPartition(tenantId), ':s': 'COHORT#' },
  }));
  return (r.Items ?? []).map((i) => { const c = strip<CohortFull>(i)!; return { ...c, endsOn: c.endsOn ?? null }; });
}

/** Creates a cohort; false when the id is taken. */
export async function createCohort(db: Db, c: CohortFull): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.cohort(c.tenantId, c.id), ...c }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Changes an existing cohort; false when there is none. */
export async function updateCohort(db: Db, c: CohortFull): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.cohort(c.tenantId, c.id), ...c }, ConditionExpression: 'attribute_exists(pk)' }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** A municipality's enrolment codes, from the codes index (one Query). */
export async function listEnrolmentCodes(db: Db, tenantId: string): Promise<Array<EnrolmentCode & { createdAt: string }>> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': gsi.codesOfTenant(tenantId) },
  }));
  return (r.Items ?? []).map((i) => strip<EnrolmentCode & { createdAt: string }>(i)!);
}

/** Withdraws a code of this municipality (idempotent); undefined when the code is not this municipality's. */
export async function revokeEnrolmentCode(db: Db, tenantId: string, code: string, at: string): Promise<(EnrolmentCode & { createdAt: string }) | undefined> {
  try {
    const r = await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.code(code), UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
      ConditionExpression: 'attribute_exists(pk) AND tenantId = :t', ExpressionAttributeValues: { ':at': at, ':t': tenantId }, ReturnValues: 'ALL_NEW',
    }));
    return strip<EnrolmentCode & { createdAt: string }>(r.Attributes);
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
    throw e;
  }
}

/** The municipality's own workspace settings (TENANT#<t> / SETTINGS). */
export async function getTenantSettings(db: Db, tenantId: string): Promise<Record<string, unknown> | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.tenantSettings(tenantId) }));
  return r.Item?.settings as Record<string, unknown> | undefined;
}

export async function putTenantSettings(db: Db, tenantId: string, settings: object, by: string, at: string): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...key.tenantSettings(tenantId), settings, updatedBy: by, updatedAt: at } }));
}
