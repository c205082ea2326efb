import * as z from 'zod';
import { Localized } from './catalog.ts';
import { SURVEY_FREE_TEXT_MAX } from './constants.ts';

/**
 * The union's yearly effectiveness survey (issue 12, point 2) as data: each fiscal year's survey is a versioned
 * definition, so next year's questions can change without code. Exactly one question is the KPI's key question,
 * 「創業支援に有効であった」 (yes/no); its id must stay the same across the versions of one year's survey, because the
 * KPI reads every answer of the year by that id (docs/kpi.md).
 */

export const SURVEY_QUESTION_KINDS = ['yes_no', 'likert5', 'free_text'] as const;
export const SurveyQuestionKind = z.enum(SURVEY_QUESTION_KINDS);
export type SurveyQuestionKind = z.infer<typeof SurveyQuestionKind>;

export { SURVEY_FREE_TEXT_MAX } from './constants.ts';

export const SurveyQuestionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and underscores');

export const SurveyQuestion = z.object({
  id: SurveyQuestionId,
  kind: SurveyQuestionKind,
  text: Localized,
  /** The KPI's key question: yes means 「創業支援に有効であった」. */
  key: z.literal(true).optional(),
  required: z.boolean(),
}).strict();
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

const IsoTime = z.iso.datetime({ offset: true });

export const SurveyDefinition = z.object({
  /** The fiscal year (April–March) by the calendar year it starts in: 2026 is 令和8年度. */
  fiscalYear: z.number().int().min(2019).max(2100),
  /** Bumped when the questions change; answers keep the version they were given to. */
  version: z.number().int().min(1),
  /** The answer window: answers count from `opensAt` (inclusive) until `closesAt` (exclusive). */
  opensAt: IsoTime,
  closesAt: IsoTime,
  questions: z.array(SurveyQuestion).min(1).max(30),
}).strict().superRefine((s, ctx) => {
  if (Date.parse(s.opensAt) >= Date.parse(s.closesAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'the window must close after it opens' });
  const ids = s.questions.map((q) => q.id);
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['questions'], message: 'question ids must be unique' });
  const keys = s.questions.filter((q) => q.key);
  if (keys.length !== 1 || keys[0]!.kind !== 'yes_no' || !keys[0]!.required) {
    ctx.addIssue({ code: 'custom', path: ['questions'], message: 'exactly one key question, yes/no and required' });
  }
});
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

/** One answer: yes/no, 1–5, or text. */
export const SurveyAnswerValue = z.union([z.boolean(), z.number().int().min(1).max(5), z.string().trim().max(SURVEY_FREE_TEXT_MAX)]);
export type SurveyAnswerValue = z.infer<typeof SurveyAnswerValue>;

/**
 * A municipality's answer as given (one submission; editing gives another). The KPI counts, per municipality, the
 * latest submission inside the window.
 */
export const SurveyAnswer = z.object({
  tenantId: z.string().regex(/^\d{6}$/),
  fiscalYear: z.number().int(),
  surveyVersion: z.number().int().min(1),
  /** When this submission was made (ISO). */
  at: z.string(),
  answers: z.record(SurveyQuestionId, SurveyAnswerValue),
}).strict();
export type SurveyAnswer = z.infer<typeof SurveyAnswer>;

/** Whether `value` fits the question's kind (the service checks every answer with it before storing). */
export function answerFits(q: SurveyQuestion, value: SurveyAnswerValue | undefined): boolean {
  if (value === undefined || value === '') return !q.required;
  switch (q.kind) {
    case 'yes_no': return typeof value === 'boolean';
    case 'likert5': return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
    case 'free_text': return typeof value === 'string';
  }
}

/**
 * The questions of the first survey (令和8年度), in the plan's words: the key question from the KPI
 * (利用市町村アンケートで「創業支援に有効であった」と回答した割合 80%以上) and Likert items for the effects the plan expects
 * (a richer support environment beside the municipality's seminars, less load on staff and 経営指導員), plus founders' use.
 */
export const SURVEY_QUESTIONS_R8: SurveyQuestion[] = [
  { id: 'effective', kind: 'yes_no', key: true, required: true, text: {
    ja: '本プラットフォームは、貴自治体の創業支援に有効でしたか（創業支援に有効であった）',
    en: 'Was the platform effective for your municipality\'s startup support?',
  } },
  { id: 'seminar_fit', kind: 'likert5', required: true, text: {
    ja: '貴自治体の創業塾・セミナーの内容と合っていた（1 まったくそう思わない 〜 5 とてもそう思う）',
    en: 'It fitted your municipality\'s founder seminars (1 strongly disagree – 5 strongly agree)',
  } },
  { id: 'less_work', kind: 'likert5', required: true, text: {
    ja: '職員・経営指導員の負担が軽くなった（1 まったくそう思わない 〜 5 とてもそう思う）',
    en: 'It reduced the work of staff and business advisors (1 strongly disagree – 5 strongly agree)',
  } },
  { id: 'founder_use', kind: 'likert5', required: true, text: {
    ja: '創業希望者によく利用された（1 まったくそう思わない 〜 5 とてもそう思う）',
    en: 'Founders made good use of it (1 strongly disagree – 5 strongly agree)',
  } },
  { id: 'comments', kind: 'free_text', required: false, text: {
    ja: 'ご意見・改善してほしい点（自由記述）',
    en: 'Comments and what should be improved (free text)',
  } },
];

// ------------------------------------------------------------------------------------------------------------ API

export const FiscalYearParams = z.object({ fiscalYear: z.coerce.number().int().min(2019).max(2100) }).strict();
export const TenantSurveyParams = z.object({ tenantId: z.string().regex(/^\d{6}$/), fiscalYear: z.coerce.number().int().min(2019).max(2100) }).strict();

/**
 * PUT /api/surveys/:fiscalYear — the admin opens (or changes) a year's survey: its answer window and, optionally, its
 * questions (default: the previous year's, or the 令和8年度 set). Changing the questions makes a new version.
 */
export const SurveyWindowBody = z.object({
  opensAt: IsoTime,
  closesAt: IsoTime,
  questions: z.array(SurveyQuestion).min(1).max(30).optional(),
}).strict().superRefine((s, ctx) => {
  if (Date.parse(s.opensAt) >= Date.parse(s.closesAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'the window must close after it opens' });
  if (Date.parse(s.closesAt) - Date.parse(s.opensAt) > 366 * 86_400_000) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'a window of at most a year' });
});
export type SurveyWindowBody = z.input<typeof SurveyWindowBody>;

export const SURVEY_STATES = ['scheduled', 'open', 'closed'] as const;
const Label = Localized;

/** A year's survey as the screens show it. */
export const SurveyView = z.object({
  fiscalYear: z.number().int(),
  label: Label,
  version: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(SURVEY_STATES),
  questions: z.array(SurveyQuestion),
}).strict();
export type SurveyView = z.infer<typeof SurveyView>;

const Count = z.number().int().min(0);
const KpiCountsShape = {
  expected: Count, responded: Count, effective: Count, notEffective: Count, pending: Count,
  effectiveShare: z.number().nullable(), responseRate: z.number().nullable(), meetsTarget: z.boolean(),
};

export const KpiTrendPoint = z.object({
  fiscalYear: z.number().int(), label: Label, effectiveShare: z.number().nullable(), responseRate: z.number().nullable(),
  responded: Count, expected: Count, meetsTarget: z.boolean(),
}).strict();

/** GET /api/surveys — every year's survey with its KPI, and the trend (admin). */
export const SurveyList = z.object({
  surveys: z.array(z.object({ survey: SurveyView, ...KpiCountsShape }).strict()),
  trend: z.array(KpiTrendPoint),
  /** The fiscal year of today (Japan time), for the "open this year's survey" form. */
  currentFiscalYear: z.number().int(),
  currentLabel: Label,
}).strict();
export type SurveyList = z.infer<typeof SurveyList>;

/** GET /api/surveys/:fiscalYear/kpi — the year's KPI against the 80 % line (admin), what the report prints. */
export const KpiView = z.object({
  asOf: z.string(),
  survey: SurveyView,
  /** The line as a ratio (0.8). */
  target: z.number(),
  ...KpiCountsShape,
  byPrefecture: z.array(z.object({ prefecture: z.string(), ...KpiCountsShape }).strict()),
  municipalities: z.array(z.object({
    tenantId: z.string(), name: Localized, prefecture: z.string(), status: z.enum(['effective', 'not_effective', 'pending']), answeredAt: z.string().nullable(),
  }).strict()),
  /** Each Likert question's mean over the counting answers. */
  likert: z.array(z.object({ questionId: SurveyQuestionId, text: Localized, mean: z.number().nullable(), n: Count }).strict()),
  /** Free-text answers: the municipality's own words (a municipality is not a person). */
  comments: z.array(z.object({ tenantId: z.string(), name: Localized, questionId: SurveyQuestionId, text: z.string() }).strict()),
  trend: z.array(KpiTrendPoint),
}).strict();
export type KpiView = z.infer<typeof KpiView>;

/** GET /api/tenants/:tenantId/survey — the municipality's survey of this year (or the latest) and its answer (staff). */
export const TenantSurvey = z.object({
  survey: SurveyView.nullable(),
  answer: z.object({
    surveyVersion: z.number().int(), answers: z.record(SurveyQuestionId, SurveyAnswerValue), at: z.string(), firstAt: z.string(), answeredByName: z.string(),
  }).strict().nullable(),
}).strict();
export type TenantSurvey = z.infer<typeof TenantSurvey>;

/** PUT /api/tenants/:tenantId/survey/:fiscalYear — the municipality's answer, given to the survey's current version. */
export const SurveyAnswerBody = z.object({
  surveyVersion: z.number().int().min(1),
  answers: z.record(SurveyQuestionId, SurveyAnswerValue),
}).strict();
export type SurveyAnswerBody = z.infer<typeof SurveyAnswerBody>;
