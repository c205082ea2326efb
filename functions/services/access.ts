import { forbidden, unauthenticated } from '../domain/errors.ts';
import { type Action, can, type Resource } from '../domain/policy.ts';
import { getLearnerSummary } from '../store/summaries.ts';
import { getUser } from '../store/users.ts';
import type { Authenticated } from './auth.ts';
import type { Deps } from './deps.ts';

/** What a route names in its path: the checkpoint loads the rest (a founder's stored tenant and advisors) itself. */
export type Target =
  | { kind: 'self' }
  | { kind: 'learner'; userId: string }
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'region' };

/**
 * The one authorization checkpoint: loads what the policy needs from the store — never from the request — and asks
 * `can()`. A founder who does not exist looks exactly like one the caller may not see (403), so ids cannot be probed;
 * admin, who may see every founder, gets the 404 from the service instead.
 */
export async function authorize(deps: Deps, auth: Authenticated | null, action: Action, target: Target): Promise<Resource> {
  if (!auth) throw unauthenticated();
  const resource = await resourceOf(deps, target);
  if (!can(auth.principal, action, resource)) throw forbidden();
  return resource;
}

async function resourceOf(deps: Deps, t: Target): Promise<Resource> {
  switch (t.kind) {
    case 'self':
    case 'region':
    case 'tenant':
      return t;
    case 'learner': {
      const user = await getUser(deps.db, t.userId);
      const tenantId = user?.learnerTenantId;
      if (!tenantId) return { kind: 'learner', userId: t.userId, tenantId: '', advisorIds: [] };
      const summary = await getLearnerSummary(deps.db, tenantId, t.userId);
      return { kind: 'learner', userId: t.userId, tenantId, advisorIds: summary?.advisorIds ?? [] };
    }
  }
}
