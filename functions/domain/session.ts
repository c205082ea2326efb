/** ASVS 3.3.2 (level 2): re-authentication after 30 minutes idle and 12 hours at most. */
export interface SessionRules { idleSeconds: number; absoluteSeconds: number; touchEverySeconds: number }
export const DEFAULT_SESSION_RULES: SessionRules = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600, touchEverySeconds: 60 };

export interface SessionTimes { createdAt: string; lastSeenAt: string }

export type SessionVerdict = 'valid' | 'valid_touch' | 'expired';

/** Decides whether a session is alive at `now`, and whether its last-seen time is worth writing again. */
export function sessionVerdict(s: SessionTimes, now: Date, rules: SessionRules = DEFAULT_SESSION_RULES): SessionVerdict {
  const t = now.getTime();
  if (t - Date.parse(s.createdAt) >= rules.absoluteSeconds * 1000) return 'expired';
  const idle = t - Date.parse(s.lastSeenAt);
  if (idle >= rules.idleSeconds * 1000) return 'expired';
  return idle >= rules.touchEverySeconds * 1000 ? 'valid_touch' : 'valid';
}

/** The moment a session can no longer be valid, for the TTL attribute. */
export function sessionHardExpiry(createdAt: Date, rules: SessionRules = DEFAULT_SESSION_RULES): Date {
  return new Date(createdAt.getTime() + rules.absoluteSeconds * 1000);
}
