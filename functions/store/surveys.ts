import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { SurveyAnswer, SurveyDefinition } from '../contract/survey.ts';
import { type Db, strip, transactIf } from './db.ts';
import { gsi, key } from './keys.ts';

/**
 * The union's yearly survey: its definition per fiscal year (REGION partition; every version kept, because answers
 * name the version they were given to), each municipality's answer (its own partition, indexed by year across the
 * region) and the claims of the reminder mails.
 */

export type StoredSurvey = SurveyDefinition & { updatedAt: string; updatedBy: string };
export type StoredSurveyAnswer = SurveyAnswer & { answeredBy: string; firstAt: string; rev: number };

export async function getSurvey(db: Db, fiscalYear: number): Promise<StoredSurvey | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.survey(fiscalYear), ConsistentRead: true }));
  return strip<StoredSurvey>(r.Item);
}

/** Every year's survey (current version each), oldest first: one Query of the REGION partition. */
export async function listSurveys(db: Db): Promise<StoredSurvey[]> {
  const out: StoredSurvey[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r: QueryCommandOutput = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': 'REGION', ':s': 'SURVEY#' }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<StoredSurvey>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out.sort((a, b) => a.fiscalYear - b.fiscalYear);
}

/**
 * Writes a year's survey on condition that it is still the version read (or absent), keeping a copy of each version.
 * False when someone else changed it in between.
 */
export async function putSurvey(db: Db, s: StoredSurvey, prevVersion: number | null, prevUpdatedAt: string | null): Promise<boolean> {
  const r = await transactIf(db, [
    { Put: {
      TableName: db.table, Item: { ...key.survey(s.fiscalYear), ...s },
      ...(prevVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v AND updatedAt = :u', ExpressionAttributeValues: { ':v': prevVersion, ':u': prevUpdatedAt } }),
    } },
    { Put: { TableName: db.table, Item: { ...key.surveyVersion(s.fiscalYear, s.version), ...s } } },
  ]);
  return r === true;
}

export async function getSurveyAnswer(db: Db, tenantId: string, fiscalYear: number): Promise<StoredSurveyAnswer | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.surveyAnswer(tenantId, fiscalYear), ConsistentRead: true }));
  return strip<StoredSurveyAnswer>(r.Item);
}

/** A municipality's answer, replacing the one read (by its revision) or none: false when it changed in between. */
export async function putSurveyAnswer(db: Db, a: StoredSurveyAnswer, prevRev: number | null): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({
      TableName: db.table, Item: { ...key.surveyAnswer(a.tenantId, a.fiscalYear), ...a, gsi1pk: gsi.surveyAnswers(a.fiscalYear), gsi1sk: a.tenantId },
      ...(prevRev === null ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'rev = :r', ExpressionAttributeValues: { ':r': prevRev } }),
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Every municipality's answer of a fiscal year (one Query of gsi1, paged: one item per answering municipality). */
export async function listSurveyAnswers(db: Db, fiscalYear: number): Promise<StoredSurveyAnswer[]> {
  const out: StoredSurveyAnswer[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r: QueryCommandOutput = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': gsi.surveyAnswers(fiscalYear) }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<StoredSurveyAnswer>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * Claims one reminder of one year's survey for one municipality: only the first claim succeeds, so a job run twice
 * (or after a crash) never sends a reminder twice. The claim goes back if the send fails (releaseSurveyReminder).
 */
export async function claimSurveyReminder(db: Db, tenantId: string, fiscalYear: number, reminder: string, at: string): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({
      TableName: db.table, Item: { ...key.surveyReminder(tenantId, fiscalYear, reminder), tenantId, fiscalYear, reminder, at },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function releaseSurveyReminder(db: Db, tenantId: string, fiscalYear: number, reminder: string, at: string): Promise<void> {
  try {
    await db.doc.send(new DeleteCommand({
      TableName: db.table, Key: key.surveyReminder(tenantId, fiscalYear, reminder), ConditionExpression: '#a = :at',
      ExpressionAttributeNames: { '#a': 'at' }, ExpressionAttributeValues: { ':at': at },
    }));
  } catch (e) {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  }
}
