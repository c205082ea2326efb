import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCourses, formatError, sortErrors, type CompileResult, type MediaFile } from './compile.ts';
import { checkContentRules } from './content-rules.ts';

/**
 * npm run courses:check   compile courses/ and apply the content rules; print `file:line: message` per problem.
 * npm run courses:build   the same, then write dist/content/ (public JSON) and dist/catalog/server.json.
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
}

/** Compiles and applies the content rules; pure apart from the files given. */
export function checkCourses({ files, media }: CourseSources): CheckOutcome {
  const result = compileCourses(files, media);
  const problems = sortErrors([...result.errors, ...checkContentRules(result.courses)]).map(formatError);
  const modules = result.server.courses.reduce((n, c) => n + c.modules.length, 0);
  const lessons = result.server.courses.reduce((n, c) => n + c.modules.reduce((k, m) => k + m.lessons.length, 0), 0);
  const questions = result.server.courses.reduce((n, c) => n + c.modules.reduce((k, m) => k + (m.quiz?.questions.length ?? 0), 0), 0);
  const summary = `courses: ${result.server.courses.length}, modules: ${modules}, lessons: ${lessons}, questions: ${questions}, version: ${result.version}`;
  return { result, problems, summary };
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
    console.error('usage: tsx functions/catalog/cli.ts check|build');
    return 2;
  }
  const { result, problems, summary } = checkCourses(readCourseSources());
  if (problems.length > 0) {
    for (const p of problems) console.log(p);
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} found${command === 'build' ? '; nothing was written' : ''}`);
    return 1;
  }
  if (command === 'build') {
    writeBuild(result);
    console.log(`${summary} → dist/content/ (${result.publicFiles.size + result.media.size} files), dist/catalog/server.json`);
  } else {
    console.log(summary);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
