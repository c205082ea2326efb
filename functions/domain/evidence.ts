import type { EvidenceEntry } from '../contract/evidence.ts';
import { AREAS, type Area, type ServerCourse } from '../contract/catalog.ts';
import type { EvidenceItem } from './eligibility.ts';
import type { ModuleCompletion } from './progress.ts';
import { japanDay } from './totals.ts';
import type { QuizBest } from './quiz.ts';

/** The calendar date in Japan of an instant: municipalities count days in local time. */
export const jstDate = japanDay;

/**
 * The dated lines of a founder's record: one per completed module, dated on its completion in Japan time, with the
 * best quiz score. A module retired from the curriculum keeps its line (titled by its id).
 */
export function moduleEvidence(course: ServerCourse, completions: readonly ModuleCompletion[], quizzes: readonly QuizBest[]): EvidenceEntry[] {
  return completions
    .map((c) => {
      const m = course.modules.find((x) => x.id === c.moduleId);
      return {
        kind: 'module' as const, ref: c.moduleId, title: m?.title ?? { ja: c.moduleId, en: c.moduleId }, areas: m?.areas ?? [],
        date: jstDate(c.completedAt), quizScore: quizzes.find((q) => q.moduleId === c.moduleId)?.bestScore ?? null, version: c.version,
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.ref.localeCompare(b.ref));
}

/** Entries grouped under each of the four areas (a module with two areas appears under both). */
export function byArea(entries: readonly EvidenceEntry[]): Array<{ area: Area; entries: EvidenceEntry[] }> {
  return AREAS.map((area) => ({ area, entries: entries.filter((e) => e.areas.includes(area)) }));
}

export const eligibilityItems = (entries: readonly EvidenceEntry[]): EvidenceItem[] =>
  entries.map((e) => ({ kind: e.kind, ref: e.ref, date: e.date, areas: [...e.areas] }));
