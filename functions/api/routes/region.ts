import { Hono } from 'hono';
import { NewRegionInvitation, RegionInvitationParams } from '../../contract/account.ts';
import { ModuleParams, NewTenant } from '../../contract/region.ts';
import { feedbackCsv, moduleDetail, moduleRanking, onboardTenant, regionCsv, regionTenants } from '../../services/region.ts';
import { invite, listPending, resend, revoke } from '../../services/invitations.ts';
import type { AppEnv } from '../env.ts';
import { allow, invitationIn, region } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

const manage = allow('region.manage', region);

/** The union's view across municipalities, and its invitations: admins, and staff of any municipality (admin). */
export const regionRoutes = new Hono<AppEnv>()
  .get('/tenants', noQuery, allow('region.read', region), async (c) => c.json(await regionTenants(c.get('deps'))))
  .get('/tenants.csv', noQuery, allow('region.read', region), async (c) => {
    const { fileName, text } = await regionCsv(c.get('deps'));
    return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` });
  })
  .post('/tenants', noQuery, json(NewTenant), manage, async (c) => c.json(await onboardTenant(c.get('deps'), requireAuth(c), c.req.valid('json')), 201))
  .get('/modules', noQuery, allow('region.read', region), async (c) => c.json(await moduleRanking(c.get('deps'))))
  .get('/modules.csv', noQuery, allow('region.read', region), async (c) => {
    const { fileName, text } = await feedbackCsv(c.get('deps'));
    return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` });
  })
  .get('/modules/:courseId/:moduleId', noQuery, param(ModuleParams), allow('region.read', region), async (c) =>
    c.json(await moduleDetail(c.get('deps'), c.req.valid('param').courseId, c.req.valid('param').moduleId)))
  .get('/invitations', noQuery, manage, async (c) => c.json(await listPending(c.get('deps'), null)))
  .post('/invitations', noQuery, json(NewRegionInvitation), allow('invite', invitationIn('body')), async (c) => {
    const body = c.req.valid('json');
    return c.json(await invite(c.get('deps'), requireAuth(c), body.tenantId ?? null, body), 201);
  })
  .post('/invitations/:invitationId/resend', noQuery, param(RegionInvitationParams), manage, async (c) =>
    c.json(await resend(c.get('deps'), requireAuth(c), null, c.req.valid('param').invitationId)))
  .delete('/invitations/:invitationId', noQuery, param(RegionInvitationParams), manage, async (c) => {
    await revoke(c.get('deps'), requireAuth(c), null, c.req.valid('param').invitationId);
    return c.body(null, 204);
  });
