/**
 * Throttling of sign-in and sign-up (ASVS 2.2.1, 11.1.4): attempts are counted in fixed windows per subject. Each
 * attempt is reserved atomically BEFORE the costly or revealing work (a password hash, an email lookup), so parallel
 * requests cannot all slip under the limit; a successful sign-in gives its reservation back, so only failures add up.
 */
export interface ThrottleRule { limit: number; windowSeconds: number }
export const SIGN_IN_RULES = {
  /** Online guessing against one founder. */
  account: { limit: 5, windowSeconds: 15 * 60 },
  /** Spraying across many accounts from one address (a municipal office shares one; successes do not count). */
  address: { limit: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

export const SIGN_UP_RULES = {
  /** Each sign-up costs a password hash and tells whether an email is taken. A seminar venue registers 40 walk-ins at once. */
  address: { limit: 60, windowSeconds: 15 * 60 },
  /** Probing whether one email has an account. */
  email: { limit: 5, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

export function windowStart(now: Date, rule: ThrottleRule): number {
  const w = rule.windowSeconds * 1000;
  return Math.floor(now.getTime() / w) * w;
}

/** Seconds until the caller may try again, or 0 when under the limit. */
export function retryAfter(attempts: number, now: Date, rule: ThrottleRule): number {
  if (attempts < rule.limit) return 0;
  return secondsToWindowEnd(now, rule);
}

export function secondsToWindowEnd(now: Date, rule: ThrottleRule): number {
  return Math.max(1, Math.ceil((windowStart(now, rule) + rule.windowSeconds * 1000 - now.getTime()) / 1000));
}

export const ACCOUNT_RULES = {
  /** Password-reset requests per email: enough for a lost mail or two, not for flooding someone's inbox. */
  resetEmail: { limit: 3, windowSeconds: 15 * 60 },
  /** Reset requests from one address, across emails. */
  resetAddress: { limit: 20, windowSeconds: 15 * 60 },
  /** Wrong two-factor codes against one account (the ticket of one sign-in also allows at most 5). */
  totp: { limit: 5, windowSeconds: 15 * 60 },
  /** Mails a signed-in person can trigger (verification resends, email changes). */
  mails: { limit: 5, windowSeconds: 60 * 60 },
  /** Current-password checks of a signed-in person (password or email change, deletion). */
  reauth: { limit: 5, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;
