import * as z from 'zod';
import { DisplayName, Email } from './api.ts';
import { Localized, Slug } from './catalog.ts';

// The union's region view (issue 12, points 4–6): every municipality's figures, onboarding, the curriculum ranking,
// and a municipality's benchmark against the region. Rules: functions/domain/region.ts and kpi.ts, docs/kpi.md.

// ------------------------------------------------------------------------------------------- local-government codes

/** The 47 prefectures by their JIS X 0401 number (the first two digits of a 全国地方公共団体コード). */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県',
  '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県',
  '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県',
  '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

/**
 * The check digit of a five-digit local-government code (総務省 全国地方公共団体コード): the digits weighted 6, 5, 4, 3, 2,
 * the sum's remainder by 11 taken from 11, and the last digit of that (10 → 0, 11 → 1).
 */
export function checkDigit(five: string): number {
  if (!/^\d{5}$/.test(five)) throw new RangeError('five digits expected');
  const sum = [...five].reduce((n, d, i) => n + Number(d) * (6 - i), 0);
  return (11 - (sum % 11)) % 10;
}

export type CodeProblem = 'format' | 'check_digit' | 'prefecture';

/**
 * Why a six-digit local-government code is not one (null when it is): six digits, a prefecture number 01–47, a
 * municipality part other than 000 (that is the prefecture itself), and the right check digit. 271004 is 大阪市.
 */
export function codeProblem(code: string): CodeProblem | null {
  if (!/^\d{6}$/.test(code)) return 'format';
  const pref = Number(code.slice(0, 2));
  if (pref < 1 || pref > 47 || code.slice(2, 5) === '000') return 'prefecture';
  return checkDigit(code.slice(0, 5)) === Number(code[5]) ? null : 'check_digit';
}

/** The prefecture a valid code belongs to. */
export const prefectureOf = (code: string): string => PREFECTURES[Number(code.slice(0, 2)) - 1]!;

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
