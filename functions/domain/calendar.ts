/**
 * iCalendar (RFC 5545) events for seminar sessions (and, later, consultations): one VEVENT, times in Japan time with
 * the Asia/Tokyo zone spelled out (JST, +09:00, no daylight saving), so every calendar shows the hour printed on the
 * flyer. Text is escaped and lines are folded at 75 octets as the RFC requires.
 */
export interface CalendarEvent {
  uid: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  url: string | null;
  description: string;
  /** When the event was written (DTSTAMP). */
  stamp: Date;
}

const JST_MS = 9 * 3_600_000;
const two = (n: number) => String(n).padStart(2, '0');

/** 20261210T190000 — the wall-clock time in Japan of an instant. */
export function jstLocal(iso: string): string {
  const d = new Date(Date.parse(iso) + JST_MS);
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
}

const utcStamp = (d: Date) => `${d.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/** TEXT values: backslash, semicolon, comma and newlines escaped. */
export const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets without splitting a UTF-8 character (continuation lines start with a space). */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74;
    if (size + n > limit) { out.push(current); current = ''; size = 0; }
    current += ch;
    size += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function icsOf(e: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Sogyo Campus//Seminars//JA', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE', 'TZID:Asia/Tokyo', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0900', 'TZOFFSETTO:+0900', 'TZNAME:JST', 'END:STANDARD', 'END:VTIMEZONE',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(e.stamp)}`,
    `DTSTART;TZID=Asia/Tokyo:${jstLocal(e.startsAt)}`,
    `DTEND;TZID=Asia/Tokyo:${jstLocal(e.endsAt)}`,
    `SUMMARY:${escapeText(e.title)}`,
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.url ? [`URL:${e.url}`] : []),
    `DESCRIPTION:${escapeText(e.description)}`,
    'END:VEVENT', 'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
