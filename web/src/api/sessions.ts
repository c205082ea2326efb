import type { RuleExplanation } from '../../../functions/contract/eligibility.ts';
import type {
  AttendanceBody, AttendanceResult, CheckinDisplay, FollowUp, SessionBody, SessionList, SessionView,
} from '../../../functions/contract/seminars.ts';
import { request } from './client.ts';

// A municipality's seminar sessions (講座・出欠), for its staff. Used by the staff area only.

const path = (tenantId: string, rest: string) => `/api/tenants/${encodeURIComponent(tenantId)}/${rest}`;
const one = (tenantId: string, sessionId: string, rest = '') => path(tenantId, `sessions/${encodeURIComponent(sessionId)}${rest}`);

/** Newest first; `cohort` narrows to one cohort. */
export const listSessions = (tenantId: string, cohort?: string) =>
  request<SessionList>('GET', path(tenantId, `sessions${cohort ? `?cohort=${encodeURIComponent(cohort)}` : ''}`));
export const createSession = (tenantId: string, body: SessionBody) => request<SessionView>('POST', path(tenantId, 'sessions'), body);
/** 409 session_locked once the session has started. */
export const updateSession = (tenantId: string, sessionId: string, body: SessionBody) => request<SessionView>('PUT', one(tenantId, sessionId), body);
export const deleteSession = (tenantId: string, sessionId: string) => request<void>('DELETE', one(tenantId, sessionId));
/** The door list before and during the session, the follow-up list after it. */
export const getFollowUp = (tenantId: string, sessionId: string) => request<FollowUp>('GET', one(tenantId, sessionId, '/follow-up'));
/** The follow-up list as CSV: a plain link, so the browser downloads it with the login cookie and the server's file name. */
export const followUpCsvUrl = (tenantId: string, sessionId: string) => one(tenantId, sessionId, '/follow-up.csv');
/** Marks up to 100 founders in one request (the contract's limit); `markAll` splits longer lists. */
export const markAttendance = (tenantId: string, sessionId: string, body: AttendanceBody) =>
  request<AttendanceResult>('POST', one(tenantId, sessionId, '/attendance'), body);
export const getCheckinCode = (tenantId: string, sessionId: string) => request<CheckinDisplay>('GET', one(tenantId, sessionId, '/checkin-code'));
/** The municipality's 特定創業支援 rule in words, sentence by sentence, in Japanese and English. */
export const getRuleExplanation = (tenantId: string) => request<RuleExplanation>('GET', path(tenantId, 'eligibility-rule/explanation'));

/** The contract's limit of marks per request. */
export const MARKS_PER_REQUEST = 100;

/**
 * Sends marks in requests of at most 100, one after the other, and answers the last result (its counts are the
 * session's counts after every batch). A failed batch stops the rest and is rethrown with how many were sent before it.
 */
export async function markAll(tenantId: string, sessionId: string, marks: AttendanceBody['marks']): Promise<AttendanceResult> {
  let last: AttendanceResult | undefined;
  for (let i = 0; i < marks.length; i += MARKS_PER_REQUEST) {
    last = await markAttendance(tenantId, sessionId, { marks: marks.slice(i, i + MARKS_PER_REQUEST) });
  }
  if (!last) throw new Error('no marks');
  return last;
}
