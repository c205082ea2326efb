import * as z from 'zod';
import { Area, LessonKind, Video } from '../contract/catalog.ts';

/**
 * The source format of courses/ (course.yaml, module.yaml, lesson front matter, quiz.yaml). Every object is strict, so
 * a misspelt key is an error rather than silently ignored. Rules that only the real curriculum must meet (lengths,
 * counts, sources) live in content-rules.ts, so that small test fixtures still compile.
 */

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ID_HINT = 'use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit';

export const Id = z.string().regex(ID_PATTERN, `invalid id: ${ID_HINT}`);

const Text = z.string().trim().min(1, 'must not be empty');

export const LocalizedText = z.object({ ja: Text, en: Text }).strict();

/** Reports the 2nd and later occurrence of each id, at `path(index)`. */
function uniqueIds(ids: readonly string[], ctx: z.RefinementCtx, path: (i: number) => PropertyKey[], what: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: path(i), message: `duplicate ${what} "${id}"` });
    seen.add(id);
  });
}

export const CourseSource = z
  .object({
    title: LocalizedText,
    summary: LocalizedText,
    // Duplicates are reported by the compiler, which still checks the other entries against the module folders.
    modules: z.array(Id).min(1, 'list at least one module'),
  })
  .strict();
export type CourseSource = z.infer<typeof CourseSource>;

export const SourceRef = z
  .object({
    title: Text,
    url: Text,
    checked: z.string(),
  })
  .strict();
export type SourceRef = z.infer<typeof SourceRef>;

export const ModuleSource = z
  .object({
    title: LocalizedText,
    summary: LocalizedText,
    areas: z.array(Area).min(1, 'name at least one area'),
    estimatedMinutes: z.number().int().positive(),
    objectives: z.array(Text).min(1, 'list at least one objective'),
    sources: z.array(SourceRef),
    seminarSession: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((m, ctx) => uniqueIds(m.areas, ctx, (i) => ['areas', i], 'area'));
export type ModuleSource = z.infer<typeof ModuleSource>;

export const LessonFrontMatter = z
  .object({
    title: Text,
    minutes: z.number().int().positive(),
    kind: LessonKind.optional(),
    video: Video.optional(),
  })
  .strict();
export type LessonFrontMatter = z.infer<typeof LessonFrontMatter>;

export const QuizChoiceSource = z
  .object({
    id: Id,
    text: Text,
    correct: z.boolean().optional(),
  })
  .strict();

export const QuizQuestionSource = z
  .object({
    id: Id,
    type: z.enum(['single', 'multiple']),
    prompt: Text,
    choices: z.array(QuizChoiceSource).min(2, 'give at least two choices'),
    explanation: z.string().default(''),
  })
  .strict()
  .superRefine((q, ctx) => {
    uniqueIds(q.choices.map((c) => c.id), ctx, (i) => ['choices', i, 'id'], 'choice id');
    const correct = q.choices.filter((c) => c.correct === true).length;
    if (q.type === 'single' && correct !== 1) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: `a single-choice question needs exactly one correct choice (found ${correct})` });
    }
    if (q.type === 'multiple' && correct < 1) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a multiple-choice question needs at least one correct choice' });
    }
  });
export type QuizQuestionSource = z.infer<typeof QuizQuestionSource>;

export const QuizSource = z
  .object({
    passMark: z.number().int().min(1).max(100),
    maxAttempts: z.number().int().positive().nullable().default(null),
    questions: z.array(QuizQuestionSource).min(1, 'a quiz needs at least one question'),
  })
  .strict()
  .superRefine((q, ctx) => uniqueIds(q.questions.map((x) => x.id), ctx, (i) => ['questions', i, 'id'], 'question id'));
export type QuizSource = z.infer<typeof QuizSource>;

/** `<module>/en/module.yaml`: the objectives in English, as many and in the same order as the Japanese ones. */
export const TranslationModule = z.object({ objectives: z.array(Text).min(1, 'list the objectives in English') }).strict();
export type TranslationModule = z.infer<typeof TranslationModule>;

/** `<module>/en/quiz.yaml`: the questions only (passMark and maxAttempts are the Japanese quiz's). */
export const TranslationQuiz = z
  .object({ questions: z.array(QuizQuestionSource).min(1, 'translate every question of the Japanese quiz') })
  .strict();
export type TranslationQuiz = z.infer<typeof TranslationQuiz>;

/**
 * A municipality's local page (`courses/local/<code>/<page>.md`): its Japanese title, its place in the list and the day
 * its facts were last checked, which the freshness review reads.
 */
export const LocalPageFrontMatter = z
  .object({
    title: Text,
    order: z.number().int().min(0),
    checked: z.string(),
  })
  .strict();
export type LocalPageFrontMatter = z.infer<typeof LocalPageFrontMatter>;

/** `courses/local/<code>/en/<page>.md`: the English title; order and checked, if given, must be the source's. */
export const LocalPageTranslationFrontMatter = z
  .object({
    title: Text,
    order: z.number().int().min(0).optional(),
    checked: z.string().optional(),
  })
  .strict();
export type LocalPageTranslationFrontMatter = z.infer<typeof LocalPageTranslationFrontMatter>;
