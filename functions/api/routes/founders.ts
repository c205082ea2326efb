import { Hono } from 'hono';
import { FounderParams } from '../../contract/roles.ts';
import { getFounderRecord } from '../../services/dashboards.ts';
import type { AppEnv } from '../env.ts';
import { allow, founderInPath } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { noQuery, param } from '../validate.ts';

/** One founder's record: the founder, staff of their municipality, advisors they are attached to, admin. */
export const founderRoutes = new Hono<AppEnv>()
  .get('/:userId', noQuery, param(FounderParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await getFounderRecord(c.get('deps'), requireAuth(c), c.req.valid('param').userId)));
