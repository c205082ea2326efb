/**
 * Who needs an advisor first (issue 11): the rule the caseload is sorted by, in one place, tested on its own.
 * 1. overdue assignments — the founder has fallen behind on something agreed (more overdue first);
 * 2. a business plan submitted and waiting for review — the founder is waiting on the advisor (longest waiting first);
 * 3. an assignment due within a week — a word now keeps the deadline (`DUE_SOON_DAYS`);
 * 4. quiet for `quietDays` or more, or never started — they may have given up;
 * 5. one area short of their municipality's 特定創業支援 rule — a nudge now gets them a certificate;
 * 6. everyone else.
 * Within a group, the longest quiet first (never active counts as quietest), then by name.
 */
export type AttentionReason = 'overdue' | 'plan_waiting' | 'due_soon' | 'quiet' | 'never_started' | 'one_area_short';

export interface AttentionSubject {
  name: string;
  lastActiveAt: string | null;
  overdueAssignments: number;
  /** Open assignments due from today to `DUE_SOON_DAYS` days ahead. */
  dueSoonAssignments?: number;
  eligibility: 'eligible' | 'one_area_short' | 'not_yet';
  /** The business plan's state; `submitted` waits for the advisor since `planUpdatedAt`. */
  planStatus?: 'draft' | 'submitted' | 'reviewed' | 'needs_work' | null;
  planUpdatedAt?: string | null;
}

export const QUIET_DAYS = 14;
export const DUE_SOON_DAYS = 7;

export function attentionReasons(f: AttentionSubject, now: Date, quietDays = QUIET_DAYS): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (f.overdueAssignments > 0) reasons.push('overdue');
  if (f.planStatus === 'submitted') reasons.push('plan_waiting');
  if ((f.dueSoonAssignments ?? 0) > 0) reasons.push('due_soon');
  if (f.lastActiveAt === null) reasons.push('never_started');
  else if (now.getTime() - Date.parse(f.lastActiveAt) >= quietDays * 86_400_000) reasons.push('quiet');
  if (f.eligibility === 'one_area_short') reasons.push('one_area_short');
  return reasons;
}

function group(reasons: readonly AttentionReason[]): number {
  if (reasons.includes('overdue')) return 0;
  if (reasons.includes('plan_waiting')) return 1;
  if (reasons.includes('due_soon')) return 2;
  if (reasons.includes('quiet') || reasons.includes('never_started')) return 3;
  if (reasons.includes('one_area_short')) return 4;
  return 5;
}

export function orderByAttention<F extends AttentionSubject>(list: readonly F[], now: Date, quietDays = QUIET_DAYS): F[] {
  const keyed = list.map((f) => ({ f, g: group(attentionReasons(f, now, quietDays)) }));
  keyed.sort((a, b) => a.g - b.g
    || (a.g === 0 ? b.f.overdueAssignments - a.f.overdueAssignments : 0)
    || (a.g === 1 ? (a.f.planUpdatedAt ?? '').localeCompare(b.f.planUpdatedAt ?? '') : 0)
    || (a.f.lastActiveAt ?? '').localeCompare(b.f.lastActiveAt ?? '')
    || a.f.name.localeCompare(b.f.name, 'ja'));
  return keyed.map((k) => k.f);
}
