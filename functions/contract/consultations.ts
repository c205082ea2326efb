import * as z from 'zod';
import { Localized } from './catalog.ts';

// Consultations (issue 11, point 6): an advisor publishes slots for a municipality they serve, in person or online; a
// founder of that municipality books one with a note (from the plan page or an assignment); both get a mail with an
// .ics; cancelling frees the slot; two founders can never hold the same slot (docs/consultations.md).

const Instant = z.iso.datetime({ offset: true });
export const SlotId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'a slot id');
export const SlotParams = z.object({ slotId: SlotId }).strict();
const Note = z.string().trim().max(500).regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, 'no control characters');

/** The shortest and longest consultation. */
export const SLOT_MINUTES = { min: 15, max: 180 } as const;

/** POST /api/consultations/slots — one slot, by its advisor, for one municipality they serve. */
export const SlotBody = z.object({
  tenantId: z.string().regex(/^\d{6}$/, 'a municipality code'),
  startsAt: Instant,
  endsAt: Instant,
  mode: z.enum(['in_person', 'online']),
  place: z.string().trim().min(1).max(200).nullable().default(null),
  meetingUrl: z.url({ protocol: /^https$/ }).max(500).nullable().default(null),
  note: Note.optional(),
}).strict()
  .refine((b) => b.mode !== 'in_person' || b.place !== null, { message: 'an in-person consultation needs a place', path: ['place'] })
  .refine((b) => b.mode !== 'online' || b.meetingUrl !== null, { message: 'an online consultation needs an https meeting link', path: ['meetingUrl'] })
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'the end must be after the start', path: ['endsAt'] })
  .refine((b) => { const m = (Date.parse(b.endsAt) - Date.parse(b.startsAt)) / 60_000; return m >= SLOT_MINUTES.min && m <= SLOT_MINUTES.max; },
    { message: `a consultation lasts ${SLOT_MINUTES.min} minutes to ${SLOT_MINUTES.max / 60} hours`, path: ['endsAt'] });
export type SlotBody = z.input<typeof SlotBody>;

const SlotBase = {
  id: SlotId,
  tenantId: z.string(),
  tenantName: Localized,
  advisorId: z.string(),
  advisorName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(['in_person', 'online']),
  place: z.string().nullable(),
  meetingUrl: z.string().nullable(),
  note: z.string().nullable(),
};
/** The advisor's own slot, with who booked it. */
export const AdvisorSlot = z.object({
  ...SlotBase,
  booking: z.object({ userId: z.string(), name: z.string(), note: z.string().nullable(), bookedAt: z.string(), from: z.enum(['plan', 'assignment']).nullable() }).strict().nullable(),
}).strict();
export type AdvisorSlot = z.infer<typeof AdvisorSlot>;
export const AdvisorSlots = z.object({ slots: z.array(AdvisorSlot) }).strict();
export type AdvisorSlots = z.infer<typeof AdvisorSlots>;
/** A slot a founder may book (nothing about anyone else's booking). */
export const OpenSlot = z.object(SlotBase).strict();
export type OpenSlot = z.infer<typeof OpenSlot>;
export const OpenSlots = z.object({ slots: z.array(OpenSlot) }).strict();
export type OpenSlots = z.infer<typeof OpenSlots>;

/** POST /api/consultations/slots/:slotId/booking */
export const BookingBody = z.object({ note: Note.optional(), from: z.enum(['plan', 'assignment']).optional() }).strict();
export type BookingBody = z.input<typeof BookingBody>;
/** The founder's booking: the slot, and their note. */
export const MyBooking = z.object({ ...SlotBase, myNote: z.string().nullable(), bookedAt: z.string() }).strict();
export type MyBooking = z.infer<typeof MyBooking>;
export const MyBookings = z.object({ bookings: z.array(MyBooking) }).strict();
export type MyBookings = z.infer<typeof MyBookings>;
