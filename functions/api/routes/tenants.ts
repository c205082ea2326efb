import { Hono } from 'hono';
import { EligibilityRule } from '../../contract/eligibility.ts';
import { TenantParams } from '../../contract/evidence.ts';
import { getTenantRule, setTenantRule } from '../../services/evidence.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/session.ts';
import { json, noQuery, param } from '../validate.ts';

/** A municipality's settings, for its staff (and the union's admins). */
export const tenantRoutes = new Hono<AppEnv>()
  .get('/:tenantId/eligibility-rule', noQuery, param(TenantParams), async (c) =>
    c.json(await getTenantRule(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId)))
  .put('/:tenantId/eligibility-rule', noQuery, param(TenantParams), json(EligibilityRule), async (c) =>
    c.json(await setTenantRule(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json'))));
