import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LessonProgress } from '../contract/api.ts';
import type { Area } from '../contract/catalog.ts';
import type { AreaCompletion, CourseCompletion, ModuleCompletion } from '../domain/progress.ts';
import type { QuizBest } from '../domain/quiz.ts';
import { type Db, failedConditions, strip } from './db.ts';
import { key, ttlOf } from './keys.ts';

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
}

export type { QuizBest };

/** One graded quiz submission, kept apart from the progress partition so reading progress never grows with attempts. */
export interface QuizAttemptRecord { moduleId: string; attemptId: string; answers: Record<string, string[]>; score: number; passed: boolean; submittedAt: string; version: string }

export async function readCourseState(db: Db, userId: string, courseId: string): Promise<CourseState> {
  const state: CourseState = { rev: 0, lastActiveDay: null, lessons: [], modules: [], areas: [], course: null, quizzes: [] };
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
  newlyCompletedLesson: boolean;
  /** …or a quiz attempt, with the learner's new best on that quiz. */
  quiz?: { best: QuizBest; attempt: QuizAttemptRecord };
  newModules: Array<ModuleCompletion & { areas: Area[] }>;
  /** Areas this write covers for the first time, and the course if it completes it. */
  newAreas?: AreaCompletion[];
  newCourse?: CourseCompletion | null;
  now: Date;
  /** The founder's municipality, whose dashboard summary and counters move with this write. */
  tenantId: string | null;
  touchSummary: boolean;
}

export type WriteOutcome = 'written' | 'replayed' | 'conflict';

const EVENT_TTL_DAYS = 30;

/**
 * Writes one progress event in a single transaction: the event id (idempotency), the lesson, new module, area and course
 * completions (each written once, conditionally), the HEAD revision, and — when something changed for the dashboards — the learner's summary and the tenant's counters.
 */
export async function writeProgress(db: Db, w: ProgressWrite): Promise<WriteOutcome> {
  const T = db.table;
  const nowIso = w.now.toISOString();
  const day = nowIso.slice(0, 10);
  const part = key.progressPartition(w.userId, w.courseId);
  const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    { Put: {
      TableName: T, Item: { ...key.event(w.userId, w.eventId), at: nowIso, ttl: ttlOf(new Date(w.now.getTime() + EVENT_TTL_DAYS * 86400_000)) },
      ConditionExpression: 'attribute_not_exists(pk)',
    } },
    { Put: {
      TableName: T, Item: { pk: part, sk: 'HEAD', rev: w.expectRev + 1, lastActiveDay: day },
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
  const completes = w.newModules.length > 0 || (w.newAreas?.length ?? 0) > 0 || Boolean(w.newCourse);
  if (w.tenantId && (w.touchSummary || w.newlyCompletedLesson || completes)) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':t': nowIso };
    const set = ['lastActiveAt = :t'];
    const add: string[] = [];
    if (w.newlyCompletedLesson) { add.push('completedLessons :one'); values[':one'] = 1; }
    if (w.newModules.length > 0) {
      set.push('completedModules = list_append(if_not_exists(completedModules, :empty), :mods)');
      values[':empty'] = [];
      values[':mods'] = w.newModules.map((m) => m.moduleId);
      const perArea = new Map<Area, number>();
      for (const m of w.newModules) for (const a of m.areas) perArea.set(a, (perArea.get(a) ?? 0) + 1);
      for (const [a, n] of perArea) { names[`#${a}`] = a; values[`:${a}`] = n; add.push(`areaModules.#${a} :${a}`); }
    }
    if (w.newAreas?.length) {
      set.push('coveredAreas = list_append(if_not_exists(coveredAreas, :empty), :areas)');
      values[':empty'] = [];
      values[':areas'] = w.newAreas.map((a) => a.area);
    }
    if (w.newCourse) { set.push('courseCompletedAt = :done'); values[':done'] = w.newCourse.completedAt; }
    items.push({ Update: {
      TableName: T, Key: key.learnerSummary(w.tenantId, w.userId),
      UpdateExpression: `SET ${set.join(', ')}${add.length ? ` ADD ${add.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk)',
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    } });
    // One counter update per module (a transaction may touch an item only once).
    const bumps = new Map<string, string[]>();
    if (w.newlyCompletedLesson && w.lesson) bumps.set(w.lesson.moduleId, ['lessonCompletions']);
    for (const m of w.newModules) bumps.set(m.moduleId, [...(bumps.get(m.moduleId) ?? []), 'moduleCompletions']);
    for (const [moduleId, fields] of bumps) items.push(counter(T, w.tenantId, w.courseId, moduleId, fields));
  }
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return 'written';
  } catch (e) {
    const failed = failedConditions(e);
    if (failed === null) throw e;
    if (failed.includes(0)) return 'replayed';
    return 'conflict';
  }
}

function counter(T: string, tenantId: string, courseId: string, moduleId: string, fields: string[]) {
  return { Update: {
    TableName: T, Key: key.moduleStat(tenantId, courseId, moduleId),
    UpdateExpression: `ADD ${fields.map((_, i) => `#f${i} :one`).join(', ')} SET courseId = :c, moduleId = :m`,
    ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
    ExpressionAttributeValues: { ':one': 1, ':c': courseId, ':m': moduleId },
  } };
}

export async function getQuizAttempt(db: Db, userId: string, courseId: string, moduleId: string, attemptId: string): Promise<QuizAttemptRecord | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: key.quizAttempt(userId, courseId, moduleId, attemptId) }));
  return strip<QuizAttemptRecord>(r.Item);
}
