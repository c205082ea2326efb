import { createRoot, createSignal } from 'solid-js';
import { en } from './en.ts';
import { ja, type MessageKey } from './ja.ts';

export type Locale = 'ja' | 'en';
export type { MessageKey };
const STORAGE_KEY = 'sogyo.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { ja, en };

function initial(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch { /* storage may be blocked */ }
  return 'ja';
}

const store = createRoot(() => {
  const [locale, setLocaleSignal] = createSignal<Locale>(initial());
  return { locale, setLocaleSignal };
});

export const locale = store.locale;

/** Switches language, remembers it on this device, and keeps <html lang> right for screen readers. */
export function setLocale(l: Locale) {
  store.setLocaleSignal(l);
  try { localStorage.setItem(STORAGE_KEY, l); } catch { /* storage may be blocked */ }
  document.documentElement.lang = l;
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * A translate function over a pair of dictionaries, following the current language. The learner's messages are the
 * app's own (`t`); each role area brings its own pair in its chunk, so none of them adds to the learner's first load.
 */
export function translator<K extends string>(dicts: Record<Locale, Record<K, string>>): Translate<K> {
  return (key, params) => {
    const text = dicts[locale()][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)) : text;
  };
}

/** Translate a message id, filling `{name}` placeholders. */
export const t: Translate<MessageKey> = translator(dictionaries);

/** Pick the right side of a `{ja, en}` pair from content. */
export const pick = (l: { ja: string; en: string }) => l[locale()];

const parts = (iso: string, time: boolean) => Object.fromEntries(new Intl.DateTimeFormat('en-US', {
  year: 'numeric', month: 'short', day: 'numeric', ...(time ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}), timeZone: 'Asia/Tokyo',
}).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));

/**
 * The app's one way of writing a date, in Japan time: 2026年12月4日 in Japanese, 4 Dec 2026 in English; never ISO.
 * (English is built from parts: en-GB would write "Sept", en-US puts the month first.)
 */
export function formatDate(iso: string): string {
  if (locale() === 'ja') return new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' }).format(new Date(iso));
  const p = parts(iso, false);
  return `${p.day} ${p.month} ${p.year}`;
}

/** A calendar day given as YYYY-MM-DD in Japan time (the evidence record's dates), formatted like formatDate. */
export function formatDay(day: string): string {
  return formatDate(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00+09:00` : day);
}

/** A moment to the minute, in Japan time, with the same date as formatDate: 2026年12月4日 10:05, 4 Dec 2026, 10:05. */
export function formatDateTime(iso: string): string {
  if (locale() === 'ja') {
    return new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(new Date(iso));
  }
  const p = parts(iso, true);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}
