import type { Area } from '../contract/catalog.ts';
import type { AttendanceCounts, AttendanceStatus, SessionState } from '../contract/seminars.ts';
import type { EligibilityRule } from '../contract/eligibility.ts';
import { type AssignmentState, assignmentState } from './assignments.ts';
import type { EvidenceItem } from './eligibility.ts';
import { classifyEligibility, type EligibilityClass, japanDay, type TotalsEvent } from './totals.ts';

/**
 * The rules of blended seminars: when a session's check-in is open, which code the venue's screen shows, who owes a
 * make-up, what a mark changes in the counts, and what a founder's attendance adds to their evidence. Pure; the
 * services do the I/O and the HMAC.
 */
export interface Session {
  id: string;
  tenantId: string;
  cohortId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  areas: Area[];
  courseId: string;
  moduleIds: string[];
  createdAt: string;
  createdBy: string;
  /** When the make-up job assigned make-ups to everyone not present. */
  followedUpAt: string | null;
  counts: AttendanceCounts;
}

/** One founder's mark for one session (TENANT#<t> / ATTEND#<session>#<user>). */
export interface Attendance {
  sessionId: string;
  userId: string;
  status: AttendanceStatus;
  via: 'staff' | 'checkin' | 'notice' | 'job';
  /** Attended through the online link rather than at the venue (a check-in of an online-only session). */
  online: boolean;
  markedAt: string;
  markedBy: string;
  /** The make-up the job assigned (absent or excused founders), its due day, and when it was completed. */
  makeUpAssignmentId: string | null;
  makeUpDueOn: string | null;
  madeUpAt: string | null;
  /** When the make-up mail was claimed for sending (at most one mail per founder and session). */
  makeUpMailedAt: string | null;
}

/** Check-in opens this long before the start (people arrive early) and closes at the end. */
export const CHECKIN_OPENS_MINUTES_BEFORE = 30;
/** The venue's code changes this often: a photo of it sent to a friend stops working soon after. */
export const CHECKIN_STEP_SECONDS = 30;
/**
 * A scan is accepted up to this many steps after its code left the screen: a phone on a weak venue network may take a
 * minute to send it. Two steps of 30 s: a code is good for at most 90 s after it first appeared.
 */
export const CHECKIN_GRACE_STEPS = 2;

export const ZERO_COUNTS: AttendanceCounts = Object.freeze({ present: 0, excused: 0, absent: 0, madeUp: 0 });

export function checkinWindow(s: Pick<Session, 'startsAt' | 'endsAt'>): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(Date.parse(s.startsAt) - CHECKIN_OPENS_MINUTES_BEFORE * 60_000), closesAt: new Date(s.endsAt) };
}

export function sessionState(s: Pick<Session, 'startsAt' | 'endsAt' | 'followedUpAt'>, now: Date): SessionState {
  if (s.followedUpAt) return 'followed_up';
  const { opensAt, closesAt } = checkinWindow(s);
  if (now < opensAt) return 'upcoming';
  return now < closesAt ? 'open' : 'ended';
}

/** The code step an instant falls in. */
export const stepOf = (at: Date) => Math.floor(at.getTime() / (CHECKIN_STEP_SECONDS * 1000));
export const stepStart = (step: number) => new Date(step * CHECKIN_STEP_SECONDS * 1000);

/**
 * The steps whose codes a scan arriving at `now` may carry: the current one and the grace steps before it, but only
 * steps that began inside the check-in window (a code shown before the doors opened was never shown). Empty when the
 * window is closed: after the end no code works, however fresh.
 */
export function acceptableSteps(s: Pick<Session, 'startsAt' | 'endsAt'>, now: Date): number[] {
  const { opensAt, closesAt } = checkinWindow(s);
  if (now < opensAt || now >= closesAt) return [];
  const current = stepOf(now);
  const first = stepOf(opensAt);
  const steps: number[] = [];
  for (let k = current; k >= current - CHECKIN_GRACE_STEPS && k >= first; k--) steps.push(k);
  return steps;
}

/** Founders who owe a make-up when a session ends: everyone of the cohort not marked present. */
export function owesMakeUp(cohortFounders: readonly string[], marks: ReadonlyMap<string, Pick<Attendance, 'status'>>): string[] {
  return cohortFounders.filter((u) => marks.get(u)?.status !== 'present');
}

type CountKey = keyof AttendanceCounts;
/**
 * How a change of one founder's mark moves the session's counts (applied with the mark, in one transaction).
 * madeUp counts founders who are not present and have completed their make-up.
 */
export function countDelta(before: Pick<Attendance, 'status' | 'madeUpAt'> | null, after: Pick<Attendance, 'status' | 'madeUpAt'> | null): Partial<Record<CountKey, number>> {
  const delta: Partial<Record<CountKey, number>> = {};
  const bump = (k: CountKey, by: number) => { delta[k] = (delta[k] ?? 0) + by; if (delta[k] === 0) delete delta[k]; };
  if (before) { bump(before.status, -1); if (before.madeUpAt && before.status !== 'present') bump('madeUp', -1); }
  if (after) { bump(after.status, 1); if (after.madeUpAt && after.status !== 'present') bump('madeUp', 1); }
  return delta;
}

export type FollowUp = 'present' | 'made_up' | 'overdue' | 'pending' | 'excused' | 'absent' | 'unmarked';

/** Where a founder of the cohort stands for one session: what the follow-up list (once kept in Excel) shows. */
export function followUpOf(mark: Pick<Attendance, 'status' | 'madeUpAt' | 'makeUpDueOn'> | null, today: string): { followUp: FollowUp; makeUpState: AssignmentState | null } {
  if (mark?.status === 'present') return { followUp: 'present', makeUpState: null };
  if (mark?.makeUpDueOn) {
    const state = assignmentState({ dueOn: mark.makeUpDueOn, completedAt: mark.madeUpAt }, today);
    return { followUp: state === 'done' ? 'made_up' : state === 'overdue' ? 'overdue' : 'pending', makeUpState: state };
  }
  return { followUp: mark ? mark.status : 'unmarked', makeUpState: null };
}

/** Follow-up order: who needs a call first (overdue), then pending, absent, excused, unmarked, made up, present; by name within. */
const FOLLOW_UP_RANK: Record<FollowUp, number> = { overdue: 0, pending: 1, absent: 2, excused: 3, unmarked: 4, made_up: 5, present: 6 };
export function orderFollowUp<R extends { followUp: FollowUp; name: string }>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => FOLLOW_UP_RANK[a.followUp] - FOLLOW_UP_RANK[b.followUp] || a.name.localeCompare(b.name, 'ja'));
}

/**
 * What a founder's mark adds to their evidence: attendance on the session's Japan day (online when they attended
 * through the link), or the make-up on the day it was completed. Nothing for an absence not made up.
 */
export function sessionEvidence(
  s: Pick<Session, 'id' | 'startsAt' | 'areas'>, mark: Pick<Attendance, 'status' | 'online' | 'madeUpAt'> | null, japanDay: (iso: string) => string,
): EvidenceItem | null {
  if (!mark) return null;
  if (mark.status === 'present') return { kind: 'session', ref: s.id, date: japanDay(s.startsAt), areas: [...s.areas], ...(mark.online ? { online: true } : {}) };
  if (mark.madeUpAt) return { kind: 'session', ref: s.id, date: japanDay(mark.madeUpAt), areas: [...s.areas], makeUp: true };
  return null;
}

/** A founder's evidence list with the line of one session replaced (or removed): sessions have one line each. */
export function replaceSessionEvidence(evidence: readonly EvidenceItem[], sessionId: string, item: EvidenceItem | null): EvidenceItem[] {
  const rest = evidence.filter((e) => !(e.kind === 'session' && e.ref === sessionId));
  return item ? [...rest, item] : rest;
}

/** Whether a founder may still change their advance notice: only before check-in opens. */
export const noticeOpen = (s: Pick<Session, 'startsAt' | 'endsAt'>, now: Date) => now < checkinWindow(s).opensAt;

/** What changing one founder's mark writes besides the mark: the session's counts, the founder's evidence and standing. */
export interface MarkPlan {
  before: Attendance | null;
  after: Attendance;
  delta: Partial<Record<CountKey, number>>;
  /** Set when the founder's evidence changes: the whole new list (written on condition the stored one still has `expectSize` lines). */
  summary?: { evidence: EvidenceItem[]; expectSize: number; eligibility?: { from: EligibilityClass | null; to: EligibilityClass } };
  /** Counter events of the municipality (a change of standing). */
  events: TotalsEvent[];
}

/**
 * Plans a change of one founder's mark: the count deltas, and — when what the rule reads changes (present, online,
 * made up) — the founder's evidence with the session's line replaced and their standing re-rated.
 */
export function planMark(o: {
  session: Pick<Session, 'id' | 'startsAt' | 'areas'>; before: Attendance | null; after: Attendance;
  summary: { evidence?: EvidenceItem[]; eligibility?: EligibilityClass | null } | undefined; rule: EligibilityRule;
}): MarkPlan {
  const plan: MarkPlan = { before: o.before, after: o.after, delta: countDelta(o.before, o.after), events: [] };
  const was = sessionEvidence(o.session, o.before, japanDay);
  const now = sessionEvidence(o.session, o.after, japanDay);
  if (o.summary && JSON.stringify(was) !== JSON.stringify(now)) {
    const stored = o.summary.evidence ?? [];
    const evidence = replaceSessionEvidence(stored, o.session.id, now);
    const from = o.summary.eligibility ?? null;
    const to = classifyEligibility(o.rule, evidence);
    plan.summary = { evidence, expectSize: stored.length, ...(from !== to ? { eligibility: { from, to } } : {}) };
    if (from !== to) plan.events.push({ kind: 'eligibility_changed', from, to });
  }
  return plan;
}
