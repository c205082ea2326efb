import { createHash } from 'node:crypto';
import type { ServerCatalog } from '../contract/catalog.ts';
import { emitCatalog, type PublicFile } from './emit.ts';
import { checkLessonLinks, parseMarkdownSource } from './lessons.ts';
import { compileLocalPages, isLocalSource, type SourceMunicipality } from './local-pages.ts';
import { CAPTIONS_FILE, checkVideo, type MediaFile, type ModuleMedia, VIDEO_FILE } from './media.ts';
import { CourseSource, ID_PATTERN, LessonFrontMatter, ModuleSource, QuizSource } from './source-schema.ts';
import { byCodeUnit, type CompileError, type SourceCourse, type SourceLesson, type SourceModule, sortErrors } from './source-tree.ts';
import { compileTranslation, type TranslationFiles } from './translation.ts';
import { yamlSource } from './yaml-source.ts';

/**
 * courses/ → public JSON for the browser + a server catalog with answer keys. Pure: the caller reads the files (a map of
 * repository-relative path → text) and writes the results. Every problem found is reported, each with file and line.
 *
 * This file validates and orchestrates: it sorts the files into courses and modules, checks ids, file names and
 * lesson links, and hands the rest to one file per concern: yaml-source.ts (YAML and schema errors at their line),
 * media.ts (videos and captions), emit.ts (the public and server outputs).
 */

// What the CLI and the tests take from the compiler, wherever it lives now.
export { type CompileError, formatError, sortErrors } from './source-tree.ts';
export type { MediaFile } from './media.ts';
export { splitFrontMatter } from './lessons.ts';

export interface CompileResult {
  errors: CompileError[];
  /**
   * Path under dist/content/ → JSON value: `index.json`, `<course>/course.json`, `<course>/<module>/<lesson>.json`,
   * `<course>/<module>/quiz.json`; for translated modules `<course>/course.en.json`, `<lesson>.en.json` and
   * `quiz.en.json`; `local/<code>.json` and `local/<code>.en.json` per municipality with local pages.
   */
  publicFiles: Map<string, PublicFile>;
  server: ServerCatalog;
  version: string;
  /** The parsed sources with line lookups, for content-rules.ts. */
  courses: SourceCourse[];
  /** The municipalities' local pages (courses/local/), parsed. */
  local: SourceMunicipality[];
  /** Path under dist/content/ → repository path of a lesson's video or captions file, copied as it is. */
  media: Map<string, string>;
}

const ID_HINT = 'use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit';
const LESSON_FILE = /^\d{2}-/;

function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * The content version: the first 16 hex digits of sha256 over every file under `courses/<course>/`, sorted by path,
 * each contributing its path, a NUL, its content and a NUL; then every media file (video) by path and hash.
 */
export function contentVersion(files: ReadonlyMap<string, string>, media: ReadonlyMap<string, MediaFile> = new Map()): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort(byCodeUnit)) {
    hash.update(path).update('\0').update(files.get(path)!).update('\0');
  }
  // A media file contributes its hash, so that a re-encoded video is a new version too.
  for (const path of [...media.keys()].sort(byCodeUnit)) {
    hash.update(path).update('\0').update(`media:${media.get(path)!.sha256}`).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A module's own curriculum version: `contentVersion` over its folder alone (module.yaml, lessons, quiz, captions,
 * videos, en/). Editing one module leaves every other module's version — and the founders' feedback kept per
 * version — alone, where the catalog's version changes with any file.
 */
function moduleVersion(mf: ModuleFiles): string {
  const files = new Map<string, string>();
  for (const [name, text] of mf.files) files.set(`${mf.dir}/${name}`, text);
  for (const [name, text] of mf.captions) files.set(`${mf.dir}/media/${name}`, text);
  for (const [name, text] of mf.en.files) files.set(`${mf.en.dir}/${name}`, text);
  return contentVersion(files, new Map([...mf.videos].map(([name, meta]) => [`${mf.dir}/media/${name}`, meta])));
}

/**
 * Files under `courses/<course>/` are course sources; `courses/README.md`, the municipalities' pages under
 * `courses/local/` (see local-pages.ts) and anything outside courses/ are not.
 */
export function isCourseSource(path: string): boolean {
  const parts = path.split('/');
  return parts[0] === 'courses' && parts.length >= 3 && !parts.some((p) => p.startsWith('.')) && !isLocalSource(path);
}

// ------------------------------------------------------------------------------------------------- modules and courses

/** A module folder's files, sorted by kind; its media/ folder is what media.ts checks videos against. */
interface ModuleFiles extends ModuleMedia {
  files: Map<string, string>; // file name → text
  captions: Map<string, string>;
  videos: Map<string, MediaFile>;
  nested: string[]; // any other path deeper than the module folder
  /** The en/ folder: the English version, checked by translation.ts. */
  en: TranslationFiles;
}

function compileModule(
  courseId: string,
  moduleId: string,
  mf: ModuleFiles,
  allFiles: ReadonlySet<string>,
  errors: CompileError[],
): SourceModule | null {
  const moduleFile = `${mf.dir}/module.yaml`;
  const anchorFile = mf.files.has('module.yaml') ? moduleFile : `${mf.dir}/${[...mf.files.keys()].sort(byCodeUnit)[0] ?? 'module.yaml'}`;
  for (const p of mf.nested) {
    const inMedia = p.split('/')[3] === 'media' && p.split('/').length === 5;
    errors.push({ file: p, line: 1, message: inMedia
      ? 'unexpected file: media/ holds lesson videos (.webm, .mp4) and their captions (.vtt) only'
      : 'unexpected file: a module folder holds only module.yaml, quiz.yaml, lesson .md files, a media/ folder for videos and an en/ folder for its English version' });
  }

  const sourceErrors = errors.length;
  const moduleText = mf.files.get('module.yaml');
  if (moduleText === undefined) errors.push({ file: moduleFile, line: 1, message: `module "${moduleId}" has no module.yaml` });
  const module = moduleText === undefined ? null : yamlSource(moduleFile, moduleText, ModuleSource, errors);

  const quizText = mf.files.get('quiz.yaml');
  const quiz = quizText === undefined ? null : yamlSource(`${mf.dir}/quiz.yaml`, quizText, QuizSource, errors);

  const lessons: SourceLesson[] = [];
  const usedMedia = new Set<string>();
  let lessonFiles = 0;
  for (const name of [...mf.files.keys()].sort(byCodeUnit)) {
    const file = `${mf.dir}/${name}`;
    if (name === 'module.yaml' || name === 'quiz.yaml') continue;
    if (!name.endsWith('.md')) {
      errors.push({ file, line: 1, message: 'unexpected file: a module folder holds only module.yaml, quiz.yaml and lesson .md files' });
      continue;
    }
    lessonFiles++;
    const id = name.slice(0, -'.md'.length);
    if (!ID_PATTERN.test(id)) {
      errors.push({ file, line: 1, message: `invalid lesson id "${id}": ${ID_HINT}` });
      continue;
    }
    if (!LESSON_FILE.test(id)) {
      errors.push({ file, line: 1, message: `lesson file "${name}" must start with a two-digit number and a hyphen (e.g. 01-${id}.md) so lessons sort in order` });
      continue;
    }
    const parsed = parseMarkdownSource(file, mf.files.get(name)!, LessonFrontMatter, errors);
    const lesson: SourceLesson | null = parsed ? { id, ...parsed } : null;
    if (lesson) {
      checkLessonLinks(lesson, { courseId, moduleId }, allFiles, errors);
      const video = checkVideo(lesson, { courseId, moduleId }, mf, usedMedia, errors);
      if (video) lesson.video = video;
      lessons.push(lesson);
    }
  }
  if (lessonFiles === 0) errors.push({ file: anchorFile, line: 1, message: `module "${moduleId}" has no lessons (add NN-<slug>.md files)` });
  for (const name of [...mf.captions.keys(), ...mf.videos.keys()].sort(byCodeUnit)) {
    if (!usedMedia.has(name)) errors.push({ file: `${mf.dir}/media/${name}`, line: 1, message: 'no lesson uses this file: name it in a lesson\'s video: or remove it' });
  }

  if (!module || lessons.length === 0 || (quizText !== undefined && !quiz)) return null;
  const compiled: SourceModule = { id: moduleId, dir: mf.dir, module, lessons, quiz, media: [...usedMedia].sort(byCodeUnit), version: moduleVersion(mf) };
  // A translation is compared with a source that compiled cleanly; until then the source's own errors come first.
  if ((mf.en.files.size > 0 || mf.en.nested.length > 0) && errors.length === sourceErrors) {
    const translation = compileTranslation(compiled, mf.en, { courseId, moduleId }, allFiles, errors);
    if (translation) compiled.translation = translation;
  }
  return compiled;
}

function compileCourse(
  courseId: string,
  dir: string,
  files: ReadonlyMap<string, string>,
  media: ReadonlyMap<string, MediaFile>,
  allFiles: ReadonlySet<string>,
  errors: CompileError[],
): SourceCourse | null {
  const courseFile = `${dir}/course.yaml`;
  if (!ID_PATTERN.test(courseId)) {
    errors.push({ file: courseFile, line: 1, message: `invalid course id "${courseId}" (the folder name): ${ID_HINT}` });
    return null;
  }

  const modules = new Map<string, ModuleFiles>();
  const moduleFiles = (moduleId: string): ModuleFiles => {
    const mf = modules.get(moduleId) ?? {
      dir: `${dir}/${moduleId}`, files: new Map(), captions: new Map(), videos: new Map(), nested: [],
      en: { dir: `${dir}/${moduleId}/en`, files: new Map(), nested: [] },
    };
    modules.set(moduleId, mf);
    return mf;
  };
  let courseText: string | undefined;
  for (const [path, text] of files) {
    const parts = path.split('/');
    if (parts.length === 3) {
      if (parts[2] === 'course.yaml') courseText = text;
      else errors.push({ file: path, line: 1, message: 'unexpected file: a course folder holds course.yaml and module folders only' });
      continue;
    }
    const mf = moduleFiles(parts[2]!);
    if (parts.length === 4) mf.files.set(parts[3]!, text);
    else if (parts.length === 5 && parts[3] === 'media' && CAPTIONS_FILE.test(parts[4]!)) mf.captions.set(parts[4]!, text);
    else if (parts.length === 5 && parts[3] === 'en') mf.en.files.set(parts[4]!, text);
    else if (parts[3] === 'en') mf.en.nested.push(path);
    else mf.nested.push(path);
  }
  for (const [path, meta] of media) {
    const parts = path.split('/');
    if (parts.length === 5 && parts[3] === 'media' && VIDEO_FILE.test(parts[4]!)) moduleFiles(parts[2]!).videos.set(parts[4]!, meta);
    else if (parts.length >= 5 && parts[3] === 'en') moduleFiles(parts[2]!).en.nested.push(path);
    else if (parts.length >= 4) moduleFiles(parts[2]!).nested.push(path);
    else errors.push({ file: path, line: 1, message: 'unexpected file: a course folder holds course.yaml and module folders only' });
  }

  if (courseText === undefined) {
    errors.push({ file: courseFile, line: 1, message: `course "${courseId}" has no course.yaml` });
  }
  const course = courseText === undefined ? null : yamlSource(courseFile, courseText, CourseSource, errors);

  const compiled = new Map<string, SourceModule>();
  for (const moduleId of [...modules.keys()].sort(byCodeUnit)) {
    const mf = modules.get(moduleId)!;
    if (!ID_PATTERN.test(moduleId)) {
      const first = [...mf.files.keys()].sort(byCodeUnit)[0];
      errors.push({ file: first ? `${mf.dir}/${first}` : mf.dir, line: 1, message: `invalid module id "${moduleId}" (the folder name): ${ID_HINT}` });
      continue;
    }
    const m = compileModule(courseId, moduleId, mf, allFiles, errors);
    if (m) compiled.set(moduleId, m);
  }

  if (!course) return null;

  const listed = course.data.modules;
  const seen = new Set<string>();
  listed.forEach((moduleId, i) => {
    if (seen.has(moduleId)) {
      errors.push({ file: courseFile, line: course.lineOf(['modules', i]), message: `duplicate module id "${moduleId}" in modules:` });
      return;
    }
    seen.add(moduleId);
    if (!modules.has(moduleId)) {
      errors.push({ file: courseFile, line: course.lineOf(['modules', i]), message: `module "${moduleId}" is listed but there is no folder ${dir}/${moduleId}/` });
    }
  });
  const listedSet = new Set(listed);
  for (const moduleId of [...modules.keys()].sort(byCodeUnit)) {
    if (listedSet.has(moduleId) || !ID_PATTERN.test(moduleId)) continue;
    const mf = modules.get(moduleId)!;
    const first = mf.files.has('module.yaml') ? 'module.yaml' : [...mf.files.keys()].sort(byCodeUnit)[0];
    errors.push({
      file: first ? `${mf.dir}/${first}` : mf.dir,
      line: 1,
      message: `module folder "${moduleId}" is not listed under modules: in ${courseFile}`,
    });
  }

  const ordered = [...new Set(listed)].flatMap((id) => (compiled.has(id) ? [compiled.get(id)!] : []));
  return { id: courseId, dir, course, modules: ordered };
}

// ------------------------------------------------------------------------------------------------------------- compile

/**
 * Compiles every course under `courses/` in `files` (repository-relative path → text) and `media` (path → size and hash
 * of each video). Never throws on bad content.
 */
export function compileCourses(files: ReadonlyMap<string, string>, media: ReadonlyMap<string, MediaFile> = new Map()): CompileResult {
  const errors: CompileError[] = [];
  const sources = new Map<string, string>();
  for (const [rawPath, text] of files) {
    const path = rawPath.replace(/\\/g, '/');
    if (isCourseSource(path)) sources.set(path, text);
  }
  const mediaSources = new Map<string, MediaFile>();
  for (const [rawPath, meta] of media) {
    const path = rawPath.replace(/\\/g, '/');
    if (isCourseSource(path)) mediaSources.set(path, meta);
  }
  const version = contentVersion(sources, mediaSources);
  const allFiles = new Set(sources.keys());

  const byCourse = new Map<string, Map<string, string>>();
  for (const [path, text] of sources) {
    const courseId = path.split('/')[1]!;
    const m = byCourse.get(courseId) ?? new Map<string, string>();
    byCourse.set(courseId, m);
    m.set(path, normalizeText(text));
  }

  const courses: SourceCourse[] = [];
  const mediaByCourse = new Map<string, Map<string, MediaFile>>();
  for (const [path, meta] of mediaSources) {
    const courseId = path.split('/')[1]!;
    const m = mediaByCourse.get(courseId) ?? new Map<string, MediaFile>();
    mediaByCourse.set(courseId, m);
    m.set(path, meta);
    if (!byCourse.has(courseId)) byCourse.set(courseId, new Map());
  }
  for (const courseId of [...byCourse.keys()].sort(byCodeUnit)) {
    const c = compileCourse(courseId, `courses/${courseId}`, byCourse.get(courseId)!, mediaByCourse.get(courseId) ?? new Map(), allFiles, errors);
    if (c) courses.push(c);
  }

  const local = compileLocalPages(files, media, errors);
  const { publicFiles, server, media: mediaOut } = emitCatalog(courses, version, local, allFiles);
  return { errors: sortErrors(errors), publicFiles, server, version, courses, local, media: mediaOut };
}
