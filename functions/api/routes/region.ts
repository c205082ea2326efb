import { Hono } from 'hono';
import { getRegionTenants } from '../../services/dashboards.ts';
import type { AppEnv } from '../env.ts';
import { allow, region } from '../middleware/access.ts';
import { noQuery } from '../validate.ts';

/** The union's view across municipalities (admin). */
export const regionRoutes = new Hono<AppEnv>()
  .get('/tenants', noQuery, allow('region.read', region), async (c) => c.json(await getRegionTenants(c.get('deps'))));
