import { Hono } from 'hono';
import { FounderParams } from '../../contract/roles.ts';
import { FounderPatch, FounderStatusBody } from '../../contract/staff.ts';
import { getFounderRecord } from '../../services/dashboards.ts';
import { correctFounder, setFounderActive } from '../../services/staff.ts';
import type { AppEnv } from '../env.ts';
import { allow, founderInPath, founderOf } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** One founder's record: the founder, staff of their municipality, advisors they are attached to, admin. */
export const founderRoutes = new Hono<AppEnv>()
  .get('/:userId', noQuery, param(FounderParams), allow('learner.read', founderInPath), async (c) =>
    c.json(await getFounderRecord(c.get('deps'), requireAuth(c), founderOf(c))))
  .patch('/:userId', noQuery, param(FounderParams), json(FounderPatch), allow('learner.manage', founderInPath), async (c) =>
    c.json(await correctFounder(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('json'))))
  .post('/:userId/status', noQuery, param(FounderParams), json(FounderStatusBody), allow('learner.manage', founderInPath), async (c) =>
    c.json(await setFounderActive(c.get('deps'), requireAuth(c), founderOf(c), c.req.valid('json').active)));
