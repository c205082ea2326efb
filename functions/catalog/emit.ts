import type { z } from 'zod';
import type {
  LessonLink,
  PublicCourse,
  PublicIndex,
  PublicLesson,
  PublicLessonRef,
  PublicModule,
  PublicQuiz,
  ServerCatalog,
  ServerCourse,
  ServerModule,
} from '../contract/catalog.ts';
import { renderLessonMarkdown } from './markdown.ts';
import type { SourceCourse } from './source-tree.ts';

/**
 * The compiled curriculum's two outputs: public JSON for the browser (lessons rendered to HTML, quizzes without answers)
 * and the server catalog (answer keys, explanations). Runs only on sources that validated.
 */

export type PublicFile = PublicIndex | PublicCourse | PublicLesson | PublicQuiz;

export interface Emitted {
  /** Path under dist/content/ → JSON value: `index.json`, `<course>/course.json`, `<course>/<module>/<lesson>.json`, `<course>/<module>/quiz.json`. */
  publicFiles: Map<string, PublicFile>;
  server: ServerCatalog;
  /** Path under dist/content/ → repository path of a lesson's video or captions file, copied as it is. */
  media: Map<string, string>;
}

/** Every course's public files and server entry, and the index of courses, all stamped with `version`. */
export function emitCatalog(courses: readonly SourceCourse[], version: string): Emitted {
  const publicFiles = new Map<string, PublicFile>();
  const mediaOut = new Map<string, string>();
  const serverCourses = courses.map((c) => emitCourse(c, version, publicFiles, mediaOut));
  const index: PublicIndex = {
    version,
    courses: courses.map((c) => ({ id: c.id, title: c.course.data.title, summary: c.course.data.summary, version })),
  };
  publicFiles.set('index.json', index);
  return { publicFiles, server: { version, courses: serverCourses }, media: mediaOut };
}

function emitCourse(c: SourceCourse, version: string, out: Map<string, PublicFile>, media: Map<string, string>): ServerCourse {
  const order = c.modules.flatMap((m) => m.lessons.map((l) => ({ moduleId: m.id, lessonId: l.id })));
  const link = (i: number): z.infer<typeof LessonLink> => order[i] ?? null;
  let position = 0;

  const publicModules: PublicModule[] = [];
  const serverModules: ServerModule[] = [];
  for (const m of c.modules) {
    const md = m.module.data;
    const lessonRefs: PublicLessonRef[] = [];
    for (const l of m.lessons) {
      const kind = l.front.kind;
      lessonRefs.push({ id: l.id, title: l.front.title, minutes: l.front.minutes, hasVideo: l.front.video !== undefined, ...(kind ? { kind } : {}) });
      const lesson: PublicLesson = {
        courseId: c.id,
        moduleId: m.id,
        id: l.id,
        title: l.front.title,
        minutes: l.front.minutes,
        html: renderLessonMarkdown(l.body, { courseId: c.id, moduleId: m.id }),
        video: l.video ?? null,
        prev: link(position - 1),
        next: link(position + 1),
        version,
        ...(kind ? { kind } : {}),
      };
      out.set(`${c.id}/${m.id}/${l.id}.json`, lesson);
      position++;
    }

    for (const name of m.media) media.set(`${c.id}/${m.id}/media/${name}`, `${m.dir}/media/${name}`);

    const quiz = m.quiz?.data ?? null;
    if (quiz) {
      const publicQuiz: PublicQuiz = {
        courseId: c.id,
        moduleId: m.id,
        passMark: quiz.passMark,
        maxAttempts: quiz.maxAttempts,
        version,
        // Built field by field so that no answer key or explanation can slip into the browser's copy.
        questions: quiz.questions.map((q) => ({ id: q.id, type: q.type, prompt: q.prompt, choices: q.choices.map((ch) => ({ id: ch.id, text: ch.text })) })),
      };
      out.set(`${c.id}/${m.id}/quiz.json`, publicQuiz);
    }

    const seminarSession = md.seminarSession ?? null;
    publicModules.push({
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
    });
    serverModules.push({
      id: m.id,
      title: md.title,
      areas: md.areas,
      lessons: m.lessons.map((l) => l.id),
      quiz: quiz
        ? {
            passMark: quiz.passMark,
            maxAttempts: quiz.maxAttempts,
            questions: quiz.questions.map((q) => ({
              id: q.id,
              type: q.type,
              choiceIds: q.choices.map((ch) => ch.id),
              correct: q.choices.filter((ch) => ch.correct === true).map((ch) => ch.id),
              explanation: q.explanation,
            })),
          }
        : null,
      seminarSession,
    });
  }

  const cd = c.course.data;
  const publicCourse: PublicCourse = { id: c.id, title: cd.title, summary: cd.summary, version, modules: publicModules };
  out.set(`${c.id}/course.json`, publicCourse);
  return { id: c.id, title: cd.title, modules: serverModules };
}
