import { createHash, randomBytes } from 'node:crypto';

/** A one-time token: 32 random bytes (256 bits), base64url — 43 characters. Only its hash is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A link into the web app with the token in the fragment, which browsers never send to a server. */
export const linkWithToken = (siteUrl: string, path: string, token: string) => `${siteUrl}${path}#t=${token}`;

export const minutesFrom = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

export const VALIDITY_MINUTES = {
  invite: 7 * 24 * 60,
  reset: 30,
  verify_email: 7 * 24 * 60,
  change_email: 24 * 60,
  signin_totp: 5,
} as const;
