import { COMMON_PASSWORDS } from './common-passwords.gen.ts';

let common: Set<string> | undefined;

/**
 * Passwords this project itself publishes (the README's demo logins): anyone can read them, so no new account and no
 * changed or reset password may use them. The demo seed sets them through a hash it makes itself.
 */
export const PUBLISHED_PASSWORDS: readonly string[] = ['sogyo-campus-demo'];

/**
 * OWASP ASVS 2.1: length 8–128 (checked by the contract), no composition rules, and refuse passwords found in
 * breach lists, published by this project, or derived from the account's own identifiers.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): 'too_common' | null {
  common ??= new Set(COMMON_PASSWORDS.split('\n'));
  const lower = password.toLowerCase();
  if (common.has(lower) || PUBLISHED_PASSWORDS.includes(lower)) return 'too_common';
  if (/^(.)\1+$/.test(password)) return 'too_common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower === local) return 'too_common';
  if (context.email && lower === context.email.toLowerCase()) return 'too_common';
  return null;
}
