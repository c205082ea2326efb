import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ServerCatalog, type ServerCourse, type ServerModule } from '../contract/catalog.ts';

/**
 * The server catalog (answer keys, module structure, content version) as written by `npm run courses:build`. Read once
 * per process and file: on Lambda it is bundled beside the handler, locally it is dist/catalog/server.json.
 */

const cache = new Map<string, ServerCatalog>();

export class CatalogLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogLoadError';
  }
}

/** Parses and validates a server catalog's JSON text. */
export function parseServerCatalog(text: string, source = 'server catalog'): ServerCatalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CatalogLoadError(`${source} is not valid JSON`, { cause });
  }
  const parsed = ServerCatalog.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CatalogLoadError(`${source} does not match ServerCatalog: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** Loads dist/catalog/server.json (or $CATALOG_FILE), validated and cached for the life of the process. */
export function loadServerCatalog(file: string = process.env.CATALOG_FILE ?? 'dist/catalog/server.json'): ServerCatalog {
  const path = resolve(file);
  const cached = cache.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new CatalogLoadError(`server catalog not found at ${path}; run "npm run courses:build" first`, { cause });
  }
  const catalog = parseServerCatalog(text, path);
  cache.set(path, catalog);
  return catalog;
}

/** Forgets loaded catalogs (tests that rewrite the file). */
export function clearCatalogCache(): void {
  cache.clear();
}

export function findCourse(catalog: ServerCatalog, courseId: string): ServerCourse | undefined {
  return catalog.courses.find((c) => c.id === courseId);
}

export function findModule(catalog: ServerCatalog, courseId: string, moduleId: string): ServerModule | undefined {
  return findCourse(catalog, courseId)?.modules.find((m) => m.id === moduleId);
}

export interface FoundLesson {
  course: ServerCourse;
  module: ServerModule;
  lessonId: string;
  /** Position of the lesson within its module, from 0. */
  index: number;
}

export function findLesson(catalog: ServerCatalog, courseId: string, moduleId: string, lessonId: string): FoundLesson | undefined {
  const course = findCourse(catalog, courseId);
  const module = course?.modules.find((m) => m.id === moduleId);
  const index = module ? module.lessons.indexOf(lessonId) : -1;
  return course && module && index >= 0 ? { course, module, lessonId, index } : undefined;
}
