import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import type { Deps } from '../../functions/services/deps.ts';
import { attachFounder, detachFounder } from '../../functions/store/caseload.ts';
import { putSession } from '../../functions/store/seminars.ts';
import { putSurvey } from '../../functions/store/surveys.ts';
import { checkDigit } from '../../functions/contract/region.ts';
import { SURVEY_QUESTIONS_R8 } from '../../functions/contract/survey.ts';
import { fiscalYearOf } from '../../functions/domain/kpi.ts';
import { loginAs, testApp, testDeps, type TestClient } from '../fixtures/deps.ts';
import { aCode, anAccount, aTenant, PASSWORD } from '../fixtures/factories.ts';

// Every route × every role, generated from the app's own route list: the one policy (functions/domain/policy.ts)
// through the one checkpoint (functions/services/access.ts), seen from outside. A route added without a declared
// expectation below fails its own test; so does a route whose handler forgets to declare its access (the app answers
// 500 then, see functions/api/middleware/access.ts).
type Who = 'anonymous' | 'founder' | 'founderSakai' | 'staff' | 'staffSakai' | 'advisor' | 'otherAdvisor' | 'admin';
const WHO: Who[] = ['anonymous', 'founder', 'founderSakai', 'staff', 'staffSakai', 'advisor', 'otherAdvisor', 'admin'];

/** Ids known once the fixture accounts exist. */
const ids = { founder: '', founderSakai: '', unattached: '', detached: '', advisor: '' };
/** Seminar sessions of Osaka's cohort c1: one whose check-in is open now (with the code on its screen), one next month. */
const sessions = { open: '', upcoming: '', code: '' };
/** Consultation slots: one for deleting, two in Osaka for booking. */
const slots = { open: '', osaka: '', osaka2: '' };
const slotBody = (tenantId: string, day = 10) => ({ tenantId, startsAt: `2027-01-${String(day).padStart(2, '0')}T10:00:00+09:00`, endsAt: `2027-01-${String(day).padStart(2, '0')}T11:00:00+09:00`, mode: 'in_person', place: '商工会議所' });
/** This fiscal year's survey (open now) and next year's window, and an answer to it. */
const survey = { fy: 0, next: {} as { opensAt: string; closesAt: string }, answer: { surveyVersion: 1, answers: { effective: true, seminar_fit: 4, less_work: 3, founder_use: 4 } } };
/** A fresh, valid local-government code in 京都府 (26) for each onboarding. */
const aCodeOfKyoto = () => { const five = `26${String(100 + (++n % 800)).padStart(3, '0')}`; return `${five}${checkDigit(five)}`; };
/** Osaka founders the erase route may delete, one per allowed call. */
const victims: string[] = [];
const token = () => `${'A'.repeat(40)}${String(++n).padStart(3, '0')}`;
const WRONG = 'not-the-password-9';
let n = 0;
const eventId = () => `authz-${String(++n).padStart(6, '0')}`;
const rule = { requiredAreas: ['management'], minDistinctDays: 1, minSpanMonths: 0, elearning: 'counts_alone' };

interface Case { name: string; path: () => string; body?: () => unknown; expect: Record<Who, number> }
const all = (status: number, over: Partial<Record<Who, number>> = {}): Record<Who, number> =>
  ({ ...Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>, anonymous: 401, ...over });
// Study is a learner's own: admin without a learner membership is refused like staff and advisors.
const learnerOnly = (ok: number) => all(403, { founder: ok, founderSakai: ok });
const osakaStaff = (ok: number) => all(403, { staff: ok, admin: ok });
/** Who reads the Osaka founder in the advisor's caseload: the founder, Osaka's staff, the attached advisor, admin. */
const readers = (ok: number) => all(403, { founder: ok, staff: ok, advisor: ok, admin: ok });

/** Expectations per route pattern, as the app declares it (`METHOD /api/...`). */
const DECLARED: Record<string, Case[]> = {
  'GET /api/me': [{ name: 'self', path: () => '/api/me', expect: all(200) }],
  'POST /api/auth/signup': [{ name: 'anyone may try (bad code here)', path: () => '/api/auth/signup',
    body: () => ({ code: 'NO-SUCH-CODE', name: 'x', email: `x${++n}@example.jp`, password: PASSWORD }), expect: { ...all(400), anonymous: 400 } }],
  'POST /api/auth/signin': [{ name: 'anyone may try (wrong password here)', path: () => '/api/auth/signin',
    body: () => ({ email: `nobody${++n}@example.jp`, password: 'wrong-password-1' }), expect: { ...all(401), anonymous: 401 } }],
  'POST /api/auth/signout': [{ name: 'self', path: () => '/api/auth/signout', expect: all(204) }],
  'GET /api/codes/:code': [{ name: 'public', path: () => '/api/codes/OSAKA-TEST', expect: { ...all(200), anonymous: 200 } }],
  'GET /api/verify/:code': [{ name: 'public (unknown code)', path: () => '/api/verify/ABCDEFGHJKLM', expect: { ...all(404), anonymous: 404 } }],
  'GET /api/progress/:courseId': [{ name: 'own progress', path: () => '/api/progress/kiso', expect: learnerOnly(200) }],
  'PUT /api/progress/:courseId/:moduleId/:lessonId': [{ name: 'own progress', path: () => '/api/progress/kiso/m1/l1',
    body: () => ({ eventId: eventId(), status: 'in_progress' }), expect: learnerOnly(200) }],
  'GET /api/quizzes/:courseId/:moduleId': [{ name: 'own standing', path: () => '/api/quizzes/kiso/m4', expect: learnerOnly(200) }],
  'POST /api/quizzes/:courseId/:moduleId/attempts': [{ name: 'own attempt', path: () => '/api/quizzes/kiso/m4/attempts',
    body: () => ({ attemptId: eventId(), version: 'v1', answers: { q1: ['b'] } }), expect: learnerOnly(201) }],
  'GET /api/feedback/:courseId/:moduleId': [
    { name: 'own feedback on a module', path: () => '/api/feedback/kiso/m2', expect: learnerOnly(200) },
    { name: 'a module that does not exist', path: () => '/api/feedback/kiso/m99', expect: learnerOnly(404) },
  ],
  'PUT /api/feedback/:courseId/:moduleId': [
    { name: 'own feedback on a completed module', path: () => '/api/feedback/kiso/m2', body: () => ({ usefulness: 4, helpedPlan: true }), expect: learnerOnly(200) },
    { name: 'own feedback on a module not completed', path: () => '/api/feedback/kiso/m3', body: () => ({ usefulness: 4, helpedPlan: true }), expect: learnerOnly(409) },
  ],
  'GET /api/evidence': [{ name: 'own record (admin has none)', path: () => '/api/evidence', expect: all(403, { founder: 200, founderSakai: 200 }) }],
  'GET /api/tenants/:tenantId/eligibility-rule': [
    { name: 'Osaka', path: () => '/api/tenants/271004/eligibility-rule', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/eligibility-rule', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'PUT /api/tenants/:tenantId/eligibility-rule': [{ name: 'Osaka', path: () => '/api/tenants/271004/eligibility-rule', body: () => rule, expect: osakaStaff(200) }],
  'GET /api/tenants/:tenantId/totals': [
    { name: 'Osaka', path: () => '/api/tenants/271004/totals', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/totals', expect: all(403, { staffSakai: 200, admin: 200 }) },
    { name: 'a municipality that does not exist', path: () => '/api/tenants/999999/totals', expect: all(403, { admin: 404 }) },
  ],
  'GET /api/tenants/:tenantId/activity': [
    { name: 'Osaka', path: () => '/api/tenants/271004/activity', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/activity', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'GET /api/tenants/:tenantId/settings': [{ name: 'Osaka', path: () => '/api/tenants/271004/settings', expect: osakaStaff(200) }],
  'PUT /api/tenants/:tenantId/settings': [{ name: 'Osaka', path: () => '/api/tenants/271004/settings', body: () => ({ inactiveDays: 14, auditRetentionYears: 5 }), expect: osakaStaff(200) }],
  'GET /api/tenants/:tenantId/founders': [
    { name: 'Osaka', path: () => '/api/tenants/271004/founders?sort=activity', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/founders', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'GET /api/tenants/:tenantId/cohorts': [{ name: 'Osaka', path: () => '/api/tenants/271004/cohorts', expect: osakaStaff(200) }],
  'POST /api/tenants/:tenantId/cohorts': [{ name: 'Osaka', path: () => '/api/tenants/271004/cohorts', body: () => ({ name: '2027年春 創業塾', startsOn: '2027-04-01' }), expect: osakaStaff(201) }],
  'PUT /api/tenants/:tenantId/cohorts/:cohortId': [{ name: 'Osaka c1', path: () => '/api/tenants/271004/cohorts/c1', body: () => ({ name: '秋の創業塾' }), expect: osakaStaff(200) }],
  'POST /api/tenants/:tenantId/cohorts/:cohortId/members': [
    { name: 'Osaka c1, an Osaka founder', path: () => '/api/tenants/271004/cohorts/c1/members', body: () => ({ userIds: [ids.unattached] }), expect: osakaStaff(200) },
  ],
  'GET /api/tenants/:tenantId/codes': [{ name: 'Osaka', path: () => '/api/tenants/271004/codes', expect: osakaStaff(200) }],
  'POST /api/tenants/:tenantId/codes': [{ name: 'Osaka', path: () => '/api/tenants/271004/codes', body: () => ({ cohortId: 'c1', maxUses: 40 }), expect: osakaStaff(201) }],
  'POST /api/tenants/:tenantId/codes/:code/revoke': [
    { name: 'an Osaka code', path: () => '/api/tenants/271004/codes/REVOKE-ME/revoke', expect: osakaStaff(200) },
    { name: 'an Osaka code through Sakai’s address', path: () => '/api/tenants/271403/codes/REVOKE-ME/revoke', expect: all(403, { staffSakai: 404, admin: 404 }) },
  ],
  'GET /api/tenants/:tenantId/audit': [{ name: 'Osaka', path: () => '/api/tenants/271004/audit', expect: osakaStaff(200) }],
  'GET /api/tenants/:tenantId/exports/founders.csv': [
    { name: 'Osaka', path: () => '/api/tenants/271004/exports/founders.csv', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/exports/founders.csv', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'GET /api/tenants/:tenantId/exports/tables/:table': [
    { name: 'Osaka weeks', path: () => '/api/tenants/271004/exports/tables/weeks', expect: osakaStaff(200) },
    { name: 'Sakai modules', path: () => '/api/tenants/271403/exports/tables/modules', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'PATCH /api/founders/:userId': [
    { name: 'an Osaka founder', path: () => `/api/founders/${ids.unattached}`, body: () => ({ name: '訂正 太郎' }), expect: osakaStaff(200) },
    { name: 'a Sakai founder', path: () => `/api/founders/${ids.founderSakai}`, body: () => ({ name: '堺 花子' }), expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'POST /api/founders/:userId/status': [
    { name: 'an Osaka founder', path: () => `/api/founders/${ids.unattached}/status`, body: () => ({ active: true }), expect: osakaStaff(200) },
  ],
  'POST /api/auth/signin/totp': [{ name: 'anyone may try (unknown ticket)', path: () => '/api/auth/signin/totp', body: () => ({ ticket: token(), code: '123456' }), expect: { ...all(400), anonymous: 400 } }],
  'POST /api/auth/password-reset': [{ name: 'anyone may ask', path: () => '/api/auth/password-reset', body: () => ({ email: `reset${++n}@example.jp` }), expect: { ...all(202), anonymous: 202 } }],
  'POST /api/auth/password-reset/confirm': [{ name: 'anyone with a link (unknown here)', path: () => '/api/auth/password-reset/confirm', body: () => ({ token: token(), password: 'a-new-long-passphrase' }), expect: { ...all(400), anonymous: 400 } }],
  'POST /api/auth/confirm-email': [{ name: 'anyone with a link (unknown here)', path: () => '/api/auth/confirm-email', body: () => ({ token: token() }), expect: { ...all(400), anonymous: 400 } }],
  'PATCH /api/me': [{ name: 'self', path: () => '/api/me', body: () => ({ locale: 'ja' }), expect: all(200) }],
  'POST /api/me/password': [{ name: 'self (wrong current password)', path: () => '/api/me/password', body: () => ({ currentPassword: WRONG, newPassword: 'a-new-long-passphrase' }), expect: all(400) }],
  'POST /api/me/email': [{ name: 'self (wrong current password)', path: () => '/api/me/email', body: () => ({ email: `new${++n}@example.jp`, currentPassword: WRONG }), expect: all(400) }],
  'POST /api/me/email-verification': [{ name: 'self (already confirmed)', path: () => '/api/me/email-verification', expect: all(409) }],
  'GET /api/me/logins': [{ name: 'self', path: () => '/api/me/logins', expect: all(200) }],
  'DELETE /api/me/logins/:loginId': [{ name: 'self (unknown login)', path: () => '/api/me/logins/AAAAAAAAAAAAAAAA', expect: all(404) }],
  'POST /api/me/totp': [{ name: 'self', path: () => '/api/me/totp', expect: all(201) }],
  'POST /api/me/totp/confirm': [{ name: 'self (wrong code)', path: () => '/api/me/totp/confirm', body: () => ({ code: '000000' }), expect: all(400) }],
  'POST /api/me/totp/recovery-codes': [{ name: 'self (wrong current password)', path: () => '/api/me/totp/recovery-codes', body: () => ({ currentPassword: WRONG }), expect: all(400) }],
  'POST /api/me/totp/off': [{ name: 'self (wrong current password)', path: () => '/api/me/totp/off', body: () => ({ currentPassword: WRONG }), expect: all(400) }],
  'GET /api/me/data.json': [{ name: 'own data', path: () => '/api/me/data.json', expect: all(200) }],
  'GET /api/me/data.csv': [{ name: 'own data', path: () => '/api/me/data.csv', expect: all(200) }],
  'POST /api/me/delete': [{ name: 'self (wrong current password)', path: () => '/api/me/delete', body: () => ({ currentPassword: WRONG }), expect: all(400) }],
  'POST /api/invitations/preview': [{ name: 'anyone with a link (unknown here)', path: () => '/api/invitations/preview', body: () => ({ token: token() }), expect: { ...all(400), anonymous: 400 } }],
  'POST /api/invitations/accept': [{ name: 'anyone with a link (unknown here)', path: () => '/api/invitations/accept', body: () => ({ token: token() }), expect: { ...all(400), anonymous: 400 } }],
  'GET /api/tenants/:tenantId/invitations': [
    { name: 'Osaka', path: () => '/api/tenants/271004/invitations', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/invitations', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'POST /api/tenants/:tenantId/invitations': [
    { name: 'an advisor for Osaka', path: () => '/api/tenants/271004/invitations', body: () => ({ email: `adv${++n}@example.jp`, role: 'advisor' }), expect: osakaStaff(201) },
    { name: 'a founder for Sakai', path: () => '/api/tenants/271403/invitations', body: () => ({ email: `f${++n}@example.jp`, role: 'learner' }), expect: all(403, { staffSakai: 201, admin: 201 }) },
  ],
  'POST /api/tenants/:tenantId/invitations/import': [
    { name: 'Osaka', path: () => '/api/tenants/271004/invitations/import', body: () => ({ csv: `name,email\n山田 一郎,imp${++n}@example.jp\n` }), expect: osakaStaff(200) },
  ],
  'POST /api/tenants/:tenantId/invitations/:invitationId/resend': [
    { name: 'Osaka (unknown invitation)', path: () => '/api/tenants/271004/invitations/AAAAAAAAAAAAAAAA/resend', expect: osakaStaff(404) },
  ],
  'DELETE /api/tenants/:tenantId/invitations/:invitationId': [
    { name: 'Osaka (unknown invitation)', path: () => '/api/tenants/271004/invitations/AAAAAAAAAAAAAAAA', expect: osakaStaff(404) },
  ],
  'GET /api/region/invitations': [{ name: 'the union', path: () => '/api/region/invitations', expect: all(403, { admin: 200 }) }],
  'POST /api/region/invitations': [
    { name: 'an admin', path: () => '/api/region/invitations', body: () => ({ email: `admin${++n}@example.jp`, role: 'admin' }), expect: all(403, { admin: 201 }) },
    { name: 'staff of Sakai', path: () => '/api/region/invitations', body: () => ({ email: `st${++n}@example.jp`, role: 'staff', tenantId: '271403' }), expect: all(403, { staffSakai: 201, admin: 201 }) },
  ],
  'POST /api/region/invitations/:invitationId/resend': [{ name: 'unknown invitation', path: () => '/api/region/invitations/AAAAAAAAAAAAAAAA/resend', expect: all(403, { admin: 404 }) }],
  'DELETE /api/region/invitations/:invitationId': [{ name: 'unknown invitation', path: () => '/api/region/invitations/AAAAAAAAAAAAAAAA', expect: all(403, { admin: 404 }) }],
  'GET /api/founders/:userId/data.json': [
    { name: 'an Osaka founder', path: () => `/api/founders/${ids.unattached}/data.json`, expect: osakaStaff(200) },
    { name: 'a Sakai founder', path: () => `/api/founders/${ids.founderSakai}/data.json`, expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'GET /api/founders/:userId/data.csv': [{ name: 'an Osaka founder', path: () => `/api/founders/${ids.unattached}/data.csv`, expect: osakaStaff(200) }],
  'POST /api/founders/:userId/erase': [
    { name: 'an Osaka founder (a new one per call)', path: () => `/api/founders/${victims.pop()}/erase`, expect: osakaStaff(200) },
    { name: 'a founder who does not exist', path: () => '/api/founders/no-such-founder-id/erase', expect: all(403, { admin: 404 }) },
  ],
  'GET /api/assignments': [{ name: 'own assignments (only founders have them)', path: () => '/api/assignments', expect: all(404, { founder: 200, founderSakai: 200 }) }],
  'GET /api/founders/:userId/assignments': [
    { name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/founders/${ids.founder}/assignments`, expect: all(403, { founder: 200, staff: 200, advisor: 200, admin: 200 }) },
    { name: 'an Osaka founder detached from the advisor', path: () => `/api/founders/${ids.detached}/assignments`, expect: osakaStaff(200) },
  ],
  'POST /api/founders/:userId/assignments': [
    { name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/founders/${ids.founder}/assignments`, body: () => ({ courseId: 'kiso', moduleIds: ['m2'], dueOn: '2027-01-31' }),
      expect: all(403, { staff: 201, advisor: 201, admin: 201 }) },
    { name: 'a Sakai founder in the advisor’s caseload', path: () => `/api/founders/${ids.founderSakai}/assignments`, body: () => ({ courseId: 'kiso', moduleIds: ['m2'], dueOn: '2027-01-31' }),
      expect: all(403, { staffSakai: 201, advisor: 201, admin: 201 }) },
    { name: 'an Osaka founder detached from the advisor', path: () => `/api/founders/${ids.detached}/assignments`, body: () => ({ courseId: 'kiso', moduleIds: ['m2'], dueOn: '2027-01-31' }), expect: osakaStaff(201) },
  ],
  'DELETE /api/founders/:userId/assignments/:assignmentId': [
    { name: 'an unknown assignment of a founder in the advisor’s caseload', path: () => `/api/founders/${ids.founder}/assignments/AAAAAAAAAAAA`, expect: all(403, { staff: 404, advisor: 404, admin: 404 }) },
  ],
  'POST /api/tenants/:tenantId/cohorts/:cohortId/assignments': [
    { name: 'Osaka c1', path: () => '/api/tenants/271004/cohorts/c1/assignments', body: () => ({ courseId: 'kiso', moduleIds: ['m1'], dueOn: '2027-01-31' }), expect: osakaStaff(200) },
  ],
  'GET /api/tenants/:tenantId/eligibility-rule/explanation': [{ name: 'Osaka', path: () => '/api/tenants/271004/eligibility-rule/explanation', expect: osakaStaff(200) }],
  'GET /api/tenants/:tenantId/sessions': [
    { name: 'Osaka', path: () => '/api/tenants/271004/sessions', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/sessions', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'POST /api/tenants/:tenantId/sessions': [{ name: 'Osaka c1', path: () => '/api/tenants/271004/sessions', body: () => sessionBody(), expect: osakaStaff(201) }],
  'PUT /api/tenants/:tenantId/sessions/:sessionId': [
    { name: 'an upcoming Osaka session', path: () => `/api/tenants/271004/sessions/${sessions.upcoming}`, body: () => sessionBody(), expect: osakaStaff(200) },
    { name: 'the Osaka session under Sakai’s path', path: () => `/api/tenants/271403/sessions/${sessions.upcoming}`, body: () => sessionBody(), expect: all(403, { staffSakai: 404, admin: 404 }) },
  ],
  'DELETE /api/tenants/:tenantId/sessions/:sessionId': [
    { name: 'an Osaka session that does not exist', path: () => '/api/tenants/271004/sessions/no-such-session', expect: osakaStaff(404) },
  ],
  'GET /api/tenants/:tenantId/sessions/:sessionId/follow-up': [
    { name: 'an Osaka session', path: () => `/api/tenants/271004/sessions/${sessions.open}/follow-up`, expect: osakaStaff(200) },
    { name: 'the Osaka session under Sakai’s path', path: () => `/api/tenants/271403/sessions/${sessions.open}/follow-up`, expect: all(403, { staffSakai: 404, admin: 404 }) },
  ],
  'GET /api/tenants/:tenantId/sessions/:sessionId/follow-up.csv': [
    { name: 'an Osaka session', path: () => `/api/tenants/271004/sessions/${sessions.open}/follow-up.csv`, expect: osakaStaff(200) },
  ],
  'POST /api/tenants/:tenantId/sessions/:sessionId/attendance': [
    { name: 'an Osaka founder of the cohort', path: () => `/api/tenants/271004/sessions/${sessions.open}/attendance`, body: () => ({ marks: [{ userId: ids.founder, status: 'present' }] }), expect: osakaStaff(200) },
  ],
  'GET /api/tenants/:tenantId/sessions/:sessionId/checkin-code': [
    { name: 'an Osaka session', path: () => `/api/tenants/271004/sessions/${sessions.open}/checkin-code`, expect: osakaStaff(200) },
  ],
  'GET /api/sessions': [{ name: 'own cohort’s sessions (only founders have them)', path: () => '/api/sessions', expect: all(404, { founder: 200, founderSakai: 200 }) }],
  'GET /api/sessions/:tenantId/:sessionId/calendar.ics': [
    { name: 'an Osaka session of c1', path: () => `/api/sessions/271004/${sessions.upcoming}/calendar.ics`, expect: all(403, { founder: 200, founderSakai: 404 }) },
  ],
  'PUT /api/sessions/:tenantId/:sessionId/absence': [
    { name: 'an upcoming Osaka session of c1', path: () => `/api/sessions/271004/${sessions.upcoming}/absence`, body: () => ({ absent: true }), expect: all(403, { founder: 200, founderSakai: 404 }) },
  ],
  'POST /api/sessions/:tenantId/:sessionId/checkin': [
    { name: 'the open Osaka session, with the code on its screen', path: () => `/api/sessions/271004/${sessions.open}/checkin`, body: () => ({ code: sessions.code }), expect: all(403, { founder: 200, founderSakai: 404 }) },
  ],
  'GET /api/tenants/:tenantId/advisors': [
    { name: 'Osaka', path: () => '/api/tenants/271004/advisors', expect: osakaStaff(200) },
    { name: 'Sakai', path: () => '/api/tenants/271403/advisors', expect: all(403, { staffSakai: 200, admin: 200 }) },
  ],
  'GET /api/tenants/:tenantId/advisors/:advisorId/founders': [
    { name: 'the advisor in Osaka', path: () => `/api/tenants/271004/advisors/${ids.advisor}/founders`, expect: osakaStaff(200) },
  ],
  'POST /api/tenants/:tenantId/advisors/:advisorId/founders': [
    { name: 'an Osaka founder to the advisor', path: () => `/api/tenants/271004/advisors/${ids.advisor}/founders`, body: () => ({ userIds: [ids.unattached] }), expect: osakaStaff(200) },
    { name: 'a Sakai founder through Osaka’s path', path: () => `/api/tenants/271004/advisors/${ids.advisor}/founders`, body: () => ({ userIds: [ids.founderSakai] }), expect: osakaStaff(200) },
  ],
  'DELETE /api/tenants/:tenantId/advisors/:advisorId/founders/:userId': [
    { name: 'a founder not in the advisor’s caseload', path: () => `/api/tenants/271004/advisors/${ids.advisor}/founders/${ids.detached}`, expect: osakaStaff(404) },
  ],
  'GET /api/region/tenants': [{ name: 'the region', path: () => '/api/region/tenants', expect: all(403, { admin: 200 }) }],
  'GET /api/region/tenants.csv': [{ name: 'the region as CSV', path: () => '/api/region/tenants.csv', expect: all(403, { admin: 200 }) }],
  'POST /api/region/tenants': [
    { name: 'onboard a municipality', path: () => '/api/region/tenants', body: () => ({ code: aCodeOfKyoto(), name: { ja: '試験町', en: 'Test Town' }, staffEmail: `first${++n}@example.jp` }), expect: all(403, { admin: 201 }) },
    { name: 'a code whose check digit is wrong', path: () => '/api/region/tenants', body: () => ({ code: '271005', name: { ja: '誤り', en: 'Wrong' }, staffEmail: `first${++n}@example.jp` }), expect: { ...all(400), anonymous: 400 } },
  ],
  'GET /api/region/modules': [{ name: 'the curriculum ranking', path: () => '/api/region/modules', expect: all(403, { admin: 200 }) }],
  'GET /api/region/modules.csv': [{ name: 'module feedback as CSV', path: () => '/api/region/modules.csv', expect: all(403, { admin: 200 }) }],
  'GET /api/region/modules/:courseId/:moduleId': [{ name: 'one module', path: () => '/api/region/modules/kiso/m2', expect: all(403, { admin: 200 }) }],
  // The yearly survey: the union opens it and reads the KPI; a municipality's staff answer for it (never the admin).
  'GET /api/surveys': [{ name: 'every year', path: () => '/api/surveys', expect: all(403, { admin: 200 }) }],
  'PUT /api/surveys/:fiscalYear': [{ name: 'next year’s window', path: () => `/api/surveys/${survey.fy + 1}`, body: () => survey.next, expect: all(403, { admin: 200 }) }],
  'GET /api/surveys/:fiscalYear/kpi': [{ name: 'this year’s KPI', path: () => `/api/surveys/${survey.fy}/kpi`, expect: all(403, { admin: 200 }) }],
  'GET /api/tenants/:tenantId/survey': [{ name: 'Osaka’s answer', path: () => '/api/tenants/271004/survey', expect: osakaStaff(200) }],
  'PUT /api/tenants/:tenantId/survey/:fiscalYear': [
    { name: 'Osaka answers', path: () => `/api/tenants/271004/survey/${survey.fy}`, body: () => survey.answer, expect: all(403, { staff: 200 }) },
    { name: 'Sakai answers', path: () => `/api/tenants/271403/survey/${survey.fy}`, body: () => survey.answer, expect: all(403, { staffSakai: 200 }) },
  ],
  'GET /api/tenants/:tenantId/benchmark': [{ name: 'Osaka beside the region', path: () => '/api/tenants/271004/benchmark', expect: osakaStaff(200) }],
  'GET /api/caseload': [{ name: 'own caseload', path: () => '/api/caseload', expect: all(403, { advisor: 200, otherAdvisor: 200, admin: 200 }) }],
  // Consultations: advisors publish for a municipality they serve and list their own slots; founders book in their own.
  'GET /api/consultations/slots/mine': [{ name: 'own slots', path: () => '/api/consultations/slots/mine', expect: all(403, { advisor: 200, otherAdvisor: 200, admin: 200 }) }],
  'POST /api/consultations/slots': [
    { name: 'for Sakai (the advisor serves it; the other advisor does not)', path: () => '/api/consultations/slots', body: () => slotBody('271403'), expect: all(403, { advisor: 201 }) },
  ],
  'DELETE /api/consultations/slots/:slotId': [{ name: 'someone else’s slot', path: () => `/api/consultations/slots/${slots.open}`, expect: all(403, { advisor: 204, otherAdvisor: 404, admin: 404 }) }],
  'GET /api/consultations/open': [{ name: 'own municipality', path: () => '/api/consultations/open', expect: learnerOnly(200) }],
  'GET /api/consultations/mine': [{ name: 'own bookings', path: () => '/api/consultations/mine', expect: learnerOnly(200) }],
  'POST /api/consultations/slots/:slotId/booking': [
    { name: 'an Osaka slot (a Sakai founder: not found)', path: () => `/api/consultations/slots/${slots.osaka}/booking`, body: () => ({ note: 'x' }), expect: { ...learnerOnly(201), founderSakai: 404 } },
  ],
  'DELETE /api/consultations/slots/:slotId/booking': [{ name: 'a booking the caller does not hold', path: () => `/api/consultations/slots/${slots.osaka2}/booking`, expect: learnerOnly(404) }],
  'GET /api/consultations/slots/:slotId/calendar.ics': [{ name: 'a booking the caller does not hold', path: () => `/api/consultations/slots/${slots.osaka2}/calendar.ics`, expect: learnerOnly(404) }],
  // The business plan: the founder writes, the attached advisor comments and reviews, staff of the municipality and
  // admin read. Bodies are chosen so that whoever passes the policy gets a deterministic answer from the service.
  'GET /api/plans/:userId': [
    { name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/plans/${ids.founder}`, expect: readers(200) },
    { name: 'a Sakai founder in the advisor’s caseload', path: () => `/api/plans/${ids.founderSakai}`, expect: all(403, { founderSakai: 200, staffSakai: 200, advisor: 200, admin: 200 }) },
    { name: 'an Osaka founder detached from the advisor', path: () => `/api/plans/${ids.detached}`, expect: osakaStaff(200) },
  ],
  'PUT /api/plans/:userId/draft': [
    { name: 'the Sakai founder’s first save', path: () => `/api/plans/${ids.founderSakai}/draft`, body: () => ({ plan: { motive: { text: '堺で開業' } }, baseVersion: 0 }), expect: all(403, { founderSakai: 200 }) },
    { name: 'an Osaka founder’s plan, from a stale version', path: () => `/api/plans/${ids.founder}/draft`, body: () => ({ plan: {}, baseVersion: 99 }), expect: all(403, { founder: 409 }) },
  ],
  'POST /api/plans/:userId/submit': [
    { name: 'an Osaka founder’s plan, a stale version', path: () => `/api/plans/${ids.founder}/submit`, body: () => ({ version: 99 }), expect: all(403, { founder: 409 }) },
  ],
  'POST /api/plans/:userId/review': [
    { name: 'an Osaka founder in the advisor’s caseload (stale version)', path: () => `/api/plans/${ids.founder}/review`, body: () => ({ status: 'reviewed', version: 99 }), expect: all(403, { advisor: 409 }) },
    { name: 'an Osaka founder detached from the advisor', path: () => `/api/plans/${ids.detached}/review`, body: () => ({ status: 'reviewed', version: 1 }), expect: all(403) },
  ],
  'GET /api/plans/:userId/versions': [{ name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/plans/${ids.founder}/versions`, expect: readers(200) }],
  'GET /api/plans/:userId/versions/:version': [{ name: 'an Osaka founder’s first version', path: () => `/api/plans/${ids.founder}/versions/1`, expect: readers(200) }],
  'GET /api/plans/:userId/comments': [
    { name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/plans/${ids.founder}/comments`, expect: readers(200) },
    { name: 'an Osaka founder detached from the advisor', path: () => `/api/plans/${ids.detached}/comments`, expect: osakaStaff(200) },
  ],
  'POST /api/plans/:userId/comments': [
    { name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/plans/${ids.founder}/comments`, body: () => ({ section: 'funding', version: 1, text: '見積書はありますか' }), expect: all(403, { founder: 201, advisor: 201 }) },
    { name: 'an Osaka founder detached from the advisor', path: () => `/api/plans/${ids.detached}/comments`, body: () => ({ section: 'funding', version: 1, text: 'x' }), expect: all(403) },
  ],
  'POST /api/plans/:userId/attachments/uploads': [
    { name: 'an Osaka founder’s plan', path: () => `/api/plans/${ids.founder}/attachments/uploads`, body: () => ({ fileName: '見積書.pdf', contentType: 'application/pdf', size: 1000 }), expect: all(403, { founder: 201 }) },
  ],
  'POST /api/plans/:userId/attachments': [
    { name: 'an upload that never arrived', path: () => `/api/plans/${ids.founder}/attachments`, body: () => ({ key: `incoming/271004/${ids.founder}/AAAAAAAAAAAAAAAA` }), expect: all(403, { founder: 400 }) },
  ],
  'GET /api/plans/:userId/attachments': [{ name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/plans/${ids.founder}/attachments`, expect: readers(200) }],
  'DELETE /api/plans/:userId/attachments/:attachmentId': [
    { name: 'an unknown file of an Osaka founder', path: () => `/api/plans/${ids.founder}/attachments/AAAAAAAAAAAAAAAA`, expect: all(403, { founder: 404 }) },
  ],
  'GET /api/plans/:userId/attachments/:attachmentId/download': [
    { name: 'an unknown file of an Osaka founder', path: () => `/api/plans/${ids.founder}/attachments/AAAAAAAAAAAAAAAA/download`, expect: readers(404) },
  ],
  'GET /api/founders/:userId': [
    { name: 'an Osaka founder in the advisor’s caseload', path: () => `/api/founders/${ids.founder}`,
      expect: all(403, { founder: 200, staff: 200, advisor: 200, admin: 200 }) },
    { name: 'a Sakai founder in the advisor’s caseload', path: () => `/api/founders/${ids.founderSakai}`,
      expect: all(403, { founderSakai: 200, staffSakai: 200, advisor: 200, admin: 200 }) },
    { name: 'an Osaka founder attached to no advisor', path: () => `/api/founders/${ids.unattached}`, expect: osakaStaff(200) },
    { name: 'an Osaka founder detached from the advisor', path: () => `/api/founders/${ids.detached}`, expect: osakaStaff(200) },
    { name: 'a founder who does not exist looks like one you may not see', path: () => '/api/founders/no-such-founder-id',
      expect: all(403, { admin: 404 }) },
  ],
};

function sessionBody() {
  return { cohortId: 'c1', title: '第1回', startsAt: '2026-12-20T10:00:00+09:00', endsAt: '2026-12-20T12:00:00+09:00', place: '会議室', areas: ['management'], courseId: 'kiso', moduleIds: ['m1'] };
}

const pattern = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
async function appRoutes(): Promise<string[]> {
  const { deps } = await testDeps();
  return [...new Set(createApp(deps).routes.filter((r) => r.method !== 'ALL').map(pattern))].sort();
}

let api: ReturnType<typeof testApp>;
let deps: Deps;
const EMAIL: Record<Exclude<Who, 'anonymous'>, string> = {
  founder: 'f@example.jp', founderSakai: 'fs@example.jp', staff: 's@example.jp', staffSakai: 'ss@example.jp',
  advisor: 'a@example.jp', otherAdvisor: 'a2@example.jp', admin: 'x@example.jp',
};

beforeAll(async () => {
  const t = await testDeps();
  deps = t.deps;
  api = testApp(deps);
  await aTenant(deps);
  await aTenant(deps, '271403', { ja: '堺市', en: 'Sakai City' });
  await aCode(deps);
  await aCode(deps, { code: 'REVOKE-ME' });
  const learner = (tenantId: string) => [{ tenantId, role: 'learner' as const }];
  const founder = await anAccount(deps, { email: EMAIL.founder, roles: [{ tenantId: '271004', role: 'learner', cohortId: 'c1' }] });
  const founderSakai = await anAccount(deps, { email: EMAIL.founderSakai, roles: learner('271403') });
  const unattached = await anAccount(deps, { email: 'f2@example.jp', roles: learner('271004') });
  const detached = await anAccount(deps, { email: 'f3@example.jp', roles: learner('271004') });
  await anAccount(deps, { email: EMAIL.staff, roles: [{ tenantId: '271004', role: 'staff' }] });
  await anAccount(deps, { email: EMAIL.staffSakai, roles: [{ tenantId: '271403', role: 'staff' }] });
  const advisor = await anAccount(deps, { email: EMAIL.advisor, roles: [{ tenantId: '271004', role: 'advisor' }, { tenantId: '271403', role: 'advisor' }] });
  const other = await anAccount(deps, { email: EMAIL.otherAdvisor, roles: [{ tenantId: '271004', role: 'advisor' }] });
  await anAccount(deps, { email: EMAIL.admin, admin: true });
  for (let i = 0; i < 10; i++) victims.push((await anAccount(deps, { email: `victim${i}@example.jp`, roles: learner('271004') })).id);
  Object.assign(ids, { founder: founder.id, founderSakai: founderSakai.id, unattached: unattached.id, detached: detached.id, advisor: advisor.id });
  const at = deps.clock().toISOString();
  await attachFounder(deps.db, { advisorId: advisor.id, tenantId: '271004', userId: founder.id, attachedAt: at, attachedBy: 'test' });
  await attachFounder(deps.db, { advisorId: advisor.id, tenantId: '271403', userId: founderSakai.id, attachedAt: at, attachedBy: 'test' });
  // The other advisor of Osaka follows a founder the first advisor does not, so "someone's caseload" is not empty.
  await attachFounder(deps.db, { advisorId: other.id, tenantId: '271004', userId: unattached.id, attachedAt: at, attachedBy: 'test' });
  await detachFounder(deps.db, { advisorId: other.id, tenantId: '271004', userId: unattached.id });
  await attachFounder(deps.db, { advisorId: advisor.id, tenantId: '271004', userId: detached.id, attachedAt: at, attachedBy: 'test' });
  await detachFounder(deps.db, { advisorId: advisor.id, tenantId: '271004', userId: detached.id });
  // Both founders complete m2 (one lesson), so their feedback on it is accepted.
  for (const email of [EMAIL.founder, EMAIL.founderSakai]) {
    const c = api.client();
    expect((await c.post('/api/auth/signin', { email, password: PASSWORD })).status).toBe(200);
    expect((await c.put('/api/progress/kiso/m2/l1', { eventId: eventId(), status: 'completed' })).status).toBe(200);
  }
  // Seminar sessions: one next month, one under way (written directly: the API schedules only sessions yet to end).
  const staffClient = api.client();
  await loginAs(deps, staffClient, EMAIL.staff);
  sessions.upcoming = (await staffClient.post('/api/tenants/271004/sessions', sessionBody())).body.id;
  const now = deps.clock().getTime();
  sessions.open = 'open-session-1';
  await putSession(deps.db, {
    id: sessions.open, tenantId: '271004', cohortId: 'c1', title: '第2回', startsAt: new Date(now - 600_000).toISOString(), endsAt: new Date(now + 7_200_000).toISOString(),
    place: '会議室', onlineUrl: null, capacity: null, areas: ['management'], courseId: 'kiso', moduleIds: ['m1'], createdAt: at, createdBy: 'test',
    followedUpAt: null, counts: { present: 0, excused: 0, absent: 0, madeUp: 0 }, checkinSecret: 'a-secret-of-the-test-session',
  });
  const display = (await staffClient.get(`/api/tenants/271004/sessions/${sessions.open}/checkin-code`)).body;
  // Consultation slots of the advisor (who serves Osaka and Sakai).
  const advisorClient = api.client();
  await loginAs(deps, advisorClient, EMAIL.advisor);
  slots.open = (await advisorClient.post('/api/consultations/slots', slotBody('271004', 11))).body.id;
  slots.osaka = (await advisorClient.post('/api/consultations/slots', slotBody('271004', 12))).body.id;
  slots.osaka2 = (await advisorClient.post('/api/consultations/slots', slotBody('271004', 13))).body.id;
  // The Osaka founder's plan has a first version to read, comment on and review.
  const founderClient = api.client();
  expect((await founderClient.post('/api/auth/signin', { email: EMAIL.founder, password: PASSWORD })).status).toBe(200);
  expect((await founderClient.put(`/api/plans/${founder.id}/draft`, { plan: { motive: { text: '大阪で開業する理由' } }, baseVersion: 0 })).status).toBe(200);
  sessions.code = decodeURIComponent(new URL(display.url).hash.slice('#c='.length));
  // This year's survey is open (a month each side of now); next year's may be scheduled by the admin.
  survey.fy = fiscalYearOf(deps.clock());
  await putSurvey(deps.db, {
    fiscalYear: survey.fy, version: 1, opensAt: new Date(now - 30 * 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    questions: SURVEY_QUESTIONS_R8, updatedAt: at, updatedBy: 'test',
  }, null, null);
  survey.next = { opensAt: `${survey.fy + 2}-01-10T00:00:00+09:00`, closesAt: `${survey.fy + 2}-02-10T00:00:00+09:00` };
});

async function as(who: Who): Promise<TestClient> {
  const c = api.client();
  if (who === 'anonymous') return c;
  // Founders sign in with their password; staff, advisors and admins with a login that passed the second factor.
  if (who === 'founder' || who === 'founderSakai') expect((await c.post('/api/auth/signin', { email: EMAIL[who], password: PASSWORD })).status).toBe(200);
  else await loginAs(deps, c, EMAIL[who]);
  return c;
}

const routes = await appRoutes();

describe.each(routes)('%s', (route) => {
  const cases = DECLARED[route];
  if (!cases) {
    it('has a declared expectation for every role', () => {
      expect.fail(`${route} has no row in DECLARED: add one with the status every role must get`);
    });
    return;
  }
  describe.each(cases)('$name', (c) => {
    it.each(WHO)('as %s', async (who) => {
      const client = await as(who);
      const method = route.split(' ')[0]!;
      const r = await client.request(method, c.path(), c.body?.());
      expect(r.status, JSON.stringify(r.body)).toBe(c.expect[who]);
    });
  });
});

/**
 * Every route a staff member may use, and a founder may not, needs a login that passed the second factor: the same
 * staff member signed in with the password alone is sent to set it up (403 second_factor_required), on every route.
 */
const staffWork = routes.flatMap((route) => (DECLARED[route] ?? [])
  .filter((c) => c.expect.staff < 300 && c.expect.founder >= 400 && c.expect.anonymous === 401)
  .map((c) => [route, c] as const));
describe('staff without the second factor', () => {
  it.each(staffWork)('%s is refused', async (route, c) => {
    const client = api.client();
    await loginAs(deps, client, EMAIL.staff, { secondFactor: false });
    const r = await client.request(route.split(' ')[0]!, c.path(), c.body?.());
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(r.body.error.code).toBe('second_factor_required');
  });
  it('covers the staff routes', () => { expect(staffWork.length).toBeGreaterThan(25); });
});

describe('the declarations', () => {
  it('describe only routes the app has', () => {
    expect(Object.keys(DECLARED).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('a handler that forgets to declare its access is refused, not served', async () => {
    const { Hono } = await import('hono');
    const { declaredAccessOnly } = await import('../../functions/api/middleware/access.ts');
    const logged: string[] = [];
    const app = new Hono().use(declaredAccessOnly((_l, m) => { logged.push(m); })).get('/leak', (c) => c.json({ secret: 1 }));
    const r = await app.request('/leak');
    expect(r.status).toBe(500);
    expect(await r.text()).not.toContain('secret');
    expect(logged).toEqual(['route without an access declaration']);
  });

  it('staff reading a founder’s record is written to the municipality’s audit log', async () => {
    const staff = await as('staff');
    expect((await staff.get(`/api/founders/${ids.unattached}`)).status).toBe(200);
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const r = await deps.db.doc.send(new QueryCommand({
      TableName: deps.db.table, KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'TENANT#271004', ':s': 'AUDIT#' },
    }));
    expect((r.Items ?? []).some((i) => i.subjectId === ids.unattached && i.action === 'founder.read')).toBe(true);
  });
});
