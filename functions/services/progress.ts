import type { CourseProgress, ProgressBody } from '../contract/api.ts';
import type { ServerCourse } from '../contract/catalog.ts';
import { conflict, forbidden, notFound } from '../domain/errors.ts';
import { can } from '../domain/policy.ts';
import { eventTime, mergeLessonProgress, newCompletions, type NewCompletions, NO_NEW_COMPLETIONS, summarizeCourse, withCompletions } from '../domain/progress.ts';
import { type QuizBest, readCourseState, writeProgress } from '../store/progress.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';

function courseOf(deps: Deps, courseId: string): { course: ServerCourse; version: string } {
  const catalog = deps.catalog();
  const course = catalog.courses.find((c) => c.id === courseId);
  if (!course) throw notFound('Course');
  return { course, version: catalog.version };
}

/** The learner's whole progress in a course: one Query, summarized by the domain. */
export async function getCourseProgress(deps: Deps, auth: Authenticated, courseId: string): Promise<CourseProgress> {
  if (!can(auth.principal, 'study', { kind: 'self' })) throw forbidden('Only enrolled founders have course progress');
  const { course, version } = courseOf(deps, courseId);
  const state = await readCourseState(deps.db, auth.user.id, courseId);
  return summarizeCourse(course, version, state.lessons, state);
}

const MAX_ATTEMPTS = 5;

/**
 * Records one progress event for a lesson. Idempotent by event id, monotonic in completion, and serialized per learner
 * by the HEAD revision: a concurrent write from another tab makes this one re-read and try again.
 */
export async function recordLessonProgress(
  deps: Deps, auth: Authenticated, ids: { courseId: string; moduleId: string; lessonId: string }, body: ProgressBody,
): Promise<CourseProgress> {
  if (!can(auth.principal, 'study', { kind: 'self' })) throw forbidden('Only enrolled founders record progress');
  const { course, version } = courseOf(deps, ids.courseId);
  const mod = course.modules.find((m) => m.id === ids.moduleId);
  if (!mod || !mod.lessons.includes(ids.lessonId)) throw notFound('Lesson');

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = deps.clock();
    const state = await readCourseState(deps.db, auth.user.id, ids.courseId);
    const prev = state.lessons.find((l) => l.moduleId === ids.moduleId && l.lessonId === ids.lessonId);
    const at = eventTime(body.at, now);
    const { next, newlyCompleted } = mergeLessonProgress(prev, ids, { status: body.status, position: body.position ?? 0, at, version });
    const lessons = [...state.lessons.filter((l) => l !== prev), next];
    const fresh = newlyCompleted ? newCompletions(course, lessons, passedQuizzes(state.quizzes), state, at, version) : NO_NEW_COMPLETIONS;
    const outcome = await writeProgress(deps.db, {
      userId: auth.user.id, courseId: ids.courseId, eventId: body.eventId, expectRev: state.rev, lesson: next,
      newlyCompletedLesson: newlyCompleted, ...completionWrites(course, fresh), now, tenantId: auth.user.learnerTenantId,
      touchSummary: state.lastActiveDay !== now.toISOString().slice(0, 10),
    });
    if (outcome === 'written') return summarizeCourse(course, version, lessons, withCompletions(state, fresh));
    if (outcome === 'replayed') return getCourseProgress(deps, auth, ids.courseId);
  }
  throw conflict('Progress is being saved from several places at once; please try again');
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
