import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LessonProgress } from '../contract/api.ts';
import type { Area } from '../contract/catalog.ts';
import type { Assignment } from '../domain/assignments.ts';
import type { AreaCompletion, CourseCompletion, ModuleCompletion } from '../domain/progress.ts';
import type { QuizBest } from '../domain/quiz.ts';
import type { EvidenceItem } from '../domain/eligibility.ts';
import type { EligibilityClass, mergeChanges } from '../domain/totals.ts';
import { type Db, failedConditions, strip } from './db.ts';
import { gsi, key, ttlOf } from './keys.ts';
import { makeUpCompletionItems } from './seminars.ts';
import { counterUpdates, type TransactItem } from './totals.ts';

/** One learner's state in one course, as read by a single Query of their progress partition. */
export interface CourseState {
  /** Revision of the partition's HEAD item: every write is conditional on it, so concurrent tabs serialize. */
  rev: number;
  lastActiveDay: string | null;
  lessons: LessonProgress[];
  modules: ModuleCompletion[];
  areas: AreaCompletion[];
  course: CourseCompletion | null;
  quizzes: QuizBest[];
  /** Modules assigned to the learner in this course (by staff, an advisor, or as a make-up), open and done. */
  assignments: Assignment[];
}

export type { QuizBest };

/** One graded quiz submission, kept apart from the progress partition so reading progress never grows with attempts. */
export interface QuizAttemptRecord { moduleId: string; attemptId: string; answers: Record<string, string[]>; score: number; passed: boolean; submittedAt: string; version: string }

export async function readCourseState(db: Db, userId: string, courseId: string): Promise<CourseState> {
  const state: CourseState = { rev: 0, lastActiveDay: null, lessons: [], modules: [], areas: [], course: null, quizzes: [], assignments: [] };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.progressPartition(userId, courseId) }, ExclusiveStartKey,
    }));
    for (const item of r.Items ?? []) {
      const sk = item.sk as string;
      if (sk === 'HEAD') { state.rev = Number(item.rev); state.lastActiveDay = (item.lastActiveDay as string) ?? null; }
      else if (sk.startsWith('LESSON#')) state.lessons.push(strip<LessonProgress>(item)!);
      else if (sk.startsWith('MODULE#')) state.modules.push(strip<ModuleCompletion>(item)!);
      else if (sk.startsWith('QUIZ#')) state.quizzes.push(strip<QuizBest>(item)!);
      else if (sk.startsWith('AREA#')) state.areas.push(strip<AreaCompletion>(item)!);
      else if (sk === 'COMPLETE') state.course = strip<CourseCompletion>(item)!;
      else if (sk.startsWith('ASSIGN#')) state.assignments.push(strip<Assignment>(item)!);
    }
    ExclusiveStartKey = r.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return state;
}

export interface ProgressWrite {
  userId: string;
  courseId: string;
  eventId: string;
  expectRev: number;
  /** A lesson event… */
  lesson?: LessonProgress;
  /** …or a quiz attempt, with the learner's new best on that quiz. */
  quiz?: { best: QuizBest; attempt: QuizAttemptRecord };
  newModules: Array<ModuleCompletion & { areas: Area[] }>;
  /** Areas this write covers for the first time, and the course if it completes it. */
  newAreas?: AreaCompletion[];
  newCourse?: CourseCompletion | null;
  now: Date;
  /** The Japan day of `now` (domain/totals.ts japanDay). */
  day: string;
  /** The founder's row in their municipality, when this write changes it (see SummaryChange). */
  summary?: SummaryChange;
  /** Counter changes of the founder's municipality (domain/totals.ts), applied in the same transaction. */
  counters?: ReturnType<typeof mergeChanges>;
  /** Assignments this write finishes (domain/assignments.ts finishedBy), closed in the same transaction. */
  closeAssignments?: string[];
  /** Of those, the make-ups of seminar sessions: their marks record the day, their sessions count it (store/seminars.ts). */
  makeUps?: Array<{ tenantId: string; sessionId: string }>;
}

/** What a progress write changes on the founder's summary, and the stored values it was decided from (conditions). */
export interface SummaryChange {
  tenantId: string;
  lastActiveAt: string;
  lastActiveDay: string;
  /** Set when this write is the founder's first activity of a Japan day: the day previously stored (the day counters moved on it). */
  prevDay?: string | null;
  completedLesson: boolean;
  newEvidence: EvidenceItem[];
  /** Areas the founder covers for the first time (in any course), and the first course completion. */
  newCoveredAreas: Area[];
  courseCompletedAt?: string;
  /** Set when the founder's standing against the rule changes: the stored standing and the new one. */
  eligibility?: { from: EligibilityClass | null; to: EligibilityClass };
  /** The number of evidence lines the standing was decided from: the write holds only if the stored list still has them. */
  evidenceSize?: number;
}

export type WriteOutcome = 'written' | 'replayed' | 'conflict' | 'summary_changed';

const EVENT_TTL_DAYS = 30;

/**
 * Writes one progress event in a single transaction: the event id (idempotency), the lesson, new module, area and course
 * completions (each written once, conditionally), the HEAD revision, and — when something changed for the dashboards —
 * the learner's summary and the tenant's counters. 'summary_changed' means the summary was not as the caller read it
 * (another course's write, a rule change): re-read it and decide again.
 */
export async function writeProgress(db: Db, w: ProgressWrite): Promise<WriteOutcome> {
  const T = db.table;
  const nowIso = w.now.toISOString();
  const part = key.progressPartition(w.userId, w.courseId);
  const items: TransactItem[] = [
    { Put: {
      TableName: T, Item: { ...key.event(w.userId, w.eventId), at: nowIso, ttl: ttlOf(new Date(w.now.getTime() + EVENT_TTL_DAYS * 86400_000)) },
      ConditionExpression: 'attribute_not_exists(pk)',
    } },
    { Put: {
      TableName: T, Item: { ...key.progressHead(w.userId, w.courseId), rev: w.expectRev + 1, lastActiveDay: w.day },
      ConditionExpression: w.expectRev === 0 ? 'attribute_not_exists(pk)' : 'rev = :rev',
      ...(w.expectRev === 0 ? {} : { ExpressionAttributeValues: { ':rev': w.expectRev } }),
    } },
  ];
  if (w.lesson) items.push({ Put: { TableName: T, Item: { ...key.lesson(w.userId, w.courseId, w.lesson.moduleId, w.lesson.lessonId), ...w.lesson } } });
  if (w.quiz) {
    items.push({ Put: { TableName: T, Item: { ...key.quizBest(w.userId, w.courseId, w.quiz.best.moduleId), ...w.quiz.best } } });
    items.push({ Put: { TableName: T, Item: { ...key.quizAttempt(w.userId, w.courseId, w.quiz.attempt.moduleId, w.quiz.attempt.attemptId), ...w.quiz.attempt } } });
  }
  for (const m of w.newModules) {
    items.push({ Put: {
      TableName: T, Item: { ...key.moduleCompletion(w.userId, w.courseId, m.moduleId), moduleId: m.moduleId, completedAt: m.completedAt, version: m.version },
      ConditionExpression: 'attribute_not_exists(pk)',
    } });
  }
  for (const a of w.newAreas ?? []) {
    items.push({ Put: {
      TableName: T, Item: { ...key.areaCompletion(w.userId, w.courseId, a.area), area: a.area, completedAt: a.completedAt, version: a.version },
      ConditionExpression: 'attribute_not_exists(pk)',
    } });
  }
  if (w.newCourse) {
    items.push({ Put: {
      TableName: T, Item: { ...key.courseCompletion(w.userId, w.courseId), completedAt: w.newCourse.completedAt, version: w.newCourse.version },
      ConditionExpression: 'attribute_not_exists(pk)',
    } });
  }
  for (const id of w.closeAssignments ?? []) {
    items.push({ Update: {
      TableName: T, Key: key.assignment(w.userId, w.courseId, id), UpdateExpression: 'SET completedAt = :at REMOVE gsi1pk, gsi1sk',
      ConditionExpression: 'attribute_exists(pk) AND completedAt = :null', ExpressionAttributeValues: { ':at': nowIso, ':null': null },
    } });
  }
  for (const m of w.makeUps ?? []) items.push(...makeUpCompletionItems(T, m.tenantId, m.sessionId, w.userId, nowIso));
  const summaryIndex = items.length;
  if (w.summary) items.push(summaryUpdate(T, w.userId, w));
  if (w.summary && w.counters) items.push(...counterUpdates(T, w.summary.tenantId, w.counters));
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items as never }));
    return 'written';
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') return 'conflict';
    if (failed.includes(0)) return 'replayed';
    if (w.summary && failed.includes(summaryIndex)) return 'summary_changed';
    return 'conflict';
  }
}

function summaryUpdate(T: string, userId: string, w: ProgressWrite): TransactItem {
  const s = w.summary!;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':t': s.lastActiveAt, ':d': s.lastActiveDay, ':g3': gsi.learnerByActivity(s.lastActiveAt, userId) };
  const set = ['lastActiveAt = :t', 'lastActiveDay = :d', 'gsi3sk = :g3'];
  const add: string[] = [];
  const conditions = ['attribute_exists(pk)'];
  if (s.prevDay !== undefined) {
    if (s.prevDay === null) conditions.push('(attribute_not_exists(lastActiveDay) OR lastActiveDay = :null)');
    else { conditions.push('lastActiveDay = :prevDay'); values[':prevDay'] = s.prevDay; }
  }
  if (s.completedLesson) { add.push('completedLessons :one'); values[':one'] = 1; }
  if (w.newModules.length > 0 || s.newEvidence.length > 0 || s.newCoveredAreas.length > 0) values[':empty'] = [];
  if (w.newModules.length > 0) {
    set.push('completedModules = list_append(if_not_exists(completedModules, :empty), :mods)');
    values[':mods'] = w.newModules.map((m) => m.moduleId);
    const perArea = new Map<Area, number>();
    for (const m of w.newModules) for (const a of m.areas) perArea.set(a, (perArea.get(a) ?? 0) + 1);
    for (const [a, n] of perArea) { names[`#${a}`] = a; values[`:${a}`] = n; add.push(`areaModules.#${a} :${a}`); }
  }
  if (s.newEvidence.length > 0) {
    set.push('evidence = list_append(if_not_exists(evidence, :empty), :ev)');
    values[':ev'] = s.newEvidence;
  }
  if (s.newCoveredAreas.length > 0) {
    set.push('coveredAreas = list_append(if_not_exists(coveredAreas, :empty), :areas)');
    values[':areas'] = s.newCoveredAreas;
  }
  if (s.courseCompletedAt) { set.push('courseCompletedAt = if_not_exists(courseCompletedAt, :done)'); values[':done'] = s.courseCompletedAt; }
  if (s.evidenceSize !== undefined) {
    values[':evn'] = s.evidenceSize;
    conditions.push(s.evidenceSize === 0 ? '(attribute_not_exists(evidence) OR size(evidence) = :evn)' : 'size(evidence) = :evn');
  }
  if (s.eligibility) {
    set.push('eligibility = :el');
    values[':el'] = s.eligibility.to;
    if (s.eligibility.from === null) conditions.push('attribute_not_exists(eligibility)');
    else { conditions.push('eligibility = :elFrom'); values[':elFrom'] = s.eligibility.from; }
  }
  if (conditions.some((c) => c.includes(':null'))) values[':null'] = null;
  return { Update: {
    TableName: T, Key: key.learnerSummary(s.tenantId, userId),
    UpdateExpression: `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''}`,
    ConditionExpression: conditions.join(' AND '),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
  } };
}

export async function getQuizAttempt(db: Db, userId: string, courseId: string, moduleId: string, attemptId: string): Promise<QuizAttemptRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.quizAttempt(userId, courseId, moduleId, attemptId) }));
  return strip<QuizAttemptRecord>(r.Item);
}

export class AssignmentExists extends Error {}

/**
 * Adds an assignment to a learner's progress partition. It moves the partition's HEAD revision like every progress
 * write, so it is serialized with them: a write that completes the last module either sees the assignment (and closes
 * it) or comes after it (and the assignment was created already done). 'conflict' means the partition moved: re-read.
 */
export async function putAssignment(db: Db, a: Assignment, expectRev: number): Promise<'written' | 'conflict'> {
  const T = db.table;
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: [
      { Put: {
        TableName: T, Item: { ...key.assignment(a.userId, a.courseId, a.id), ...a, ...(a.completedAt ? {} : { gsi1pk: gsi.openAssignmentsOfTenant(a.tenantId), gsi1sk: `${a.dueOn}#${a.userId}#${a.id}` }) },
        ConditionExpression: 'attribute_not_exists(pk)',
      } },
      { Update: {
        TableName: T, Key: key.progressHead(a.userId, a.courseId), UpdateExpression: 'SET rev = :next',
        ConditionExpression: expectRev === 0 ? 'attribute_not_exists(rev)' : 'rev = :rev',
        ExpressionAttributeValues: { ':next': expectRev + 1, ...(expectRev === 0 ? {} : { ':rev': expectRev }) },
      } },
    ] }));
    return 'written';
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed === 'busy') return 'conflict';
    if (failed.includes(0)) throw new AssignmentExists();
    return 'conflict';
  }
}

/** Withdraws an open assignment (the person who set it, or staff); a done one stays as the record of work done. */
export async function withdrawAssignment(db: Db, userId: string, courseId: string, id: string): Promise<boolean> {
  try {
    await db.doc.send(new DeleteCommand({
      TableName: db.table, Key: key.assignment(userId, courseId, id), ConditionExpression: 'attribute_exists(pk) AND completedAt = :null',
      ExpressionAttributeValues: { ':null': null },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}

/** Open assignments of a municipality due before `beforeDay` (gsi1, by due day): overdue ones, or those the reminders job reads. */
export async function listOpenAssignments(db: Db, tenantId: string, beforeDay: string): Promise<Assignment[]> {
  const out: Assignment[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.doc.send(new QueryCommand({
      TableName: db.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :d',
      ExpressionAttributeValues: { ':p': gsi.openAssignmentsOfTenant(tenantId), ':d': beforeDay }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    out.push(...(r.Items ?? []).map((i) => strip<Assignment & { dueSoonMailedAt?: string; overdueMailedAt?: string }>(i)!));
    start = r.LastEvaluatedKey;
  } while (start);
  return out;
}

/**
 * Claims one reminder of an assignment ('due_soon' or 'overdue'), once: the first claim wins, so overlapping runs of
 * the job never both send. Claimed before sending: a crash between the two loses that reminder rather than sending two.
 */
export async function claimAssignmentReminder(db: Db, a: Pick<Assignment, 'userId' | 'courseId' | 'id'>, kind: 'due_soon' | 'overdue', at: string): Promise<boolean> {
  const attr = kind === 'due_soon' ? 'dueSoonMailedAt' : 'overdueMailedAt';
  try {
    await db.doc.send(new UpdateCommand({
      TableName: db.table, Key: key.assignment(a.userId, a.courseId, a.id), UpdateExpression: `SET ${attr} = :at`,
      ConditionExpression: `attribute_exists(pk) AND completedAt = :null AND attribute_not_exists(${attr})`, ExpressionAttributeValues: { ':at': at, ':null': null },
    }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
