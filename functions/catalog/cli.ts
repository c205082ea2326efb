import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCourses, formatError, sortErrors, type CompileResult, type MediaFile } from './compile.ts';
import { checkContentRules, checkLocalPageRules } from './content-rules.ts';
import { isIsoDate, japanToday } from './dates.ts';
import { findFutureChecks, findStaleSources, formatFreshnessReport, type StaleSource } from './freshness.ts';

/**
 * npm run courses:check   compile courses/ and apply the content rules; print `file:line: message` per problem, then
 *                         the freshness warnings (sources checked more than 12 months ago), which do not fail it.
 * npm run courses:build   the same, then write dist/content/ (public JSON) and dist/catalog/server.json.
 * `--today YYYY-MM-DD` (or COURSES_TODAY) sets the day freshness is measured from; default: today in Japan.
 * Paths are relative to the current directory (npm runs scripts from the repository root).
 */

/** Files read as bytes, not text: lesson videos. The compiler gets their size and hash. */
const BINARY = /\.(webm|mp4)$/i;

export interface CourseSources {
  /** Repository-relative POSIX path → text. */
  files: Map<string, string>;
  /** Repository-relative POSIX path → size and sha256 of each video. */
  media: Map<string, MediaFile>;
}

/** Every file under `<root>/courses/` (dot files and folders skipped), keyed by repository-relative POSIX path. */
export function readCourseSources(root: string = process.cwd()): CourseSources {
  const base = resolve(root, 'courses');
  const files = new Map<string, string>();
  const media = new Map<string, MediaFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      const path = relative(root, full).split(sep).join('/');
      if (entry.isDirectory()) walk(full);
      else if (!entry.isFile()) continue;
      else if (BINARY.test(entry.name)) {
        const bytes = readFileSync(full);
        media.set(path, { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      } else files.set(path, readFileSync(full, 'utf8'));
    }
  };
  walk(base);
  return { files, media };
}

export interface CheckOutcome {
  result: CompileResult;
  /** Structural errors and content-rule violations together, sorted by file and line. */
  problems: string[];
  summary: string;
  /** Sources and local pages checked more than 12 months before `today`, for the reviewer's list. */
  stale: StaleSource[];
  /** What to print after the summary: the reviewer's list and other warnings; they never fail the check. */
  warnings: string[];
}

export interface CheckOptions {
  /** YYYY-MM-DD: the day freshness is measured from (default: today in Japan). */
  today?: string;
}

/** Compiles and applies the content rules; pure apart from the files given (and the clock, unless `today` is given). */
export function checkCourses({ files, media }: CourseSources, options: CheckOptions = {}): CheckOutcome {
  const today = options.today ?? japanToday();
  const result = compileCourses(files, media);
  const problems = sortErrors([...result.errors, ...checkContentRules(result.courses), ...checkLocalPageRules(result.local)]).map(formatError);
  const modules = result.courses.flatMap((c) => c.modules);
  const lessons = modules.reduce((k, m) => k + m.lessons.length, 0);
  const questions = modules.reduce((k, m) => k + (m.quiz?.data.questions.length ?? 0), 0);
  const english = modules.filter((m) => m.translation).length;
  const pages = result.local.reduce((k, m) => k + m.pages.length, 0);
  const summary = `courses: ${result.courses.length}, modules: ${modules.length} (in English: ${english}), lessons: ${lessons}, questions: ${questions}, `
    + `local pages: ${pages} of ${result.local.length} municipalit${result.local.length === 1 ? 'y' : 'ies'}, version: ${result.version}`;
  const stale = findStaleSources(result.courses, result.local, today);
  const warnings = [
    ...findFutureChecks(result.courses, result.local, today).map((f) => `warning: ${f.file}:${f.line}: checked date ${f.checked} is after today (${today})`),
    ...formatFreshnessReport(stale, today),
  ];
  return { result, problems, summary, stale, warnings };
}

/** `--today YYYY-MM-DD` or `--today=YYYY-MM-DD`, else $COURSES_TODAY, else undefined (today in Japan). */
export function todayOption(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const i = argv.findIndex((a) => a === '--today' || a.startsWith('--today='));
  const value = i < 0 ? env.COURSES_TODAY : argv[i]!.includes('=') ? argv[i]!.slice('--today='.length) : argv[i + 1];
  if (value === undefined || value === '') return undefined;
  if (!isIsoDate(value)) throw new Error(`--today "${value}": write a date as YYYY-MM-DD`);
  return value;
}

/** Replaces dist/content/ and dist/catalog/server.json under `root` with the compiled output. */
export function writeBuild(result: CompileResult, root: string = process.cwd()): void {
  const contentDir = resolve(root, 'dist/content');
  const serverFile = resolve(root, 'dist/catalog/server.json');
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(serverFile, { force: true });
  for (const [path, json] of result.publicFiles) {
    const file = join(contentDir, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(json));
  }
  for (const [path, source] of result.media) {
    const file = join(contentDir, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(resolve(root, source), file);
  }
  mkdirSync(dirname(serverFile), { recursive: true });
  writeFileSync(serverFile, `${JSON.stringify(result.server, null, 1)}\n`);
}

function main(argv: readonly string[]): number {
  const command = argv[0];
  if (command !== 'check' && command !== 'build') {
    console.error('usage: tsx functions/catalog/cli.ts check|build [--today YYYY-MM-DD]');
    return 2;
  }
  let today: string | undefined;
  try {
    today = todayOption(argv.slice(1));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const { result, problems, summary, warnings } = checkCourses(readCourseSources(), { today });
  if (problems.length > 0) {
    for (const p of problems) console.log(p);
    for (const w of warnings) console.log(w);
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} found${command === 'build' ? '; nothing was written' : ''}`);
    return 1;
  }
  if (command === 'build') {
    writeBuild(result);
    console.log(`${summary} → dist/content/ (${result.publicFiles.size + result.media.size} files), dist/catalog/server.json`);
  } else {
    console.log(summary);
  }
  for (const w of warnings) console.log(w);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
