import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Assignment } from '../domain/assignments.ts';
import type { Attendance, MarkPlan, Session } from '../domain/seminars.ts';
import type { mergeChanges } from '../domain/totals.ts';
import { type Db, failedConditions, strip } from './db.ts';
import { gsi, key } from './keys.ts';
import { counterUpdates, type TransactItem } from './totals.ts';

/**
 * Seminar sessions and attendance, in the municipality's partition:
 * - SESSION#<id>: the session, its check-in secret (never handed out) and its attendance counts, which move in the
 *   same transaction as every mark; gsi1 lists a cohort's sessions by start.
 * - ATTEND#<session>#<user>: one founder's mark, with what the founder's record needs (session title, start, areas), so
 *   a founder's attendance is one Query of gsi1 (USER#<u>#ATTEND) and never a read of the sessions.
 */
export type StoredSession = Session & { checkinSecret: string };

const sessionItem = (s: StoredSession) => ({
  ...key.seminarSession(s.tenantId, s.id), ...s,
  gsi1pk: gsi.sessionsOfCohort(s.tenantId, s.cohortId), gsi1sk: `${s.startsAt}#${s.id}`,
  // Every session of the region by start (gsi2): the union's figures read the attendance counts in one Query.
  gsi2pk: gsi.regionSessions, gsi2sk: `${s.startsAt}#${s.tenantId}#${s.id}`,
});

export async function putSession(db: Db, s: StoredSession): Promise<void> {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: sessionItem(s), ConditionExpression: 'attribute_not_exists(pk)' }));
}

/** Replaces what staff edit, on condition nobody changed the session since it was read (its start) and it is not followed up. */
export async function replaceSession(db: Db, s: StoredSession, readStartsAt: string): Promise<boolean> {
  try {
    await db.doc.send(new PutCommand({
      TableName: db.table, Item: sessionItem(s),
      ConditionExpression: 'attribute_exists(pk) AND startsAt = :read AND followedUpAt = :null',
      ExpressionAttributeValues: { ':read': readStartsAt, ':null': null },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function getSession(db: Db, tenantId: string, sessionId: string): Promise<StoredSession | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.seminarSession(tenantId, sessionId), ConsistentRead: true }));
  return strip<StoredSession>(r.Item);
}

/** A municipality's sessions (one Query of its partition; a municipality holds a few dozen a year). */
export async function listSessions(db: Db, tenantId: string): Promise<StoredSession[]> {
  return queryAll<StoredSession>(db, { pk: key.tenantPartition(tenantId), prefix: 'SESSION#' });
}

export type SessionCounts = { tenantId: string; startsAt: string; counts: Partial<Record<'present' | 'excused' | 'absent' | 'madeUp', number>> };

/**
 * The attendance counts of every municipality's sessions that started in [from, to) (gsi2, paged; only those
 * attributes): what the region's figures read, never a mark. A few dozen sessions per municipality and year.
 */
export async function listRegionSessionCounts(db: Db, from: string, to: string): Promise<SessionCounts[]> {
  const out: SessionCounts[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p AND gsi2sk BETWEEN :a AND :b',
      ProjectionExpression: 'tenantId, startsAt, #c', ExpressionAttributeNames: { '#c': 'counts' },
      ExpressionAttributeValues: { ':p': gsi.regionSessions, ':a': from, ':b': `${to}` }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    for (const i of r.Items ?? []) {
      if (String(i.startsAt) >= to) continue;
      out.push({ tenantId: String(i.tenantId), startsAt: String(i.startsAt), counts: (i.counts ?? {}) as SessionCounts['counts'] });
    }
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/** A cohort's sessions by start. */
export async function listCohortSessions(db: Db, tenantId: string, cohortId: string): Promise<StoredSession[]> {
  return queryIndexAll<StoredSession>(db, gsi.sessionsOfCohort(tenantId, cohortId));
}

/** Deletes a session that has not started, with the advance notices given for it. */
export async function deleteSession(db: Db, tenantId: string, sessionId: string, readStartsAt: string): Promise<boolean> {
  try {
    await db.doc.send(new DeleteCommand({
      TableName: db.table, Key: key.seminarSession(tenantId, sessionId),
      ConditionExpression: 'attribute_exists(pk) AND startsAt = :read', ExpressionAttributeValues: { ':read': readStartsAt },
    }));
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
  const marks = await listAttendance(db, tenantId, sessionId);
  for (let i = 0; i < marks.length; i += 25) {
    await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: marks.slice(i, i + 25).map((m) => ({ DeleteRequest: { Key: key.attendance(tenantId, sessionId, m.userId) } })) } }));
  }
  return true;
}

/** Records that the make-up job has assigned every make-up of the session (once). */
export async function markFollowedUp(db: Db, tenantId: string, sessionId: string, at: string): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.seminarSession(tenantId, sessionId), UpdateExpression: 'SET followedUpAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND followedUpAt = :null', ExpressionAttributeValues: { ':at': at, ':null': null },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** A stored mark: the mark, and what the founder's record shows of the session. */
export type StoredAttendance = Attendance & { tenantId: string; sessionTitle: string; sessionStartsAt: string; areas: Session['areas']; courseId: string };

export async function getAttendance(db: Db, tenantId: string, sessionId: string, userId: string): Promise<StoredAttendance | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.attendance(tenantId, sessionId, userId), ConsistentRead: true }));
  return strip<StoredAttendance>(r.Item);
}

export async function listAttendance(db: Db, tenantId: string, sessionId: string): Promise<StoredAttendance[]> {
  return queryAll<StoredAttendance>(db, { pk: key.tenantPartition(tenantId), prefix: `ATTEND#${sessionId}#`, consistent: true });
}

/** A founder's marks in every session (gsi1), oldest session first: what their record and their home read. */
export async function attendanceOfUser(db: Db, userId: string): Promise<StoredAttendance[]> {
  return queryIndexAll<StoredAttendance>(db, gsi.attendanceOfUser(userId));
}

export type MarkOutcome = 'written' | 'conflict' | 'assignment_exists';

/**
 * Writes one planned change of a mark in one transaction: the mark (on condition it is still as read), the session's
 * counts, the founder's evidence and standing (on condition the stored evidence still has the lines it was planned
 * from), the municipality's counters and — for the make-up job — the make-up assignment with its partition's HEAD
 * revision, so it serializes with the founder's progress writes exactly like every assignment.
 */
export async function writeMark(db: Db, w: {
  tenantId: string; plan: MarkPlan; record: Omit<StoredAttendance, keyof Attendance>;
  counters?: ReturnType<typeof mergeChanges>; assignment?: { a: Assignment; expectRev: number };
}): Promise<MarkOutcome> {
  const T = db.table;
  const { plan, tenantId } = w;
  const a = plan.after;
  const items: TransactItem[] = [];
  const before = plan.before;
  items.push({ Put: {
    TableName: T,
    Item: { ...key.attendance(tenantId, a.sessionId, a.userId), ...w.record, ...a, gsi1pk: gsi.attendanceOfUser(a.userId), gsi1sk: `${w.record.sessionStartsAt}#${a.sessionId}` },
    ...(before
      ? { ConditionExpression: 'markedAt = :m AND #st = :s AND madeUpAt = :u', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':m': before.markedAt, ':s': before.status, ':u': before.madeUpAt } }
      : { ConditionExpression: 'attribute_not_exists(pk)' }),
  } });
  const deltas = Object.entries(plan.delta);
  if (deltas.length > 0) {
    const names: Record<string, string> = { '#c': 'counts' };
    const values: Record<string, unknown> = {};
    const adds = deltas.map(([k, n], i) => { names[`#k${i}`] = k; values[`:k${i}`] = n; return `#c.#k${i} :k${i}`; });
    items.push({ Update: {
      TableName: T, Key: key.seminarSession(tenantId, a.sessionId), UpdateExpression: `ADD ${adds.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: names, ExpressionAttributeValues: values,
    } });
  }
  if (plan.summary) {
    const s = plan.summary;
    const values: Record<string, unknown> = { ':ev': s.evidence, ':n': s.expectSize };
    const set = ['evidence = :ev'];
    const cond = ['attribute_exists(pk)', s.expectSize === 0 ? '(attribute_not_exists(evidence) OR size(evidence) = :n)' : 'size(evidence) = :n'];
    if (s.eligibility) {
      set.push('eligibility = :to'); values[':to'] = s.eligibility.to;
      if (s.eligibility.from === null) cond.push('attribute_not_exists(eligibility)');
      else { cond.push('eligibility = :from'); values[':from'] = s.eligibility.from; }
    }
    items.push({ Update: {
      TableName: T, Key: key.learnerSummary(tenantId, a.userId), UpdateExpression: `SET ${set.join(', ')}`,
      ConditionExpression: cond.join(' AND '), ExpressionAttributeValues: values,
    } });
    if (w.counters && w.counters.length > 0) items.push(...counterUpdates(T, tenantId, w.counters));
  }
  let assignmentIndex = -1;
  if (w.assignment) {
    const { a: asg, expectRev } = w.assignment;
    assignmentIndex = items.length;
    items.push({ Put: {
      TableName: T, Item: { ...key.assignment(asg.userId, asg.courseId, asg.id), ...asg, ...(asg.completedAt ? {} : { gsi1pk: gsi.openAssignmentsOfTenant(asg.tenantId), gsi1sk: `${asg.dueOn}#${asg.userId}#${asg.id}` }) },
      ConditionExpression: 'attribute_not_exists(pk)',
    } });
    items.push({ Update: {
      TableName: T, Key: key.progressHead(asg.userId, asg.courseId), UpdateExpression: 'SET rev = :next',
      ConditionExpression: expectRev === 0 ? 'attribute_not_exists(rev)' : 'rev = :rev',
      ExpressionAttributeValues: { ':next': expectRev + 1, ...(expectRev === 0 ? {} : { ':rev': expectRev }) },
    } });
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items as never }));
    return 'written';
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed !== 'busy' && assignmentIndex >= 0 && failed.includes(assignmentIndex)) return 'assignment_exists';
    return 'conflict';
  }
}

/** Takes back a founder's advance notice (the mark goes, the session's count with it), if it is still as read. */
export async function removeNotice(db: Db, mark: StoredAttendance): Promise<boolean> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [
      { Delete: {
        TableName: db.table, Key: key.attendance(mark.tenantId, mark.sessionId, mark.userId),
        ConditionExpression: 'markedAt = :m AND #st = :excused', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':m': mark.markedAt, ':excused': 'excused' },
      } },
      { Update: {
        TableName: db.table, Key: key.seminarSession(mark.tenantId, mark.sessionId), UpdateExpression: 'ADD #c.excused :minus',
        ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#c': 'counts' }, ExpressionAttributeValues: { ':minus': -1 },
      } },
    ] }));
    return true;
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    return false;
  }
}

/**
 * Claims the make-up mail of one founder for one session: only the first claim succeeds, so two runs of the job (or a
 * run after a crash) never send it twice. A send that fails gives the claim back (releaseMakeUpMail).
 */
export async function claimMakeUpMail(db: Db, tenantId: string, sessionId: string, userId: string, at: string): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.attendance(tenantId, sessionId, userId), UpdateExpression: 'SET makeUpMailedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND makeUpMailedAt = :null', ExpressionAttributeValues: { ':at': at, ':null': null },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

export async function releaseMakeUpMail(db: Db, tenantId: string, sessionId: string, userId: string, at: string): Promise<void> {
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.attendance(tenantId, sessionId, userId), UpdateExpression: 'SET makeUpMailedAt = :null',
      ConditionExpression: 'makeUpMailedAt = :at', ExpressionAttributeValues: { ':at': at, ':null': null },
    }));
  } catch (e) {
    if ((e as { name?: string }).name !== 'ConditionalCheckFailedException') throw e;
  }
}

/**
 * The transaction items a progress write adds when it completes a make-up: the mark records the day it was made up,
 * and the session counts it. (The founder's evidence line comes with the progress write's own summary update.)
 */
export function makeUpCompletionItems(table: string, tenantId: string, sessionId: string, userId: string, at: string): TransactItem[] {
  return [
    { Update: {
      TableName: table, Key: key.attendance(tenantId, sessionId, userId), UpdateExpression: 'SET madeUpAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND madeUpAt = :null', ExpressionAttributeValues: { ':at': at, ':null': null },
    } },
    { Update: {
      TableName: table, Key: key.seminarSession(tenantId, sessionId), UpdateExpression: 'ADD #c.madeUp :one',
      ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeNames: { '#c': 'counts' }, ExpressionAttributeValues: { ':one': 1 },
    } },
  ];
}

async function queryAll<T>(db: Db, q: { pk: string; prefix: string; consistent?: boolean }): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': q.pk, ':s': q.prefix },
      ...(q.consistent ? { ConsistentRead: true } : {}), ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<T>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

async function queryIndexAll<T>(db: Db, gsi1pk: string): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': gsi1pk },
      ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<T>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}
