import type { PublicQuiz } from '../../../functions/contract/catalog.ts';
import type { QuizAttemptBody, QuizResult, QuizStanding } from '../../../functions/contract/evidence.ts';
import { content, newClientId, request } from './client.ts';

export const getQuiz = (courseId: string, moduleId: string) => content<PublicQuiz>(`${courseId}/${moduleId}/quiz.json`);
export const getQuizStanding = (courseId: string, moduleId: string) => request<QuizStanding>('GET', `/api/quizzes/${courseId}/${moduleId}`);

/** A new id per attempt; a resend of the same body (double tap, timeout) is graded once by the server. */
export const newAttemptId = newClientId;

export const submitAttempt = (courseId: string, moduleId: string, body: QuizAttemptBody) =>
  request<QuizResult>('POST', `/api/quizzes/${courseId}/${moduleId}/attempts`, body);
