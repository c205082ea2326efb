/**
 * Calendar days written YYYY-MM-DD (a source's `checked`, a local page's `checked`, the day a check runs), compared
 * as days without time zones.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const toUtc = (day: string): Date => {
  const m = ISO_DATE.exec(day)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
};

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  return toUtc(s).toISOString().slice(0, 10) === s;
}

/** Today in Japan (the curriculum's reviewers work in Japan time), as YYYY-MM-DD. */
export function japanToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** The same day `months` months later (earlier when negative); the 31st becomes the month's last day when it has none. */
export function addMonths(day: string, months: number): string {
  const d = toUtc(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** Whole months from `from` to `to` (0 or more): how long ago a page was checked, as a reviewer says it. */
export function monthsBetween(from: string, to: string): number {
  let n = 0;
  while (addMonths(from, n + 1) <= to) n++;
  return n;
}
