/** ASVS 3.3.2 (level 2): re-authentication after 30 minutes idle and 12 hours at most. */
export interface LoginRules { idleSeconds: number; absoluteSeconds: number; touchEverySeconds: number }
export const DEFAULT_LOGIN_RULES: LoginRules = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600, touchEverySeconds: 60 };

export interface LoginTimes { createdAt: string; lastSeenAt: string }

export type LoginVerdict = 'valid' | 'valid_touch' | 'expired';

/** Decides whether a sign-in (login) is alive at `now`, and whether its last-seen time is worth writing again. */
export function loginVerdict(s: LoginTimes, now: Date, rules: LoginRules = DEFAULT_LOGIN_RULES): LoginVerdict {
  const t = now.getTime();
  if (t - Date.parse(s.createdAt) >= rules.absoluteSeconds * 1000) return 'expired';
  const idle = t - Date.parse(s.lastSeenAt);
  if (idle >= rules.idleSeconds * 1000) return 'expired';
  return idle >= rules.touchEverySeconds * 1000 ? 'valid_touch' : 'valid';
}

/** The moment a login can no longer be valid, for the TTL attribute. */
export function loginHardExpiry(createdAt: Date, rules: LoginRules = DEFAULT_LOGIN_RULES): Date {
  return new Date(createdAt.getTime() + rules.absoluteSeconds * 1000);
}
