import { createRoot, createSignal } from 'solid-js';
import type { CourseProgress, LessonStatus } from '../../../functions/contract/api.ts';
import type { QuizAttemptBody, QuizResult } from '../../../functions/contract/evidence.ts';
import type { ContentLang, PublicCourse, PublicCourseTranslation, PublicIndex, PublicLesson, PublicModuleFile } from '../../../functions/contract/catalog.ts';
import { account, finishPendingSignOut, signingOut, whenSignedIn, whenSigningOut } from './account.ts';
import { ApiFailure, content, newClientId, request } from './client.ts';
import { announce } from './notices.ts';
import { createOutbox, isQuiz, isRecord, type PendingEvent, type PendingItem, verdictOf } from './outbox.ts';

export const getCourseIndex = () => content<PublicIndex>('index.json');
export const getCourse = (courseId: string) => content<PublicCourse>(`${courseId}/course.json`);
/** One lesson in one language: `<lesson>.json` is Japanese, `<lesson>.en.json` English (published for translated modules). */
export const getLesson = (courseId: string, moduleId: string, lessonId: string, lang: ContentLang = 'ja') =>
  content<PublicLesson>(`${courseId}/${moduleId}/${lessonId}${lang === 'en' ? '.en' : ''}.json`);
/** One module's part of the outline with the course's title: all a lesson page needs around its lesson (a few KB). */
export const getModule = (courseId: string, moduleId: string) => content<PublicModuleFile>(`${courseId}/${moduleId}/module.json`);

export interface LessonKey { courseId: string; moduleId: string; lessonId: string; lang: ContentLang }
/**
 * A lesson and its module's outline. A Japanese reader fetches both at once; an English one reads the English file
 * where the module has one (module.json says so), and the Japanese one otherwise, so a fallback never costs a 404.
 */
export async function loadLesson(k: LessonKey): Promise<{ lesson: PublicLesson; module: PublicModuleFile }> {
  const module = getModule(k.courseId, k.moduleId);
  const lesson = k.lang === 'ja'
    ? getLesson(k.courseId, k.moduleId, k.lessonId)
    : module.then((m) => getLesson(k.courseId, k.moduleId, k.lessonId, m.module.languages.includes('en') ? 'en' : 'ja'));
  const [l, m] = await Promise.all([lesson, module]);
  return { lesson: l, module: m };
}

const LESSON_PATH = /^\/courses\/([a-z0-9][a-z0-9-]{0,63})\/([a-z0-9][a-z0-9-]{0,63})\/([a-z0-9][a-z0-9-]{0,63})\/?$/;
/**
 * Called as the app starts: on a lesson's address, its files are requested at once, beside the sign-in check instead
 * of after it, and the page finds them in the content cache. Failures are left for the page to show.
 */
export function prefetchLesson(pathname: string, lang: ContentLang): void {
  const m = LESSON_PATH.exec(pathname);
  if (!m || m[3] === 'quiz') return;
  loadLesson({ courseId: m[1]!, moduleId: m[2]!, lessonId: m[3]!, lang }).catch(() => undefined);
}

/** The English lesson titles and objectives of the translated modules; only English readers fetch it. */
export const getCourseTranslation = (courseId: string) => content<PublicCourseTranslation>(`${courseId}/course.en.json`);
export const getProgress = (courseId: string) => request<CourseProgress>('GET', `/api/progress/${courseId}`);

function sendProgress(e: PendingEvent, keepalive = false): Promise<CourseProgress> {
  const { userId: _user, kind: _kind, courseId, moduleId, lessonId, ...body } = e;
  return request<CourseProgress>('PUT', `/api/progress/${courseId}/${moduleId}/${lessonId}`, body, { keepalive });
}
/** A quiz attempt, sent now or from the outbox: the same attempt id is graded and counted once by the server. */
export const sendQuizAttempt = (courseId: string, moduleId: string, body: QuizAttemptBody) =>
  request<QuizResult>('POST', `/api/quizzes/${courseId}/${moduleId}/attempts`, body);
const send = (i: PendingItem): Promise<CourseProgress | QuizResult> => (isQuiz(i) ? sendQuizAttempt(i.courseId, i.moduleId, i.attempt) : sendProgress(i));

export const currentUserId = () => (account.me.state === 'ready' || account.me.state === 'refreshing' ? account.me()?.user.id : undefined);

/** The newest answers the server gave to queued items, for the pages that show them, and when the last one went. */
const sent = createRoot(() => {
  const [latest, setLatest] = createSignal<CourseProgress>();
  const [quiz, setQuiz] = createSignal<{ attemptId: string; result: QuizResult }>();
  const [at, setAt] = createSignal(0);
  return { latest, setLatest, quiz, setQuiz, at, setAt };
});
export const lastSyncedProgress = sent.latest;
/** The result of the last quiz attempt that waited on this device and has now been graded. */
export const lastSyncedQuiz = sent.quiz;
/** When a waiting item last reached the server (ms since the epoch; 0: not on this page). */
export const lastSyncedAt = sent.at;

export const outbox = createOutbox({
  currentUserId,
  send,
  onSent: (answer, i) => {
    if (isQuiz(i)) sent.setQuiz({ attemptId: i.eventId, result: answer as QuizResult });
    else sent.setLatest(answer as CourseProgress);
    sent.setAt(Date.now());
  },
  onRejected: (items) => {
    const quizzes = items.filter(isQuiz).length;
    if (quizzes > 0) announce({ key: 'sync.quizRejected', params: { count: quizzes }, tone: 'error' });
    if (items.length > quizzes) announce({ key: 'sync.rejected', params: { count: items.length - quizzes }, tone: 'error' });
  },
  onSignedOut: () => void account.refetch(),
});

whenSignedIn(() => void outbox.flush());
/*
 * At sign-out the person's queue is sent while their login still stands; whatever cannot be sent then (offline, server
 * down, login already expired) is DELETED from the device, not kept for later: on a shared PC the next person must not
 * inherit it, and nobody could later tell whose it was. The founder is told how many records were lost, so they can
 * mark those lessons again. (An expired login without a sign-out keeps the queue: it goes when that person signs in.)
 */
whenSigningOut(async (userId) => {
  const lost = await outbox.drainForSignOut(userId);
  if (lost > 0) announce({ key: 'sync.discardedAtSignOut', params: { count: lost }, tone: 'error' });
});
if (typeof window !== 'undefined') window.addEventListener('online', () => { void finishPendingSignOut(); void outbox.flush(); });

/** The signed-in account's records (completions, quiz answers) waiting on this device (reactive). */
export const waitingRecords = () => outbox.pending(currentUserId()).filter(isRecord).length;

export type SaveResult =
  | { state: 'saved'; progress: CourseProgress }
  /** Kept on this device, to be sent when the connection or the server is back. */
  | { state: 'queued' }
  /** Refused for good by the server: not saved, not kept. */
  | { state: 'rejected'; error: unknown }
  /** Nobody is signed in on this page any more: the event belongs to no one and is not kept. */
  | { state: 'signed_out' };

/**
 * Records progress. Each event carries its own id, time and account, so when it cannot be sent now it waits in that
 * account's outbox and is sent later; the server ignores a replay and keeps the newest position.
 */
export async function saveProgress(
  ids: { courseId: string; moduleId: string; lessonId: string }, status: LessonStatus, position: number, o: { keepalive?: boolean } = {},
): Promise<SaveResult> {
  const userId = currentUserId();
  if (!userId) return { state: 'signed_out' };
  const event: PendingEvent = { kind: 'progress', userId, ...ids, eventId: newClientId(), status, position: Math.max(0, Math.min(1, position)), at: new Date().toISOString() };
  try {
    const progress = await sendProgress(event, o.keepalive);
    // It got through: whatever waited can follow now.
    if (outbox.pending(userId).length > 0) void outbox.flush();
    return { state: 'saved', progress };
  } catch (e) {
    const v = verdictOf(e);
    if (v === 'rejected') {
      announce({ key: 'sync.rejected', params: { count: 1 }, tone: 'error' });
      return { state: 'rejected', error: e };
    }
    // The person's queue is being emptied for their sign-out: a late event (a position saved as the page closes) is
    // not kept to outlive it.
    if (signingOut()) return { state: 'signed_out' };
    // Awaited: the page says "kept on this device" once the device has it.
    await outbox.enqueue(event);
    if (v === 'signed_out') void account.refetch();
    // Offline too: the browser may think it is online while the server is unreachable, and then no `online` event comes.
    else outbox.retryLater(e instanceof ApiFailure ? e.retryAfterSeconds : undefined);
    return { state: 'queued' };
  }
}

/** A lesson's completion waiting on this device for the signed-in account (reactive). */
export const completionWaiting = (ids: { courseId: string; moduleId: string; lessonId: string }) =>
  outbox.pending(currentUserId()).some((e) => !isQuiz(e) && e.status === 'completed' && e.courseId === ids.courseId && e.moduleId === ids.moduleId && e.lessonId === ids.lessonId);
