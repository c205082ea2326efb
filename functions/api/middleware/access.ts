import type { Context, MiddlewareHandler } from 'hono';
import type { Action } from '../../domain/policy.ts';
import { notFound } from '../../domain/errors.ts';
import { authorize, type LoadedFounder, type Target } from '../../services/access.ts';
import type { AppEnv } from '../env.ts';
import type { Log } from './errors.ts';
import { requireAuth } from './login.ts';

/**
 * Every route declares who may call it, with exactly one of these, after its validators:
 * `open` (anyone), `signedIn` (any signed-in person, about themselves) or `allow(action, target)` (the one policy,
 * through the checkpoint in services/access.ts). A route that answers 2xx without a declaration is a bug, and
 * `declaredAccessOnly` turns it into a logged 500 instead of data served to whoever asked.
 */
export function allow(action: Action, target: (c: Context<AppEnv>) => Target): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { resource, founder } = await authorize(c.get('deps'), c.get('auth'), action, target(c));
    c.set('access', { action, resource });
    if (founder) c.set('founder', founder);
    await next();
  };
}

export const open: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('access', 'public');
  await next();
};

export const signedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  requireAuth(c);
  c.set('access', 'signed_in');
  await next();
};

/** Targets named by a route's path (validated by `param` before), and the caller themselves. */
export const self = (): Target => ({ kind: 'self' });
export const region = (): Target => ({ kind: 'region' });
export const tenantInPath = (c: Context<AppEnv>): Target => ({ kind: 'tenant', tenantId: c.req.param('tenantId')! });
export const founderInPath = (c: Context<AppEnv>): Target => ({ kind: 'learner', userId: c.req.param('userId')! });
/** An invitation named by the path's municipality (or none: the union) and the body's role, validated before. */
export const invitationIn = (where: 'path' | 'body') => (c: Context<AppEnv>): Target => {
  const body = (c.req as unknown as { valid(t: 'json'): { role: 'learner' | 'advisor' | 'staff' | 'admin'; tenantId?: string } }).valid('json');
  return { kind: 'invitation', tenantId: where === 'path' ? c.req.param('tenantId')! : body.tenantId ?? null, role: body.role };
};
/** Importing founders from a CSV invites founders into the path's municipality. */
export const founderInvitations = (c: Context<AppEnv>): Target => ({ kind: 'invitation', tenantId: c.req.param('tenantId')!, role: 'learner' });
export const callerAsFounder = (c: Context<AppEnv>): Target => ({ kind: 'learner', userId: requireAuth(c).user.id });

/** The founder the checkpoint loaded for this route; a founder who does not exist is a 404 (for admin, who got this far). */
export function founderOf(c: Context<AppEnv>): LoadedFounder {
  const f = c.get('founder');
  if (!f) throw notFound('Founder');
  return f;
}

export function declaredAccessOnly(log: Log): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status < 400 && c.get('access') === undefined) {
      log('error', 'route without an access declaration', { requestId: c.get('requestId'), path: c.req.path, method: c.req.method });
      c.res = new Response(JSON.stringify({ error: { code: 'internal', message: 'Something went wrong on our side; please try again', requestId: c.get('requestId') } }), {
        status: 500, headers: { 'content-type': 'application/json' },
      });
    }
  };
}
