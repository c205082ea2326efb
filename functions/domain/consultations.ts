import { japanDay } from './totals.ts';

// Consultations (issue 11, point 6): the rules, pure.

export interface SlotTimes { startsAt: string; endsAt: string }

/** Two slots of one advisor overlap (touching ends do not). */
export const overlaps = (a: SlotTimes, b: SlotTimes) => Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);

/** A slot can be booked, cancelled or deleted only before it starts. */
export const notStarted = (s: Pick<SlotTimes, 'startsAt'>, now: Date) => Date.parse(s.startsAt) > now.getTime();

/** The day-before reminder is due on the Japan day before the consultation's Japan day (and not after it started). */
export function consultationReminderDue(s: Pick<SlotTimes, 'startsAt'>, now: Date): boolean {
  if (!notStarted(s, now)) return false;
  const tomorrow = new Date(Date.parse(`${japanDay(now.toISOString())}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return japanDay(s.startsAt) === tomorrow;
}

/** The earliest future consultation of a founder's bookings (the caseload shows it), or null. */
export function nextConsultation(startTimes: readonly string[], now: Date): string | null {
  return startTimes.filter((t) => Date.parse(t) > now.getTime()).sort()[0] ?? null;
}
