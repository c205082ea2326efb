import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { lockedUntil, minutesToSay, secondsToWait, type ThrottleRule, windowStart } from '../domain/throttle.ts';
import { lockIfFull, releaseAttempt, reserveAttempt, type ThrottleSubject } from '../store/throttle.ts';
import type { Deps } from './deps.ts';

// Rate limits of every kind (sign-in, sign-up, resets, mails, invitations, uploads, check-in): one mechanism, the rules
// in functions/domain/throttle.ts, the list with its reasons in docs/architecture.md "Abuse limits".
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** A throttle subject of one rule, for `now`. */
export function subject(kind: string, value: string, rule: ThrottleRule, now: Date): ThrottleSubject {
  return { kind, subjectHash: sha256(value), windowStart: windowStart(now, rule), windowSeconds: rule.windowSeconds, limit: rule.limit };
}

/** A reserved attempt: give it back when it succeeded, or count it as failed (which may start the lock). */
export interface Attempt { succeeded(): Promise<void>; failed(): Promise<void> }

/**
 * Reserves the attempt before any costly or revealing work; 429 with Retry-After when a limit is reached or a lock
 * runs. With `counts: 'every'` (sign-up, mails, resets) the attempt counts at once; with 'failures' (password and code
 * checks) the caller reports the outcome, and only failures count.
 */
export async function throttle(deps: Deps, now: Date, subjects: Array<{ s: ThrottleSubject; rule: ThrottleRule }>, what: string, counts: 'every' | 'failures' = 'every'): Promise<Attempt> {
  const plain = subjects.map((x) => x.s);
  const ruleOf = (s: ThrottleSubject) => subjects.find((x) => x.s === s)!.rule;
  const refused = await reserveAttempt(deps.db, plain, now.getTime());
  if (refused) {
    const wait = secondsToWait(now, subjects[refused.blocked]!.rule, refused.lockedUntil);
    const minutes = minutesToSay(wait);
    throw new DomainError('rate_limited', `Too many ${what} attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, undefined, wait);
  }
  const attempt: Attempt = {
    succeeded: () => releaseAttempt(deps.db, plain),
    // The lock runs from this failure (the clock of the request that failed), one window long.
    failed: () => lockIfFull(deps.db, plain, (s) => lockedUntil(deps.clock(), ruleOf(s))),
  };
  if (counts === 'every') await attempt.failed();
  return attempt;
}
