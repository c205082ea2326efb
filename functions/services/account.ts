import type { AccountPatch, LoginInfo } from '../contract/account.ts';
import { DomainError, notFound } from '../domain/errors.ts';
import { emailChangeMail, emailChangeNotice, passwordChangedMail, resetMail } from '../domain/mails.ts';
import { passwordProblem } from '../domain/password.ts';
import { ACCOUNT_RULES } from '../domain/throttle.ts';
import { loginVerdict } from '../domain/login.ts';
import { deleteLogin, endOtherLogins, listLoginsOfUser } from '../store/logins.ts';
import { getToken, putToken } from '../store/tokens.ts';
import { changeEmail, EmailTaken, findUserIdByEmail, getUser, markEmailVerified, setPasswordHash, updateProfile } from '../store/users.ts';
import type { Authenticated } from './auth.ts';
import { subject, throttle } from './throttle.ts';
import type { Deps } from './deps.ts';
import { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { hashToken, linkWithToken, minutesFrom, newToken, VALIDITY_MINUTES } from './tokens.ts';
import { sendVerification, takeValidToken } from './verification.ts';

const tooCommon = () => new DomainError('password_too_common', 'This password is too common or too easy to guess; choose another', { password: 'too_common' });

/** The person's own name, language and reminder setting. */
export async function updateAccount(deps: Deps, auth: Authenticated, patch: AccountPatch): Promise<void> {
  await updateProfile(deps.db, auth.user, patch);
}

/**
 * Checks the current password before a sensitive change (ASVS 2.5): throttled per account like sign-in, so a
 * borrowed session cannot guess it.
 */
export async function reauthenticate(deps: Deps, auth: Authenticated, password: string): Promise<void> {
  const now = deps.clock();
  const subjects = [{ s: subject('reauth', auth.user.id, ACCOUNT_RULES.reauth, now), rule: ACCOUNT_RULES.reauth }];
  const attempt = await throttle(deps, now, subjects, 'password', 'failures');
  if (!(await verifyPassword(password, auth.user.passwordHash))) {
    await attempt.failed();
    throw new DomainError('password_incorrect', 'Your current password is not correct', { currentPassword: 'incorrect' });
  }
  await attempt.succeeded();
}

/** A new password with the current one: every other login ends, and the person is told by mail. */
export async function changePassword(deps: Deps, auth: Authenticated, body: { currentPassword: string; newPassword: string }): Promise<void> {
  await reauthenticate(deps, auth, body.currentPassword);
  if (passwordProblem(body.newPassword, { email: auth.user.email, name: auth.user.name })) throw tooCommon();
  await setPasswordHash(deps.db, auth.user.id, await hashPassword(body.newPassword, deps.config.scrypt));
  await endOtherLogins(deps.db, auth.user.id, auth.tokenHash);
  await deps.mailer.send({ to: auth.user.email, ...passwordChangedMail({ locale: auth.user.locale, name: auth.user.name, siteUrl: deps.siteUrl }) }).catch(() => undefined);
}

async function mailThrottle(deps: Deps, userId: string) {
  const now = deps.clock();
  await throttle(deps, now, [{ s: subject('mails', userId, ACCOUNT_RULES.mails, now), rule: ACCOUNT_RULES.mails }], 'mail');
}

/** Sends the confirmation link again (the account's current address). */
export async function resendVerification(deps: Deps, auth: Authenticated): Promise<void> {
  if (auth.user.emailVerifiedAt) throw new DomainError('conflict', 'This address is already confirmed');
  await mailThrottle(deps, auth.user.id);
  await sendVerification(deps, auth.user);
}

/**
 * Asks to move the account to a new address: a link goes to the new address (the change happens only when it is
 * opened) and a notice to the old one.
 */
export async function requestEmailChange(deps: Deps, auth: Authenticated, body: { email: string; currentPassword: string }): Promise<void> {
  await reauthenticate(deps, auth, body.currentPassword);
  if (body.email === auth.user.email) throw new DomainError('invalid_request', 'This is already your address', { email: 'same' });
  if (await findUserIdByEmail(deps.db, body.email)) throw new DomainError('email_taken', 'Another account uses this address', { email: 'taken' });
  await mailThrottle(deps, auth.user.id);
  const now = deps.clock();
  const { token, hash } = newToken();
  await putToken(deps.db, hash, { purpose: 'change_email', userId: auth.user.id, email: body.email, createdAt: now.toISOString(), expiresAt: minutesFrom(now, VALIDITY_MINUTES.change_email) });
  const u = auth.user;
  await deps.mailer.send({ to: body.email, ...emailChangeMail({ locale: u.locale, name: u.name, newEmail: body.email, link: linkWithToken(deps.siteUrl, '/account/confirm-email', token), validMinutes: VALIDITY_MINUTES.change_email }) });
  await deps.mailer.send({ to: u.email, ...emailChangeNotice({ locale: u.locale, name: u.name, newEmail: body.email, siteUrl: deps.siteUrl }) }).catch(() => undefined);
}

/** The link from the new address: the account moves to it (confirmed by the opening). */
export async function confirmEmailChange(deps: Deps, token: string): Promise<void> {
  const t = await takeValidToken(deps, token, 'change_email');
  const user = t.userId ? await getUser(deps.db, t.userId) : undefined;
  if (!user || !t.email) throw new DomainError('token_invalid', 'This link is not valid', { token: 'invalid' });
  try {
    if (!(await changeEmail(deps.db, user, { old: user.email, next: t.email, at: deps.clock().toISOString() }))) {
      throw new DomainError('token_invalid', 'The account changed meanwhile; ask for a new link', { token: 'stale' });
    }
  } catch (e) {
    if (e instanceof EmailTaken) throw new DomainError('email_taken', 'Another account uses this address now', { email: 'taken' });
    throw e;
  }
}

/** The signed-in browsers of this person (not yet expired), this one first. */
export async function listLogins(deps: Deps, auth: Authenticated): Promise<{ items: LoginInfo[] }> {
  const now = deps.clock();
  const all = await listLoginsOfUser(deps.db, auth.user.id);
  const live = all.filter((l) => loginVerdict(l, now, deps.config.loginRules) !== 'expired' && l.id);
  const items = live.map((l) => ({
    id: l.id!, device: l.device ?? 'Unknown device', createdAt: l.createdAt, lastSeenAt: l.lastSeenAt, current: l.tokenHash === auth.tokenHash, secondFactor: l.secondFactor === true,
  }));
  items.sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  return { items };
}

/** Ends one of the person's logins (its next request is signed out). True when it was this browser's. */
export async function endLogin(deps: Deps, auth: Authenticated, loginId: string): Promise<{ current: boolean }> {
  const found = (await listLoginsOfUser(deps.db, auth.user.id)).find((l) => l.id === loginId);
  if (!found) throw notFound('Signed-in device');
  await deleteLogin(deps.db, found.tokenHash);
  return { current: found.tokenHash === auth.tokenHash };
}

/**
 * "Forgot password": the same answer, in about the same time, whether or not the email has an account — the known
 * path writes a token and sends a mail within `uniformReplyMs`; the unknown one waits it out.
 */
export async function requestPasswordReset(deps: Deps, email: string, address: string): Promise<void> {
  const now = deps.clock();
  await throttle(deps, now, [
    { s: subject('reset-email', email, ACCOUNT_RULES.resetEmail, now), rule: ACCOUNT_RULES.resetEmail },
    { s: subject('reset-addr', address, ACCOUNT_RULES.resetAddress, now), rule: ACCOUNT_RULES.resetAddress },
  ], 'password reset');
  // The throttle is the same work for any email; the uniform time covers what differs after it.
  const started = performance.now();
  try {
    const userId = await findUserIdByEmail(deps.db, email);
    const user = userId ? await getUser(deps.db, userId) : undefined;
    if (user && !user.deactivatedAt) {
      const { token, hash } = newToken();
      await putToken(deps.db, hash, { purpose: 'reset', userId: user.id, email: user.email, createdAt: now.toISOString(), expiresAt: minutesFrom(now, VALIDITY_MINUTES.reset) });
      await deps.mailer.send({ to: user.email, ...resetMail({ locale: user.locale, name: user.name, link: linkWithToken(deps.siteUrl, '/reset-password', token), validMinutes: VALIDITY_MINUTES.reset }) });
    } else {
      await dummyHash(deps.config.scrypt);
    }
  } finally {
    const wait = deps.config.uniformReplyMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}

/**
 * A new password from the reset link: the link is used up, every login of the account ends, and the address counts
 * as confirmed (the person just proved they read its mail). Two-factor sign-in stays on.
 */
export async function resetPassword(deps: Deps, body: { token: string; password: string }): Promise<void> {
  // The password is judged before the link is used up: a refused password must not cost the person their link.
  const peek = await getToken(deps.db, hashToken(body.token));
  const pending = peek?.purpose === 'reset' && peek.userId ? await getUser(deps.db, peek.userId) : undefined;
  if (pending && passwordProblem(body.password, { email: pending.email, name: pending.name })) throw tooCommon();
  const t = await takeValidToken(deps, body.token, 'reset');
  const user = t.userId ? await getUser(deps.db, t.userId) : undefined;
  if (!user || user.email !== t.email) throw new DomainError('token_invalid', 'This link is not valid', { token: 'invalid' });
  await setPasswordHash(deps.db, user.id, await hashPassword(body.password, deps.config.scrypt));
  await endOtherLogins(deps.db, user.id);
  if (!user.emailVerifiedAt) await markEmailVerified(deps.db, user, user.email, deps.clock().toISOString());
}
