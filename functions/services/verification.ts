import { verifyMail } from '../domain/mails.ts';
import { DomainError } from '../domain/errors.ts';
import { getToken, putToken, takeToken } from '../store/tokens.ts';
import { getUser, markEmailVerified, type UserRecord } from '../store/users.ts';
import type { Deps } from './deps.ts';
import { hashToken, linkWithToken, minutesFrom, newToken, VALIDITY_MINUTES } from './tokens.ts';

/** Mails a link that confirms the account's current address. */
export async function sendVerification(deps: Deps, user: Pick<UserRecord, 'id' | 'email' | 'name' | 'locale'>): Promise<void> {
  const now = deps.clock();
  const { token, hash } = newToken();
  await putToken(deps.db, hash, { purpose: 'verify_email', userId: user.id, email: user.email, createdAt: now.toISOString(), expiresAt: minutesFrom(now, VALIDITY_MINUTES.verify_email) });
  await deps.mailer.send({ to: user.email, ...verifyMail({ locale: user.locale, name: user.name, link: linkWithToken(deps.siteUrl, '/account/confirm-email', token), validMinutes: VALIDITY_MINUTES.verify_email }) });
}

/** A token of `purpose`, used up; token_invalid / token_expired otherwise (the same for unknown, used and tampered). */
export async function takeValidToken(deps: Deps, token: string, purpose: 'reset' | 'verify_email' | 'change_email') {
  const hash = hashToken(token);
  const peek = await getToken(deps.db, hash);
  if (!peek || peek.purpose !== purpose) throw new DomainError('token_invalid', 'This link is not valid; it may have been used already', { token: 'invalid' });
  const t = await takeToken(deps.db, hash);
  if (!t) throw new DomainError('token_invalid', 'This link is not valid; it may have been used already', { token: 'invalid' });
  if (t.expiresAt <= deps.clock().toISOString()) throw new DomainError('token_expired', 'This link has expired; ask for a new one', { token: 'expired' });
  return t;
}

/** Opening the link: the address is confirmed if it is still the account's address. */
export async function confirmVerification(deps: Deps, token: string): Promise<void> {
  const t = await takeValidToken(deps, token, 'verify_email');
  const user = t.userId ? await getUser(deps.db, t.userId) : undefined;
  if (!user || !t.email || !(await markEmailVerified(deps.db, user, t.email, deps.clock().toISOString()))) {
    throw new DomainError('token_invalid', 'This link is for an address the account no longer uses', { token: 'stale' });
  }
}

/** What a mail link's token is for (the confirm-email page serves verification and address change alike). */
export async function tokenPurpose(deps: Deps, token: string) {
  return (await getToken(deps.db, hashToken(token)))?.purpose;
}
