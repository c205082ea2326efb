import * as z from 'zod';

import { AREAS } from './constants.ts';

export { AREAS } from './constants.ts';
export const Area = z.enum(AREAS);
export type Area = z.infer<typeof Area>;

export const Localized = z.object({ ja: z.string().min(1), en: z.string().min(1) }).strict();
export type Localized = z.infer<typeof Localized>;

export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and hyphens');

export const Source = z.object({ title: z.string(), url: z.string(), checked: z.string() }).strict();
export type Source = z.infer<typeof Source>;

export const Video = z.object({
  url: z.string(),
  captions: z.array(z.object({ src: z.string(), lang: z.string(), label: z.string() }).strict()).min(1),
}).strict();
export type Video = z.infer<typeof Video>;

/** A lesson's kind when it is not ordinary teaching text: `worksheet` is the printable 創業計画書 worksheet. */
export const LessonKind = z.enum(['worksheet']);
export type LessonKind = z.infer<typeof LessonKind>;

/** The languages content is written in: Japanese (the source) and English (translations in a module's en/ folder). */
export const CONTENT_LANGS = ['ja', 'en'] as const;
export const ContentLang = z.enum(CONTENT_LANGS);
export type ContentLang = z.infer<typeof ContentLang>;

/** Which in-person 創業塾 session a module supplements (1-based), or null when none. */
export const SeminarSession = z.number().int().positive().nullable();

/** A lesson as listed in the course outline (no body). */
export const PublicLessonRef = z.object({
  id: Slug,
  title: z.string(),
  minutes: z.number().int().positive(),
  hasVideo: z.boolean(),
  kind: LessonKind.optional(),
});
export type PublicLessonRef = z.infer<typeof PublicLessonRef>;

export const PublicModule = z.object({
  id: Slug,
  title: Localized,
  summary: Localized,
  areas: z.array(Area).min(1),
  estimatedMinutes: z.number().int().positive(),
  objectives: z.array(z.string()),
  sources: z.array(Source),
  lessons: z.array(PublicLessonRef).min(1),
  quiz: z.object({ questionCount: z.number().int(), passMark: z.number().int(), maxAttempts: z.number().int().nullable() }).nullable(),
  seminarSession: SeminarSession.optional(),
  /** The languages the module can be read in: always `ja`; `en` when its en/ translation is complete. */
  languages: z.array(ContentLang).min(1),
});
export type PublicModule = z.infer<typeof PublicModule>;

/** dist/content/<course>/course.json: the outline the browser reads. */
export const PublicCourse = z.object({
  id: Slug,
  title: Localized,
  summary: Localized,
  version: z.string(),
  modules: z.array(PublicModule),
});
export type PublicCourse = z.infer<typeof PublicCourse>;

/**
 * dist/content/<course>/<module>/module.json: one module's outline with its course's id and title — what a lesson page
 * shows around its lesson (a few KB), so that opening a lesson never downloads the whole course outline.
 */
export const PublicModuleFile = z.object({
  courseId: Slug,
  courseTitle: Localized,
  version: z.string(),
  module: PublicModule,
});
export type PublicModuleFile = z.infer<typeof PublicModuleFile>;

/** dist/content/index.json: the courses on offer. */
export const PublicIndex = z.object({
  version: z.string(),
  courses: z.array(z.object({ id: Slug, title: Localized, summary: Localized, version: z.string() })),
  /** The municipalities (local-government codes) that publish local pages: the app fetches only these files. */
  local: z.array(z.string().regex(/^\d{6}$/)),
});
export type PublicIndex = z.infer<typeof PublicIndex>;

export const LessonLink = z.object({ moduleId: Slug, lessonId: Slug }).nullable();

/** dist/content/<course>/<module>/<lesson>.json: one rendered, sanitized lesson. */
export const PublicLesson = z.object({
  courseId: Slug,
  moduleId: Slug,
  id: Slug,
  title: z.string(),
  minutes: z.number().int().positive(),
  html: z.string(),
  video: Video.nullable(),
  prev: LessonLink,
  next: LessonLink,
  version: z.string(),
  kind: LessonKind.optional(),
  /** The language of `title` and `html`; absent means Japanese. */
  lang: ContentLang.optional(),
});
export type PublicLesson = z.infer<typeof PublicLesson>;

/** dist/content/<course>/<module>/quiz.json: questions without answers or explanations. */
export const PublicQuiz = z.object({
  courseId: Slug,
  moduleId: Slug,
  passMark: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  version: z.string(),
  questions: z.array(z.object({
    id: Slug,
    type: z.enum(['single', 'multiple']),
    prompt: z.string(),
    choices: z.array(z.object({ id: Slug, text: z.string() })),
  })),
  /** The language of prompts and choices; absent means Japanese. The ids are the same in every language. */
  lang: ContentLang.optional(),
});
export type PublicQuiz = z.infer<typeof PublicQuiz>;

/**
 * dist/content/<course>/course.en.json: what an English reader needs on top of course.json (which already has English
 * titles and summaries of the course and modules): the translated modules' objectives and lesson titles. Kept apart so
 * that a Japanese reader never downloads it.
 */
export const PublicCourseTranslation = z.object({
  courseId: Slug,
  lang: z.literal('en'),
  version: z.string(),
  modules: z.array(z.object({
    id: Slug,
    objectives: z.array(z.string()),
    lessons: z.array(z.object({ id: Slug, title: z.string() })),
  })),
});
export type PublicCourseTranslation = z.infer<typeof PublicCourseTranslation>;

/** One municipality's page as the browser gets it: rendered, sanitized HTML, like a lesson. */
export const PublicLocalPage = z.object({
  id: Slug,
  title: z.string(),
  order: z.number().int(),
  /** When the municipality last checked the page's facts (YYYY-MM-DD). */
  checked: z.string(),
  html: z.string(),
  /** The language of `title` and `html`: in the English file, an untranslated page stays Japanese. */
  lang: ContentLang,
});
export type PublicLocalPage = z.infer<typeof PublicLocalPage>;

/**
 * dist/content/local/<code>.json (Japanese) and local/<code>.en.json (English where translated): one municipality's
 * public notices and support programmes, in `order`. `version` hashes that municipality's source files only.
 */
export const PublicLocalPages = z.object({
  tenantId: z.string().regex(/^\d{6}$/),
  lang: ContentLang,
  version: z.string(),
  pages: z.array(PublicLocalPage),
});
export type PublicLocalPages = z.infer<typeof PublicLocalPages>;

/** The server catalog: structure plus answer keys. Never sent to the browser. */
export const ServerQuestion = z.object({
  id: Slug,
  type: z.enum(['single', 'multiple']),
  choiceIds: z.array(Slug),
  correct: z.array(Slug).min(1),
  explanation: z.string(),
  /** The explanation from the module's en/quiz.yaml, when the module is translated. */
  explanationEn: z.string().optional(),
});
export type ServerQuestion = z.infer<typeof ServerQuestion>;
export const ServerModule = z.object({
  id: Slug,
  /**
   * The module's own curriculum version (a hash of its folder): founders' feedback is kept per module version, so a
   * rewrite of one module starts its ratings afresh while the others keep theirs.
   */
  version: z.string(),
  /** For dated records (evidence, verify page) that must name what was studied without the public files. */
  title: Localized,
  areas: z.array(Area).min(1),
  lessons: z.array(Slug).min(1),
  quiz: z.object({ passMark: z.number().int(), maxAttempts: z.number().int().nullable(), questions: z.array(ServerQuestion) }).nullable(),
  seminarSession: SeminarSession.optional(),
});
export type ServerModule = z.infer<typeof ServerModule>;
export const ServerCourse = z.object({ id: Slug, title: Localized, modules: z.array(ServerModule) });
export type ServerCourse = z.infer<typeof ServerCourse>;
export const ServerCatalog = z.object({ version: z.string(), courses: z.array(ServerCourse) });
export type ServerCatalog = z.infer<typeof ServerCatalog>;
