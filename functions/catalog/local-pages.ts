import { createHash } from 'node:crypto';
import { isIsoDate } from './dates.ts';
import type { MediaFile } from './media.ts';
import { parseMarkdownSource, type MarkdownSource } from './lessons.ts';
import { listMarkdownLinks, listRefusedLinks } from './markdown.ts';
import { ID_PATTERN, LocalPageFrontMatter, LocalPageTranslationFrontMatter } from './source-schema.ts';
import { byCodeUnit, type CompileError } from './source-tree.ts';
import { compareOutline } from './translation.ts';

/**
 * Municipalities' local pages: `courses/local/<code>/<page>.md`, one folder per municipality named by its 6-digit
 * 全国地方公共団体コード, each page with front matter (title, order, checked) and a Markdown body rendered and sanitized
 * exactly like a lesson; optionally `en/<page>.md` with the English title and body, whose headings and tables must
 * match. They are public information (programmes, subsidies, seminar schedules, contact points) that the union reviews
 * and merges, so they live in git beside the curriculum; but they are not part of the curriculum's content version (a
 * municipality's notice must not make a founder's open quiz stale): each municipality's pages carry their own hash.
 */

export const LOCAL_ROOT = 'courses/local';

export function isLocalSource(path: string): boolean {
  return path.startsWith(`${LOCAL_ROOT}/`);
}

/**
 * A national local-government code: 2 digits of prefecture, 3 of municipality and a check digit — 11 minus the
 * weighted sum (6, 5, 4, 3, 2) modulo 11, its last digit (総務省; e.g. 271004 大阪市, 271403 堺市).
 */
export function isLocalGovernmentCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const d = [...code].map(Number);
  const sum = d[0]! * 6 + d[1]! * 5 + d[2]! * 4 + d[3]! * 3 + d[4]! * 2;
  return (11 - (sum % 11)) % 10 === d[5];
}

export interface SourceLocalPage extends MarkdownSource<LocalPageFrontMatter> {
  id: string;
  en?: MarkdownSource<LocalPageTranslationFrontMatter>;
}

export interface SourceMunicipality {
  /** The local-government code, also the tenant id. */
  code: string;
  dir: string;
  /** In `order`, then by file name. */
  pages: SourceLocalPage[];
  /** The first 16 hex digits of sha256 over the municipality's files, as the curriculum's version is made. */
  version: string;
}

const PAGE_FILE = 'a municipality folder holds <page>.md files (lowercase letters, digits and hyphens) and an en/ folder with their English versions';

function localVersion(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const path of [...files.keys()].sort(byCodeUnit)) hash.update(path).update('\0').update(files.get(path)!).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Local pages allow https links only: no lesson links, no http, no mail or script links. */
function checkLocalLinks(page: Pick<MarkdownSource<unknown>, 'file' | 'body' | 'bodyLine'>, errors: CompileError[]): void {
  for (const link of [...listMarkdownLinks(page.body), ...listRefusedLinks(page.body)]) {
    let ok = false;
    try {
      const u = new URL(link.href);
      ok = u.protocol === 'https:' && u.hostname !== '';
    } catch { /* not a URL */ }
    if (!ok) {
      errors.push({ file: page.file, line: page.bodyLine + link.line, message: `${link.kind} "${link.href}": links on a local page must be full https:// URLs` });
    }
  }
}

function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Every municipality folder under courses/local/, checked; problems go to `errors` with file and line. */
export function compileLocalPages(files: ReadonlyMap<string, string>, media: ReadonlyMap<string, MediaFile>, errors: CompileError[]): SourceMunicipality[] {
  const byCode = new Map<string, Map<string, string>>();
  for (const [rawPath, text] of files) {
    const path = rawPath.replace(/\\/g, '/');
    if (!isLocalSource(path) || path.split('/').some((p) => p.startsWith('.'))) continue;
    const parts = path.split('/');
    if (parts.length === 3) {
      errors.push({ file: path, line: 1, message: `unexpected file: ${LOCAL_ROOT}/ holds one folder per municipality, named by its 6-digit local-government code` });
      continue;
    }
    const m = byCode.get(parts[2]!) ?? new Map<string, string>();
    byCode.set(parts[2]!, m);
    m.set(path, normalizeText(text));
  }
  for (const rawPath of media.keys()) {
    const path = rawPath.replace(/\\/g, '/');
    if (isLocalSource(path)) errors.push({ file: path, line: 1, message: 'unexpected file: local pages have no media; link to videos by https URL' });
  }

  const out: SourceMunicipality[] = [];
  for (const code of [...byCode.keys()].sort(byCodeUnit)) {
    const sources = byCode.get(code)!;
    const dir = `${LOCAL_ROOT}/${code}`;
    const before = errors.length;
    if (!isLocalGovernmentCode(code)) {
      const first = [...sources.keys()].sort(byCodeUnit)[0]!;
      errors.push({
        file: first, line: 1,
        message: `unknown local-government code "${code}": name the folder by the municipality's 6-digit 全国地方公共団体コード (check digit included), e.g. 271004 for 大阪市`,
      });
      continue;
    }
    const pages = new Map<string, SourceLocalPage>();
    const english = new Map<string, string>();
    for (const path of [...sources.keys()].sort(byCodeUnit)) {
      const rel = path.slice(dir.length + 1);
      const enName = rel.startsWith('en/') ? rel.slice(3) : null;
      const name = enName ?? rel;
      const id = name.endsWith('.md') ? name.slice(0, -'.md'.length) : '';
      if (name.includes('/') || !ID_PATTERN.test(id)) {
        errors.push({ file: path, line: 1, message: `unexpected file: ${PAGE_FILE}` });
        continue;
      }
      if (enName !== null) {
        english.set(id, path);
        continue;
      }
      const parsed = parseMarkdownSource(path, sources.get(path)!, LocalPageFrontMatter, errors, 'title, order, checked');
      if (!parsed) continue;
      if (!isIsoDate(parsed.front.checked)) {
        errors.push({ file: path, line: parsed.lineOf(['checked']), message: `checked date "${parsed.front.checked}" must be a real date written YYYY-MM-DD: the day the page's facts were last checked` });
      }
      checkLocalLinks(parsed, errors);
      pages.set(id, { id, ...parsed });
    }
    for (const [id, path] of english) {
      const page = pages.get(id);
      if (!page) {
        if (!errors.some((e) => e.file === `${dir}/${id}.md`)) {
          errors.push({ file: path, line: 1, message: `there is no Japanese page ${dir}/${id}.md: an English page has the file name of the page it translates` });
        }
        continue;
      }
      const en = parseMarkdownSource(path, sources.get(path)!, LocalPageTranslationFrontMatter, errors, 'title');
      if (!en) continue;
      for (const key of ['order', 'checked'] as const) {
        if (en.front[key] !== undefined && en.front[key] !== page.front[key]) {
          errors.push({ file: path, line: en.lineOf([key]), message: `${key}: ${String(en.front[key])} here and ${page.front[key]} in the Japanese page; leave it out or copy it unchanged` });
        }
      }
      checkLocalLinks(en, errors);
      compareOutline(page, en, errors, 'page');
      page.en = en;
    }
    if (errors.length > before) continue;
    const ordered = [...pages.values()].sort((a, b) => a.front.order - b.front.order || byCodeUnit(a.id, b.id));
    out.push({ code, dir, pages: ordered, version: localVersion(sources) });
  }
  return out;
}
