import { locale, translator } from '../../i18n/index.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export const at = translator({ ja, en });

/** A moment, to the minute, in Japan time: the app's one format (web/src/i18n). */
export { formatDateTime } from '../../i18n/index.ts';
