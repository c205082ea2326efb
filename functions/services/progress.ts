import type { CourseProgress, ProgressBody } from '../contract/api.ts';
import type { ServerCourse } from '../contract/catalog.ts';
import { DEFAULT_ELIGIBILITY_RULE, type EligibilityRule } from '../contract/eligibility.ts';
import { finishedBy } from '../domain/assignments.ts';
import type { EvidenceItem } from '../domain/eligibility.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { eventTime, mergeLessonProgress, newCompletions, type NewCompletions, NO_NEW_COMPLETIONS, summarizeCourse, withCompletions } from '../domain/progress.ts';
import { changesOf, classifyEligibility, type EligibilityClass, japanDay, type TotalsEvent } from '../domain/totals.ts';
import { type CourseState, type ProgressWrite, type QuizBest, readCourseState, type WriteOutcome, writeProgress } from '../store/progress.ts';
import { getSummaryAndRule, type LearnerSummary } from '../store/summaries.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { backoff } from './retry.ts';

export function courseOf(deps: Deps, courseId: string): { course: ServerCourse; version: string } {
  const catalog = deps.catalog();
  const course = catalog.courses.find((c) => c.id === courseId);
  if (!course) throw notFound('Course');
  return { course, version: catalog.version };
}

/** The learner's whole progress in a course: one Query, summarized by the domain. Access is decided by the route. */
export async function getCourseProgress(deps: Deps, auth: Authenticated, courseId: string): Promise<CourseProgress> {
  const { course, version } = courseOf(deps, courseId);
  const state = await readCourseState(deps.db, auth.user.id, courseId);
  return summarizeCourse(course, version, state.lessons, state, passedQuizzes(state.quizzes));
}

const MAX_ATTEMPTS = 6;

/**
 * Records one progress event for a lesson. Idempotent by event id, monotonic in completion, and serialized per learner
 * by the HEAD revision: a concurrent write from another tab makes this one re-read and try again.
 */
export async function recordLessonProgress(
  deps: Deps, auth: Authenticated, ids: { courseId: string; moduleId: string; lessonId: string }, body: ProgressBody,
): Promise<CourseProgress> {
  const { course, version } = courseOf(deps, ids.courseId);
  const mod = course.modules.find((m) => m.id === ids.moduleId);
  if (!mod || !mod.lessons.includes(ids.lessonId)) throw notFound('Lesson');
  let result: CourseProgress | undefined;
  const outcome = await writeWithRetries(deps, auth, ids.courseId, async (state, now) => {
    const prev = state.lessons.find((l) => l.moduleId === ids.moduleId && l.lessonId === ids.lessonId);
    const at = eventTime(body.at, now);
    const { next, newlyCompleted } = mergeLessonProgress(prev, ids, { status: body.status, position: body.position ?? 0, at, version });
    const lessons = [...state.lessons.filter((l) => l !== prev), next];
    const fresh = newlyCompleted ? newCompletions(course, lessons, passedQuizzes(state.quizzes), state, at, version) : NO_NEW_COMPLETIONS;
    result = summarizeCourse(course, version, lessons, withCompletions(state, fresh), passedQuizzes(state.quizzes));
    const started = newlyCompleted && !state.lessons.some((l) => l.moduleId === ids.moduleId && l.status === 'completed');
    return { course, fresh, write: { eventId: body.eventId, lesson: next }, completedLesson: newlyCompleted ? ids.moduleId : null, startedModule: started };
  });
  if (outcome === 'replayed') return getCourseProgress(deps, auth, ids.courseId);
  return result!;
}

/** What one attempt of a progress write decided: the items of the learner's own partition and what it completes. */
export interface PlannedWrite {
  course: ServerCourse;
  fresh: NewCompletions;
  write: Pick<ProgressWrite, 'eventId' | 'lesson' | 'quiz'>;
  /** The module of a lesson completed for the first time by this write. */
  completedLesson: string | null;
  /** That lesson is the founder's first completed lesson of its module: they started the module. */
  startedModule?: boolean;
}

/**
 * The loop every progress write runs: read the learner's state, let `plan` decide, write in one transaction with the
 * founder's summary and the municipality's counters; on a lost race back off with jitter and decide again. A race
 * that outlives the retries is answered honestly as a conflict to retry, never as a partial write.
 */
export async function writeWithRetries(
  deps: Deps, auth: Authenticated, courseId: string, plan: (state: CourseState, now: Date) => Promise<PlannedWrite> | PlannedWrite,
): Promise<Exclude<WriteOutcome, 'conflict' | 'summary_changed'>> {
  const tenantId = auth.user.learnerTenantId;
  let known: { summary?: LearnerSummary; rule?: EligibilityRule } | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = deps.clock();
    const state = await readCourseState(deps.db, auth.user.id, courseId);
    const p = await plan(state, now);
    if (tenantId && p.fresh.modules.length > 0 && !known) known = await getSummaryAndRule(deps.db, tenantId, auth.user.id);
    // Assignments the modules completed by this write finish are closed in the same transaction.
    const done = new Set([...state.modules, ...p.fresh.modules].map((m) => m.moduleId));
    const closing = p.fresh.modules.length > 0 ? finishedBy(state.assignments, done) : [];
    // A make-up of a missed seminar session counts as that session, on the day it is completed.
    const makeUps = closing.flatMap((a) => (a.source.kind === 'makeup' ? [{ tenantId: a.tenantId, sessionId: a.source.sessionId, areas: a.source.areas }] : []));
    const outcome = await writeProgress(deps.db, {
      userId: auth.user.id, courseId, expectRev: state.rev, now, day: japanDay(now.toISOString()), ...p.write, closeAssignments: closing.map((a) => a.id),
      makeUps: makeUps.map((m) => ({ tenantId: m.tenantId, sessionId: m.sessionId })),
      ...completionWrites(p.course, p.fresh),
      ...(tenantId ? dashboardChanges({ tenantId, courseId, now, headDay: state.lastActiveDay, completedLesson: p.completedLesson, startedModule: p.startedModule === true, course: p.course, fresh: p.fresh, known, makeUps }) : {}),
    });
    if (outcome === 'written' || outcome === 'replayed') return outcome;
    // The summary was not as read (another course's write, a rule change): read it exactly next time.
    known = outcome === 'summary_changed' && tenantId ? await getSummaryAndRule(deps.db, tenantId, auth.user.id) : undefined;
    if (outcome === 'conflict') await backoff(attempt);
  }
  throw new DomainError('conflict', 'Your progress is being saved from several places at once and could not be saved this time; please try again', undefined, 1);
}

/**
 * What a write changes for the dashboards, decided from the learner's state and (when a module completes) their stored
 * summary and their municipality's rule: the summary fields, with the stored values they depend on as conditions, and
 * the counter changes of every event, from the one pure function domain/totals.ts counterChanges.
 */
export function dashboardChanges(o: {
  tenantId: string; courseId: string; now: Date; headDay: string | null; completedLesson: string | null; startedModule?: boolean; course: ServerCourse;
  fresh: NewCompletions; known: { summary?: LearnerSummary; rule?: EligibilityRule } | undefined;
  /** Make-ups of seminar sessions this write completes. */
  makeUps?: ReadonlyArray<{ sessionId: string; areas: EvidenceItem['areas'] }>;
}): Pick<ProgressWrite, 'summary' | 'counters'> {
  const nowIso = o.now.toISOString();
  const day = japanDay(nowIso);
  const prevDay = o.known?.summary ? o.known.summary.lastActiveDay ?? null : o.headDay;
  const newDay = prevDay !== day;
  const completes = o.fresh.modules.length > 0 || o.fresh.areas.length > 0 || o.fresh.course !== null;
  if (!newDay && !o.completedLesson && !completes) return {};

  const events: TotalsEvent[] = [];
  if (newDay) events.push({ kind: 'active', at: nowIso, prevDay });
  if (o.completedLesson) events.push({ kind: 'lesson_completed', courseId: o.courseId, moduleId: o.completedLesson, firstInModule: o.startedModule === true });
  for (const m of o.fresh.modules) events.push({ kind: 'module_completed', courseId: o.courseId, moduleId: m.moduleId, at: m.completedAt });
  // Areas and the course complete per course; the municipality counts founders, so only a founder's first counts.
  const alreadyCovered = new Set(o.known?.summary?.coveredAreas ?? []);
  const newCoveredAreas = o.fresh.areas.map((a) => a.area).filter((a) => !alreadyCovered.has(a));
  for (const area of newCoveredAreas) events.push({ kind: 'area_covered', area });
  const firstCourse = o.fresh.course !== null && !o.known?.summary?.courseCompletedAt;
  if (o.fresh.course) events.push({ kind: 'course_completed', at: o.fresh.course.completedAt, firstForFounder: firstCourse });

  const newEvidence: EvidenceItem[] = o.fresh.modules.map((m): EvidenceItem => ({
    kind: 'module', ref: `${o.courseId}/${m.moduleId}`, date: japanDay(m.completedAt), areas: [...(o.course.modules.find((x) => x.id === m.moduleId)?.areas ?? [])],
  }));
  for (const m of o.makeUps ?? []) newEvidence.push({ kind: 'session', ref: m.sessionId, date: day, areas: [...m.areas], makeUp: true });
  let eligibility: { from: EligibilityClass | null; to: EligibilityClass } | undefined;
  if (newEvidence.length > 0 && o.known?.summary) {
    const from = o.known.summary.eligibility ?? null;
    const to = classifyEligibility(o.known.rule ?? DEFAULT_ELIGIBILITY_RULE, [...(o.known.summary.evidence ?? []), ...newEvidence]);
    if (from !== to) {
      eligibility = { from, to };
      events.push({ kind: 'eligibility_changed', from, to });
    }
  }
  return {
    summary: {
      tenantId: o.tenantId, lastActiveAt: nowIso, lastActiveDay: day, ...(newDay ? { prevDay } : {}),
      completedLesson: o.completedLesson !== null, newEvidence, newCoveredAreas, ...(eligibility ? { eligibility } : {}),
      ...(newEvidence.length > 0 && o.known?.summary ? { evidenceSize: (o.known.summary.evidence ?? []).length } : {}),
      ...(firstCourse ? { courseCompletedAt: o.fresh.course!.completedAt } : {}),
    },
    counters: changesOf(...events),
  };
}

export const passedQuizzes = (quizzes: readonly QuizBest[]): ReadonlySet<string> => new Set(quizzes.filter((q) => q.passed).map((q) => q.moduleId));

/** New completions as the store writes them: each module with its areas, for the tenant's per-area counts. */
export function completionWrites(course: ServerCourse, fresh: NewCompletions) {
  return {
    newModules: fresh.modules.map((m) => ({ ...m, areas: course.modules.find((x) => x.id === m.moduleId)!.areas })),
    newAreas: fresh.areas,
    newCourse: fresh.course,
  };
}
