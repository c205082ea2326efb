import { locale, translator } from '../../i18n/index.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export const at = translator({ ja, en });

/** A moment, to the minute, in Japan time. */
export const formatDateTime = (iso: string) => new Intl.DateTimeFormat(locale() === 'ja' ? 'ja-JP' : 'en-GB', {
  year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo',
}).format(new Date(iso));
