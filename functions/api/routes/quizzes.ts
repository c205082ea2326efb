import { Hono } from 'hono';
import { QuizAttemptBody, QuizParams } from '../../contract/evidence.ts';
import { getQuizStanding, submitQuizAttempt } from '../../services/quiz.ts';
import type { AppEnv } from '../env.ts';
import { allow, self } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

export const quizRoutes = new Hono<AppEnv>()
  .get('/:courseId/:moduleId', noQuery, param(QuizParams), allow('study', self), async (c) =>
    c.json(await getQuizStanding(c.get('deps'), requireAuth(c), c.req.valid('param'))))
  .post('/:courseId/:moduleId/attempts', noQuery, param(QuizParams), json(QuizAttemptBody), allow('study', self), async (c) =>
    c.json(await submitQuizAttempt(c.get('deps'), requireAuth(c), c.req.valid('param'), c.req.valid('json')), 201));
