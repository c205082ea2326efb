import { createHash, randomBytes } from 'node:crypto';
import type { Me, SignInBody, SignUpBody } from '../contract/api.ts';
import { enrolmentCodeState } from '../domain/enrolment.ts';
import { DomainError } from '../domain/errors.ts';
import { passwordProblem } from '../domain/password.ts';
import type { Principal } from '../domain/policy.ts';
import { sessionHardExpiry, sessionVerdict } from '../domain/session.ts';
import { retryAfter, SIGN_IN_RULES, windowStart } from '../domain/throttle.ts';
import { deleteSession, getSession, putSession, touchSession } from '../store/sessions.ts';
import { getCohort, getEnrolmentCode, getTenant } from '../store/tenants.ts';
import { getFailureCounts, recordFailure, type ThrottleSubject } from '../store/throttle.ts';
import { CodeNotUsable, createAccount, EmailTaken, findUserIdByEmail, loadUserWithMemberships, type MembershipRecord, type UserRecord } from '../store/users.ts';
import type { Deps } from './deps.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const newId = () => randomBytes(12).toString('base64url');

export interface Authenticated {
  user: UserRecord;
  memberships: MembershipRecord[];
  principal: Principal;
  csrfToken: string;
  tokenHash: string;
}

export interface NewSession { token: string; auth: Authenticated }

const principalOf = (user: UserRecord, memberships: MembershipRecord[]): Principal => ({
  userId: user.id, admin: user.admin, memberships: memberships.map((m) => ({ tenantId: m.tenantId, role: m.role })),
});

async function startSession(deps: Deps, user: UserRecord, memberships: MembershipRecord[]): Promise<NewSession> {
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const tokenHash = sha256(token);
  const csrfToken = randomBytes(24).toString('base64url');
  await putSession(deps.db, tokenHash, { userId: user.id, csrfToken, createdAt: now.toISOString(), lastSeenAt: now.toISOString() },
    sessionHardExpiry(now, deps.config.sessionRules));
  return { token, auth: { user, memberships, principal: principalOf(user, memberships), csrfToken, tokenHash } };
}

/** What a sign-up page shows before the founder commits: the municipality the code belongs to. */
export async function describeCode(deps: Deps, code: string): Promise<{ tenantName: { ja: string; en: string }; cohortName: string | null }> {
  const c = await getEnrolmentCode(deps.db, code);
  if (!c) throw new DomainError(404, 'code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  assertCodeUsable(c.expiresAt, enrolmentCodeState(c, deps.clock()));
  const [tenant, cohort] = await Promise.all([getTenant(deps.db, c.tenantId), c.cohortId ? getCohort(deps.db, c.tenantId, c.cohortId) : undefined]);
  if (!tenant) throw new DomainError(404, 'code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  return { tenantName: tenant.name, cohortName: cohort?.name ?? null };
}

function assertCodeUsable(expiresAt: string | null, state: ReturnType<typeof enrolmentCodeState>) {
  if (state === 'expired') throw new DomainError(400, 'code_expired', `This enrolment code expired on ${expiresAt}`, { code: 'expired' });
  if (state === 'used_up') throw new DomainError(400, 'code_used_up', 'This enrolment code has reached its limit of sign-ups', { code: 'used_up' });
}

/** A founder joins their municipality with its enrolment code: account, membership, summary and code use in one transaction. */
export async function signUp(deps: Deps, body: SignUpBody & { locale: 'ja' | 'en' }): Promise<NewSession> {
  const now = deps.clock();
  const code = await getEnrolmentCode(deps.db, body.code);
  if (!code) throw new DomainError(400, 'code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  assertCodeUsable(code.expiresAt, enrolmentCodeState(code, now));
  if (passwordProblem(body.password, { email: body.email, name: body.name })) {
    throw new DomainError(400, 'password_too_common', 'This password is too common or too easy to guess; choose another', { password: 'too_common' });
  }
  const tenant = await getTenant(deps.db, code.tenantId);
  if (!tenant) throw new DomainError(400, 'code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  const user: UserRecord = {
    id: newId(), email: body.email, name: body.name, passwordHash: await hashPassword(body.password, deps.config.scrypt),
    admin: false, locale: body.locale, learnerTenantId: code.tenantId, createdAt: now.toISOString(),
  };
  const membership: MembershipRecord = { userId: user.id, tenantId: code.tenantId, tenantName: tenant.name.ja, role: 'learner', cohortId: code.cohortId };
  try {
    await createAccount(deps.db, {
      user, memberships: [membership],
      learnerSummary: { tenantId: code.tenantId, name: user.name, cohortId: code.cohortId, joinedAt: user.createdAt },
      consumeCode: { code: code.code, now: now.toISOString() },
    });
  } catch (e) {
    if (e instanceof EmailTaken) throw new DomainError(409, 'email_taken', 'An account with this email already exists; sign in instead', { email: 'taken' });
    if (e instanceof CodeNotUsable) throw new DomainError(400, 'code_used_up', 'This enrolment code has reached its limit of sign-ups', { code: 'used_up' });
    throw e;
  }
  return startSession(deps, user, [membership]);
}

/** Email + password sign-in, throttled per account and per address; unknown emails cost the same time as wrong passwords. */
export async function signIn(deps: Deps, body: { email: string; password: string }, address: string): Promise<NewSession> {
  const now = deps.clock();
  const subjects: ThrottleSubject[] = [
    { kind: 'acct', subjectHash: sha256(body.email), windowStart: windowStart(now, SIGN_IN_RULES.account), windowSeconds: SIGN_IN_RULES.account.windowSeconds },
    { kind: 'addr', subjectHash: sha256(address), windowStart: windowStart(now, SIGN_IN_RULES.address), windowSeconds: SIGN_IN_RULES.address.windowSeconds },
  ];
  // The throttle counters and the email lookup are independent reads: one round trip for both.
  const [[acctFailures = 0, addrFailures = 0], userId] = await Promise.all([getFailureCounts(deps.db, subjects), findUserIdByEmail(deps.db, body.email)]);
  const wait = Math.max(retryAfter(acctFailures, now, SIGN_IN_RULES.account), retryAfter(addrFailures, now, SIGN_IN_RULES.address));
  if (wait > 0) {
    throw new DomainError(429, 'rate_limited', `Too many failed sign-in attempts; try again in ${Math.ceil(wait / 60)} minutes`, undefined, wait);
  }
  const loaded = userId ? await loadUserWithMemberships(deps.db, userId) : undefined;
  const ok = await verifyPassword(body.password, loaded?.user.passwordHash ?? await dummyHash(deps.config.scrypt));
  if (!loaded || !ok) {
    await Promise.all(subjects.map((s) => recordFailure(deps.db, s)));
    throw new DomainError(401, 'invalid_credentials', 'The email or password is not correct');
  }
  return startSession(deps, loaded.user, loaded.memberships);
}

/** Resolves a session cookie to the signed-in person, enforcing idle and absolute expiry. */
export async function authenticate(deps: Deps, token: string | undefined): Promise<Authenticated | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = sha256(token);
  const s = await getSession(deps.db, tokenHash);
  if (!s) return null;
  const now = deps.clock();
  const verdict = sessionVerdict(s, now, deps.config.sessionRules);
  if (verdict === 'expired') {
    await deleteSession(deps.db, tokenHash);
    return null;
  }
  const [loaded] = await Promise.all([
    loadUserWithMemberships(deps.db, s.userId),
    verdict === 'valid_touch' ? touchSession(deps.db, tokenHash, now.toISOString()) : undefined,
  ]);
  if (!loaded) return null;
  return { ...loaded, principal: principalOf(loaded.user, loaded.memberships), csrfToken: s.csrfToken, tokenHash };
}

export async function signOut(deps: Deps, auth: Authenticated): Promise<void> {
  await deleteSession(deps.db, auth.tokenHash);
}

export function meOf(auth: Authenticated): Me {
  return {
    user: { id: auth.user.id, name: auth.user.name, email: auth.user.email, admin: auth.user.admin, locale: auth.user.locale },
    memberships: auth.memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenantName, role: m.role, cohortId: m.cohortId })),
    csrfToken: auth.csrfToken,
  };
}

