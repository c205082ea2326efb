import { changesOf } from '../domain/totals.ts';
import { randomBytes } from 'node:crypto';
import type { Role } from '../contract/api.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { passwordProblem } from '../domain/password.ts';
import { getTenant } from '../store/tenants.ts';
import { createAccount, EmailTaken, type MembershipRecord, type UserRecord } from '../store/users.ts';
import type { Deps } from './deps.ts';
import { hashPassword } from './passwords.ts';

export type StaffAccountInput = {
  email: string;
  name: string;
  admin?: boolean;
  roles: Array<{ tenantId: string; role: Role; cohortId?: string | null }>;
  locale?: 'ja' | 'en';
} & (
  | { password: string; passwordHash?: never }
  /**
   * A hash the caller made itself, which the password rules do not see: only the demo seed, whose published password
   * (README) the rules refuse for every real account, and which hashes it once for many accounts.
   */
  | { passwordHash: string; password?: never }
);

/**
 * Creates an account with given roles (union admin, municipal staff, advisors, and seeded founders). Founders normally
 * join through an enrolment code instead (services/auth.signUp).
 */
export async function createAccountWithRoles(deps: Deps, input: StaffAccountInput): Promise<UserRecord> {
  if (input.password !== undefined && passwordProblem(input.password, { email: input.email, name: input.name })) {
    throw new DomainError('password_too_common', 'This password is too common or too easy to guess; choose another', { password: 'too_common' });
  }
  const now = deps.clock().toISOString();
  const learnerRole = input.roles.find((r) => r.role === 'learner');
  const user: UserRecord = {
    id: randomBytes(12).toString('base64url'), email: input.email.trim().toLowerCase(), name: input.name,
    passwordHash: input.passwordHash ?? await hashPassword(input.password, deps.config.scrypt), admin: input.admin ?? false,
    locale: input.locale ?? 'ja', learnerTenantId: learnerRole?.tenantId ?? null, createdAt: now,
    // Accounts made by the union (the first-admin command, the demo seed) are for addresses it knows.
    emailVerifiedAt: now,
  };
  const memberships: MembershipRecord[] = [];
  for (const r of input.roles) {
    const tenant = await getTenant(deps.db, r.tenantId);
    if (!tenant) throw notFound(`Municipality ${r.tenantId}`);
    memberships.push({ userId: user.id, tenantId: r.tenantId, tenantName: tenant.name, role: r.role, cohortId: r.cohortId ?? null });
  }
  try {
    await createAccount(deps.db, {
      user, memberships,
      ...(learnerRole ? { learnerSummary: { tenantId: learnerRole.tenantId, name: user.name, email: user.email, cohortId: learnerRole.cohortId ?? null, joinedAt: now }, counters: changesOf({ kind: 'signed_up', at: now }) } : {}),
    });
  } catch (e) {
    if (e instanceof EmailTaken) throw new DomainError('email_taken', `An account with ${user.email} already exists`, { email: 'taken' });
    throw e;
  }
  return user;
}
