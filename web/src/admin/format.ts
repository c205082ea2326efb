import { locale } from '../i18n/index.ts';

/** A ratio 0–1 as a percentage, to one decimal where it needs one: 75%, 79.9%. */
export const percent = (v: number) => new Intl.NumberFormat(locale() === 'ja' ? 'ja-JP' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(v);
