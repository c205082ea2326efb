import * as z from 'zod';
import { Area, Localized, Slug } from './catalog.ts';

import { LIMITS } from './constants.ts';

export { ERROR_CODES, LIMITS, type ErrorCode } from './constants.ts';

/** The error body of every 4xx/5xx answer. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    /** On 5xx: the id to quote to support; it finds the logged details. */
    requestId: z.string().optional(),
  }).strict(),
}).strict();
export type ApiError = z.infer<typeof ApiError>;


export const Email = z.string().trim().toLowerCase().max(LIMITS.emailMax)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');
/** Length only (OWASP / NIST 800-63B): no composition rules. Common passwords are refused by the domain. */
export const Password = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);
export const DisplayName = z.string().trim().min(1).max(LIMITS.nameMax);
export const EnrolmentCodeText = z.string().trim().toUpperCase().min(4).max(LIMITS.codeMax).regex(/^[A-Z0-9-]+$/, 'letters, digits and hyphens');
/** 全国地方公共団体コード: 6 digits. */
export const TenantId = z.string().regex(/^\d{6}$/, 'a 6-digit local-government code');

export const SignUpBody = z.object({
  code: EnrolmentCodeText,
  name: DisplayName,
  email: Email,
  password: Password,
  locale: z.enum(['ja', 'en']).default('ja'),
}).strict();
export type SignUpBody = z.input<typeof SignUpBody>;

export const SignInBody = z.object({ email: Email, password: z.string().min(1).max(LIMITS.passwordMax) }).strict();
export type SignInBody = z.input<typeof SignInBody>;

export const Role = z.enum(['learner', 'advisor', 'staff']);
export type Role = z.infer<typeof Role>;

export const Membership = z.object({ tenantId: TenantId, tenantName: Localized, role: Role, cohortId: z.string().nullable() }).strict();
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  user: z.object({
    id: z.string(), name: z.string(), email: z.string(), admin: z.boolean(), locale: z.enum(['ja', 'en']),
    /** The address was confirmed through a mail link (or an invitation); reminders go only to confirmed addresses. */
    emailVerified: z.boolean(),
    /** Two-factor sign-in (TOTP) is on for this account. */
    totp: z.boolean(),
    /** Staff, advisors and admins must use two-factor sign-in before any page of theirs opens. */
    secondFactorRequired: z.boolean(),
    remindersOff: z.boolean(),
  }).strict(),
  memberships: z.array(Membership),
  /** This signed-in browser passed the second factor (or enrolled it); required for staff, advisor and admin work. */
  login: z.object({ secondFactor: z.boolean() }).strict(),
  csrfToken: z.string(),
}).strict();
export type Me = z.infer<typeof Me>;

export const CodeInfo = z.object({ tenantName: Localized, cohortName: z.string().nullable() }).strict();
export type CodeInfo = z.infer<typeof CodeInfo>;

export const LessonStatus = z.enum(['in_progress', 'completed']);
export type LessonStatus = z.infer<typeof LessonStatus>;

export const ProgressParams = z.object({ courseId: Slug, moduleId: Slug, lessonId: Slug }).strict();
export const CourseParams = z.object({ courseId: Slug }).strict();

/** PUT /api/progress/:courseId/:moduleId/:lessonId */
export const ProgressBody = z.object({
  /** Client-generated id: a replay of the same event changes nothing. */
  eventId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 url-safe characters'),
  status: LessonStatus,
  /**
   * Reading position as a fraction of the lesson: scroll for text, playback time over duration for video (0–1). Kept to
   * 1/10,000 of the lesson (a line of text, a fraction of a second of video): finer is noise, and DynamoDB refuses
   * numbers of a magnitude below 1e-130 that a client may well send (5e-324 was a 500 before, found by drill/fuzz.ts).
   */
  position: z.number().min(0).max(1).transform((p) => Math.round(p * 10_000) / 10_000).default(0),
  /** When the event happened on the client (ISO 8601); late offline events keep their order. */
  at: z.iso.datetime({ offset: true }).optional(),
}).strict();
export type ProgressBody = z.input<typeof ProgressBody>;

export const LessonProgress = z.object({
  moduleId: Slug,
  lessonId: Slug,
  status: LessonStatus,
  position: z.number(),
  positionAt: z.string(),
  completedAt: z.string().nullable(),
  completedVersion: z.string().nullable(),
  updatedAt: z.string(),
}).strict();
export type LessonProgress = z.infer<typeof LessonProgress>;

export const AreaCoverage = z.object({
  area: Area,
  completedModules: z.number().int(),
  totalModules: z.number().int(),
  completedLessons: z.number().int(),
  totalLessons: z.number().int(),
  /** Every module of the area is complete now, or was when the area was first covered (completion never regresses). */
  covered: z.boolean(),
  /** When the area was first covered, as recorded; null before. */
  coveredAt: z.string().nullable(),
}).strict();
export type AreaCoverage = z.infer<typeof AreaCoverage>;

export const CourseProgress = z.object({
  courseId: Slug,
  version: z.string(),
  lessons: z.array(LessonProgress),
  completedModules: z.array(z.object({ moduleId: Slug, completedAt: z.string(), version: z.string() }).strict()),
  /** Modules whose quiz the learner has passed (in course order), so the outline can mark them before the module completes. */
  passedQuizzes: z.array(Slug),
  areas: z.array(AreaCoverage),
  /** The course is complete when every area it teaches is covered; recorded once, with the version it was earned on. */
  completed: z.object({ completedAt: z.string(), version: z.string() }).strict().nullable(),
  completedLessons: z.number().int(),
  totalLessons: z.number().int(),
  resume: z.object({ moduleId: Slug, lessonId: Slug, position: z.number() }).strict().nullable(),
  lastActiveAt: z.string().nullable(),
}).strict();
export type CourseProgress = z.infer<typeof CourseProgress>;
