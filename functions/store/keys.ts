/**
 * Every key of the one table, in one place. Reading this file is reading the table design.
 *
 * | item                 | pk                          | sk                           | gsi1pk / gsi1sk                  |
 * |----------------------|-----------------------------|------------------------------|----------------------------------|
 * | user profile         | USER#<userId>               | PROFILE                      |                                  |
 * | email → user         | EMAIL#<email>               | EMAIL                        |                                  |
 * | membership           | USER#<userId>               | MEMBER#<tenantId>#<role>     | TENANT#<t>#<role> / USER#<u>     |
 * | tenant               | TENANT#<tenantId>           | PROFILE                      | TENANTS / <tenantId>             |
 * | cohort               | TENANT#<tenantId>           | COHORT#<cohortId>            |                                  |
 * | enrolment code       | CODE#<code>                 | CODE                         | TENANT#<t>#CODES / <code>        |
 * | learner summary      | TENANT#<tenantId>           | LEARNER#<userId>             |                                  |
 * | module counters      | TENANT#<tenantId>           | MODSTAT#<course>#<module>    |                                  |
 * | session              | SESSION#<sha256(token)>     | SESSION                      |                                  |
 * | lesson progress      | PROGRESS#<userId>#<course>  | LESSON#<module>#<lesson>     |                                  |
 * | module completion    | PROGRESS#<userId>#<course>  | MODULE#<module>              |                                  |
 * | quiz best            | PROGRESS#<userId>#<course>  | QUIZ#<module>                |                                  |
 * | area covered         | PROGRESS#<userId>#<course>  | AREA#<area>                  |                                  |
 * | course completed     | PROGRESS#<userId>#<course>  | COMPLETE                     |                                  |
 * | quiz attempt         | ATTEMPTS#<userId>#<course>  | <module>#<attemptId>         |                                  |
 * | verification code    | VERIFY#<code>               | VERIFY                       |                                  |
 * | learner → code       | USER#<userId>               | VERIFY                       |                                  |
 * | eligibility rule     | TENANT#<tenantId>           | RULE#ELIGIBILITY             |                                  |
 * | progress event seen  | EVENT#<userId>#<eventId>    | EVENT                        |                                  |
 * | throttle window      | THROTTLE#<kind>#<hash>      | W#<windowStart>              |                                  |
 */
export const key = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  email: (email: string) => ({ pk: `EMAIL#${email}`, sk: 'EMAIL' }),
  membership: (userId: string, tenantId: string, role: string) => ({ pk: `USER#${userId}`, sk: `MEMBER#${tenantId}#${role}` }),
  membershipPrefix: 'MEMBER#',
  tenant: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'PROFILE' }),
  cohort: (tenantId: string, cohortId: string) => ({ pk: `TENANT#${tenantId}`, sk: `COHORT#${cohortId}` }),
  code: (code: string) => ({ pk: `CODE#${code}`, sk: 'CODE' }),
  learnerSummary: (tenantId: string, userId: string) => ({ pk: `TENANT#${tenantId}`, sk: `LEARNER#${userId}` }),
  learnerSummaryPrefix: 'LEARNER#',
  moduleStat: (tenantId: string, courseId: string, moduleId: string) => ({ pk: `TENANT#${tenantId}`, sk: `MODSTAT#${courseId}#${moduleId}` }),
  session: (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: 'SESSION' }),
  progressPartition: (userId: string, courseId: string) => `PROGRESS#${userId}#${courseId}`,
  lesson: (userId: string, courseId: string, moduleId: string, lessonId: string) => ({
    pk: `PROGRESS#${userId}#${courseId}`, sk: `LESSON#${moduleId}#${lessonId}`,
  }),
  moduleCompletion: (userId: string, courseId: string, moduleId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: `MODULE#${moduleId}` }),
  quizBest: (userId: string, courseId: string, moduleId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: `QUIZ#${moduleId}` }),
  areaCompletion: (userId: string, courseId: string, area: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: `AREA#${area}` }),
  courseCompletion: (userId: string, courseId: string) => ({ pk: `PROGRESS#${userId}#${courseId}`, sk: 'COMPLETE' }),
  quizAttempt: (userId: string, courseId: string, moduleId: string, attemptId: string) => ({ pk: `ATTEMPTS#${userId}#${courseId}`, sk: `${moduleId}#${attemptId}` }),
  verification: (code: string) => ({ pk: `VERIFY#${code}`, sk: 'VERIFY' }),
  userVerification: (userId: string) => ({ pk: `USER#${userId}`, sk: 'VERIFY' }),
  eligibilityRule: (tenantId: string) => ({ pk: `TENANT#${tenantId}`, sk: 'RULE#ELIGIBILITY' }),
  event: (userId: string, eventId: string) => ({ pk: `EVENT#${userId}#${eventId}`, sk: 'EVENT' }),
  throttle: (kind: string, subjectHash: string, windowStart: number) => ({ pk: `THROTTLE#${kind}#${subjectHash}`, sk: `W#${windowStart}` }),
} as const;

export const gsi = {
  roleInTenant: (tenantId: string, role: string) => `TENANT#${tenantId}#${role}`,
  tenants: 'TENANTS',
  codesOfTenant: (tenantId: string) => `TENANT#${tenantId}#CODES`,
} as const;

/** Seconds since the epoch, the unit of the TTL attribute. */
export const ttlOf = (d: Date) => Math.floor(d.getTime() / 1000);
