import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ApiError } from '../../contract/api.ts';

/**
 * CloudFront adds X-Origin-Verify to every request it forwards to the API; a call that skips CloudFront (straight to
 * the execute-api address) lacks it and is refused, so nobody can reach the API around the CDN or spoof the
 * CloudFront-Viewer-Address that sign-in throttling trusts. Several values are accepted at once so that the secret can
 * be rotated without refusing anyone: during a rotation the API accepts the old and the new value while CloudFront's
 * edge locations switch from one to the other (docs/deploying.md, "Rotating the origin secret").
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Compared as SHA-256 digests: equal lengths for timingSafeEqual, so neither a value nor its length leaks by timing. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Refuses with 403 `forbidden` every request whose X-Origin-Verify is not one of `secrets`, in constant time. */
export function verifyOrigin(secrets: readonly string[]): MiddlewareHandler {
  if (secrets.length === 0) throw new Error('verifyOrigin needs at least one secret');
  if (secrets.some((s) => s.trim() === '')) throw new Error('An origin secret must not be empty: a request without the header would match it');
  const expected = secrets.map(digest);
  return async (c, next) => {
    const sent = digest(c.req.header(ORIGIN_VERIFY_HEADER) ?? '');
    // Every accepted value is compared, with no early exit: which one matched (or that none did) takes the same time.
    let match = false;
    for (const e of expected) match = timingSafeEqual(sent, e) || match;
    if (!match) {
      return c.json({ error: { code: 'forbidden', message: 'Use the Sōgyō Campus site address' } } satisfies ApiError, 403);
    }
    await next();
  };
}

/**
 * The check createApp installs: `originSecrets` (and the older single `originSecret`) together; none at all means no
 * check (the local host and most tests, which have no CloudFront in front of them).
 */
export function originCheck(opts: { originSecrets?: readonly string[]; originSecret?: string }): MiddlewareHandler | undefined {
  if (opts.originSecrets !== undefined && opts.originSecrets.length === 0) {
    throw new Error('originSecrets is empty: give at least one secret, or leave it out to run without the origin check');
  }
  const secrets = [...(opts.originSecrets ?? []), ...(opts.originSecret ? [opts.originSecret] : [])];
  return secrets.length > 0 ? verifyOrigin(secrets) : undefined;
}
