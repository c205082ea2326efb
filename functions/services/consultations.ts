import { randomBytes } from 'node:crypto';
import type { AdvisorSlot, AdvisorSlots, BookingBody, MyBooking, MyBookings, OpenSlot, OpenSlots, SlotBody } from '../contract/consultations.ts';
import { icsOf } from '../domain/calendar.ts';
import { consultationReminderDue, nextConsultation, notStarted, overlaps } from '../domain/consultations.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { consultationBookedMail, consultationCancelledMail, consultationReminderMail, type ConsultationText } from '../domain/mails.ts';
import {
  bookSlot, cancelBooking, claimSlotReminder, deleteSlot, getSlot, listAdvisorSlots, listBookings, listTenantSlots, putSlot, setNextConsultation,
  type SlotRecord,
} from '../store/consultations.ts';
import type { Db } from '../store/db.ts';
import type { Mailer } from '../store/mail.ts';
import { getTenant, listTenants } from '../store/tenants.ts';
import { getUser } from '../store/users.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';

// Consultations (issue 11, point 6; docs/consultations.md). Access: an advisor publishes for a municipality where they
// hold the advisor role (policy `consultation.offer`); founders book slots of their own municipality (their own record).

type TenantName = { ja: string; en: string };
const names = new Map<string, TenantName>();
async function tenantName(db: Db, id: string): Promise<TenantName> {
  const cached = names.get(`${db.table}:${id}`);
  if (cached) return cached;
  const t = await getTenant(db, id);
  const n = t?.name ?? { ja: id, en: id };
  names.set(`${db.table}:${id}`, n);
  return n;
}

const base = async (db: Db, s: SlotRecord) => ({
  id: s.id, tenantId: s.tenantId, tenantName: await tenantName(db, s.tenantId), advisorId: s.advisorId, advisorName: s.advisorName,
  startsAt: s.startsAt, endsAt: s.endsAt, mode: s.mode, place: s.place, meetingUrl: s.meetingUrl, note: s.note,
});
const advisorView = async (db: Db, s: SlotRecord): Promise<AdvisorSlot> => ({
  ...await base(db, s),
  booking: s.bookedBy ? { userId: s.bookedBy, name: s.bookedName ?? '', note: s.bookingNote ?? null, bookedAt: s.bookedAt ?? '', from: s.bookedFrom ?? null } : null,
});

/** The founder's municipality (their learner membership); a person without one does not book consultations. */
function founderTenant(auth: Authenticated): string {
  const t = auth.user.learnerTenantId;
  if (!t) throw new DomainError('forbidden', 'Only founders book consultations');
  return t;
}

export async function createSlot(deps: Deps, auth: Authenticated, body: SlotBody): Promise<AdvisorSlot> {
  const now = deps.clock();
  const b = body as Required<Pick<SlotBody, 'tenantId' | 'startsAt' | 'endsAt' | 'mode'>> & { place: string | null; meetingUrl: string | null; note?: string };
  const startsAt = new Date(b.startsAt).toISOString();
  const endsAt = new Date(b.endsAt).toISOString();
  if (!notStarted({ startsAt }, now)) throw new DomainError('invalid_request', 'The consultation would already have started', { startsAt: 'past' });
  const mine = await listAdvisorSlots(deps.db, auth.user.id, new Date(Date.parse(startsAt) - 4 * 3_600_000).toISOString());
  if (mine.some((s) => overlaps(s, { startsAt, endsAt }))) throw new DomainError('invalid_request', 'You already have a consultation slot at that time', { startsAt: 'overlap' });
  const slot: SlotRecord = {
    id: randomBytes(12).toString('base64url'), tenantId: b.tenantId, advisorId: auth.user.id, advisorName: auth.user.name, startsAt, endsAt,
    mode: b.mode, place: b.mode === 'in_person' ? b.place : null, meetingUrl: b.mode === 'online' ? b.meetingUrl : null, note: b.note?.trim() || null,
    createdAt: now.toISOString(),
  };
  await putSlot(deps.db, slot);
  return advisorView(deps.db, slot);
}

/** The advisor's slots from today on (Japan time), booked or not, in time order. */
export async function mySlots(deps: Deps, auth: Authenticated): Promise<AdvisorSlots> {
  const from = new Date(deps.clock().getTime() - 24 * 3_600_000).toISOString();
  const slots = await listAdvisorSlots(deps.db, auth.user.id, from);
  return { slots: await Promise.all(slots.map((s) => advisorView(deps.db, s))) };
}

/** The advisor deletes one of their slots; a booking on it is cancelled first and the founder told. */
export async function removeSlot(deps: Deps, auth: Authenticated, slotId: string): Promise<void> {
  const s = await getSlot(deps.db, slotId);
  if (!s || s.advisorId !== auth.user.id) throw notFound('Consultation slot');
  if (!notStarted(s, deps.clock())) throw new DomainError('conflict', 'The consultation has started; it stays as it is');
  if (s.bookedBy) {
    const founder = s.bookedBy;
    if (await cancelBooking(deps.db, s, founder)) {
      await refreshNext(deps, s.tenantId, founder);
      await tell(deps, s, founder, 'founder', consultationCancelledMail);
    }
  }
  if (!await deleteSlot(deps.db, slotId)) throw new DomainError('conflict', 'Someone booked this slot just now; cancel their booking first');
}

/** Slots of the founder's municipality still to come and free, in time order (the next 60 days). */
export async function openSlots(deps: Deps, auth: Authenticated): Promise<OpenSlots> {
  const tenantId = founderTenant(auth);
  const now = deps.clock();
  const slots = await listTenantSlots(deps.db, tenantId, now.toISOString(), new Date(now.getTime() + 60 * 86_400_000).toISOString());
  return { slots: await Promise.all(slots.filter((s) => !s.bookedBy && notStarted(s, now)).map(async (s): Promise<OpenSlot> => base(deps.db, s))) };
}

/** Books a slot of the founder's municipality; a slot someone else holds answers 409 slot_taken. */
export async function book(deps: Deps, auth: Authenticated, slotId: string, body: BookingBody): Promise<MyBooking> {
  const tenantId = founderTenant(auth);
  const s = await getSlot(deps.db, slotId);
  if (!s || s.tenantId !== tenantId) throw notFound('Consultation slot');
  const now = deps.clock();
  if (!notStarted(s, now)) throw new DomainError('conflict', 'This consultation has already started');
  const note = body.note?.trim() || null;
  const outcome = await bookSlot(deps.db, s, { userId: auth.user.id, name: auth.user.name, note, from: body.from ?? null, at: now.toISOString() });
  if (outcome === 'taken') throw new DomainError('slot_taken', 'Someone booked this slot just before you; choose another one');
  if (outcome === 'gone') throw notFound('Consultation slot');
  await refreshNext(deps, tenantId, auth.user.id);
  const booked = { ...s, bookedBy: auth.user.id, bookedName: auth.user.name, bookingNote: note, bookedAt: now.toISOString() };
  await tell(deps, booked, auth.user.id, 'founder', consultationBookedMail, true);
  await tell(deps, booked, s.advisorId, 'advisor', consultationBookedMail, true);
  return { ...await base(deps.db, s), myNote: note, bookedAt: now.toISOString() };
}

/** The founder cancels their booking before it starts; the slot is free again and the advisor told. */
export async function cancel(deps: Deps, auth: Authenticated, slotId: string): Promise<void> {
  const tenantId = founderTenant(auth);
  const s = await getSlot(deps.db, slotId);
  if (!s || s.tenantId !== tenantId || s.bookedBy !== auth.user.id) throw notFound('Booking');
  if (!notStarted(s, deps.clock())) throw new DomainError('conflict', 'The consultation has started; it can no longer be cancelled here');
  if (!await cancelBooking(deps.db, s, auth.user.id)) throw notFound('Booking');
  await refreshNext(deps, tenantId, auth.user.id);
  await tell(deps, s, s.advisorId, 'advisor', consultationCancelledMail);
}

export async function myBookings(deps: Deps, auth: Authenticated): Promise<MyBookings> {
  founderTenant(auth);
  const now = deps.clock();
  const from = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const out: MyBooking[] = [];
  for (const b of await listBookings(deps.db, auth.user.id, from)) {
    const s = await getSlot(deps.db, b.slotId);
    if (s?.bookedBy === auth.user.id) out.push({ ...await base(deps.db, s), myNote: s.bookingNote ?? null, bookedAt: s.bookedAt ?? b.bookedAt });
  }
  return { bookings: out };
}

/** The booking as an .ics file, for the founder who holds it. */
export async function bookingCalendar(deps: Deps, auth: Authenticated, slotId: string): Promise<{ fileName: string; text: string }> {
  const s = await getSlot(deps.db, slotId);
  if (!s || s.bookedBy !== auth.user.id) throw notFound('Booking');
  return { fileName: `consultation-${s.startsAt.slice(0, 10)}.ics`, text: icsFor(deps, s, auth.user.locale) };
}

function icsFor(deps: Deps, s: SlotRecord, locale: 'ja' | 'en'): string {
  return icsOf({
    uid: `${s.id}@sogyo-campus`, title: locale === 'ja' ? `創業相談（${s.advisorName}）` : `Business consultation (${s.advisorName})`,
    startsAt: s.startsAt, endsAt: s.endsAt, location: s.place ?? s.meetingUrl, url: s.meetingUrl,
    description: `${s.bookedName ?? ''}${s.bookingNote ? ` — ${s.bookingNote}` : ''} ${deps.siteUrl}/consultations`, stamp: deps.clock(),
  });
}

async function refreshNext(deps: Deps, tenantId: string, userId: string): Promise<void> {
  const now = deps.clock();
  const bookings = await listBookings(deps.db, userId, now.toISOString());
  await setNextConsultation(deps.db, tenantId, userId, nextConsultation(bookings.map((b) => b.startsAt), now));
}

const whenOf = (s: SlotRecord, locale: 'ja' | 'en') => {
  const jst = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString();
  const a = jst(s.startsAt);
  const b = jst(s.endsAt);
  return locale === 'ja' ? `${a.slice(0, 10)} ${a.slice(11, 16)}〜${b.slice(11, 16)}` : `${a.slice(0, 10)} ${a.slice(11, 16)}–${b.slice(11, 16)} (JST)`;
};
const textOf = (deps: Pick<Deps, 'siteUrl'>, s: SlotRecord, locale: 'ja' | 'en', to: 'founder' | 'advisor'): ConsultationText => ({
  when: whenOf(s, locale), where: s.place ?? s.meetingUrl ?? '', advisorName: s.advisorName, founderName: s.bookedName ?? '', note: s.bookingNote ?? null,
  link: `${deps.siteUrl}${to === 'founder' ? '/consultations' : '/advisor/consultations'}`,
});

/** Mails one party (a confirmed address only); a failed mail does not undo the booking. */
async function tell(
  deps: Pick<Deps, 'db' | 'mailer' | 'siteUrl' | 'clock'>, s: SlotRecord, userId: string, to: 'founder' | 'advisor',
  mail: (o: { locale: 'ja' | 'en'; to: 'founder' | 'advisor'; c: ConsultationText }) => { subject: string; text: string }, withCalendar = false,
): Promise<boolean> {
  const user = await getUser(deps.db, userId);
  if (!user?.emailVerifiedAt) return false;
  const m = mail({ locale: user.locale, to, c: textOf(deps, s, user.locale, to) });
  const attachments = withCalendar ? [{ filename: 'consultation.ics', contentType: 'text/calendar; charset=UTF-8; method=PUBLISH', content: icsFor(deps as Deps, s, user.locale) }] : undefined;
  try {
    await deps.mailer.send({ to: user.email, ...m, ...(attachments ? { attachments } : {}) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The reminders job's part: every booked consultation of tomorrow (Japan day) gets one mail to the founder and one to
 * the advisor. Claimed on the slot before sending: a second run, or a run after a crash, never sends them twice (a crash
 * between the claim and the mails loses them rather than doubling them, as the assignment reminders do).
 */
export async function remindConsultations(deps: { db: Db; mailer: Mailer; clock: () => Date; siteUrl: string }): Promise<number> {
  const now = deps.clock();
  let sent = 0;
  const until = new Date(now.getTime() + 2 * 86_400_000).toISOString();
  for (const t of await listTenants(deps.db)) {
    for (const s of await listTenantSlots(deps.db, t.id, now.toISOString(), until)) {
      if (!s.bookedBy || s.reminderMailedAt || !consultationReminderDue(s, now)) continue;
      if (!await claimSlotReminder(deps.db, s.id, s.bookedBy, now.toISOString())) continue;
      for (const [id, to] of [[s.bookedBy, 'founder'], [s.advisorId, 'advisor']] as const) {
        if (await tell(deps, s, id, to, consultationReminderMail)) sent++;
      }
    }
  }
  return sent;
}

/** Account erasure: every booking of the founder, past or future, is cancelled (the slot keeps no name or note). */
export async function eraseBookings(deps: Deps, userId: string): Promise<void> {
  for (const b of await listBookings(deps.db, userId, '')) {
    const s = await getSlot(deps.db, b.slotId);
    if (s?.bookedBy === userId) await cancelBooking(deps.db, s, userId);
  }
}

