/**
 * Throttling of sign-in and sign-up (ASVS 2.2.1, 11.1.4): attempts are counted in windows per subject. Each attempt is
 * reserved atomically BEFORE the costly or revealing work (a password hash, an email lookup), so parallel requests
 * cannot all slip under the limit; a successful sign-in gives its reservation back, so only failures add up.
 *
 * The failure that reaches the limit starts a lock of one window's length (`lockedUntil`): whoever is locked out waits
 * exactly that long from their last counted failure, and is told how long — not "until the clock's quarter hour ends",
 * which could be seconds or the whole window.
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

/** When a lock started by a failure at `failedAt` ends: one window's length later, whatever the clock's windows. */
export function lockedUntil(failedAt: Date, rule: ThrottleRule): number {
  return failedAt.getTime() + rule.windowSeconds * 1000;
}

/**
 * Seconds until the caller may try again. `until` is the lock's end when one is known; without one (the limit is full
 * of attempts still being checked, whose failure starts the lock) the wait is a whole lock.
 */
export function secondsToWait(now: Date, rule: ThrottleRule, until?: number): number {
  const ms = until !== undefined && until > now.getTime() ? until - now.getTime() : rule.windowSeconds * 1000;
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Whole minutes to say in a message ("try again in 3 minutes"): rounded up, never 0. */
export function minutesToSay(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
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

/** Limits on what signed-in people do that costs mail, storage or a guess (ASVS 11.1.4): per acting account. */
export const ACTION_RULES = {
  /** Invitation mails (new ones and resends) one staff member, advisor or admin sends: a whole cohort, not a spam run. */
  invitations: { limit: 200, windowSeconds: 60 * 60 },
  /** Founder CSV imports (each up to 5,000 rows, mailed a few at a time). */
  imports: { limit: 10, windowSeconds: 60 * 60 },
  /** Upload forms a founder asks for (each lets one file of ≤ 10 MB into the uploads bucket). */
  uploads: { limit: 30, windowSeconds: 60 * 60 },
  /** Wrong check-in codes from one founder: an old code scanned twice is normal, trying code after code is not. */
  checkin: { limit: 10, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;
