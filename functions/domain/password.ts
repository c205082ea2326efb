import { COMMON_PASSWORDS } from './common-passwords.gen.ts';

let common: Set<string> | undefined;

/**
 * Passwords this project itself publishes (the README's demo logins): anyone can read them, so no new account and no
 * changed or reset password may use them. The demo seed sets them through a hash it makes itself. Kept here as 53-bit
 * fingerprints (cyrb53 of the lower-cased password), so the deployed bundle carries no demo credential in clear; a
 * unit test pins each fingerprint to the README's password.
 */
export const PUBLISHED_PASSWORD_PRINTS: readonly number[] = [8_912_332_408_527_682];

/** cyrb53: a small, fast, well-mixed 53-bit string hash (not for secrets; a fingerprint to recognise a known string). */
export function fingerprint(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * OWASP ASVS 2.1: length 8–128 (checked by the contract), no composition rules, and refuse passwords found in
 * breach lists, published by this project, or derived from the account's own identifiers.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): 'too_common' | null {
  common ??= new Set(COMMON_PASSWORDS.split('\n'));
  const lower = password.toLowerCase();
  if (common.has(lower) || PUBLISHED_PASSWORD_PRINTS.includes(fingerprint(lower))) return 'too_common';
  if (/^(.)\1+$/.test(password)) return 'too_common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower === local) return 'too_common';
  if (context.email && lower === context.email.toLowerCase()) return 'too_common';
  return null;
}
