import * as z from 'zod';
import { DisplayName, Email } from './api.ts';
import { Localized, Slug } from './catalog.ts';
import { codeProblem } from './constants.ts';

// The union's region view (issue 12, points 4–6): every municipality's figures, onboarding, the curriculum ranking,
// and a municipality's benchmark against the region. Rules: functions/domain/region.ts and kpi.ts, docs/kpi.md.

// The code rules are plain functions in constants.ts (no zod: the admin's onboarding form checks codes in the browser).
export { checkDigit, codeProblem, type CodeProblem, PREFECTURES, prefectureOf } from './constants.ts';

const Count = z.number().int().min(0);
/** A ratio 0–1 or a mean; null when there is nothing to divide. */
const Rate = z.number().nullable();

export const SURVEY_STATUSES = ['effective', 'not_effective', 'pending', 'not_expected', 'no_survey'] as const;

/** GET /api/region/tenants — every municipality with its figures (admin). */
export const RegionTenants = z.object({
  asOf: z.string(),
  week: z.string(),
  /** The fiscal year whose survey the survey column shows (the latest survey), null when none was ever opened. */
  surveyYear: z.number().int().nullable(),
  surveyLabel: Localized.nullable(),
  tenants: z.array(z.object({
    id: z.string(),
    name: Localized,
    prefecture: z.string(),
    joinedAt: z.string(),
    founders: Count,
    activeThisWeek: Count,
    courseCompleted: Count,
    eligible: Count,
    oneAreaShort: Count,
    /** Seminar sessions held, and their marks. */
    sessionsHeld: Count,
    present: Count,
    missed: Count,
    madeUp: Count,
    attendanceRate: Rate,
    makeUpRate: Rate,
    feedbackScore: Rate,
    survey: z.enum(SURVEY_STATUSES),
  }).strict()),
}).strict();
export type RegionTenants = z.infer<typeof RegionTenants>;

/** POST /api/region/tenants — onboard a municipality by its local-government code and invite its first staff member. */
export const NewTenant = z.object({
  code: z.string().trim().superRefine((c, ctx) => {
    const p = codeProblem(c);
    if (p) ctx.addIssue({ code: 'custom', message: p === 'check_digit' ? 'the check digit (6th digit) does not match' : p === 'prefecture' ? 'not a municipality code (prefecture 01–47, municipality part not 000)' : 'six digits' });
  }),
  name: z.object({ ja: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(60) }).strict(),
  staffEmail: Email,
  staffName: DisplayName.optional(),
}).strict();
export type NewTenant = z.input<typeof NewTenant>;

export const OnboardedTenant = z.object({
  id: z.string(),
  name: Localized,
  prefecture: z.string(),
  joinedAt: z.string(),
  invitationId: z.string(),
}).strict();
export type OnboardedTenant = z.infer<typeof OnboardedTenant>;

export const VERSION_TRENDS = ['better', 'worse', 'same', 'too_few', 'no_previous'] as const;

const VersionRatings = z.object({
  version: z.string(),
  answers: Count,
  mean: Rate,
  helpedShare: Rate,
  distribution: z.array(Count).length(5),
  lastAt: z.string().nullable(),
}).strict();

/** GET /api/region/modules — the curriculum ranked by usefulness, worst first (admin). */
export const ModuleRanking = z.object({
  courseId: Slug,
  catalogVersion: z.string(),
  modules: z.array(z.object({
    moduleId: Slug,
    title: Localized,
    order: Count,
    current: VersionRatings,
    previous: VersionRatings.nullable(),
    trend: z.enum(VERSION_TRENDS),
    started: Count,
    completed: Count,
    completionRate: Rate,
    dropOffRate: Rate,
  }).strict()),
}).strict();
export type ModuleRanking = z.infer<typeof ModuleRanking>;

export const ModuleParams = z.object({ courseId: Slug, moduleId: Slug }).strict();

/** GET /api/region/modules/:courseId/:moduleId — one module's versions and anonymous comment excerpts (admin). */
export const ModuleFeedbackDetail = z.object({
  courseId: Slug,
  moduleId: Slug,
  title: Localized,
  currentVersion: z.string(),
  versions: z.array(VersionRatings),
  trend: z.enum(VERSION_TRENDS),
  started: Count,
  completed: Count,
  completionRate: Rate,
  dropOffRate: Rate,
  /** The current version's comments, newest first: the rating and the text, never who or which municipality. */
  comments: z.array(z.object({ usefulness: z.number().int().min(1).max(5), helpedPlan: z.boolean(), comment: z.string(), month: z.string() }).strict()),
}).strict();
export type ModuleFeedbackDetail = z.infer<typeof ModuleFeedbackDetail>;

export const BENCHMARK_FIGURES = ['completionRate', 'activeRate', 'feedbackScore', 'attendanceRate', 'makeUpRate'] as const;
const Figure = z.union([
  z.object({ suppressed: z.literal(false), value: z.number(), n: Count }).strict(),
  z.object({ suppressed: z.literal(true), reason: z.enum(['few_municipalities', 'few_founders']), n: Count }).strict(),
]);

/** GET /api/tenants/:tenantId/benchmark — the municipality's figures beside the regional median (staff, admin). */
export const Benchmark = z.object({
  tenantId: z.string(),
  tenantName: Localized,
  asOf: z.string(),
  week: z.string(),
  /** How many municipalities the region has (the medians say how many of them they are built from). */
  municipalities: Count,
  figures: z.array(z.object({ figure: z.enum(BENCHMARK_FIGURES), own: Figure, region: Figure }).strict()),
}).strict();
export type Benchmark = z.infer<typeof Benchmark>;
