import { Hono } from 'hono';
import { CourseParams, ProgressBody, ProgressParams } from '../../contract/api.ts';
import { getCourseProgress, recordLessonProgress } from '../../services/progress.ts';
import type { AppEnv } from '../env.ts';
import { allow, self } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

export const progressRoutes = new Hono<AppEnv>()
  .get('/:courseId', noQuery, param(CourseParams), allow('study', self), async (c) =>
    c.json(await getCourseProgress(c.get('deps'), requireAuth(c), c.req.valid('param').courseId)))
  .put('/:courseId/:moduleId/:lessonId', noQuery, param(ProgressParams), json(ProgressBody), allow('study', self), async (c) =>
    c.json(await recordLessonProgress(c.get('deps'), requireAuth(c), c.req.valid('param'), c.req.valid('json'))));
