import type { Video } from '../contract/catalog.ts';
import type { CourseSource, LessonFrontMatter, ModuleSource, QuizSource } from './source-schema.ts';
import type { Path, YamlSource } from './yaml-source.ts';

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

export interface SourceLesson {
  id: string;
  file: string;
  front: LessonFrontMatter;
  /** 1-based line in `file` of `key` in the front matter. */
  lineOf(path: Path): number;
  /** The front matter text (between the `---` lines) and the line its first line is on. */
  frontText: string;
  frontLine: number;
  /** The Markdown after the front matter and the 1-based line its first line is on. */
  body: string;
  bodyLine: number;
  /** The lesson's video as the browser gets it (file names resolved to /content/ URLs), once checked. */
  video?: Video;
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
}

export interface SourceCourse {
  id: string;
  dir: string;
  course: YamlSource<CourseSource>;
  /** The modules that compiled, in course order. */
  modules: SourceModule[];
}
