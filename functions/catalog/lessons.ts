import type { z } from 'zod';
import { isRelativeHref, lessonPathCandidates, listMarkdownLinks, type LessonPlace } from './markdown.ts';
import type { CompileError } from './source-tree.ts';
import { parseYaml, type Path } from './yaml-source.ts';

/**
 * Markdown files with YAML front matter (lessons, their English versions, municipalities' local pages): split, parse the
 * front matter at its lines, and check relative links against the lesson files there are.
 */

/** A Markdown file split into its front matter (parsed) and body, with the lines each starts on. */
export interface MarkdownSource<F> {
  file: string;
  front: F;
  /** 1-based line in `file` of `key` in the front matter. */
  lineOf(path: Path): number;
  /** The front matter text (between the `---` lines) and the line its first line is on. */
  frontText: string;
  frontLine: number;
  /** The Markdown after the front matter and the 1-based line its first line is on. */
  body: string;
  bodyLine: number;
}

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

/** Parses a Markdown file with front matter validated by `schema`; reports problems and returns null when invalid. */
export function parseMarkdownSource<S extends z.ZodType>(file: string, text: string, schema: S, errors: CompileError[], keys = 'title, minutes'): MarkdownSource<z.output<S>> | null {
  const split = splitFrontMatter(text);
  if (!split) {
    errors.push({ file, line: 1, message: `a lesson starts with front matter: a line "---", YAML (${keys}), and another "---"` });
    return null;
  }
  const parsed = parseYaml(file, split.frontText, schema, errors, split.frontLine - 1);
  return parsed ? { file, front: parsed.data, lineOf: parsed.lineOf, ...split } : null;
}

/**
 * Relative links must name a lesson's .md file that exists; images must be https URLs. An English lesson's link may be
 * read against the module folder or its en/ folder (see LessonPlace); it is broken when neither names a lesson.
 */
export function checkLessonLinks(lesson: Pick<MarkdownSource<unknown>, 'file' | 'body' | 'bodyLine'>, place: LessonPlace, files: ReadonlySet<string>, errors: CompileError[]): void {
  for (const link of listMarkdownLinks(lesson.body)) {
    if (!isRelativeHref(link.href)) continue;
    const line = lesson.bodyLine + link.line;
    if (link.kind === 'image') {
      errors.push({ file: lesson.file, line, message: `image "${link.href}": images must be full https URLs (no files are published beside lessons)` });
      continue;
    }
    const candidates = lessonPathCandidates(link.href, place);
    const first = candidates[0];
    if (!first || !candidates.some((c) => c.path.endsWith('.md'))) {
      errors.push({ file: lesson.file, line, message: `link "${link.href}": a relative link must point to a lesson's .md file; use a full https URL for other pages` });
    } else if (!candidates.some((c) => isLessonFile(c.path, files))) {
      errors.push({ file: lesson.file, line, message: `broken link "${link.href}": no lesson file ${first.path}` });
    }
  }
}

/** A lesson file of a course: `courses/<course>/<module>/<lesson>.md` among the sources. */
export function isLessonFile(path: string, files: ReadonlySet<string>): boolean {
  return files.has(path) && path.split('/').length === 4 && !path.startsWith('courses/local/');
}
