import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DomainError, unauthenticated } from '../../domain/errors.ts';
import { authenticate, type Authenticated, type NewLogin } from '../../services/auth.ts';
import type { AppEnv } from '../env.ts';

export const cookieName = (secure: boolean) => (secure ? '__Host-sid' : 'sid');

/** Loads the login named by the cookie, if any. Routes decide whether they need one. */
export const loadLogin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  const auth = await authenticate(deps, getCookie(c, cookieName(deps.config.secureCookies)));
  c.set('auth', auth);
  await next();
};

export function requireAuth(c: Context<AppEnv>): Authenticated {
  const auth = c.get('auth');
  if (!auth) throw unauthenticated();
  return auth;
}

/** `__Host-` prefix, HttpOnly, SameSite=Lax, Path=/; no Max-Age beyond the absolute login lifetime. */
export function setLoginCookie(c: Context<AppEnv>, s: NewLogin) {
  const { secureCookies, loginRules } = c.get('deps').config;
  setCookie(c, cookieName(secureCookies), s.token, {
    httpOnly: true, secure: secureCookies, sameSite: 'Lax', path: '/', maxAge: loginRules.absoluteSeconds,
  });
}

export function clearLoginCookie(c: Context<AppEnv>) {
  const { secureCookies } = c.get('deps').config;
  deleteCookie(c, cookieName(secureCookies), { path: '/', secure: secureCookies, httpOnly: true, sameSite: 'Lax' });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence in two layers for every state-changing request: the Origin (or Sec-Fetch-Site) must be this site, and a
 * signed-in caller must echo the login's synchronizer token in X-CSRF-Token. SameSite=Lax is the third layer.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const allowed = c.get('deps').config.allowedOrigins;
  const own = new URL(c.req.url).origin;
  const originOk = origin ? origin === own || allowed.includes(origin) : site === 'same-origin';
  if (!originOk) throw new DomainError('csrf_failed', 'This request did not come from the Sōgyō Campus site');
  const auth = c.get('auth');
  if (auth) {
    const sent = Buffer.from(c.req.header('x-csrf-token') ?? '');
    const expected = Buffer.from(auth.csrfToken);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      throw new DomainError('csrf_failed', 'The security token is missing or stale; reload the page and try again');
    }
  }
  await next();
};
