import { Hono } from 'hono';
import { getCaseload } from '../../services/dashboards.ts';
import type { AppEnv } from '../env.ts';
import { allow, self } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { query } from '../validate.ts';
import { CaseloadQuery } from '../../contract/roles.ts';

/** The signed-in advisor's own founders, across the municipalities they serve. */
export const caseloadRoutes = new Hono<AppEnv>()
  .get('/', query(CaseloadQuery), allow('caseload.read', self), async (c) => c.json(await getCaseload(c.get('deps'), requireAuth(c), c.req.valid('query').tenant)));
