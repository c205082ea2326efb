import type { z } from 'zod';
import type {
  LessonLink,
  PublicCourse,
  PublicCourseTranslation,
  PublicIndex,
  PublicLesson,
  PublicLessonRef,
  PublicLocalPages,
  PublicModule,
  PublicModuleFile,
  PublicQuiz,
  ServerCatalog,
  ServerCourse,
  ServerModule,
} from '../contract/catalog.ts';
import { isLessonFile } from './lessons.ts';
import type { SourceMunicipality } from './local-pages.ts';
import { renderLessonMarkdown, renderLocalMarkdown } from './markdown.ts';
import type { QuizSource } from './source-schema.ts';
import type { SourceCourse, SourceLesson } from './source-tree.ts';

/**
 * The compiled curriculum's two outputs: public JSON for the browser (lessons rendered to HTML, quizzes without answers)
 * and the server catalog (answer keys, explanations). Runs only on sources that validated.
 *
 * Each language has files of its own, so that a reader downloads one language: `<lesson>.json` and `quiz.json` are
 * Japanese, `<lesson>.en.json` and `quiz.en.json` English (ids have no dots, so the names cannot clash), and the
 * outline's English lesson titles and objectives are in `course.en.json`. Each module also gets `module.json`, its part
 * of the outline, for the lesson page. Municipalities' local pages are one file per municipality and language under
 * `local/`.
 */

export type PublicFile = PublicIndex | PublicCourse | PublicModuleFile | PublicCourseTranslation | PublicLesson | PublicQuiz | PublicLocalPages;

export interface Emitted {
  /** Path under dist/content/ → JSON value (see CompileResult.publicFiles). */
  publicFiles: Map<string, PublicFile>;
  server: ServerCatalog;
  /** Path under dist/content/ → repository path of a lesson's video or captions file, copied as it is. */
  media: Map<string, string>;
}

/** The path under dist/content/ of a lesson, a quiz or an outline in a language. */
export const contentPath = (base: string, lang: 'ja' | 'en') => `${base}${lang === 'en' ? '.en' : ''}.json`;

/** Every course's public files and server entry, the index of courses, and each municipality's local pages. */
export function emitCatalog(
  courses: readonly SourceCourse[], version: string, local: readonly SourceMunicipality[] = [], files: ReadonlySet<string> = new Set(),
): Emitted {
  const publicFiles = new Map<string, PublicFile>();
  const mediaOut = new Map<string, string>();
  const exists = (path: string) => isLessonFile(path, files);
  const serverCourses = courses.map((c) => emitCourse(c, version, publicFiles, mediaOut, exists));
  const index: PublicIndex = {
    version,
    courses: courses.map((c) => ({ id: c.id, title: c.course.data.title, summary: c.course.data.summary, version })),
    local: local.map((m) => m.code),
  };
  publicFiles.set('index.json', index);
  for (const m of local) emitLocal(m, publicFiles);
  return { publicFiles, server: { version, courses: serverCourses }, media: mediaOut };
}

function publicQuestions(quiz: Pick<QuizSource, 'questions'>): PublicQuiz['questions'] {
  // Built field by field so that no answer key or explanation can slip into the browser's copy.
  return quiz.questions.map((q) => ({ id: q.id, type: q.type, prompt: q.prompt, choices: q.choices.map((ch) => ({ id: ch.id, text: ch.text })) }));
}

function emitCourse(
  c: SourceCourse, version: string, out: Map<string, PublicFile>, media: Map<string, string>, exists: (path: string) => boolean,
): ServerCourse {
  const order = c.modules.flatMap((m) => m.lessons.map((l) => ({ moduleId: m.id, lessonId: l.id })));
  const link = (i: number): z.infer<typeof LessonLink> => order[i] ?? null;
  let position = 0;

  const cd = c.course.data;
  const publicModules: PublicModule[] = [];
  const serverModules: ServerModule[] = [];
  const translated: PublicCourseTranslation['modules'] = [];
  for (const m of c.modules) {
    const md = m.module.data;
    const tr = m.translation;
    const lessonRefs: PublicLessonRef[] = [];
    m.lessons.forEach((l, i) => {
      const kind = l.front.kind;
      lessonRefs.push({ id: l.id, title: l.front.title, minutes: l.front.minutes, hasVideo: l.front.video !== undefined, ...(kind ? { kind } : {}) });
      const lesson = (src: SourceLesson, lang: 'ja' | 'en'): PublicLesson => ({
        courseId: c.id,
        moduleId: m.id,
        id: l.id,
        title: src.front.title,
        minutes: l.front.minutes,
        html: renderLessonMarkdown(src.body, { courseId: c.id, moduleId: m.id, translation: lang === 'en' }, exists),
        video: l.video ?? null,
        prev: link(position - 1),
        next: link(position + 1),
        version,
        ...(kind ? { kind } : {}),
        lang,
      });
      out.set(contentPath(`${c.id}/${m.id}/${l.id}`, 'ja'), lesson(l, 'ja'));
      const en = tr?.lessons[i];
      if (en) out.set(contentPath(`${c.id}/${m.id}/${l.id}`, 'en'), lesson(en, 'en'));
      position++;
    });

    for (const name of m.media) media.set(`${c.id}/${m.id}/media/${name}`, `${m.dir}/media/${name}`);

    const quiz = m.quiz?.data ?? null;
    const enQuiz = tr?.quiz?.data ?? null;
    if (quiz) {
      const publicQuiz = (q: Pick<QuizSource, 'questions'>, lang: 'ja' | 'en'): PublicQuiz => ({
        courseId: c.id,
        moduleId: m.id,
        passMark: quiz.passMark,
        maxAttempts: quiz.maxAttempts,
        version,
        questions: publicQuestions(q),
        lang,
      });
      out.set(contentPath(`${c.id}/${m.id}/quiz`, 'ja'), publicQuiz(quiz, 'ja'));
      if (enQuiz) out.set(contentPath(`${c.id}/${m.id}/quiz`, 'en'), publicQuiz(enQuiz, 'en'));
    }
    if (tr) {
      translated.push({ id: m.id, objectives: tr.module.data.objectives, lessons: tr.lessons.map((l) => ({ id: l.id, title: l.front.title })) });
    }

    const seminarSession = md.seminarSession ?? null;
    const publicModule: PublicModule = {
      id: m.id,
      title: md.title,
      summary: md.summary,
      areas: md.areas,
      estimatedMinutes: md.estimatedMinutes,
      objectives: md.objectives,
      sources: md.sources,
      lessons: lessonRefs,
      quiz: quiz ? { questionCount: quiz.questions.length, passMark: quiz.passMark, maxAttempts: quiz.maxAttempts } : null,
      seminarSession,
      languages: tr ? ['ja', 'en'] : ['ja'],
    };
    publicModules.push(publicModule);
    out.set(`${c.id}/${m.id}/module.json`, { courseId: c.id, courseTitle: cd.title, version, module: publicModule });
    serverModules.push({
      id: m.id,
      version: m.version,
      title: md.title,
      areas: md.areas,
      lessons: m.lessons.map((l) => l.id),
      quiz: quiz
        ? {
            passMark: quiz.passMark,
            maxAttempts: quiz.maxAttempts,
            questions: quiz.questions.map((q, i) => {
              const explanationEn = enQuiz?.questions[i]?.explanation;
              return {
                id: q.id,
                type: q.type,
                choiceIds: q.choices.map((ch) => ch.id),
                correct: q.choices.filter((ch) => ch.correct === true).map((ch) => ch.id),
                explanation: q.explanation,
                ...(explanationEn !== undefined ? { explanationEn } : {}),
              };
            }),
          }
        : null,
      seminarSession,
    });
  }

  const publicCourse: PublicCourse = { id: c.id, title: cd.title, summary: cd.summary, version, modules: publicModules };
  out.set(contentPath(`${c.id}/course`, 'ja'), publicCourse);
  if (translated.length > 0) out.set(contentPath(`${c.id}/course`, 'en'), { courseId: c.id, lang: 'en', version, modules: translated });
  return { id: c.id, title: cd.title, modules: serverModules };
}

/** `local/<code>.json` in Japanese; `local/<code>.en.json` with every page, in English where it is translated. */
function emitLocal(m: SourceMunicipality, out: Map<string, PublicFile>): void {
  const file = (lang: 'ja' | 'en'): PublicLocalPages => ({
    tenantId: m.code,
    lang,
    version: m.version,
    pages: m.pages.map((p) => {
      const src = lang === 'en' && p.en ? p.en : p;
      return { id: p.id, title: src.front.title, order: p.front.order, checked: p.front.checked, html: renderLocalMarkdown(src.body), lang: src === p ? 'ja' : 'en' };
    }),
  });
  out.set(contentPath(`local/${m.code}`, 'ja'), file('ja'));
  out.set(contentPath(`local/${m.code}`, 'en'), file('en'));
}
