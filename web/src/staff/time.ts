import { locale } from '../i18n/index.ts';
import { st } from './i18n/index.ts';

// Seminar times are Japan time whatever the device's zone: staff type 18:30 for 18:30 in Osaka, wherever they are.

const parts = (iso: string) => Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
}).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));

/** An instant as the form's day (YYYY-MM-DD) and time (HH:MM) in Japan. */
export function japanDayTime(iso: string): { date: string; time: string } {
  const p = parts(iso);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The form's day and time in Japan as an ISO instant with its offset, as the contract asks. */
export const japanInstant = (date: string, time: string) => `${date}T${time}:00+09:00`;

const jst = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale() === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', ...o });
export const formatTime = (iso: string) => jst({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
/** 「2026年12月10日(木) 18:30〜20:30」 */
export const sessionWhen = (s: { startsAt: string; endsAt: string }) => st('sessions.when', {
  date: jst({ year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }).format(new Date(s.startsAt)), start: formatTime(s.startsAt), end: formatTime(s.endsAt),
});
