import type { BENCHMARK_FIGURES } from '../contract/region.ts';
import type { SurveyDefinition } from '../contract/survey.ts';

/**
 * The union's region view as pure rules (issue 12, points 2, 4 and 6): local-government codes, the figures each
 * municipality is compared on, the survey's reminder points, and the curriculum ranking. docs/kpi.md states them.
 */

// Local-government codes (check digit, prefecture) are contract rules: the browser checks them before sending.
export { checkDigit, codeProblem, PREFECTURES, prefectureOf } from '../contract/region.ts';

// ------------------------------------------------------------------------------------------ a municipality's figures

/** The counts a municipality's figures are made from: its stored counters and its sessions' attendance counts. */
export interface MunicipalCounts {
  founders: number;
  activeThisWeek: number;
  courseCompleted: number;
  /** Seminar sessions already held, their marks added up. */
  present: number; excused: number; absent: number; madeUp: number;
  /** The most marks any one held session has: at least this many different founders are behind the attendance rate. */
  largestSession: number;
  /** Module feedback of the municipality, every module version added up. */
  feedbackAnswers: number; usefulnessSum: number;
  /** The most answers any one module version has: at least this many different founders rated (one answer each). */
  largestRating: number;
}

/** The figures a municipality is compared on: the contract's list, which the benchmark's answer names. */
export type Figure = (typeof BENCHMARK_FIGURES)[number];

/**
 * Each figure's value (NaN when there is nothing to divide) and how many founders it is at least built from. Ratios are
 * 0–1; the feedback score is the mean usefulness 1–5.
 */
export function municipalFigures(c: MunicipalCounts): Record<Figure, { value: number; founders: number }> {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  const missed = c.excused + c.absent;
  return {
    completionRate: { value: ratio(c.courseCompleted, c.founders), founders: c.founders },
    activeRate: { value: ratio(c.activeThisWeek, c.founders), founders: c.founders },
    feedbackScore: { value: ratio(c.usefulnessSum, c.feedbackAnswers), founders: c.largestRating },
    attendanceRate: { value: ratio(c.present, c.present + missed), founders: c.largestSession },
    // The make-up rate is built from the founders who missed a session; the session with the most marks bounds them.
    makeUpRate: { value: ratio(c.madeUp, missed), founders: Math.min(missed, c.largestSession) },
  };
}

// ----------------------------------------------------------------------------------------------- survey reminders

/** When the survey reminds municipalities that have not answered: as it opens, a week before and a day before it closes. */
export const SURVEY_REMINDERS = [
  { id: 'opened', at: (s: Pick<SurveyDefinition, 'opensAt' | 'closesAt'>) => Date.parse(s.opensAt) },
  { id: 'week_left', at: (s: Pick<SurveyDefinition, 'opensAt' | 'closesAt'>) => Date.parse(s.closesAt) - 7 * 86_400_000 },
  { id: 'day_left', at: (s: Pick<SurveyDefinition, 'opensAt' | 'closesAt'>) => Date.parse(s.closesAt) - 86_400_000 },
] as const;
export type SurveyReminderId = (typeof SURVEY_REMINDERS)[number]['id'];

/**
 * The reminder due now, if any: the latest reminder point passed while the window is open. A run that missed a point
 * sends only the latest one (a municipality is not sent three mails at once); each is sent at most once per
 * municipality (the store's claim).
 */
export function dueSurveyReminder(s: Pick<SurveyDefinition, 'opensAt' | 'closesAt'>, now: Date): SurveyReminderId | null {
  const t = now.getTime();
  if (t < Date.parse(s.opensAt) || t >= Date.parse(s.closesAt)) return null;
  let due: SurveyReminderId | null = null;
  for (const r of SURVEY_REMINDERS) if (r.at(s) <= t && r.at(s) >= Date.parse(s.opensAt)) due = r.id;
  return due;
}

export type SurveyState = 'scheduled' | 'open' | 'closed';
export function surveyState(s: Pick<SurveyDefinition, 'opensAt' | 'closesAt'>, now: Date): SurveyState {
  const t = now.getTime();
  return t < Date.parse(s.opensAt) ? 'scheduled' : t < Date.parse(s.closesAt) ? 'open' : 'closed';
}

/**
 * A revision of a year's survey: the version moves when the questions change, and the key question keeps its id (the
 * KPI reads every answer of the year by it). Returns the next definition, or why it cannot be.
 */
export function reviseSurvey(
  prev: SurveyDefinition | undefined, next: Pick<SurveyDefinition, 'fiscalYear' | 'opensAt' | 'closesAt' | 'questions'>,
): { ok: true; survey: SurveyDefinition; changedQuestions: boolean } | { ok: false; problem: 'key_question_changed' } {
  if (!prev) return { ok: true, survey: { ...next, version: 1 }, changedQuestions: true };
  const keyOf = (s: Pick<SurveyDefinition, 'questions'>) => s.questions.find((q) => q.key)?.id;
  if (keyOf(prev) !== keyOf(next)) return { ok: false, problem: 'key_question_changed' };
  const changed = JSON.stringify(prev.questions) !== JSON.stringify(next.questions);
  return { ok: true, survey: { ...next, version: changed ? prev.version + 1 : prev.version }, changedQuestions: changed };
}

// ------------------------------------------------------------------------------------------------ module ranking

export interface ModuleVersionRatings {
  version: string;
  answers: number; usefulnessSum: number; helped: number; comments: number;
  distribution: [number, number, number, number, number];
  /** The latest answer's time (orders a module's earlier versions). */
  lastAt: string | null;
}

/** The fewest answers a version's mean is compared on: below it, "better or worse" would be noise. */
export const MIN_COMPARE_ANSWERS = 5;

export type VersionTrend = 'better' | 'worse' | 'same' | 'too_few' | 'no_previous';

/**
 * Whether the current version rates better than the previous one (the earlier version answered most recently): by
 * the mean usefulness, "same" within 0.1 of a point, and only when both have at least 5 answers.
 */
export function versionTrend(current: ModuleVersionRatings | undefined, previous: ModuleVersionRatings | undefined): VersionTrend {
  if (!previous) return 'no_previous';
  if (!current || current.answers < MIN_COMPARE_ANSWERS || previous.answers < MIN_COMPARE_ANSWERS) return 'too_few';
  const d = current.usefulnessSum / current.answers - previous.usefulnessSum / previous.answers;
  return Math.abs(d) < 0.1 ? 'same' : d > 0 ? 'better' : 'worse';
}

/** The previous version of a module: among its other versions, the one answered most recently. */
export function previousVersion(versions: readonly ModuleVersionRatings[], current: string): ModuleVersionRatings | undefined {
  return versions.filter((v) => v.version !== current && v.answers > 0)
    .sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? ''))[0];
}

/**
 * Completion and drop-off of a module across the region: of the founders who started it (completed a lesson),
 * how many completed it, and how many started but have not finished. NaN when nobody started.
 */
export function moduleFlow(started: number, completed: number): { completionRate: number; dropOffRate: number } {
  if (started <= 0) return { completionRate: Number.NaN, dropOffRate: Number.NaN };
  const done = Math.min(completed, started);
  return { completionRate: done / started, dropOffRate: (started - done) / started };
}

/**
 * The order the admin reads modules in, worst first: by the current version's mean usefulness (modules without answers
 * last), then by drop-off (higher first), then by the module's place in the curriculum.
 */
export function rankModules<T extends { order: number; mean: number | null; dropOffRate: number | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.mean === null || b.mean === null) return a.mean === null && b.mean === null ? a.order - b.order : a.mean === null ? 1 : -1;
    if (a.mean !== b.mean) return a.mean - b.mean;
    const da = a.dropOffRate ?? -1; const db = b.dropOffRate ?? -1;
    return da !== db ? db - da : a.order - b.order;
  });
}
