import type { AssignmentList } from '../../../functions/contract/assignments.ts';
import type { CheckinResult, FounderSession, FounderSessions } from '../../../functions/contract/seminars.ts';
import { request } from './client.ts';

// The founder's own seminar sessions, make-ups and other assignments: request wrappers only (a few hundred bytes in the
// first load, for the home page's early requests); their views are in the home page's seminar part and the check-in
// page, both lazy.

/** The founder's cohort's sessions: upcoming (soonest first) and past (newest first). */
export const getMySessions = () => request<FounderSessions>('GET', '/api/sessions');
/** Modules the founder is asked to complete: open ones first (make-ups, then by due date), then done ones. */
export const getAssignments = () => request<AssignmentList>('GET', '/api/assignments');

/**
 * The home page shows once, whole, with the assignments and sessions: it asks for them as it starts, beside its own
 * course and progress, and the seminar part (a lazy chunk) takes these answers once instead of asking again.
 */
const early: { assignments?: Promise<AssignmentList> | undefined; sessions?: Promise<FounderSessions> | undefined } = {};
export function requestHomeSeminars(): void {
  early.assignments = getAssignments();
  early.sessions = getMySessions();
  // Whoever takes them handles a failure; one never taken must not be an unhandled rejection.
  early.assignments.catch(() => undefined);
  early.sessions.catch(() => undefined);
}
export function takeAssignments(): Promise<AssignmentList> {
  const p = early.assignments ?? getAssignments();
  early.assignments = undefined;
  return p;
}
export function takeSessions(): Promise<FounderSessions> {
  const p = early.sessions ?? getMySessions();
  early.sessions = undefined;
  return p;
}

const one = (tenantId: string, sessionId: string, rest: string) => `/api/sessions/${encodeURIComponent(tenantId)}/${encodeURIComponent(sessionId)}/${rest}`;
/** The session as an .ics file: a plain link, so the phone hands it to its calendar. */
export const calendarUrl = (s: Pick<FounderSession, 'tenantId' | 'id'>) => one(s.tenantId, s.id, 'calendar.ics');
/** Says in advance the founder cannot come (or takes it back); 409 session_locked once check-in has opened. */
export const setAbsence = (s: Pick<FounderSession, 'tenantId' | 'id'>, absent: boolean) => request<FounderSession>('PUT', one(s.tenantId, s.id, 'absence'), { absent });
/** The code from the venue's QR code: 400 checkin_invalid, 409 checkin_closed, 403 not_in_cohort. */
export const checkIn = (tenantId: string, sessionId: string, code: string) => request<CheckinResult>('POST', one(tenantId, sessionId, 'checkin'), { code });
