import { Hono } from 'hono';
import { meOf } from '../../services/auth.ts';
import type { AppEnv } from '../env.ts';
import { signedIn } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { noQuery } from '../validate.ts';

export const meRoutes = new Hono<AppEnv>()
  .get('/', noQuery, signedIn, (c) => c.json(meOf(requireAuth(c))));
