import { changesOf } from '../domain/totals.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { SecondStep, TotpSignInBody } from '../contract/account.ts';
import type { Me, SignInBody, SignUpBody } from '../contract/api.ts';
import { deviceLabel } from '../domain/device.ts';
import { ACCOUNT_RULES } from '../domain/throttle.ts';
import { enrolmentCodeState } from '../domain/enrolment.ts';
import { DomainError } from '../domain/errors.ts';
import { passwordProblem } from '../domain/password.ts';
import type { Principal } from '../domain/policy.ts';
import { loginHardExpiry, loginVerdict } from '../domain/login.ts';
import { SIGN_IN_RULES, SIGN_UP_RULES } from '../domain/throttle.ts';
import { deleteLogin, getLogin, putLogin, touchLogin } from '../store/logins.ts';
import { countTokenFailure, deleteToken, getToken, putToken, takeToken, type TokenRecord } from '../store/tokens.ts';
import { hashToken, minutesFrom, newToken, VALIDITY_MINUTES } from './tokens.ts';
import { checkSecondFactor } from './totp.ts';
import { sendVerification } from './verification.ts';
import { getCohort, getEnrolmentCode, getTenant } from '../store/tenants.ts';
import { CodeNotUsable, createAccount, EmailTaken, findUserIdByEmail, loadUserWithMemberships, type MembershipRecord, type UserRecord } from '../store/users.ts';
import type { Deps } from './deps.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { subject, throttle } from './throttle.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const newId = () => randomBytes(12).toString('base64url');

export interface Authenticated {
  user: UserRecord;
  memberships: MembershipRecord[];
  principal: Principal;
  csrfToken: string;
  tokenHash: string;
  /** This login's public id (account page) and whether it passed the second factor. */
  login: { id: string; secondFactor: boolean };
}

export interface NewLogin { token: string; auth: Authenticated }

const principalOf = (user: UserRecord, memberships: MembershipRecord[], secondFactor: boolean): Principal => ({
  userId: user.id, admin: user.admin, memberships: memberships.map((m) => ({ tenantId: m.tenantId, role: m.role })), secondFactor,
});

/** Staff, advisors and admins see other people's data: they must sign in with a second factor. */
export const secondFactorRequired = (user: UserRecord, memberships: MembershipRecord[]) => user.admin || memberships.some((m) => m.role !== 'learner');

/** A new signed-in browser. `device` is the user agent, kept as a label only. */
export async function startLogin(deps: Deps, user: UserRecord, memberships: MembershipRecord[], o: { userAgent?: string; secondFactor?: boolean } = {}): Promise<NewLogin> {
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const tokenHash = sha256(token);
  const csrfToken = randomBytes(24).toString('base64url');
  const id = randomBytes(12).toString('base64url');
  const secondFactor = o.secondFactor ?? false;
  await putLogin(deps.db, tokenHash, {
    userId: user.id, csrfToken, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), id, device: deviceLabel(o.userAgent), secondFactor,
  }, loginHardExpiry(now, deps.config.loginRules));
  return { token, auth: { user, memberships, principal: principalOf(user, memberships, secondFactor), csrfToken, tokenHash, login: { id, secondFactor } } };
}

/** What a sign-up page shows before the founder commits: the municipality the code belongs to. */
export async function describeCode(deps: Deps, code: string): Promise<{ tenantName: { ja: string; en: string }; cohortName: string | null }> {
  const c = await getEnrolmentCode(deps.db, code);
  if (!c) throw new DomainError('code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  assertCodeUsable(c.expiresAt, enrolmentCodeState(c, deps.clock()));
  const [tenant, cohort] = await Promise.all([getTenant(deps.db, c.tenantId), c.cohortId ? getCohort(deps.db, c.tenantId, c.cohortId) : undefined]);
  if (!tenant) throw new DomainError('code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  return { tenantName: tenant.name, cohortName: cohort?.name ?? null };
}

function assertCodeUsable(expiresAt: string | null, state: ReturnType<typeof enrolmentCodeState>) {
  if (state === 'expired') throw new DomainError('code_expired', `This enrolment code expired on ${expiresAt}`, { code: 'expired' });
  if (state === 'revoked') throw new DomainError('code_revoked', 'This enrolment code was withdrawn by the municipality', { code: 'revoked' });
  if (state === 'used_up') throw new DomainError('code_used_up', 'This enrolment code has reached its limit of sign-ups', { code: 'used_up' });
}

/** A founder joins their municipality with its enrolment code: account, membership, summary and code use in one transaction. */
export async function signUp(deps: Deps, body: SignUpBody & { locale: 'ja' | 'en' }, address: string, userAgent?: string): Promise<NewLogin> {
  const now = deps.clock();
  await throttle(deps, now, [
    { s: subject('signup-addr', address, SIGN_UP_RULES.address, now), rule: SIGN_UP_RULES.address },
    { s: subject('signup-email', body.email, SIGN_UP_RULES.email, now), rule: SIGN_UP_RULES.email },
  ], 'sign-up');
  const code = await getEnrolmentCode(deps.db, body.code);
  if (!code) throw new DomainError('code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  assertCodeUsable(code.expiresAt, enrolmentCodeState(code, now));
  if (passwordProblem(body.password, { email: body.email, name: body.name })) {
    throw new DomainError('password_too_common', 'This password is too common or too easy to guess; choose another', { password: 'too_common' });
  }
  const tenant = await getTenant(deps.db, code.tenantId);
  if (!tenant) throw new DomainError('code_invalid', 'This enrolment code does not exist', { code: 'unknown' });
  const user: UserRecord = {
    id: newId(), email: body.email, name: body.name, passwordHash: await hashPassword(body.password, deps.config.scrypt),
    admin: false, locale: body.locale, learnerTenantId: code.tenantId, createdAt: now.toISOString(),
  };
  const membership: MembershipRecord = { userId: user.id, tenantId: code.tenantId, tenantName: tenant.name, role: 'learner', cohortId: code.cohortId };
  try {
    await createAccount(deps.db, {
      user, memberships: [membership],
      learnerSummary: { tenantId: code.tenantId, name: user.name, email: user.email, cohortId: code.cohortId, joinedAt: user.createdAt, code: code.code },
      consumeCode: { code: code.code, now: now.toISOString() }, counters: changesOf({ kind: 'signed_up', at: user.createdAt }),
    });
  } catch (e) {
    if (e instanceof EmailTaken) throw new DomainError('email_taken', 'An account with this email already exists; sign in instead', { email: 'taken' });
    if (e instanceof CodeNotUsable) throw new DomainError('code_used_up', 'This enrolment code has reached its limit of sign-ups', { code: 'used_up' });
    throw e;
  }
  // The account works at once; the address is confirmed through the mailed link. A mail that cannot be sent now is
  // not a failed sign-up: the founder can have it sent again from their account page.
  await sendVerification(deps, user).catch(() => undefined);
  return startLogin(deps, user, [membership], { userAgent });
}

/** Email + password sign-in, throttled per account and per address; unknown emails cost the same time as wrong passwords. */
export async function signIn(deps: Deps, body: { email: string; password: string }, address: string, userAgent?: string): Promise<NewLogin | SecondStep> {
  const now = deps.clock();
  const subjects = [
    { s: subject('acct', body.email, SIGN_IN_RULES.account, now), rule: SIGN_IN_RULES.account },
    { s: subject('addr', address, SIGN_IN_RULES.address, now), rule: SIGN_IN_RULES.address },
  ];
  // The reservation and the email lookup are independent: one round trip for both. The lookup's answer is used only
  // once the reservation succeeded.
  const [reserved, userId] = await Promise.allSettled([throttle(deps, now, subjects, 'sign-in', 'failures'), findUserIdByEmail(deps.db, body.email)]);
  if (reserved.status === 'rejected') throw reserved.reason;
  if (userId.status === 'rejected') throw userId.reason;
  const attempt = reserved.value;
  const loaded = userId.value ? await loadUserWithMemberships(deps.db, userId.value) : undefined;
  const ok = await verifyPassword(body.password, loaded?.user.passwordHash ?? await dummyHash(deps.config.scrypt));
  if (!loaded || !ok) {
    await attempt.failed();
    throw new DomainError('invalid_credentials', 'The email or password is not correct');
  }
  // Only after the password: a suspended account is not revealed to someone who does not know it.
  if (loaded.user.deactivatedAt) {
    await attempt.failed();
    throw new DomainError('account_deactivated', 'This account has been suspended by the municipality; please contact them');
  }
  await attempt.succeeded();
  if (loaded.user.totpEnabledAt) {
    // The password was right; the login starts only with a code from the authenticator (or a recovery code).
    const { token, hash } = newToken();
    await putToken(deps.db, hash, { purpose: 'signin_totp', userId: loaded.user.id, createdAt: now.toISOString(), expiresAt: minutesFrom(now, VALIDITY_MINUTES.signin_totp), failures: 0 });
    return { next: 'totp', ticket: token };
  }
  return startLogin(deps, loaded.user, loaded.memberships, { userAgent });
}

/**
 * The second step of a two-factor sign-in: the ticket from the password step and a current code (or a recovery code).
 * Wrong codes count against the account like wrong passwords, and a ticket allows at most five.
 */
export async function signInSecondStep(deps: Deps, body: TotpSignInBody, address: string, userAgent?: string): Promise<NewLogin> {
  const now = deps.clock();
  const hash = hashToken(body.ticket);
  const ticket: TokenRecord | undefined = await getToken(deps.db, hash);
  if (!ticket || ticket.purpose !== 'signin_totp' || !ticket.userId) throw new DomainError('token_invalid', 'Start again from the password step', { ticket: 'invalid' });
  if (ticket.expiresAt <= now.toISOString()) {
    await deleteToken(deps.db, hash);
    throw new DomainError('token_expired', 'The sign-in took too long; start again from the password step', { ticket: 'expired' });
  }
  const subjects = [
    { s: subject('totp', ticket.userId, ACCOUNT_RULES.totp, now), rule: ACCOUNT_RULES.totp },
    { s: subject('addr', address, SIGN_IN_RULES.address, now), rule: SIGN_IN_RULES.address },
  ];
  const attempt = await throttle(deps, now, subjects, 'code', 'failures');
  const ok = await checkSecondFactor(deps, ticket.userId, body);
  if (!ok) {
    await attempt.failed();
    if (!(await countTokenFailure(deps.db, hash, 5))) await deleteToken(deps.db, hash);
    throw new DomainError('totp_invalid', 'The code is not correct or was already used', { code: 'invalid' });
  }
  await attempt.succeeded();
  // One sign-in per password step: a second use of the ticket finds nothing.
  if (!(await takeToken(deps.db, hash))) throw new DomainError('token_invalid', 'Start again from the password step', { ticket: 'invalid' });
  const loaded = await loadUserWithMemberships(deps.db, ticket.userId);
  if (!loaded || loaded.user.deactivatedAt) throw new DomainError('invalid_credentials', 'The email or password is not correct');
  return startLogin(deps, loaded.user, loaded.memberships, { userAgent, secondFactor: true });
}

/** Resolves a login cookie to the signed-in person, enforcing idle and absolute expiry. */
export async function authenticate(deps: Deps, token: string | undefined): Promise<Authenticated | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = sha256(token);
  const s = await getLogin(deps.db, tokenHash);
  if (!s) return null;
  const now = deps.clock();
  const verdict = loginVerdict(s, now, deps.config.loginRules);
  if (verdict === 'expired') {
    await deleteLogin(deps.db, tokenHash);
    return null;
  }
  const [loaded] = await Promise.all([
    loadUserWithMemberships(deps.db, s.userId),
    verdict === 'valid_touch' ? touchLogin(deps.db, tokenHash, now.toISOString()) : undefined,
  ]);
  if (!loaded || loaded.user.deactivatedAt) return null;
  const secondFactor = s.secondFactor === true;
  return { ...loaded, principal: principalOf(loaded.user, loaded.memberships, secondFactor), csrfToken: s.csrfToken, tokenHash, login: { id: s.id ?? '', secondFactor } };
}

export async function signOut(deps: Deps, auth: Authenticated): Promise<void> {
  await deleteLogin(deps.db, auth.tokenHash);
}

export function meOf(auth: Authenticated): Me {
  return {
    user: {
      id: auth.user.id, name: auth.user.name, email: auth.user.email, admin: auth.user.admin, locale: auth.user.locale,
      emailVerified: Boolean(auth.user.emailVerifiedAt), totp: Boolean(auth.user.totpEnabledAt),
      secondFactorRequired: secondFactorRequired(auth.user, auth.memberships), remindersOff: auth.user.remindersOff ?? false,
    },
    memberships: auth.memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenantName, role: m.role, cohortId: m.cohortId })),
    login: { secondFactor: auth.login.secondFactor },
    csrfToken: auth.csrfToken,
  };
}

