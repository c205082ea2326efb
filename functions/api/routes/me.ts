import { Hono } from 'hono';
import { meOf } from '../../services/auth.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/session.ts';
import { noQuery } from '../validate.ts';

export const meRoutes = new Hono<AppEnv>()
  .get('/', noQuery, (c) => c.json(meOf(requireAuth(c))));
