import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RuleExplanation } from '../contract/eligibility.ts';
import { DEFAULT_ELIGIBILITY_RULE, type EligibilityRule } from '../contract/eligibility.ts';
import type {
  AttendanceBody, AttendanceResult, CheckinDisplay, CheckinResult, FollowUp, FollowUpRow, FounderSession, FounderSessions, SessionBody, SessionList, SessionView,
} from '../contract/seminars.ts';
import type { Assignment } from '../domain/assignments.ts';
import { icsOf } from '../domain/calendar.ts';
import { describeRule } from '../domain/eligibility.ts';
import { DomainError, forbidden, invalid, notFound } from '../domain/errors.ts';
import { makeUpMail } from '../domain/mails.ts';
import {
  acceptableSteps, type Attendance, checkinWindow, followUpOf, noticeOpen, orderFollowUp, owesMakeUp, planMark, type Session, sessionState, stepOf, stepStart, ZERO_COUNTS,
} from '../domain/seminars.ts';
import { changesOf, japanDay } from '../domain/totals.ts';
import { getEligibilityRule } from '../store/evidence.ts';
import { readCourseState, withdrawAssignment } from '../store/progress.ts';
import {
  attendanceOfUser, claimMakeUpMail, deleteSession, getAttendance, getSession, listAttendance, listCohortSessions, listSessions, markFollowedUp, putSession,
  releaseMakeUpMail, removeNotice, replaceSession, type StoredAttendance, type StoredSession, writeMark,
} from '../store/seminars.ts';
import { getSummaryAndRule, type LearnerSummary, listFoundersFiltered } from '../store/summaries.ts';
import { getCohort, getTenant, listEnrolmentCodes, listTenants } from '../store/tenants.ts';
import { getUser } from '../store/users.ts';
import { type LoadedFounder, loadFounder } from './access.ts';
import { audit } from './audit.ts';
import type { Authenticated } from './auth.ts';
import { subject, throttle } from './throttle.ts';
import { ACTION_RULES } from '../domain/throttle.ts';
import type { Deps } from './deps.ts';
import { qrSvgDataUrl } from './qr.ts';
import { backoff } from './retry.ts';
import { tenantSettings } from './settings.ts';

// Blended seminars (issue 10). Access was decided by the route: tenant.read / tenant.manage for staff, and the
// founder's own membership (checked here against the session's municipality and cohort) for founders.

const MAX_TRIES = 6;

// ---------------------------------------------------------------- schedule (staff)

function checkModules(deps: Deps, body: { courseId: string; moduleIds: string[] }) {
  const course = deps.catalog().courses.find((c) => c.id === body.courseId);
  if (!course) throw invalid('No such course', { courseId: 'unknown' });
  const unknown = body.moduleIds.filter((m) => !course.modules.some((x) => x.id === m));
  if (unknown.length) throw invalid(`No such module: ${unknown.join(', ')}`, { moduleIds: 'unknown' });
}

function viewOf(deps: Deps, s: Session): SessionView {
  const course = deps.catalog().courses.find((c) => c.id === s.courseId);
  return {
    id: s.id, tenantId: s.tenantId, cohortId: s.cohortId, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place, onlineUrl: s.onlineUrl,
    capacity: s.capacity, areas: s.areas, courseId: s.courseId,
    modules: s.moduleIds.map((m) => ({ moduleId: m, title: course?.modules.find((x) => x.id === m)?.title ?? { ja: m, en: m } })),
    state: sessionState(s, deps.clock()), counts: { ...ZERO_COUNTS, ...s.counts }, followedUpAt: s.followedUpAt ?? null, createdAt: s.createdAt,
  };
}

export async function listTenantSessions(deps: Deps, tenantId: string, cohortId?: string): Promise<SessionList> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  const all = cohortId ? await listCohortSessions(deps.db, tenantId, cohortId) : await listSessions(deps.db, tenantId);
  return { sessions: all.sort((a, b) => b.startsAt.localeCompare(a.startsAt)).map((s) => viewOf(deps, s)) };
}

async function loadSession(deps: Deps, tenantId: string, sessionId: string): Promise<StoredSession> {
  const s = await getSession(deps.db, tenantId, sessionId);
  if (!s) throw notFound('Session');
  return s;
}

const locked = (why: string) => new DomainError('session_locked', why);

export async function createSession(deps: Deps, actor: Authenticated, tenantId: string, body: SessionBody & { place: string | null; onlineUrl: string | null; capacity: number | null }): Promise<SessionView> {
  if (!(await getCohort(deps.db, tenantId, body.cohortId))) throw invalid('No such cohort', { cohortId: 'unknown' });
  checkModules(deps, body);
  const now = deps.clock();
  if (Date.parse(body.endsAt) <= now.getTime()) throw invalid('The session would already be over', { startsAt: 'past' });
  const s: StoredSession = {
    id: randomBytes(12).toString('base64url'), tenantId, cohortId: body.cohortId, title: body.title,
    startsAt: new Date(body.startsAt).toISOString(), endsAt: new Date(body.endsAt).toISOString(), place: body.place, onlineUrl: body.onlineUrl,
    capacity: body.capacity, areas: body.areas, courseId: body.courseId, moduleIds: body.moduleIds, createdAt: now.toISOString(), createdBy: actor.user.id,
    followedUpAt: null, counts: { ...ZERO_COUNTS }, checkinSecret: randomBytes(32).toString('base64url'),
  };
  await putSession(deps.db, s);
  await audit(deps, actor, { tenantId, action: 'session.create', detail: { sessionId: s.id, title: s.title, startsAt: s.startsAt, cohortId: s.cohortId } });
  return viewOf(deps, s);
}

/** Staff change a session until its check-in opens; its attendance so far (advance notices) stays. */
export async function editSession(deps: Deps, actor: Authenticated, tenantId: string, sessionId: string, body: SessionBody & { place: string | null; onlineUrl: string | null; capacity: number | null }): Promise<SessionView> {
  const s = await loadSession(deps, tenantId, sessionId);
  if (sessionState(s, deps.clock()) !== 'upcoming') throw locked('The session’s check-in has opened; it can no longer be changed');
  if (body.cohortId !== s.cohortId) {
    if (!(await getCohort(deps.db, tenantId, body.cohortId))) throw invalid('No such cohort', { cohortId: 'unknown' });
    if ((await listAttendance(deps.db, tenantId, sessionId)).length > 0) throw invalid('Founders of this cohort have already answered; schedule a new session instead', { cohortId: 'answered' });
  }
  checkModules(deps, body);
  if (Date.parse(body.endsAt) <= deps.clock().getTime()) throw invalid('The session would already be over', { startsAt: 'past' });
  const next: StoredSession = {
    ...s, cohortId: body.cohortId, title: body.title, startsAt: new Date(body.startsAt).toISOString(), endsAt: new Date(body.endsAt).toISOString(),
    place: body.place, onlineUrl: body.onlineUrl, capacity: body.capacity, areas: body.areas, courseId: body.courseId, moduleIds: body.moduleIds,
  };
  if (!(await replaceSession(deps.db, next, s.startsAt))) throw new DomainError('conflict', 'Someone changed this session at the same time; reload and try again');
  await audit(deps, actor, { tenantId, action: 'session.update', detail: { sessionId, title: next.title, startsAt: next.startsAt } });
  return viewOf(deps, next);
}

export async function removeSession(deps: Deps, actor: Authenticated, tenantId: string, sessionId: string): Promise<void> {
  const s = await loadSession(deps, tenantId, sessionId);
  if (sessionState(s, deps.clock()) !== 'upcoming') throw locked('The session’s check-in has opened; it stays as a record of who came');
  if (!(await deleteSession(deps.db, tenantId, sessionId, s.startsAt))) throw new DomainError('conflict', 'Someone changed this session at the same time; reload and try again');
  await audit(deps, actor, { tenantId, action: 'session.delete', detail: { sessionId, title: s.title, startsAt: s.startsAt } });
}

// ---------------------------------------------------------------- marks

/** Every founder of the cohort (their summaries), by name. */
async function cohortFounders(deps: Deps, tenantId: string, cohortId: string): Promise<LearnerSummary[]> {
  const out: LearnerSummary[] = [];
  let start: Record<string, string> | undefined;
  do {
    const page = await listFoundersFiltered(deps.db, tenantId, { order: 'name', limit: 100, filters: { cohortId }, maxReads: 50, ...(start ? { start } : {}) });
    out.push(...page.items.filter((s) => !s.erasedAt));
    start = page.next;
  } while (start);
  return out;
}

const recordOf = (s: StoredSession) => ({ tenantId: s.tenantId, sessionTitle: s.title, sessionStartsAt: s.startsAt, areas: s.areas, courseId: s.courseId });

type Change = (before: StoredAttendance | null, now: Date) => Attendance | 'unchanged';

/**
 * Changes one founder's mark, serialized with every other writer of it (another staff member, the founder's own scan
 * arriving late, the make-up job, a progress write completing the make-up): read, plan with the domain, write on
 * condition nothing moved, and on a lost race read again. The same mark written twice changes nothing the second time.
 */
async function changeMark(
  deps: Deps, s: StoredSession, userId: string, change: Change,
  /** For the make-up job: the assignment to write with the mark, and the mark as it then is (made up at once, or not). */
  extra?: (now: Date, after: Attendance) => Promise<{ after: Attendance; assignment: { a: Assignment; expectRev: number } } | 'skip'>,
): Promise<{ outcome: 'changed' | 'unchanged'; mark: Attendance | null }> {
  let known: { summary?: LearnerSummary; rule?: EligibilityRule } | undefined;
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const now = deps.clock();
    const before = (await getAttendance(deps.db, s.tenantId, s.id, userId)) ?? null;
    const changed = change(before, now);
    if (changed === 'unchanged') return { outcome: 'unchanged', mark: before };
    const more = extra ? await extra(now, changed) : undefined;
    if (more === 'skip') return { outcome: 'unchanged', mark: before };
    const after = more?.after ?? changed;
    known ??= await getSummaryAndRule(deps.db, s.tenantId, userId);
    const plan = planMark({ session: s, before: before && markOf(before), after, summary: known.summary, rule: known.rule ?? DEFAULT_ELIGIBILITY_RULE });
    const outcome = await writeMark(deps.db, {
      tenantId: s.tenantId, plan, record: recordOf(s), counters: changesOf(...plan.events), ...(more ? { assignment: more.assignment } : {}),
    });
    if (outcome === 'written') return { outcome: 'changed', mark: after };
    known = undefined;
    if (outcome === 'conflict') await backoff(attempt);
  }
  throw new DomainError('conflict', 'This founder’s attendance is being changed from several places at once; please try again', undefined, 1);
}

const markOf = (a: StoredAttendance): Attendance => ({
  sessionId: a.sessionId, userId: a.userId, status: a.status, via: a.via, online: Boolean(a.online), markedAt: a.markedAt, markedBy: a.markedBy,
  makeUpAssignmentId: a.makeUpAssignmentId ?? null, makeUpDueOn: a.makeUpDueOn ?? null, madeUpAt: a.madeUpAt ?? null, makeUpMailedAt: a.makeUpMailedAt ?? null,
});

const fresh = (s: StoredSession, userId: string): Omit<Attendance, 'status' | 'via' | 'markedAt' | 'markedBy'> => ({
  sessionId: s.id, userId, online: false, makeUpAssignmentId: null, makeUpDueOn: null, madeUpAt: null, makeUpMailedAt: null,
});

/** Sets a status (staff's list, a scan): the make-up already assigned, its completion and its mail stay with the mark. */
const setStatus = (s: StoredSession, userId: string, status: Attendance['status'], via: Attendance['via'], by: string, online: boolean): Change => (before, now) => {
  if (before && before.status === status) return 'unchanged';
  const base = before ? markOf(before) : fresh(s, userId);
  // Present after all: a make-up not yet done is no longer owed (the caller withdraws its assignment).
  const owed = status === 'present' && !base.madeUpAt ? { makeUpAssignmentId: null, makeUpDueOn: null } : {};
  return { ...base, ...owed, status, via, online: status === 'present' ? online : false, markedAt: now.toISOString(), markedBy: by };
};

/** Staff tick founders off the door list, up to 100 at once; after the session, the same is a correction, audited as one. */
export async function markAttendance(deps: Deps, actor: Authenticated, tenantId: string, sessionId: string, body: AttendanceBody): Promise<AttendanceResult> {
  const s = await loadSession(deps, tenantId, sessionId);
  const members = new Set((await cohortFounders(deps, tenantId, s.cohortId)).map((f) => f.userId));
  const result = { changed: 0, unchanged: 0, notFound: [] as string[] };
  const state = sessionState(s, deps.clock());
  const late = state === 'ended' || state === 'followed_up';
  const changes: Array<{ userId: string; status: string }> = [];
  for (const m of body.marks) {
    if (!members.has(m.userId)) { result.notFound.push(m.userId); continue; }
    const r = await changeMark(deps, s, m.userId, setStatus(s, m.userId, m.status, 'staff', actor.user.id, false));
    if (r.outcome === 'unchanged') { result.unchanged++; continue; }
    result.changed++;
    changes.push({ userId: m.userId, status: m.status });
    // Present after all: an open make-up is no longer owed (a done one stays as the record of work done).
    if (m.status === 'present' && !r.mark?.madeUpAt) await withdrawAssignment(deps.db, m.userId, s.courseId, makeUpId(s.id));
    // Absent after the make-ups were assigned: this founder owes one too, with its mail, as the job would have done.
    if (m.status !== 'present' && s.followedUpAt && !r.mark?.makeUpAssignmentId) {
      const mark = await assignMakeUp(deps, s, m.userId, await makeUpDue(deps, s));
      const tenant = await getTenant(deps.db, tenantId);
      if (tenant) await mailMakeUp(deps, s, mark, tenant.name);
    }
  }
  if (changes.length > 0) {
    await audit(deps, actor, { tenantId, action: late ? 'attendance.correct' : 'attendance.mark', detail: { sessionId, title: s.title, changes } });
  }
  const after = await loadSession(deps, tenantId, sessionId);
  return { ...result, counts: { ...ZERO_COUNTS, ...after.counts } };
}

/** The door list before and during the session, the follow-up list after: every founder of the cohort, who needs a call first. */
export async function followUp(deps: Deps, tenantId: string, sessionId: string): Promise<FollowUp> {
  const s = await loadSession(deps, tenantId, sessionId);
  const [founders, marks, codes] = await Promise.all([cohortFounders(deps, tenantId, s.cohortId), listAttendance(deps.db, tenantId, sessionId), listEnrolmentCodes(deps.db, tenantId)]);
  const byUser = new Map(marks.map((m) => [m.userId, m]));
  const today = japanDay(deps.clock().toISOString());
  const rows: FollowUpRow[] = founders.map((f) => {
    const m = byUser.get(f.userId) ?? null;
    const { followUp: state, makeUpState } = followUpOf(m && { status: m.status, madeUpAt: m.madeUpAt ?? null, makeUpDueOn: m.makeUpDueOn ?? null }, today);
    return {
      userId: f.userId, name: f.name, email: f.email ?? '', status: m?.status ?? null, via: m?.via ?? null, markedAt: m?.markedAt ?? null,
      makeUp: m?.makeUpDueOn && makeUpState ? { dueOn: m.makeUpDueOn, state: makeUpState, madeUpAt: m.madeUpAt ?? null } : null, followUp: state,
    };
  });
  const now = deps.clock().toISOString();
  const walkIn = codes.find((c) => c.cohortId === s.cohortId && !c.revokedAt && (!c.expiresAt || c.expiresAt > now) && (c.maxUses === null || c.uses < c.maxUses));
  return { session: viewOf(deps, s), rows: orderFollowUp(rows), walkInCode: walkIn?.code ?? null };
}

const FOLLOW_UP_LABEL: Record<FollowUpRow['followUp'], string> = {
  present: '出席 present', made_up: '補講済み made up', overdue: '補講期限切れ overdue', pending: '補講中 make-up pending',
  excused: '欠席連絡 excused', absent: '欠席 absent', unmarked: '未記録 not marked',
};

/** The follow-up list as CSV for Excel (BOM, CRLF, Japan days), like the other staff exports. Audited. */
export async function followUpCsv(deps: Deps, actor: Authenticated, tenantId: string, sessionId: string): Promise<{ fileName: string; text: string }> {
  const f = await followUp(deps, tenantId, sessionId);
  await audit(deps, actor, { tenantId, action: 'export.follow_up', detail: { sessionId, title: f.session.title } });
  const { stringify } = await import('csv-stringify/sync');
  const header = ['id', '氏名 name', 'メール email', '状況 follow-up', '出欠 attendance', '記録方法 via', '記録日時 marked', '補講期限 make-up due', '補講修了 made up on'];
  const rows = f.rows.map((r) => [
    r.userId, r.name, r.email, FOLLOW_UP_LABEL[r.followUp], r.status ?? '', r.via ?? '', r.markedAt ? japanTime(r.markedAt) : '',
    r.makeUp?.dueOn ?? '', r.makeUp?.madeUpAt ? japanDay(r.makeUp.madeUpAt) : '',
  ]);
  const day = japanDay(f.session.startsAt);
  return { fileName: `follow-up-${tenantId}-${day}-${sessionId}.csv`, text: stringify([header, ...rows], { bom: true, record_delimiter: 'windows' }) };
}

const japanTime = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

// ---------------------------------------------------------------- check-in

/** The code of one step: an HMAC of the session and the step under the session's own secret, so it names exactly one session. */
function codeOf(s: StoredSession, step: number): string {
  return createHmac('sha256', s.checkinSecret).update(`${s.tenantId}:${s.id}:${step}`).digest('base64url').slice(0, 22);
}

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** What the venue's screen shows: the current code as a URL and a QR code, and when to fetch the next one. */
export async function checkinDisplay(deps: Deps, tenantId: string, sessionId: string): Promise<CheckinDisplay> {
  const s = await loadSession(deps, tenantId, sessionId);
  const now = deps.clock();
  const { opensAt, closesAt } = checkinWindow(s);
  const base = { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() };
  if (acceptableSteps(s, now).length === 0) return { open: false, ...base, url: null, qr: null, refreshAt: null };
  const step = stepOf(now);
  const url = `${deps.siteUrl}/checkin/${tenantId}/${sessionId}#c=${codeOf(s, step)}`;
  return { open: true, ...base, url, qr: await qrSvgDataUrl(url), refreshAt: stepStart(step + 1).toISOString() };
}

/** The founder who calls, enrolled in the session's municipality (another municipality's session does not exist for them). */
async function founderFor(deps: Deps, auth: Authenticated, s: StoredSession | undefined): Promise<{ founder: LoadedFounder; session: StoredSession }> {
  const founder = await loadFounder(deps, auth.user.id);
  if (!founder) throw forbidden('Only enrolled founders take part in seminar sessions');
  if (!s || s.tenantId !== founder.tenantId) throw notFound('Session');
  if (founder.summary.cohortId !== s.cohortId) throw new DomainError('not_in_cohort', 'This session belongs to another cohort; ask the staff at the venue to mark you present');
  return { founder, session: s };
}

/** A signed-in founder of the cohort scanned the venue's code: present, once, however often the request arrives. */
export async function checkIn(deps: Deps, auth: Authenticated, tenantId: string, sessionId: string, code: string): Promise<CheckinResult> {
  const { session: s } = await founderFor(deps, auth, await getSession(deps.db, tenantId, sessionId));
  const steps = acceptableSteps(s, deps.clock());
  if (steps.length === 0) throw new DomainError('checkin_closed', 'Check-in for this session is not open now');
  // Only wrong codes count (a founder scanning twice is fine); the reservation comes before the comparison.
  const now = deps.clock();
  const attempt = await throttle(deps, now, [{ s: subject('checkin', auth.user.id, ACTION_RULES.checkin, now), rule: ACTION_RULES.checkin }], 'check-in', 'failures');
  if (!steps.some((k) => sameCode(codeOf(s, k), code))) {
    await attempt.failed();
    throw new DomainError('checkin_invalid', 'This check-in code is not valid (any more); scan the code on the screen again');
  }
  await attempt.succeeded();
  const r = await changeMark(deps, s, auth.user.id, setStatus(s, auth.user.id, 'present', 'checkin', auth.user.id, s.place === null));
  if (r.outcome === 'changed' && !r.mark?.madeUpAt) await withdrawAssignment(deps.db, auth.user.id, s.courseId, makeUpId(s.id));
  return { session: founderView(deps, s, r.mark), alreadyPresent: r.outcome === 'unchanged' };
}

/** A founder says in advance that they cannot come (or takes it back), until check-in opens. */
export async function setAbsence(deps: Deps, auth: Authenticated, tenantId: string, sessionId: string, absent: boolean): Promise<FounderSession> {
  const { session: s } = await founderFor(deps, auth, await getSession(deps.db, tenantId, sessionId));
  if (!noticeOpen(s, deps.clock())) throw locked('Check-in for this session has opened; tell the staff at the venue instead');
  if (absent) {
    const r = await changeMark(deps, s, auth.user.id, setStatus(s, auth.user.id, 'excused', 'notice', auth.user.id, false));
    return founderView(deps, s, r.mark);
  }
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const before = await getAttendance(deps.db, tenantId, sessionId, auth.user.id);
    if (!before || before.status !== 'excused') return founderView(deps, s, before ?? null);
    if (await removeNotice(deps.db, before)) return founderView(deps, s, null);
    await backoff(attempt);
  }
  throw new DomainError('conflict', 'Your answer is being saved from several places at once; please try again', undefined, 1);
}

function founderView(deps: Deps, s: Session, mark: Pick<Attendance, 'status' | 'madeUpAt'> | null): FounderSession {
  const v = viewOf(deps, s);
  return {
    id: v.id, tenantId: v.tenantId, cohortId: v.cohortId, title: v.title, startsAt: v.startsAt, endsAt: v.endsAt, place: v.place, onlineUrl: v.onlineUrl,
    capacity: v.capacity, areas: v.areas, courseId: v.courseId, modules: v.modules, state: v.state, myStatus: mark?.status ?? null, madeUpAt: mark?.madeUpAt ?? null,
  };
}

/** The founder's cohort's sessions with their own marks: upcoming soonest first, past newest first. */
export async function mySessions(deps: Deps, founder: LoadedFounder): Promise<FounderSessions> {
  if (!founder.summary.cohortId) return { upcoming: [], past: [] };
  const [sessions, marks] = await Promise.all([listCohortSessions(deps.db, founder.tenantId, founder.summary.cohortId), attendanceOfUser(deps.db, founder.user.id)]);
  const byId = new Map(marks.map((m) => [m.sessionId, m]));
  const now = deps.clock().getTime();
  const views = sessions.map((s) => founderView(deps, s, byId.get(s.id) ?? null));
  return {
    upcoming: views.filter((v) => Date.parse(v.endsAt) > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    past: views.filter((v) => Date.parse(v.endsAt) <= now).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
  };
}

/** The session as an .ics file for the founder's calendar, in Japan time. */
export async function sessionCalendar(deps: Deps, auth: Authenticated, tenantId: string, sessionId: string): Promise<{ fileName: string; text: string }> {
  const { session: s, founder } = await founderFor(deps, auth, await getSession(deps.db, tenantId, sessionId));
  const tenant = await getTenant(deps.db, tenantId);
  const locale = founder.user.locale;
  const modules = viewOf(deps, s).modules.map((m) => m.title[locale]).join(locale === 'ja' ? '、' : ', ');
  const description = locale === 'ja'
    ? `${tenant?.name.ja ?? ''} 創業塾。関連するeラーニング：${modules}。欠席する場合は創業キャンパスのホーム画面からお知らせください。${deps.siteUrl}/`
    : `${tenant?.name.en ?? ''} founders' seminar. Related e-learning: ${modules}. If you cannot come, say so on your Sōgyō Campus home page. ${deps.siteUrl}/`;
  const text = icsOf({
    uid: `${s.id}@sogyo-campus`, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, location: s.place ?? s.onlineUrl, url: s.onlineUrl,
    description, stamp: deps.clock(),
  });
  return { fileName: `session-${japanDay(s.startsAt)}.ics`, text };
}

// ---------------------------------------------------------------- make-ups

/** The day a make-up of this session is due: the municipality's make-up period after the session's Japan day. */
async function makeUpDue(deps: Deps, s: Session): Promise<string> {
  const { makeUpDays } = await tenantSettings(deps, s.tenantId);
  const day = japanDay(s.endsAt);
  return new Date(Date.parse(`${day}T00:00:00Z`) + makeUpDays * 86_400_000).toISOString().slice(0, 10);
}

/** The one id of a founder's make-up of a session: a second run of the job finds it instead of adding another. */
const makeUpId = (sessionId: string) => `makeup-${sessionId}`;

/**
 * Assigns the session's modules to one founder as its make-up, with their mark (absent, or their advance notice kept),
 * in one transaction with the assignment. A founder who already completed every module has made it up at once.
 * Returns the mark as stored afterwards.
 */
async function assignMakeUp(deps: Deps, s: StoredSession, userId: string, dueOn: string): Promise<Attendance | null> {
  const r = await changeMark(deps, s, userId, (before, now) => {
    if (before?.status === 'present' || before?.makeUpAssignmentId) return 'unchanged';
    const base = before ? markOf(before) : { ...fresh(s, userId), status: 'absent' as const, via: 'job' as const, markedAt: now.toISOString(), markedBy: 'job' };
    return { ...base, makeUpAssignmentId: makeUpId(s.id), makeUpDueOn: dueOn, madeUpAt: null };
  }, async (now, after) => {
    const state = await readCourseState(deps.db, userId, s.courseId);
    if (state.assignments.some((a) => a.id === makeUpId(s.id))) return 'skip';
    const done = new Set(state.modules.map((m) => m.moduleId));
    const completedAt = s.moduleIds.every((m) => done.has(m)) ? now.toISOString() : null;
    const a: Assignment = {
      id: makeUpId(s.id), userId, tenantId: s.tenantId, courseId: s.courseId, moduleIds: s.moduleIds, dueOn, note: null,
      source: { kind: 'makeup', sessionId: s.id, sessionTitle: s.title, areas: s.areas }, createdAt: now.toISOString(), completedAt,
    };
    return { after: { ...after, madeUpAt: completedAt }, assignment: { a, expectRev: state.rev } };
  });
  return r.mark;
}

/**
 * The one mail of a founder's make-up, to a confirmed address only, claimed on the mark before sending (never twice);
 * a send that fails gives the claim back, so the next run of the job tries again.
 */
async function mailMakeUp(deps: Deps, s: StoredSession, mark: Attendance | null, tenantName: { ja: string; en: string }): Promise<'sent' | 'skipped' | 'failed'> {
  if (!mark?.makeUpDueOn || mark.madeUpAt || mark.makeUpMailedAt || mark.status === 'present') return 'skipped';
  const user = await getUser(deps.db, mark.userId);
  if (!user?.emailVerifiedAt) return 'skipped';
  const at = deps.clock().toISOString();
  if (!(await claimMakeUpMail(deps.db, s.tenantId, s.id, mark.userId, at))) return 'skipped';
  const locale = user.locale;
  const modules = viewOf(deps, s).modules.map((m) => m.title[locale]);
  try {
    await deps.mailer.send({ to: user.email, ...makeUpMail({ locale, name: user.name, sessionTitle: s.title, sessionDay: japanDay(s.startsAt), modules, dueOn: mark.makeUpDueOn, tenantName: tenantName[locale], siteUrl: deps.siteUrl }) });
    return 'sent';
  } catch {
    await releaseMakeUpMail(deps.db, s.tenantId, s.id, mark.userId, at);
    return 'failed';
  }
}

export interface MakeUpReport { sessions: number; assigned: number; mailed: number; failed: number }

/**
 * The make-up job: for every session that has ended and not been followed up, every founder of the cohort who was not
 * marked present gets the session's modules as a make-up, and one mail. Safe to run twice or after a crash: each
 * make-up has one id (a second run finds it), and each mail is claimed on the founder's mark before it is sent (a
 * second run finds the claim). A crash between the make-up and its mail is healed by the next run, which sends it.
 * The session is marked followed up only when every founder has been handled.
 */
export async function runMakeUps(deps: Deps): Promise<MakeUpReport> {
  const report: MakeUpReport = { sessions: 0, assigned: 0, mailed: 0, failed: 0 };
  const now = deps.clock();
  for (const tenant of await listTenants(deps.db)) {
    for (const s of await listSessions(deps.db, tenant.id)) {
      if (s.followedUpAt || Date.parse(s.endsAt) > now.getTime()) continue;
      report.sessions++;
      const r = await followUpSession(deps, s, tenant.name);
      report.assigned += r.assigned; report.mailed += r.mailed; report.failed += r.failed;
    }
  }
  return report;
}

async function followUpSession(deps: Deps, s: StoredSession, tenantName: { ja: string; en: string }) {
  const out = { assigned: 0, mailed: 0, failed: 0 };
  const dueOn = await makeUpDue(deps, s);
  const founders = await cohortFounders(deps, s.tenantId, s.cohortId);
  const marks = new Map((await listAttendance(deps.db, s.tenantId, s.id)).map((m) => [m.userId, m]));
  for (const userId of owesMakeUp(founders.map((f) => f.userId), marks)) {
    let mark: Attendance | null = marks.get(userId) ? markOf(marks.get(userId)!) : null;
    if (!mark?.makeUpAssignmentId) {
      mark = await assignMakeUp(deps, s, userId, dueOn);
      out.assigned++;
    }
    const mailed = await mailMakeUp(deps, s, mark, tenantName);
    if (mailed === 'sent') out.mailed++;
    if (mailed === 'failed') out.failed++; // given back: the next run tries again
  }
  if (out.failed === 0) await markFollowedUp(deps.db, s.tenantId, s.id, deps.clock().toISOString());
  return out;
}

// ---------------------------------------------------------------- the rule in words

export async function explainRule(deps: Deps, tenantId: string): Promise<RuleExplanation> {
  if (!(await getTenant(deps.db, tenantId))) throw notFound('Municipality');
  const rule = (await getEligibilityRule(deps.db, tenantId)) ?? DEFAULT_ELIGIBILITY_RULE;
  return { ja: describeRule(rule, 'ja'), en: describeRule(rule, 'en') };
}
