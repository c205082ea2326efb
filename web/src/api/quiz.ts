import type { ContentLang, PublicQuiz } from '../../../functions/contract/catalog.ts';
import type { QuizAttemptBody, QuizResult, QuizStanding } from '../../../functions/contract/evidence.ts';
import { content, newClientId, request } from './client.ts';

/** The questions in one language; the ids, and so the answers sent, are the same in every language. */
export const getQuiz = (courseId: string, moduleId: string, lang: ContentLang = 'ja') =>
  content<PublicQuiz>(`${courseId}/${moduleId}/quiz${lang === 'en' ? '.en' : ''}.json`);
export const getQuizStanding = (courseId: string, moduleId: string) => request<QuizStanding>('GET', `/api/quizzes/${courseId}/${moduleId}`);

/** A new id per attempt; a resend of the same body (double tap, timeout) is graded once by the server. */
export const newAttemptId = newClientId;

export const submitAttempt = (courseId: string, moduleId: string, body: QuizAttemptBody) =>
  request<QuizResult>('POST', `/api/quizzes/${courseId}/${moduleId}/attempts`, body);
