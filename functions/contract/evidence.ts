import * as z from 'zod';
import { Area, Slug } from './catalog.ts';

/** POST /api/quizzes/:courseId/:moduleId/attempts */
export const QuizParams = z.object({ courseId: Slug, moduleId: Slug }).strict();
export const QuizAttemptBody = z.object({
  /** Client-generated id: a resubmitted attempt (double tap, retry after a timeout) is graded and counted once. */
  attemptId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 url-safe characters'),
  /** The content version the learner saw (course.json `version`); a stale one is refused so keys never mismatch. */
  version: z.string().min(1).max(64),
  /** Question id → chosen choice ids. Every question must be answered. */
  answers: z.record(Slug, z.array(Slug).min(1).max(10)),
}).strict();
export type QuizAttemptBody = z.input<typeof QuizAttemptBody>;

export const QuestionResult = z.object({
  questionId: Slug,
  correct: z.boolean(),
  /** Shown after answering. The correct choices are not revealed, so a retry still tests understanding. */
  explanation: z.string(),
  /** The same in English, when the module has an English version (the app shows the one of the quiz's language). */
  explanationEn: z.string().optional(),
}).strict();

export const QuizBestView = z.object({
  moduleId: Slug,
  bestScore: z.number().int(),
  passed: z.boolean(),
  passedAt: z.string().nullable(),
  attempts: z.number().int(),
  lastAttemptAt: z.string(),
}).strict();
export type QuizBestView = z.infer<typeof QuizBestView>;

export const QuizResult = z.object({
  moduleId: Slug,
  /** Percent correct of this attempt. */
  score: z.number().int(),
  correctCount: z.number().int(),
  total: z.number().int(),
  passMark: z.number().int(),
  passed: z.boolean(),
  results: z.array(QuestionResult),
  best: QuizBestView,
  /** Attempts left, or null when unlimited. */
  attemptsLeft: z.number().int().nullable(),
  /** True when this attempt completed the module (all lessons done and the quiz passed). */
  moduleCompleted: z.boolean(),
  /** This attempt completed the whole course (every area covered). */
  courseCompleted: z.boolean(),
  submittedAt: z.string(),
}).strict();
export type QuizResult = z.infer<typeof QuizResult>;

/** GET /api/quizzes/:courseId/:moduleId: the learner's standing on a quiz before taking it. */
export const QuizStanding = z.object({ best: QuizBestView.nullable(), attemptsLeft: z.number().int().nullable() }).strict();
export type QuizStanding = z.infer<typeof QuizStanding>;

/** One dated line of the evidence record. */
export const EvidenceEntry = z.object({
  kind: z.enum(['module', 'session']),
  ref: z.string(),
  title: z.object({ ja: z.string(), en: z.string() }),
  areas: z.array(Area),
  /** YYYY-MM-DD in Japan time. */
  date: z.string(),
  quizScore: z.number().int().nullable(),
  version: z.string().nullable(),
  /** A session: attended at the venue, online, or made up with its modules after missing it. */
  mode: z.enum(['in_person', 'online', 'makeup']).optional(),
}).strict();
export type EvidenceEntry = z.infer<typeof EvidenceEntry>;

export const Missing = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('area'), area: Area }),
  z.object({ kind: z.literal('days'), have: z.number(), need: z.number() }),
  z.object({ kind: z.literal('span'), first: z.string(), last: z.string(), earliestLast: z.string() }),
  z.object({ kind: z.literal('sessions'), have: z.number(), need: z.number() }),
  z.object({ kind: z.literal('sessionsOfTotal'), have: z.number(), need: z.number(), total: z.number() }),
]);

/** GET /api/evidence (the founder's own record) */
export const EvidenceRecord = z.object({
  learner: z.object({ name: z.string() }),
  tenant: z.object({ id: z.string(), name: z.object({ ja: z.string(), en: z.string() }) }),
  /** The courses whose completions the record covers: every course of the curriculum. */
  courseIds: z.array(Slug),
  areas: z.array(z.object({ area: Area, entries: z.array(EvidenceEntry) })),
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
  distinctDays: z.number().int(),
  eligibility: z.object({
    eligible: z.boolean(),
    missing: z.array(Missing),
    /** The same, as sentences in both languages. */
    missingText: z.array(z.object({ ja: z.string(), en: z.string() })),
  }),
  /** Code for the public page /verify/<code>. */
  verificationCode: z.string(),
  generatedAt: z.string(),
}).strict();
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;

/** GET /api/verify/:code — public: name, municipality and the dated record, nothing else (no email, no eligibility). */
export const VerifyParams = z.object({ code: z.string().regex(/^[A-Z0-9]{12}$/, '12 letters and digits') }).strict();
export const VerifiedRecord = z.object({
  learner: z.object({ name: z.string() }),
  tenant: z.object({ name: z.object({ ja: z.string(), en: z.string() }) }),
  areas: z.array(z.object({ area: Area, entries: z.array(EvidenceEntry) })),
  generatedAt: z.string(),
}).strict();
export type VerifiedRecord = z.infer<typeof VerifiedRecord>;

/** PUT /api/tenants/:tenantId/eligibility-rule (staff of that tenant) */
export const TenantParams = z.object({ tenantId: z.string().regex(/^\d{6}$/) }).strict();
