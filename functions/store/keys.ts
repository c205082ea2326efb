/**
 * Every key of the one table, in one place. Reading this file is reading the table design. Rows marked (planned) are
 * the access patterns of the coming features, fixed here before the features so that nothing needs renaming later.
 *
 * | item                   | pk                          | sk                              | index keys                                             |
 * |------------------------|-----------------------------|---------------------------------|--------------------------------------------------------|
 * | user profile           | USER#<userId>               | ID#PROFILE                      |                                                        |
 * | membership             | USER#<userId>               | ID#MEMBER#<tenantId>#<role>     | gsi1 TENANT#<t>#<role> / USER#<u>                      |
 * | learner → verify code  | USER#<userId>               | VERIFY                          |                                                        |
 * | two-factor (TOTP)      | USER#<userId>               | MFA#TOTP                        |                                                        |
 * | email → user           | EMAIL#<email>               | EMAIL                           |                                                        |
 * | login (signed in)      | LOGIN#<sha256(token)>       | LOGIN                           | gsi1 USER#<u>#LOGINS / <createdAt>#<loginId>           |
 * | one-time token         | TOKEN#<sha256(token)>       | TOKEN                           |                                                        |
 * | invitation (tenant)    | TENANT#<tenantId>           | INVITE#<role>#<email>           |                                                        |
 * | invitation (admin)     | REGION                      | INVITE#admin#<email>            |                                                        |
 * | tenant                 | TENANT#<tenantId>           | PROFILE                         | gsi1 TENANTS / <tenantId>                              |
 * | cohort                 | TENANT#<tenantId>           | COHORT#<cohortId>               |                                                        |
 * | eligibility rule       | TENANT#<tenantId>           | RULE#ELIGIBILITY                |                                                        |
 * | workspace settings     | TENANT#<tenantId>           | SETTINGS                        |                                                        |
 * | learner summary        | TENANT#<tenantId>           | LEARNER#<userId>                | gsi2 TENANT#<t>#LEARNERS / <name>#<u> (by name);       |
 * |                        |                             |                                 | gsi3 TENANT#<t>#LEARNERS / <lastActiveAt|0>#<u>        |
 * | tenant headline totals | TENANT#<tenantId>           | TOTAL                           |                                                        |
 * | totals of a Japan day  | TENANT#<tenantId>           | TOTAL#DAY#<yyyy-mm-dd>          |                                                        |
 * | totals of an ISO week  | TENANT#<tenantId>           | TOTAL#WEEK#<yyyy-Www>           |                                                        |
 * | module counters        | TENANT#<tenantId>           | MODSTAT#<course>#<module>       | gsi1 MODSTATS#<course> / <module>#<tenant>             |
 * | audit entry            | TENANT#<tenantId>           | AUDIT#<iso time>#<id>           |                                                        |
 * | seminar session        | TENANT#<tenantId>           | SESSION#<sessionId>             | gsi1 TENANT#<t>#COHORT#<c>#SESSIONS / <startsAt>#<s>;  |
 * |                        |                             |                                 | gsi2 SESSIONS / <startsAt>#<tenantId>#<sessionId>      |
 * | attendance mark        | TENANT#<tenantId>           | ATTEND#<sessionId>#<userId>     | gsi1 USER#<u>#ATTEND / <startsAt>#<sessionId>          |
 * | survey answer          | TENANT#<tenantId>           | SURVEY#<fiscalYear>             | gsi1 SURVEY#<fiscalYear> / <tenantId>                  |
 * | survey reminder claim  | TENANT#<tenantId>           | SURVEYREMIND#<fy>#<reminder>    |                                                        |
 * | survey definition      | REGION                      | SURVEY#<fiscalYear>             |                                                        |
 * | survey version (kept)  | REGION                      | SURVEYV#<fiscalYear>#<version>  |                                                        |
 * | module feedback rollup | TENANT#<tenantId>           | FEEDBACK#<course>#<module>#<ver>| gsi1 FEEDBACKSTATS#<course> / <module>#<ver>#<tenant>  |
 * | caseload entry         | ADVISOR#<advisorId>         | CASE#<tenantId>#<userId>        |                                                        |
 * | business plan head     | PLAN#<userId>               | HEAD                            |                                                        |
 * | business plan version  | PLAN#<userId>               | V#<version, 7 digits>           |                                                        |
 * | plan comment           | PLAN#<userId>               | C#<createdAt>#<commentId>       |                                                        |
 * | plan attachment        | PLAN#<userId>               | A#<attachmentId>                |                                                        |
 * | consultation slot      | CONSULT#<slotId>            | SLOT                            | gsi1 ADVISOR#<a>#SLOTS / <startsAt>#<slotId>;          |
 * |                        |                             |                                 | gsi2 TENANT#<t>#SLOTS / <startsAt>#<slotId>            |
 * | founder's booking      | USER#<userId>               | CONSULT#<startsAt>#<slotId>     |                                                        |
 * | enrolment code         | CODE#<code>                 | CODE                            | gsi1 TENANT#<t>#CODES / <code>                         |
 * | lesson progress        | PROGRESS#<userId>#<course>  | LESSON#<module>#<lesson>        |                                                        |
 * | progress head          | PROGRESS#<userId>#<course>  | HEAD                            |                                                        |
 * | module completion      | PROGRESS#<userId>#<course>  | MODULE#<module>                 |                                                        |
 * | quiz best              | PROGRESS#<userId>#<course>  | QUIZ#<module>                   |                                                        |
 * | area covered           | PROGRESS#<userId>#<course>  | AREA#<area>                     |                                                        |
 * | course completed       | PROGRESS#<userId>#<course>  | COMPLETE                        |                                                        |
 * | assignment             | PROGRESS#<userId>#<course>  | ASSIGN#<assignmentId>           | gsi1 TENANT#<t>#DUE / <due>#<u> while open             |
 * | quiz attempt           | ATTEMPTS#<userId>#<course>  | <module>#<attemptId>            |                                                        |
 * | module feedback answer | FEEDBACK#<userId>#<course>  | <module>#<moduleVersion>        | gsi1 FEEDBACK#<course>#<module>#<ver> /                |
 * |                        |                             |                                 |   <tenantId>#<updatedAt> (only with a comment)         |
 * | verification code      | VERIFY#<code>               | VERIFY                          |                                                        |
 * | progress event seen    | EVENT#<userId>#<eventId>    | EVENT                           |                                                        |
 * | throttle window        | THROTTLE#<kind>#<hash>      | W#<windowStart>                 | attempts; lockedUntil once full (a lock of one window) |
 * | maintenance marker     | META                        | <name>                          |                                                        |
 *
 * Why these shapes:
 * - A user's identity items share the prefix `ID#`, so the check on every request reads exactly the profile and the
 *   memberships (one Query, begins_with) and per-user items added later (VERIFY, MFA#TOTP, …) cost it nothing.
 * - Invitations are keyed by role and email, so one email has at most one pending invitation per role and place:
 *   importing the same CSV twice invites nobody twice. Their ids (for URLs) are attributes, found within the partition.
 * - Assignments live in the learner's progress partition, so the progress write that completes a module closes them in
 *   its own transaction; creating one moves the partition's HEAD revision, so creation and progress writes serialize; founders' summaries carry what dashboards and the policy need (advisors, eligibility).
 * - A session and its attendance marks share the municipality's partition: the door list and the follow-up list are
 *   one Query, and each mark moves the session's counts in its own transaction. A mark copies what the founder's record
 *   shows of the session, so a founder's attendance is one Query of gsi1, never a read of sessions.
 * - An advisor's caseload is its own partition across tenants; the founder's summary lists the advisors, so the policy
 *   decides from one item.
 * - A founder's business plan is its own partition: the page's view (head, comments, attachments: every sk up to
 *   HEAD) is one Query, versions are a second, newest first. The head's version is the optimistic lock of every save.
 * - A consultation slot is its own item, found by id; its booking is written on it (the condition that nobody holds it
 *   is what stops two founders booking one slot) and copied under the founder, so they list their bookings in one Query.
 * - A founder's feedback on a module is its own partition (not the progress partition, which every progress write
 *   reads whole): one item per module version, written in the same transaction as its municipality's rollup of that
 *   version. The union's ranking reads the rollups (gsi1 FEEDBACKSTATS#<course>: every municipality × module × version
 *   of a course in one Query), never the answers; comments are found by module version (sparse gsi1), without names.
 * - Day and week totals are separate small items: an increment touches one, the dashboard reads today's and this
 *   week's, and a fiscal-year chart reads ≤ 53 week items in one Query, whatever the activity history.
 */
export const key = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'ID#PROFILE' }),
  identityPrefix: 'ID#',
  email: (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' }),
  membership: (userId: string, tenantId: string, role: string) => ({ pk: `USER#${userId}`, sk: `ID#MEMBER#${tenantId}#${role}` }),
  membershipPrefix: 'ID#MEMBER#',
  login: (tokenHash: string) => ({ pk: `LOGIN#${tokenHash}`, sk: 'LOGIN' }),
  token: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  totp: (userId: string) => ({ pk: `USER#${userId}`, sk: 'MFA#TOTP' }),
  /** Pending invitations of a municipality, or (tenantId null) of the union's admins: one per role and email. */
  invitation: (tenantId: string | null, role: string, email: string) => ({ pk: tenantId ? `TENANT#${tenantId}` : 'REGION', sk: `INVITE#${role}#${email}` }),
  invitationPartition: (tenantId: string | null) => (tenantId ? `TENANT#${tenantId}` : 'REGION'),
  invitationPrefix: 'INVITE#',
  tenant: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'PROFILE' }),
  tenantPartition: (tenantId: string) => `TENANT#${tenantId}`,
  cohort: (tenantId: string, cohortId: string) => ({ pk: `TENANT#${tenantId}`, sk: `COHORT#${cohortId}` }),
  code: (code: string) => ({ pk: `CODE#${code}`, sk: 'CODE' }),
  learnerSummary: (tenantId: string, userId: string) => ({ pk: `TENANT#${tenantId}`, sk: `LEARNER#${userId}` }),
  learnerSummaryPrefix: 'LEARNER#',
  totals: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'TOTAL' }),
  dayTotals: (tenantId: string, day: string) => ({ pk: `TENANT#${tenantId}`, sk: `TOTAL#DAY#${day}` }),
  weekTotals: (tenantId: string, week: string) => ({ pk: `TENANT#${tenantId}`, sk: `TOTAL#WEEK#${week}` }),
  weekTotalsPrefix: 'TOTAL#WEEK#',
  dayTotalsPrefix: 'TOTAL#DAY#',
  moduleStat: (tenantId: string, courseId: string, moduleId: string) => ({ pk: `TENANT#${tenantId}`, sk: `MODSTAT#${courseId}#${moduleId}` }),
  moduleStatPrefix: 'MODSTAT#',
  audit: (tenantId: string, at: string, id: string) => ({ pk: `TENANT#${tenantId}`, sk: `AUDIT#${at}#${id}` }),
  seminarSession: (tenantId: string, sessionId: string) => ({ pk: `TENANT#${tenantId}`, sk: `SESSION#${sessionId}` }),
  attendance: (tenantId: string, sessionId: string, userId: string) => ({ pk: `TENANT#${tenantId}`, sk: `ATTEND#${sessionId}#${userId}` }),
  surveyAnswer: (tenantId: string, fiscalYear: number) => ({ pk: `TENANT#${tenantId}`, sk: `SURVEY#${fiscalYear}` }),
  surveyReminder: (tenantId: string, fiscalYear: number, reminder: string) => ({ pk: `TENANT#${tenantId}`, sk: `SURVEYREMIND#${fiscalYear}#${reminder}` }),
  survey: (fiscalYear: number) => ({ pk: 'REGION', sk: `SURVEY#${fiscalYear}` }),
  surveyVersion: (fiscalYear: number, version: number) => ({ pk: 'REGION', sk: `SURVEYV#${fiscalYear}#${String(version).padStart(4, '0')}` }),
  feedbackAnswer: (userId: string, courseId: string, moduleId: string, version: string) => ({ pk: `FEEDBACK#${userId}#${courseId}`, sk: `${moduleId}#${version}` }),
  feedbackRollup: (tenantId: string, courseId: string, moduleId: string, version: string) => ({ pk: `TENANT#${tenantId}`, sk: `FEEDBACK#${courseId}#${moduleId}#${version}` }),
  caseEntry: (advisorId: string, tenantId: string, userId: string) => ({ pk: `ADVISOR#${advisorId}`, sk: `CASE#${tenantId}#${userId}` }),
  caseloadPartition: (advisorId: string) => `ADVISOR#${advisorId}`,
  planPartition: (userId: string) => `PLAN#${userId}`,
  planHead: (userId: string) => ({ pk: `PLAN#${userId}`, sk: 'HEAD' }),
  planVersion: (userId: string, version: number) => ({ pk: `PLAN#${userId}`, sk: `V#${String(version).padStart(7, '0')}` }),
  planVersionPrefix: 'V#',
  planComment: (userId: string, createdAt: string, commentId: string) => ({ pk: `PLAN#${userId}`, sk: `C#${createdAt}#${commentId}` }),
  planCommentPrefix: 'C#',
  planAttachment: (userId: string, attachmentId: string) => ({ pk: `PLAN#${userId}`, sk: `A#${attachmentId}` }),
  planAttachmentPrefix: 'A#',
  slot: (slotId: string) => ({ pk: `CONSULT#${slotId}`, sk: 'SLOT' }),
  booking: (userId: string, startsAt: string, slotId: string) => ({ pk: `USER#${userId}`, sk: `CONSULT#${startsAt}#${slotId}` }),
  bookingPrefix: 'CONSULT#',
  progressPartition: (userId: string, courseId: string) => `PROGRESS#${userId}#${courseId}`,
  progressHead: (userId: string, courseId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: 'HEAD' }),
  lesson: (userId: string, courseId: string, moduleId: string, lessonId: string) => ({
    pk: `PROGRESS#${userId}#${courseId}`, sk: `LESSON#${moduleId}#${lessonId}`,
  }),
  moduleCompletion: (userId: string, courseId: string, moduleId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: `MODULE#${moduleId}` }),
  quizBest: (userId: string, courseId: string, moduleId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: `QUIZ#${moduleId}` }),
  areaCompletion: (userId: string, courseId: string, area: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: `AREA#${area}` }),
  courseCompletion: (userId: string, courseId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: 'COMPLETE' }),
  assignment: (userId: string, courseId: string, assignmentId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: `ASSIGN#${assignmentId}` }),
  quizAttempt: (userId: string, courseId: string, moduleId: string, attemptId: string) => ({ pk: `ATTEMPTS#${userId}#${courseId}`, sk: `${moduleId}#${attemptId}` }),
  verification: (code: string) => ({ pk: `VERIFY#${code}`, sk: 'VERIFY' }),
  userVerification: (userId: string) => ({ pk: `USER#${userId}`, sk: 'VERIFY' }),
  eligibilityRule: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'RULE#ELIGIBILITY' }),
  tenantSettings: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'SETTINGS' }),
  auditPrefix: 'AUDIT#',
  event: (userId: string, eventId: string) => ({ pk: `EVENT#${userId}#${eventId}`, sk: 'EVENT' }),
  throttle: (kind: string, subjectHash: string, windowStart: number) => ({ pk: `THROTTLE#${kind}#${subjectHash}`, sk: `W#${windowStart}` }),
  meta: (name: string) => ({ pk: 'META', sk: name }),
} as const;

export const gsi = {
  roleInTenant: (tenantId: string, role: string) => `TENANT#${tenantId}#${role}`,
  loginsOfUser: (userId: string) => `USER#${userId}#LOGINS`,
  tenants: 'TENANTS',
  codesOfTenant: (tenantId: string) => `TENANT#${tenantId}#CODES`,
  /** gsi2 (by name) and gsi3 (by last activity) of a tenant's founders. */
  learnersOfTenant: (tenantId: string) => `TENANT#${tenantId}#LEARNERS`,
  learnerByName: (name: string, userId: string) => `${name.normalize('NFKC').toLowerCase()}#${userId}`,
  learnerByActivity: (lastActiveAt: string | null, userId: string) => `${lastActiveAt ?? '0'}#${userId}`,
  sessionsOfCohort: (tenantId: string, cohortId: string) => `TENANT#${tenantId}#COHORT#${cohortId}#SESSIONS`,
  /** gsi2 of every seminar session of the region (sort: start, municipality, session). */
  regionSessions: 'SESSIONS',
  attendanceOfUser: (userId: string) => `USER#${userId}#ATTEND`,
  surveyAnswers: (fiscalYear: number) => `SURVEY#${fiscalYear}`,
  openAssignmentsOfTenant: (tenantId: string) => `TENANT#${tenantId}#DUE`,
  slotsOfAdvisor: (advisorId: string) => `ADVISOR#${advisorId}#SLOTS`,
  slotsOfTenant: (tenantId: string) => `TENANT#${tenantId}#SLOTS`,
  /** Commented feedback answers of one module version (sort: municipality, then time). */
  feedbackComments: (courseId: string, moduleId: string, version: string) => `FEEDBACK#${courseId}#${moduleId}#${version}`,
  feedbackCommentSort: (tenantId: string, updatedAt: string) => `${tenantId}#${updatedAt}`,
  /** Every municipality's feedback rollups of a course (sort: module, version, municipality). */
  feedbackRollups: (courseId: string) => `FEEDBACKSTATS#${courseId}`,
  /** Every municipality's module counters of a course (sort: module, municipality). */
  moduleStats: (courseId: string) => `MODSTATS#${courseId}`,
  feedbackRollupSort: (moduleId: string, version: string, tenantId: string) => `${moduleId}#${version}#${tenantId}`,
} as const;

/** The indexes of the table: partition and sort attribute of each. */
export const INDEXES = ['gsi1', 'gsi2', 'gsi3'] as const;

/** Bumped when keys change shape; the local host recreates an older local table instead of misreading it. */
export const SCHEMA_VERSION = 3;

/** Seconds since the epoch, the unit of the TTL attribute. */
export const ttlOf = (d: Date) => Math.floor(d.getTime() / 1000);
