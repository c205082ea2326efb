import { Hono } from 'hono';
import type { Context } from 'hono';
import { BookingBody, SlotBody, SlotParams } from '../../contract/consultations.ts';
import { book, bookingCalendar, cancel, createSlot, myBookings, mySlots, openSlots, removeSlot } from '../../services/consultations.ts';
import type { Target } from '../../services/access.ts';
import type { AppEnv } from '../env.ts';
import { allow, self } from '../middleware/access.ts';
import { requireAuth } from '../middleware/login.ts';
import { json, noQuery, param } from '../validate.ts';

/** The municipality a new slot is for, from the validated body. */
const slotTenant = (c: Context<AppEnv>): Target => ({ kind: 'tenant', tenantId: (c.req as unknown as { valid(t: 'json'): { tenantId: string } }).valid('json').tenantId });

/**
 * Consultations (issue 11, point 6): advisors publish and list their own slots (`consultation.offer` for the slot's
 * municipality, `caseload.read` for their own list); founders list, book and cancel slots of their own municipality —
 * their own record (`study`), the service checking the municipality and the booking's owner.
 */
export const consultationRoutes = new Hono<AppEnv>()
  .get('/slots/mine', noQuery, allow('caseload.read', self), async (c) => c.json(await mySlots(c.get('deps'), requireAuth(c))))
  .post('/slots', noQuery, json(SlotBody), allow('consultation.offer', slotTenant), async (c) =>
    c.json(await createSlot(c.get('deps'), requireAuth(c), c.req.valid('json')), 201))
  .delete('/slots/:slotId', noQuery, param(SlotParams), allow('caseload.read', self), async (c) => {
    await removeSlot(c.get('deps'), requireAuth(c), c.req.valid('param').slotId);
    return c.body(null, 204);
  })
  .get('/open', noQuery, allow('study', self), async (c) => c.json(await openSlots(c.get('deps'), requireAuth(c))))
  .get('/mine', noQuery, allow('study', self), async (c) => c.json(await myBookings(c.get('deps'), requireAuth(c))))
  .post('/slots/:slotId/booking', noQuery, param(SlotParams), json(BookingBody), allow('study', self), async (c) =>
    c.json(await book(c.get('deps'), requireAuth(c), c.req.valid('param').slotId, c.req.valid('json')), 201))
  .delete('/slots/:slotId/booking', noQuery, param(SlotParams), allow('study', self), async (c) => {
    await cancel(c.get('deps'), requireAuth(c), c.req.valid('param').slotId);
    return c.body(null, 204);
  })
  .get('/slots/:slotId/calendar.ics', noQuery, param(SlotParams), allow('study', self), async (c) => {
    const { fileName, text } = await bookingCalendar(c.get('deps'), requireAuth(c), c.req.valid('param').slotId);
    return c.body(text, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` });
  });
