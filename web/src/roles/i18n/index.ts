import { locale, translator } from '../../i18n/index.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export const rt = translator({ ja, en });

/** A count in the current language's digits and separators (10,000). */
export const formatNumber = (n: number) => new Intl.NumberFormat(locale() === 'ja' ? 'ja-JP' : 'en-GB').format(n);

/** An ISO week of Japan time, `2026-W49`, as people say it. */
export function formatWeek(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  return m ? rt('week', { year: m[1]!, week: Number(m[2]) }) : week;
}

/** A moment, to the minute, in Japan time: the app's one format (web/src/i18n). */
export { formatDateTime } from '../../i18n/index.ts';
