import * as z from 'zod';
import { Localized } from './catalog.ts';

/**
 * The union's yearly effectiveness survey (issue 12, point 2) as data: each fiscal year's survey is a versioned
 * definition, so next year's questions can change without code. Exactly one question is the KPI's key question,
 * 「創業支援に有効であった」 (yes/no); its id must stay the same across the versions of one year's survey, because the
 * KPI reads every answer of the year by that id (docs/kpi.md).
 */

export const SURVEY_QUESTION_KINDS = ['yes_no', 'likert5', 'free_text'] as const;
export const SurveyQuestionKind = z.enum(SURVEY_QUESTION_KINDS);
export type SurveyQuestionKind = z.infer<typeof SurveyQuestionKind>;

/** The longest free-text answer, in characters. */
export const SURVEY_FREE_TEXT_MAX = 2000;

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
