import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCourses, formatError, sortErrors, type CompileResult } from './compile.ts';
import { checkContentRules } from './content-rules.ts';

/**
 * npm run courses:check   compile courses/ and apply the content rules; print `file:line: message` per problem.
 * npm run courses:build   the same, then write dist/content/ (public JSON) and dist/catalog/server.json.
 * Paths are relative to the current directory (npm runs scripts from the repository root).
 */

/** Every file under `<root>/courses/` (dot files and folders skipped), keyed by repository-relative POSIX path. */
export function readCourseFiles(root: string = process.cwd()): Map<string, string> {
  const base = resolve(root, 'courses');
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(base);
  return files;
}

export interface CheckOutcome {
  result: CompileResult;
  /** Structural errors and content-rule violations together, sorted by file and line. */
  problems: string[];
  summary: string;
}

/** Compiles and applies the content rules; pure apart from the files given. */
export function checkCourses(files: ReadonlyMap<string, string>): CheckOutcome {
  const result = compileCourses(files);
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
  mkdirSync(dirname(serverFile), { recursive: true });
  writeFileSync(serverFile, `${JSON.stringify(result.server, null, 1)}\n`);
}

function main(argv: readonly string[]): number {
  const command = argv[0];
  if (command !== 'check' && command !== 'build') {
    console.error('usage: tsx functions/catalog/cli.ts check|build');
    return 2;
  }
  const { result, problems, summary } = checkCourses(readCourseFiles());
  if (problems.length > 0) {
    for (const p of problems) console.log(p);
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} found${command === 'build' ? '; nothing was written' : ''}`);
    return 1;
  }
  if (command === 'build') {
    writeBuild(result);
    console.log(`${summary} → dist/content/ (${result.publicFiles.size} files), dist/catalog/server.json`);
  } else {
    console.log(summary);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
