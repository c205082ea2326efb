import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Renderer, Token } from 'markdown-it';
import { ID_PATTERN } from './source-schema.ts';

/**
 * Lesson Markdown → HTML for the browser. Raw HTML is off (markdown-it escapes it), so no tag or event handler written
 * in a lesson reaches the page; markdown-it's own validateLink stays in place and drops javascript:, vbscript:, file:
 * and non-image data: URLs. Relative links to other lessons' .md files become app routes.
 */

/**
 * Where a lesson lives: its links resolve against `courses/<courseId>/<moduleId>/`. An English lesson (in the module's
 * en/ folder) keeps the links of its Japanese source, so they resolve against the module folder too; a link written
 * relative to the en/ folder itself (`../../m06-x/01-y.md`, `../en/01-y.md`) is accepted as well, and a link to an
 * English file names the lesson it translates.
 */
export interface LessonPlace {
  courseId: string;
  moduleId: string;
  translation?: boolean;
}

export interface LessonTarget {
  courseId: string;
  moduleId: string;
  lessonId: string;
  /** The `#fragment` of the link, including `#`, or ''. */
  hash: string;
}

export interface MarkdownLink {
  kind: 'link' | 'image';
  href: string;
  /** 0-based line within the Markdown text. */
  line: number;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EXTERNAL = /^https?:\/\//i;

/** A link with no scheme that is not site-absolute or a same-page anchor, e.g. `../m06-x/01-y.md#z`. */
export function isRelativeHref(href: string): boolean {
  return href !== '' && !SCHEME.test(href) && !href.startsWith('/') && !href.startsWith('#');
}

/** Splits `a/b.md?x#y` into path and suffixes. */
function splitHref(href: string): { path: string; hash: string } {
  const hashAt = href.indexOf('#');
  const hash = hashAt >= 0 ? href.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = beforeHash.indexOf('?');
  return { path: queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash, hash };
}

/** POSIX join + normalize, for repository-relative paths. Returns null when `..` climbs above the root. */
export function joinPath(dir: string, relative: string): string | null {
  const out: string[] = [];
  for (const part of [...dir.split('/'), ...relative.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** Resolves a relative href against a lesson's folder to a repository path (`courses/…`) plus its fragment. */
export function resolveRelativeHref(href: string, from: LessonPlace): { path: string; hash: string } | null {
  const { path, hash } = splitHref(href);
  let decoded: string;
  try {
    decoded = decodeURI(path);
  } catch {
    return null;
  }
  const resolved = joinPath(`courses/${from.courseId}/${from.moduleId}`, decoded);
  return resolved === null ? null : { path: resolved, hash };
}

/** `courses/<c>/<m>/en/<l>.md` → `courses/<c>/<m>/<l>.md`: an English lesson stands for the lesson it translates. */
function sourceOfTranslation(path: string): string {
  return path.replace(/^(courses\/[^/]+\/[^/]+)\/en\/([^/]+\.md)$/, '$1/$2');
}

/**
 * The repository paths a relative href may mean, in order of preference: against the module folder, and for an English
 * lesson also against its en/ folder, with links to English files taken as links to their Japanese lessons.
 */
export function lessonPathCandidates(href: string, from: LessonPlace): Array<{ path: string; hash: string }> {
  if (!isRelativeHref(href)) return [];
  const first = resolveRelativeHref(href, from);
  if (!from.translation) return first ? [first] : [];
  const second = resolveRelativeHref(href, { ...from, moduleId: `${from.moduleId}/en` });
  return [first, second].flatMap((r) => (r ? [{ path: sourceOfTranslation(r.path), hash: r.hash }] : []));
}

const LESSON_PATH = /^courses\/([^/]+)\/([^/]+)\/([^/]+)\.md$/;

/**
 * The lesson a relative `.md` link points at, or null when the href is not a relative link to a lesson file. `exists`
 * (a lesson file's repository path → whether it is there) chooses between an English lesson's two readings.
 */
export function lessonTarget(href: string, from: LessonPlace, exists?: (path: string) => boolean): LessonTarget | null {
  for (const r of lessonPathCandidates(href, from)) {
    const m = LESSON_PATH.exec(r.path);
    if (!m || ![m[1], m[2], m[3]].every((id) => ID_PATTERN.test(id!))) continue;
    if (exists && !exists(r.path)) continue;
    return { courseId: m[1]!, moduleId: m[2]!, lessonId: m[3]!, hash: r.hash };
  }
  return null;
}

/** The app route of a lesson, as the web app's router knows it. */
export function lessonRoute(t: Pick<LessonTarget, 'courseId' | 'moduleId' | 'lessonId'>): string {
  return `/courses/${t.courseId}/${t.moduleId}/${t.lessonId}`;
}

function createRenderer(): Renderer {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

  // The page title is the only h1; a `#` heading in a body becomes h2.
  md.core.ruler.push('demote_h1', (state) => {
    for (const t of state.tokens) {
      if ((t.type === 'heading_open' || t.type === 'heading_close') && t.tag === 'h1') t.tag = 'h2';
    }
  });

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const href = String(token.attrGet('href') ?? '');
    const { place, exists } = (env ?? {}) as RenderEnv;
    const target = place ? lessonTarget(href, place, exists) : null;
    if (target) {
      token.attrSet('href', lessonRoute(target) + target.hash);
    } else if (EXTERNAL.test(href)) {
      token.attrSet('target', '_blank');
      token.attrSet('rel', 'noopener noreferrer');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = createRenderer();

interface RenderEnv {
  place?: LessonPlace;
  exists?: (path: string) => boolean;
}

/**
 * Renders a lesson body to sanitized HTML, rewriting links to other lessons into app routes. `exists` tells which
 * lesson files there are, for an English lesson's links (see LessonPlace).
 */
export function renderLessonMarkdown(body: string, place: LessonPlace, exists?: (path: string) => boolean): string {
  return renderer.render(body, { place, exists } satisfies RenderEnv);
}

/**
 * Renders a municipality's local page with the same renderer and rules as lessons (raw HTML escaped, script URLs
 * dropped, external links in a new tab); local pages link to other sites only, so no link is rewritten.
 */
export function renderLocalMarkdown(body: string): string {
  return renderer.render(body, {} satisfies RenderEnv);
}

/** A heading of a Markdown body: its level as published (a body `#` is shown as `##`) and its 0-based line. */
export interface OutlineHeading {
  level: number;
  line: number;
  text: string;
}

/** The structure a translation must keep: the headings in order and the tables, each with its 0-based line. */
export interface MarkdownOutline {
  headings: OutlineHeading[];
  tables: number[];
}

export function markdownOutline(body: string): MarkdownOutline {
  const tokens = renderer.parse(body, {});
  const headings: OutlineHeading[] = [];
  const tables: number[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') {
      const level = Math.max(2, Number(t.tag.slice(1)));
      headings.push({ level, line: t.map?.[0] ?? 0, text: tokens[i + 1]?.content ?? '' });
    } else if (t.type === 'table_open') tables.push(t.map?.[0] ?? 0);
  });
  return { headings, tables };
}

/**
 * Links markdown-it refuses to make (javascript:, vbscript:, file:, data: other than images): they are published as
 * plain text, never as links, but a page that only allows https links reports them. 0-based lines.
 */
export function listRefusedLinks(body: string): MarkdownLink[] {
  const out: MarkdownLink[] = [];
  body.split('\n').forEach((text, line) => {
    for (const m of text.matchAll(/\]\(\s*<?((?:javascript|vbscript|file|data):[^)\s>]*)/gi)) out.push({ kind: 'link', href: m[1]!, line });
  });
  return out;
}

/** Parses Markdown into markdown-it block tokens (for content checks that need structure and line numbers). */
export function parseMarkdown(body: string): Token[] {
  return renderer.parse(body, {});
}

/**
 * Every link and image in a Markdown text with the line it is on. markdown-it gives inline tokens only their block's
 * line range, so the exact line is the first one in that range containing the href (or the block's first line).
 */
export function listMarkdownLinks(body: string): MarkdownLink[] {
  const lines = body.split('\n');
  const out: MarkdownLink[] = [];
  let blockMap: [number, number] | null = null;
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.map) blockMap = t.map;
      if (t.type === 'inline' && t.children) {
        const range = blockMap ?? [0, lines.length];
        for (const c of t.children) {
          const kind = c.type === 'link_open' ? 'link' : c.type === 'image' ? 'image' : null;
          if (!kind) continue;
          const href = String(c.attrGet(kind === 'link' ? 'href' : 'src') ?? '');
          out.push({ kind, href, line: findLine(lines, range, href) });
        }
      }
    }
  };
  walk(parseMarkdown(body));
  return out;
}

function findLine(lines: readonly string[], [start, end]: [number, number], href: string): number {
  for (let i = start; i < Math.min(end, lines.length); i++) {
    if (lines[i]!.includes(href) || lines[i]!.includes(safeDecode(href))) return i;
  }
  return start;
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
