import type { FeedbackBody, FeedbackParams, FeedbackView } from '../contract/feedback.ts';
import { DomainError, forbidden, notFound } from '../domain/errors.ts';
import { feedbackRollupChanges, sameRating } from '../domain/feedback.ts';
import { type FeedbackRecord, listFeedbackOfUser, readFeedbackState, writeFeedback } from '../store/feedback.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';
import { backoff } from './retry.ts';

/** The module named by the path, with its current version; 404 when the catalog has no such module. */
function moduleOf(deps: Deps, ids: FeedbackParams) {
  const course = deps.catalog().courses.find((c) => c.id === ids.courseId);
  const mod = course?.modules.find((m) => m.id === ids.moduleId);
  if (!mod) throw notFound('Module');
  return mod;
}

function viewOf(ids: FeedbackParams, version: string, completed: boolean, a: FeedbackRecord | undefined): FeedbackView {
  return {
    courseId: ids.courseId, moduleId: ids.moduleId, version, canAnswer: completed,
    answer: a ? { usefulness: a.usefulness, helpedPlan: a.helpedPlan, comment: a.comment ?? null, answeredAt: a.answeredAt, updatedAt: a.updatedAt } : null,
  };
}

/** The founder's own feedback on the module's current version (one BatchGet). Access is decided by the route. */
export async function getFeedback(deps: Deps, auth: Authenticated, ids: FeedbackParams): Promise<FeedbackView> {
  const { version } = moduleOf(deps, ids);
  const state = await readFeedbackState(deps.db, { userId: auth.user.id, ...ids, version });
  return viewOf(ids, version, state.completed, state.answer);
}

const MAX_ATTEMPTS = 6;

/**
 * Records or changes the founder's feedback on the module's current version: only after they completed the module;
 * the same answer again changes nothing (PUT is idempotent); a changed answer replaces the old one and moves the
 * municipality's rollup by the difference, in one transaction conditional on the answer as read.
 */
export async function putFeedback(deps: Deps, auth: Authenticated, ids: FeedbackParams, body: FeedbackBody): Promise<FeedbackView> {
  const { version } = moduleOf(deps, ids);
  const tenantId = auth.user.learnerTenantId;
  if (!tenantId) throw forbidden('Only founders rate modules');
  const rating = { usefulness: body.usefulness, helpedPlan: body.helpedPlan, comment: body.comment ? body.comment : null };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const state = await readFeedbackState(deps.db, { userId: auth.user.id, ...ids, version });
    if (!state.completed) throw new DomainError('module_not_completed', 'Feedback can be given once the module is completed');
    const prev = state.answer;
    if (prev && prev.tenantId === tenantId && sameRating(prev, rating)) return viewOf(ids, version, true, prev);
    const now = deps.clock().toISOString();
    const next: FeedbackRecord = {
      userId: auth.user.id, tenantId, ...ids, version, ...rating,
      answeredAt: prev?.answeredAt ?? now, updatedAt: now, rev: (prev?.rev ?? 0) + 1,
    };
    if (await writeFeedback(deps.db, next, prev, feedbackRollupChanges(prev ?? null, next)) === 'written') return viewOf(ids, version, true, next);
    await backoff(attempt);
  }
  throw new DomainError('conflict', 'Your feedback is being saved from several places at once; please try again', undefined, 1);
}

/** A founder's feedback answers in every course (their personal data). */
export async function feedbackOfUser(deps: Deps, userId: string): Promise<FeedbackRecord[]> {
  const courses = deps.catalog().courses.map((c) => c.id);
  return (await Promise.all(courses.map((c) => listFeedbackOfUser(deps.db, userId, c)))).flat();
}

/**
 * On the deletion of an account: every comment the founder wrote is removed (free text may name them), while their
 * ratings stay as anonymous counts, like their progress; the rollups' comment counts move in the same transactions.
 */
export async function eraseFeedbackComments(deps: Deps, userId: string): Promise<void> {
  for (const prev of await feedbackOfUser(deps, userId)) {
    if (!prev.comment) continue;
    for (let attempt = 0; ; attempt++) {
      const next: FeedbackRecord = { ...prev, comment: null, rev: prev.rev + 1 };
      if (await writeFeedback(deps.db, next, prev, feedbackRollupChanges(prev, next)) === 'written') break;
      // Nobody else writes a deleted account's answers; a lost race is only contention: try again a few times.
      if (attempt >= MAX_ATTEMPTS) throw new DomainError('conflict', 'The account could not be fully deleted this time; please try again', undefined, 1);
      await backoff(attempt);
    }
  }
}
