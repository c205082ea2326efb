import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
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
  Video,
} from '../contract/catalog.ts';
import { isRelativeHref, listMarkdownLinks, renderLessonMarkdown, resolveRelativeHref } from './markdown.ts';
import {
  CourseSource,
  ID_PATTERN,
  LessonFrontMatter,
  ModuleSource,
  QuizSource,
} from './source-schema.ts';

/**
 * courses/ → public JSON for the browser + a server catalog with answer keys. Pure: the caller reads the files (a map of
 * repository-relative path → text) and writes the results. Every problem found is reported, each with file and line.
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

type Path = readonly PropertyKey[];

/** A parsed YAML source with a way back from a data path to the line of its key. */
export interface YamlSource<T> {
  file: string;
  /** The file's text (line endings normalized to \n). */
  text: string;
  data: T;
  /** 1-based line in `file` of the key at `path` (or of the nearest enclosing key that exists). */
  lineOf(path: Path): number;
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

export type PublicFile = PublicIndex | PublicCourse | PublicLesson | PublicQuiz;

export interface CompileResult {
  errors: CompileError[];
  /** Path under dist/content/ → JSON value: `index.json`, `<course>/course.json`, `<course>/<module>/<lesson>.json`, `<course>/<module>/quiz.json`. */
  publicFiles: Map<string, PublicFile>;
  server: ServerCatalog;
  version: string;
  /** The parsed sources with line lookups, for content-rules.ts. */
  courses: SourceCourse[];
  /** Path under dist/content/ → repository path of a lesson's video or captions file, copied as it is. */
  media: Map<string, string>;
}

/** A binary file under a module's media/ folder (a video): the compiler needs its size and hash, not its bytes. */
export interface MediaFile {
  bytes: number;
  sha256: string;
}

/** Videos kept in the repository stay small; longer ones are hosted elsewhere and named by an https URL. */
export const MAX_VIDEO_BYTES = 10 * 1024 * 1024;
const VIDEO_FILE = /^[a-z0-9][a-z0-9._-]*\.(webm|mp4)$/;
const CAPTIONS_FILE = /^[a-z0-9][a-z0-9._-]*\.vtt$/;
const LANG_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const VTT_CUE_TIMING = /^(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}\s+-->\s+(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}(?:\s|$)/;

const ID_HINT = 'use 1–64 lowercase letters, digits and hyphens, starting with a letter or digit';
const LESSON_FILE = /^\d{2}-/;

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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

/** Files under `courses/<course>/` are course sources; `courses/README.md` and anything outside courses/ are not. */
export function isCourseSource(path: string): boolean {
  const parts = path.split('/');
  return parts[0] === 'courses' && parts.length >= 3 && !parts.some((p) => p.startsWith('.'));
}

// ---------------------------------------------------------------------------------------------------------------- YAML

function pathLabel(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? String(seg) : `.${String(seg)}`;
  return out;
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** Offset of the key at `path`, or of the deepest enclosing key that exists (0 for the document itself). */
function offsetOf(doc: Document, path: Path): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) return offset;
      offset = (isScalar(pair.key) && pair.key.range ? pair.key.range[0] : offset);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number, number, number] } | undefined;
      if (!item) return offset;
      offset = item.range ? item.range[0] : offset;
      node = item;
    } else return offset;
  }
  return offset;
}

/** The YAML node at `path`, if every step exists. */
function nodeAt(doc: Document, path: Path): unknown {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(node)) node = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

const FLOW_COMMA_HINT = 'inside { … } a comma separates entries, so quote text that contains a comma, e.g. text: "3,000円"';

function issueMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const label = pathLabel(issue.path);
  if (issue.code === 'invalid_type' && issue.path.length > 0) {
    const value = valueAt(data, issue.path);
    if (value === undefined) return `missing required key "${label}"`;
    if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean' || value === null)) {
      return `${label}: expected text but YAML read ${value === null ? 'an empty value' : `the ${typeof value} ${String(value)}`}; put the text in quotes`;
    }
  }
  return label ? `${label}: ${issue.message}` : issue.message;
}

/**
 * Parses YAML `text` and validates it with `schema`, adding every problem to `errors`. `lineOffset` shifts lines when
 * the YAML is embedded (front matter starts on line 2). Returns null when the file is not valid.
 */
function parseYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  errors: CompileError[],
  lineOffset = 0,
): { data: z.output<S>; lineOf(path: Path): number } | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      errors.push({ file, line: lineAt(e.pos[0]), message: `YAML syntax: ${e.message.split('\n')[0]}` });
    }
    return null;
  }
  const raw: unknown = doc.toJS();
  const lineOf = (path: Path) => lineAt(offsetOf(doc, path));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const parent = nodeAt(doc, issue.path);
        const hint = isMap(parent) && parent.flow ? ` (${FLOW_COMMA_HINT})` : '';
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          errors.push({ file, line: lineOf(path), message: `unknown key "${pathLabel(path)}"${hint}` });
        }
      } else {
        errors.push({ file, line: lineOf(issue.path), message: issueMessage(issue, raw) });
      }
    }
    return null;
  }
  return { data: parsed.data, lineOf };
}

function yamlSource<S extends z.ZodType>(file: string, text: string, schema: S, errors: CompileError[]): YamlSource<z.output<S>> | null {
  const parsed = parseYaml(file, text, schema, errors);
  return parsed ? { file, text, data: parsed.data, lineOf: parsed.lineOf } : null;
}

// ------------------------------------------------------------------------------------------------------------- lessons

/** Splits a lesson into the YAML between its leading `---` lines and the Markdown body, keeping line numbers. */
export function splitFrontMatter(text: string): { frontText: string; frontLine: number; body: string; bodyLine: number } | null {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return null;
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---');
  if (close < 0) return null;
  return {
    frontText: lines.slice(1, close).join('\n'),
    frontLine: 2,
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}

function parseLesson(file: string, id: string, text: string, errors: CompileError[]): SourceLesson | null {
  const split = splitFrontMatter(text);
  if (!split) {
    errors.push({ file, line: 1, message: 'a lesson starts with front matter: a line "---", YAML (title, minutes), and another "---"' });
    return null;
  }
  const parsed = parseYaml(file, split.frontText, LessonFrontMatter, errors, split.frontLine - 1);
  return parsed ? { id, file, front: parsed.data, lineOf: parsed.lineOf, ...split } : null;
}

function checkLessonLinks(lesson: SourceLesson, place: { courseId: string; moduleId: string }, files: ReadonlySet<string>, errors: CompileError[]): void {
  for (const link of listMarkdownLinks(lesson.body)) {
    if (!isRelativeHref(link.href)) continue;
    const line = lesson.bodyLine + link.line;
    if (link.kind === 'image') {
      errors.push({ file: lesson.file, line, message: `image "${link.href}": images must be full https URLs (no files are published beside lessons)` });
      continue;
    }
    const resolved = resolveRelativeHref(link.href, place);
    if (!resolved || !resolved.path.endsWith('.md')) {
      errors.push({ file: lesson.file, line, message: `link "${link.href}": a relative link must point to a lesson's .md file; use a full https URL for other pages` });
    } else if (!files.has(resolved.path) || resolved.path.split('/').length !== 4) {
      errors.push({ file: lesson.file, line, message: `broken link "${link.href}": no lesson file ${resolved.path}` });
    }
  }
}

// ------------------------------------------------------------------------------------------------------------- compile

interface ModuleFiles {
  dir: string;
  files: Map<string, string>; // file name → text
  /** The module's media/ folder: captions (file name → text) and videos (file name → size and hash). */
  captions: Map<string, string>;
  videos: Map<string, MediaFile>;
  nested: string[]; // any other path deeper than the module folder
}

/** `media/<name>` → `<name>`; anything else (a path, a folder, another place) → null. */
function mediaName(src: string): string | null {
  const name = src.startsWith('media/') ? src.slice('media/'.length) : '';
  return name && !name.includes('/') ? name : null;
}

/** Where WebVTT text breaks the format, as a 1-based line and a message; null when it is a usable captions file. */
export function webVttProblem(text: string): { line: number; message: string } | null {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) return { line: 1, message: 'a WebVTT captions file starts with the line "WEBVTT"' };
  let cues = 0;
  for (const [i, line] of lines.entries()) {
    if (!line.includes('-->')) continue;
    if (!VTT_CUE_TIMING.test(line)) return { line: i + 1, message: `cue timing "${line.trim()}": write it as 00:00:01.000 --> 00:00:04.000` };
    const text = lines[i + 1]?.trim() ?? '';
    if (!text) return { line: i + 1, message: 'a cue needs its caption text on the line after its timing' };
    cues++;
  }
  return cues === 0 ? { line: 1, message: 'no captions: add cues such as "00:00:00.000 --> 00:00:04.000" followed by the text' } : null;
}

/**
 * Checks a lesson's `video:` against its module's media/ folder and resolves file names to the URLs the browser uses.
 * A video is a file in media/ or a full https URL; captions are WebVTT files in media/, so the check can read them, and
 * a Japanese track is required (the curriculum is Japanese; JIS X 8341-3 asks captions of recorded video).
 */
function checkVideo(lesson: SourceLesson, place: { courseId: string; moduleId: string }, mf: ModuleFiles, used: Set<string>, errors: CompileError[]): Video | undefined {
  const v = lesson.front.video;
  if (!v) return undefined;
  const base = `/content/${place.courseId}/${place.moduleId}/media/`;
  let ok = true;
  const fail = (path: Path, message: string, file = lesson.file, line = lesson.lineOf(['video', ...path])) => {
    errors.push({ file, line, message });
    ok = false;
  };

  let url = v.url;
  if (v.url.startsWith('https://')) {
    if (!URL.canParse(v.url)) fail(['url'], `video url "${v.url}" is not a valid URL`);
  } else {
    const name = mediaName(v.url);
    const meta = name ? mf.videos.get(name) : undefined;
    if (!name || !VIDEO_FILE.test(name)) fail(['url'], `video url "${v.url}": name a file in this module's media/ folder (media/<name>.webm or .mp4) or give a full https URL`);
    else if (!meta) fail(['url'], `video "${v.url}": there is no file ${mf.dir}/media/${name}`);
    else {
      used.add(name);
      if (meta.bytes > MAX_VIDEO_BYTES) fail(['url'], `video "${v.url}" is ${(meta.bytes / 1048576).toFixed(1)} MB: keep videos in the repository under ${MAX_VIDEO_BYTES / 1048576} MB, or host it elsewhere and give its https URL`);
      else url = base + name;
    }
  }

  const langs = new Set<string>();
  const captions = v.captions.map((c, i) => {
    const name = mediaName(c.src);
    const text = name ? mf.captions.get(name) : undefined;
    if (!name || !CAPTIONS_FILE.test(name)) fail(['captions', i, 'src'], `captions "${c.src}": name a WebVTT file in this module's media/ folder (media/<name>.vtt)`);
    else if (text === undefined) fail(['captions', i, 'src'], `captions "${c.src}": there is no file ${mf.dir}/media/${name}`);
    else {
      used.add(name);
      const problem = webVttProblem(text);
      if (problem) fail([], problem.message, `${mf.dir}/media/${name}`, problem.line);
    }
    if (!LANG_TAG.test(c.lang)) fail(['captions', i, 'lang'], `captions lang "${c.lang}": use a language tag such as ja or en`);
    else if (langs.has(c.lang)) fail(['captions', i, 'lang'], `two captions tracks in "${c.lang}"`);
    langs.add(c.lang);
    if (!c.label.trim()) fail(['captions', i, 'label'], 'captions label: name the track as the player lists it, e.g. 日本語');
    return { src: name ? base + name : c.src, lang: c.lang, label: c.label.trim() };
  });
  if (!langs.has('ja')) fail(['captions'], 'a video needs Japanese captions: add a track with lang: ja');
  return ok ? { url, captions } : undefined;
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
      : 'unexpected file: a module folder holds only module.yaml, quiz.yaml, lesson .md files and a media/ folder for videos' });
  }

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
    const lesson = parseLesson(file, id, mf.files.get(name)!, errors);
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
  return { id: moduleId, dir: mf.dir, module, lessons, quiz, media: [...usedMedia].sort(byCodeUnit) };
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
    const mf = modules.get(moduleId) ?? { dir: `${dir}/${moduleId}`, files: new Map(), captions: new Map(), videos: new Map(), nested: [] };
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
    else mf.nested.push(path);
  }
  for (const [path, meta] of media) {
    const parts = path.split('/');
    if (parts.length === 5 && parts[3] === 'media' && VIDEO_FILE.test(parts[4]!)) moduleFiles(parts[2]!).videos.set(parts[4]!, meta);
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

// -------------------------------------------------------------------------------------------------------------- output

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

  const publicFiles = new Map<string, PublicFile>();
  const mediaOut = new Map<string, string>();
  const serverCourses = courses.map((c) => emitCourse(c, version, publicFiles, mediaOut));
  const index: PublicIndex = {
    version,
    courses: courses.map((c) => ({ id: c.id, title: c.course.data.title, summary: c.course.data.summary, version })),
  };
  publicFiles.set('index.json', index);

  return { errors: sortErrors(errors), publicFiles, server: { version, courses: serverCourses }, version, courses, media: mediaOut };
}

export function sortErrors(errors: readonly CompileError[]): CompileError[] {
  return [...errors].sort((a, b) => byCodeUnit(a.file, b.file) || a.line - b.line);
}
