import type { FeedbackBody, FeedbackView } from '../../../functions/contract/feedback.ts';
import { request } from './client.ts';

/** The founder's own feedback on a module's current version (null answer until given). */
export const getFeedback = (courseId: string, moduleId: string) => request<FeedbackView>('GET', `/api/feedback/${courseId}/${moduleId}`);

/** Gives or changes it: the same answer twice changes nothing. */
export const putFeedback = (courseId: string, moduleId: string, body: FeedbackBody) =>
  request<FeedbackView>('PUT', `/api/feedback/${courseId}/${moduleId}`, body);
