import { Hono } from 'hono';
import { AbsenceBody, CheckinBody, SessionParams } from '../../contract/seminars.ts';
import { checkIn, mySessions, sessionCalendar, setAbsence } from '../../services/seminars.ts';
import type { AppEnv } from '../env.ts';
import { allow, callerAsFounder, founderOf, self } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** The signed-in founder's seminar sessions: their cohort's schedule, the calendar file, advance notice and check-in. */
export const sessionRoutes = new Hono<AppEnv>()
  .get('/', noQuery, allow('learner.read', callerAsFounder), async (c) => c.json(await mySessions(c.get('deps'), founderOf(c))))
  .get('/:tenantId/:sessionId/calendar.ics', noQuery, param(SessionParams), allow('learner.read', callerAsFounder), async (c) => {
    const { fileName, text } = await sessionCalendar(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').sessionId);
    return c.body(text, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` });
  })
  .put('/:tenantId/:sessionId/absence', noQuery, param(SessionParams), json(AbsenceBody), allow('study', self), async (c) =>
    c.json(await setAbsence(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').sessionId, c.req.valid('json').absent)))
  .post('/:tenantId/:sessionId/checkin', noQuery, param(SessionParams), json(CheckinBody), allow('study', self), async (c) =>
    c.json(await checkIn(c.get('deps'), requireAuth(c), c.req.valid('param').tenantId, c.req.valid('param').sessionId, c.req.valid('json').code)));
