import { Hono } from 'hono';
import { TenantParams } from '../../contract/evidence.ts';
import { AdvisorFounderParams, AdvisorParams, AttachBody } from '../../contract/staff.ts';
import { advisorFounders, attach, detach, listAdvisors } from '../../services/advisors.ts';
import type { AppEnv } from '../env.ts';
import { allow, tenantInPath } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

const manage = allow('tenant.manage', tenantInPath);

/** A municipality's advisors and the founders its staff attach to them (caseloads). */
export const advisorRoutes = new Hono<AppEnv>()
  .get('/:tenantId/advisors', noQuery, param(TenantParams), manage, async (c) =>
    c.json(await listAdvisors(c.get('deps'), c.req.valid('param').tenantId)))
  .get('/:tenantId/advisors/:advisorId/founders', noQuery, param(AdvisorParams), manage, async (c) =>
    c.json(await advisorFounders(c.get('deps'), c.req.valid('param').tenantId, c.req.valid('param').advisorId)))
  .post('/:tenantId/advisors/:advisorId/founders', noQuery, param(AdvisorParams), json(AttachBody), manage, async (c) =>
    c.json(await attach(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').advisorId, c.req.valid('json'))))
  .delete('/:tenantId/advisors/:advisorId/founders/:userId', noQuery, param(AdvisorFounderParams), manage, async (c) => {
    await detach(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').advisorId, c.req.valid('param').userId);
    return c.body(null, 204);
  });
