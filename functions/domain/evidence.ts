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

/** What a seminar mark shows of its session (the mark carries it: title, start, areas). */
export interface SessionMark {
  sessionId: string; sessionTitle: string; sessionStartsAt: string; areas: Area[]; status: 'present' | 'excused' | 'absent'; online?: boolean; madeUpAt?: string | null;
}

/**
 * The record's lines for seminar sessions: one per session attended (dated on the session's Japan day, at the venue or
 * online) or made up (dated on the day the make-up was completed). Absences not made up are not evidence.
 */
export function sessionEntries(marks: readonly SessionMark[]): EvidenceEntry[] {
  return marks.flatMap((m): EvidenceEntry[] => {
    const base = { kind: 'session' as const, ref: m.sessionId, title: { ja: m.sessionTitle, en: m.sessionTitle }, areas: [...m.areas], quizScore: null, version: null };
    if (m.status === 'present') return [{ ...base, date: jstDate(m.sessionStartsAt), mode: m.online ? 'online' : 'in_person' }];
    if (m.madeUpAt) return [{ ...base, date: jstDate(m.madeUpAt), mode: 'makeup' }];
    return [];
  });
}

export const eligibilityItems = (entries: readonly EvidenceEntry[]): EvidenceItem[] =>
  entries.map((e) => ({
    kind: e.kind, ref: e.ref, date: e.date, areas: [...e.areas],
    ...(e.mode === 'makeup' ? { makeUp: true } : {}), ...(e.mode === 'online' ? { online: true } : {}),
  }));
