import { Hono } from 'hono';
import { FeedbackBody, FeedbackParams } from '../../contract/feedback.ts';
import { getFeedback, putFeedback } from '../../services/feedback.ts';
import type { AppEnv } from '../env.ts';
import { allow, self } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** A founder's own feedback on a module they completed (issue 12, point 1). */
export const feedbackRoutes = new Hono<AppEnv>()
  .get('/:courseId/:moduleId', noQuery, param(FeedbackParams), allow('study', self), async (c) =>
    c.json(await getFeedback(c.get('deps'), requireAuth(c), c.req.valid('param'))))
  .put('/:courseId/:moduleId', noQuery, param(FeedbackParams), json(FeedbackBody), allow('study', self), async (c) =>
    c.json(await putFeedback(c.get('deps'), requireAuth(c), c.req.valid('param'), c.req.valid('json'))));
