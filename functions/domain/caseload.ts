/**
 * Who needs an advisor first (issue 11): the rule the caseload is sorted by, in one place, tested on its own.
 * 1. overdue assignments — the founder has fallen behind on something agreed (more overdue first);
 * 2. quiet for `quietDays` or more, or never started — they may have given up;
 * 3. one area short of their municipality's 特定創業支援 rule — a nudge now gets them a certificate;
 * 4. everyone else.
 * Within a group, the longest quiet first (never active counts as quietest), then by name.
 */
export type AttentionReason = 'overdue' | 'quiet' | 'never_started' | 'one_area_short';

export interface AttentionSubject {
  name: string;
  lastActiveAt: string | null;
  overdueAssignments: number;
  eligibility: 'eligible' | 'one_area_short' | 'not_yet';
}

export const QUIET_DAYS = 14;

export function attentionReasons(f: AttentionSubject, now: Date, quietDays = QUIET_DAYS): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (f.overdueAssignments > 0) reasons.push('overdue');
  if (f.lastActiveAt === null) reasons.push('never_started');
  else if (now.getTime() - Date.parse(f.lastActiveAt) >= quietDays * 86_400_000) reasons.push('quiet');
  if (f.eligibility === 'one_area_short') reasons.push('one_area_short');
  return reasons;
}

function group(reasons: readonly AttentionReason[]): number {
  if (reasons.includes('overdue')) return 0;
  if (reasons.includes('quiet') || reasons.includes('never_started')) return 1;
  if (reasons.includes('one_area_short')) return 2;
  return 3;
}

export function orderByAttention<F extends AttentionSubject>(list: readonly F[], now: Date, quietDays = QUIET_DAYS): F[] {
  const keyed = list.map((f) => ({ f, g: group(attentionReasons(f, now, quietDays)) }));
  keyed.sort((a, b) => a.g - b.g
    || (a.g === 0 ? b.f.overdueAssignments - a.f.overdueAssignments : 0)
    || (a.f.lastActiveAt ?? '').localeCompare(b.f.lastActiveAt ?? '')
    || a.f.name.localeCompare(b.f.name, 'ja'));
  return keyed.map((k) => k.f);
}
