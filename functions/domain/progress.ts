import type { AreaCoverage, CourseProgress, LessonProgress, LessonStatus } from '../contract/api.ts';
import { type Area, AREAS, type ServerCourse } from '../contract/catalog.ts';

export interface ProgressEvent {
  status: LessonStatus;
  position: number;
  /** Client time of the event (clamped to server time), ISO. */
  at: string;
  version: string;
}

/**
 * Folds one event into a lesson's state. Completion is monotonic: once completed, always completed, with the first
 * completion's time and content version. Position follows the latest event by client time, so a late offline event
 * never rewinds a newer reading position.
 */
export function mergeLessonProgress(
  prev: LessonProgress | undefined,
  ids: { moduleId: string; lessonId: string },
  ev: ProgressEvent,
): { next: LessonProgress; newlyCompleted: boolean; changed: boolean } {
  const wasCompleted = prev?.status === 'completed';
  const completes = ev.status === 'completed';
  const newer = !prev || ev.at >= prev.positionAt;
  const next: LessonProgress = {
    moduleId: ids.moduleId,
    lessonId: ids.lessonId,
    status: wasCompleted || completes ? 'completed' : 'in_progress',
    position: newer ? ev.position : prev!.position,
    positionAt: newer ? ev.at : prev!.positionAt,
    completedAt: wasCompleted ? prev!.completedAt : completes ? ev.at : null,
    completedVersion: wasCompleted ? prev!.completedVersion : completes ? ev.version : null,
    updatedAt: prev && prev.updatedAt > ev.at ? prev.updatedAt : ev.at,
  };
  const changed = !prev || next.status !== prev.status || next.position !== prev.position || next.positionAt !== prev.positionAt;
  return { next, newlyCompleted: completes && !wasCompleted, changed };
}

/** Client clocks drift: an event is never dated in the future, nor before the server saw the previous one by more than a day. */
export function eventTime(clientAt: string | undefined, now: Date): string {
  if (!clientAt) return now.toISOString();
  const t = Date.parse(clientAt);
  const n = now.getTime();
  return new Date(Math.min(Math.max(t, n - 7 * 24 * 3600 * 1000), n)).toISOString();
}

export interface ModuleCompletion { moduleId: string; completedAt: string; version: string }

/**
 * A module is complete when all its lessons are complete and its quiz (if any) is passed.
 * Returns the modules that this state completes and that were not recorded as complete before.
 */
export function newlyCompletedModules(
  course: ServerCourse,
  lessons: readonly LessonProgress[],
  passedQuizzes: ReadonlySet<string>,
  recorded: readonly ModuleCompletion[],
  at: string,
  version: string,
): ModuleCompletion[] {
  const done = new Set(lessons.filter((l) => l.status === 'completed').map((l) => `${l.moduleId}/${l.lessonId}`));
  const already = new Set(recorded.map((m) => m.moduleId));
  return course.modules
    .filter((m) => !already.has(m.id))
    .filter((m) => m.lessons.every((l) => done.has(`${m.id}/${l}`)) && (m.quiz === null || passedQuizzes.has(m.id)))
    .map((m) => ({ moduleId: m.id, completedAt: at, version }));
}

export interface AreaCompletion { area: Area; completedAt: string; version: string }
export interface CourseCompletion { completedAt: string; version: string }

/** Everything recorded as completed in one course: each record is written once and never removed. */
export interface Completions {
  modules: readonly ModuleCompletion[];
  areas: readonly AreaCompletion[];
  course: CourseCompletion | null;
}

/** An area is covered when every module of the curriculum that teaches it is complete. */
function areaDone(course: ServerCourse, area: Area, completedModules: ReadonlySet<string>): boolean {
  const mods = course.modules.filter((m) => m.areas.includes(area));
  return mods.length > 0 && mods.every((m) => completedModules.has(m.id));
}

/** Completions a write adds: each is recorded once, conditionally, in the write that earns it. */
export interface NewCompletions { modules: ModuleCompletion[]; areas: AreaCompletion[]; course: CourseCompletion | null }
export const NO_NEW_COMPLETIONS: NewCompletions = { modules: [], areas: [], course: null };

/** The recorded completions once `fresh` is written. */
export function withCompletions(recorded: Completions, fresh: NewCompletions): Completions {
  return { modules: [...recorded.modules, ...fresh.modules], areas: [...recorded.areas, ...fresh.areas], course: recorded.course ?? fresh.course };
}

/**
 * What this state completes that was not recorded before: modules (lessons done and quiz passed), then the areas whose
 * modules are now all complete, then the course once every area the course teaches is covered. An area or course
 * recorded on an earlier curriculum version stays complete when a later version adds modules to it.
 */
export function newCompletions(
  course: ServerCourse,
  lessons: readonly LessonProgress[],
  passedQuizzes: ReadonlySet<string>,
  recorded: Completions,
  at: string,
  version: string,
): NewCompletions {
  const modules = newlyCompletedModules(course, lessons, passedQuizzes, recorded.modules, at, version);
  const completed = new Set([...recorded.modules, ...modules].map((m) => m.moduleId));
  const recordedAreas = new Set(recorded.areas.map((a) => a.area));
  const areas = AREAS.filter((a) => !recordedAreas.has(a) && areaDone(course, a, completed)).map((area) => ({ area, completedAt: at, version }));
  const covered = new Set([...recordedAreas, ...areas.map((a) => a.area)]);
  const taught = AREAS.filter((a) => course.modules.some((m) => m.areas.includes(a)));
  const done = recorded.course === null && taught.length > 0 && taught.every((a) => covered.has(a));
  return { modules, areas, course: done ? { completedAt: at, version } : null };
}

/** The learner's view of a course: per-area coverage, totals, completion and where to resume. Pure. */
export function summarizeCourse(
  course: ServerCourse,
  version: string,
  lessons: readonly LessonProgress[],
  recorded: Completions,
  passedQuizzes: ReadonlySet<string> = new Set(),
): CourseProgress {
  const byKey = new Map(lessons.map((l) => [`${l.moduleId}/${l.lessonId}`, l]));
  const completedIds = new Set(recorded.modules.map((c) => c.moduleId));
  const isDone = (m: string, l: string) => byKey.get(`${m}/${l}`)?.status === 'completed';

  const areas: AreaCoverage[] = AREAS.map((area) => {
    const mods = course.modules.filter((m) => m.areas.includes(area));
    const totalLessons = mods.reduce((n, m) => n + m.lessons.length, 0);
    const completedLessons = mods.reduce((n, m) => n + m.lessons.filter((l) => isDone(m.id, l)).length, 0);
    const completedModules = mods.filter((m) => completedIds.has(m.id)).length;
    const coveredAt = recorded.areas.find((a) => a.area === area)?.completedAt ?? null;
    return {
      area, totalModules: mods.length, completedModules, totalLessons, completedLessons,
      covered: coveredAt !== null || areaDone(course, area, completedIds), coveredAt,
    };
  });

  const order = course.modules.flatMap((m) => m.lessons.map((l) => ({ moduleId: m.id, lessonId: l })));
  const totalLessons = order.length;
  const completedLessons = order.filter((o) => isDone(o.moduleId, o.lessonId)).length;

  return {
    courseId: course.id,
    version,
    lessons: [...lessons],
    completedModules: [...recorded.modules],
    passedQuizzes: course.modules.filter((m) => passedQuizzes.has(m.id)).map((m) => m.id),
    areas,
    completed: recorded.course,
    completedLessons,
    totalLessons,
    resume: resumePoint(order, byKey),
    lastActiveAt: lessons.reduce<string | null>((t, l) => (t === null || l.updatedAt > t ? l.updatedAt : t), null),
  };
}

/**
 * Where "Next" leads: the first unfinished lesson in course order, at its saved position. (Not the lesson read last: a
 * glance at a later module must not make the founder skip the lessons before it.)
 */
function resumePoint(
  order: ReadonlyArray<{ moduleId: string; lessonId: string }>,
  byKey: ReadonlyMap<string, LessonProgress>,
): CourseProgress['resume'] {
  const next = order.find((o) => byKey.get(`${o.moduleId}/${o.lessonId}`)?.status !== 'completed');
  if (!next) return null;
  return { moduleId: next.moduleId, lessonId: next.lessonId, position: byKey.get(`${next.moduleId}/${next.lessonId}`)?.position ?? 0 };
}
