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

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale() === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' }).format(new Date(iso));
}

/** A calendar day given as YYYY-MM-DD in Japan time (the evidence record's dates), formatted like formatDate. */
export function formatDay(day: string): string {
  return formatDate(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00+09:00` : day);
}
