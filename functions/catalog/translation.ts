import type { Video } from '../contract/catalog.ts';
import { checkLessonLinks, parseMarkdownSource, type MarkdownSource } from './lessons.ts';
import { markdownOutline } from './markdown.ts';
import { ID_PATTERN, LessonFrontMatter, TranslationModule, TranslationQuiz, type QuizSource } from './source-schema.ts';
import { byCodeUnit, type CompileError, type SourceLesson, type SourceModule, type SourceTranslation } from './source-tree.ts';
import { yamlSource, type YamlSource } from './yaml-source.ts';

/**
 * English versions (a module's en/ folder) checked against their Japanese source. A translation is complete or absent,
 * and it keeps what the platform and the founder rely on: the lessons (file names), their minutes, video and kind, the
 * `##`/`###` headings in order and the tables of each lesson, the number of objectives, and the quiz's question ids,
 * types, choice ids and answer keys — so grading never depends on the language. Every difference is a `file:line` error.
 */

/** The files of one en/ folder: file name → text, and any path deeper than it. */
export interface TranslationFiles {
  /** `courses/<course>/<module>/en` */
  dir: string;
  files: Map<string, string>;
  nested: string[];
}

const WHOLE = 'a module\'s English version is complete (en/module.yaml, one en/<lesson>.md per lesson, en/quiz.yaml when the module has a quiz) or absent';

/** Compares two Markdown bodies' headings and tables; reports the first heading that differs and any table count. */
export function compareOutline(
  source: Pick<MarkdownSource<unknown>, 'file' | 'body' | 'bodyLine'>,
  translation: Pick<MarkdownSource<unknown>, 'file' | 'body' | 'bodyLine'>,
  errors: CompileError[],
  what = 'lesson',
): void {
  const src = markdownOutline(source.body);
  const tr = markdownOutline(translation.body);
  const at = (line: number) => translation.bodyLine + line;
  const srcAt = (line: number) => `${source.file}:${source.bodyLine + line}`;
  const show = (h: { level: number; text: string }) => `"${'#'.repeat(h.level)} ${h.text}"`;
  for (let i = 0; i < Math.max(src.headings.length, tr.headings.length); i++) {
    const s = src.headings[i];
    const t = tr.headings[i];
    if (s && t && s.level === t.level) continue;
    if (s && t) {
      errors.push({ file: translation.file, line: at(t.line), message: `heading ${i + 1} is ${show(t)} but heading ${i + 1} of the Japanese ${what} is ${show(s)} (${srcAt(s.line)}); keep the same ## and ### headings in the same order` });
    } else if (s) {
      const last = tr.headings[tr.headings.length - 1];
      errors.push({ file: translation.file, line: last ? at(last.line) : translation.bodyLine, message: `the Japanese ${what} has ${src.headings.length} headings and this one ${tr.headings.length}: heading ${i + 1} ${show(s)} (${srcAt(s.line)}) has no English heading` });
    } else if (t) {
      errors.push({ file: translation.file, line: at(t.line), message: `heading ${i + 1} ${show(t)} has no counterpart in the Japanese ${what} (${source.file} has ${src.headings.length} headings)` });
    }
    break;
  }
  if (src.tables.length !== tr.tables.length) {
    const extra = tr.tables[src.tables.length];
    errors.push({
      file: translation.file,
      line: extra !== undefined ? at(extra) : translation.bodyLine,
      message: `${tr.tables.length} table${tr.tables.length === 1 ? '' : 's'} here and ${src.tables.length} in the Japanese ${what} (${source.file}); translate every table and add none`,
    });
  }
}

/** `../media/x` (relative to en/) and `media/x` (as in the source) name the same file. */
function sameMedia(src: string): string {
  return src.startsWith('../media/') ? src.slice('../'.length) : src;
}

function normalizedVideo(v: Video | undefined): string {
  return v ? JSON.stringify({ url: sameMedia(v.url), captions: v.captions.map((c) => ({ ...c, src: sameMedia(c.src) })) }) : '';
}

function compareLesson(source: SourceLesson, en: SourceLesson, errors: CompileError[]): void {
  const s = source.front;
  const t = en.front;
  if (s.minutes !== t.minutes) {
    errors.push({ file: en.file, line: en.lineOf(['minutes']), message: `minutes: ${t.minutes} here and ${s.minutes} in the Japanese lesson (${source.file}); a translation keeps the same minutes` });
  }
  if (s.kind !== t.kind) {
    errors.push({ file: en.file, line: t.kind ? en.lineOf(['kind']) : en.frontLine, message: `kind: ${t.kind ?? '(none)'} here and ${s.kind ?? '(none)'} in the Japanese lesson; copy the source's front matter keys unchanged` });
  }
  if (normalizedVideo(s.video) !== normalizedVideo(t.video)) {
    errors.push({
      file: en.file,
      line: t.video ? en.lineOf(['video']) : en.frontLine,
      message: s.video
        ? `video: copy the Japanese lesson's video: block unchanged (${source.file}:${source.lineOf(['video'])}); the English captions track is named there`
        : 'video: the Japanese lesson has no video; a translation adds none',
    });
  }
  compareOutline(source, en, errors);
}

function compareQuiz(source: YamlSource<QuizSource>, en: YamlSource<TranslationQuiz>, errors: CompileError[]): void {
  const s = source.data.questions;
  const t = en.data.questions;
  const firstDiff = Array.from({ length: Math.max(s.length, t.length) }, (_, i) => i).find((i) => s[i]?.id !== t[i]?.id);
  if (firstDiff !== undefined) {
    const sq = s[firstDiff];
    const tq = t[firstDiff];
    errors.push({
      file: en.file,
      line: tq ? en.lineOf(['questions', firstDiff, 'id']) : en.lineOf(['questions']),
      message: tq && sq
        ? `question ${firstDiff + 1} is "${tq.id}" but the Japanese quiz has "${sq.id}" there (${source.file}:${source.lineOf(['questions', firstDiff, 'id'])}); keep the same question ids in the same order`
        : tq
          ? `question "${tq.id}" is not in the Japanese quiz (${source.file} has ${s.length} questions)`
          : `question "${sq!.id}" (${source.file}:${source.lineOf(['questions', firstDiff, 'id'])}) is not translated: ${WHOLE}`,
    });
    return;
  }
  s.forEach((sq, i) => {
    const tq = t[i]!;
    const at = (...path: PropertyKey[]) => en.lineOf(['questions', i, ...path]);
    if (sq.type !== tq.type) {
      errors.push({ file: en.file, line: at('type'), message: `question "${sq.id}" is type ${tq.type} here and ${sq.type} in the Japanese quiz; keep the type` });
    }
    const ids = (q: typeof sq) => q.choices.map((c) => c.id).join(', ');
    if (ids(sq) !== ids(tq)) {
      errors.push({ file: en.file, line: at('choices'), message: `question "${sq.id}" has choices ${ids(tq)} here and ${ids(sq)} in the Japanese quiz; keep the same choice ids in the same order` });
      return;
    }
    sq.choices.forEach((sc, j) => {
      const tc = tq.choices[j]!;
      if ((sc.correct === true) !== (tc.correct === true)) {
        errors.push({
          file: en.file,
          line: at('choices', j),
          message: `choice "${sc.id}" of question "${sq.id}" is ${tc.correct === true ? '' : 'not '}marked correct: true here but ${sc.correct === true ? 'is' : 'is not'} in the Japanese quiz; the answers are the same in every language`,
        });
      }
    });
  });
}

/**
 * Checks a module's en/ folder against the compiled Japanese module and returns the English version, or null (with
 * errors) when it is partial or differs from its source.
 */
export function compileTranslation(
  source: SourceModule,
  tf: TranslationFiles,
  place: { courseId: string; moduleId: string },
  allFiles: ReadonlySet<string>,
  errors: CompileError[],
): SourceTranslation | null {
  const before = errors.length;
  for (const p of tf.nested) {
    errors.push({ file: p, line: 1, message: 'unexpected file: en/ holds module.yaml, quiz.yaml and one .md per lesson (videos and captions stay in the module\'s media/ folder)' });
  }

  const moduleFile = `${tf.dir}/module.yaml`;
  const moduleText = tf.files.get('module.yaml');
  if (moduleText === undefined) errors.push({ file: moduleFile, line: 1, message: `partial translation: there is no en/module.yaml; ${WHOLE}` });
  const module = moduleText === undefined ? null : yamlSource(moduleFile, moduleText, TranslationModule, errors);
  if (module) {
    const n = source.module.data.objectives.length;
    const m = module.data.objectives.length;
    if (m !== n) {
      errors.push({ file: moduleFile, line: module.lineOf(['objectives']), message: `${m} objective${m === 1 ? '' : 's'} here and ${n} in ${source.module.file}; translate each objective, in the same order` });
    }
  }

  const quizFile = `${tf.dir}/quiz.yaml`;
  const quizText = tf.files.get('quiz.yaml');
  let quiz: YamlSource<TranslationQuiz> | null = null;
  if (quizText === undefined) {
    if (source.quiz) errors.push({ file: quizFile, line: 1, message: `partial translation: there is no en/quiz.yaml; ${WHOLE}` });
  } else if (!source.quiz) {
    errors.push({ file: quizFile, line: 1, message: `the module has no Japanese quiz.yaml to translate; remove en/quiz.yaml` });
  } else {
    quiz = yamlSource(quizFile, quizText, TranslationQuiz, errors);
    if (quiz) compareQuiz(source.quiz, quiz, errors);
  }

  const lessons: SourceLesson[] = [];
  const sourceIds = new Set(source.lessons.map((l) => l.id));
  for (const name of [...tf.files.keys()].sort(byCodeUnit)) {
    if (name === 'module.yaml' || name === 'quiz.yaml') continue;
    const file = `${tf.dir}/${name}`;
    const id = name.endsWith('.md') ? name.slice(0, -'.md'.length) : '';
    if (!id) errors.push({ file, line: 1, message: 'unexpected file: en/ holds module.yaml, quiz.yaml and one .md per lesson' });
    else if (!sourceIds.has(id) || !ID_PATTERN.test(id)) {
      errors.push({ file, line: 1, message: `there is no Japanese lesson ${source.dir}/${name}: an English lesson has the file name of the lesson it translates` });
    }
  }
  for (const s of source.lessons) {
    const file = `${tf.dir}/${s.id}.md`;
    const text = tf.files.get(`${s.id}.md`);
    if (text === undefined) {
      errors.push({ file, line: 1, message: `partial translation: lesson "${s.id}" has no English version; ${WHOLE}` });
      continue;
    }
    const parsed = parseMarkdownSource(file, text, LessonFrontMatter, errors);
    if (!parsed) continue;
    const en: SourceLesson = { id: s.id, ...parsed, ...(s.video ? { video: s.video } : {}) };
    checkLessonLinks(en, { ...place, translation: true }, allFiles, errors);
    compareLesson(s, en, errors);
    lessons.push(en);
  }

  if (errors.length > before || !module) return null;
  return { dir: tf.dir, module, lessons, quiz };
}
