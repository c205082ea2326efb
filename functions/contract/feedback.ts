import * as z from 'zod';
import { Slug } from './catalog.ts';
import { charCount, LIMITS } from './constants.ts';

/** PUT|GET /api/feedback/:courseId/:moduleId — a founder's own feedback on a module they completed. */
export const FeedbackParams = z.object({ courseId: Slug, moduleId: Slug }).strict();
export type FeedbackParams = z.infer<typeof FeedbackParams>;

/** C0 and C1 control characters and DEL, except the line break a comment box makes (CR LF becomes LF first). */
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u;

/**
 * The optional comment: line breaks normalised, trimmed, at most 400 characters, no control characters. Empty after
 * trimming means no comment.
 */
export const FeedbackComment = z.string()
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string()
    .refine((s) => charCount(s) <= LIMITS.feedbackCommentMax, `at most ${LIMITS.feedbackCommentMax} characters`)
    .refine((s) => !CONTROL.test(s), 'no control characters'));

export const FeedbackBody = z.object({
  /** How useful the module was: 1 (not at all) to 5 (very). */
  usefulness: z.number().int().min(1).max(5),
  /** Whether it helped with the founder's own business plan. */
  helpedPlan: z.boolean(),
  comment: FeedbackComment.optional(),
}).strict();
export type FeedbackBody = z.input<typeof FeedbackBody>;

export const FeedbackAnswer = z.object({
  usefulness: z.number().int().min(1).max(5),
  helpedPlan: z.boolean(),
  comment: z.string().nullable(),
  answeredAt: z.string(),
  updatedAt: z.string(),
}).strict();
export type FeedbackAnswer = z.infer<typeof FeedbackAnswer>;

/**
 * The founder's feedback on the module's current version: `answer` is null until they answer; `canAnswer` is false
 * until they complete the module. `version` is the module's own curriculum version (the answer is kept per version).
 */
export const FeedbackView = z.object({
  courseId: Slug,
  moduleId: Slug,
  version: z.string(),
  canAnswer: z.boolean(),
  answer: FeedbackAnswer.nullable(),
}).strict();
export type FeedbackView = z.infer<typeof FeedbackView>;

/**
 * The counters of a municipality's rollup of one module version: `answers` founders answered, `usefulnessSum` the sum
 * of their 1–5 ratings (the mean is sum / answers), `helped` said it helped their plan, `comments` left a comment,
 * `u1`…`u5` how many gave each rating.
 */
export const FEEDBACK_COUNTERS = ['answers', 'usefulnessSum', 'helped', 'comments', 'u1', 'u2', 'u3', 'u4', 'u5'] as const;
export type FeedbackCounter = (typeof FEEDBACK_COUNTERS)[number];
export type FeedbackCounts = Record<FeedbackCounter, number>;
