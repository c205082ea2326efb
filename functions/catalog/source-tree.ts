import type { Video } from '../contract/catalog.ts';
import type { MarkdownSource } from './lessons.ts';
import type { CourseSource, LessonFrontMatter, ModuleSource, QuizSource, TranslationModule, TranslationQuiz } from './source-schema.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * What the compiler's steps hand each other: the parsed curriculum (a course, its modules, their lessons, each with a
 * way back to the line of a key) and the error every step reports, `file:line: message`.
 */

export interface CompileError {
  /** Repository-relative path, e.g. `courses/sogyo-kiso/m01-motive-concept/quiz.yaml`. */
  file: string;
  /** 1-based. */
  line: number;
  message: string;
}

/** `courses/sogyo-kiso/m01-x/quiz.yaml:12: message` */
export const formatError = (e: CompileError): string => `${e.file}:${e.line}: ${e.message}`;

/** Order by UTF-16 code unit, not locale: the output must not depend on the machine that builds it. */
export const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortErrors(errors: readonly CompileError[]): CompileError[] {
  return [...errors].sort((a, b) => byCodeUnit(a.file, b.file) || a.line - b.line);
}

export interface SourceLesson extends MarkdownSource<LessonFrontMatter> {
  id: string;
  /** The lesson's video as the browser gets it (file names resolved to /content/ URLs), once checked. */
  video?: Video;
}

/**
 * A module's complete English version (its en/ folder), checked against the Japanese source: objectives in the same
 * number, one lesson per Japanese lesson in the same order, the quiz's questions with the same ids and answer keys.
 */
export interface SourceTranslation {
  /** `courses/<course>/<module>/en` */
  dir: string;
  module: YamlSource<TranslationModule>;
  lessons: SourceLesson[];
  quiz: YamlSource<TranslationQuiz> | null;
}

export interface SourceModule {
  id: string;
  /** `courses/<course>/<module>` */
  dir: string;
  module: YamlSource<ModuleSource>;
  lessons: SourceLesson[];
  quiz: YamlSource<QuizSource> | null;
  /** Names of the files in the module's media/ folder that its lessons use (videos and captions). */
  media: string[];
  /** The English version, when the module has a complete one that matches its source. */
  translation?: SourceTranslation;
  /** The module's own curriculum version: a hash of its folder alone (compile.ts moduleVersion). */
  version: string;
}

export interface SourceCourse {
  id: string;
  dir: string;
  course: YamlSource<CourseSource>;
  /** The modules that compiled, in course order. */
  modules: SourceModule[];
}
