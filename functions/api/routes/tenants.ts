import { Hono } from 'hono';
import { EligibilityRule } from '../../contract/eligibility.ts';
import { TenantParams } from '../../contract/evidence.ts';
import { getTenantTotals } from '../../services/dashboards.ts';
import { getTenantRule, setTenantRule } from '../../services/evidence.ts';
import type { AppEnv } from '../env.ts';
import { allow, tenantInPath } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** A municipality's dashboard headline and settings, for its staff (and the union's admins). */
export const tenantRoutes = new Hono<AppEnv>()
  .get('/:tenantId/totals', noQuery, param(TenantParams), allow('tenant.read', tenantInPath), async (c) =>
    c.json(await getTenantTotals(c.get('deps'), c.req.valid('param').tenantId)))
  .get('/:tenantId/eligibility-rule', noQuery, param(TenantParams), allow('tenant.read', tenantInPath), async (c) =>
    c.json(await getTenantRule(c.get('deps'), c.req.valid('param').tenantId)))
  .put('/:tenantId/eligibility-rule', noQuery, param(TenantParams), json(EligibilityRule), allow('tenant.manage', tenantInPath), async (c) =>
    c.json(await setTenantRule(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json'))));
