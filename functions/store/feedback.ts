import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { FEEDBACK_COUNTERS, type FeedbackCounts } from '../contract/feedback.ts';
import type { FeedbackRating } from '../domain/feedback.ts';
import { type Db, failedConditions, strip } from './db.ts';
import { gsi, key } from './keys.ts';
import type { TransactItem } from './totals.ts';

/** One founder's answer on one version of a module, with the municipality it counts in. */
export interface FeedbackRecord extends FeedbackRating {
  userId: string;
  tenantId: string;
  courseId: string;
  moduleId: string;
  /** The module's own curriculum version (ServerModule.version). */
  version: string;
  answeredAt: string;
  updatedAt: string;
  /** Bumped by every change: the next change is written only if the answer is still the one it was decided from. */
  rev: number;
}

/**
 * What a feedback write needs, in one BatchGet: whether the founder completed the module (any version) and their
 * answer on this version, if any.
 */
export async function readFeedbackState(db: Db, o: { userId: string; courseId: string; moduleId: string; version: string }): Promise<{ completed: boolean; answer?: FeedbackRecord }> {
  const completion = key.moduleCompletion(o.userId, o.courseId, o.moduleId);
  const answer = key.feedbackAnswer(o.userId, o.courseId, o.moduleId, o.version);
  let pending: Array<Record<string, unknown>> | undefined = [completion, answer];
  const found: Array<Record<string, unknown>> = [];
  for (let round = 0; pending && pending.length > 0 && round < 5; round++) {
    const r: BatchGetCommandOutput = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: pending, ConsistentRead: true } } }));
    found.push(...(r.Responses?.[db.table] ?? []));
    pending = r.UnprocessedKeys?.[db.table]?.Keys;
  }
  const item = found.find((i) => i.pk === answer.pk && i.sk === answer.sk);
  return { completed: found.some((i) => i.pk === completion.pk && i.sk === completion.sk), ...(item ? { answer: strip<FeedbackRecord>(item)! } : {}) };
}

/** A founder's answer on one module version (consistent read). */
export async function getFeedbackAnswer(db: Db, userId: string, courseId: string, moduleId: string, version: string): Promise<FeedbackRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.feedbackAnswer(userId, courseId, moduleId, version), ConsistentRead: true }));
  return strip<FeedbackRecord>(r.Item);
}

function rollupUpdate(T: string, r: Pick<FeedbackRecord, 'tenantId' | 'courseId' | 'moduleId' | 'version' | 'updatedAt'>, delta: Partial<FeedbackCounts>): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {
    ':tenant': r.tenantId, ':course': r.courseId, ':module': r.moduleId, ':version': r.version,
    ':g1': gsi.feedbackRollups(r.courseId), ':g1s': gsi.feedbackRollupSort(r.moduleId, r.version, r.tenantId), ':last': r.updatedAt,
  };
  const adds = Object.entries(delta).map(([f, n], i) => { names[`#f${i}`] = f; values[`:f${i}`] = n; return `#f${i} :f${i}`; });
  return { Update: {
    TableName: T, Key: key.feedbackRollup(r.tenantId, r.courseId, r.moduleId, r.version),
    UpdateExpression: `ADD ${adds.join(', ')} SET tenantId = :tenant, courseId = :course, moduleId = :module, version = :version, gsi1pk = :g1, gsi1sk = :g1s, lastAt = :last`,
    ExpressionAttributeNames: names, ExpressionAttributeValues: values,
  } };
}

/**
 * Writes a founder's answer and applies `rollups` (domain/feedback.ts feedbackRollupChanges: the difference from the
 * previous answer, per municipality) in one transaction. The answer is written only if it is still `prev` as read
 * (absent, or the same revision), so two tabs or a retried request can never count one founder twice; 'conflict'
 * means: read again and decide again.
 */
export async function writeFeedback(
  db: Db, next: FeedbackRecord, prev: FeedbackRecord | undefined, rollups: ReadonlyArray<{ tenantId: string; delta: Partial<FeedbackCounts> }>,
): Promise<'written' | 'conflict'> {
  const T = db.table;
  const k = key.feedbackAnswer(next.userId, next.courseId, next.moduleId, next.version);
  const comment = next.comment ? { gsi1pk: gsi.feedbackComments(next.courseId, next.moduleId, next.version), gsi1sk: gsi.feedbackCommentSort(next.tenantId, next.updatedAt) } : {};
  const items: TransactItem[] = [{ Put: {
    TableName: T, Item: { ...k, ...next, ...comment },
    ConditionExpression: prev ? 'rev = :rev' : 'attribute_not_exists(pk)',
    ...(prev ? { ExpressionAttributeValues: { ':rev': prev.rev } } : {}),
  } }];
  for (const r of rollups) items.push(rollupUpdate(T, { ...next, tenantId: r.tenantId }, r.delta));
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items as never }));
    return 'written';
  } catch (e) {
    if (failedConditions(e) === null) throw e;
    return 'conflict';
  }
}

/** Every feedback answer of a founder in one course (their own partition: one Query), for their data and its erasure. */
export async function listFeedbackOfUser(db: Db, userId: string, courseId: string): Promise<FeedbackRecord[]> {
  const out: FeedbackRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': key.feedbackAnswer(userId, courseId, '', '').pk },
      ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<FeedbackRecord>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

const countsOf = (item: Record<string, unknown> | undefined): FeedbackCounts =>
  Object.fromEntries(FEEDBACK_COUNTERS.map((k) => [k, typeof item?.[k] === 'number' ? item[k] : 0])) as FeedbackCounts;

/** A municipality's rollup of one module version (all zero when nobody answered). */
export async function getFeedbackRollup(db: Db, tenantId: string, courseId: string, moduleId: string, version: string): Promise<FeedbackCounts> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.feedbackRollup(tenantId, courseId, moduleId, version) }));
  return countsOf(r.Item);
}

/** Every municipality's rollups of a course (one Query of gsi1, paged): what the union's ranking reads. */
export type FeedbackRollupRow = { tenantId: string; moduleId: string; version: string; counts: FeedbackCounts; lastAt: string | null };
export async function listFeedbackRollups(db: Db, courseId: string): Promise<FeedbackRollupRow[]> {
  const out: FeedbackRollupRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': gsi.feedbackRollups(courseId) }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    for (const i of r.Items ?? []) out.push({ tenantId: String(i.tenantId), moduleId: String(i.moduleId), version: String(i.version), counts: countsOf(i), lastAt: typeof i.lastAt === 'string' ? i.lastAt : null });
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/** A comment as excerpts show it: the municipality and the rating beside it, never who wrote it. */
export interface FeedbackComment { tenantId: string; usefulness: number; helpedPlan: boolean; comment: string; at: string }

/**
 * The comments on one module version, newest last per municipality (or one municipality's), at most `limit`. Only
 * the fields of an anonymous excerpt leave the store: no user id, no name.
 */
export async function listFeedbackComments(db: Db, o: { courseId: string; moduleId: string; version: string; tenantId?: string; limit?: number }): Promise<FeedbackComment[]> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, IndexName: 'gsi1',
    KeyConditionExpression: o.tenantId ? 'gsi1pk = :p AND begins_with(gsi1sk, :t)' : 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': gsi.feedbackComments(o.courseId, o.moduleId, o.version), ...(o.tenantId ? { ':t': `${o.tenantId}#` } : {}) },
    Limit: o.limit ?? 50,
  }));
  return (r.Items ?? []).map((i) => ({
    tenantId: String(i.tenantId), usefulness: Number(i.usefulness), helpedPlan: i.helpedPlan === true, comment: String(i.comment), at: String(i.updatedAt),
  }));
}
