import { Hono } from 'hono';
import { AttendanceBody, SessionBody, SessionParams, SessionsQuery } from '../../contract/seminars.ts';
import { TenantParams } from '../../contract/evidence.ts';
import {
  checkinDisplay, createSession, editSession, followUp, followUpCsv, listTenantSessions, markAttendance, removeSession,
} from '../../services/seminars.ts';
import type { AppEnv } from '../env.ts';
import { allow, tenantInPath } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param, query } from '../validate.ts';

const read = allow('tenant.read', tenantInPath);
const manage = allow('tenant.manage', tenantInPath);

/** A municipality's seminar sessions, for its staff (and the union's admins): schedule, door list, check-in screen, follow-up. */
export const seminarRoutes = new Hono<AppEnv>()
  .get('/:tenantId/sessions', query(SessionsQuery), param(TenantParams), read, async (c) =>
    c.json(await listTenantSessions(c.get('deps'), c.req.valid('param').tenantId, c.req.valid('query').cohort)))
  .post('/:tenantId/sessions', noQuery, param(TenantParams), json(SessionBody), manage, async (c) =>
    c.json(await createSession(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('json')), 201))
  .put('/:tenantId/sessions/:sessionId', noQuery, param(SessionParams), json(SessionBody), manage, async (c) =>
    c.json(await editSession(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').sessionId, c.req.valid('json'))))
  .delete('/:tenantId/sessions/:sessionId', noQuery, param(SessionParams), manage, async (c) => {
    await removeSession(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').sessionId);
    return c.body(null, 204);
  })
  .get('/:tenantId/sessions/:sessionId/follow-up', noQuery, param(SessionParams), read, async (c) =>
    c.json(await followUp(c.get('deps'), c.req.valid('param').tenantId, c.req.valid('param').sessionId)))
  .get('/:tenantId/sessions/:sessionId/follow-up.csv', noQuery, param(SessionParams), read, async (c) => {
    const { fileName, text } = await followUpCsv(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').sessionId);
    return c.body(text, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` });
  })
  .post('/:tenantId/sessions/:sessionId/attendance', noQuery, param(SessionParams), json(AttendanceBody), manage, async (c) =>
    c.json(await markAttendance(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').sessionId, c.req.valid('json'))))
  .get('/:tenantId/sessions/:sessionId/checkin-code', noQuery, param(SessionParams), manage, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await checkinDisplay(c.get('deps'), c.req.valid('param').tenantId, c.req.valid('param').sessionId));
  });
