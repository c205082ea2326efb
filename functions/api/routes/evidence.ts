import { Hono } from 'hono';
import { VerifyParams } from '../../contract/evidence.ts';
import { getMyEvidence, verifyRecord } from '../../services/evidence.ts';
import type { AppEnv } from '../env.ts';
import { allow, callerAsFounder, open } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { noQuery, param } from '../validate.ts';

export const evidenceRoutes = new Hono<AppEnv>()
  .get('/', noQuery, allow('learner.read', callerAsFounder), async (c) => c.json(await getMyEvidence(c.get('deps'), requireAuth(c))));

/** Public, no sign-in: what a municipality officer sees when checking a printed record's code. */
export const verifyRoutes = new Hono<AppEnv>()
  .get('/:code', noQuery, param(VerifyParams), open, async (c) => c.json(await verifyRecord(c.get('deps'), c.req.valid('param').code)));
