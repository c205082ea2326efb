/**
 * Sign-in throttling (ASVS 2.2.1): failed attempts are counted in fixed windows per account and per client address.
 * Per account it stops online guessing against one founder; per address it stops spraying across many accounts.
 */
export interface ThrottleRule { limit: number; windowSeconds: number }
export const SIGN_IN_RULES = {
  account: { limit: 5, windowSeconds: 15 * 60 },
  address: { limit: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

export function windowStart(now: Date, rule: ThrottleRule): number {
  const w = rule.windowSeconds * 1000;
  return Math.floor(now.getTime() / w) * w;
}

/** Seconds until the caller may try again, or 0 when under the limit. */
export function retryAfter(failures: number, now: Date, rule: ThrottleRule): number {
  if (failures < rule.limit) return 0;
  return Math.max(1, Math.ceil((windowStart(now, rule) + rule.windowSeconds * 1000 - now.getTime()) / 1000));
}
