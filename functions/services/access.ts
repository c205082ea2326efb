import { DomainError, forbidden, unauthenticated } from '../domain/errors.ts';
import { type Action, allowedByRole, can, type Resource } from '../domain/policy.ts';
import { getLearnerSummary, type LearnerSummary } from '../store/summaries.ts';
import { getUser, type UserRecord } from '../store/users.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';

/** What a route names in its path: the checkpoint loads the rest (a founder's stored tenant and advisors) itself. */
export type Target =
  | { kind: 'self' }
  | { kind: 'learner'; userId: string }
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'region' }
  | Extract<Resource, { kind: 'invitation' }>;

/**
 * The one authorization checkpoint: loads what the policy needs from the store — never from the request — and asks
 * `can()`. A founder who does not exist looks exactly like one the caller may not see (403), so ids cannot be probed;
 * admin, who may see every founder, gets the 404 from the service instead.
 */
export async function authorize(deps: Deps, auth: Authenticated | null, action: Action, target: Target): Promise<{ resource: Resource; founder?: LoadedFounder }> {
  if (!auth) throw unauthenticated();
  const { resource, founder } = await resourceOf(deps, target);
  if (!can(auth.principal, action, resource)) {
    // Allowed by role, but this login has not passed the second factor: the page sends the person to enrol or verify.
    if (allowedByRole(auth.principal, action, resource)) {
      throw new DomainError('second_factor_required', 'Two-step sign-in is required for this; turn it on in your account settings');
    }
    throw forbidden();
  }
  return { resource, ...(founder ? { founder } : {}) };
}

/** A founder as stored: their profile, municipality and summary. The checkpoint loads it once; the route's service uses it. */
export interface LoadedFounder { user: UserRecord; tenantId: string; summary: LearnerSummary }

export async function loadFounder(deps: Deps, userId: string): Promise<LoadedFounder | undefined> {
  const user = await getUser(deps.db, userId);
  const tenantId = user?.learnerTenantId;
  const summary = tenantId ? await getLearnerSummary(deps.db, tenantId, userId) : undefined;
  return user && tenantId && summary ? { user, tenantId, summary } : undefined;
}

async function resourceOf(deps: Deps, t: Target): Promise<{ resource: Resource; founder?: LoadedFounder }> {
  switch (t.kind) {
    case 'self':
    case 'region':
    case 'tenant':
    case 'invitation':
      return { resource: t };
    case 'learner': {
      const founder = await loadFounder(deps, t.userId);
      if (!founder) return { resource: { kind: 'learner', userId: t.userId, tenantId: '', advisorIds: [] } };
      return { resource: { kind: 'learner', userId: t.userId, tenantId: founder.tenantId, advisorIds: founder.summary.advisorIds ?? [] }, founder };
    }
  }
}
