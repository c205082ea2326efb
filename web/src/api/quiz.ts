import type { ContentLang, PublicQuiz } from '../../../functions/contract/catalog.ts';
import type { QuizAttemptBody, QuizResult, QuizStanding } from '../../../functions/contract/evidence.ts';
import { account, signingOut } from './account.ts';
import { ApiFailure, content, newClientId, request } from './client.ts';
import { isQuiz, type PendingQuiz, verdictOf } from './outbox.ts';
import { currentUserId, outbox, sendQuizAttempt } from './progress.ts';

/** The questions in one language; the ids, and so the answers sent, are the same in every language. */
export const getQuiz = (courseId: string, moduleId: string, lang: ContentLang = 'ja') =>
  content<PublicQuiz>(`${courseId}/${moduleId}/quiz${lang === 'en' ? '.en' : ''}.json`);
export const getQuizStanding = (courseId: string, moduleId: string) => request<QuizStanding>('GET', `/api/quizzes/${courseId}/${moduleId}`);
/**
 * The standing, or undefined when the server cannot be reached (offline, down): the quiz can still be answered and
 * queued, the page just cannot say how many attempts are left.
 */
export const getQuizStandingIfReachable = (courseId: string, moduleId: string) => getQuizStanding(courseId, moduleId).catch((e: unknown) => {
  const v = verdictOf(e);
  if (v === 'offline' || v === 'retry') return undefined;
  throw e;
});

/** A new id per attempt; a resend of the same body (double tap, timeout) is graded once by the server. */
export const newAttemptId = newClientId;

export const submitAttempt = sendQuizAttempt;

export type SubmitOutcome =
  | { state: 'graded'; result: QuizResult }
  /** Kept on this device in the account's outbox; graded when the connection or the server is back. */
  | { state: 'queued' };

/**
 * Submits an attempt, or keeps it in the signed-in account's outbox when the server cannot be reached or is busy (it is
 * sent after the founder's earlier progress, in order). A final refusal (stale version, no attempts left, invalid
 * answers) is thrown for the page to show, as is any failure when nobody is signed in.
 */
export async function submitOrQueue(courseId: string, moduleId: string, attempt: QuizAttemptBody): Promise<SubmitOutcome> {
  try {
    const result = await sendQuizAttempt(courseId, moduleId, attempt);
    if (outbox.pending(currentUserId()).length > 0) void outbox.flush();
    return { state: 'graded', result };
  } catch (e) {
    const v = verdictOf(e);
    const userId = currentUserId();
    if (v === 'rejected' || !userId || signingOut()) throw e;
    await outbox.enqueue({ kind: 'quiz', userId, courseId, moduleId, eventId: attempt.attemptId, attempt, at: new Date().toISOString() });
    if (v === 'signed_out') void account.refetch();
    else outbox.retryLater(e instanceof ApiFailure ? e.retryAfterSeconds : undefined);
    return { state: 'queued' };
  }
}

/** The signed-in account's attempt at this quiz that waits on this device, if any (reactive). */
export const waitingAttempt = (courseId: string, moduleId: string): PendingQuiz | undefined =>
  outbox.pending(currentUserId()).find((i): i is PendingQuiz => isQuiz(i) && i.courseId === courseId && i.moduleId === moduleId);
