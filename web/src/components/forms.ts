import { LIMITS } from '../../../functions/contract/constants.ts';
import { ApiFailure } from '../api/client.ts';
import { t, type MessageKey } from '../i18n/index.ts';

const SERVER_FIELD: Record<string, MessageKey> = {
  taken: 'field.taken', too_common: 'field.too_common', unknown: 'error.code_invalid', expired: 'error.code_expired', used_up: 'error.code_used_up',
};

/** Server field errors (`{ email: 'taken' }`) → messages in the current language. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiFailure)) return {};
  return Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, t(SERVER_FIELD[v] ?? 'field.invalid')]));
}

export const checkEmail = (v: string) => (!v.trim() ? t('field.required') : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? undefined : t('field.email'));
export const checkPassword = (v: string) => (v.length < LIMITS.passwordMin || v.length > LIMITS.passwordMax ? t('field.passwordLength') : undefined);
export const checkRequired = (v: string) => (v.trim() ? undefined : t('field.required'));
export const checkCode = (v: string) => (!v.trim() ? t('field.required') : /^[A-Za-z0-9-]{4,32}$/.test(v.trim()) ? undefined : t('field.code'));

/** Only same-site paths may be a post-sign-in destination (no open redirect). */
export const safeNext = (next: string | string[] | undefined) => {
  const n = Array.isArray(next) ? next[0] : next;
  return n && n.startsWith('/') && !n.startsWith('//') ? n : '/';
};
