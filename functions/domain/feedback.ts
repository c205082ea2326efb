import { FEEDBACK_COUNTERS, type FeedbackCounter, type FeedbackCounts } from '../contract/feedback.ts';

/**
 * Founders' feedback on a module (issue 12, point 1): one answer per founder per module version, changeable. The
 * municipality's rollup of a module version is a set of counters; a changed answer moves them by the difference, so
 * the rollup always equals the sum of the current answers and nothing is counted twice.
 */

export type Usefulness = 1 | 2 | 3 | 4 | 5;

export interface FeedbackRating {
  usefulness: number;
  helpedPlan: boolean;
  comment: string | null;
}

export { FEEDBACK_COUNTERS, type FeedbackCounter, type FeedbackCounts } from '../contract/feedback.ts';

function countsOf(r: FeedbackRating | null): Partial<FeedbackCounts> {
  if (!r) return {};
  return {
    answers: 1, usefulnessSum: r.usefulness, helped: r.helpedPlan ? 1 : 0, comments: r.comment ? 1 : 0,
    [`u${r.usefulness}` as FeedbackCounter]: 1,
  };
}

/**
 * What replacing `prev` by `next` (either may be null: a first answer, or an answer leaving this rollup) adds to a
 * rollup's counters. Only the counters that move are listed.
 */
export function feedbackDelta(prev: FeedbackRating | null, next: FeedbackRating | null): Partial<FeedbackCounts> {
  const before = countsOf(prev);
  const after = countsOf(next);
  const out: Partial<FeedbackCounts> = {};
  for (const k of FEEDBACK_COUNTERS) {
    const d = (after[k] ?? 0) - (before[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}

/**
 * The rollup changes of replacing `prev` by `next`, per municipality: one change when both count in the same
 * municipality (none when nothing moves), two when the founder has moved municipality since their previous answer
 * (it leaves the old municipality's rollup and joins the new one's).
 */
export function feedbackRollupChanges(
  prev: (FeedbackRating & { tenantId: string }) | null, next: FeedbackRating & { tenantId: string },
): Array<{ tenantId: string; delta: Partial<FeedbackCounts> }> {
  const changes = prev && prev.tenantId !== next.tenantId
    ? [{ tenantId: prev.tenantId, delta: feedbackDelta(prev, null) }, { tenantId: next.tenantId, delta: feedbackDelta(null, next) }]
    : [{ tenantId: next.tenantId, delta: feedbackDelta(prev, next) }];
  return changes.filter((c) => Object.keys(c.delta).length > 0);
}

/** True when an answer says exactly what the stored one says: writing it again would change nothing. */
export const sameRating = (a: FeedbackRating | null, b: FeedbackRating): boolean =>
  a !== null && a.usefulness === b.usefulness && a.helpedPlan === b.helpedPlan && (a.comment ?? null) === (b.comment ?? null);

/** The sum of many answers as counters: what a rollup must equal (the rebuild check and the tests use it). */
export function feedbackCounts(answers: readonly FeedbackRating[]): FeedbackCounts {
  const out = Object.fromEntries(FEEDBACK_COUNTERS.map((k) => [k, 0])) as FeedbackCounts;
  for (const a of answers) for (const [k, v] of Object.entries(countsOf(a))) out[k as FeedbackCounter] += v;
  return out;
}
