import type { Role } from '../contract/api.ts';

/**
 * The one authorization policy. Every route asks `can(principal, action, resource)` through the one checkpoint
 * (services/access.ts, which loads the resource as stored); nothing else decides access.
 * Staff see only their own tenant, advisors only the founders assigned to them, admin everything.
 */
export interface Principal {
  userId: string;
  admin: boolean;
  memberships: ReadonlyArray<{ tenantId: string; role: Role }>;
  /** This login passed two-factor sign-in (or enrolled it). Required for everything but a founder's own study. */
  secondFactor: boolean;
}

export type Resource =
  | { kind: 'self' }
  /** A founder's record: progress, evidence, plan drafts. */
  | { kind: 'learner'; userId: string; tenantId: string; advisorIds: readonly string[] }
  | { kind: 'tenant'; tenantId: string }
  | { kind: 'region' }
  /** An invitation to become `role` in a municipality (null: the union's admins). */
  | { kind: 'invitation'; tenantId: string | null; role: Role | 'admin' };

export type Action =
  | 'study' // read content, write own progress
  | 'learner.read' // see a founder's record
  | 'plan.write' // the founder's own business plan: drafts, submission, attachments
  | 'plan.comment' // comment on a business plan: the founder (replies) and their attached advisor
  | 'plan.review' // mark a business plan reviewed or needing work: the attached advisor only
  | 'learner.assign' // assign modules with a due date (the founder's advisor, or their municipality's staff)
  | 'learner.manage' // correct a founder's name, email or cohort; deactivate and reactivate
  | 'caseload.read' // an advisor's own list of founders (and their own consultation slots)
  | 'consultation.offer' // publish consultation slots for a municipality: its advisors
  | 'tenant.read' // dashboards of a municipality
  | 'tenant.manage' // codes, cohorts, sessions, attendance
  | 'survey.answer' // the municipality's answer to the union's yearly survey: its staff only
  | 'region.read' // cross-municipality KPI
  | 'region.manage' // onboarding tenants
  | 'invite'; // invite a person into a role

const hasRole = (p: Principal, tenantId: string, ...roles: Role[]) =>
  p.memberships.some((m) => m.tenantId === tenantId && roles.includes(m.role));

export function can(p: Principal, action: Action, r: Resource): boolean {
  if (needsSecondFactor(action, r, p) && !p.secondFactor) return false;
  return allowedByRole(p, action, r);
}

/**
 * Whether acting as this person needs a login that passed the second factor: everything that touches other people's
 * data, or the union's, does. A founder's own study and own record never do.
 */
export function needsSecondFactor(action: Action, r: Resource, p: Pick<Principal, 'userId'>): boolean {
  if (action === 'study') return false;
  if ((action === 'learner.read' || action === 'plan.write' || action === 'plan.comment') && r.kind === 'learner' && r.userId === p.userId) return false;
  return true;
}

/** Whether the principal would be allowed with a second factor: the checkpoint says 'second_factor_required' then. */
export function allowedByRole(p: Principal, action: Action, r: Resource): boolean {
  // Studying is a founder's own record, counted in a municipality's totals and evidence: it needs a learner membership
  // for everyone, the union's admins included (they preview lessons read-only, like staff and advisors).
  if (action === 'study') return r.kind === 'self' && p.memberships.some((m) => m.role === 'learner');
  // A business plan is the founder's own work and their advisor's review: nobody else writes in it, admins included.
  if (action === 'plan.write') return r.kind === 'learner' && r.userId === p.userId && hasRole(p, r.tenantId, 'learner');
  if (action === 'plan.comment') return r.kind === 'learner' && ((r.userId === p.userId && hasRole(p, r.tenantId, 'learner')) || advises(p, r));
  if (action === 'plan.review') return r.kind === 'learner' && advises(p, r);
  // Consultation slots are an advisor's own time: only advisors of the municipality publish them, admins included.
  if (action === 'consultation.offer') return r.kind === 'tenant' && hasRole(p, r.tenantId, 'advisor');
  // The yearly survey is the municipality's own judgement of the platform: only its staff answer, never the union that
  // is judged by it (an admin who is also staff of the municipality answers as its staff).
  if (action === 'survey.answer') return r.kind === 'tenant' && hasRole(p, r.tenantId, 'staff');
  if (p.admin) return true;
  switch (action) {
    case 'learner.read':
      if (r.kind !== 'learner') return false;
      return r.userId === p.userId || hasRole(p, r.tenantId, 'staff') || advises(p, r);
    case 'learner.assign':
      return r.kind === 'learner' && (advises(p, r) || hasRole(p, r.tenantId, 'staff'));
    case 'learner.manage':
      return r.kind === 'learner' && hasRole(p, r.tenantId, 'staff');
    case 'caseload.read':
      return r.kind === 'self' && p.memberships.some((m) => m.role === 'advisor');
    case 'tenant.read':
    case 'tenant.manage':
      return r.kind === 'tenant' && hasRole(p, r.tenantId, 'staff');
    case 'region.read':
    case 'region.manage':
      return false;
    case 'invite':
      // Staff invite staff, advisors and founders of their own municipality; only admins invite admins.
      return r.kind === 'invitation' && r.tenantId !== null && r.role !== 'admin' && hasRole(p, r.tenantId, 'staff');
  }
}

/** An advisor acts only on founders assigned to them, and only where they hold the advisor role. */
function advises(p: Principal, r: Extract<Resource, { kind: 'learner' }>): boolean {
  return r.advisorIds.includes(p.userId) && hasRole(p, r.tenantId, 'advisor');
}
