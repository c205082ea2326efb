import { AREAS, type Area } from '../contract/catalog.ts';
import type { MarkdownSource } from './lessons.ts';
import type { SourceMunicipality } from './local-pages.ts';
import { type CompileError, type SourceCourse, type SourceLesson, type SourceModule, type SourceTranslation, sortErrors } from './source-tree.ts';
import type { YamlSource } from './yaml-source.ts';
import { listMarkdownLinks, parseMarkdown } from './markdown.ts';
import { isIsoDate } from './dates.ts';

export { isIsoDate } from './dates.ts';

/**
 * Rules the real curriculum must meet on top of the structural compile (compile.ts): coverage of the four areas,
 * lesson counts and lengths, quizzes, sources, English titles, and no outdated facts presented as current.
 * Pure: they read the compiled sources and return `file:line` errors. Test fixtures with one module can compile without
 * meeting these.
 */

export interface OutdatedPhrase {
  phrase: string;
  /** Why it is refused, shown in the error: what changed and what to write instead. */
  reason: string;
}

/** Phrases that present an ended programme as current. Extend the list as programmes change. */
export const OUTDATED_PHRASES: readonly OutdatedPhrase[] = [
  {
    phrase: '新創業融資制度',
    reason: '日本政策金融公庫の新創業融資制度は2024年3月31日で終了しました。現行は「新規開業・スタートアップ支援資金」です',
  },
  {
    phrase: '自己資金要件',
    reason: '新創業融資制度の自己資金要件は制度とともに2024年3月31日で廃止されました。現行制度に自己資金要件はありません',
  },
];

/** The first line of a blockquote that may describe a past programme. */
export const HISTORY_MARKER = '【過去の制度】';

export interface ContentRuleOptions {
  outdatedPhrases?: readonly OutdatedPhrase[];
  /** Minimum non-whitespace characters of a lesson body (worksheets are exempt). */
  minBodyChars?: number;
  minModulesPerArea?: number;
  minQuestions?: number;
  lessonsPerModule?: { min: number; max: number };
  objectivesPerModule?: { min: number; max: number };
}

const DEFAULTS = {
  outdatedPhrases: OUTDATED_PHRASES,
  minBodyChars: 800,
  minModulesPerArea: 3,
  minQuestions: 5,
  lessonsPerModule: { min: 3, max: 6 },
  objectivesPerModule: { min: 3, max: 5 },
} satisfies Required<ContentRuleOptions>;

export const AREA_NAMES: Record<Area, string> = { management: '経営', finance: '財務', hr: '人材育成', sales: '販路開拓' };

/** Characters of a Markdown body that are not whitespace (counted in code points). */
export function bodyLength(markdown: string): number {
  return [...markdown.replace(/\s/gu, '')].length;
}

export interface PhraseHit {
  /** 0-based line in the text searched. */
  line: number;
  phrase: string;
  reason: string;
}

function lineStarts(text: string, phrase: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length)) {
    out.push(text.slice(0, at).split('\n').length - 1);
  }
  return out;
}

/** Every occurrence of an outdated phrase in plain text (YAML, front matter), by line. */
export function findPhrasesInText(text: string, phrases: readonly OutdatedPhrase[]): PhraseHit[] {
  return phrases.flatMap((p) => lineStarts(text, p.phrase).map((line) => ({ line, phrase: p.phrase, reason: p.reason })));
}

function isHistoryStart(line: string, depth: number, translated: boolean): boolean {
  let rest = line;
  for (let i = 0; i < depth; i++) rest = rest.replace(/^\s*>\s?/, '');
  // An English version keeps the marker, perhaps with its translation (`> 【過去の制度】 Past programme`); a first line
  // that only says "Past programme" in English is accepted too, so a faithful translation is never refused for it.
  return translated ? rest.includes(HISTORY_MARKER) || /\bpast (programme|program|scheme|system)s?\b/i.test(rest) : rest.trim() === HISTORY_MARKER;
}

/**
 * Outdated phrases in Markdown that are not inside a history blockquote (one whose first line is `> 【過去の制度】`,
 * at any depth of nesting above the phrase).
 */
export function findOutdatedInMarkdown(markdown: string, phrases: readonly OutdatedPhrase[], translated = false): PhraseHit[] {
  const lines = markdown.split('\n');
  const quotes: boolean[] = [];
  const hits: PhraseHit[] = [];
  let lastStart = 0;
  for (const t of parseMarkdown(markdown)) {
    if (t.map) lastStart = t.map[0];
    if (t.type === 'blockquote_open') {
      quotes.push(isHistoryStart(lines[lastStart] ?? '', quotes.length + 1, translated));
      continue;
    }
    if (t.type === 'blockquote_close') {
      quotes.pop();
      continue;
    }
    if (!t.content || quotes.includes(true)) continue;
    // A fenced block's content starts on the line after its opening fence.
    const first = lastStart + (t.type === 'fence' ? 1 : 0);
    for (const p of phrases) {
      for (const l of lineStarts(t.content, p.phrase)) hits.push({ line: first + l, phrase: p.phrase, reason: p.reason });
    }
  }
  return hits;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/gu;
const LATIN = /[A-Za-z]/g;

/** English text: present, and mostly Latin letters (a Japanese term in parentheses is fine). */
function looksEnglish(text: string): boolean {
  const latin = text.match(LATIN)?.length ?? 0;
  const japanese = text.match(JAPANESE)?.length ?? 0;
  return text.trim() !== '' && latin > 0 && latin >= japanese;
}

function isHttps(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname !== '';
  } catch {
    return false;
  }
}

type Options = typeof DEFAULTS;

function checkEnglish(src: YamlSource<{ title: { en: string }; summary: { en: string } }>, what: string, out: CompileError[]): void {
  for (const key of ['title', 'summary'] as const) {
    if (!looksEnglish(src.data[key].en)) {
      out.push({ file: src.file, line: src.lineOf([key, 'en']), message: `${what} ${key}.en must be an English ${key}` });
    }
  }
}

function checkYamlPhrases(file: string, text: string, phrases: readonly OutdatedPhrase[], out: CompileError[], firstLine = 1): void {
  for (const hit of findPhrasesInText(text, phrases)) {
    out.push({ file, line: firstLine + hit.line, message: `outdated: "${hit.phrase}" — ${hit.reason}` });
  }
}

type MarkdownPage = Pick<MarkdownSource<unknown>, 'file' | 'body' | 'bodyLine' | 'frontText' | 'frontLine'>;

/** No outdated phrase outside a history blockquote, and external links over https: lessons, translations, local pages. */
function checkMarkdownPage(l: MarkdownPage, o: Options, out: CompileError[], translated = false): void {
  checkYamlPhrases(l.file, l.frontText, o.outdatedPhrases, out, l.frontLine);
  for (const hit of findOutdatedInMarkdown(l.body, o.outdatedPhrases, translated)) {
    out.push({
      file: l.file,
      line: l.bodyLine + hit.line,
      message: `outdated: "${hit.phrase}" — ${hit.reason}. Mention it only inside a blockquote whose first line is "> ${HISTORY_MARKER}"`,
    });
  }
  for (const link of listMarkdownLinks(l.body)) {
    if (/^http:/i.test(link.href)) {
      out.push({ file: l.file, line: l.bodyLine + link.line, message: `link "${link.href}": external links must use https://` });
    }
  }
}

function checkLesson(l: SourceLesson, o: Options, out: CompileError[]): void {
  const length = bodyLength(l.body);
  if (l.front.kind !== 'worksheet' && length < o.minBodyChars) {
    out.push({
      file: l.file,
      line: l.bodyLine,
      message: `lesson body has ${length} non-whitespace characters; at least ${o.minBodyChars} are needed (only "kind: worksheet" lessons are exempt)`,
    });
  }
  checkMarkdownPage(l, o, out);
}

/**
 * An English version: its titles and objectives are English, and it meets the lesson rules except the length (a
 * translation's length follows its source, whose structure the compiler already compared).
 */
function checkTranslation(t: SourceTranslation, o: Options, out: CompileError[]): void {
  t.module.data.objectives.forEach((text, i) => {
    if (!looksEnglish(text)) out.push({ file: t.module.file, line: t.module.lineOf(['objectives', i]), message: `objective ${i + 1} must be written in English` });
  });
  checkYamlPhrases(t.module.file, t.module.text, o.outdatedPhrases, out);
  if (t.quiz) checkYamlPhrases(t.quiz.file, t.quiz.text, o.outdatedPhrases, out);
  for (const l of t.lessons) {
    if (!looksEnglish(l.front.title)) out.push({ file: l.file, line: l.lineOf(['title']), message: 'title must be the English title of the lesson' });
    checkMarkdownPage(l, o, out, true);
  }
}

/** Municipalities' pages: no outdated phrase presented as current, English titles where translated. */
export function checkLocalPageRules(municipalities: readonly SourceMunicipality[], options: ContentRuleOptions = {}): CompileError[] {
  const o: Options = { ...DEFAULTS, ...options };
  const out: CompileError[] = [];
  for (const m of municipalities) {
    for (const p of m.pages) {
      checkMarkdownPage(p, o, out);
      if (p.en) {
        if (!looksEnglish(p.en.front.title)) out.push({ file: p.en.file, line: p.en.lineOf(['title']), message: 'title must be the English title of the page' });
        checkMarkdownPage(p.en, o, out, true);
      }
    }
  }
  return sortErrors(out);
}

function checkModule(m: SourceModule, o: Options, out: CompileError[]): void {
  const src = m.module;
  const data = src.data;
  checkEnglish(src, 'module', out);

  const n = m.lessons.length;
  if (n < o.lessonsPerModule.min || n > o.lessonsPerModule.max) {
    out.push({ file: src.file, line: 1, message: `module has ${n} lessons; a module needs ${o.lessonsPerModule.min}–${o.lessonsPerModule.max}` });
  }

  const objectives = data.objectives.length;
  if (objectives < o.objectivesPerModule.min || objectives > o.objectivesPerModule.max) {
    out.push({
      file: src.file,
      line: src.lineOf(['objectives']),
      message: `module has ${objectives} objectives; list ${o.objectivesPerModule.min}–${o.objectivesPerModule.max}`,
    });
  }

  if (data.sources.length === 0) {
    out.push({ file: src.file, line: src.lineOf(['sources']), message: 'module needs at least one source (title, https url, checked: YYYY-MM-DD)' });
  }
  data.sources.forEach((s, i) => {
    if (!isHttps(s.url)) out.push({ file: src.file, line: src.lineOf(['sources', i, 'url']), message: `source url "${s.url}" must be a full https:// URL` });
    if (!isIsoDate(s.checked)) {
      out.push({ file: src.file, line: src.lineOf(['sources', i, 'checked']), message: `source checked date "${s.checked}" must be a real date written YYYY-MM-DD` });
    }
  });
  checkYamlPhrases(src.file, src.text, o.outdatedPhrases, out);

  const quiz = m.quiz;
  if (!quiz) {
    out.push({ file: src.file, line: 1, message: `module has no quiz.yaml; every module needs a quiz with at least ${o.minQuestions} questions` });
  } else {
    const questions = quiz.data.questions;
    if (questions.length < o.minQuestions) {
      out.push({ file: quiz.file, line: quiz.lineOf(['questions']), message: `quiz has ${questions.length} questions; at least ${o.minQuestions} are needed` });
    }
    questions.forEach((q, i) => {
      if (q.explanation.trim() === '') {
        out.push({ file: quiz.file, line: quiz.lineOf(['questions', i, 'explanation']), message: `question "${q.id}" needs an explanation (shown after answering)` });
      }
      const correct = q.choices.filter((c) => c.correct === true).length;
      if (q.type === 'single' ? correct !== 1 : correct < 1) {
        out.push({ file: quiz.file, line: quiz.lineOf(['questions', i, 'choices']), message: `question "${q.id}" has no valid answer key` });
      }
    });
    checkYamlPhrases(quiz.file, quiz.text, o.outdatedPhrases, out);
  }

  for (const l of m.lessons) checkLesson(l, o, out);
  if (m.translation) checkTranslation(m.translation, o, out);
}

/** Checks compiled courses against the curriculum's content rules. Returns errors sorted by file and line. */
export function checkContentRules(courses: readonly SourceCourse[], options: ContentRuleOptions = {}): CompileError[] {
  const o: Options = { ...DEFAULTS, ...options };
  const out: CompileError[] = [];
  for (const c of courses) {
    checkEnglish(c.course, 'course', out);
    checkYamlPhrases(c.course.file, c.course.text, o.outdatedPhrases, out);
    for (const area of AREAS) {
      const count = c.modules.filter((m) => m.module.data.areas.includes(area)).length;
      if (count < o.minModulesPerArea) {
        out.push({
          file: c.course.file,
          line: c.course.lineOf(['modules']),
          message: `area "${area}" (${AREA_NAMES[area]}) has ${count} module${count === 1 ? '' : 's'}; each area needs at least ${o.minModulesPerArea}`,
        });
      }
    }
    for (const m of c.modules) checkModule(m, o, out);
  }
  return sortErrors(out);
}
