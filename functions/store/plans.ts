import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AttachmentView, BusinessPlan, CommentView, PlanSection, PlanStatus } from '../contract/business-plan.ts';
import { busy, type Db, failedConditions, strip, transactIf } from './db.ts';
import { key } from './keys.ts';

/** The head of a founder's plan: the newest version, its state, and the advisor's last review. */
export interface PlanHead {
  tenantId: string;
  plan: BusinessPlan;
  /** 0: nothing saved yet (the head may exist for attachments only). */
  version: number;
  status: PlanStatus;
  /** When the founder last saved or submitted. */
  updatedAt: string | null;
  review: { status: 'reviewed' | 'needs_work'; version: number; note: string | null; at: string; by: string } | null;
  attachments: number;
}

export interface PlanVersionItem {
  version: number;
  savedAt: string;
  status: PlanStatus;
  plan: BusinessPlan;
  changedSections: PlanSection[];
  comments: number;
  /** Kept for good: submitted, reviewed or commented on. An unpinned version is folded into the next save of the same sitting. */
  pinned?: boolean;
}

export interface StoredComment extends CommentView { authorId: string }
export interface StoredAttachment extends AttachmentView { key: string }

const emptyHead = (tenantId: string): PlanHead => ({ tenantId, plan: {}, version: 0, status: 'draft', updatedAt: null, review: null, attachments: 0 });

/** The page's view in one Query: head, comments (oldest first) and attachments — every item up to HEAD. */
export async function loadPlan(db: Db, userId: string, tenantId: string): Promise<{ head: PlanHead; comments: StoredComment[]; attachments: StoredAttachment[] }> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p AND sk <= :h',
      ExpressionAttributeValues: { ':p': key.planPartition(userId), ':h': 'HEAD' }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    items.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  const head = items.find((i) => i.sk === 'HEAD');
  return {
    head: head ? { ...emptyHead(tenantId), ...strip<Partial<PlanHead>>(head) } : emptyHead(tenantId),
    comments: items.filter((i) => String(i.sk).startsWith(key.planCommentPrefix)).map((i) => strip<StoredComment>(i)!),
    attachments: items.filter((i) => String(i.sk).startsWith(key.planAttachmentPrefix)).map((i) => strip<StoredAttachment>(i)!),
  };
}

/** The head alone (one GetItem): for what needs only the version or the attachment count. */
export async function getPlanHead(db: Db, userId: string, tenantId: string): Promise<PlanHead> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.planHead(userId) }));
  return { ...emptyHead(tenantId), ...strip<Partial<PlanHead>>(r.Item) };
}

export async function getPlanVersion(db: Db, userId: string, version: number): Promise<PlanVersionItem | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.planVersion(userId, version) }));
  return strip<PlanVersionItem>(r.Item);
}

/** Versions newest first, without their plans (a page of 20). */
export async function listPlanVersions(db: Db, userId: string, after?: number): Promise<{ items: Omit<PlanVersionItem, 'plan'>[]; next: number | null }> {
  const r = await db.doc.send(new QueryCommand({
    TableName: db.table, KeyConditionExpression: after ? 'pk = :p AND sk BETWEEN :v AND :before' : 'pk = :p AND begins_with(sk, :v)',
    ExpressionAttributeValues: { ':p': key.planPartition(userId), ':v': key.planVersionPrefix, ...(after ? { ':before': key.planVersion(userId, after - 1).sk } : {}) },
    ProjectionExpression: 'version, savedAt, #s, changedSections, comments, pinned', ExpressionAttributeNames: { '#s': 'status' },
    ScanIndexForward: false, Limit: 20,
  }));
  const items = (r.Items ?? []).map((i) => i as Omit<PlanVersionItem, 'plan'>);
  return { items, next: r.LastEvaluatedKey && items.length ? items[items.length - 1]!.version : null };
}

export type SaveOutcome = 'saved' | 'stale';

/**
 * Saves a new version, in one transaction: the head (only if it is still at `baseVersion`), the version item, the
 * previous version folded away when it belongs to the same sitting (`fold`, only while nothing pinned it), and the
 * founder's summary (plan state for the advisor's caseload). A pin landing meanwhile cancels the fold, and the save is
 * tried once more keeping the previous version.
 */
export async function saveVersion(db: Db, o: {
  userId: string; tenantId: string; baseVersion: number; plan: BusinessPlan; status: PlanStatus; at: string;
  changedSections: PlanSection[]; fold: number | null;
}): Promise<SaveOutcome> {
  const version = o.baseVersion + 1;
  const attempt = (fold: number | null) => db.doc.send(new TransactWriteCommand({ TransactItems: [
    { Update: {
      TableName: db.table, Key: key.planHead(o.userId),
      UpdateExpression: 'SET tenantId = :t, #plan = :plan, version = :v, #s = :s, updatedAt = :at',
      ConditionExpression: o.baseVersion === 0 ? 'attribute_not_exists(version) OR version = :zero' : 'version = :base',
      ExpressionAttributeNames: { '#plan': 'plan', '#s': 'status' },
      ExpressionAttributeValues: { ':t': o.tenantId, ':plan': o.plan, ':v': version, ':s': o.status, ':at': o.at, ...(o.baseVersion === 0 ? { ':zero': 0 } : { ':base': o.baseVersion }) },
    } },
    { Put: { TableName: db.table, Item: { ...key.planVersion(o.userId, version), version, savedAt: o.at, status: o.status, plan: o.plan, changedSections: o.changedSections, comments: 0 } } },
    ...(fold !== null ? [{ Delete: { TableName: db.table, Key: key.planVersion(o.userId, fold), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(pinned)' } }] : []),
    { Update: {
      TableName: db.table, Key: key.learnerSummary(o.tenantId, o.userId), UpdateExpression: 'SET planStatus = :s, planUpdatedAt = :at',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':s': o.status, ':at': o.at },
    } },
  ] }));
  for (const fold of o.fold !== null ? [o.fold, null] : [null]) {
    try {
      await attempt(fold);
      return 'saved';
    } catch (e) {
      const failed = failedConditions(e);
      if (failed === null) throw e;
      if (failed === 'busy') throw busy();
      if (failed.includes(0)) return 'stale';
      if (failed.includes(2) && fold !== null) continue; // pinned meanwhile: keep it
      throw e;
    }
  }
  return 'stale';
}

/**
 * Changes the state of the version the caller saw (submit, or the advisor's review), only if it is still the newest:
 * the head, the version item (pinned for good), and the founder's summary. False: a newer version exists.
 */
export async function setPlanState(db: Db, o: {
  userId: string; tenantId: string; version: number; status: PlanStatus; at: string; allowedFrom: PlanStatus[];
  review?: PlanHead['review']; touchUpdatedAt: boolean;
}): Promise<boolean> {
  const from = Object.fromEntries(o.allowedFrom.map((s, i) => [`:f${i}`, s]));
  return (await transactIf(db, [
    { Update: {
      TableName: db.table, Key: key.planHead(o.userId),
      UpdateExpression: `SET #s = :s${o.review ? ', review = :r' : ''}${o.touchUpdatedAt ? ', updatedAt = :at' : ''}`,
      ConditionExpression: `version = :v AND #s IN (${Object.keys(from).join(', ')})`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': o.status, ':v': o.version, ...from, ...(o.review ? { ':r': o.review } : {}), ...(o.touchUpdatedAt ? { ':at': o.at } : {}) },
    } },
    { Update: {
      TableName: db.table, Key: key.planVersion(o.userId, o.version), UpdateExpression: 'SET #s = :s, pinned = :t',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': o.status, ':t': true },
    } },
    { Update: {
      TableName: db.table, Key: key.learnerSummary(o.tenantId, o.userId),
      UpdateExpression: `SET planStatus = :s${o.touchUpdatedAt ? ', planUpdatedAt = :at' : ''}`,
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':s': o.status, ...(o.touchUpdatedAt ? { ':at': o.at } : {}) },
    } },
  ])) === true;
}

/** A comment, and its count on the version it refers to (which it pins). False: that version does not exist. */
export async function putComment(db: Db, userId: string, c: StoredComment): Promise<boolean> {
  return (await transactIf(db, [
    { Put: { TableName: db.table, Item: { ...key.planComment(userId, c.createdAt, c.id), ...c }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: {
      TableName: db.table, Key: key.planVersion(userId, c.version), UpdateExpression: 'ADD comments :one SET pinned = :t',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':one': 1, ':t': true },
    } },
  ])) === true;
}

/** An attachment record, counted on the head (at most `max`). False: the plan has `max` attachments already. */
export async function putAttachment(db: Db, userId: string, tenantId: string, a: StoredAttachment, max: number): Promise<'added' | 'full' | 'exists'> {
  const r = await transactIf(db, [
    { Put: { TableName: db.table, Item: { ...key.planAttachment(userId, a.id), ...a }, ConditionExpression: 'attribute_not_exists(pk)' } },
    { Update: {
      TableName: db.table, Key: key.planHead(userId), UpdateExpression: 'SET tenantId = :t ADD attachments :one',
      ConditionExpression: 'attribute_not_exists(attachments) OR attachments < :max', ExpressionAttributeValues: { ':t': tenantId, ':one': 1, ':max': max },
    } },
  ]);
  return r === true ? 'added' : r.includes(0) ? 'exists' : 'full';
}

export async function getAttachment(db: Db, userId: string, attachmentId: string): Promise<StoredAttachment | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.planAttachment(userId, attachmentId) }));
  return strip<StoredAttachment>(r.Item);
}

/** Removes an attachment's record and its count; false when there was none. */
export async function removeAttachment(db: Db, userId: string, attachmentId: string): Promise<boolean> {
  return (await transactIf(db, [
    { Delete: { TableName: db.table, Key: key.planAttachment(userId, attachmentId), ConditionExpression: 'attribute_exists(pk)' } },
    { Update: { TableName: db.table, Key: key.planHead(userId), UpdateExpression: 'ADD attachments :minus', ExpressionAttributeValues: { ':minus': -1 } } },
  ])) === true;
}

/** Every item of a founder's plan (for erasure and the personal-data export): head, versions, comments, attachments. */
export async function listPlanItems(db: Db, userId: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': key.planPartition(userId) },
      ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

export async function deletePlanItem(db: Db, pk: string, sk: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: { pk, sk } }));
}
